// DB tier: the deadline recomputation after a calendar change writes exactly what the computation says
// — every column of the new rows, the superseded rows, one case event per change with its key and
// payload, the statistics of the answer deadlines — and nothing a second time. Set-based writes
// (unnest) and the statistics refreshed once per chunk (stat_refresh_answers) must change none of it.
// Own database: adding 2027 changes every provisional deadline of the shared one (ledger.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../src/db/database.ts';
import { statutoryRestDays } from '../../../src/deadlines/calendar.ts';
import { computeCaseDeadlines } from '../../../src/deadlines/case-deadlines.ts';
import { formatIsoDate, parseIsoDate } from '../../../src/deadlines/dates.ts';
import { addCalendarYear, loadCalendar, recomputeAfterCalendarChange, syncCaseDeadlines, type CalendarChangeResult } from '../../../src/deadlines/ledger.ts';
import { rebuildSql } from '../../../src/statistics/summary-sql.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';

let db: Db;
let drop: () => Promise<void>;
const PROFILES = ['national', 'yantai', 'hunan', 'liaocheng', 'tengzhou', 'jinghai'];
const day = (from: string, n: number) => formatIsoDate(parseIsoDate(from)! + n);

/** Triggers reaching into 2027 (PROVISIONAL until it is added), a few kinds of each. */
function inputsOf(i: number): { triggers: Record<string, string>; options: Record<string, unknown> } {
  const triggers: Record<string, string> = { complaintReceivedOn: day('2026-11-20', (i * 5) % 70) };
  const options: Record<string, unknown> = {};
  if (i % 3 === 0) {
    triggers.judgmentServedOn = day('2026-12-28', i % 20);
    options.judgmentKind = i % 2 ? 'ruling' : 'judgment';
  }
  if (i % 4 === 1) triggers.hearingAt = day('2026-12-20', i % 30);
  if (i % 5 === 2) {
    triggers['recommendationReceivedOn:r1'] = day('2026-12-15', i % 25);
    options.byTrigger = { 'recommendationReceivedOn:r1': { recommendationKind: 'procuratorial', replyWithinDays: 30 } };
  }
  if (i % 6 === 4) {
    triggers.effectiveOn = day('2027-01-05', i % 30);
    options.performanceWithinDays = 60;
  }
  return { triggers, options };
}

const caseIds: string[] = [];
let profileOf: Map<string, string>;

beforeAll(async () => {
  const fresh = await freshLedgerDatabase('yingsu_test_recompute');
  drop = fresh.drop;
  db = createDb(fresh.url, { min: 0, max: 4 });
  const agencies = await db('agencies')
    .insert(PROFILES.map((profile) => ({ code: `rc-${profile}`, name: `重算测试-${profile}`, kind: 'department', level: 'city', profile })))
    .returning(['id', 'profile']);
  profileOf = new Map();
  const calendar = await loadCalendar(db);
  for (let i = 0; i < 36; i++) {
    const agency = agencies[i % agencies.length]!;
    const [row] = await db('cases')
      .insert({ agency_id: agency.id, case_number: `（2026）测行初重${i}号`, court: '测试法院', level: 'first', cause: '行政处罚', act_description: '罚款', complaint_received_on: inputsOf(i).triggers.complaintReceivedOn })
      .returning('id');
    caseIds.push(row.id);
    profileOf.set(row.id, agency.profile);
    if (i % 7 === 3) await db('case_answers').insert({ case_id: row.id, level: 'first', submitted_on: day('2026-12-01', i) });
  }
  // what the deadlines.compute jobs would have written, a few cases per call
  for (let i = 0; i < caseIds.length; i += 5) {
    const requests = caseIds.slice(i, i + 5).map((caseId, k) => ({ caseId, triggerChanges: inputsOf(i + k).triggers, optionChanges: inputsOf(i + k).options, stage: 'all' as const }));
    await syncCaseDeadlines(db, requests, { calendar, reason: `job:seed-${i}`, actor: 'test' });
  }
}, 120_000);
afterAll(async () => {
  await db?.destroy();
  await drop?.();
});

const counts = async () => ({
  rows: Number((await db('case_deadlines').count({ n: '*' }))[0]!.n),
  events: Number((await db('case_events').count({ n: '*' }))[0]!.n),
  superseded: Number((await db('case_deadlines').whereNotNull('superseded_at').count({ n: '*' }))[0]!.n),
});

describe('recompute after a calendar change', () => {
  let result: CalendarChangeResult;
  let before: Awaited<ReturnType<typeof counts>>;

  it('writes the computed deadlines, column by column, and supersedes the rows they replace', async () => {
    before = await counts();
    const days = statutoryRestDays(2027).map((d) => ({ date: d.date, isOffDay: true, name: d.name }));
    days.push({ date: '2027-02-09', isOffDay: true, name: '春节' }, { date: '2027-02-20', isOffDay: false, name: '春节' });
    // chunks of 4, three at a time: several transactions, each its own unnest statements
    result = await addCalendarYear(db, { year: 2027, notice: '测试：2027年放假安排', days }, 'admin-test', { chunkSize: 4, concurrency: 3 });
    // the cases with a provisional deadline or one touching late December 2026 or 2027: most of them
    expect(result.casesExamined).toBeGreaterThan(caseIds.length / 2);
    expect(result.changes.length).toBeGreaterThan(caseIds.length);
    expect(result.changes.some((c) => c.oldStatus === 'PROVISIONAL' && c.newStatus === 'OK')).toBe(true);

    const calendar = await loadCalendar(db);
    const reason = `calendar:${result.changeId}`;
    for (const caseId of caseIds) {
      const inputs = await db('case_deadline_inputs').where({ case_id: caseId }).first();
      const expected = computeCaseDeadlines(calendar, { profile: profileOf.get(caseId)!, triggers: inputs.triggers, options: inputs.options }, inputs.stages);
      const current = await db('case_deadlines').where({ case_id: caseId }).whereNull('superseded_at').orderBy('id');
      const mine = result.changes.filter((c) => c.caseId === caseId);
      expect(current.map((r) => `${r.rule_id}|${r.trigger_key}`).sort(), caseId).toEqual(expected.map((d) => `${d.rule}|${d.triggerKey}`).sort());
      for (const d of expected) {
        const row = current.find((r) => r.rule_id === d.rule && r.trigger_key === d.triggerKey)!;
        expect(row, `${caseId} ${d.rule}`).toMatchObject({
          profile: d.profile,
          rule_profile: d.ruleProfile,
          name: d.name,
          stage: d.stage,
          basis: d.basis,
          trigger_on: d.trigger,
          due_on: d.due,
          status: d.status,
          may_extend_to: d.mayExtendTo ?? null,
          estimated_due: d.estimatedDue ?? null,
          last_day_make_up_workday: d.lastDayMakeUpWorkday,
          check_note: d.checkNote,
          explanation: d.explanation,
          source: d.source,
          computed_reason: mine.some((c) => c.rule === d.rule && c.triggerKey === d.triggerKey) ? reason : expect.stringMatching(/^job:seed-/),
        });
      }
      // each changed or removed deadline's previous row is superseded by this change, marked with its kind
      for (const c of mine.filter((c) => c.change !== 'added')) {
        const old = await db('case_deadlines').where({ case_id: caseId, rule_id: c.rule, trigger_key: c.triggerKey, superseded_reason: reason });
        expect(old, `${caseId} ${c.rule}`).toHaveLength(1);
        expect(old[0]).toMatchObject({ superseded_change: c.change, due_on: c.oldDue, status: c.oldStatus, trigger_on: c.oldTrigger });
        expect(old[0].superseded_at).toBeInstanceOf(Date);
      }
    }
    const after = await counts();
    const changed = result.changes.filter((c) => c.change === 'changed').length;
    const removed = result.changes.filter((c) => c.change === 'removed').length;
    const added = result.changes.filter((c) => c.change === 'added').length;
    expect(after).toEqual({ rows: before.rows + changed + added, events: before.events + result.changes.length, superseded: before.superseded + changed + removed });
  });

  it('records one case event per change, keyed and with the change as its payload', async () => {
    const reason = `calendar:${result.changeId}`;
    const events = await db('case_events').where('idempotency_key', 'like', `deadline:${reason}:%`).orderBy('id');
    expect(events).toHaveLength(result.changes.length);
    const byKey = new Map(events.map((e) => [e.idempotency_key, e]));
    for (const c of result.changes) {
      const event = byKey.get(`deadline:${reason}:${c.caseId}:${c.rule}:${c.triggerKey}`);
      expect(event, `${c.caseId} ${c.rule}`).toMatchObject({ case_id: c.caseId, type: `deadline.${c.change}`, actor: 'admin-test', source_job_key: null, process_instance_key: null });
      expect(event.payload).toEqual({ ...c, reason });
    }
  });

  it('keeps the statistics of the answer deadlines equal to a rebuild', async () => {
    const snapshot = async () => ({
      answers: (await db.raw('select case_id, agency_id, level, due_on, submitted, late_submitted from stat_answer order by 1, 3')).rows,
      buckets: (await db.raw(`select agency_id, kind, bucket, measure, key, num, den, ncase from stat_buckets where num <> 0 or den <> 0 or ncase <> 0 order by 1, 2, 3, 4, 5`)).rows,
    });
    const maintained = await snapshot();
    expect(maintained.answers.length).toBeGreaterThan(0);
    await db.transaction(async (trx) => {
      for (const sql of rebuildSql()) await trx.raw(sql);
    });
    expect(await snapshot()).toEqual(maintained);
  });

  it('writes nothing the second time, under the same change or another one', async () => {
    const now = await counts();
    const again = await recomputeAfterCalendarChange(db, result.changeId, { from: '2026-12-20', to: '2027-12-31' }, 'admin-test', { chunkSize: 7 });
    expect(again.casesExamined).toBeGreaterThan(0);
    expect(again.changes).toEqual([]);
    const other = await recomputeAfterCalendarChange(db, `${result.changeId}0`, { from: '2026-12-20', to: '2027-12-31' }, 'admin-test');
    expect(other.changes).toEqual([]);
    expect(await counts()).toEqual(now);
  });

  it("leaves the transaction's statistics deferral as it found it", async () => {
    const calendar = await loadCalendar(db);
    const deferral = async (trx: Db) => (await trx.raw(`select current_setting('yingsu.statistics_deferred', true) as v`)).rows[0].v;
    await db.transaction(async (trx) => {
      await syncCaseDeadlines(trx, [{ caseId: caseIds[0]!, triggerChanges: { hearingAt: '2027-03-01' } }], { calendar, reason: 'test:nested', actor: 'test' });
      expect(await deferral(trx)).not.toBe('on');
      await trx.raw(`select set_config('yingsu.statistics_deferred', 'on', true)`);
      await syncCaseDeadlines(trx, [{ caseId: caseIds[1]!, triggerChanges: { hearingAt: '2027-03-02' } }], { calendar, reason: 'test:deferred', actor: 'test' });
      expect(await deferral(trx)).toBe('on');
      await trx.raw(`select set_config('yingsu.statistics_deferred', 'off', true)`);
      await trx.raw('select stat_refresh_cases(cast(? as uuid[]))', [[caseIds[1]!]]);
    });
  });
});
