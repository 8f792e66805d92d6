// Jinghai 一、（二）1: the office receives "应诉通知书、起诉状副本（上诉状副本）等文书" and forwards them
// within 3 days — an appeal copy served at second instance is forwarded like the complaint.
import { describe, expect, it } from 'vitest';
import { packagedCalendar } from '../../../src/deadlines/calendar.ts';
import { computeCaseDeadlines } from '../../../src/deadlines/case-deadlines.ts';
import { deadlineProcessVariables } from '../../../src/deadlines/process-variables.ts';

const cal = packagedCalendar();
const JH = '004_b8935aaaa4c0ff62.txt';
const stored = (d: ReturnType<typeof computeCaseDeadlines>[number]) => ({ ...d, id: d.rule, profile: 'jinghai', ruleProfile: 'jinghai', mayExtendTo: null, estimatedDue: null, computedAt: new Date() });

describe('Jinghai: the 上诉状副本 is forwarded within 3 days, like the complaint (JH §1(2)1)', () => {
  it('a forwarding deadline from the appeal copy at second instance, cited, with its own variable', () => {
    const triggers = { complaintReceivedOn: '2026-03-10', appealCopyReceivedOn: '2026-09-07' };
    const deadlines = computeCaseDeadlines(cal, { profile: 'jinghai', triggers, options: {} }, ['registration', 'second-instance']);
    const forwarding = deadlines.filter((d) => d.rule === 'forwarding').map((d) => [d.triggerKey, d.due]);
    expect(forwarding).toEqual([['complaintReceivedOn', '2026-03-13'], ['appealCopyReceivedOn', '2026-09-10']]);
    expect(deadlines.find((d) => d.triggerKey === 'appealCopyReceivedOn' && d.rule === 'forwarding')!.source).toContain(`${JH} 一、（二）1`);
    const vars = deadlineProcessVariables(cal, deadlines.map(stored) as never, 'second');
    expect(vars).toMatchObject({ forwardingDue: '2026-03-13', forwardingForAppealCopyReceivedDue: '2026-09-10', forwardingForAppealCopyReceivedDueAt: '2026-09-10T23:59:59+08:00' });
  });

  it('other profiles forward nothing at second instance', () => {
    const deadlines = computeCaseDeadlines(cal, { profile: 'liaocheng', triggers: { complaintReceivedOn: '2026-03-10', appealCopyReceivedOn: '2026-09-07' }, options: {} }, ['second-instance']);
    expect(deadlines.map((d) => d.rule)).not.toContain('forwarding');
  });
});

describe('Jinghai: the 10-day answer preparation counts from the 上诉状副本 at second instance (JH 一、（二）2)', () => {
  const triggers = { complaintReceivedOn: '2026-03-10', appealCopyReceivedOn: '2026-09-07' };
  const deadlines = computeCaseDeadlines(cal, { profile: 'jinghai', triggers, options: {} }, ['registration', 'answer', 'second-instance']);

  it('one preparation deadline per copy, each 10 calendar days from its own service, cited', () => {
    const preparation = deadlines.filter((d) => d.rule === 'answer-preparation').map((d) => [d.triggerKey, d.due]);
    // 2026-09-17 is a Thursday; 2026-03-20 a Friday
    expect(preparation).toEqual([['complaintReceivedOn', '2026-03-20'], ['appealCopyReceivedOn', '2026-09-17']]);
    const fromCopy = deadlines.find((d) => d.rule === 'answer-preparation' && d.triggerKey === 'appealCopyReceivedOn')!;
    expect(fromCopy.source).toContain(`${JH} 一、（二）2`);
  });

  it("answerPreparationDueAt is the level's own: the complaint's at first instance, the appeal copy's at second, none at retrial", () => {
    const rows = deadlines.map(stored) as never;
    expect(deadlineProcessVariables(cal, rows, 'first')).toMatchObject({ answerPreparationDue: '2026-03-20', answerPreparationDueAt: '2026-03-20T23:59:59+08:00' });
    const second = deadlineProcessVariables(cal, rows, 'second');
    expect(second).toMatchObject({ answerPreparationDue: '2026-09-17', answerPreparationDueAt: '2026-09-17T23:59:59+08:00' });
    // the 督办 convention of the product: one working day before, 09:00 (2026-09-16 is a Wednesday)
    expect(second.answerPreparationEscalateAt).toBe('2026-09-16T09:00:00+08:00');
    expect(deadlineProcessVariables(cal, rows, 'retrial').answerPreparationDueAt).toBeUndefined();
  });
});

