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
