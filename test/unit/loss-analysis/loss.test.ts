import { describe, expect, it } from 'vitest';
import { packagedCalendar } from '../../../src/deadlines/calendar.ts';
import { countsAsLoss, enterpriseSeminarDecision, lossFollowUp } from '../../../src/loss-analysis/loss.ts';

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

describe('Liaocheng enterprise-case seminar (LC Art. 23): a calendar year per agency', () => {
  const LC = '002_963c834d180c3dcb.txt';
  it('one lost case is not a loss rate above 10 %: no seminar during the year', () => {
    const d = enterpriseSeminarDecision({ year: 2026, cases: 1, decided: 1, losses: 1 }, { asOf: '2026-03-10' });
    expect(d).toMatchObject({ lossRate: 1, yearClosed: false, seminarRequired: false, trigger: null, reason: null });
    // 20 cases are not "more than 20", even with losses, while the year runs
    expect(enterpriseSeminarDecision({ year: 2026, cases: 20, decided: 4, losses: 2 }, { asOf: '2026-12-31' }).seminarRequired).toBe(false);
  });

  it('more than 20 cases in the year decide at once (a count only grows)', () => {
    const d = enterpriseSeminarDecision({ year: 2026, cases: 21, decided: 0, losses: 0 }, { asOf: '2026-06-01' });
    expect(d).toMatchObject({ seminarRequired: true, trigger: 'cases' });
    expect(d.reason).toMatchObject({ code: 'lc-enterprise-seminar', source: `${LC} 第二十三条（聊城市行政应诉工作管理办法）` });
    expect(d.reason!.text).toContain('年度涉企行政案件超过20件');
  });

  it('the loss rate decides on the closed year: above 10 % calls the seminar, 10 % exactly does not', () => {
    expect(enterpriseSeminarDecision({ year: 2026, cases: 12, decided: 9, losses: 1 }, { asOf: '2027-01-04' })).toMatchObject({ yearClosed: true, seminarRequired: true, trigger: 'loss-rate' });
    expect(enterpriseSeminarDecision({ year: 2026, cases: 12, decided: 10, losses: 1 }, { asOf: '2027-01-04' }).seminarRequired).toBe(false);
    expect(enterpriseSeminarDecision({ year: 2026, cases: 3, decided: 0, losses: 0 }, { asOf: '2027-01-04' })).toMatchObject({ lossRate: null, seminarRequired: false });
    const d = enterpriseSeminarDecision({ year: 2026, cases: 12, decided: 9, losses: 1 }, { asOf: '2027-01-04' });
    expect(d.reason!.text).toBe('2026年涉企行政案件12件；生效裁判9件，败诉1件（败诉率11.1%）：年度败诉率超过10%，市直部门应当召开案件研讨会，研究解决涉企执法中存在的倾向性问题');
  });
});

describe('Jinghai counts losses in administrative reconsideration (JH §2(3)3)', () => {
  it('a reconsideration organ’s decision against the agency is a loss in Jinghai: the 30-day report follows', () => {
    const f = lossFollowUp(cal, { profile: 'jinghai', outcome: 'lost', effectiveOn: '2026-03-10', decidedBy: 'reconsideration' });
    expect(f).toMatchObject({ loss: true, lossAnalysisReport: { required: true, deadline: { due: '2026-04-09' } } });
    expect(f.obligations).toEqual([expect.objectContaining({ code: 'jh-reconsideration-loss', source: `${JH} 二、（三）3（天津市静海区关于落实《天津市人民政府办公厅关于加强和改进行政应诉工作的实施意见》的实施方案）` })]);
  });

  it('elsewhere only a court decides a loss; a won reconsideration is no loss anywhere', () => {
    for (const profile of ['liaocheng', 'yantai', 'national']) {
      expect(lossFollowUp(cal, { profile, outcome: 'lost', effectiveOn: '2026-03-10', decidedBy: 'reconsideration' }).loss).toBe(false);
      expect(lossFollowUp(cal, { profile, outcome: 'lost', effectiveOn: '2026-03-10' }).loss).toBe(true);
    }
    expect(countsAsLoss('jinghai', { outcome: 'won', decidedBy: 'reconsideration' })).toBe(false);
    expect(countsAsLoss('jinghai', { outcome: 'partly-lost', decidedBy: 'reconsideration' })).toBe(true);
  });
});
