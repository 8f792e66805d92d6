// Benchmark: rule-profile versions (规则版本, docs/profiles.md). On N open Liaocheng cases (default 5,000)
// with their registration deadlines stored, a drafted Liaocheng version (registration 5 days, a 7-day
// answer preparation) is reviewed (impact: two dry recomputations) and activated (one recomputation
// written as case events). Prints the times with ratios against a baseline measured in the same run:
// one recomputation of the same cases that changes nothing. Also the per-request cost of the profile-set
// refresh (decision 0015) against a bare `select 1` round trip. Uses its own database
// (<DATABASE_URL's database>_bench_profiles), dropped and re-created each run.
//   npm run bench:profiles -- [--cases 5000]
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { createDb, migrateLatest, recreateDatabase } from '../src/db/database.ts';
import { loadCalendar, syncCaseDeadlines } from '../src/deadlines/ledger.ts';
import { refreshEffectiveProfiles } from '../src/deadlines/profile-registry.ts';
import { activateDraft, createDraft, draftImpact } from '../src/deadlines/profile-versions.ts';
import { liaochengDraft } from '../test/fixtures/liaocheng-draft.ts';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '5000' } } });
const N = Number(values.cases);
if (!Number.isInteger(N) || N < 1) throw new Error('--cases: 应为正整数');
const CHUNK = 500;
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const out = await run();
  return [out, performance.now() - t0];
};

const url = `${loadConfig().DATABASE_URL}_bench_profiles`;
await recreateDatabase(url);
const db = createDb(url, { min: 0, max: 4 });
try {
  await migrateLatest(db);
  const [agency] = await db('agencies').insert({ code: 'bench-lc', name: '聊城市基准测试局', kind: 'department', level: 'city', profile: 'liaocheng' }).returning('id');
  log(`seeding ${N} open Liaocheng cases (complaint copies received 2026-09-01 … 2026-09-28) …`);
  const ids: string[] = [];
  for (let i = 0; i < N; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, N - i) }, (_, k) => ({ agency_id: agency.id, case_number: `（2026）鲁15行初${i + k + 1}号`, court: '聊城市中级人民法院', level: 'first', cause: '行政处罚', act_description: '罚款', complaint_received_on: '2026-09-01' }));
    ids.push(...(await db('cases').insert(rows).returning('id')).map((r: { id: string }) => r.id));
  }
  const calendar = await loadCalendar(db);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK).map((caseId, k) => ({ caseId, triggerChanges: { complaintReceivedOn: `2026-09-${String(1 + ((i + k) % 28)).padStart(2, '0')}` }, stage: 'registration' as const }));
    await syncCaseDeadlines(db, chunk, { calendar, reason: 'bench:seed', actor: 'bench' });
  }

  // refresh per request: nothing activated since the last look
  const rounds = 2000;
  const [, bare] = await timed(async () => { for (let i = 0; i < rounds; i++) await db.raw('select 1'); });
  const [, refresh] = await timed(async () => { for (let i = 0; i < rounds; i++) await refreshEffectiveProfiles(db); });

  // baseline: one recomputation of the same cases that finds nothing to change
  const [, baseline] = await timed(async () => {
    for (let i = 0; i < ids.length; i += CHUNK) await syncCaseDeadlines(db, ids.slice(i, i + CHUNK).map((caseId) => ({ caseId })), { calendar, reason: 'bench:baseline', actor: 'bench' });
  });
  const draft = await createDraft(db, 'liaocheng', { version: liaochengDraft() }, 'bench');
  const [impact, impactMs] = await timed(() => draftImpact(db, 'liaocheng', draft.id));
  const [activation, activateMs] = await timed(() => activateDraft(db, 'liaocheng', draft.id, '基准测试', 'bench'));

  console.log(`cases: ${N}`);
  console.log(`profile-set refresh per request: ${(refresh / rounds).toFixed(3)} ms (select 1: ${(bare / rounds).toFixed(3)} ms, ${(refresh / bare).toFixed(2)}×)`);
  console.log(`baseline recomputation (no change): ${seconds(baseline)} s`);
  console.log(`impact review: ${seconds(impactMs)} s (${(impactMs / baseline).toFixed(2)}× the baseline); ${impact.added} added, ${impact.changed} changed, ${impact.removed} removed`);
  console.log(`activation: ${seconds(activateMs)} s (${(activateMs / baseline).toFixed(2)}× the baseline); ${JSON.stringify(activation.result)}`);
} finally {
  await db.destroy();
}
