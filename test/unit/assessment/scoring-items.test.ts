// Unit tier: the assessment (考核) scoring items (src/assessment/scoring-items.ts) — each profile's
// items with points adding up to 100 and their sources, and each kind of item scored on hand-built
// figure totals with the deduction worked out here; the score sheet with an adjustment (buildScoreSheet).
import { describe, expect, it } from 'vitest';
import { evaluateQuotas } from '../../../src/assessment/quotas.ts';
import { buildScoreSheet } from '../../../src/assessment/score-sheets.ts';
import { itemsFor, SCORING_ITEMS, scoreItem } from '../../../src/assessment/scoring-items.ts';
import { FIGURES } from '../../../src/statistics/figure-catalogue.ts';
import { totals } from './totals.ts';

const item = (id: string) => SCORING_ITEMS.find((i) => i.id === id)!;
const SEEDS: Record<string, string> = { yantai: '000_7288109d50e53de4.txt', hunan: '001_43aff403179c4a24.txt', liaocheng: '002_963c834d180c3dcb.txt', tengzhou: '003_0e14abe5e5e19f52.txt', jinghai: '004_b8935aaaa4c0ff62.txt' };

describe('scoring items as data', () => {
  it('each profile lists the items its policy names, 100 points in all, each with a source in its own policy', () => {
    for (const profile of ['national', 'yantai', 'hunan', 'liaocheng', 'tengzhou', 'jinghai']) {
      const items = itemsFor(profile);
      expect(items.reduce((n, i) => n + i.maxPoints, 0), profile).toBe(100);
      for (const i of items) {
        expect(i.sources.length, i.id).toBeGreaterThan(0);
        if (SEEDS[profile]) expect(i.sources[0]!.file, i.id).toBe(SEEDS[profile]);
        if (i.figureId) expect(FIGURES.map((f) => f.id), i.id).toContain(i.figureId);
        if (i.basis === 'per-unit') expect(i.pointsPerUnit! > 0 && i.side !== undefined && i.unitLabel !== undefined, i.id).toBe(true);
      }
    }
    expect(itemsFor('tengzhou').map((i) => i.sources[0]!.article)).toEqual(['三、（三）', '三、（三）']);
    expect(itemsFor('jinghai').every((i) => i.sources[0]!.article === '二、（三）4')).toBe(true);
    expect(itemsFor('hunan').every((i) => i.sources[0]!.article === '八、（一）')).toBe(true);
    expect(itemsFor('liaocheng').map((i) => i.sources[0]!.article)).toContain('第七条');
    expect(itemsFor('yantai').every((i) => i.sources[0]!.article === '四、（一）')).toBe(true);
  });
  it('an unknown profile gets the national items', () => {
    expect(itemsFor('no-such-profile').map((i) => i.id)).toEqual(itemsFor('national').map((i) => i.id));
  });
});

describe('scoring one item', () => {
  it('per failing unit of the numerator: Tengzhou, 3 lost cases of 8 closed at 5 points each = 15 off', () => {
    const s = scoreItem(item('tz-loss'), totals({ 'loss-rate': [3, 8] }), []);
    expect(s).toMatchObject({ units: 3, deduction: 15, computedScore: 35, maxPoints: 50, side: 'numerator', figureId: 'loss-rate' });
    expect(s.explanation).toBe('共8件，其中败诉（含部分败诉）3件，每件扣5分，扣15分。');
  });
  it('per unit of the shortfall: Tengzhou, 12 hearings of which a head attended 9 = 3 × 5 = 15 off', () => {
    const s = scoreItem(item('tz-head-appearance'), totals({ 'head-appearance-rate-hearing': [9, 12] }), []);
    expect(s).toMatchObject({ units: 3, deduction: 15, computedScore: 35 });
    expect(s.explanation).toBe('共12庭次，已达标9庭次，负责人未出庭应诉3庭次，每庭次扣5分，扣15分。');
  });
  it('never more than the item\'s points: Liaocheng, 7 cases without a head at 5 points = 35, capped at 25', () => {
    const s = scoreItem(item('lc-head-appearance'), totals({ 'head-appearance-rate-case': [3, 10] }), []);
    expect(s).toMatchObject({ units: 7, deduction: 25, computedScore: 0 });
    expect(s.explanation).toContain('应扣35分，以本项满分25分为限');
  });
  it('nothing failing, nothing off', () => {
    const s = scoreItem(item('hn-performance'), totals({ 'performance-on-time': [4, 4] }), []);
    expect(s).toMatchObject({ units: 0, deduction: 0, computedScore: 20 });
    expect(s.explanation).toBe('共4项，已达标4项，未按期履行生效裁判0项，不扣分。');
    expect(scoreItem(item('hn-performance'), totals(), []).explanation).toBe('本年度台账中无应计入本项的记录，不扣分。');
  });
  it('late answers (a numerator that fails): Jinghai, 2 of 6 at 3 points = 6 off', () => {
    expect(scoreItem(item('jh-court-support'), totals({ 'answers-late': [2, 6] }), [])).toMatchObject({ units: 2, deduction: 6, computedScore: 9 });
  });
  it('quotas: 5 points for each Liaocheng quota missed in a year that is over; an at-risk one costs nothing yet', () => {
    const agency = { id: 'a', name: '聊城市某局', kind: 'department', level: 'city', profile: 'liaocheng' };
    const t = totals({ 'cases-new': [12], 'principal-head-appearances': [1], 'principal-head-appearance-rate': [1, 10], 'head-appearance-rate-case': [10, 10] });
    const over = scoreItem(item('lc-principal-head-quota'), t, evaluateQuotas({ agency, year: 2025, asOf: '2026-01-05', totals: t }));
    // missed: twice with 10 cases (1 appearance), 20 % (10 %); met: once a year
    expect(over).toMatchObject({ units: 2, deduction: 10, computedScore: 5 });
    expect(over.explanation).toContain('未完成：案件10件以上的主要负责人出庭次数');
    const running = scoreItem(item('lc-principal-head-quota'), t, evaluateQuotas({ agency, year: 2026, asOf: '2026-11-05', totals: t }));
    expect(running).toMatchObject({ units: 0, deduction: 0 });
    expect(running.explanation).toContain('存在风险（年度结束后未完成方扣分）');
  });
  it('Yantai\'s appearance is reviewed, never deducted by a rate (不得硬性设置出庭应诉率)', () => {
    const s = scoreItem(item('yt-appearance'), totals({ 'head-appearance-rate-case': [1, 10] }), []);
    expect(s).toMatchObject({ basis: 'review', deduction: 0, computedScore: 30 });
    expect(s.explanation).toContain('10%（1/10）');
    expect(s.explanation).toContain('不得硬性设置');
  });
  it('a manual item keeps full points until the justice bureau adjusts it', () => {
    expect(scoreItem(item('hn-capacity'), totals(), [])).toMatchObject({ basis: 'manual', deduction: 0, computedScore: 15 });
    expect(scoreItem(item('yt-loss-report'), totals({ 'loss-rate': [2, 5] }), []).explanation).toContain('本年度败诉案件2件');
  });
});

describe('buildScoreSheet', () => {
  it('totals the items, and the latest adjustment of an item replaces its computed score', () => {
    const agency = { id: 'a', name: '滕州市市场监督管理局', kind: 'department', level: 'county', profile: 'tengzhou' };
    const t = totals({ 'loss-rate': [3, 8], 'head-appearance-rate-hearing': [9, 12] });
    const plain = buildScoreSheet(agency, 2025, '2026-01-05', t, []);
    expect(plain).toMatchObject({ maxTotal: 100, total: 70, computedTotal: 70 });
    const adjusted = buildScoreSheet(agency, 2025, '2026-01-05', t, [
      { id: '1', itemId: 'tz-loss', score: 40, computedScore: 35, reason: '一件系法律修改所致', adjustedBy: '周督查', adjustedAt: '2026-01-06T01:00:00.000Z' },
      { id: '2', itemId: 'tz-loss', score: 45, computedScore: 35, reason: '复核后两件系法律修改所致', adjustedBy: '周督查', adjustedAt: '2026-01-07T01:00:00.000Z' },
    ]);
    expect(adjusted.total).toBe(80);
    expect(adjusted.computedTotal).toBe(70);
    expect(adjusted.items.find((i) => i.itemId === 'tz-loss')).toMatchObject({ score: 45, computedScore: 35, adjustment: { id: '2', reason: '复核后两件系法律修改所致' } });
    expect(adjusted.quotas.map((q) => q.quotaId)).toEqual(['tz-every-hearing']);
  });
});
