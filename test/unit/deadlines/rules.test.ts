import { describe, expect, it } from 'vitest';
import { calendarWith, packagedCalendar } from '../../../src/deadlines/calendar.ts';
import { computeCaseDeadlines } from '../../../src/deadlines/case-deadlines.ts';
import { computeBatch, computeDeadline, describeProfileRules, escalationPolicyOf, getProfile } from '../../../src/deadlines/engine.ts';
import { PROFILES } from '../../../src/deadlines/profiles.ts';
import { citationText } from '../../../src/deadlines/rules.ts';
import { deadlineProcessVariables, escalationAt, reminderAt, variableKey } from '../../../src/deadlines/process-variables.ts';
import { InputError } from '../../../src/errors.ts';

const cal = packagedCalendar();
const ALL = '《中华人民共和国行政诉讼法》';
const LC = '002_963c834d180c3dcb.txt';
const JH = '004_b8935aaaa4c0ff62.txt';
const TZ = '003_0e14abe5e5e19f52.txt';
const YT = '000_7288109d50e53de4.txt';
const HN = '001_43aff403179c4a24.txt';

describe('the rule ids of the contract (trigger Tuesday 2026-03-10 unless noted)', () => {
  it.each([
    ['national', 'answer-and-evidence', '2026-03-10', '2026-03-25', `${ALL}第六十七条`],
    ['national', 'appeal-judgment', '2026-03-10', '2026-03-25', `${ALL}第八十五条`],
    ['national', 'appeal-ruling', '2026-03-10', '2026-03-20', `${ALL}第八十五条`],
    ['national', 'retrial-application', '2026-03-10', '2026-09-10', '第一百一十条'],
    ['liaocheng', 'registration', '2026-03-10', '2026-03-13', `${LC} 第三十八条`],
    ['jinghai', 'forwarding', '2026-03-10', '2026-03-13', `${JH} 一、（二）1`],
    ['tengzhou', 'justice-bureau-filing', '2026-03-10', '2026-03-17', `${TZ} 二、（四）`],
    ['jinghai', 'answer-preparation', '2026-03-10', '2026-03-20', `${JH} 一、（二）2`],
    ['jinghai', 'post-answer-filing', '2026-03-10', '2026-03-16', `${JH} 一、（二）2`],
    ['liaocheng', 'risk-report', '2026-03-25', '2026-03-20', `${LC} 第十八条`],
    ['liaocheng', 'appeal-proposal', '2026-03-10', '2026-03-16', `${LC} 第三十三条第（一）项`],
    ['liaocheng', 'head-absence-report', '2026-03-10', '2026-04-10', `${LC} 第二十条`],
    ['jinghai', 'loss-analysis-report', '2026-03-10', '2026-04-09', `${JH} 二、（三）3`],
    ['jinghai', 'accountability-letter', '2026-03-10', '2026-03-25', `${JH} 二、（三）3`],
    ['yantai', 'judicial-recommendation-reply', '2026-03-10', '2026-05-09', `${YT} 三、（一）`],
    ['hunan', 'judicial-recommendation-reply', '2026-03-10', '2026-06-10', `${HN} 七、（四）`],
    ['yantai', 'annual-report', '2026-03-10', '2027-01-05', `${YT} 四、（一）`],
    ['liaocheng', 'annual-report', '2026-12-31', '2027-01-10', `${LC} 第四十三条第二款`],
    // an overlay inherits the national rules
    ['jinghai', 'answer-and-evidence', '2026-03-10', '2026-03-25', `${ALL}第六十七条`],
  ])('%s %s %s → %s', (profile, rule, trigger, due, source) => {
    const r = computeDeadline(cal, { profile, rule, trigger });
    expect(r).toMatchObject({ profile, rule, trigger, due, status: 'OK', dueAt: `${due}T23:59:59+08:00` });
    expect(r.source).toContain(source);
    expect(r.explanation).toContain(r.name);
    expect(r.explanation).toContain(`期限至${due} 24:00`);
  });

  it('the Yantai reply period yields to a period the court set', () => {
    expect(computeDeadline(cal, { profile: 'yantai', rule: 'judicial-recommendation-reply', trigger: '2026-03-10', courtSetDays: 30 }).due).toBe('2026-04-09');
  });

  it('Hunan: a period the court set wins over the 3 months, cited to the recommendation itself', () => {
    const r = computeDeadline(cal, { profile: 'hunan', rule: 'judicial-recommendation-reply', trigger: '2026-03-10', courtSetDays: 30 });
    expect(r).toMatchObject({ due: '2026-04-09', ruleProfile: 'hunan', period: { unit: 'calendar-days', amount: 30 } });
    expect(r.source).toContain('人民法院司法建议书');
    expect(r.explanation).toContain('人民法院确定的期限为30日');
  });

  it('every profile lets the recommendation’s own period win over its default (issue 12: Hunan ignored it)', () => {
    const replyRules = ['judicial-recommendation-reply', 'procuratorial-recommendation-reply', 'normative-document-recommendation-reply'];
    for (const p of PROFILES) for (const v of p.versions) for (const r of v.rules) {
      if (r.kind === 'deadline' && replyRules.includes(r.id)) expect(r.courtSetPeriod, `${p.id} ${v.validFrom} ${r.id}`).toBeDefined();
    }
  });
});

describe('every deadline rule of every profile, with its citation', () => {
  const cases = PROFILES.flatMap((p) =>
    p.versions.flatMap((v) =>
      v.rules.filter((r) => r.kind === 'deadline').map((r) => [p.id, r.id, r.validFrom && r.validFrom > '2026-03-10' ? r.validFrom : '2026-03-10', citationText(r.source), v.file, r.courtSetPeriod === 'required'] as const),
    ),
  );
  it.each(cases)('%s %s', (profile, rule, trigger, citation, file, needsCourt) => {
    const r = computeDeadline(cal, { profile, rule, trigger, ...(needsCourt ? { courtSetDays: 30 } : {}) });
    expect(r.source).toBe(citation);
    expect(r.ruleProfile).toBe(profile);
    if (file) expect(r.source.startsWith(file)).toBe(true);
    expect(r.explanation).toMatch(/依据|法院确定/);
  });

  it('threshold rules are listed with parameters and citations but not computed', () => {
    const rules = describeProfileRules(getProfile('liaocheng')!, '2026-03-10');
    const quota = rules.find((r) => r.id === 'principal-head-required')!;
    expect(quota).toMatchObject({ kind: 'threshold', parameters: { plaintiffsMoreThan: 10, claimAmountMoreThan: 10_000_000 } });
    expect(quota.source).toContain(`${LC} 第二十二条第一款`);
    expect(() => computeDeadline(cal, { profile: 'liaocheng', rule: 'principal-head-required', trigger: '2026-03-10' })).toThrow(/阈值/);
  });
});

describe('profiles versioned by effective date', () => {
  it('Liaocheng rules end on 2027-01-31', () => {
    expect(computeDeadline(cal, { profile: 'liaocheng', rule: 'registration', trigger: '2027-01-31' }).due).toBe('2027-02-03');
    expect(() => computeDeadline(cal, { profile: 'liaocheng', rule: 'registration', trigger: '2027-02-01' })).toThrow(InputError);
    // the inherited national rules go on
    expect(computeDeadline(cal, { profile: 'liaocheng', rule: 'answer-and-evidence', trigger: '2027-02-01' }).ruleProfile).toBe('national');
  });
  it('an overlay rule replaces the national one of the same id only while it is in force', () => {
    const rules = describeProfileRules(getProfile('yantai')!, '2026-03-10');
    expect(rules.find((r) => r.id === 'judicial-recommendation-reply')!.definedIn).toBe('yantai');
    expect(rules.find((r) => r.id === 'answer-and-evidence')!.definedIn).toBe('national');
  });
});

describe('bad input names the field', () => {
  const fieldOf = (req: Record<string, unknown>) => {
    try {
      computeDeadline(cal, req);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as InputError).issues.map((i) => i.field);
    }
    throw new Error('no error');
  };
  it.each([
    [{ profile: 'beijing', rule: 'answer-and-evidence', trigger: '2026-03-10' }, 'profile'],
    [{ profile: 'national', rule: 'no-such-rule', trigger: '2026-03-10' }, 'rule'],
    [{ profile: 'national', rule: 'registration', trigger: '2026-03-10' }, 'rule'], // a Liaocheng rule
    [{ profile: 'national', rule: 'answer-and-evidence', trigger: '2026-02-30' }, 'trigger'],
    [{ profile: 'national', rule: 'answer-and-evidence', trigger: '2003-12-31' }, 'trigger'],
    [{ profile: 'national', rule: 'answer-and-evidence', trigger: '26-3-10' }, 'trigger'],
    [{ profile: 'national', rule: 'answer-and-evidence' }, 'trigger'],
    [{ profile: 'national', rule: 'answer-and-evidence', trigger: '2015-04-30' }, 'trigger'], // before the 2014 ALL
    [{ profile: 'national', rule: 'judicial-recommendation-reply', trigger: '2026-03-10' }, 'courtSetDays'],
    [{ profile: 'national', rule: 'procuratorial-recommendation-reply', trigger: '2026-03-10' }, 'courtSetDays'],
    [{ profile: 'hunan', rule: 'answer-and-evidence', trigger: '2026-03-10', courtSetDays: 10 }, 'courtSetDays'], // a period the law fixes
  ])('%o → %s', (req, field) => {
    expect(fieldOf(req)).toContain(field);
  });

  it('a batch reports bad items in place and goes on', () => {
    const out = computeBatch(cal, [
      { profile: 'national', rule: 'appeal-ruling', trigger: '2026-03-10' },
      { profile: 'national', rule: 'appeal-ruling', trigger: '2026-02-30' },
      'nonsense',
    ]);
    expect(out[0]).toMatchObject({ due: '2026-03-20' });
    expect(out[1]).toMatchObject({ error: expect.stringContaining('trigger') });
    expect(out[2]).toHaveProperty('error');
  });
});

describe('case deadlines and recalculation (pure)', () => {
  it('computes the registration stage of a Liaocheng case, the risk report from the answer due date', () => {
    const out = computeCaseDeadlines(cal, { profile: 'liaocheng', triggers: { complaintReceivedOn: '2026-09-22' }, options: {} }, ['registration']);
    const byRule = Object.fromEntries(out.map((d) => [d.rule, d]));
    expect(byRule['answer-and-evidence']!.due).toBe('2026-10-08');
    expect(byRule['registration']!.due).toBe('2026-09-28'); // 9-25 is 中秋
    expect(byRule['risk-report']).toMatchObject({ trigger: '2026-10-08', due: '2026-09-28', triggerKey: 'plannedSubmissionOn' });
    expect(byRule['risk-report']!.explanation).toContain('尚未确定计划提交答辩材料日，以答辩期限届满日2026年10月8日为基准');
  });

  it('the risk report counts 3 working days back from the planned submission, capped by the answer deadline (LC Art. 18)', () => {
    // served Tue 2026-03-10: the answer is due Wed 03-25; its risk report therefore by Fri 03-20
    const at = (plannedSubmissionOn?: string) =>
      computeCaseDeadlines(cal, { profile: 'liaocheng', triggers: { complaintReceivedOn: '2026-03-10', ...(plannedSubmissionOn ? { plannedSubmissionOn } : {}) }, options: {} }, ['answer']).find((d) => d.rule === 'risk-report')!;
    // planned for Fri 03-20: back over the weekend to Tue 03-17, not the answer deadline's 03-20
    expect(at('2026-03-20')).toMatchObject({ trigger: '2026-03-20', due: '2026-03-17', triggerKey: 'plannedSubmissionOn', status: 'OK' });
    expect(at('2026-03-20').explanation).toContain('以承办人确定的计划提交答辩材料日2026年3月20日为基准（答辩期限届满日为2026年3月25日）');
    // planned after the answer deadline: the statutory deadline caps it
    expect(at('2026-03-31')).toMatchObject({ trigger: '2026-03-25', due: '2026-03-20' });
    expect(at('2026-03-31').explanation).toContain('晚于答辩期限届满日，以答辩期限届满日2026年3月25日为基准');
    expect(at('2026-03-25').due).toBe('2026-03-20');
    expect(at()).toMatchObject({ trigger: '2026-03-25', due: '2026-03-20' });
    // an extended answer deadline (given) still caps a plan beyond it
    const extended = computeCaseDeadlines(cal, { profile: 'liaocheng', triggers: { complaintReceivedOn: '2026-03-10', answerDueOn: '2026-04-10', plannedSubmissionOn: '2026-04-09' }, options: {} }, ['answer']);
    expect(extended.find((d) => d.rule === 'risk-report')).toMatchObject({ trigger: '2026-04-09', due: '2026-04-03' }); // back over 清明 (04-04–04-06)
    // only Liaocheng reports: no risk-report deadline elsewhere even with a plan
    expect(computeCaseDeadlines(cal, { profile: 'jinghai', triggers: { complaintReceivedOn: '2026-03-10', plannedSubmissionOn: '2026-03-20' }, options: {} }, ['answer']).map((d) => d.rule)).not.toContain('risk-report');
  });

  it('a corrected service date moves every dependent deadline', () => {
    const before = computeCaseDeadlines(cal, { profile: 'liaocheng', triggers: { complaintReceivedOn: '2026-09-22' }, options: {} }, ['registration']);
    const after = computeCaseDeadlines(cal, { profile: 'liaocheng', triggers: { complaintReceivedOn: '2026-09-10' }, options: {} }, ['registration']);
    const due = (list: typeof before, rule: string) => list.find((d) => d.rule === rule)!.due;
    expect(due(after, 'answer-and-evidence')).toBe('2026-09-28');
    expect(due(after, 'risk-report')).toBe('2026-09-22');
    expect(due(before, 'risk-report')).not.toBe(due(after, 'risk-report'));
  });

  it('the judgment kind picks the appeal period; a ruling has 10 days', () => {
    const judgment = computeCaseDeadlines(cal, { profile: 'national', triggers: { judgmentServedOn: '2026-03-10' }, options: { judgmentKind: 'judgment' } }, ['judgment']);
    const ruling = computeCaseDeadlines(cal, { profile: 'national', triggers: { judgmentServedOn: '2026-03-10' }, options: { judgmentKind: 'ruling' } }, ['judgment']);
    expect(judgment.map((d) => d.rule)).toEqual(['appeal-judgment']);
    expect(ruling.map((d) => d.rule)).toEqual(['appeal-ruling']);
  });

  it('a provisional answer due date makes the risk report provisional', () => {
    const out = computeCaseDeadlines(cal, { profile: 'liaocheng', triggers: { complaintReceivedOn: '2026-12-20' }, options: {} }, ['registration']);
    expect(out.find((d) => d.rule === 'risk-report')!.status).toBe('PROVISIONAL');
  });

  it('Tengzhou files each document within 5 working days: complaint and notice, answer, each hearing\'s head-appearance record, judgment (TZ 二(四))', () => {
    const triggers = { complaintReceivedOn: '2026-03-10', answerSubmittedOn: '2026-03-25', 'hearingAt:first': '2026-04-15', 'hearingAt:first_2': '2026-05-06', judgmentServedOn: '2026-06-02' };
    const filings = computeCaseDeadlines(cal, { profile: 'tengzhou', triggers, options: { judgmentKind: 'judgment' } }, ['all']).filter((d) => d.rule === 'justice-bureau-filing');
    expect(Object.fromEntries(filings.map((d) => [d.triggerKey, d.due]))).toEqual({
      complaintReceivedOn: '2026-03-17',
      answerSubmittedOn: '2026-04-01',
      'hearingAt:first': '2026-04-22',
      'hearingAt:first_2': '2026-05-12', // 05-01–05-05 劳动节; 05-09 a make-up Saturday counts
      judgmentServedOn: '2026-06-09',
    });
    for (const d of filings) expect(d.source).toContain(`${TZ} 二、（四）`);
    // each step's deadline computation (stage) yields its own filing
    const at = (stage: 'answer' | 'hearing' | 'judgment') => computeCaseDeadlines(cal, { profile: 'tengzhou', triggers, options: {} }, [stage]).filter((d) => d.rule === 'justice-bureau-filing').map((d) => d.triggerKey);
    expect(at('answer')).toContain('answerSubmittedOn');
    expect(at('hearing')).toContain('hearingAt:first');
    expect(at('judgment')).toContain('judgmentServedOn');
    // no other profile files these
    for (const profile of ['national', 'liaocheng', 'jinghai', 'yantai', 'hunan']) {
      expect(computeCaseDeadlines(cal, { profile, triggers, options: {} }, ['all']).map((d) => d.rule), profile).not.toContain('justice-bureau-filing');
    }
  });
});

describe('process variables', () => {
  it('names, ISO date-times and reminders on working days at 09:00 Shanghai', () => {
    const vars = deadlineProcessVariables(cal, [
      { id: '1', rule: 'answer-and-evidence', triggerKey: 'complaintReceivedOn', name: '答辩举证期限', stage: 'registration', trigger: '2026-10-08', due: '2026-10-23', dueAt: '', status: 'OK', explanation: 'x', source: 's', profile: 'national', ruleProfile: 'national', basis: 'statutory', mayExtendTo: null, estimatedDue: null, lastDayMakeUpWorkday: false, checkNote: null, computedAt: new Date() },
    ]);
    expect(vars).toMatchObject({
      answerDueAt: '2026-10-23T23:59:59+08:00',
      answerAndEvidenceDueAt: '2026-10-23T23:59:59+08:00',
      answerAndEvidenceDue: '2026-10-23',
      answerRemindT5At: '2026-10-16T09:00:00+08:00', // 10-18 is a Sunday → Friday 10-16
      answerRemindT2At: '2026-10-21T09:00:00+08:00',
      answerRemindT0At: '2026-10-23T09:00:00+08:00',
      deadlinesProvisional: false,
      deadlines: { answerAndEvidence: { due: '2026-10-23', dueAt: '2026-10-23T23:59:59+08:00', status: 'OK' } },
    });
  });
  it('answerDueAt names the answer deadline of the court level: first instance, appeal answer (二审), retrial response (再审)', () => {
    const row = (rule: string, triggerKey: string, due: string) => ({ id: rule, rule, triggerKey, name: rule, stage: 'answer', trigger: '2026-10-08', due, dueAt: '', status: 'OK' as const, explanation: 'x', source: 's', profile: 'jinghai', ruleProfile: 'jinghai', basis: 'statutory', mayExtendTo: null, estimatedDue: null, computedAt: new Date() });
    const first = [row('answer-and-evidence', 'complaintReceivedOn', '2026-10-23'), row('answer-preparation', 'complaintReceivedOn', '2026-10-18')];
    const second = [...first, row('appeal-answer', 'appealCopyReceivedOn', '2026-12-15')];
    const retrial = [...first, row('retrial-response', 'retrialPetitionReceivedOn', '2027-03-01')];
    expect(deadlineProcessVariables(cal, second as never)).toMatchObject({ answerDue: '2026-10-23', answerPreparationDue: '2026-10-18' });
    const atSecond = deadlineProcessVariables(cal, second as never, 'second');
    expect(atSecond).toMatchObject({ answerDue: '2026-12-15', appealAnswerDue: '2026-12-15', answerAndEvidenceDue: '2026-10-23' });
    // Jinghai's internal preparation counts from the first-instance receipt: not offered again (it would be long past);
    // at second instance only one from the appeal copy is (jinghai-appeal-copy.test.ts)
    expect(atSecond.answerPreparationDueAt).toBeUndefined();
    expect(deadlineProcessVariables(cal, retrial as never, 'retrial')).toMatchObject({ answerDue: '2027-03-01' });
    // the level's own deadline not computed yet: the first-instance one, so a due date is never missing
    expect(deadlineProcessVariables(cal, first as never, 'second')).toMatchObject({ answerDue: '2026-10-23' });
  });
  it('the diagrams\' filing due dates: the answer, this hearing and the judgment (Tengzhou), null where none applies', () => {
    const row = (triggerKey: string, due: string) => ({ id: triggerKey, rule: 'justice-bureau-filing', triggerKey, name: '向司法局备案期限', stage: 'answer', trigger: '2026-03-10', due, dueAt: '', status: 'OK' as const, explanation: 'x', source: 's', profile: 'tengzhou', ruleProfile: 'tengzhou', basis: 'internal', mayExtendTo: null, estimatedDue: null, computedAt: new Date() });
    const rows = [row('complaintReceivedOn', '2026-03-17'), row('answerSubmittedOn', '2026-04-01'), row('hearingAt:first', '2026-04-22'), row('hearingAt:first_2', '2026-05-12'), row('judgmentServedOn', '2026-06-09')];
    expect(deadlineProcessVariables(cal, rows as never, 'first', 'first_2')).toMatchObject({
      justiceBureauFilingDueAt: '2026-03-17T23:59:59+08:00',
      justiceBureauFilingForAnswerSubmittedDueAt: '2026-04-01T23:59:59+08:00',
      justiceBureauFilingForHearingDue: '2026-05-12', // the hearing asked for, not the first
      justiceBureauFilingForHearingDueAt: '2026-05-12T23:59:59+08:00',
      justiceBureauFilingForJudgmentServedDueAt: '2026-06-09T23:59:59+08:00',
    });
    expect(deadlineProcessVariables(cal, [row('complaintReceivedOn', '2026-03-17')] as never, 'first', 'first')).toMatchObject({ justiceBureauFilingForHearingDueAt: null });
  });
  it('reminders skip holidays back to a working day (the make-up Saturday counts)', () => {
    expect(reminderAt(cal, '2026-10-12', 5)).toBe('2026-09-30T09:00:00+08:00');
    expect(reminderAt(cal, '2026-10-15', 5)).toBe('2026-10-10T09:00:00+08:00');
  });
  it('variable keys', () => {
    expect(variableKey('justice-bureau-filing', 'complaintReceivedOn')).toBe('justiceBureauFiling');
    expect(variableKey('justice-bureau-filing', 'judgmentServedOn')).toBe('justiceBureauFilingForJudgmentServed');
    expect(variableKey('justice-bureau-filing', 'answerSubmittedOn')).toBe('justiceBureauFilingForAnswerSubmitted');
    expect(variableKey('justice-bureau-filing', 'hearingAt:first')).toBe('justiceBureauFilingForHearing_first');
    expect(variableKey('risk-report', 'plannedSubmissionOn')).toBe('riskReport');
    expect(variableKey('head-absence-report', 'hearingAt:2')).toBe('headAbsenceReport_2');
  });
  it('a year added to the calendar is honoured by reminders too', () => {
    const with2027 = calendarWith([{ year: 2027, notice: 'n', source: 't' }], [{ date: '2027-01-04', isOffDay: true, name: '元旦' }]);
    expect(reminderAt(with2027, '2027-01-06', 2)).toBe('2027-01-01T09:00:00+08:00'); // 1-4 off, then the weekend
  });
});

describe('a last day on a make-up working Saturday (rules catalogue §2.2 item 4)', () => {
  it('is a working day (no extension) but carries a flag and a Chinese note asking for a check', () => {
    // 2026-01-30 + 15 days = Saturday 2026-02-14, a 春节 make-up working day
    const r = computeDeadline(cal, { profile: 'national', rule: 'answer-and-evidence', trigger: '2026-01-30' });
    expect(r.due).toBe('2026-02-14');
    expect(r.lastDayMakeUpWorkday).toBe(true);
    expect(r.checkNote).toContain('届满日2026年2月14日（星期六）为春节调休上班日');
    expect(r.checkNote).toContain('请核实');
    expect(r.checkNote).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
  it('a working-day count ending on a make-up day is flagged as well; an ordinary last day is not', () => {
    // Tengzhou 5 working days from Monday 2026-02-09: 02-10 … 02-13, then the make-up Saturday 02-14
    const filing = computeDeadline(cal, { profile: 'tengzhou', rule: 'justice-bureau-filing', trigger: '2026-02-09' });
    expect(filing.due).toBe('2026-02-14');
    expect(filing.lastDayMakeUpWorkday).toBe(true);
    const plain = computeDeadline(cal, { profile: 'national', rule: 'answer-and-evidence', trigger: '2026-03-10' });
    expect(plain).toMatchObject({ due: '2026-03-25', lastDayMakeUpWorkday: false, checkNote: null });
  });
  it('a last day in a year whose notice is missing is never flagged (the day is not settled)', () => {
    const r = computeDeadline(cal, { profile: 'national', rule: 'answer-and-evidence', trigger: '2026-12-17' });
    expect(r.status).toBe('PROVISIONAL');
    expect(r.lastDayMakeUpWorkday).toBe(false);
  });
});

describe('督办 timing: one working day before the last day at 09:00, not at its 23:59:59', () => {
  const national = escalationPolicyOf('national');
  it('every profile has a policy (national by default) that comes before the last day, in office hours', () => {
    expect(national).toMatchObject({ workingDaysBefore: 1, time: '09:00:00' });
    for (const p of PROFILES) {
      const policy = escalationPolicyOf(p.id);
      expect(policy.workingDaysBefore, p.id).toBeGreaterThanOrEqual(1);
      expect(policy.time, p.id).toMatch(/^(0[89]|1[0-7]):\d{2}:\d{2}$/);
      expect(citationText(policy.source), p.id).toContain('督办');
    }
  });
  it('the last working day before the due date at 09:00 Shanghai', () => {
    expect(escalationAt(cal, '2026-03-17', national)).toBe('2026-03-16T09:00:00+08:00'); // Tuesday → Monday
    expect(escalationAt(cal, '2026-03-16', national)).toBe('2026-03-13T09:00:00+08:00'); // Monday → Friday
    expect(escalationAt(cal, '2026-10-08', national)).toBe('2026-09-30T09:00:00+08:00'); // after the 国庆 block
    expect(escalationAt(cal, '2026-10-12', national)).toBe('2026-10-10T09:00:00+08:00'); // the make-up Saturday is a working day
  });
  it('the process variable the answer diagram waits for: answerEscalateAt, never the due instant', () => {
    const vars = deadlineProcessVariables(cal, [
      { id: '1', rule: 'answer-and-evidence', triggerKey: 'complaintReceivedOn', name: '答辩举证期限', stage: 'registration', trigger: '2026-03-02', due: '2026-03-17', dueAt: '', status: 'OK', explanation: 'x', source: 's', profile: 'liaocheng', ruleProfile: 'national', basis: 'statutory', mayExtendTo: null, estimatedDue: null, lastDayMakeUpWorkday: false, checkNote: null, computedAt: new Date() },
    ]) as Record<string, string>;
    expect(vars.answerEscalateAt).toBe('2026-03-16T09:00:00+08:00');
    expect(vars.answerEscalateAt).not.toBe(vars.answerDueAt);
  });
  it('for every due date of two years it lies between the T-2 and the T-0 reminders (the diagram waits for them in that order)', () => {
    for (let day = Date.UTC(2025, 0, 10); day <= Date.UTC(2026, 11, 31); day += 86_400_000) {
      const due = new Date(day).toISOString().slice(0, 10);
      const at = escalationAt(cal, due, national);
      expect(at >= reminderAt(cal, due, 2), due).toBe(true);
      expect(at <= reminderAt(cal, due, 0), due).toBe(true);
      expect(at < `${due}T23:59:59+08:00`, due).toBe(true);
    }
  });
});
