// Benchmark of the statistics queries at scale (not a test; issue 14 §5). Builds — or reuses, when
// present with the same seed, size and generator version — two generated province ledgers in
// databases of their own, yingsu_bench_stats_<baseline> (default 10k) and yingsu_bench_stats_<cases>
// (default 1m), loaded by COPY (src/statistics/bulk-load.ts) with their statistics summaries rebuilt,
// then times every dashboard query of src/statistics/figure-queries.ts and the province's annual
// report on both, in the same run, and prints p50 / p95 per query and the ratio to the baseline.
//   npm run bench:stats -- [--cases 1000000] [--baseline 10000] [--runs 20] [--seed 2026] [--filler 18] [--rebuild] [--build-only] [--ranges]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { runMain, say } from '../src/cli.ts';
import { loadConfig } from '../src/config.ts';
import { createDb, migrateLatest, recreateDatabase, type Db } from '../src/db/database.ts';
import { agencySubtree } from '../src/process-engine/engine-directory.ts';
import { bulkLoadLedger } from '../src/statistics/bulk-load.ts';
import { figureCases, figureSeries, figureTotals, figureTotalsByAgency } from '../src/statistics/figure-queries.ts';
import { periodOf, previousYear } from '../src/statistics/periods.ts';
import { rebuildSql, refreshFunctionSql, SUMMARY_DDL } from '../src/statistics/summary-sql.ts';
import * as summaryMigration from '../migrations/20261203_500_statistics_summaries.ts';
import { createHash } from 'node:crypto';
import { writeFigures } from '../test/bench/figures-file.ts';
import type { Figure } from '../test/bench/report.ts';

/** Bump when the generator changes: a database built by another version is rebuilt. */
const VERSION = 1;
/** The summaries' definition: a reused ledger whose summaries were built from other SQL has them re-created. */
const SUMMARY_HASH = createHash('sha256').update([SUMMARY_DDL, refreshFunctionSql(), ...rebuildSql()].join('\n')).digest('hex').slice(0, 16);
const FROM_YEAR = 2022;
const TO_YEAR = 2026;
const AS_OF = '2026-11-30';

const sizeLabel = (n: number) => (n % 1_000_000 === 0 ? `${n / 1_000_000}m` : n % 1000 === 0 ? `${n / 1000}k` : String(n));

interface Bench {
  label: string;
  db: Db;
  province: string[];
  city: string[];
  agency: string[];
  agencies: string[];
  meta: { cases: number; events: number; loadSeconds: number; summarySeconds: number; reused: boolean };
}

async function openBench(server: string, cases: number, seed: number, filler: number, rebuild: boolean): Promise<Bench> {
  const label = sizeLabel(cases);
  const url = `${server}/yingsu_bench_stats_${label}`;
  const admin = createDb(`${server}/postgres`, { min: 0, max: 1 });
  const exists = (await admin.raw('select 1 from pg_database where datname = ?', [`yingsu_bench_stats_${label}`])).rows.length > 0;
  await admin.destroy();
  let db = exists ? createDb(url, { min: 0, max: 4 }) : null;
  const wanted = { version: VERSION, seed, cases, filler, from_year: FROM_YEAR, to_year: TO_YEAR, as_of: AS_OF };
  let meta: any = null;
  if (db && !rebuild) {
    const has = (await db.raw(`select to_regclass('bench_stats_meta') as t`)).rows[0].t;
    const row = has ? await db('bench_stats_meta').first() : null;
    if (row && Object.entries(wanted).every(([k, v]) => String(row[k]) === String(v))) meta = { ...row, reused: true };
  }
  if (!meta) {
    await db?.destroy();
    say('bench:stats', `building yingsu_bench_stats_${label}: ${cases} cases, ${FROM_YEAR}–${TO_YEAR}, about ${filler + 2} events a case`);
    await recreateDatabase(url);
    db = createDb(url, { min: 0, max: 4 });
    await migrateLatest(db);
    const r = await bulkLoadLedger(db, url, { seed, cases, fromYear: FROM_YEAR, toYear: TO_YEAR, asOf: AS_OF, label: `b${seed}`, fillerEvents: filler }, (line) => say('bench:stats', `${label}: ${line}`));
    await db.schema.createTable('bench_stats_meta', (t) => {
      for (const k of Object.keys(wanted)) t.text(k);
      t.bigInteger('events');
      t.float('load_seconds');
      t.float('summary_seconds');
      t.text('summary_hash');
    });
    await db('bench_stats_meta').insert({ ...Object.fromEntries(Object.entries(wanted).map(([k, v]) => [k, String(v)])), events: r.rows.case_events, load_seconds: r.loadSeconds, summary_seconds: r.summarySeconds, summary_hash: SUMMARY_HASH });
    meta = { ...(await db('bench_stats_meta').first()), reused: false };
    say('bench:stats', `${label}: ${r.rows.case_events} events; load ${r.loadSeconds.toFixed(0)} s, summaries ${r.summarySeconds.toFixed(0)} s`);
  }
  if (meta.reused) await db!.raw('alter table bench_stats_meta add column if not exists summary_hash text');
  if (meta.reused && meta.summary_hash !== SUMMARY_HASH) {
    say('bench:stats', `${label}: the summaries' SQL changed; re-creating and rebuilding them`);
    const t = Date.now();
    await db!.transaction(async (trx) => {
      await trx.raw(`set local work_mem = '256MB'`);
      await summaryMigration.down(trx);
      await summaryMigration.up(trx);
    });
    await db!('bench_stats_meta').update({ summary_hash: SUMMARY_HASH, summary_seconds: (Date.now() - t) / 1000 });
    meta = { ...(await db!('bench_stats_meta').first()), reused: true };
  }
  const rows = (await db!('agencies').select('id', 'parent_id', 'kind', 'name')) as { id: string; parent_id: string | null; kind: string; name: string }[];
  const subtree = agencySubtree(rows);
  const root = rows.find((a) => a.parent_id === null)!;
  const city = rows.find((a) => a.parent_id === root.id && a.kind === 'government')!;
  const agency = rows.find((a) => a.kind === 'department' && subtree(city.id).includes(a.id))!;
  return {
    label,
    db: db!,
    province: subtree(root.id),
    city: subtree(city.id),
    agency: [agency.id],
    agencies: subtree(root.id),
    meta: { cases: Number(meta.cases), events: Number(meta.events), loadSeconds: Number(meta.load_seconds), summarySeconds: Number(meta.summary_seconds), reused: meta.reused },
  };
}

/** report: the annual report (target 10 s); range: not a dashboard period (any days: the fact tables), only with --ranges */
type Query = { name: string; report?: boolean; range?: boolean; run: (b: Bench) => Promise<unknown> };

const year = periodOf(2025, null);
const quarter = periodOf(2025, 4);
const current = periodOf(2026, null);
const q = (agencyIds: string[], p: { from: string; to: string }) => ({ agencyIds, from: p.from, to: p.to, asOf: AS_OF });

const QUERIES: Query[] = [
  { name: 'figureTotals province, year 2025', run: (b) => figureTotals(b.db, q(b.province, year)) },
  { name: 'figureTotals province, 2025Q4', run: (b) => figureTotals(b.db, q(b.province, quarter)) },
  { name: 'figureTotals province, current year 2026', run: (b) => figureTotals(b.db, q(b.province, current)) },
  { name: 'figureTotals city region, year 2025', run: (b) => figureTotals(b.db, q(b.city, year)) },
  { name: 'figureTotals city region, 2025Q4', run: (b) => figureTotals(b.db, q(b.city, quarter)) },
  { name: 'figureTotals one agency, year 2025', run: (b) => figureTotals(b.db, q(b.agency, year)) },
  { name: 'figureTotals one agency, 2025Q4', run: (b) => figureTotals(b.db, q(b.agency, quarter)) },
  { name: 'figureTotals province, 2025-03-15…2025-09-14 (any days: fact tables)', range: true, run: (b) => figureTotals(b.db, q(b.province, { from: '2025-03-15', to: '2025-09-14' })) },
  { name: 'figureTotalsByAgency city region, year 2025', run: (b) => figureTotalsByAgency(b.db, q(b.city, year)) },
  { name: 'figureTotalsByAgency province, year 2025', run: (b) => figureTotalsByAgency(b.db, q(b.province, year)) },
  {
    name: 'figureSeries province, 8 quarters',
    run: (b) => figureSeries(b.db, { agencyIds: b.province, periods: ([1, 2, 3, 4] as const).flatMap((n) => [periodOf(2025, n), periodOf(2026, n)]), asOf: AS_OF }),
  },
  ...['cases-new', 'loss-rate', 'head-appearance-rate-instance', 'answers-late', 'cases-by-cause'].map(
    (figureId): Query => ({
      name: `figureCases province 2025, ${figureId}, first page`,
      run: (b) => figureCases(b.db, { ...q(b.province, year), figureId, limit: 50, offset: 0, ...(figureId === 'cases-by-cause' ? { breakdownKey: '行政处罚' } : {}) }),
    }),
  ),
  {
    name: 'figureCases one agency 2025, head-appearance-rate-instance, first page',
    run: (b) => figureCases(b.db, { ...q(b.agency, year), figureId: 'head-appearance-rate-instance', limit: 50, offset: 0 }),
  },
  {
    name: 'annual report: province and every agency, 2025 and 2024 (同比)',
    report: true,
    run: async (b) => {
      for (const p of [year, previousYear(year)]) {
        await figureTotals(b.db, q(b.province, p));
        await figureTotalsByAgency(b.db, q(b.agencies, p));
        await figureSeries(b.db, { agencyIds: b.province, periods: ([1, 2, 3, 4] as const).map((n) => periodOf(p.year, n)), asOf: AS_OF });
      }
    },
  },
];

async function time(run: () => Promise<unknown>, runs: number): Promise<{ p50: number; p95: number }> {
  await run();
  await run();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)]!;
  return { p50: at(50), p95: at(95) };
}

runMain('bench:stats', async () => {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '1000000' },
      baseline: { type: 'string', default: '10000' },
      runs: { type: 'string', default: '20' },
      seed: { type: 'string', default: '2026' },
      filler: { type: 'string', default: '18' },
      rebuild: { type: 'boolean', default: false },
      'build-only': { type: 'boolean', default: false },
      ranges: { type: 'boolean', default: false },
    },
  });
  const [cases, baseline, runs, seed, filler] = [values.cases, values.baseline, values.runs, values.seed, values.filler].map(Number) as [number, number, number, number, number];
  if (![cases, baseline, runs, seed].every((v) => Number.isInteger(v) && v > 0) || !Number.isInteger(filler) || filler < 0) throw new Error('--cases, --baseline, --runs, --seed: 应为正整数 / positive integers; --filler ≥ 0');
  const server = (() => {
    const u = new URL(loadConfig().DATABASE_URL);
    u.pathname = '';
    return u.toString().replace(/\/$/, '');
  })();
  const small = await openBench(server, baseline, seed, filler, values.rebuild);
  const big = await openBench(server, cases, seed, filler, values.rebuild);
  if (values['build-only']) {
    await small.db.destroy();
    await big.db.destroy();
    return;
  }
  try {
    const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
    const lines: string[] = [];
    lines.push(`statistics benchmark, ${new Date().toISOString().slice(0, 10)}: ${runs} timed runs per query after 2 warm-ups, one connection pool, ms`);
    for (const b of [small, big]) {
      lines.push(`  ${b.label}: ${b.meta.cases} cases, ${b.meta.events} events, ${b.province.length} agencies; ${b.meta.reused ? 'reused' : `built: load ${b.meta.loadSeconds.toFixed(0)} s, summaries ${b.meta.summarySeconds.toFixed(0)} s`}`);
    }
    lines.push('');
    lines.push(`| query | ${small.label} p50 | ${small.label} p95 | ${big.label} p50 | ${big.label} p95 | p95 ratio | target |`);
    lines.push('|---|---:|---:|---:|---:|---:|---|');
    const figures: Figure[] = [];
    for (const query of QUERIES.filter((x) => values.ranges || !x.range)) {
      const n = query.report ? Math.max(3, Math.ceil(runs / 4)) : runs;
      const a = await time(() => query.run(small), n);
      const c = await time(() => query.run(big), n);
      const target = query.report ? 10_000 : 200;
      if (query.range) {
        lines.push(`| ${query.name} | ${fmt(a.p50)} | ${fmt(a.p95)} | ${fmt(c.p50)} | ${fmt(c.p95)} | ${(c.p95 / a.p95).toFixed(1)}× | not a dashboard period |`);
        continue;
      }
      const line = `| ${query.name} | ${fmt(a.p50)} | ${fmt(a.p95)} | ${fmt(c.p50)} | ${fmt(c.p95)} | ${(c.p95 / a.p95).toFixed(1)}× | ${c.p95 < target ? 'met' : 'MISSED'} (< ${target} ms) |`;
      lines.push(line);
      say('bench:stats', line);
      figures.push({ bench: 'stats', figure: `${query.name}: p95 at ${big.label}`, value: c.p95, unit: 'ms', baseline: a.p95, baselineLabel: small.label, target: { on: 'value', op: '<', bound: target, text: `< ${target} ms` }, method: `${n} runs after 2 warm-ups` });
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    writeFigures(figures);
  } finally {
    await small.db.destroy();
    await big.db.destroy();
  }
});
