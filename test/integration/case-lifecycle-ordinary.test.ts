// Scenario 1: an ordinary Liaocheng case from service to the answer submitted on time, driven
// through the case API; then the hearing notice reaches part 1's waiting point.
import { describe, expect, it } from 'vitest';
import { APPROVE_HEAD, APPROVE_REVIEW, DRAFT, FILING, NO_RISK, REGISTRATION, SUBMISSION, caseBody, caseView, complete, createCase, documents, engineToday, outbox, passed, sendEvent, useCaseLifecycle, waitCase, waitPassed, waitTask } from '../helpers/case-lifecycle.ts';

const ctx = useCaseLifecycle();

describe('case life cycle, part 1: an ordinary Liaocheng case', () => {
  it('runs from service to the answer submitted on time, files with the justice bureau before the answer, and waits for the hearing', async () => {
    const started = Date.now();
    const today = await engineToday(ctx);
    const { id } = await createCase(ctx, caseBody(ctx, 'liaocheng-dept', today));

    // registration: the clerk's task is due by the Liaocheng 3-day registration deadline
    const reg = await waitTask(ctx, id, 'reg_register', { withDue: true });
    expect(reg.candidateGroups).toEqual(['clerk']);
    expect(reg.formId).toBe('case-registration');
    let view = await caseView(ctx, id);
    const due = (rule: string) => view.deadlines.find((d: any) => d.rule === rule)?.due;
    expect(due('registration')).toBeTruthy();
    expect(reg.due?.slice(0, 10)).toBe(due('registration'));
    expect(view.respondingUnits).toEqual([expect.objectContaining({ agencyId: ctx.agencies.get('liaocheng-dept'), defends: 'whole-case', role: 'sole' })]);
    expect(view.stage).toBe('registration');
    await complete(ctx, id, 'reg_register', REGISTRATION(today));

    // settlement and answer run side by side
    await complete(ctx, id, 'ps_assess', NO_RISK);
    const draft = await waitTask(ctx, id, 'w_draft', { withDue: true });
    view = await caseView(ctx, id);
    expect(view.stage).toBe('answer');
    expect(draft.due?.slice(0, 10)).toBe(due('answer-and-evidence'));
    expect(due('risk-report')).toBeTruthy(); // LC Art. 18, 3 working days before the answer is due
    expect(due('answer-preparation')).toBeUndefined(); // a Jinghai rule only
    await complete(ctx, id, 'w_draft', DRAFT);
    await complete(ctx, id, 'w_review', APPROVE_REVIEW);
    const approval = await waitTask(ctx, id, 'w_approve');
    expect(approval.candidateGroups).toEqual(['deputy-head']);
    await complete(ctx, id, 'w_approve', APPROVE_HEAD);
    // Liaocheng: the answer is filed with the justice bureau before it is submitted (LC Art. 13)
    await complete(ctx, id, 'w_file', FILING(today));
    await complete(ctx, id, 'w_submit', SUBMISSION(today));

    view = await waitCase(ctx, id, 'the case to await the hearing', (c) => c.stage === 'awaiting-hearing');
    expect(view.status).toBe('open');
    expect(view.settlementStatus).toBe('not-attempted');
    expect(view.answerSubmittedOn).toBe(today);
    expect(view.reports).toEqual([expect.objectContaining({ kind: 'justice-bureau-filing', timing: 'before-answer', addresseeAgencyId: ctx.agencies.get('liaocheng-justice'), filedOn: today })]);
    expect(view.reports[0].documentIds).toHaveLength(2);
    const kinds = (await documents(ctx, id)).filter((d) => d.format === 'pdf').map((d) => d.kind).sort();
    expect(kinds).toEqual(['answer-brief', 'evidence-list', 'legal-representative-certificate', 'power-of-attorney']);
    const events = view.events.map((e: any) => e.type);
    expect(events).toEqual(expect.arrayContaining(['case-registered', 'responding-units-assigned', 'answer-prepared', 'justice-bureau-filing']));
    // no extension, no major-case report, no Tengzhou filing, no reminders: the answer was on time
    expect(await passed(ctx, id, 'w_ext')).toBe(0);
    expect(await passed(ctx, id, 'reg_filing')).toBe(0);
    expect(await passed(ctx, id, 'reg_major')).toBe(0);
    const sent = (await outbox(ctx, id)).map((r) => r.event);
    expect(new Set(sent)).toEqual(new Set(['case.registered', 'case.assigned']));

    // an event the case cannot take now: 409 with the reason
    const early = await sendEvent(ctx, id, { type: 'judgment-served', kind: 'judgment', outcome: 'won', servedOn: today });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('答辩完毕，等待开庭');
    const bad = await sendEvent(ctx, id, { type: 'hearing-scheduled', hearingAt: 'next week' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: any) => f.field)).toEqual(['hearingAt']);

    // part 1 ends at the hearing notice
    await waitPassed(ctx, id, 'cl_wait_hearing', 'ACTIVE');
    const hearing = await sendEvent(ctx, id, { type: 'hearing-scheduled', hearingAt: `${today}T09:30:00+08:00` });
    expect(hearing.status).toBe(202);
    view = await waitCase(ctx, id, 'the hearing stage', (c) => c.stage === 'hearing');
    expect(view.hearings).toHaveLength(1);
    await waitPassed(ctx, id, 'cl_hearing_call', 'ACTIVE'); // part 2: the main process calls 出庭应诉
    const list = await ctx.api.get('/api/cases').query({ agency: ctx.agencies.get('liaocheng-dept'), stage: 'hearing' });
    expect(list.body.map((c: any) => c.id)).toContain(id);
    console.log(`scenario 1 (ordinary, Liaocheng): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
