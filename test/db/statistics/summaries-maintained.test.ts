// DB tier (PostgreSQL): the statistics summaries (src/statistics/summary-sql.ts) stay correct while
// cases change. A generated ledger is inserted, then cases are changed through the product's own
// write paths — registration (registerCase), stage and status changes with withdrawal, settlement,
// second instance and answers (applyStageChange, what cases.update-stage runs), hearings, performance
// and recommendation replies appended to the ledger (appendCaseEvent, what ledger.record-event runs),
// court events (postCaseEvent), decisions (recordJudgmentOutcome, what the judgment and loss workers
// run), an agency's profile — and after each step the figures read from the summaries equal the
// reference computed from scratch, and the bucket totals equal a full rebuild. Own database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCase } from '../../../src/cases/case-service.ts';
import { applyStageChange } from '../../../src/cases/case-store.ts';
import { createDb, type Db } from '../../../src/db/database.ts';
import { shanghaiDateOf } from '../../../src/deadlines/dates.ts';
import { appendCaseEvent } from '../../../src/ledger/case-events.ts';
import { recordJudgmentOutcome } from '../../../src/loss-analysis/loss.ts';
import { postCaseEvent } from '../../../src/cases/case-service.ts';
import { figureCases, figureTotals, figureTotalsByAgency } from '../../../src/statistics/figure-queries.ts';
import { generateLedger, insertGeneratedLedger, type GeneratedLedger } from '../../../src/statistics/ledger-generator.ts';
import { loadLedgerFacts } from '../../../src/statistics/ledger-facts.ts';
import { periodOf } from '../../../src/statistics/periods.ts';
import { computeFiguresReference } from '../../../src/statistics/reference.ts';
import { rebuildSql } from '../../../src/statistics/summary-sql.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';

let db: Db;
let drop: () => Promise<void>;
let ledger: GeneratedLedger;
const today = shanghaiDateOf(new Date());
const year = Number(today.slice(0, 4));
const month = Number(today.slice(5, 7));
const asOf = today;
const noEngine = { kick: () => {} };
let jobNo = 0;
const job = () => `test-job-${++jobNo}`;

beforeAll(async () => {
  const fresh = await freshLedgerDatabase('yingsu_test_stats_maint');
  drop = fresh.drop;
  db = createDb(fresh.url, { min: 0, max: 4 });
  ledger = generateLedger({ seed: 4242, cases: 400, fromYear: year - 2, toYear: year, asOf });
  await insertGeneratedLedger(db, ledger);
}, 120_000);
afterAll(async () => {
  await db?.destroy();
  await drop?.();
});

const all = () => ledger.agencies.map((a) => a.id);
const periods = () => [periodOf(year, null), periodOf(year - 1, null), periodOf(year, (Math.floor((month - 1) / 3) + 1) as 1 | 2 | 3 | 4), periodOf(year - 1, 4)];

/** The summaries against the reference recomputed from the ledger, and the buckets against a rebuild. */
async function expectSummariesCorrect(step: string) {
  const facts = await loadLedgerFacts(db, all());
  for (const p of periods()) {
    const q = { agencyIds: all(), from: p.from, to: p.to, asOf };
    const reference = computeFiguresReference(facts, q);
    const totals = await figureTotals(db, q);
    for (const [id, r] of Object.entries(reference)) {
      expect([totals[id]!.numerator, totals[id]!.denominator, totals[id]!.breakdown?.map((b) => `${b.key}:${b.count}`)], `${id} ${p.label} after ${step}`).toEqual([
        r.numerator,
        r.denominator,
        r.breakdown?.map((b) => `${b.key}:${b.count}`),
      ]);
      expect(await figureCases(db, { ...q, figureId: id, limit: 100_000, offset: 0 }), `${id} cases ${p.label} after ${step}`).toEqual({ total: r.caseIds.length, caseIds: r.caseIds });
    }
  }
  // per agency too (the ranking), for the year
  const byAgency = await figureTotalsByAgency(db, { agencyIds: all(), from: `${year}-01-01`, to: `${year}-12-31`, asOf });
  for (const agencyId of all().slice(0, 40)) {
    const r = computeFiguresReference(facts, { agencyIds: [agencyId], from: `${year}-01-01`, to: `${year}-12-31`, asOf });
    for (const id of Object.keys(r)) expect(byAgency.get(agencyId)![id]!.numerator, `${id} of ${agencyId} after ${step}`).toBe(r[id]!.numerator);
  }
  // the buckets maintained step by step equal the buckets of a rebuild from scratch
  const buckets = async () =>
    (await db.raw(`select agency_id, kind, bucket, measure, key, num, den, ncase from stat_buckets where num <> 0 or den <> 0 or ncase <> 0 order by 1, 2, 3, 4, 5`)).rows;
  const maintained = await buckets();
  await db.transaction(async (trx) => {
    for (const sql of rebuildSql()) await trx.raw(sql);
  });
  expect(await buckets(), `buckets after ${step}`).toEqual(maintained);
}

/** A generated case of the given state, with an agency of the given kind when asked. */
function caseWhere(test: (c: Record<string, any>) => boolean, skip = 0): Record<string, any> {
  const found = ledger.rows.cases.filter(test)[skip];
  if (!found) throw new Error('no such generated case');
  return found;
}

describe('statistics summaries kept correct when cases change', () => {
  it('equal the reference on the inserted ledger', async () => {
    const [{ n }] = (await db.raw('select count(*)::int as n from stat_case')).rows;
    expect(n).toBe(400);
    await expectSummariesCorrect('insert');
  }, 120_000);

  it('follow a case registered through the case service', async () => {
    const agency = ledger.agencies.find((a) => a.kind === 'department')!;
    const registered = await registerCase(
      db,
      noEngine,
      {
        agencyId: agency.id,
        caseNumber: `（${year}）统计测试行初1号`,
        court: '统计测试人民法院',
        level: 'first',
        cause: '行政处罚',
        actUnderSuit: { description: '罚款决定', madeByAgencyId: agency.id },
        reconsideration: { status: 'none' },
        plaintiffs: [{ name: '统计测试有限公司', type: 'enterprise' }],
        plaintiffCount: 1,
        thirdParties: [],
        claimAmount: null,
        flags: { majorPublicInterest: false, highAttention: false, massIncidentRisk: false, procuratorate: false, majorComplex: false },
        complaintReceivedOn: today,
        coDefendantAgencyIds: [],
      } as any,
      { startWaitMs: 0 },
    );
    const [row] = (await db.raw('select enterprise, received_on from stat_case where case_id = ?', [registered.id])).rows;
    expect(row).toEqual({ enterprise: true, received_on: today });
    await expectSummariesCorrect('registration');
  }, 120_000);

  it('follow withdrawal, settlement, a second instance and answers (stage changes)', async () => {
    const open = ledger.rows.cases.filter((c) => c.status === 'open' && c.stage === 'answer');
    expect(open.length).toBeGreaterThan(3);
    const [w, s, a, second] = open;
    const change = (caseId: string, c: Record<string, unknown>) =>
      applyStageChange(db, { caseId, jobKey: job(), processInstanceKey: 'pi-test', bpmnProcessId: 'case-lifecycle', ...c } as any);
    await change(w!.id as string, { stage: 'closed', status: 'withdrawn', withdrawnOn: today });
    await change(s!.id as string, { stage: 'closed', status: 'settled', settlementStatus: 'settled' });
    await change(a!.id as string, { answerSubmittedOn: today });
    await change(second!.id as string, { stage: 'second-instance', level: 'second' });
    const closure = async (id: unknown) => (await db.raw('select closed_by, closed_on from stat_case where case_id = ?', [String(id)])).rows[0];
    expect(await closure(w!.id)).toEqual({ closed_by: 'withdrawn', closed_on: today });
    expect(await closure(s!.id)).toEqual({ closed_by: 'settled', closed_on: today });
    await expectSummariesCorrect('stage changes');
  }, 120_000);

  it('follow hearings held, performance and recommendation replies recorded by the diagrams', async () => {
    const heard = caseWhere((c) => c.status === 'open', 5);
    const record = (caseId: string, type: string, payload: Record<string, unknown>, processInstanceKey = 'pi-test') =>
      appendCaseEvent(db, { caseId, type, payload, actor: 'worker:ledger.record-event', sourceJobKey: job(), processInstanceKey });
    await record(heard.id, 'hearing-held', { hearingKey: 'first', heldOn: today, headAppeared: true, principalHeadAppeared: true });
    await record(heard.id, 'hearing-held', { hearingKey: 'first_2', heldOn: today, headAppeared: false, principalHeadAppeared: false });
    // a hearing recorded again under the same key replaces the earlier record
    const again = caseWhere((c) => c.status === 'open', 6);
    await record(again.id, 'hearing-held', { hearingKey: 'first', heldOn: today, headAppeared: false });
    await record(again.id, 'hearing-held', { hearingKey: 'first', heldOn: today, headAppeared: true });
    const lost = caseWhere((c) => c.status !== 'withdrawn' && c.status !== 'settled', 7);
    await record(lost.id, 'performance-planned', { dueOn: today }, 'pi-perf-test');
    await record(lost.id, 'performance-completed', { completedOn: today }, 'pi-perf-test');
    const rec = await postCaseEvent(db, noEngine, heard.id, { type: 'judicial-recommendation', kind: 'judicial', receivedOn: today, issuer: '统计测试人民法院' } as any);
    expect(rec.recommendationKey).toBeTruthy();
    expect((await db.raw('select head, principal from stat_hearing where case_id = ? and held_on = ? order by hearing_key', [heard.id, today])).rows).toEqual([
      { head: true, principal: true },
      { head: false, principal: false },
    ]);
    expect((await db.raw('select head from stat_hearing where case_id = ? and held_on = ?', [again.id, today])).rows).toEqual([{ head: true }]);
    expect((await db.raw('select on_time from stat_recommendation where case_id = ?', [heard.id])).rows).toEqual([{ on_time: false }]);
    await expectSummariesCorrect('events');
    await record(heard.id, 'judicial-recommendation-replied', { recommendationKey: rec.recommendationKey, kind: 'judicial', receivedOn: today, replyDue: today, repliedOn: today });
    expect((await db.raw('select on_time from stat_recommendation where case_id = ?', [heard.id])).rows).toEqual([{ on_time: true }]);
    await expectSummariesCorrect('recommendation reply');
  }, 120_000);

  it('follow decisions recorded and replaced, and an agency moved to the Jinghai profile', async () => {
    const pending = caseWhere((c) => c.status === 'open' && c.stage === 'answer', 8);
    await recordJudgmentOutcome(db, { caseId: pending.id, level: 'first', kind: 'judgment', outcome: 'lost', servedOn: today, effectiveOn: today });
    await expectSummariesCorrect('decision');
    await recordJudgmentOutcome(db, { caseId: pending.id, level: 'first', kind: 'mediation', outcome: 'won', servedOn: today, effectiveOn: today });
    await recordJudgmentOutcome(db, { caseId: pending.id, level: 'reconsideration', kind: 'judgment', outcome: 'lost', servedOn: today, effectiveOn: today });
    await expectSummariesCorrect('decision replaced');
    const city = ledger.agencies.find((a) => a.kind === 'government' && a.profile === 'yantai')!;
    const agency = (await db('cases').where({ id: pending.id }).first('agency_id')).agency_id;
    await db('agencies').whereIn('id', [city.id, agency]).update({ profile: 'jinghai' });
    const [{ n }] = (await db.raw('select count(*)::int as n from stat_reconsideration where case_id = ?', [pending.id])).rows;
    expect(n).toBe(1);
    await expectSummariesCorrect('profile change');
  }, 120_000);
});
