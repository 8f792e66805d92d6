// Scenario 7: the same case under the Tengzhou, Jinghai and Liaocheng profiles — their internal
// deadlines, filings with the justice bureau and risk reports differ as the rules catalog says
// (Liaocheng files before the answer: scenario 1).
import { describe, expect, it } from 'vitest';
import { computeDeadline } from '../../src/deadlines/engine.ts';
import { loadCalendar, listCaseDeadlines } from '../../src/deadlines/ledger.ts';
import { deadlineProcessVariables } from '../../src/deadlines/process-variables.ts';
import { APPROVE_HEAD, APPROVE_REVIEW, DRAFT, FILING, NO_RISK, REGISTRATION, SUBMISSION, advanceTo, caseBody, caseView, complete, createCase, engineToday, outbox, passed, sendEvent, useCaseLifecycle, waitCase, waitPassed, waitTask } from '../helpers/case-lifecycle.ts';
import { waitUntil } from '../helpers/engine.ts';

const ctx = useCaseLifecycle();
const rules = (view: any) => view.deadlines.map((d: any) => d.rule).sort();
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('case life cycle, part 1: the same case under other profiles', () => {
  it('7a Tengzhou: each document is filed with the justice bureau within 5 working days — complaint and notice, answer, head-appearance record, judgment — as a task with its deadline and a filing record', async () => {
    const started = Date.now();
    const today = await engineToday(ctx);
    const { id } = await createCase(ctx, caseBody(ctx, 'tengzhou-dept', today));
    const expectedDue = async (trigger: string) => computeDeadline(await loadCalendar(ctx.db), { profile: 'tengzhou', rule: 'justice-bureau-filing', trigger }).due;
    const justiceBureau = ctx.agencies.get('tengzhou-justice');
    const reportsAt = async (n: number) => (await waitCase(ctx, id, `filing record ${n}`, (c) => c.reports.length >= n)).reports;

    // 1. the complaint and the notice to respond, 5 working days from receipt
    await complete(ctx, id, 'reg_register', REGISTRATION(today));
    const filing = await waitTask(ctx, id, 'reg_filing', { withDue: true });
    let view = await caseView(ctx, id);
    const tzDue = view.deadlines.find((d: any) => d.rule === 'justice-bureau-filing' && d.triggerKey === 'complaintReceivedOn').due;
    expect(tzDue).toBe(await expectedDue(today));
    expect(filing.due?.slice(0, 10)).toBe(tzDue);
    expect(rules(view)).not.toContain('registration');
    expect(rules(view)).not.toContain('answer-preparation');
    await complete(ctx, id, 'reg_filing', { filedOn: today, filingMethod: 'email', filedMaterials: ['complaint', 'court-notice'] });
    let reports = await reportsAt(1);
    expect(reports).toEqual([expect.objectContaining({ kind: 'justice-bureau-filing', timing: 'after-receipt', dueOn: tzDue, addresseeAgencyId: justiceBureau })]);
    expect(reports[0].payload.materials).toEqual(['complaint', 'court-notice']);
    await complete(ctx, id, 'ps_assess', NO_RISK);
    await waitTask(ctx, id, 'w_draft');
    await waitPassed(ctx, id, 'w_no_prep'); // no internal preparation period here

    // 2. the answer, 5 working days from its submission (not before it, as in Liaocheng)
    await complete(ctx, id, 'w_draft', { ...DRAFT, agents: [{ name: '孔德明', post: '科员', employer: '滕州市自然资源局', kind: 'staff' }] });
    await complete(ctx, id, 'w_review', APPROVE_REVIEW);
    await complete(ctx, id, 'w_approve', APPROVE_HEAD);
    await waitTask(ctx, id, 'w_submit', {}, 120_000); // four documents are rendered first
    await complete(ctx, id, 'w_submit', SUBMISSION(today));
    expect(await passed(ctx, id, 'w_file')).toBe(0);
    const answerFiling = await waitTask(ctx, id, 'ae_post_filing', { withDue: true });
    expect(answerFiling.due?.slice(0, 10)).toBe(await expectedDue(today));
    await complete(ctx, id, 'ae_post_filing', { filedOn: today, filingMethod: 'email', filedMaterials: ['answer', 'evidence-list'] });
    reports = await reportsAt(2);
    expect(reports[1]).toMatchObject({ kind: 'justice-bureau-filing', timing: 'after-answer', dueOn: await expectedDue(today), filedOn: today, addresseeAgencyId: justiceBureau });
    expect(reports[1].documentIds).toHaveLength(2); // the answer brief and the evidence list
    await waitCase(ctx, id, 'the case to await the hearing', (c) => c.stage === 'awaiting-hearing');

    // 3. the head-appearance record, 5 working days from the hearing
    const hearingDate = addDays(today, 10);
    const hearingAt = `${hearingDate}T09:30:00+08:00`;
    await waitPassed(ctx, id, 'cl_wait_hearing', 'ACTIVE');
    expect((await sendEvent(ctx, id, { type: 'hearing-scheduled', hearingAt })).status).toBe(202);
    await complete(ctx, id, 'p_plan', { headName: '潘志强', headPost: '局长', headInChargeOf: '全面工作', headAvailability: 'available', agents: [{ name: '孔德明', kind: 'staff', post: '科员', employer: '滕州市自然资源局' }] });
    await complete(ctx, id, 'p_submit', { documentsSubmittedOn: today, documentsSubmissionMethod: 'direct' });
    await advanceTo(ctx, new Date(new Date(hearingAt).getTime() + 3600_000).toISOString());
    await complete(ctx, id, 'h_attendance', { hearingHeldOn: hearingDate, headAppeared: true, appearedHeadName: '刘建华', attendees: '刘建华（负责人）、孔德明（工作人员）' });
    await complete(ctx, id, 'h_transcript', { transcriptChecked: true, transcriptSignedOn: hearingDate });
    const hearingFiling = await waitTask(ctx, id, 'h_filing', { withDue: true });
    expect(hearingFiling.due?.slice(0, 10)).toBe(await expectedDue(hearingDate));
    await complete(ctx, id, 'h_filing', { filedOn: hearingDate, filingMethod: 'email', filedMaterials: ['head-appearance'] });
    reports = await reportsAt(3);
    expect(reports[2]).toMatchObject({ kind: 'justice-bureau-filing', timing: 'after-hearing', dueOn: await expectedDue(hearingDate), filedOn: hearingDate, addresseeAgencyId: justiceBureau });
    expect(reports[2].payload).toMatchObject({ materials: ['head-appearance'], hearingKey: 'first' });
    await waitPassed(ctx, id, 'h_end');

    // 4. the judgment, 5 working days from its service; the appeal period runs alongside
    const served = await sendEvent(ctx, id, { type: 'judgment-served', kind: 'judgment', outcome: 'won', servedOn: hearingDate });
    expect(served.status, JSON.stringify(served.body)).toBe(202);
    const judgmentFiling = await waitTask(ctx, id, 'j_filing', { withDue: true });
    expect(judgmentFiling.due?.slice(0, 10)).toBe(await expectedDue(hearingDate));
    await waitTask(ctx, id, 'w_consider'); // the appeal window is open at the same time
    await complete(ctx, id, 'j_filing', { filedOn: hearingDate, filingMethod: 'email', filedMaterials: ['judgment'] });
    reports = await reportsAt(4);
    expect(reports[3]).toMatchObject({ kind: 'justice-bureau-filing', timing: 'after-judgment', dueOn: await expectedDue(hearingDate), filedOn: hearingDate, addresseeAgencyId: justiceBureau });
    await waitPassed(ctx, id, 'j_filing_end');

    // every filing deadline is on the case view with its own trigger
    view = await caseView(ctx, id);
    const filingDeadlines = Object.fromEntries(view.deadlines.filter((d: any) => d.rule === 'justice-bureau-filing').map((d: any) => [d.triggerKey, d.due]));
    expect(filingDeadlines).toEqual({ complaintReceivedOn: tzDue, answerSubmittedOn: await expectedDue(today), 'hearingAt:first': await expectedDue(hearingDate), judgmentServedOn: await expectedDue(hearingDate) });
    expect(view.events.filter((e: any) => e.type === 'justice-bureau-filing')).toHaveLength(4);
    console.log(`scenario 7a (Tengzhou): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('7b Jinghai: forwarding in 3 days, answer preparation in 10 (a department may refer to it: a reminder before it runs out, no 督办), analysis meeting and court liaison on risk, filing 5 days after the answer', async () => {
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
    // 府院联动 (JH 二、（二）): the risk is raised with the court within the answer period, and the outcome recorded
    const liaison = await waitTask(ctx, id, 'ps_court_liaison', { withDue: true });
    expect(liaison.candidateGroups).toEqual(['legal-affairs']);
    expect(liaison.due?.slice(0, 10)).toBe(due('answer-and-evidence'));
    await complete(ctx, id, 'ps_court_liaison', { courtLiaisonOn: today, courtLiaisonMethod: 'in-person', courtLiaisonContact: '行政庭王法官', courtLiaisonOutcome: '法院同意在开庭前组织协调。', courtLiaisonMediation: true });
    const liaisonEvent = await waitUntil('the court liaison recorded', async () => (await ctx.db('case_events').where({ case_id: id, type: 'court-liaison' }).first()) ?? undefined);
    expect(liaisonEvent.payload).toMatchObject({ on: today, method: 'in-person', contact: '行政庭王法官', mediationAgreed: true });
    expect(await passed(ctx, id, 'ps_report')).toBe(0);
    const draft = await waitTask(ctx, id, 'w_draft', { withDue: true });
    expect(draft.due?.slice(0, 10)).toBe(due('answer-preparation'));

    // the 10-day preparation passes without a draft: a department "可以参照" it (JH §1(2)2), so a
    // reminder naming the reference period, not an urgent 督办
    const vars = deadlineProcessVariables(await loadCalendar(ctx.db), await listCaseDeadlines(ctx.db, id)) as Record<string, string>;
    await waitPassed(ctx, id, 'w_prep_timer', 'ACTIVE');
    await advanceTo(ctx, vars.answerPreparationEscalateAt!); // the product's 督办 convention: T-1 working day, 09:00
    await waitPassed(ctx, id, 'w_prep_reminded');
    const prep = await waitUntil('the preparation reminder', async () => {
      const rows = (await outbox(ctx, id)).filter((r) => r.subject.includes('答辩准备'));
      return rows.length ? rows : undefined;
    });
    expect(prep.every((r) => r.event === 'deadline.reminder-2' && !r.urgent && r.subject.includes('参照'))).toBe(true);
    expect(await passed(ctx, id, 'w_prep_escalate')).toBe(0);

    const submittedOn = await engineToday(ctx);
    await complete(ctx, id, 'w_draft', { ...DRAFT, agents: [{ name: '魏海涛', post: '科员', employer: '天津市静海区城市管理委员会', kind: 'staff' }] });
    await complete(ctx, id, 'w_review', APPROVE_REVIEW);
    await complete(ctx, id, 'w_approve', APPROVE_HEAD);
    await waitTask(ctx, id, 'w_submit', {}, 120_000); // four documents are rendered first
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

  it('7c Liaocheng: a risk of losing is reported 3 working days before the planned submission of the answer materials (LC Art. 18)', async () => {
    const started = Date.now();
    const today = await engineToday(ctx);
    const { id } = await createCase(ctx, caseBody(ctx, 'liaocheng-dept', today));
    await complete(ctx, id, 'reg_register', REGISTRATION(today));
    let view = await caseView(ctx, id);
    const answerDue: string = view.deadlines.find((d: any) => d.rule === 'answer-and-evidence').due;
    // the handler plans to submit a week before the answer deadline
    const planned = addDays(answerDue, -7);
    const calendar = await loadCalendar(ctx.db);
    const expected = computeDeadline(calendar, { profile: 'liaocheng', rule: 'risk-report', trigger: planned }).due;
    const fromAnswerDue = computeDeadline(calendar, { profile: 'liaocheng', rule: 'risk-report', trigger: answerDue }).due;
    expect(expected < fromAnswerDue).toBe(true);

    await complete(ctx, id, 'ps_assess', { ...NO_RISK, lossRisk: true, riskAnalysis: '证据链不完整，存在败诉风险。', plannedSubmissionOn: planned });
    const report = await waitTask(ctx, id, 'ps_report', { withDue: true });
    expect(report.candidateGroups).toEqual(['handler']);
    expect(report.due?.slice(0, 10)).toBe(expected);
    view = await caseView(ctx, id);
    const deadline = view.deadlines.find((d: any) => d.rule === 'risk-report');
    expect(deadline).toMatchObject({ due: expected, trigger: planned });
    expect(deadline.explanation).toContain('计划提交答辩材料日');

    await complete(ctx, id, 'ps_report', { riskReportedOn: today, riskReport: '经评估存在败诉风险，建议积极协调化解。' });
    view = await waitCase(ctx, id, 'the risk report', (c) => c.events.some((e: any) => e.type === 'risk-reported'));
    expect(view.events.find((e: any) => e.type === 'risk-reported').payload).toMatchObject({ reportedOn: today, plannedSubmissionOn: planned, due: expected });
    await waitPassed(ctx, id, 'ps_report_record');
    expect(await passed(ctx, id, 'ps_report_escalate')).toBe(0); // reported on time: no escalation
    expect((await sendEvent(ctx, id, { type: 'withdrawn', on: today })).status).toBe(202);
    await waitCase(ctx, id, 'withdrawn', (c) => c.status === 'withdrawn');
    console.log(`scenario 7c (Liaocheng risk report): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('7d Hunan: the legal-affairs body (法制工作机构), not the office, receives and registers the court papers (HN 二); in a case the head must attend it proposes the head within the answer period and the principal head decides (HN 四（二）)', async () => {
    const today = await engineToday(ctx);
    const { id } = await createCase(ctx, caseBody(ctx, 'hunan-dept', today, { flags: { majorPublicInterest: true, highAttention: false, massIncidentRisk: false, procuratorate: false, majorComplex: false } }));
    const register = await waitTask(ctx, id, 'reg_register', { withDue: true });
    expect(register.candidateGroups).toEqual(['legal-affairs']);
    await complete(ctx, id, 'reg_register', REGISTRATION(today));
    await complete(ctx, id, 'ps_assess', NO_RISK);
    await complete(ctx, id, 'w_draft', DRAFT);
    await complete(ctx, id, 'w_review', APPROVE_REVIEW);
    await complete(ctx, id, 'w_study', { studiedOn: today, studyParticipants: '厅长办公会', studyConclusion: '同意答辩意见。' });
    await complete(ctx, id, 'w_approve', APPROVE_HEAD);

    const answerDue = (await caseView(ctx, id)).deadlines.find((d: any) => d.rule === 'answer-and-evidence').due;
    const propose = await waitTask(ctx, id, 'w_head_propose', { withDue: true });
    expect(propose.candidateGroups).toEqual(['legal-affairs']);
    expect(propose.due?.slice(0, 10)).toBe(answerDue);
    await complete(ctx, id, 'w_head_propose', { headCandidateName: '许建国', headCandidatePost: '副厅长', headCandidateReason: '分管被诉行政行为所涉业务（谁分管谁出庭）' });
    const decide = await waitTask(ctx, id, 'w_head_decide', { withDue: true });
    expect(decide.candidateGroups).toEqual(['principal-head']);
    expect(decide.due?.slice(0, 10)).toBe(answerDue);
    await complete(ctx, id, 'w_head_decide', { headCandidateDecision: 'approve', decidedHeadName: '许建国', decidedHeadPost: '副厅长' });
    const view = await waitCase(ctx, id, 'the head decided', (c) => c.events.some((e: any) => e.type === 'head-candidate-decided'));
    expect(view.events.find((e: any) => e.type === 'head-candidate-decided').payload).toMatchObject({ proposedName: '许建国', decision: 'approve', decidedName: '许建国', decidedPost: '副厅长' });
    await waitTask(ctx, id, 'w_submit', {}, 120_000);
    await complete(ctx, id, 'w_submit', SUBMISSION(today));

    // the hearing plan comes prefilled with the head the principal head decided
    await waitPassed(ctx, id, 'cl_wait_hearing', 'ACTIVE');
    expect((await sendEvent(ctx, id, { type: 'hearing-scheduled', hearingAt: `${addDays(today, 20)}T09:30:00+08:00` })).status).toBe(202);
    const plan = await waitTask(ctx, id, 'p_plan');
    const variables = await ctx.rest.json<Record<string, { value: unknown }>>('GET', `/task/${plan.key}/variables?deserializeValues=false`);
    expect([variables.headName?.value, variables.headPost?.value, variables.decidedHeadName?.value]).toEqual(['许建国', '副厅长', '许建国']);
  });
});

