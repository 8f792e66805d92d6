// Benchmark: recompute every deadline of N cases (default 100,000) after a calendar change (the 2027
// holiday notice arrives). Prints cases per second, where the time goes, and ratios against two
// baselines measured in the same run: the raw calendar lookup loop, and the same computation without
// the database. Uses its own database (<DATABASE_URL's database>_bench_deadlines), dropped and
// re-created each run.
//   npm run bench:deadlines -- [--cases 100000] [--chunk 500] [--concurrency 3]
// With chunks written concurrently, the per-phase times are summed over the lanes (they can add up to
// more than the wall time); the shares say where the work goes, not where the wall time goes.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { createDb, migrateLatest, recreateDatabase } from '../src/db/database.ts';
import { calendarWith, statutoryRestDays, type CalendarDay } from '../src/deadlines/calendar.ts';
import { computeCaseDeadlines } from '../src/deadlines/case-deadlines.ts';
import { formatIsoDate, parseIsoDate } from '../src/deadlines/dates.ts';
import { addCalendarYear, loadCalendar, syncCaseDeadlines, type SyncTimings } from '../src/deadlines/ledger.ts';
import { writeFigures } from '../test/bench/figures-file.ts';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '100000' }, chunk: { type: 'string', default: '500' }, concurrency: { type: 'string', default: '3' } } });
const CONCURRENCY = Number(values.concurrency);
const N = Number(values.cases);
const CHUNK = Number(values.chunk);
if (!Number.isInteger(N) || N < 1) throw new Error('--cases: 应为正整数');

const PROFILES = ['national', 'yantai', 'hunan', 'liaocheng', 'tengzhou', 'jinghai'];
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const progress = (label: string) => (done: number, total: number) => {
  if (done === total || done % (CHUNK * 20) === 0) log(`  ${label}: ${done}/${total}`);
};
const seconds = (ms: number) => (ms / 1000).toFixed(2);

// A synthetic 2027 arrangement (the real notice is not published): the statutory days plus bridge days
// and two make-up Saturdays, enough to move many provisional deadlines.
function synthetic2027(): CalendarDay[] {
  const days: CalendarDay[] = statutoryRestDays(2027).map((d) => ({ date: d.date, isOffDay: true, name: d.name }));
  for (const date of ['2027-02-09', '2027-02-10', '2027-02-11', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07']) {
    days.push({ date, isOffDay: true, name: date.includes('-02-') ? '春节' : '国庆节' });
  }
  days.push({ date: '2027-02-20', isOffDay: false, name: '春节' }, { date: '2027-10-09', isOffDay: false, name: '国庆节' });
  return days;
}

// Triggers per case: complaint received between 2026-11-01 and 2027-01-31, so most answer periods reach
// into 2027 (PROVISIONAL); a third also has a judgment served in January 2027.
function triggersOf(i: number): { triggers: Record<string, string>; options: Record<string, unknown> } {
  const complaint = formatIsoDate(parseIsoDate('2026-11-01')! + (i % 92));
  const triggers: Record<string, string> = { complaintReceivedOn: complaint };
  const options: Record<string, unknown> = {};
  if (i % 3 === 0) {
    triggers.judgmentServedOn = formatIsoDate(parseIsoDate('2027-01-04')! + (i % 25));
    options.judgmentKind = i % 2 ? 'ruling' : 'judgment';
  }
  return { triggers, options };
}

async function main() {
  const config = loadConfig();
  const url = new URL(config.DATABASE_URL);
  url.pathname = `${url.pathname.replace(/^\//, '')}_bench_deadlines`;
  const benchUrl = url.toString();
  log(`database ${url.pathname.slice(1)} (re-created), ${N} cases, chunk ${CHUNK}, ${CONCURRENCY} chunks at a time`);
  await recreateDatabase(benchUrl);
  const db = createDb(benchUrl, { min: 1, max: 4 });
  try {
    await migrateLatest(db);
    const agencies = await db('agencies')
      .insert(PROFILES.map((profile) => ({ code: `bench-${profile}`, name: `基准测试-${profile}`, kind: 'department', level: 'city', profile })))
      .returning(['id', 'profile']);

    let t = performance.now();
    const caseIds: string[] = [];
    for (let i = 0; i < N; i += 5000) {
      const rows = [];
      for (let j = i; j < Math.min(N, i + 5000); j++) {
        rows.push({
          agency_id: agencies[j % agencies.length]!.id,
          case_number: `（2026）鲁15行初${j}号`,
          court: '基准法院',
          level: 'first',
          cause: '行政处罚',
          act_description: '罚款',
          complaint_received_on: triggersOf(j).triggers.complaintReceivedOn,
        });
      }
      caseIds.push(...(await db('cases').insert(rows).returning('id')).map((r: { id: string }) => r.id));
    }
    log(`inserted ${N} cases in ${seconds(performance.now() - t)} s`);

    // initial computation (what the deadlines.compute jobs would have written)
    t = performance.now();
    const seedCalendar = await loadCalendar(db);
    const seedTimings: SyncTimings = { load: 0, compute: 0, write: 0, events: 0 };
    for (let i = 0; i < N; i += CHUNK) {
      const requests = caseIds.slice(i, i + CHUNK).map((caseId, k) => {
        const { triggers, options } = triggersOf(i + k);
        return { caseId, triggerChanges: triggers, optionChanges: options, stage: 'all' as const };
      });
      await syncCaseDeadlines(db, requests, { calendar: seedCalendar, reason: 'bench:seed', actor: 'bench', timings: seedTimings });
      progress('initial computation')(Math.min(i + CHUNK, N), N);
    }
    const seedMs = performance.now() - t;
    // a bulk load leaves the planner without statistics until autovacuum runs; production tables have them
    await db.raw('ANALYZE');
    const deadlineCount = Number((await db('case_deadlines').count({ n: '*' }))[0]!.n);
    const provisionalCount = Number((await db('case_deadlines').whereNull('superseded_at').where({ status: 'PROVISIONAL' }).count({ n: '*' }))[0]!.n);
    log(`initial computation: ${deadlineCount} deadlines (${provisionalCount} PROVISIONAL) in ${seconds(seedMs)} s`);

    // baseline 1: the raw calendar lookup loop, as many lookups as the recomputation makes (measured below)
    const newCalendar = calendarWith([{ year: 2027, notice: 'bench', source: 'bench' }], synthetic2027());
    const inputs = Array.from({ length: N }, (_, i) => ({ profile: PROFILES[i % PROFILES.length]!, ...triggersOf(i) }));

    // baseline 2: the same computation without the database
    t = performance.now();
    let computed = 0;
    for (const input of inputs) computed += computeCaseDeadlines(newCalendar, input as never, ['all']).length;
    const pureMs = performance.now() - t;

    // count the lookups one case makes: wrap the calendar
    let lookups = 0;
    const counting = Object.create(newCalendar) as typeof newCalendar;
    for (const method of ['isRest', 'isKnown', 'isRestEstimated', 'classify', 'nameOf'] as const) {
      const original = newCalendar[method].bind(newCalendar) as (d: number) => unknown;
      (counting as unknown as Record<string, unknown>)[method] = (d: number) => {
        lookups++;
        return original(d);
      };
    }
    for (const input of inputs.slice(0, 1000)) computeCaseDeadlines(counting, input as never, ['all']);
    const lookupsPerCase = lookups / Math.min(1000, N);
    const totalLookups = Math.round(lookupsPerCase * N);
    const start = parseIsoDate('2026-01-01')!;
    t = performance.now();
    let sink = 0;
    for (let i = 0; i < totalLookups; i++) if (newCalendar.isRest(start + (i % 730))) sink++;
    const rawMs = performance.now() - t;

    // the measured operation: the admin adds 2027 → every affected case is recomputed and written
    const timings: SyncTimings = { load: 0, compute: 0, write: 0, events: 0 };
    const eventsBefore = Number((await db('case_events').count())[0]!.count);
    t = performance.now();
    const result = await addCalendarYear(db, { year: 2027, notice: '基准测试：2027年放假安排（合成数据）', days: synthetic2027() }, 'bench', {
      timings,
      chunkSize: CHUNK,
      concurrency: CONCURRENCY,
      onProgress: progress('recompute after the calendar change'),
    });
    const recomputeMs = performance.now() - t;
    const eventsWritten = Number((await db('case_events').count())[0]!.count) - eventsBefore;
    const byKind = result.changes.reduce<Record<string, number>>((acc, c) => ((acc[c.change] = (acc[c.change] ?? 0) + 1), acc), {});
    const statusFlips = result.changes.filter((c) => c.oldStatus === 'PROVISIONAL' && c.newStatus === 'OK').length;
    const dueMoves = result.changes.filter((c) => c.oldDue !== c.newDue).length;

    // one lane: shares of the wall time; several: shares of the summed phase times (lanes overlap)
    const phases = timings.load + timings.compute + timings.write + timings.events;
    const other = CONCURRENCY === 1 ? recomputeMs - phases : 0;
    const pct = (ms: number) => `${((100 * ms) / (CONCURRENCY === 1 ? recomputeMs : phases)).toFixed(1)}%`;
    const report = {
      cases: N,
      deadlinesPerCase: +(computed / N).toFixed(2),
      casesExamined: result.casesExamined,
      changes: { total: result.changes.length, ...byKind, provisionalToOk: statusFlips, dueDateMoved: dueMoves },
      eventsWritten,
      recompute: {
        seconds: +seconds(recomputeMs),
        casesPerSecond: Math.round(result.casesExamined / (recomputeMs / 1000)),
        where: {
          load: `${seconds(timings.load)} s (${pct(timings.load)})`,
          compute: `${seconds(timings.compute)} s (${pct(timings.compute)})`,
          write: `${seconds(timings.write)} s (${pct(timings.write)})`,
          events: `${seconds(timings.events)} s (${pct(timings.events)})`,
          selectAndOther: `${seconds(other)} s (${pct(other)})`,
        },
      },
      baselines: {
        computeWithoutDb: { seconds: +seconds(pureMs), casesPerSecond: Math.round(N / (pureMs / 1000)) },
        rawCalendarLookups: { lookups: totalLookups, lookupsPerCase: +lookupsPerCase.toFixed(1), seconds: +seconds(rawMs), casesPerSecondEquivalent: Math.round(N / (rawMs / 1000)) },
      },
      ratios: {
        recomputeVsComputeWithoutDb: +(recomputeMs / pureMs).toFixed(1),
        computeWithoutDbVsRawLookups: +(pureMs / rawMs).toFixed(1),
      },
      initialComputation: { seconds: +seconds(seedMs), casesPerSecond: Math.round(N / (seedMs / 1000)), deadlines: Number(deadlineCount), provisional: Number(provisionalCount) },
      sink,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    writeFigures([
      {
        bench: 'deadlines',
        figure: `deadline recompute after a calendar change, ${N.toLocaleString('en-US')} cases`,
        value: recomputeMs / 1000,
        unit: 's',
        baseline: pureMs / 1000,
        baselineLabel: 'same computation without the database',
        target: { on: 'value', op: '<', bound: 10, text: '< 10 s' },
        method: `addCalendarYear (2027 added), chunks of ${CHUNK}, ${CONCURRENCY} at a time; ${result.casesExamined} cases examined`,
      },
    ]);
  } finally {
    await db.destroy();
  }
}

main().catch((error) => {
  process.stderr.write(`基准测试失败 / benchmark failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
