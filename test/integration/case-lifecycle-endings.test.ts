// Scenarios 2–4: settled in pre-trial mediation; withdrawn during the answer stage; a reconsidered
// case with the reconsideration organ as co-defendant (two responding units, each its part).
import { describe, expect, it } from 'vitest';
import { NO_RISK, REGISTRATION, caseBody, caseView, complete, createCase, engineToday, outbox, passed, sendEvent, useCaseLifecycle, waitCase, waitPassed, waitTask } from '../helpers/case-lifecycle.ts';

const ctx = useCaseLifecycle();
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('case life cycle, part 1: how a case ends early, and who responds', () => {
  it('2: settles in pre-trial mediation with the head taking part, replying within the agreed period; the answer stops', async () => {
    const started = Date.now();
    const today = await engineToday(ctx);
    const { id } = await createCase(ctx, caseBody(ctx, 'liaocheng-dept', today, { cause: '行政补偿' }));
    await complete(ctx, id, 'reg_register', REGISTRATION(today));
    await complete(ctx, id, 'ps_assess', { ...NO_RISK, mediationSuitable: true, writtenRecommendation: true, recommendedBy: 'court' });
    // recommended in writing: a head must take part (LC Art. 32)
    const session = await waitTask(ctx, id, 'ps_session_head');
    expect(session.candidateGroups).toEqual(['deputy-head', 'principal-head']);
    expect((await caseView(ctx, id)).settlementStatus).toBe('mediating');
    const replyBy = addDays(today, 3);
    await complete(ctx, id, 'ps_session_head', { sessionOn: today, sessionParticipants: '曾建国（副局长）、田海涛', sessionSummary: '双方就补偿数额初步达成一致，需报局务会研究。', needsWrittenReply: true, agreedReplyBy: replyBy });
    const reply = await waitTask(ctx, id, 'ps_reply', { withDue: true });
    expect(reply.due).toBe(`${replyBy}T23:59:59+08:00`);
    await complete(ctx, id, 'ps_reply', { repliedOn: today, replySummary: '经研究同意按协商数额补偿。' });
    await waitPassed(ctx, id, 'ps_outcome', 'ACTIVE');
    expect(await passed(ctx, id, 'w_draft', 'ACTIVE')).toBe(1); // the answer period kept running

    const res = await sendEvent(ctx, id, { type: 'settlement-outcome', outcome: 'settled' });
    expect(res.status).toBe(202);
    const view = await waitCase(ctx, id, 'the case to be settled', (c) => c.status === 'settled');
    expect(view).toMatchObject({ stage: 'closed', settlementStatus: 'settled' });
    await waitPassed(ctx, id, 'cl_settled_end');
    await waitPassed(ctx, id, 'w_draft', 'TERMINATED');
    // a settled case takes no more events
    const again = await sendEvent(ctx, id, { type: 'withdrawn', on: today });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('和解结案');
    expect(view.events.map((e: any) => e.type)).toContain('court-event:settlement-outcome');
    console.log(`scenario 2 (settled): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('3: the plaintiff withdraws during the answer stage; the case ends with its ledger status', async () => {
    const started = Date.now();
    const today = await engineToday(ctx);
    const { id } = await createCase(ctx, caseBody(ctx, 'liaocheng-dept', today));
    await complete(ctx, id, 'reg_register', REGISTRATION(today));
    await complete(ctx, id, 'ps_assess', NO_RISK);
    await waitTask(ctx, id, 'w_draft');
    // no settlement under way: its outcome cannot be taken
    const outcome = await sendEvent(ctx, id, { type: 'settlement-outcome', outcome: 'settled' });
    expect(outcome.status).toBe(409);
    expect(outcome.body.error.message).toContain('没有进行中的审前和解');
    const unknown = await sendEvent(ctx, id, { type: 'court-visit', on: today });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0].field).toBe('type');

    const res = await sendEvent(ctx, id, { type: 'withdrawn', on: today });
    expect(res.status).toBe(202);
    const view = await waitCase(ctx, id, 'the case to be withdrawn', (c) => c.status === 'withdrawn');
    expect(view).toMatchObject({ stage: 'closed', withdrawnOn: today });
    await waitPassed(ctx, id, 'cl_withdrawal_end');
    await waitPassed(ctx, id, 'w_draft', 'TERMINATED');
    expect(await passed(ctx, id, 'w_submit')).toBe(0);
    expect(view.events.map((e: any) => e.type)).toEqual(expect.arrayContaining(['court-event:withdrawn', 'stage-changed']));
    console.log(`scenario 3 (withdrawn): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('4: reconsideration organ as co-defendant — the department defends the act, the justice bureau the reconsideration; a major case is reported', async () => {
    const started = Date.now();
    const today = await engineToday(ctx);
    const dept = ctx.agencies.get('liaocheng-dept')!;
    const gov = ctx.agencies.get('liaocheng-gov')!;
    const body = caseBody(ctx, 'liaocheng-dept', today, {
      reconsideration: { status: 'organ-co-defendant', organAgencyId: gov },
      flags: { majorPublicInterest: false, highAttention: true, massIncidentRisk: false, procuratorate: false, majorComplex: true },
    });
    const { id } = await createCase(ctx, body);
    await waitTask(ctx, id, 'reg_register');
    const view = await caseView(ctx, id);
    expect(view.respondingUnits).toHaveLength(2);
    expect(view.respondingUnits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ agencyId: dept, defends: 'original-act', role: 'co-defendant' }),
        expect.objectContaining({ agencyId: ctx.agencies.get('liaocheng-justice'), defends: 'reconsideration', role: 'co-defendant' }),
      ]),
    );
    await complete(ctx, id, 'reg_register', REGISTRATION(today));
    // major and complex, high attention: reported to the same-level government (LC Art. 43 para 3)
    const major = await waitTask(ctx, id, 'reg_major');
    expect(major.candidateGroups).toEqual(['legal-affairs']);
    await complete(ctx, id, 'reg_major', { reportedOn: today, reportedTo: '聊城市人民政府', reportSummary: '案件社会关注度高，已制定应诉方案。' });
    const reported = await waitCase(ctx, id, 'the major-case report', (c) => c.reports.length > 0);
    expect(reported.reports).toEqual([expect.objectContaining({ kind: 'major-case-report', addresseeAgencyId: gov, filedOn: today })]);
    expect(reported.reports[0].payload.reasons).toEqual(['重大复杂', '社会关注度高']);
    const assigned = (await outbox(ctx, id)).filter((r) => r.event === 'case.assigned');
    expect(assigned.length).toBeGreaterThan(0);
    expect(assigned[0]!.subject).toContain('已确定承办单位');
    // the assignment is idempotent: one event for the one job
    expect(reported.events.filter((e: any) => e.type === 'responding-units-assigned')).toHaveLength(1);
    // end this case so its timers do not run on into later scenarios
    expect((await sendEvent(ctx, id, { type: 'withdrawn', on: today })).status).toBe(202);
    await waitCase(ctx, id, 'withdrawn', (c) => c.status === 'withdrawn');
    console.log(`scenario 4 (co-defendant): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
