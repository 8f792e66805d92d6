// Engine scenario (integration tier: the engine app, the ledger, every worker, the engine outbox):
// the reconsideration organ as co-defendant prepares its OWN answer and evidence about the
// reconsideration decision (湘政办发〔2017〕9号 二（二）; 行诉法 26(2), 67) beside the original agency's
// answer — its own process instance in its own tenant, its own tasks and deadline, its own brief.
import { describe, expect, it } from 'vitest';
import { APPROVE_HEAD, REGISTRATION, SUBMISSION, advanceTo, caseBody, caseView, complete, createCase, engineToday, outbox, passed, sendEvent, useCaseLifecycle, waitCase, waitPassed, waitTask } from '../helpers/case-lifecycle.ts';
import { waitUntil } from '../helpers/engine.ts';

const ctx = useCaseLifecycle();

const UNIT_DRAFT = {
  decisionNumber: '湘政复决字〔2026〕8号',
  decidedOn: '2026-01-20',
  decisionSummary: '维持被申请人作出的行政处罚决定。',
  reconsiderationProcedure: '复议机关于2025年12月1日收到复议申请，当日受理并通知被申请人答复，经审查于法定期限内作出复议决定并依法送达。',
  reconsiderationReasons: '被申请人认定事实清楚、证据确凿，适用依据正确，程序合法。',
  reconsiderationLegalBasis: '《中华人民共和国行政复议法》第六十八条\n《中华人民共和国行政处罚法》第三十条',
  reconsiderationAnswerRequest: '',
};

describe('a reconsideration organ as co-defendant answers on its own (HN 二（二）)', () => {
  it('the justice bureau gets its own answer process, tasks, deadline and brief; the department answers for the act', async () => {
    const today = await engineToday(ctx);
    const dept = ctx.agencies.get('hunan-dept')!;
    const gov = ctx.agencies.get('hunan-gov')!;
    const justice = ctx.agencies.get('hunan-justice')!;
    const { id } = await createCase(ctx, caseBody(ctx, 'hunan-dept', today, { reconsideration: { status: 'organ-co-defendant', organAgencyId: gov } }));
    await complete(ctx, id, 'reg_register', REGISTRATION(today));

    // the department's own answer, as before
    const mainDraft = await waitTask(ctx, id, 'w_draft', { withDue: true });
    expect(mainDraft.candidateGroups).toEqual(['handler']);
    expect(mainDraft.bpmnProcessId).toBe('answer-and-evidence');

    // the organ's answer: another instance (business key = the case), in the justice bureau's tenant
    const unitDraft = await waitTask(ctx, id, 'ua_draft', { withDue: true });
    expect(unitDraft.bpmnProcessId).toBe('unit-answer');
    expect(unitDraft.candidateGroups).toEqual(['justice-bureau']);
    // the same 15-day answer period (行诉法 67), its own task deadline
    expect(unitDraft.due).toBe(mainDraft.due);
    const view = await caseView(ctx, id);
    const answer = view.deadlines.find((d: any) => d.rule === 'answer-and-evidence');
    expect(unitDraft.due).toBe(`${answer.due}T23:59:59+08:00`);
    const [instance] = await ctx.rest.json<{ id: string; tenantId: string }[]>('GET', `/process-instance?processDefinitionKey=unit-answer&businessKey=${id}`);
    expect(instance!.tenantId).toBe(justice);
    const [mainInstance] = await ctx.rest.json<{ tenantId: string }[]>('GET', `/process-instance?processDefinitionKey=answer-and-evidence&businessKey=${id}`);
    expect(mainInstance!.tenantId).toBe(dept);
    const requested = view.events.filter((e: any) => e.type === 'unit-answer-requested');
    expect(requested).toHaveLength(1);
    expect(requested[0].payload).toMatchObject({ level: 'first', unitAgencyId: justice, answeringAgencyId: gov, defends: 'reconsideration' });

    // not drafted one working day before the last day, 09:00: the 督办 reaches the unit itself (its people), not the department
    const escalateAt = await waitUntil('the unit escalation timer', async () => {
      const [v] = await ctx.rest.json<{ value: string }[]>('GET', `/variable-instance?processInstanceIdIn=${instance!.id}&variableName=answerEscalateAt`);
      return v?.value;
    });
    expect(escalateAt).toMatch(/T09:00:00\+08:00$/);
    expect(escalateAt.slice(0, 10) < answer.due).toBe(true);
    await advanceTo(ctx, escalateAt);
    await waitPassed(ctx, id, 'ua_escalated');
    const escalation = await waitUntil('the unit escalation', async () => {
      const rows = (await outbox(ctx, id)).filter((r) => r.subject.includes('复议机关答辩举证期限'));
      return rows.length ? rows : undefined;
    });
    expect(escalation.every((r) => r.event === 'deadline.escalation')).toBe(true);
    const reached = await ctx.db('people').whereIn('id', escalation.map((r) => r.recipient_person_id)).distinct('agency_id');
    expect(reached.map((r: any) => r.agency_id)).toEqual([justice]);
    expect(escalation.map((r) => r.recipient_role)).toContain('justice-bureau');

    // drafted, sent back once, approved, rendered, submitted
    await complete(ctx, id, 'ua_draft', UNIT_DRAFT);
    await complete(ctx, id, 'ua_approve', { approvalDecision: 'revise', approvalOpinion: '请补充复议程序中的送达情况。' });
    await complete(ctx, id, 'ua_draft', { ...UNIT_DRAFT, reconsiderationProcedure: `${UNIT_DRAFT.reconsiderationProcedure}复议决定书于2026年1月22日送达申请人。` });
    const approval = await waitTask(ctx, id, 'ua_approve');
    expect(approval.candidateGroups).toEqual(['justice-bureau']);
    await complete(ctx, id, 'ua_approve', APPROVE_HEAD);
    await complete(ctx, id, 'ua_submit', SUBMISSION(today));
    const submitted = await waitCase(ctx, id, "the organ's answer recorded", (c) => c.events.some((e: any) => e.type === 'unit-answer-submitted'));
    const event = submitted.events.find((e: any) => e.type === 'unit-answer-submitted');
    expect(event.payload).toMatchObject({ level: 'first', unitAgencyId: justice, answeringAgencyId: gov, submittedOn: today, answerDue: answer.due });
    const brief = await ctx.db('documents').where({ case_id: id, kind: 'reconsideration-answer-brief', format: 'pdf' }).first('id', 'data');
    expect(brief).toBeDefined();
    expect(event.payload.documentId).toBe(brief.id);
    const data = typeof brief.data === 'string' ? JSON.parse(brief.data) : brief.data;
    // the organ answers (答辩人), the department is the co-defendant, the decision and its procedure are argued
    expect(data.answeringAgency.name).toBe('湖南省人民政府');
    expect(data.agency.name).toBe('湖南省自然资源厅');
    expect(data.decisionNumber).toBe('湘政复决字〔2026〕8号');
    expect(data.procedure).toContain('2026年1月22日送达申请人');
    expect(data.legalBasis).toEqual([
      { title: '中华人民共和国行政复议法', articles: '第六十八条' },
      { title: '中华人民共和国行政处罚法', articles: '第三十条' },
    ]);
    // the department's own answer is untouched: still at its draft
    expect((await waitTask(ctx, id, 'w_draft')).key).toBe(mainDraft.key);

    expect((await sendEvent(ctx, id, { type: 'withdrawn', on: today })).status).toBe(202);
    await waitCase(ctx, id, 'withdrawn', (c) => c.status === 'withdrawn');
    // the organ's answer was already submitted: nothing to end
    expect(await ctx.db('engine_commands').where({ business_key: id, message_name: 'unit-answer-ended' })).toEqual([]);
  });

  it('the plaintiff withdraws while the organ drafts: its answer ends with the case', async () => {
    const today = await engineToday(ctx);
    const gov = ctx.agencies.get('hunan-gov')!;
    const { id } = await createCase(ctx, caseBody(ctx, 'hunan-dept', today, { reconsideration: { status: 'organ-co-defendant', organAgencyId: gov } }));
    await complete(ctx, id, 'reg_register', REGISTRATION(today));
    await waitTask(ctx, id, 'ua_draft');
    expect((await sendEvent(ctx, id, { type: 'withdrawn', on: today })).status).toBe(202);
    await waitCase(ctx, id, 'withdrawn', (c) => c.status === 'withdrawn');
    await waitPassed(ctx, id, 'ua_ended_end');
    expect(await passed(ctx, id, 'ua_draft', 'ACTIVE')).toBe(0);
    const [instance] = await ctx.rest.json<{ state: string }[]>('GET', `/history/process-instance?processDefinitionKey=unit-answer&processInstanceBusinessKey=${id}`);
    expect(instance!.state).toBe('COMPLETED');
    const ended = (await caseView(ctx, id)).events.find((e: any) => e.type === 'unit-answer-ended');
    expect(ended.payload).toMatchObject({ level: 'first', unitAgencyId: ctx.agencies.get('hunan-justice'), caseEndedAs: 'withdrawn' });
  });

  it('a case without a co-defendant organ starts no separate answer', async () => {
    const today = await engineToday(ctx);
    const { id } = await createCase(ctx, caseBody(ctx, 'hunan-dept', today));
    await complete(ctx, id, 'reg_register', REGISTRATION(today));
    // ae_unit_answers runs before the answer work starts: once the draft is open it has decided
    await waitTask(ctx, id, 'w_draft');
    const view = await caseView(ctx, id);
    expect(view.events.filter((e: any) => e.type === 'unit-answer-requested')).toEqual([]);
    expect(await ctx.db('engine_commands').where({ business_key: id, message_name: 'unit-answer-requested' })).toEqual([]);
    expect(await ctx.rest.json<unknown[]>('GET', `/process-instance?processDefinitionKey=unit-answer&businessKey=${id}`)).toEqual([]);
    expect((await sendEvent(ctx, id, { type: 'withdrawn', on: today })).status).toBe(202);
    await waitCase(ctx, id, 'withdrawn', (c) => c.status === 'withdrawn');
  });
});
