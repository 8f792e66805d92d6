// Benchmark of the ledger (台账) at scale (not a test). Seeds N cases (default 100,000) and a
// baseline of 1,000 cases in two databases of their own (<DATABASE_URL's database>_bench_ledger_<n>,
// re-created each run), serves the real app on a local port, and measures in the same run:
//   - GET /api/cases, 20 loads each (p50/p95): the first page in the default order for an admin
//     (every agency), a justice bureau's filtered page (its region, due this week, by next deadline),
//     and a search by party name;
//   - GET /api/cases/export.xlsx of every case: time, size and the process's peak RSS above its
//     level before the export (sampled every 20 ms);
//   - the case API under concurrent load: --clients clients (default 50, bounded) each sending a mix
//     of case views (GET /api/cases/:id) and ledger pages until --requests are done, against the same
//     mix from one client in the same run (the server shares this process: the figures are an upper
//     bound of what a separate server would show);
// and prints each figure for N and for the baseline with the ratio N / baseline.
// Each request carries an API token (Bearer) of an admin or of a justice bureau's staff, so the
// figures include the authentication of every request, as a script or integration would see them.
//   npm run bench:ledger -- [--cases 100000] [--baseline 1000] [--loads 20] [--clients 50] [--requests 2000]
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createApiToken } from '../src/auth/api-tokens.ts';
import { loadConfig } from '../src/config.ts';
import { createDb, migrateLatest, recreateDatabase, type Db } from '../src/db/database.ts';
import { shanghaiDateOf } from '../src/deadlines/dates.ts';
import { createApp } from '../src/http/app.ts';
import { createFakeProcessEngine } from '../src/process-engine/fake-process-engine.ts';
import { seedDemoRegion } from '../src/seed/demo-region.ts';
import { writeFigures } from '../test/bench/figures-file.ts';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '100000' }, baseline: { type: 'string', default: '1000' }, loads: { type: 'string', default: '20' }, clients: { type: 'string', default: '50' }, requests: { type: 'string', default: '2000' } } });
const CLIENTS = Math.min(200, Number(values.clients));
const REQUESTS = Number(values.requests);
const N = Number(values.cases);
const BASELINE = Number(values.baseline);
const LOADS = Number(values.loads);
if (![N, BASELINE, LOADS, CLIENTS, REQUESTS].every((v) => Number.isInteger(v) && v > 0)) throw new Error('--cases, --baseline, --loads, --clients, --requests: 应为正整数');
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const config = loadConfig();

/** Cases over seven years in every stage, plaintiffs, current deadlines around today, decisions served. */
async function seed(db: Db, n: number): Promise<void> {
  await seedDemoRegion(db);
  const today = shanghaiDateOf(new Date());
  // One transaction with the statistics triggers deferred: otherwise the INSERT … SELECT of every
  // case refreshes their summaries in the statement, one advisory lock per case, and PostgreSQL runs
  // out of lock slots ("out of shared memory", max_locks_per_transaction) from about 10,000 cases.
  // The ledger routes measured here do not read the summaries, so they are not rebuilt.
  await db.transaction(async (trx) => {
    await trx.raw(`select set_config('yingsu.statistics_deferred', 'on', true)`);
    await trx.raw(
      `INSERT INTO cases (agency_id, case_number, court, level, cause, act_description, plaintiff_count, flags, complaint_received_on, stage, status, answer_submitted_on)
       SELECT a.ids[1 + i % array_length(a.ids, 1)],
              '（' || (2020 + i % 7) || '）鲁15行初' || i || '号', '聊城市中级人民法院',
              CASE WHEN i % 10 = 0 THEN 'second' ELSE 'first' END,
              (ARRAY['行政处罚','政府信息公开','行政许可','土地行政登记','行政强制'])[1 + i % 5], '行政行为', 1,
              CASE WHEN i % 7 = 0 THEN '{"enterpriseRelated": true}'::jsonb ELSE '{}'::jsonb END,
              date '2020-01-01' + (i * 7919) % 2520,
              (ARRAY['registration','answer','awaiting-hearing','hearing','judgment','performance','archived'])[1 + i % 7],
              CASE WHEN i % 7 = 6 THEN 'closed' ELSE 'open' END,
              CASE WHEN i % 7 IN (2, 3, 4) THEN date '2020-01-20' + (i * 7919) % 2520 END
         FROM generate_series(1, :n) i, (SELECT array_agg(id ORDER BY code) ids FROM agencies WHERE kind <> 'justice-bureau') a`,
      { n },
    );
    await trx.raw(
      `INSERT INTO case_parties (case_id, role, name, type, position)
       SELECT id, 'plaintiff', CASE WHEN hashtext(id::text) % 4 = 0 THEN '聊城' || substr(md5(id::text), 1, 6) || '有限公司' ELSE (ARRAY['张','王','李','赵','刘'])[1 + abs(hashtext(id::text)) % 5] || substr(md5(id::text), 1, 4) END,
              CASE WHEN hashtext(id::text) % 4 = 0 THEN 'enterprise' ELSE 'person' END, 0
         FROM cases`,
    );
    // the answer deadline of every case and one of its current stage, due from 30 days ago to 60 days ahead
    await trx.raw(
      `INSERT INTO case_deadlines (case_id, rule_id, trigger_key, profile, rule_profile, name, stage, basis, trigger_on, due_on, status, explanation, source, computed_reason)
       SELECT id, 'answer-and-evidence', 'complaintReceivedOn', 'national', 'national', '答辩举证期限', 'answer', 'statutory', complaint_received_on, complaint_received_on + 15, 'OK', '—', '行政诉讼法第六十七条', 'bench'
         FROM cases
       UNION ALL
       SELECT id, 'stage-' || stage, 'bench', 'national', 'national', '阶段期限', CASE stage WHEN 'awaiting-hearing' THEN 'hearing' WHEN 'archived' THEN 'judgment' ELSE stage END,
              'statutory', complaint_received_on, :today::date - 30 + abs(hashtext(id::text)) % 90, 'OK', '—', '—', 'bench'
         FROM cases`,
      { today },
    );
    await trx.raw(
      `INSERT INTO case_events (case_id, type, payload, actor)
       SELECT id, 'court-event:judgment-served', jsonb_build_object('kind', 'judgment', 'outcome', (ARRAY['won','lost','partly-lost'])[1 + abs(hashtext(id::text)) % 3], 'servedOn', complaint_received_on + 90), 'bench'
         FROM cases WHERE stage IN ('judgment', 'performance', 'archived')`,
    );
  });
  await db.raw('ANALYZE');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Load {
  p50: number;
  p95: number;
  perSecond: number;
  errors: number;
}

interface Figures {
  pages: Record<string, { p50: number; p95: number; total: number }>;
  load: { one: Load; many: Load };
  export: { seconds: number; rows: number; megabytes: number; peakRssMb: number; rssAboveMb: number };
}

async function measure(n: number): Promise<Figures> {
  const url = new URL(config.DATABASE_URL);
  url.pathname = `${url.pathname.replace(/^\//, '')}_bench_ledger_${n}`;
  await recreateDatabase(url.toString());
  const db = createDb(url.toString(), { min: 1, max: 10 });
  try {
    await migrateLatest(db);
    let t = performance.now();
    await seed(db, n);
    log(`[bench] ${n} cases seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    // an admin (every agency) and the Liaocheng justice bureau's staff (its region), each with an API token
    const tokens: Record<string, string> = {};
    for (const [who, code, role] of [['admin', 'demo-gov', 'admin'], ['bureau', 'liaocheng-justice', 'justice-bureau']] as const) {
      const agencyId = (await db('agencies').where({ code }).first('id')).id;
      const [person] = await db('people').insert({ agency_id: agencyId, name: '基准测试', post: '测试', kind: 'staff', login: `bench-${who}` }).returning('id');
      await db('person_roles').insert({ person_id: person.id, role, agency_id: agencyId });
      tokens[who] = (await createApiToken(db, person.id, { name: 'bench' })).token;
    }
    const auth = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
    const app = createApp({ config, db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    try {
      const party = (await db('case_parties').where('type', 'person').orderBy('id').first('name')).name.slice(0, 3);
      const scenarios: [string, string, string][] = [
        ['first page, default order (admin)', 'admin', '/cases'],
        ['filtered: region, due this week, by deadline', 'bureau', '/cases?due=week&sort=nextDeadline&order=asc'],
        ['search by part of a party name (3 characters)', 'admin', `/cases?q=${encodeURIComponent(party)}`],
      ];
      const pages: Figures['pages'] = {};
      for (const [label, who, path] of scenarios) {
        const times: number[] = [];
        let total = 0;
        await fetch(base + path, { headers: auth(who) }).then((r) => r.json()); // warm-up
        for (let i = 0; i < LOADS; i++) {
          t = performance.now();
          const res = await fetch(base + path, { headers: auth(who) });
          const body = (await res.json()) as { total: number };
          if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
          times.push(performance.now() - t);
          total = body.total;
        }
        times.sort((a, b) => a - b);
        pages[label] = { p50: percentile(times, 50), p95: percentile(times, 95), total };
      }
      // the mix: four case views for one ledger page, cases of the bureau's region
      const caseIds = (await db('cases').orderByRaw('md5(id::text)').limit(500).select('id')).map((r: { id: string }) => r.id);
      const paths = caseIds.flatMap((id, i) => [`/cases/${id}`, ...(i % 4 === 3 ? ['/cases?limit=50&offset=' + (i % 20) * 50] : [])]);
      const runLoad = async (clients: number): Promise<Load> => {
        const times: number[] = [];
        let next = 0;
        let errors = 0;
        const started = performance.now();
        await Promise.all(
          Array.from({ length: clients }, async () => {
            while (next < REQUESTS) {
              const path = paths[next++ % paths.length]!;
              const t0 = performance.now();
              const res = await fetch(base + path, { headers: auth('admin') });
              await res.arrayBuffer();
              if (res.status !== 200) errors++;
              times.push(performance.now() - t0);
            }
          }),
        );
        const seconds = (performance.now() - started) / 1000;
        times.sort((a, b) => a - b);
        return { p50: percentile(times, 50), p95: percentile(times, 95), perSecond: REQUESTS / seconds, errors };
      };
      await runLoad(4); // warm-up
      const load = { one: await runLoad(1), many: await runLoad(CLIENTS) };
      global.gc?.();
      const before = process.memoryUsage.rss();
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
      t = performance.now();
      const res = await fetch(`${base}/cases/export.xlsx`, { headers: auth('admin') });
      let bytes = 0;
      for await (const chunk of res.body!) bytes += (chunk as Uint8Array).length;
      const seconds = (performance.now() - t) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage.rss());
      return { pages, load, export: { seconds, rows: n, megabytes: bytes / 1024 / 1024, peakRssMb: peak / 1024 / 1024, rssAboveMb: (peak - before) / 1024 / 1024 } };
    } finally {
      server.close();
    }
  } finally {
    await db.destroy();
  }
}

const base = await measure(BASELINE);
const big = await measure(N);
const ms = (v: number) => `${v.toFixed(1)} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const lines = [
  `ledger benchmark, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}`,
  `| what | ${BASELINE.toLocaleString('en')} cases | ${N.toLocaleString('en')} cases | ratio |`,
  '|---|---|---|---|',
];
for (const label of Object.keys(big.pages)) {
  const a = base.pages[label]!;
  const b = big.pages[label]!;
  lines.push(`| GET /api/cases — ${label}: p95 of ${LOADS} (p50) | ${ms(a.p95)} (${ms(a.p50)}) | ${ms(b.p95)} (${ms(b.p50)}) | ${ratio(b.p95, a.p95)} |`);
}
for (const [key, label] of [['one', '1 client'], ['many', `${CLIENTS} clients`]] as const) {
  const a = base.load[key];
  const b = big.load[key];
  lines.push(`| case API mix (4 case views : 1 ledger page), ${label}, ${REQUESTS} requests: p95 (p50) | ${ms(a.p95)} (${ms(a.p50)}) | ${ms(b.p95)} (${ms(b.p50)}) | ${ratio(b.p95, a.p95)} |`);
  lines.push(`| the same: requests per second (errors) | ${a.perSecond.toFixed(0)} (${a.errors}) | ${b.perSecond.toFixed(0)} (${b.errors}) | ${ratio(b.perSecond, a.perSecond)} |`);
}
lines.push(`| .xlsx export of every case: time | ${base.export.seconds.toFixed(2)} s | ${big.export.seconds.toFixed(2)} s | ${ratio(big.export.seconds, base.export.seconds)} |`);
lines.push(`| .xlsx export: file size | ${base.export.megabytes.toFixed(2)} MB | ${big.export.megabytes.toFixed(1)} MB | ${ratio(big.export.megabytes, base.export.megabytes)} |`);
lines.push(`| .xlsx export: peak RSS of the process (above its level before) | ${base.export.peakRssMb.toFixed(0)} MB (+${base.export.rssAboveMb.toFixed(0)}) | ${big.export.peakRssMb.toFixed(0)} MB (+${big.export.rssAboveMb.toFixed(0)}) | ${ratio(big.export.peakRssMb, base.export.peakRssMb)} |`);
console.log(lines.join('\n'));

const sizes = `${N.toLocaleString('en-US')} vs ${BASELINE.toLocaleString('en-US')} cases`;
writeFigures([
  ...Object.keys(big.pages).map((label) => ({ bench: 'ledger', figure: `GET /api/cases — ${label}: p95 at ${N.toLocaleString('en-US')} cases`, value: big.pages[label]!.p95, unit: 'ms', baseline: base.pages[label]!.p95, baselineLabel: `${BASELINE.toLocaleString('en-US')} cases`, method: `${LOADS} loads; ${sizes}` })),
  { bench: 'ledger', figure: `case API p95 under ${CLIENTS} concurrent clients at ${N.toLocaleString('en-US')} cases`, value: big.load.many.p95, unit: 'ms', baseline: big.load.one.p95, baselineLabel: '1 client, same size', method: `${REQUESTS} requests, 4 case views : 1 ledger page; ${big.load.many.errors} errors` },
  { bench: 'ledger', figure: `.xlsx export of ${N.toLocaleString('en-US')} cases`, value: big.export.seconds, unit: 's', baseline: base.export.seconds, baselineLabel: `${BASELINE.toLocaleString('en-US')} cases`, method: 'streamed export, whole ledger' },
]);
