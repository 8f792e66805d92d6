import { describe, expect, it } from 'vitest';
import { packagedCalendar } from '../../../src/deadlines/calendar.ts';
import { lossFollowUp } from '../../../src/loss-analysis/loss.ts';

const cal = packagedCalendar();
const JH = '004_b8935aaaa4c0ff62.txt';

describe('loss follow-up (败诉分析与问责)', () => {
  it('Jinghai: the loss analysis report within 30 days of effect; the letter within 15 days of the decision', () => {
    const f = lossFollowUp(cal, { profile: 'jinghai', outcome: 'lost', effectiveOn: '2026-03-10', decisionOn: '2026-03-10' });
    expect(f.lossAnalysisReport).toMatchObject({ required: true, deadline: { rule: 'loss-analysis-report', due: '2026-04-09' } });
    expect(f.lossAnalysisReport.reason!.source).toContain(`${JH} 二、（三）3`);
    expect(f.accountabilityLetter).toMatchObject({ applies: true, deadline: { rule: 'accountability-letter', due: '2026-03-25' } });
  });

  it('before the decision the letter applies without a date; a won case needs nothing', () => {
    expect(lossFollowUp(cal, { profile: 'jinghai', outcome: 'partly-lost', effectiveOn: '2026-03-10' }).accountabilityLetter).toMatchObject({ applies: true, deadline: null });
    expect(lossFollowUp(cal, { profile: 'jinghai', outcome: 'won', effectiveOn: '2026-03-10' })).toMatchObject({ loss: false, lossAnalysisReport: { required: false } });
  });

  it.each([
    ['yantai', ['yt-loss-report']],
    ['tengzhou', ['tz-loss-deduction']],
    ['liaocheng', []],
    ['hunan', []],
  ])('%s: no report period, obligations %j', (profile, codes) => {
    const f = lossFollowUp(cal, { profile, outcome: 'lost', effectiveOn: '2026-03-10' });
    expect(f.lossAnalysisReport.required).toBe(false);
    expect(f.obligations.map((o) => o.code)).toEqual(codes);
  });
});
