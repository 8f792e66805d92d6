// Unit tier: the projected course of a case (src/deadlines/projection.ts) on the packaged calendar.
import { describe, expect, it } from 'vitest';
import { packagedCalendar } from '../../../src/deadlines/calendar.ts';
import { projectDeadlines } from '../../../src/deadlines/projection.ts';

const cal = packagedCalendar();

describe('projected deadlines', () => {
  it('chains answer → court term → appeal period → effect for a first-instance case', () => {
    const rows = projectDeadlines(cal, { profile: 'jinghai', level: 'first', triggers: { complaintReceivedOn: '2025-03-03' }, options: {} });
    const byRule = new Map(rows.map((r) => [r.rule, r]));
    // answer due 2025-03-18 (15 days, a Tuesday): the Jinghai filing runs from the assumed answer date
    expect(byRule.get('post-answer-filing')?.assumption).toContain('2025年3月18日');
    // the court's term counts 6 months from the service date (the case has no filing date)
    const term = byRule.get('first-instance-term')!;
    expect(term.due).toBe('2025-09-03');
    expect(term.assumption).toContain('立案日期未录入');
    // the judgment served on 2025-09-03: appeal period 15 days → 2025-09-18; effect the day after
    expect(byRule.get('appeal-judgment')?.due).toBe('2025-09-18');
    const loss = byRule.get('loss-analysis-report')!;
    expect(loss.assumption).toContain('2025年9月19日');
    expect(loss.step).toBe('生效之后');
    expect(loss.due).toBe('2025-10-20'); // 30 days from 2025-09-19 = 10-19, a Sunday → Monday 10-20
    expect(rows.every((r) => r.explanation.length > 0 && r.source.length > 0)).toBe(true);
  });

  it('replaces assumptions with the facts as they arrive', () => {
    const rows = projectDeadlines(cal, {
      profile: 'national',
      level: 'first',
      triggers: { complaintReceivedOn: '2025-03-03', answerSubmittedOn: '2025-03-10', judgmentServedOn: '2025-06-02' },
      options: {},
    });
    // nothing before the judgment is projected; the known service date gives the appeal period (a real
    // deadline, not repeated here) and the effect from it
    expect(rows.find((r) => r.rule === 'first-instance-term')).toBeUndefined();
    expect(rows.find((r) => r.rule === 'appeal-judgment')).toBeUndefined();
    expect(rows.find((r) => r.rule === 'retrial-application')?.assumption).toContain('2025年6月18日');
  });

  it('projects nothing once the decision is in effect', () => {
    expect(projectDeadlines(cal, { profile: 'national', level: 'first', triggers: { complaintReceivedOn: '2025-03-03', answerSubmittedOn: '2025-03-10', judgmentServedOn: '2025-06-02', effectiveOn: '2025-06-18' }, options: {} })).toEqual([]);
  });

  it('marks every later step provisional when an earlier assumed date lies in a year without holiday data', () => {
    const rows = projectDeadlines(cal, { profile: 'national', level: 'first', triggers: { complaintReceivedOn: '2098-03-03' }, options: {} });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.status === 'PROVISIONAL')).toBe(true);
  });
});
