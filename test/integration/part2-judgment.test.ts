// 裁判与上诉, 败诉分析与问责, 履行 and 结案归档 on the real engine with the controlled clock: a won
// judgment that nobody appeals takes effect the day after the period and the case file is frozen;
// a lost judgment (Jinghai) appealed by the agency within 5 days goes to second instance, the final
// loss brings the loss analysis report and the accountability letter on time, performance with the
// re-made-act check and overdue escalation; a ruling appealed by the plaintiff runs on 10 days.
// Every party's own appeal period: a service date recorded later moves the effective date and the
// waiting timer, and with it the retrial window and the loss analysis; the plaintiff served later
// appeals after the agency's period, within its own; the court's certificate of effect settles it.
// A case whose effect is only estimated is not archived: it waits (stage awaiting-effect) until a
// service date or the certificate confirms it and the date comes; an appeal meanwhile goes to second instance.
import { describe, expect, it } from 'vitest';
import { caseInstanceIds, engineClock, elementInstances, waitUntil } from '../helpers/engine.ts';
import { DAY, usePart2 } from '../helpers/part2-scenario.ts';
import { messageVariables, type CaseEventInput } from '../../src/cases/case-input.ts';
import { postCaseEvent } from '../../src/cases/case-service.ts';
import { toTypedVariables } from '../../src/process-engine/operaton/variables.ts';
import { appendCaseEvent } from '../../src/ledger/case-events.ts';
import { caseJudgment } from '../../src/judgment/judgment-effect.ts';
import { loadCalendar } from '../../src/deadlines/ledger.ts';

const s = usePart2();

async function archive(caseId: string) {
  const pi = await s.start('case-archive', { caseId });
  await s.complete(pi, 'a_review', { archiveComplete: true, archivedBy: '李晓燕', archiveRetention: 'permanent' });
  await s.finished(pi);
  const [row] = await s.db('case_archives').where({ case_id: caseId });
  return row;
}

describe('judgment and appeal (裁判与上诉) and what follows', () => {
  it('won at first instance, nobody appeals: effective the day after the appeal period, outcome recorded, case closed and the case file frozen', async () => {
    const c = await s.createCase('demo-dept', { stage: 'hearing' });
    const servedOn = await s.today();
    const pi = await s.start('judgment-and-appeal', { caseId: c.caseId, level: 'first', judgmentKind: 'judgment', judgmentOutcome: 'won', judgmentServedOn: servedOn });

    const appealDue = await s.expectedDue('national', 'appeal-judgment', servedOn);
    const consider = await s.task(pi, 'w_consider');
    expect(consider.dueDate!.slice(0, 10)).toBe(appealDue); // no Liaocheng proposal period: the statutory period
    expect((await s.deadlines(c.caseId)).find((d) => d.rule === 'appeal-judgment')!.due).toBe(appealDue);
    expect((await s.deadlines(c.caseId)).some((d) => d.rule === 'appeal-ruling')).toBe(false);
    await s.complete(pi, 'w_consider', { judgmentDocumentNumber: '（2026）示行初1号', judgmentSummary: '驳回原告诉讼请求', appealDecision: 'accept' });
    expect(await s.outbox(c.caseId)).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'judgment.received' })]));

    // the plaintiff may still appeal until the period ends: the instance waits for it
    await s.passed(pi, 'w_lapse_gw', 'ACTIVE');
    const effectiveAt = (await s.variable(pi, 'effectiveAtIfNoAppeal')) as string;
    const effectiveOn = s.dateAfter(appealDue, 1);
    expect(effectiveAt).toBe(`${effectiveOn}T00:00:00+08:00`);
    // the window's only timer is due at the effective instant, not before: the plaintiff may still appeal
    expect(await effectTimerDue(pi)).toBe(Date.parse(effectiveAt));
    expect(await camundaState(pi)).toBe('ACTIVE');
    await engineClock.advanceTo(s.config, new Date(new Date(effectiveAt).getTime() + 60_000));
    await s.finished(pi);
    expect(await s.variable(pi, 'secondInstance')).toBe(false);
    expect(await s.variable(pi, 'effectiveOn')).toBe(effectiveOn);
    expect(await elementInstances(s.rest, pi, 'w_consider', 'COMPLETED')).toHaveLength(1);
    expect((await s.events(c.caseId)).find((e) => e.type === 'judgment-effective')!.payload).toMatchObject({ effectiveOn, outcome: 'won' });
    expect((await s.deadlines(c.caseId)).find((d) => d.rule === 'retrial-application')!.due).toBe(await s.expectedDue('national', 'retrial-application', effectiveOn));

    // every effective decision is recorded; a won case needs no loss analysis
    const li = await s.start('loss-analysis', { caseId: c.caseId, judgmentKind: 'judgment', judgmentOutcome: 'won', judgmentServedOn: servedOn, judgmentLevel: 'first', effectiveOn });
    await s.finished(li);
    await s.passed(li, 'l_end_won');
    const judgments = await s.db('case_judgments').where({ case_id: c.caseId });
    expect(judgments.map((j: any) => [j.level, j.outcome, String(j.effective_on)])).toEqual([['first', 'won', effectiveOn]]);

    const frozen = await archive(c.caseId);
    const caseRow = await s.db('cases').where({ id: c.caseId }).first();
    expect([caseRow.stage, caseRow.status]).toEqual(['archived', 'closed']);
    const eventCount = Number((await s.db('case_events').where({ case_id: c.caseId }).whereNot({ type: 'case-archived' }).count('* as n').first())!.n);
    expect(frozen).toMatchObject({ version: 1, event_count: eventCount, retention: 'permanent', archived_by: '李晓燕' });
    expect(frozen.manifest.judgments).toEqual([{ level: 'first', kind: 'judgment', outcome: 'won', servedOn, effectiveOn }]);
    expect(frozen.manifest.events.types['judgment-effective']).toBe(1);
  });

  it('a ruling appealed by the plaintiff: the 10-day period applies, the instance goes to second instance', async () => {
    const c = await s.createCase('liaocheng-dept', { stage: 'hearing' });
    const servedOn = await s.today();
    const pi = await s.start('judgment-and-appeal', { caseId: c.caseId, level: 'first', judgmentKind: 'ruling', judgmentOutcome: 'won', judgmentServedOn: servedOn });
    const consider = await s.task(pi, 'w_consider');
    const rulingDue = await s.expectedDue('liaocheng', 'appeal-ruling', servedOn);
    const judgmentDue = await s.expectedDue('liaocheng', 'appeal-judgment', servedOn);
    expect(rulingDue < judgmentDue).toBe(true);
    const stored = await s.deadlines(c.caseId);
    expect(stored.find((d) => d.rule === 'appeal-ruling')!.due).toBe(rulingDue);
    expect(stored.some((d) => d.rule === 'appeal-judgment')).toBe(false);
    expect(await s.variable(pi, 'appealDue')).toBe(rulingDue);
    // Liaocheng: the proposal within 5 days sets the task's due date
    expect(consider.dueDate!.slice(0, 10)).toBe(await s.expectedDue('liaocheng', 'appeal-proposal', servedOn));
    expect(await s.variable(pi, 'effectiveAtIfNoAppeal')).toBe(`${s.dateAfter(rulingDue, 1)}T00:00:00+08:00`);

    await s.publish('appeal-filed', c.caseId, { appealBy: 'plaintiff', appealFiledOn: s.dateAfter(servedOn, 4) });
    await s.finished(pi);
    expect(await s.variable(pi, 'secondInstance')).toBe(true);
    expect(await s.variable(pi, 'appealBy')).toBe('plaintiff');
    await s.passed(pi, 'w_consider', 'TERMINATED');
    expect((await s.events(c.caseId)).find((e) => e.type === 'appeal-filed')!.payload).toMatchObject({ by: 'plaintiff', on: s.dateAfter(servedOn, 4) });
    expect((await s.db('cases').where({ id: c.caseId }).first()).stage).toBe('second-instance');
  });

  it('lost (Jinghai): the agency appeals within 5 days → second instance; the final loss brings the loss analysis report and the accountability letter on time; performance completes; the case file is frozen', async () => {
    const c = await s.createCase('jinghai-dept', { stage: 'hearing' });
    const servedOn = await s.today();
    const pi = await s.start('judgment-and-appeal', { caseId: c.caseId, level: 'first', judgmentKind: 'judgment', judgmentOutcome: 'lost', judgmentServedOn: servedOn });
    await s.task(pi, 'w_consider');
    expect(await s.variable(pi, 'appealProposalApplies')).toBe(false); // the 5-day proposal rule is Liaocheng's

    await engineClock.advanceTo(s.config, new Date(new Date(`${servedOn}T10:00:00+08:00`).getTime() + 3 * DAY));
    const day3 = await s.today();
    await s.complete(pi, 'w_consider', { judgmentDocumentNumber: '（2026）津01行初8号', judgmentSummary: '撤销被诉处罚决定', appealDecision: 'appeal', appealReasons: '一审认定事实错误', appealRecommendation: '建议依法提起上诉' });
    await s.complete(pi, 'w_approve', { appealApproval: 'approve', approvalOpinion: '同意上诉' });
    await s.complete(pi, 'w_lodge', { agencyAppealFiledOn: day3, appealCourt: '天津市高级人民法院' });
    await s.finished(pi);
    expect(await s.variable(pi, 'secondInstance')).toBe(true);
    expect(await s.variable(pi, 'appealBy')).toBe('agency');
    expect(await elementInstances(s.rest, pi, 'w_filing')).toHaveLength(0); // no Jinghai filing rule for the proposal
    expect((await s.events(c.caseId)).find((e) => e.type === 'appeal-lodged')!.payload).toMatchObject({ by: 'agency', on: day3 });
    expect(day3 <= s.dateAfter(servedOn, 5)).toBe(true);
    expect((await s.documents(c.caseId)).map((d: any) => d.kind)).toContain('appeal-proposal');

    // second instance lost (final, effective on service): loss analysis and accountability
    const servedOn2 = await s.today();
    const li = await s.start('loss-analysis', { caseId: c.caseId, judgmentKind: 'judgment', judgmentOutcome: 'lost', judgmentServedOn: servedOn2, judgmentLevel: 'second', effectiveOn: servedOn2 });
    const reportTask = await s.task(li, 'l_report');
    const reportDue = await s.expectedDue('jinghai', 'loss-analysis-report', servedOn2);
    expect(reportTask.dueDate!.slice(0, 10)).toBe(reportDue);
    await s.complete(li, 'l_report', {
      reportAddressee: '天津市静海区人民政府', judgmentDocumentNumber: '（2026）津行终3号', judgmentSummary: '驳回上诉，维持原判',
      lossReasons: [{ reason: '调查取证不充分' }], problems: '执法程序存在瑕疵', measures: [{ measure: '完善调查取证规范' }], responsibility: '',
    });
    await s.complete(li, 'l_report_submit', { reportSubmittedOn: s.dateAfter(servedOn2, 20) });
    const decisionOn = s.dateAfter(servedOn2, 25);
    await s.complete(li, 'l_acc_decide', {
      accountabilityFinding: 'found', decisionOn, accountabilityFindings: '承办人员未依法调查取证', accountabilityBasis: '静海区实施方案二、（三）3', accountabilityProposal: '建议予以诫勉谈话',
      accountablePersons: [{ name: '刘海涛', post: '业务科科员', unit: '静海区测试局' }],
    });
    const letterTask = await s.task(li, 'l_letter');
    const letterDue = await s.expectedDue('jinghai', 'accountability-letter', decisionOn);
    expect(letterTask.dueDate!.slice(0, 10)).toBe(letterDue);
    await s.complete(li, 'l_letter', { letterIssuer: '天津市静海区行政复议机构', letterAddressee: '中共天津市静海区委组织部', letterCopyTo: '天津市第一中级人民法院', letterSentOn: s.dateAfter(decisionOn, 10) });
    for (const optional of ['l_repeated', 'l_seminar']) {
      const open = await s.searchTasks({ processInstanceKey: li, elementId: optional, state: 'CREATED' });
      if (open.length) throw new Error(`unexpected ${optional} for a Jinghai case with no loss history`);
    }
    await s.finished(li);
    const stored = await s.deadlines(c.caseId);
    expect(stored).toEqual(expect.arrayContaining([{ rule: 'loss-analysis-report', triggerKey: 'effectiveOn', due: reportDue }, { rule: 'accountability-letter', triggerKey: 'decisionOn', due: letterDue }]));
    const types = (await s.events(c.caseId)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['loss-assessed', 'loss-analysis-report-submitted', 'accountability-letter-sent']));
    const sent = (await s.events(c.caseId)).find((e) => e.type === 'accountability-letter-sent')!.payload;
    expect(sent.sentOn <= letterDue).toBe(true);
    expect((await s.documents(c.caseId)).map((d: any) => d.kind)).toEqual(expect.arrayContaining(['loss-analysis-report', 'accountability-letter']));
    expect((await s.outbox(c.caseId)).filter((n: any) => n.event === 'deadline.overdue')).toEqual([]);
    expect((await s.db('case_judgments').where({ case_id: c.caseId })).map((j: any) => [j.level, j.outcome])).toEqual([['second', 'lost']]);

    // performance: a re-made act on the same facts and reasons is refused, a different one passes; overdue escalates; completion recorded
    const fi = await s.start('performance', { caseId: c.caseId, level: 'second', effectiveOn: servedOn2, judgmentKind: 'judgment', judgmentOutcome: 'lost' });
    const performanceDueOn = s.dateAfter(await s.today(), 3);
    await s.complete(fi, 'f_plan', { performanceContent: '重新作出行政行为', performanceDueOn, planMeasures: '法规科牵头，业务科重新调查', remakeOrdered: true });
    const remade = { newActDescription: '重新作出处罚决定', annulledFor: 'substance' };
    await s.complete(fi, 'f_remake', { ...remade, sameFacts: true, sameReasons: true, substantiallySame: true });
    await s.passed(fi, 'f_remake_barred');
    expect(await s.variableEventually(fi, 'remadeActError', (v) => typeof v === 'string')).toContain('不得以同一事实和理由');
    await s.complete(fi, 'f_remake', { ...remade, sameFacts: true, sameReasons: false, substantiallySame: false });
    await s.passed(fi, 'f_remake_record');
    await s.task(fi, 'f_work'); // its boundary timer waits from now on
    await engineClock.advanceTo(s.config, new Date(new Date(`${s.dateAfter(performanceDueOn, 1)}T09:00:00+08:00`).getTime() + 60_000));
    await s.passed(fi, 'f_overdue_notify');
    const escalation = await waitUntil('overdue escalation', async () => {
      const rows = (await s.outbox(c.caseId)).filter((n: any) => n.event === 'performance.due');
      return rows.some((r: any) => r.recipient_role === 'principal-head') ? rows : undefined;
    });
    expect(escalation.every((r: any) => r.urgent)).toBe(true);
    await s.complete(fi, 'f_work', { performanceActions: [{ description: '重新调查并作出决定', on: await s.today() }], performanceCompletedOn: await s.today(), performanceSummary: '已重新作出决定并送达' });
    await s.finished(fi);
    expect((await s.events(c.caseId)).find((e) => e.type === 'performance-completed')!.payload).toMatchObject({ dueOn: performanceDueOn });

    // the case file: every document with its SHA-256 as the ledger holds it
    const frozen = await archive(c.caseId);
    const docs = await s.documents(c.caseId);
    expect(frozen.document_count).toBe(docs.length);
    expect(frozen.manifest.documents.map((d: any) => [d.id, d.sha256]).sort()).toEqual(docs.map((d: any) => [d.id, d.sha256]).sort());
  });
});

/** The variables the case API's message carries for this court event (src/cases/case-input.ts). */
const sent = (event: CaseEventInput) => messageVariables(event);

/** The waiting effect timer's due instant (ms): the window's only timer once the consideration task is done. */
async function effectTimerDue(pi: string): Promise<number> {
  const jobs = await s.rest.json<{ dueDate: string }[]>('GET', `/job?processInstanceId=${pi}&timers=true`);
  expect(jobs).toHaveLength(1);
  return Date.parse(jobs[0]!.dueDate.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

describe('when the judgment takes effect: every party\'s own appeal period (行政诉讼法85)', () => {
  it('the plaintiff\'s service unknown: estimated from the agency\'s; its later service moves the date and the timer, then the retrial window and the Jinghai loss analysis run from the new date', async () => {
    const c = await s.createCase('jinghai-dept', { stage: 'hearing' });
    const servedOn = await s.today();
    const pi = await s.start('judgment-and-appeal', {
      caseId: c.caseId,
      level: 'first',
      ...sent({ type: 'judgment-served', kind: 'judgment', outcome: 'lost', servedOn, parties: [{ name: '张三', role: 'plaintiff', servedOn: null }] }),
    });
    const agencyEffective = s.dateAfter(await s.expectedDue('jinghai', 'appeal-judgment', servedOn), 1);
    expect(await s.variable(pi, 'effectiveStatus')).toBe('estimated');
    expect(await s.variable(pi, 'effectiveOnIfNoAppeal')).toBe(agencyEffective);
    await s.complete(pi, 'w_consider', { judgmentDocumentNumber: '（2026）津0118行初12号', judgmentSummary: '撤销被诉处罚决定', appealDecision: 'accept' });
    await s.passed(pi, 'w_lapse_gw', 'ACTIVE');
    expect(await effectTimerDue(pi)).toBe(Date.parse(`${agencyEffective}T00:00:00+08:00`));

    // the court served the plaintiff six days after the agency: its own 15 days end later
    const plaintiffServedOn = s.dateAfter(servedOn, 6);
    const effectiveOn = s.dateAfter(await s.expectedDue('jinghai', 'appeal-judgment', plaintiffServedOn), 1);
    expect(effectiveOn > agencyEffective).toBe(true);
    await s.publish('judgment-served-to-party', c.caseId, sent({ type: 'judgment-served-to-party', name: '张三', role: 'plaintiff', servedOn: plaintiffServedOn }));
    await s.passed(pi, 'w_reassess');
    expect(await s.variable(pi, 'effectiveStatus')).toBe('confirmed');
    expect(await s.variable(pi, 'effectiveOnIfNoAppeal')).toBe(effectiveOn);
    await s.passed(pi, 'w_lapse_gw', 'ACTIVE');
    // the timer waits for the new date: the agency's date no longer ends the window
    expect(await effectTimerDue(pi)).toBe(Date.parse(`${effectiveOn}T00:00:00+08:00`));

    await engineClock.advanceTo(s.config, new Date(Date.parse(`${effectiveOn}T00:00:00+08:00`) + 60_000));
    await s.finished(pi);
    expect(await s.variable(pi, 'effectiveOn')).toBe(effectiveOn);
    expect((await s.events(c.caseId)).find((e) => e.type === 'judgment-effective')!.payload).toMatchObject({ effectiveOn, effectiveStatus: 'confirmed' });
    expect((await s.deadlines(c.caseId)).find((d) => d.rule === 'retrial-application')).toEqual({
      rule: 'retrial-application',
      triggerKey: 'effectiveOn',
      due: await s.expectedDue('jinghai', 'retrial-application', effectiveOn),
    });

    // the loss analysis (Jinghai: report within 30 days of effect) starts from the moved date, as the main process passes it on
    const li = await s.start('loss-analysis', { caseId: c.caseId, judgmentKind: 'judgment', judgmentOutcome: 'lost', judgmentServedOn: servedOn, judgmentLevel: 'first', effectiveOn: await s.variable(pi, 'effectiveOn') });
    const report = await s.task(li, 'l_report');
    expect(report.dueDate!.slice(0, 10)).toBe(await s.expectedDue('jinghai', 'loss-analysis-report', effectiveOn));
  });

  it('the plaintiff served later appeals after the agency\'s period has run out, within its own: accepted, second instance', async () => {
    const c = await s.createCase('demo-dept', { stage: 'hearing' });
    const servedOn = await s.today();
    const plaintiffServedOn = s.dateAfter(servedOn, 5);
    const pi = await s.start('judgment-and-appeal', {
      caseId: c.caseId,
      level: 'first',
      ...sent({ type: 'judgment-served', kind: 'judgment', outcome: 'won', servedOn, parties: [{ name: '张三', role: 'plaintiff', servedOn: plaintiffServedOn }] }),
    });
    const agencyDue = await s.expectedDue('national', 'appeal-judgment', servedOn);
    const plaintiffDue = await s.expectedDue('national', 'appeal-judgment', plaintiffServedOn);
    expect(await s.variable(pi, 'effectiveStatus')).toBe('confirmed');
    await s.complete(pi, 'w_consider', { judgmentDocumentNumber: '（2026）示行初7号', judgmentSummary: '驳回原告诉讼请求', appealDecision: 'accept' });
    await s.passed(pi, 'w_lapse_gw', 'ACTIVE');
    expect(await effectTimerDue(pi)).toBe(Date.parse(`${s.dateAfter(plaintiffDue, 1)}T00:00:00+08:00`));

    // the agency's period is over; the plaintiff's is not
    await engineClock.advanceTo(s.config, new Date(Date.parse(`${s.dateAfter(agencyDue, 1)}T10:00:00+08:00`)));
    await s.publish('appeal-filed', c.caseId, sent({ type: 'appeal-filed', by: 'plaintiff', on: s.dateAfter(agencyDue, 1) }));
    await s.finished(pi);
    expect(await s.variable(pi, 'secondInstance')).toBe(true);
    expect(await s.variable(pi, 'appealBy')).toBe('plaintiff');
  });

  it('the court\'s certificate of effect (生效证明) sets the date while a party\'s service is unknown', async () => {
    const c = await s.createCase('demo-dept', { stage: 'hearing' });
    const servedOn = await s.today();
    const pi = await s.start('judgment-and-appeal', { caseId: c.caseId, level: 'first', ...sent({ type: 'judgment-served', kind: 'ruling', outcome: 'won', servedOn, parties: [] }) });
    expect(await s.variable(pi, 'effectiveStatus')).toBe('estimated');
    await s.complete(pi, 'w_consider', { judgmentDocumentNumber: '（2026）示行初9号', judgmentSummary: '驳回起诉', appealDecision: 'accept' });
    const certifiedOn = s.dateAfter(servedOn, 20);
    await s.publish('judgment-effective', c.caseId, sent({ type: 'judgment-effective', effectiveOn: certifiedOn }));
    await s.passed(pi, 'w_reassess');
    expect(await s.variable(pi, 'effectiveStatus')).toBe('confirmed');
    await s.passed(pi, 'w_lapse_gw', 'ACTIVE');
    expect(await effectTimerDue(pi)).toBe(Date.parse(`${certifiedOn}T00:00:00+08:00`));
  });
});

async function camundaState(pi: string) {
  return s.stateOf(pi);
}

/** Due instants (ms) of the instance's timers on one element. */
async function timersOf(pi: string, elementId: string): Promise<number[]> {
  const jobs = await s.rest.json<{ dueDate: string }[]>('GET', `/job?processInstanceId=${pi}&activityId=${elementId}&timers=true`);
  return jobs.map((j) => Date.parse(j.dueDate.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));
}

describe('the effective date moves after the case went on at the estimate (行政诉讼法85)', () => {
  it('a later service moves the court-set performance deadline and the Jinghai loss-analysis report with their timers, in the engine and in the ledger', async () => {
    const c = await s.createCase('jinghai-dept', { stage: 'hearing' });
    const servedOn = await s.today();
    const served: CaseEventInput = { type: 'judgment-served', kind: 'judgment', outcome: 'lost', servedOn, parties: [{ name: '张三', role: 'plaintiff', servedOn: null }] };
    await postCaseEvent(s.db, { kick: () => {} }, c.caseId, served); // the ledger fact (no main process here takes its message)
    const pi = await s.start('judgment-and-appeal', { caseId: c.caseId, level: 'first', ...sent(served) });
    const estimated = s.dateAfter(await s.expectedDue('jinghai', 'appeal-judgment', servedOn), 1);
    await s.complete(pi, 'w_consider', { judgmentDocumentNumber: '（2026）津0118行初21号', judgmentSummary: '撤销被诉处罚决定', appealDecision: 'accept' });
    await engineClock.advanceTo(s.config, new Date(Date.parse(`${estimated}T00:00:00+08:00`) + 60_000));
    await s.finished(pi);
    expect(await s.variable(pi, 'effectiveStatus')).toBe('estimated');
    expect(await s.variable(pi, 'effectiveOn')).toBe(estimated);

    // the main process goes on at the estimate: performance and loss analysis, in parallel
    const common = { caseId: c.caseId, judgmentKind: 'judgment', judgmentOutcome: 'lost', effectiveOn: estimated };
    const li = await s.start('loss-analysis', { ...common, judgmentServedOn: servedOn, judgmentLevel: 'first' });
    const fi = await s.start('performance', { ...common, level: 'first' });
    const planDate = s.dateAfter(estimated, 120); // the plan's own date is later than the court's 60 days
    await s.complete(fi, 'f_plan', { performanceContent: '责令被告自判决生效之日起六十日内重新作出行政行为', performanceDueOn: planDate, performanceWithinDays: 60, planMeasures: '法规科牵头', remakeOrdered: false });
    const reportDue = await s.expectedDue('jinghai', 'loss-analysis-report', estimated);
    const performanceDue = await s.expectedDue('jinghai', 'performance-period', estimated, 60);
    expect((await s.task(li, 'l_report')).dueDate!.slice(0, 10)).toBe(reportDue);
    const work = await s.task(fi, 'f_work');
    expect(work.dueDate!.slice(0, 10)).toBe(performanceDue);
    expect(await timersOf(li, 'l_report_overdue')).toEqual([Date.parse(`${reportDue}T23:59:59+08:00`)]);
    expect(await timersOf(fi, 'f_overdue')).toEqual([Date.parse(`${s.dateAfter(performanceDue, 1)}T09:00:00+08:00`)]);

    // the court served the plaintiff ten days after the agency: effect, and everything from it, moves later
    const plaintiffServedOn = s.dateAfter(servedOn, 10);
    const effectiveOn = s.dateAfter(await s.expectedDue('jinghai', 'appeal-judgment', plaintiffServedOn), 1);
    expect(effectiveOn > estimated).toBe(true);
    const moved = await s.courtEvent(c.caseId, { type: 'judgment-served-to-party', name: '张三', role: 'plaintiff', servedOn: plaintiffServedOn });
    expect(moved.message).toEqual({ name: 'effective-date-moved', correlationKey: c.caseId });
    const newReportDue = await s.expectedDue('jinghai', 'loss-analysis-report', effectiveOn);
    const newPerformanceDue = await s.expectedDue('jinghai', 'performance-period', effectiveOn, 60);
    expect(newPerformanceDue > performanceDue).toBe(true);

    await waitUntil('the report task set again', async () => ((await s.task(li, 'l_report')).dueDate!.slice(0, 10) === newReportDue ? true : undefined));
    await s.passed(li, 'l_report', 'TERMINATED');
    expect(await timersOf(li, 'l_report_overdue')).toEqual([Date.parse(`${newReportDue}T23:59:59+08:00`)]);
    expect(await s.variable(li, 'effectiveOn')).toBe(effectiveOn);
    await waitUntil('the performance task set again', async () => ((await s.task(fi, 'f_work')).dueDate!.slice(0, 10) === newPerformanceDue ? true : undefined));
    expect(await timersOf(fi, 'f_overdue')).toEqual([Date.parse(`${s.dateAfter(newPerformanceDue, 1)}T09:00:00+08:00`)]);
    await s.passed(fi, 'f_work', 'TERMINATED');

    // the ledger: one current row per deadline, on the new date, with its explanation; the old rows kept as history
    const current = await s.db('case_deadlines').where({ case_id: c.caseId, trigger_key: 'effectiveOn' }).whereNull('superseded_at').orderBy('rule_id');
    expect(current.map((r: any) => [r.rule_id, String(r.trigger_on), String(r.due_on)])).toEqual([
      ['loss-analysis-report', effectiveOn, newReportDue],
      ['performance-period', effectiveOn, newPerformanceDue],
      ['retrial-application', effectiveOn, await s.expectedDue('jinghai', 'retrial-application', effectiveOn)],
    ]);
    expect(current.every((r: any) => typeof r.explanation === 'string' && r.explanation.includes('起算'))).toBe(true);
    const history = await s.db('case_deadlines').where({ case_id: c.caseId, rule_id: 'performance-period' }).whereNotNull('superseded_at');
    expect(history.map((r: any) => String(r.due_on))).toEqual([performanceDue]);

    // the work is done against the moved deadline: recorded with it
    await s.complete(fi, 'f_work', { performanceActions: [{ description: '重新作出行政行为', on: await s.today() }], performanceCompletedOn: await s.today(), performanceSummary: '已重新作出决定' });
    await s.finished(fi);
    expect((await s.events(c.caseId)).find((e) => e.type === 'performance-completed')!.payload).toMatchObject({ dueOn: newPerformanceDue });
  });
});

describe('an appeal within the appellant\'s own period after the case went on at the estimate (行政诉讼法85)', () => {
  it('the plaintiff served late appeals while performance and the loss analysis run: both are cancelled, the case goes to second instance, the ledger follows', async () => {
    const c = await s.createCase('jinghai-dept', { stage: 'hearing' });
    const servedOn = await s.today();
    const served: CaseEventInput = { type: 'judgment-served', kind: 'judgment', outcome: 'lost', servedOn, parties: [{ name: '李四', role: 'plaintiff', servedOn: null }] };
    await postCaseEvent(s.db, { kick: () => {} }, c.caseId, served);
    const pi = await s.start('judgment-and-appeal', { caseId: c.caseId, level: 'first', ...sent(served) });
    const estimated = s.dateAfter(await s.expectedDue('jinghai', 'appeal-judgment', servedOn), 1);
    await s.complete(pi, 'w_consider', { judgmentDocumentNumber: '（2026）津0118行初33号', judgmentSummary: '撤销被诉处罚决定', appealDecision: 'accept' });
    await engineClock.advanceTo(s.config, new Date(Date.parse(`${estimated}T08:00:00+08:00`)));
    await s.finished(pi);
    expect(await s.variable(pi, 'effectiveStatus')).toBe('estimated');

    // the main process at the effect part, as the judgment call hands over (performance and the loss analysis in parallel)
    const started = await s.rest.json<{ id: string }>('POST', '/process-definition/key/case-lifecycle/start', {
      businessKey: c.caseId,
      variables: toTypedVariables({ caseId: c.caseId, caseNumber: c.caseNumber, agencyId: c.agencyId, profile: 'jinghai', level: 'first', judgmentKind: 'judgment', judgmentOutcome: 'lost', judgmentServedOn: servedOn, effectiveOn: estimated, effectiveStatus: 'estimated', judgmentLost: true, secondInstance: false }),
      startInstructions: [{ type: 'startBeforeActivity', activityId: 'cl_effect' }],
    });
    const main = started.id;
    const calledOf = async (key: string) => waitUntil(`${key} running`, async () => (await caseInstanceIds(s.rest, c.caseId)).find((i) => i.processDefinitionKey === key && i.state === 'ACTIVE'));
    const performance = await calledOf('performance');
    const loss = await calledOf('loss-analysis');
    await s.task(performance.id, 'f_plan');
    await s.task(loss.id, 'l_report');
    expect((await s.deadlines(c.caseId)).filter((d) => d.triggerKey === 'effectiveOn').map((d) => d.rule).sort()).toEqual(['loss-analysis-report', 'retrial-application']);
    expect(await s.db('case_judgments').where({ case_id: c.caseId })).toHaveLength(1);

    // the agency's period is over (an appeal of its own now is late: 409); the plaintiff (service date unknown) appeals within its own
    const appealOn = await s.today();
    await expect(postCaseEvent(s.db, { kick: () => {} }, c.caseId, { type: 'appeal-filed', by: 'agency', on: appealOn })).rejects.toMatchObject({ code: 'APPEAL_OUT_OF_TIME' });
    const appeal = await s.courtEvent(c.caseId, { type: 'appeal-filed', by: 'plaintiff', on: appealOn });
    expect(appeal.message).toEqual({ name: 'appeal-filed', correlationKey: c.caseId });
    await s.passed(main, 'cl_late_appeal');
    await s.passed(main, 'cl_effect', 'TERMINATED');
    await s.passed(main, 'cl_copy_served', 'ACTIVE'); // the appellee's answer runs from the appeal copy
    for (const called of [performance, loss]) expect(await s.stateOf(called.id)).not.toBe('ACTIVE');
    expect(await s.searchTasks({ processInstanceKey: performance.id })).toEqual([]);
    expect(await s.searchTasks({ processInstanceKey: loss.id })).toEqual([]);

    const row = await s.db('cases').where({ id: c.caseId }).first();
    expect([row.stage, row.level]).toEqual(['second-instance', 'second']);
    const current = await s.deadlines(c.caseId);
    expect(current.filter((d) => d.triggerKey === 'effectiveOn')).toEqual([]); // nothing runs from an effect that did not happen
    expect(current).toContainEqual({ rule: 'second-instance-term', triggerKey: 'appealFiledOn', due: await s.expectedDue('jinghai', 'second-instance-term', appealOn) });
    const removed = await s.db('case_deadlines').where({ case_id: c.caseId, trigger_key: 'effectiveOn' }).whereNotNull('superseded_at').pluck('rule_id');
    expect(removed.sort()).toEqual(['loss-analysis-report', 'retrial-application']);
    expect(await s.db('case_judgments').where({ case_id: c.caseId })).toEqual([]);
    expect((await s.events(c.caseId)).find((e) => e.type === 'appeal-filed')!.payload).toMatchObject({ by: 'plaintiff', on: appealOn });
    const view = await caseJudgment(s.db, await loadCalendar(s.db), c.caseId, 'jinghai', row.level);
    expect(view).toMatchObject({ appealed: true, effectiveOn: null });
  });
});

describe('archiving waits until the effect is confirmed (行政诉讼法85: archiving refuses appeals)', () => {
  /** A won case with no performance whose plaintiff's service date is unknown, the main process at the effect part after the estimated date. */
  async function wonAtTheEstimate(caseNumberSuffix: string) {
    const c = await s.createCase('demo-dept', { stage: 'hearing' });
    const servedOn = await s.today();
    const served: CaseEventInput = { type: 'judgment-served', kind: 'judgment', outcome: 'won', servedOn, parties: [{ name: '王五', role: 'plaintiff', servedOn: null }] };
    await postCaseEvent(s.db, { kick: () => {} }, c.caseId, served);
    const estimated = s.dateAfter(await s.expectedDue('national', 'appeal-judgment', servedOn), 1);
    await engineClock.advanceTo(s.config, new Date(Date.parse(`${estimated}T08:00:00+08:00`)));
    const started = await s.rest.json<{ id: string }>('POST', '/process-definition/key/case-lifecycle/start', {
      businessKey: c.caseId,
      variables: toTypedVariables({ caseId: c.caseId, caseNumber: `${c.caseNumber}${caseNumberSuffix}`, agencyId: c.agencyId, profile: 'national', level: 'first', judgmentKind: 'judgment', judgmentOutcome: 'won', judgmentServedOn: servedOn, effectiveOn: estimated, effectiveStatus: 'estimated', judgmentLost: false, performanceExpected: false, secondInstance: false }),
      startInstructions: [{ type: 'startBeforeActivity', activityId: 'cl_effect' }],
    });
    const main = started.id;
    // the loss analysis records the won outcome and ends; no performance: the effect part waits instead of archiving
    await s.passed(main, 'cl_effect_confirm', 'ACTIVE');
    expect((await s.db('cases').where({ id: c.caseId }).first()).stage).toBe('awaiting-effect');
    expect(await elementInstances(s.rest, main, 'cl_archive_stage', 'COMPLETED')).toEqual([]);
    expect(await s.db('case_archives').where({ case_id: c.caseId })).toEqual([]);
    return { c, main, servedOn };
  }

  it('a won case with no performance is not archived at the estimate: the plaintiff served late appeals within its own period and the case goes to second instance', async () => {
    const { c, main } = await wonAtTheEstimate('');
    const appealOn = await s.today();
    const appeal = await s.courtEvent(c.caseId, { type: 'appeal-filed', by: 'plaintiff', on: appealOn });
    expect(appeal.message).toEqual({ name: 'appeal-filed', correlationKey: c.caseId });
    await s.passed(main, 'cl_late_appeal');
    await s.passed(main, 'cl_effect', 'TERMINATED');
    await s.passed(main, 'cl_copy_served', 'ACTIVE');
    const row = await s.db('cases').where({ id: c.caseId }).first();
    expect([row.stage, row.level, row.status]).toEqual(['second-instance', 'second', 'open']);
    expect(await s.db('case_judgments').where({ case_id: c.caseId })).toEqual([]); // the won outcome did not take effect
    expect(await elementInstances(s.rest, main, 'cl_archive_stage', 'COMPLETED')).toEqual([]);
  });

  it('the plaintiff\'s service recorded later confirms the date: the case waits for it, then goes to archiving', async () => {
    const { c, main, servedOn } = await wonAtTheEstimate('');
    const plaintiffServedOn = s.dateAfter(servedOn, 8);
    const effectiveOn = s.dateAfter(await s.expectedDue('national', 'appeal-judgment', plaintiffServedOn), 1);
    const moved = await s.courtEvent(c.caseId, { type: 'judgment-served-to-party', name: '王五', role: 'plaintiff', servedOn: plaintiffServedOn });
    expect(moved.message).toEqual({ name: 'effective-date-moved', correlationKey: c.caseId });
    await s.passed(main, 'cl_effect_confirm');
    await s.passed(main, 'cl_effect_until', 'ACTIVE');
    // confirmed, but the plaintiff's own period still runs: not archived before the new effective date
    expect(await timersOf(main, 'cl_effect_until')).toEqual([Date.parse(`${effectiveOn}T00:00:00+08:00`)]);
    expect(await s.variable(main, 'effectiveStatus')).toBe('confirmed');
    expect((await s.db('cases').where({ id: c.caseId }).first()).stage).toBe('awaiting-effect');

    await engineClock.advanceTo(s.config, new Date(Date.parse(`${effectiveOn}T00:00:00+08:00`) + 60_000));
    await s.passed(main, 'cl_effect_end');
    await s.passed(main, 'cl_archive_stage');
    const archiving = await waitUntil('case-archive running', async () => (await caseInstanceIds(s.rest, c.caseId)).find((i) => i.processDefinitionKey === 'case-archive' && i.state === 'ACTIVE'));
    await s.task(archiving.id, 'a_review');
    expect((await s.db('cases').where({ id: c.caseId }).first()).stage).toBe('archived');
    const view = await caseJudgment(s.db, await loadCalendar(s.db), c.caseId, 'national', 'first');
    expect(view).toMatchObject({ effectiveOn, effectiveStatus: 'confirmed', unservedParties: [] });
  });

  it('a certificate of effect recorded while performance or the loss analysis ran (not sent to the main process) counts: the ledger is checked, the case is archived', async () => {
    const c = await s.createCase('demo-dept', { stage: 'hearing' });
    const servedOn = await s.today();
    await postCaseEvent(s.db, { kick: () => {} }, c.caseId, { type: 'judgment-served', kind: 'judgment', outcome: 'won', servedOn, parties: [{ name: '赵六', role: 'plaintiff', servedOn: null }] });
    const estimated = s.dateAfter(await s.expectedDue('national', 'appeal-judgment', servedOn), 1);
    await engineClock.advanceTo(s.config, new Date(Date.parse(`${estimated}T08:00:00+08:00`)));
    // the court's 生效证明, recorded in the ledger before the main process reaches the check
    await appendCaseEvent(s.db, { caseId: c.caseId, type: 'court-event:judgment-effective', payload: { effectiveOn: estimated }, actor: 'api' });
    const started = await s.rest.json<{ id: string }>('POST', '/process-definition/key/case-lifecycle/start', {
      businessKey: c.caseId,
      variables: toTypedVariables({ caseId: c.caseId, caseNumber: c.caseNumber, agencyId: c.agencyId, profile: 'national', level: 'first', judgmentKind: 'judgment', judgmentOutcome: 'won', judgmentServedOn: servedOn, effectiveOn: estimated, effectiveStatus: 'estimated', judgmentLost: false, performanceExpected: false, secondInstance: false }),
      startInstructions: [{ type: 'startBeforeActivity', activityId: 'cl_effect' }],
    });
    await s.passed(started.id, 'cl_effect_check');
    await s.passed(started.id, 'cl_archive_stage');
    expect(await elementInstances(s.rest, started.id, 'cl_effect_confirm')).toEqual([]);
    expect(await s.variable(started.id, 'effectiveStatus')).toBe('confirmed');
  });
});
