// Scenario 7: the same case under the Tengzhou and Jinghai profiles — their internal deadlines and
// filings with the justice bureau differ as the rules catalog says (Liaocheng files before the
// answer: scenario 1).
import { describe, expect, it } from 'vitest';
import { loadCalendar, listCaseDeadlines } from '../../src/deadlines/ledger.ts';
import { deadlineProcessVariables } from '../../src/deadlines/process-variables.ts';
import { APPROVE_HEAD, APPROVE_REVIEW, DRAFT, FILING, NO_RISK, REGISTRATION, SUBMISSION, advanceTo, caseBody, caseView, complete, createCase, engineToday, outbox, passed, sendEvent, useCaseLifecycle, waitCase, waitPassed, waitTask } from '../helpers/case-lifecycle.ts';
import { waitUntil } from '../helpers/engine.ts';

const ctx = useCaseLifecycle();
const rules = (view: any) => view.deadlines.map((d: any) => d.rule).sort();

describe('case life cycle, part 1: the same case under other profiles', () => {
  it('7a Tengzhou: scans filed with the justice bureau within 5 working days of receipt; no internal answer deadline', async () => {
    const started = Date.now();
    const today = await engineToday(ctx);
    const { id } = await createCase(ctx, caseBody(ctx, 'tengzhou-dept', today));
    await complete(ctx, id, 'reg_register', REGISTRATION(today));
    const filing = await waitTask(ctx, id, 'reg_filing', { withDue: true });
    let view = await caseView(ctx, id);
    const tzDue = view.deadlines.find((d: any) => d.rule === 'justice-bureau-filing').due;
    expect(filing.due?.slice(0, 10)).toBe(tzDue);
    expect(rules(view)).not.toContain('registration');
    expect(rules(view)).not.toContain('answer-preparation');
    await complete(ctx, id, 'reg_filing', { filedOn: today, filingMethod: 'email', filedMaterials: ['complaint', 'court-notice'] });
    view = await waitCase(ctx, id, 'the filing', (c) => c.reports.length > 0);
    expect(view.reports).toEqual([expect.objectContaining({ kind: 'justice-bureau-filing', timing: 'after-receipt', dueOn: tzDue, addresseeAgencyId: ctx.agencies.get('tengzhou-justice') })]);
    expect(view.reports[0].payload.materials).toEqual(['complaint', 'court-notice']);
    await complete(ctx, id, 'ps_assess', NO_RISK);
    await waitTask(ctx, id, 'w_draft');
    await waitPassed(ctx, id, 'w_no_prep'); // no internal preparation period here
    expect((await sendEvent(ctx, id, { type: 'withdrawn', on: today })).status).toBe(202);
    await waitCase(ctx, id, 'withdrawn', (c) => c.status === 'withdrawn');
    console.log(`scenario 7a (Tengzhou): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('7b Jinghai: forwarding in 3 days, answer preparation in 10 (a department may refer to it: a reminder when missed, no 督办), analysis meeting on risk, filing 5 days after the answer', async () => {
    const started = Date.now();
    const today = await engineToday(ctx);
    const { id } = await createCase(ctx, caseBody(ctx, 'jinghai-dept', today));
    const reg = await waitTask(ctx, id, 'reg_register', { withDue: true });
    let view = await caseView(ctx, id);
    const due = (rule: string) => view.deadlines.find((d: any) => d.rule === rule)?.due;
    expect(reg.due?.slice(0, 10)).toBe(due('forwarding'));
    expect(rules(view)).toEqual(expect.arrayContaining(['answer-and-evidence', 'answer-preparation', 'forwarding']));
    expect(rules(view)).not.toContain('risk-report');
    await complete(ctx, id, 'reg_register', REGISTRATION(today));
    expect(await passed(ctx, id, 'reg_filing')).toBe(0);
    // a risk of losing: Jinghai holds a case analysis meeting (JH §1(6)); no Liaocheng risk report
    await complete(ctx, id, 'ps_assess', { ...NO_RISK, lossRisk: true, riskAnalysis: '程序上存在瑕疵。' });
    const meeting = await waitTask(ctx, id, 'ps_meeting');
    expect(meeting.candidateGroups).toEqual(['legal-affairs']);
    await complete(ctx, id, 'ps_meeting', { meetingOn: today, meetingParticipants: '程建国、苏晓燕', meetingConclusion: '积极补正，争取协调。' });
    expect(await passed(ctx, id, 'ps_report')).toBe(0);
    const draft = await waitTask(ctx, id, 'w_draft', { withDue: true });
    expect(draft.due?.slice(0, 10)).toBe(due('answer-preparation'));

    // the 10-day preparation passes without a draft: a department "可以参照" it (JH §1(2)2), so a
    // reminder naming the reference period, not an urgent 督办
    const vars = deadlineProcessVariables(await loadCalendar(ctx.db), await listCaseDeadlines(ctx.db, id)) as Record<string, string>;
    await waitPassed(ctx, id, 'w_prep_timer', 'ACTIVE');
    await advanceTo(ctx, vars.answerPreparationDueAt!);
    await waitPassed(ctx, id, 'w_prep_reminded');
    const prep = await waitUntil('the preparation reminder', async () => {
      const rows = (await outbox(ctx, id)).filter((r) => r.subject.includes('答辩准备'));
      return rows.length ? rows : undefined;
    });
    expect(prep.every((r) => r.event === 'deadline.due-today' && !r.urgent && r.subject.includes('参照'))).toBe(true);
    expect(await passed(ctx, id, 'w_prep_escalate')).toBe(0);

    const submittedOn = await engineToday(ctx);
    await complete(ctx, id, 'w_draft', { ...DRAFT, agents: [{ name: '魏海涛', post: '科员', employer: '天津市静海区城市管理委员会', kind: 'staff' }] });
    await complete(ctx, id, 'w_review', APPROVE_REVIEW);
    await complete(ctx, id, 'w_approve', APPROVE_HEAD);
    await complete(ctx, id, 'w_submit', SUBMISSION(submittedOn));
    expect(await passed(ctx, id, 'w_file')).toBe(0); // not before the answer, as in Liaocheng
    const post = await waitTask(ctx, id, 'ae_post_filing', { withDue: true });
    view = await caseView(ctx, id);
    expect(post.due?.slice(0, 10)).toBe(due('post-answer-filing'));
    expect(view.deadlines.find((d: any) => d.rule === 'post-answer-filing').trigger).toBe(submittedOn);
    await complete(ctx, id, 'ae_post_filing', FILING(submittedOn));
    view = await waitCase(ctx, id, 'the case to await the hearing', (c) => c.stage === 'awaiting-hearing');
    expect(view.reports).toEqual([expect.objectContaining({ kind: 'justice-bureau-filing', timing: 'after-answer', addresseeAgencyId: ctx.agencies.get('jinghai-justice'), dueOn: due('post-answer-filing') })]);
    await waitPassed(ctx, id, 'cl_wait_hearing', 'ACTIVE');
    console.log(`scenario 7b (Jinghai): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
