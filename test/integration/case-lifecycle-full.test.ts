// The whole life cycle on the real engine, driven only through the case API: a Liaocheng case from
// service to the answer (part 1), the hearing notice → 出庭应诉 (twice: every hearing keeps its own
// deadlines), the won judgment served → 裁判与上诉, nobody appeals → effective → 败诉分析（胜诉记录）
// and 结案归档; afterwards a judicial recommendation still starts its own process, an appeal is
// refused with the reason, and a retrial petition (再审) reopens the case and runs answer, hearing,
// judgment and archive again at level retrial. A second case goes to second instance (二审) on the
// plaintiff's appeal: the answer period runs from the appeal copy.
import { describe, expect, it } from 'vitest';
import { caseInstanceIds, waitUntil } from '../helpers/engine.ts';
import { insertLedgerCase } from '../helpers/test-db.ts';
import { computeDeadline } from '../../src/deadlines/engine.ts';
import { loadCalendar } from '../../src/deadlines/ledger.ts';
import { passed, APPROVE_HEAD, APPROVE_REVIEW, DRAFT, FILING, NO_RISK, REGISTRATION, SUBMISSION, advanceTo, caseBody, caseView, complete, createCase, engineToday, sendEvent, useCaseLifecycle, waitCase, waitPassed, waitTask } from '../helpers/case-lifecycle.ts';

const ctx = useCaseLifecycle();
const DAY = 86_400_000;
const dateAfter = (date: string, days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(new Date(`${date}T12:00:00+08:00`).getTime() + days * DAY));

/** The case's current deadlines of one rule, by trigger key, from the ledger. */
async function deadlinesOf(id: string, rule: string): Promise<Record<string, string>> {
  const rows = await ctx.db('case_deadlines').where({ case_id: id, rule_id: rule }).whereNull('superseded_at').select('trigger_key', 'due_on');
  return Object.fromEntries(rows.map((r: any) => [r.trigger_key, String(r.due_on)]));
}
const expectedDue = async (profile: string, rule: string, trigger: string) => computeDeadline(await loadCalendar(ctx.db), { profile, rule, trigger }).due;
/** A Liaocheng case decided (won) at first instance and archived, as the ledger holds it after the life cycle. */
async function archivedCase(effectiveOn: string): Promise<string> {
  const agencyId = ctx.agencies.get('liaocheng-dept')!;
  const row = await insertLedgerCase(
    ctx.db,
    { agency_id: agencyId, court: '聊城市东昌府区人民法院', act_description: '行政处罚决定（罚款二万元）', claim_amount: 20000, complaint_received_on: dateAfter(effectiveOn, -60), stage: 'archived', status: 'closed' },
    [{ name: '张三', type: 'person' }],
  );
  await ctx.db('case_judgments').insert({ case_id: row.id, agency_id: agencyId, level: 'first', kind: 'judgment', outcome: 'won', served_on: dateAfter(effectiveOn, -16), effective_on: effectiveOn, field: '行政处罚' });
  return row.id as string;
}

/** Part 1 through the API: registration, no settlement, the answer submitted; the case awaits the hearing. */
async function toAwaitingHearing(today: string): Promise<string> {
  const { id } = await createCase(ctx, caseBody(ctx, 'liaocheng-dept', today));
  await complete(ctx, id, 'reg_register', REGISTRATION(today));
  await complete(ctx, id, 'ps_assess', NO_RISK);
  await answer(id, today);
  await waitCase(ctx, id, 'the case to await the hearing', (c) => c.stage === 'awaiting-hearing');
  return id;
}

async function answer(id: string, today: string) {
  await complete(ctx, id, 'w_draft', DRAFT);
  await complete(ctx, id, 'w_review', APPROVE_REVIEW);
  await complete(ctx, id, 'w_approve', APPROVE_HEAD);
  await complete(ctx, id, 'w_file', FILING(today));
  await complete(ctx, id, 'w_submit', SUBMISSION(today));
}

/** The hearing notice through the API, then 出庭应诉's tasks: plan, documents, the hearing itself, the transcript. */
async function hearing(id: string, today: string, hearingDate: string) {
  const hearingAt = `${hearingDate}T09:30:00+08:00`;
  expect((await sendEvent(ctx, id, { type: 'hearing-scheduled', hearingAt })).status).toBe(202);
  await complete(ctx, id, 'p_plan', {
    headName: '彭志强', // the seeded liaocheng-dept's principal head (D01)
    headPost: '局长',
    headInChargeOf: '全面工作',
    headAvailability: 'available',
    agents: [{ name: '张晓燕', kind: 'staff', post: '法规科科员', employer: '聊城市测试局' }],
  });
  await complete(ctx, id, 'p_submit', { documentsSubmittedOn: today, documentsSubmissionMethod: 'direct' });
  await advanceTo(ctx, new Date(new Date(hearingAt).getTime() + 3600_000).toISOString());
  await complete(ctx, id, 'h_attendance', { hearingHeldOn: hearingDate, headAppeared: true, appearedHeadName: '王志强', attendees: '王志强（负责人）、张晓燕（工作人员）' });
  await complete(ctx, id, 'h_transcript', { transcriptChecked: true, transcriptSignedOn: hearingDate });
  await waitPassed(ctx, id, 'h_end');
}

describe('case life cycle, parts 1 and 2 wired: service to archive', () => {
  it('runs a won first-instance case through hearing, judgment, loss analysis and archive; a recommendation after archiving is still taken', async () => {
    const today = await engineToday(ctx);
    const id = await toAwaitingHearing(today);
    const firstHearing = dateAfter(today, 10);
    await hearing(id, today, firstHearing);
    await waitPassed(ctx, id, 'cl_hearing_call');
    // the court holds a second session: its deadlines have their own key, the first session's stay
    const hearingDate = dateAfter(firstHearing, 7);
    await hearing(id, firstHearing, hearingDate);
    await waitUntil('both hearings in the ledger', async () => ((await passed(ctx, id, 'cl_hearing_call')) === 2 ? true : undefined));
    const notices = await deadlinesOf(id, 'head-appearance-notice');
    expect(notices).toEqual({
      'hearingAt:first': await expectedDue('liaocheng', 'head-appearance-notice', firstHearing),
      'hearingAt:first_2': await expectedDue('liaocheng', 'head-appearance-notice', hearingDate),
    });
    // the head appeared at the first session, so the second demanded none (法释〔2020〕3号 Art. 7)
    const decided = (await ctx.db('case_events').where({ case_id: id, type: 'head-appearance-decided' }).orderBy('id').select('payload')).map((e: any) => [e.payload.hearingKey, e.payload.headRequired]);
    expect(decided).toEqual([['first', true], ['first_2', false]]);

    // the judgment: won; nobody appeals
    const served = await sendEvent(ctx, id, { type: 'judgment-served', kind: 'judgment', outcome: 'won', servedOn: hearingDate });
    expect(served.status, JSON.stringify(served.body)).toBe(202);
    await waitCase(ctx, id, 'the judgment stage', (c) => c.stage === 'judgment');
    await complete(ctx, id, 'w_consider', { judgmentDocumentNumber: '（2026）测行初1号', judgmentSummary: '驳回原告诉讼请求', appealDecision: 'accept' });
    await waitPassed(ctx, id, 'w_lapse_gw', 'ACTIVE');
    const view = await caseView(ctx, id);
    const appealDue = view.deadlines.find((d: any) => d.rule === 'appeal-judgment')?.due as string;
    expect(appealDue).toBeTruthy();
    await advanceTo(ctx, `${dateAfter(appealDue, 1)}T01:00:00+08:00`);
    // the plaintiff's service date was never recorded: the effect is only estimated, so the case waits
    // (not archived, an appeal within the plaintiff's own period would still be taken) until the
    // court's 生效证明 is recorded
    await waitCase(ctx, id, 'waiting for the effect to be confirmed', (c) => c.stage === 'awaiting-effect');
    expect((await sendEvent(ctx, id, { type: 'judgment-effective', effectiveOn: dateAfter(appealDue, 1) })).status).toBe(202);

    // effective → loss analysis (a won case is only recorded) and the archive
    await complete(ctx, id, 'a_review', { archiveComplete: true, archivedBy: '李晓燕', archiveRetention: 'permanent' });
    await waitPassed(ctx, id, 'cl_end');
    const archived = await waitCase(ctx, id, 'the case archived', (c) => c.stage === 'archived' && c.status === 'closed');
    expect(archived.stage).toBe('archived');
    expect(await waitPassed(ctx, id, 'cl_loss')).toBe(true);
    expect(await passed(ctx, id, 'cl_performance')).toBe(0); // won: nothing to perform

    // after archiving: a judicial recommendation still starts its own process; an appeal does not apply
    const rec = await sendEvent(ctx, id, { type: 'judicial-recommendation', receivedOn: dateAfter(appealDue, 1) });
    expect(rec.status, JSON.stringify(rec.body)).toBe(202);
    await waitUntil('the judicial-recommendation instance', async () =>
      (await caseInstanceIds(ctx.rest, id)).some((p) => p.processDefinitionKey === 'judicial-recommendation' && p.state === 'ACTIVE') || undefined,
    );
    const appeal = await sendEvent(ctx, id, { type: 'appeal-filed', by: 'plaintiff', on: dateAfter(appealDue, 1) });
    expect(appeal.status).toBe(409);
    expect(appeal.body.error.message).toContain('结案');
    // a retrial petition reopens the archived case (the retrial itself: next scenario)
    const petition = await sendEvent(ctx, id, { type: 'retrial-petition-served', on: dateAfter(appealDue, 2) });
    expect(petition.status, JSON.stringify(petition.body)).toBe(202);
    // (the retrial moves on to its answer at once: the stage may already read 'answer')
    await waitCase(ctx, id, 'the archived case reopened for retrial', (c) => c.status === 'open' && c.level === 'retrial');
  });

  it('a retrial petition (再审) after archiving reopens the case: the written opinion within 15 days of the petition copy, the retrial hearing and judgment, archived again', async () => {
    const servedOn = await engineToday(ctx);
    const id = await archivedCase(dateAfter(servedOn, -30));
    const petition = await sendEvent(ctx, id, { type: 'retrial-petition-served', on: servedOn, by: 'plaintiff' });
    expect(petition.status, JSON.stringify(petition.body)).toBe(202);
    // reopened at level retrial; the retrial moves on to its answer at once, so the stage may already read 'answer'
    await waitCase(ctx, id, 'the case reopened for retrial', (c) => c.status === 'open' && c.level === 'retrial');
    const reopenedBy = (await ctx.db('case_events').where({ case_id: id, type: 'stage-changed' }).select('payload')).map((e: any) => e.payload);
    expect(reopenedBy).toEqual(expect.arrayContaining([expect.objectContaining({ from: expect.objectContaining({ stage: 'archived', level: 'first' }), to: expect.objectContaining({ stage: 'retrial', level: 'retrial' }) })]));
    // one retrial at a time
    const again = await sendEvent(ctx, id, { type: 'retrial-petition-served', on: servedOn });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('已在再审中');

    // the written opinion: the answer process at level retrial, due on the retrial-response deadline
    const responseDue = await expectedDue('liaocheng', 'retrial-response', servedOn);
    await waitUntil('the retrial-response deadline', async () => ((await deadlinesOf(id, 'retrial-response')).retrialPetitionReceivedOn === responseDue ? true : undefined));
    const draft = await waitTask(ctx, id, 'w_draft', { withDue: true });
    expect(draft.due!.slice(0, 10)).toBe(responseDue);
    await answer(id, servedOn);
    await waitPassed(ctx, id, 'rt_wait_hearing', 'ACTIVE');

    const retrialHearing = dateAfter(servedOn, 20);
    await hearing(id, servedOn, retrialHearing);
    expect(Object.keys(await deadlinesOf(id, 'head-appearance-notice'))).toEqual(['hearingAt:retrial']);

    // the retrial judgment (second-instance procedure) is effective on service; recorded, archived again
    expect((await sendEvent(ctx, id, { type: 'judgment-served', kind: 'judgment', outcome: 'won', servedOn: retrialHearing })).status).toBe(202);
    await complete(ctx, id, 'a_review', { archiveComplete: true, archivedBy: '李晓燕', archiveRetention: 'permanent' });
    await waitPassed(ctx, id, 'rt_end');
    const closed = await waitCase(ctx, id, 'the case archived after the retrial', (c) => c.stage === 'archived' && c.status === 'closed');
    expect(closed.level).toBe('retrial');
    const judgments = await ctx.db('case_judgments').where({ case_id: id }).orderBy('level').select('level', 'outcome', 'effective_on');
    expect(judgments.map((j: any) => [j.level, j.outcome])).toEqual([['first', 'won'], ['retrial', 'won']]);
    expect(String(judgments[1].effective_on)).toBe(retrialHearing);
    expect((await ctx.db('case_archives').where({ case_id: id }).orderBy('version').pluck('version'))).toEqual([1]);
  });

  it('the plaintiff appeals: second instance (answer, hearing), the final judgment takes effect on service, then loss analysis and archive', async () => {
    const today = await engineToday(ctx);
    const id = await toAwaitingHearing(today);
    const hearingDate = dateAfter(today, 10);
    await hearing(id, today, hearingDate);
    expect((await sendEvent(ctx, id, { type: 'judgment-served', kind: 'judgment', outcome: 'won', servedOn: hearingDate })).status).toBe(202);
    await waitCase(ctx, id, 'the judgment stage', (c) => c.stage === 'judgment');
    await waitTask(ctx, id, 'w_consider');
    // no appeal on record yet: there is no appeal copy to answer
    const early = await sendEvent(ctx, id, { type: 'appeal-copy-served', on: hearingDate });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('尚未记录对方（原告）提起上诉');
    const appealed = await sendEvent(ctx, id, { type: 'appeal-filed', by: 'plaintiff', on: hearingDate });
    expect(appealed.status, JSON.stringify(appealed.body)).toBe(202);
    const firstAnswerDue = (await deadlinesOf(id, 'answer-and-evidence')).complaintReceivedOn;

    // second instance (level second in the ledger): the answer waits for the appeal copy, and runs 15 days from it
    // the judgment process already moves the stage; the main process then sets the level
    await waitCase(ctx, id, 'the second instance at level second', (c) => c.stage === 'second-instance' && c.level === 'second');
    await waitPassed(ctx, id, 'cl_copy_served', 'ACTIVE');
    const copyServedOn = await engineToday(ctx);
    expect((await sendEvent(ctx, id, { type: 'appeal-copy-served', on: copyServedOn })).status).toBe(202);
    await waitPassed(ctx, id, 'cl_second_answer', 'ACTIVE');
    const appealAnswerDue = await expectedDue('liaocheng', 'appeal-answer', copyServedOn);
    expect(await deadlinesOf(id, 'appeal-answer')).toEqual({ appealCopyReceivedOn: appealAnswerDue });
    const draft = await waitTask(ctx, id, 'w_draft', { withDue: true });
    expect(draft.due!.slice(0, 10)).toBe(appealAnswerDue);
    const now = await engineToday(ctx);
    await answer(id, now);
    // the first-instance answer deadline is history, not recomputed from the appeal
    expect((await deadlinesOf(id, 'answer-and-evidence')).complaintReceivedOn).toBe(firstAnswerDue);
    await waitPassed(ctx, id, 'cl_second_wait', 'ACTIVE');
    const secondHearing = dateAfter(now, 10);
    await hearing(id, now, secondHearing);

    // the second-instance judgment is final: effective on service, no appeal period
    expect((await sendEvent(ctx, id, { type: 'judgment-served', kind: 'judgment', outcome: 'won', servedOn: secondHearing })).status).toBe(202);
    await complete(ctx, id, 'a_review', { archiveComplete: true, archivedBy: '李晓燕', archiveRetention: 'permanent' });
    await waitPassed(ctx, id, 'cl_end');
    const done = await waitCase(ctx, id, 'the case archived', (c) => c.stage === 'archived' && c.status === 'closed');
    expect(done.level).toBe('second');
    expect(Object.keys(await deadlinesOf(id, 'head-appearance-notice')).sort()).toEqual(['hearingAt:first', 'hearingAt:second']);
    expect(await passed(ctx, id, 'cl_hearing_call')).toBe(2);
    expect(await passed(ctx, id, 'cl_judgment')).toBe(2);
  });
});
