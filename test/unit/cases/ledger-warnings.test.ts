// unit tier: the ledger's warning windows on the deadline engine's calendar (no IO): 3日内 counts
// working days (a holiday stretches it), 本周 ends on Sunday, the due filter's ranges, and which deadlines the case has fulfilled.
import { describe, expect, it } from 'vitest';
import { deadlineFulfilled, dueRange, warningOf, warningWindows } from '../../../src/cases/ledger-warnings.ts';
import { packagedCalendar } from '../../../src/deadlines/calendar.ts';

const cal = packagedCalendar();

describe('ledger warnings', () => {
  it('on a Monday: 3日内 to Thursday, 本周 to Sunday', () => {
    const w = warningWindows(cal, '2026-06-08');
    expect(w).toEqual({ today: '2026-06-08', within3dUntil: '2026-06-11', weekUntil: '2026-06-14' });
    expect(['2026-06-07', '2026-06-08', '2026-06-11', '2026-06-12', '2026-06-14', '2026-06-15', null].map((d) => warningOf(d, w))).toEqual(['overdue', 'due-3d', 'due-3d', 'due-week', 'due-week', null, null]);
  });

  it('on a Friday: 3日内 reaches into next week (weekends do not count), so nothing is only 本周', () => {
    const w = warningWindows(cal, '2026-06-12');
    expect(w.within3dUntil).toBe('2026-06-17');
    expect(warningOf('2026-06-14', w)).toBe('due-3d');
  });

  it('over the National Day holiday: 3 working days run past the holiday week', () => {
    const w = warningWindows(cal, '2026-09-30');
    expect(w.within3dUntil > '2026-10-08').toBe(true);
    expect(cal.isRest(Date.parse(`${w.within3dUntil}T00:00:00Z`) / 86_400_000)).toBe(false);
    expect(warningOf('2026-10-07', w)).toBe('due-3d');
  });

  it('gives the due filter its ranges of last days', () => {
    const w = warningWindows(cal, '2026-06-08');
    expect(dueRange('overdue', w)).toEqual({ to: '2026-06-07' });
    expect(dueRange('3d', w)).toEqual({ from: '2026-06-08', to: '2026-06-11' });
    expect(dueRange('week', w)).toEqual({ from: '2026-06-08', to: '2026-06-14' });
    expect(dueRange('30d', w)).toEqual({ from: '2026-06-08', to: '2026-07-08' });
  });
});

describe('deadlineFulfilled: what the case has already done', () => {
  const registration = { rule: 'registration', triggerKey: 'complaintReceivedOn' };
  const answer = { rule: 'answer-and-evidence', triggerKey: 'complaintReceivedOn' };
  it('registration ends the 收件登记 and 转交 deadlines of the served complaint, not the appeal copy’s forwarding', () => {
    expect(deadlineFulfilled({ stage: 'registration', answerSubmittedOn: null }, registration)).toBe(false);
    expect(deadlineFulfilled({ stage: 'answer', answerSubmittedOn: null }, registration)).toBe(true);
    expect(deadlineFulfilled({ stage: 'answer', answerSubmittedOn: null }, { rule: 'forwarding', triggerKey: 'complaintReceivedOn' })).toBe(true);
    expect(deadlineFulfilled({ stage: 'second-instance', answerSubmittedOn: null }, { rule: 'forwarding', triggerKey: 'appealCopyReceivedOn' })).toBe(false);
  });
  it('the answer ends the answer deadline; other deadlines stay', () => {
    expect(deadlineFulfilled({ stage: 'answer', answerSubmittedOn: null }, answer)).toBe(false);
    expect(deadlineFulfilled({ stage: 'awaiting-hearing', answerSubmittedOn: '2026-06-01' }, answer)).toBe(true);
    expect(deadlineFulfilled({ stage: 'awaiting-hearing', answerSubmittedOn: '2026-06-01' }, { rule: 'post-answer-filing', triggerKey: 'answerSubmittedOn' })).toBe(false);
  });
});
