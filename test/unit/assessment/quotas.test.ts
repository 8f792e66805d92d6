// Unit tier: the yearly quotas (src/assessment/quotas.ts) judged on hand-built figure totals — each
// profile's quotas and their numbers from the profiles' threshold rules, the Chinese explanation,
// and when a quota is met, on track, at risk or missed.
import { describe, expect, it } from 'vitest';
import { evaluateQuota, evaluateQuotas, needsWarning, PROFILE_QUOTA_NOTES, quotasFor, type AgencyOfQuota } from '../../../src/assessment/quotas.ts';
import { totals } from './totals.ts';

const department: AgencyOfQuota = { id: 'a1', name: '聊城市自然资源和规划局', kind: 'department', level: 'city', profile: 'liaocheng' };
const county: AgencyOfQuota = { id: 'a2', name: '某县人民政府', kind: 'government', level: 'county', profile: 'liaocheng' };
const quota = (id: string, year = 2026) => quotasFor('liaocheng', year).find((q) => q.id === id)!;

describe('quotas as data', () => {
  it('Liaocheng: head appearance 100 %, the principal head once / twice and 20 % with 10 cases, county governments once — numbers from profiles.ts', () => {
    const qs = quotasFor('liaocheng', 2026);
    expect(qs.map((q) => [q.id, q.target])).toEqual([
      ['lc-head-appearance-rate', 1],
      ['lc-principal-head-annual', 1],
      ['lc-principal-head-busy-count', 2],
      ['lc-principal-head-busy-rate', 0.2],
      ['lc-county-principal-head', 1],
    ]);
    expect(quota('lc-principal-head-busy-rate').appliesTo.minCases).toBe(10);
    expect(quota('lc-principal-head-annual').sources[0]).toMatchObject({ file: '002_963c834d180c3dcb.txt', article: '第二十二条第二款' });
    expect(quota('lc-county-principal-head').sources[0]!.article).toBe('第二十一条');
    expect(quota('lc-head-appearance-rate').sources.map((s) => s.article)).toEqual(['第二十条', '第二十六条']);
  });

  it('follows the policy version in force: Liaocheng\'s rules end 2027-01-31, so 2028 has no Liaocheng quota', () => {
    expect(quotasFor('liaocheng', 2027)).toHaveLength(5);
    expect(quotasFor('liaocheng', 2028)).toEqual([]);
  });

  it('Tengzhou: 有庭必出 per hearing; Yantai none (no hard-set rate), nor Hunan, Jinghai, national', () => {
    expect(quotasFor('tengzhou', 2026).map((q) => [q.id, q.figureId, q.target])).toEqual([['tz-every-hearing', 'head-appearance-rate-hearing', 1]]);
    for (const p of ['yantai', 'hunan', 'jinghai', 'national']) expect(quotasFor(p, 2026), p).toEqual([]);
    const yantai = PROFILE_QUOTA_NOTES.find((n) => n.profile === 'yantai')!;
    expect(yantai.note).toContain('不得硬性设置');
    expect(yantai.sources[0]).toMatchObject({ file: '000_7288109d50e53de4.txt', article: '四、（一）' });
  });
});

describe('a count quota: the principal head at least once a year', () => {
  const q = quota('lc-principal-head-annual');
  it('does not apply to an agency without cases that year', () => {
    const r = evaluateQuota(q, { agency: department, year: 2026, asOf: '2026-11-15', totals: totals() });
    expect(r.status).toBe('not-applicable');
    expect(needsWarning(r)).toBe(false);
  });
  it('is on track before 1 November without an appearance, at risk from 1 November, met with one', () => {
    const threeCases = totals({ 'cases-new': [3], 'cases-pending': [2] });
    expect(evaluateQuota(q, { agency: department, year: 2026, asOf: '2026-10-31', totals: threeCases }).status).toBe('on-track');
    const atRisk = evaluateQuota(q, { agency: department, year: 2026, asOf: '2026-11-01', totals: threeCases });
    expect(atRisk).toMatchObject({ status: 'at-risk', statusLabel: '存在风险', actual: 0, target: 1 });
    expect(atRisk.explanation).toBe('2026年主要负责人已出庭应诉0次，要求至少1次，截至2026年11月1日仍差1次，年内剩余时间不多，请尽快安排主要负责人出庭应诉。');
    expect(needsWarning(atRisk)).toBe(true);
    const met = evaluateQuota(q, { agency: department, year: 2026, asOf: '2026-11-01', totals: totals({ 'cases-new': [3], 'principal-head-appearances': [1] }) });
    expect(met.status).toBe('met');
  });
  it('is missed once the year is over', () => {
    const r = evaluateQuota(q, { agency: department, year: 2025, asOf: '2026-01-03', totals: totals({ 'cases-new': [3] }) });
    expect(r.status).toBe('missed');
    expect(r.explanation).toContain('未完成');
  });
  it('twice for an agency with 10 cases or more: one appearance is not enough', () => {
    const busy = totals({ 'cases-new': [12], 'principal-head-appearances': [1] });
    expect(evaluateQuota(quota('lc-principal-head-busy-count'), { agency: department, year: 2026, asOf: '2026-11-20', totals: busy }).status).toBe('at-risk');
    expect(evaluateQuota(quota('lc-principal-head-busy-count'), { agency: department, year: 2026, asOf: '2026-11-20', totals: totals({ 'cases-new': [9], 'principal-head-appearances': [1] }) }).status).toBe('not-applicable');
  });
  it('the county-government quota binds county governments only, cases or not', () => {
    const r = evaluateQuota(quota('lc-county-principal-head'), { agency: county, year: 2026, asOf: '2026-11-02', totals: totals() });
    expect(r.status).toBe('at-risk');
    expect(evaluateQuota(quota('lc-county-principal-head'), { agency: department, year: 2026, asOf: '2026-11-02', totals: totals() }).status).toBe('not-applicable');
  });
});

describe('a rate quota: the principal head at 20 % of the cases heard (10 cases or more)', () => {
  const q = quota('lc-principal-head-busy-rate');
  it('is at risk before November when the pending cases cannot lift the rate to 20 %', () => {
    // 1 of 10 heard cases with the principal head; 0 pending: at most 10 %
    const r = evaluateQuota(q, { agency: department, year: 2026, asOf: '2026-06-30', totals: totals({ 'cases-new': [12], 'principal-head-appearance-rate': [1, 10], 'cases-pending': [0] }) });
    expect(r.status).toBe('at-risk');
    expect(r.actual).toBeCloseTo(0.1);
    expect(r.explanation).toBe('2026年主要负责人出庭应诉率为10%（1/10），要求不低于20%；即使其余0件未结案件均有主要负责人出庭，全年最高只能达到10%，无法完成。');
  });
  it('is on track while the pending cases could still lift it, at risk from 1 November, met at 20 %', () => {
    const low = totals({ 'cases-new': [12], 'principal-head-appearance-rate': [1, 10], 'cases-pending': [4] });
    expect(evaluateQuota(q, { agency: department, year: 2026, asOf: '2026-06-30', totals: low }).status).toBe('on-track');
    expect(evaluateQuota(q, { agency: department, year: 2026, asOf: '2026-11-01', totals: low }).status).toBe('at-risk');
    const ok = totals({ 'cases-new': [12], 'principal-head-appearance-rate': [2, 10] });
    expect(evaluateQuota(q, { agency: department, year: 2026, asOf: '2026-11-01', totals: ok }).status).toBe('on-track');
    expect(evaluateQuota(q, { agency: department, year: 2026, asOf: '2027-01-02', totals: ok }).status).toBe('met');
  });
  it('a 100 % head-appearance rate with one case heard without a head and nothing pending is at risk at once', () => {
    const r = evaluateQuota(quota('lc-head-appearance-rate'), { agency: department, year: 2026, asOf: '2026-03-01', totals: totals({ 'cases-new': [5], 'head-appearance-rate-case': [4, 5] }) });
    expect(r.status).toBe('at-risk');
    expect(r.explanation).toContain('负责人出庭应诉率（按案件）为80%（4/5）');
  });
});

describe('evaluateQuotas', () => {
  it('judges every quota of the agency\'s profile; none for Yantai', () => {
    expect(evaluateQuotas({ agency: department, year: 2026, asOf: '2026-11-01', totals: totals({ 'cases-new': [1] }) }).map((r) => r.quotaId)).toHaveLength(5);
    expect(evaluateQuotas({ agency: { ...department, profile: 'yantai' }, year: 2026, asOf: '2026-11-01', totals: totals({ 'cases-new': [1] }) })).toEqual([]);
  });
});
