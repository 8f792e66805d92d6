// 出庭应诉 on the real engine with the controlled clock: who must appear (the Liaocheng principal head
// for a group suit), agents rejected and corrected through the form, the head unable to appear (the
// profile's fallback, the written explanation, the one-month report), a moved hearing whose
// deadlines and reminder follow; a head who appears alone; one head appearance per instance
// (法释〔2020〕3号 Art. 7) and the court asking for the head again; agents within their authority (LC Art. 28).
import { describe, expect, it } from 'vitest';
import { appendCaseEvent } from '../../src/ledger/case-events.ts';
import { engineClock, elementInstances, waitUntil } from '../helpers/engine.ts';
import { DAY, usePart2 } from '../helpers/part2-scenario.ts';
import { packagedCalendar } from '../../src/deadlines/calendar.ts';
import { escalationPolicyOf } from '../../src/deadlines/engine.ts';
import { escalationAt } from '../../src/deadlines/process-variables.ts';

const s = usePart2();
const staff = (name: string) => ({ name, kind: 'staff', post: '法规科科员', employer: '聊城市测试局' });
const lawyer = (name: string) => ({ name, kind: 'lawyer', post: '律师', employer: '山东某某律师事务所' });
// the principal head of the seeded liaocheng-dept (D01: the head who appears must be one of the agency's heads)
const plan = (over: Record<string, unknown> = {}) => ({ headName: '彭志强', headPost: '局长', headInChargeOf: '全面工作', headAvailability: 'available', agents: [staff('张晓燕'), lawyer('刘律师')], ...over });

describe('hearing (出庭应诉)', () => {
  it('a group suit of 12 plaintiffs claiming ¥15,000,000 (Liaocheng): the principal head must appear; two lawyers are rejected in the form, a valid list passes', async () => {
    const c = await s.createCase('liaocheng-dept', { plaintiffCount: 12, claimAmount: 15_000_000, plaintiffs: Array.from({ length: 12 }, (_, i) => ({ name: `原告${i + 1}`, type: 'person' })) });
    const hearingAt = await s.at(10);
    const pi = await s.start('hearing', { caseId: c.caseId, level: 'first', hearingAt, courtNotice: null });

    await s.task(pi, 'p_plan');
    const decided = (await s.events(c.caseId)).find((e) => e.type === 'head-appearance-decided')!;
    expect(decided.payload.required).toBe('principal-head');
    expect(decided.payload.reasons.map((r: any) => r.code)).toContain('lc-principal-group-suit');
    expect(await s.variable(pi, 'headAppearanceRequired')).toBe('principal-head');

    // two lawyers: the form accepts the shape, the rules worker rejects it and the task comes back with the reason
    // and a staff member named as the head (D01: only a head of the agency appears as its head)
    await s.complete(pi, 'p_plan', plan({ headName: '肖晓燕', headPost: '法规科科长', agents: [lawyer('甲律师'), lawyer('乙律师')] }));
    await s.passed(pi, 'p_invalid');
    await s.passed(pi, 'p_plan', 'ACTIVE');
    const message = await s.variableEventually(pi, 'agentsError', (v) => typeof v === 'string');
    expect(message).toContain('不得仅委托律师');
    expect(message).toContain('第二十七条');
    expect(message).toContain('肖晓燕（法规科科长）是本机关工作人员，不是本机关负责人');
    expect(message).toContain('第十九条第二款、第三款');
    const issues = await s.variable(pi, 'agentsIssues');
    expect((typeof issues === 'string' ? JSON.parse(issues) : (issues as any[])).map((i: any) => i.field)).toEqual(expect.arrayContaining(['headName', 'agents']));

    await s.complete(pi, 'p_plan', plan());
    await s.passed(pi, 'p_validate', 'COMPLETED');
    expect(await s.variableEventually(pi, 'agentsError', (v) => v === null)).toBeNull();
    const submit = await s.task(pi, 'p_submit');
    expect(new Date(submit.dueDate!).getTime()).toBe(new Date(hearingAt).getTime());
    const kinds = (await s.documents(c.caseId)).map((d: any) => `${d.kind}/${d.format}`);
    expect(kinds).toEqual(expect.arrayContaining(['head-appearance-certificate/pdf', 'power-of-attorney/pdf']));
    expect(await s.outbox(c.caseId)).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'hearing.summons' })]));
  });

  it('the head cannot appear (Yantai): written explanation and staff, no one-month report rule', async () => {
    const c = await s.createCase('yantai-dept');
    const pi = await s.start('hearing', { caseId: c.caseId, level: 'first', hearingAt: await s.at(10) });
    await s.complete(pi, 'p_plan', plan({ headAvailability: 'unable', absenceReason: 'irreplaceable-official-duty', absenceReasonText: '同日出席省政府专题会议', agents: [staff('赵工作人员')] }));
    await s.task(pi, 'p_unable_decide');
    expect((await s.variable(pi, 'headUnableChoices')) as any[]).toEqual([{ label: '委托本机关相应的工作人员出庭（不得仅委托律师）', value: 'entrust-staff' }]);
    expect(await s.variable(pi, 'headAbsenceReportApplies')).toBe(false);
    const notice = await waitUntil('head-unable notice', async () => (await s.outbox(c.caseId)).find((n: any) => n.event === 'hearing.head-unable'));
    expect(notice.urgent).toBe(true);
    expect(notice.body_text).toContain('书面说明理由');
  });

  it('the head cannot appear (Liaocheng): principal head told at once, temporary head or postponement, written explanation, and the one-month report when no head appeared', async () => {
    const c = await s.createCase('liaocheng-dept');
    const hearingAt = await s.at(10);
    const hearingDate = hearingAt.slice(0, 10);
    const pi = await s.start('hearing', { caseId: c.caseId, level: 'first', hearingAt });
    await s.complete(pi, 'p_plan', plan({ headAvailability: 'unable', absenceReason: 'force-majeure', absenceReasonText: '突发暴雨致交通中断', agents: [staff('孙丽'), staff('周强')] }));

    await s.task(pi, 'p_unable_decide');
    expect(((await s.variable(pi, 'headUnableChoices')) as any[]).map((o) => o.value)).toEqual(['temporary-head', 'request-postponement']);
    expect(await s.variable(pi, 'headUnableFirstStepsText')).toContain('第一时间报告本机关主要负责人');
    const told = await waitUntil('principal head told', async () => {
      const rows = (await s.outbox(c.caseId)).filter((n: any) => n.event === 'hearing.head-unable');
      return rows.some((r: any) => r.recipient_role === 'principal-head') ? rows : undefined;
    });
    expect(told[0].body_text).toContain('第一时间报告主要负责人');

    // the court refuses to postpone; staff appear, no head
    await s.complete(pi, 'p_unable_decide', { fallbackOption: 'request-postponement', substituteName: '孙丽', substitutePost: '法规科科长', substituteIsHead: false, explanationReason: '负责人因不可抗力不能出庭，已申请延期，法院未准许，委托工作人员出庭。' });
    await s.complete(pi, 'p_submit', { documentsSubmittedOn: (await s.today()), documentsSubmissionMethod: 'direct' });
    const kinds = (await s.documents(c.caseId)).map((d: any) => d.kind);
    expect(kinds).toContain('head-absence-explanation');
    expect(kinds).not.toContain('head-appearance-certificate'); // no head appears: no head's identity certificate
    expect((await s.events(c.caseId)).find((e) => e.type === 'head-unable-to-appear')!.payload).toMatchObject({ fallbackOption: 'request-postponement', substitute: { isHead: false } });

    // the hearing takes place
    await s.passed(pi, 'p_remind', 'ACTIVE');
    await engineClock.advanceTo(s.config, new Date(new Date(hearingAt).getTime() + 3600_000));
    // the hearing-time timer is created after the join, already due: it fires at once
    await s.complete(pi, 'h_attendance', { hearingHeldOn: hearingDate, headAppeared: false, attendees: '孙丽、周强（委托代理人）' });
    await s.complete(pi, 'h_transcript', { transcriptChecked: true, transcriptSignedOn: hearingDate });

    const report = await s.task(pi, 'h_report');
    const due = await s.expectedDue('liaocheng', 'head-absence-report', hearingDate);
    const days = (new Date(due).getTime() - new Date(hearingDate).getTime()) / DAY;
    expect(days).toBeGreaterThanOrEqual(28); // one month, then the rest-day rule
    expect(days).toBeLessThanOrEqual(35);
    expect(report.dueDate!.slice(0, 10)).toBe(due);
    expect((await s.deadlines(c.caseId)).filter((d) => d.rule === 'head-absence-report')).toEqual([{ rule: 'head-absence-report', triggerKey: 'hearingAt:first', due }]);
    expect((await s.events(c.caseId)).find((e) => e.type === 'hearing-held')!.payload).toMatchObject({ headAppeared: false, transcriptChecked: true, headAppearanceRequired: 'head' });

    // the 督办 follows the product's convention (as for the answer): one working day before the last day, 09:00
    // — while the report can still be made — not at 23:59:59 on the last day
    const escalateAt = escalationAt(packagedCalendar(), due, escalationPolicyOf('liaocheng'));
    expect(escalateAt).toMatch(/T09:00:00\+08:00$/);
    expect(escalateAt.slice(0, 10) < due).toBe(true);
    expect(await s.variable(pi, 'headAbsenceReportEscalateAt')).toBe(escalateAt);
    await engineClock.advanceTo(s.config, new Date(new Date(escalateAt).getTime() + 60_000));
    await s.passed(pi, 'h_report_escalated');
    const reportRows = async () => (await s.outbox(c.caseId)).filter((n: any) => n.subject.includes('负责人未出庭情况报告期限'));
    const escalated = await waitUntil('the report escalation', async () => {
      const rows = (await reportRows()).filter((n: any) => n.event === 'deadline.escalation');
      return rows.length ? rows : undefined;
    });
    expect(escalated.every((n: any) => !n.urgent)).toBe(true);
    // the T-5 reminder came before it; nothing "overdue" while the period still runs
    expect((await reportRows()).map((n: any) => n.event)).not.toContain('deadline.overdue');

    await s.complete(pi, 'h_report', { absenceReportedOn: hearingDate, absenceReportedTo: '中共聊城市委、聊城市人民政府主要负责人', absenceReportContent: '负责人因不可抗力未能出庭的情况报告。' });
    await s.finished(pi);
    expect((await s.events(c.caseId)).map((e) => e.type)).toContain('head-absence-reported');
  });

  it('the hearing is moved: the dependent deadlines are recomputed and the reminder fires at the new time only', async () => {
    const c = await s.createCase('liaocheng-dept');
    const first = await s.at(12);
    const pi = await s.start('hearing', { caseId: c.caseId, level: 'first', hearingAt: first });
    await s.complete(pi, 'p_plan', plan());
    const submit1 = await s.task(pi, 'p_submit');
    const before = await s.deadlines(c.caseId);
    const noticeDue1 = await s.expectedDue('liaocheng', 'head-appearance-notice', first.slice(0, 10));
    expect(before).toEqual(expect.arrayContaining([{ rule: 'head-appearance-notice', triggerKey: 'hearingAt:first', due: noticeDue1 }]));
    const reminder1 = (await s.variable(pi, 'hearingReminderAt')) as string;
    expect(reminder1.slice(0, 10) <= noticeDue1).toBe(true);

    const moved = await s.at(19);
    await s.publish('hearing-moved', c.caseId, { hearingAt: moved });
    await s.passed(pi, 'h_moved_record');
    const noticeDue2 = await s.expectedDue('liaocheng', 'head-appearance-notice', moved.slice(0, 10));
    const absenceDue2 = await s.expectedDue('liaocheng', 'head-absence-report', moved.slice(0, 10));
    await waitUntil('deadlines recomputed', async () => {
      const now = await s.deadlines(c.caseId);
      return now.some((d) => d.rule === 'head-appearance-notice' && d.due === noticeDue2) && now.some((d) => d.rule === 'head-absence-report' && d.due === absenceDue2) ? true : undefined;
    });
    const reminder2 = await s.variableEventually(pi, 'hearingReminderAt', (v) => v !== reminder1);
    expect(reminder2 > reminder1).toBe(true);
    // the agents were settled before the move: not asked again, the documents are re-made with the new date
    const resubmit = await s.task(pi, 'p_submit', [submit1.key]);
    expect(new Date(resubmit.dueDate!).getTime()).toBe(new Date(moved).getTime());
    expect(await elementInstances(s.rest, pi, 'p_plan')).toHaveLength(1);
    const certificates = (await s.documents(c.caseId)).filter((d: any) => d.kind === 'head-appearance-certificate' && d.format === 'pdf');
    expect(certificates.map((d: any) => d.version).sort()).toEqual([1, 2]);

    // past the old reminder time: nothing; past the new one: the reminder
    await s.passed(pi, 'p_remind', 'ACTIVE', 1);
    await engineClock.advanceTo(s.config, new Date(new Date(reminder1).getTime() + 3600_000));
    await new Promise((r) => setTimeout(r, 3000));
    expect(await elementInstances(s.rest, pi, 'p_remind_notify', 'COMPLETED')).toHaveLength(0);
    await engineClock.advanceTo(s.config, new Date(new Date(reminder2).getTime() + 60_000));
    await s.passed(pi, 'p_remind_notify');
  });

  it('a head who appears may come alone (法释〔2018〕1号 128(2); LC Art. 27): no agents, the identity certificate but no power of attorney', async () => {
    const c = await s.createCase('liaocheng-dept');
    const pi = await s.start('hearing', { caseId: c.caseId, level: 'first', hearingAt: await s.at(10) });
    await s.complete(pi, 'p_plan', plan({ agents: [] }));
    await s.task(pi, 'p_submit');
    expect(await s.variable(pi, 'agentsCount')).toBe(0);
    // p_submit is open: the preparation passed the power-of-attorney step or skipped it
    expect(await elementInstances(s.rest, pi, 'p_poa')).toHaveLength(0);
    const kinds = (await s.documents(c.caseId)).map((d: any) => d.kind);
    expect(kinds).toContain('head-appearance-certificate');
    expect(kinds).not.toContain('power-of-attorney');
  });

  it('the head cannot appear: the entrusted agents are still 1–2 with at least one staff member', async () => {
    const c = await s.createCase('liaocheng-dept');
    const pi = await s.start('hearing', { caseId: c.caseId, level: 'first', hearingAt: await s.at(10) });
    const unable = { headAvailability: 'unable', absenceReason: 'force-majeure', absenceReasonText: '突发暴雨致交通中断' };
    await s.complete(pi, 'p_plan', plan({ ...unable, agents: [] }));
    expect(await s.variableEventually(pi, 'agentsError', (v) => typeof v === 'string')).toContain('负责人不出庭的，应当委托1至2名相应的工作人员出庭，当前为0名');
    await s.complete(pi, 'p_plan', plan({ ...unable, agents: [lawyer('甲律师')] }));
    await s.passed(pi, 'p_invalid', 'COMPLETED', 2);
    expect(await s.variableEventually(pi, 'agentsError', (v) => typeof v === 'string' && v.includes('不得仅委托律师'))).toContain('第二十七条');
    await s.complete(pi, 'p_plan', plan({ ...unable, agents: [staff('孙丽')] }));
    await s.task(pi, 'p_unable_decide');
    expect(await elementInstances(s.rest, pi, 'p_invalid', 'COMPLETED')).toHaveLength(2);
  });

  it('agents act within their authority (LC Art. 28): the plan expects a settlement at the hearing, the head cannot appear, and only a special authority to settle lets it pass', async () => {
    const c = await s.createCase('liaocheng-dept');
    const pi = await s.start('hearing', { caseId: c.caseId, level: 'first', hearingAt: await s.at(10) });
    const unable = { headAvailability: 'unable', absenceReason: 'force-majeure', absenceReasonText: '突发暴雨致交通中断', expectedActs: ['settle'] };
    await s.complete(pi, 'p_plan', plan({ ...unable, agents: [{ ...staff('孙丽'), authority: 'general' }] }));
    expect(await s.variableEventually(pi, 'agentsError', (v) => typeof v === 'string')).toMatch(/进行和解、调解.*均无此项特别授权.*第二十八条/);
    await s.complete(pi, 'p_plan', plan({ ...unable, agents: [{ ...staff('孙丽'), authority: 'special', specialPowers: ['settle'] }] }));
    await s.task(pi, 'p_unable_decide');
    expect(await elementInstances(s.rest, pi, 'p_invalid', 'COMPLETED')).toHaveLength(1);
  });

  it('one head appearance per instance (法释〔2020〕3号 Art. 7): the head appeared at the first hearing, so the second demands none and no one-month report follows', async () => {
    const c = await s.createCase('liaocheng-dept');
    const first = await s.at(10);
    const pi1 = await s.start('hearing', { caseId: c.caseId, level: 'first', hearingNumber: 1, hearingAt: first });
    expect(await s.variable(pi1, 'headRequiredThisHearing')).toBe(true);
    await s.complete(pi1, 'p_plan', plan());
    await s.complete(pi1, 'p_submit', { documentsSubmittedOn: await s.today(), documentsSubmissionMethod: 'direct' });
    await s.passed(pi1, 'p_remind', 'ACTIVE');
    await engineClock.advanceTo(s.config, new Date(new Date(first).getTime() + 3600_000));
    await s.complete(pi1, 'h_attendance', { hearingHeldOn: first.slice(0, 10), headAppeared: true, appearedHeadName: '王志强', attendees: '王志强（局长）、张晓燕' });
    await s.complete(pi1, 'h_transcript', { transcriptChecked: true, transcriptSignedOn: first.slice(0, 10) });
    await s.finished(pi1);

    const second = await s.at(14);
    // the life cycle calls the hearing again (a call activity); started on its own here, it needs a key of
    // its own, as the port's start is idempotent per business key
    const pi2 = (await s.engine.startInstance('hearing', `${c.caseId}:first_2`, { caseId: c.caseId, level: 'first', hearingNumber: 2, hearingAt: second })).instanceId;
    await s.task(pi2, 'p_plan');
    expect(await s.variable(pi2, 'hearingKey')).toBe('first_2');
    expect(await s.variable(pi2, 'headRequiredThisHearing')).toBe(false);
    expect(await s.variable(pi2, 'headAppearanceReasonsText')).toContain('同一审级多次开庭的，负责人出庭一次即可');
    expect((await s.deadlines(c.caseId)).filter((d) => d.rule === 'head-absence-report')).toEqual([]);

    // staff go without the head: no fallback, no written explanation, no identity certificate for this hearing
    await s.complete(pi2, 'p_plan', plan({ headAvailability: 'not-required', agents: [staff('张晓燕')] }));
    await s.complete(pi2, 'p_submit', { documentsSubmittedOn: await s.today(), documentsSubmissionMethod: 'direct' });
    await s.passed(pi2, 'p_remind', 'ACTIVE');
    await engineClock.advanceTo(s.config, new Date(new Date(second).getTime() + 3600_000));
    await s.complete(pi2, 'h_attendance', { hearingHeldOn: second.slice(0, 10), headAppeared: false, attendees: '张晓燕（委托代理人）' });
    await s.complete(pi2, 'h_transcript', { transcriptChecked: true, transcriptSignedOn: second.slice(0, 10) });
    await s.finished(pi2);

    // the instance has ended: it never reached the report or the fallback
    expect(await elementInstances(s.rest, pi2, 'h_report')).toHaveLength(0);
    expect(await elementInstances(s.rest, pi2, 'p_unable')).toHaveLength(0);
    expect(await s.variable(pi2, 'headAbsenceReportDueAt')).toBeNull();
    expect((await s.deadlines(c.caseId)).filter((d) => d.rule === 'head-absence-report')).toEqual([]);
    const docs = await s.documents(c.caseId);
    expect(docs.filter((d: any) => d.kind === 'head-appearance-certificate' && d.format === 'pdf')).toHaveLength(1);
    expect(docs.map((d: any) => d.kind)).not.toContain('head-absence-explanation');
    const held = (await s.events(c.caseId)).filter((e) => e.type === 'hearing-held').map((e) => [e.payload.hearingKey, e.payload.headAppeared]);
    expect(held).toEqual([['first', true], ['first_2', false]]);
  });

  it('the court asks for the head again at a later hearing (head-appearance-notice): the plan is asked again and the head must appear', async () => {
    const c = await s.createCase('liaocheng-dept');
    // the first hearing of the instance was held with the head (the ledger fact the rule reads)
    await appendCaseEvent(s.db, { caseId: c.caseId, type: 'hearing-held', payload: { hearingKey: 'first', headAppeared: true }, actor: 'test' });
    const pi = await s.start('hearing', { caseId: c.caseId, level: 'first', hearingNumber: 2, hearingAt: await s.at(10) });
    const plan1 = await s.task(pi, 'p_plan');
    expect(await s.variable(pi, 'headRequiredThisHearing')).toBe(false);

    await s.publish('head-appearance-notice', c.caseId, { headRequiredByCourt: true, principalHeadRequiredByCourt: false });
    await s.passed(pi, 'h_head_notice_record');
    await s.task(pi, 'p_plan', [plan1.key]);
    expect(await s.variableEventually(pi, 'headRequiredThisHearing', (v) => v === true)).toBe(true);
    expect(await s.variable(pi, 'headAppearanceReasonsText')).toContain('人民法院要求负责人本次开庭再次出庭');
    expect((await s.events(c.caseId)).find((e) => e.type === 'head-appearance-notice')!.payload).toMatchObject({ hearingKey: 'first_2', principalHeadRequired: false });

    // staying away is refused now; the head appears
    await s.complete(pi, 'p_plan', plan({ headAvailability: 'not-required', agents: [staff('张晓燕')] }));
    expect(await s.variableEventually(pi, 'agentsError', (v) => typeof v === 'string')).toContain('本次开庭负责人应当出庭');
    await s.complete(pi, 'p_plan', plan({ agents: [staff('张晓燕')] }));
    await s.task(pi, 'p_submit');
    expect((await s.documents(c.caseId)).map((d: any) => d.kind)).toContain('head-appearance-certificate');
  });
});
