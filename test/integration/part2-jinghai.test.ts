// Jinghai (004_b8935aaaa4c0ff62.txt) on the real engine: the 10-day answer preparation (一、（二）2)
// binds cases against the district government — not done one working day before its end, it is
// escalated (督办) — while departments "可以参照" it and only get a reminder; at second instance it
// counts from the appeal copy; only the district government's case reports in writing to
// the district leaders; and the 上诉状副本 is forwarded within 3 days like the complaint
// (一、（二）1), before the second-instance answer.
import { describe, expect, it } from 'vitest';
import { toTypedVariables } from '../../src/process-engine/operaton/variables.ts';
import { elementInstances, engineClock, waitUntil } from '../helpers/engine.ts';
import { usePart2 } from '../helpers/part2-scenario.ts';
import { APPROVE_HEAD, APPROVE_REVIEW, DRAFT } from '../helpers/case-lifecycle.ts';
import { packagedCalendar } from '../../src/deadlines/calendar.ts';
import { escalationPolicyOf } from '../../src/deadlines/engine.ts';
import { escalationAt } from '../../src/deadlines/process-variables.ts';

const s = usePart2();
// ends an instance this file started (its timers would fire in later files); a worker holding one of
// its tasks makes the engine refuse for a moment
const cancel = (pi: string) => waitUntil(`instance ${pi} cancelled`, () => s.rest.json('DELETE', `/process-instance/${pi}?skipCustomListeners=true`).then(() => true, () => undefined));

describe('Jinghai profile on the engine', () => {
  it('the 10-day preparation not done by the 督办 instant (one working day before, 09:00): 督办 for the district government, a reminder for a department; the written report to the district leaders for the government only', async () => {
    const today = await s.today();
    const start = async (agencyCode: string) => {
      const c = await s.createCase(agencyCode, { stage: 'answer' });
      await s.db('cases').where({ id: c.caseId }).update({ complaint_received_on: today });
      const pi = await s.start('answer-and-evidence', { caseId: c.caseId, caseNumber: c.caseNumber, agencyId: c.agencyId, profile: c.profile, level: 'first', complaintReceivedOn: today });
      return { ...c, pi };
    };
    const government = await start('jinghai-gov');
    const department = await start('jinghai-dept');
    for (const c of [government, department]) await s.passed(c.pi, 'w_prep_timer', 'ACTIVE');
    expect(await s.variable(government.pi, 'answerPreparationBinding')).toBe(true);
    expect(await s.variable(department.pi, 'answerPreparationBinding')).toBe(false);
    const prepDue = await s.expectedDue('jinghai', 'answer-preparation', today);
    expect((await s.task(department.pi, 'w_draft')).dueDate!.slice(0, 10)).toBe(prepDue);

    // the text sets no 督办 instant: the product's convention, as for the answer — one working day before
    // the last day at 09:00, while the preparation can still be finished (not 23:59:59 on the last day)
    const prepEscalateAt = escalationAt(packagedCalendar(), prepDue, escalationPolicyOf('jinghai'));
    expect(prepEscalateAt).toMatch(/T09:00:00\+08:00$/);
    expect(prepEscalateAt.slice(0, 10) < prepDue).toBe(true);
    for (const c of [government, department]) expect(await s.variable(c.pi, 'answerPreparationEscalateAt')).toBe(prepEscalateAt);
    await engineClock.advanceTo(s.config, new Date(new Date(prepEscalateAt).getTime() + 60_000));
    await s.passed(government.pi, 'w_prep_escalated');
    await s.passed(department.pi, 'w_prep_reminded');
    const prepRows = async (caseId: string) => (await s.outbox(caseId)).filter((n: any) => n.subject.includes('答辩准备'));
    const escalated = await waitUntil('the government case escalation', async () => ((await prepRows(government.caseId)).length ? prepRows(government.caseId) : undefined));
    expect(escalated.every((n: any) => n.event === 'deadline.escalation' && !n.urgent)).toBe(true);
    expect(escalated.map((n: any) => n.recipient_role)).toEqual(expect.arrayContaining(['principal-head', 'justice-bureau']));
    const reminded = await waitUntil('the department reminder', async () => ((await prepRows(department.caseId)).length ? prepRows(department.caseId) : undefined));
    expect(reminded.every((n: any) => n.event === 'deadline.reminder-2' && !n.urgent && n.subject.includes('参照'))).toBe(true);
    expect(reminded.map((n: any) => n.recipient_role)).not.toContain('justice-bureau');
    expect(await elementInstances(s.rest, department.pi, 'w_prep_escalate')).toHaveLength(0);
    expect(await elementInstances(s.rest, government.pi, 'w_prep_remind')).toHaveLength(0);

    // preparation done (the department's gateway reads the same answerPreparationBinding, false): the
    // government case reports in writing to the district leaders once its four documents are rendered
    await s.complete(government.pi, 'w_draft', { ...DRAFT, agents: [{ name: '叶国华', post: '科员', employer: '天津市静海区人民政府', kind: 'staff' }] });
    await s.complete(government.pi, 'w_review', APPROVE_REVIEW);
    await s.complete(government.pi, 'w_approve', APPROVE_HEAD);
    // four PDFs through Chromium first: slow on a loaded machine
    await waitUntil('the written report task', async () => ((await elementInstances(s.rest, government.pi, 'w_leaders_report', 'ACTIVE')).length ? true : undefined), 300_000);
    const report = await s.task(government.pi, 'w_leaders_report');
    expect(report.dueDate!.slice(0, 10)).toBe(prepDue);
    const reportedOn = await s.today();
    await s.complete(government.pi, 'w_leaders_report', { leadersReportedOn: reportedOn, leadersReportedTo: '静海区人民政府分管副区长', leadersReportSummary: '答辩准备工作已完成。' });
    await s.passed(government.pi, 'w_prepared');
    expect((await s.events(government.caseId)).find((e) => e.type === 'district-leaders-reported')!.payload).toMatchObject({ reportedOn, due: prepDue });
    for (const c of [government, department]) await cancel(c.pi);
  });

  it('the appeal copy is forwarded within 3 days of its receipt, then the second-instance answer runs with its 10-day preparation from the copy', async () => {
    const c = await s.createCase('jinghai-dept', { stage: 'second-instance' });
    // the case-lifecycle diagram from the point where the plaintiff has appealed and the copy is awaited
    const started = await s.rest.json<{ id: string }>('POST', '/process-definition/key/case-lifecycle/start', {
      businessKey: c.caseId,
      variables: toTypedVariables({ caseId: c.caseId, caseNumber: c.caseNumber, agencyId: c.agencyId, profile: c.profile, level: 'second', appealBy: 'plaintiff', complaintReceivedOn: '2026-03-02', caseFlags: {} }),
      startInstructions: [{ type: 'startBeforeActivity', activityId: 'cl_copy_served' }],
      skipCustomListeners: true,
    });
    const pi = started.id;
    await s.passed(pi, 'cl_copy_served', 'ACTIVE');
    const copyServedOn = await s.today();
    await s.publish('appeal-copy-served', c.caseId, { appealCopyServedOn: copyServedOn });
    const forwardDue = await s.expectedDue('jinghai', 'forwarding', copyServedOn);
    const forward = await s.task(pi, 'cl_copy_forward');
    expect(forward.formId).toBe('appeal-copy-forwarding');
    expect(forward.dueDate!.slice(0, 10)).toBe(forwardDue);
    expect((await s.deadlines(c.caseId)).filter((d) => d.triggerKey === 'appealCopyReceivedOn' && d.rule === 'forwarding')).toEqual([{ rule: 'forwarding', triggerKey: 'appealCopyReceivedOn', due: forwardDue }]);
    await s.complete(pi, 'cl_copy_forward', { copyForwardedOn: copyServedOn, copyForwardedTo: '执法监督科' });
    await s.passed(pi, 'cl_second_answer', 'ACTIVE');
    expect((await s.events(c.caseId)).find((e) => e.type === 'appeal-copy-forwarded')!.payload).toMatchObject({ forwardedOn: copyServedOn, forwardedTo: '执法监督科', due: forwardDue });
    // the 10-day preparation counts from the appeal copy at second instance (“起诉状副本（上诉状副本）”, 一、（二）2)
    const prepDue = await s.expectedDue('jinghai', 'answer-preparation', copyServedOn);
    const [second] = await s.rest.json<{ id: string }[]>('GET', `/process-instance?superProcessInstance=${pi}&processDefinitionKey=answer-and-evidence`);
    const draft = await s.task(second!.id, 'w_draft');
    expect(draft.dueDate!.slice(0, 10)).toBe(prepDue);
    await s.passed(second!.id, 'w_prep_timer', 'ACTIVE');
    expect((await s.deadlines(c.caseId)).filter((d) => d.rule === 'answer-preparation' && d.triggerKey === 'appealCopyReceivedOn')).toEqual([{ rule: 'answer-preparation', triggerKey: 'appealCopyReceivedOn', due: prepDue }]);
    await cancel(pi);
  });
});
