// Unit tier: each figure's written definition (src/statistics/figure-catalogue.ts) on the hand-built
// ledger of test/fixtures/statistics-ledger.ts, computed by the TypeScript reference. Every expected
// number is worked out in the test from the cases that make it up.
import { describe, expect, it } from 'vitest';
import { FIGURES } from '../../../src/statistics/figure-catalogue.ts';
import { computeFiguresReference } from '../../../src/statistics/reference.ts';
import { AGENCY, ALL_AGENCIES, C, handBuiltLedger } from '../../fixtures/statistics-ledger.ts';

const facts = handBuiltLedger();
const year2026 = computeFiguresReference(facts, { agencyIds: ALL_AGENCIES, from: '2026-01-01', to: '2026-12-31', asOf: '2027-01-10' });
const fig = (id: string, values = year2026) => {
  const v = values[id];
  if (!v) throw new Error(`no figure ${id}`);
  return v;
};
const ids = (...names: (keyof typeof C)[]) => names.map((n) => C[n]!).sort();

describe('statistics figures on a hand-built ledger (region of the city government, 2026)', () => {
  it('computes every figure of the catalogue', () => {
    expect(Object.keys(year2026).sort()).toEqual(FIGURES.map((f) => f.id).sort());
  });

  it('新收案件数: received in 2026 — c1, c3, c4, c6, c7, c8, c9, c11 (c2, c5, c10 were received in 2025)', () => {
    expect(fig('cases-new')).toMatchObject({ value: 8, numerator: 8, denominator: null, caseIds: ids('c1', 'c3', 'c4', 'c6', 'c7', 'c8', 'c9', 'c11') });
  });

  it('审结案件数: decided c1 (effective 6-1), c5 (second instance, 3-10), c8 (mediation, 5-5); withdrawn c2 (withdrawn_on 1-15), c7 (stage change 4-10); settled c3 (5-1 Shanghai) = 6; c10 closed in 2025', () => {
    expect(fig('cases-closed')).toMatchObject({ value: 6, caseIds: ids('c1', 'c2', 'c3', 'c5', 'c7', 'c8') });
  });

  it('未结案件数 at 2026-12-31: c4, c6, c9, c11 (a reconsideration decision does not close a lawsuit)', () => {
    expect(fig('cases-pending')).toMatchObject({ value: 4, caseIds: ids('c4', 'c6', 'c9', 'c11') });
  });

  it('a settlement recorded at 17:30 UTC on 30 April closes the case on 1 May in Shanghai: in Q2, not Q1 nor in a period ending 30 April', () => {
    const q2 = computeFiguresReference(facts, { agencyIds: ALL_AGENCIES, from: '2026-04-01', to: '2026-06-30', asOf: '2027-01-10' });
    expect(fig('cases-closed', q2).caseIds).toContain(C.c3);
    const april = computeFiguresReference(facts, { agencyIds: ALL_AGENCIES, from: '2026-04-01', to: '2026-04-30', asOf: '2027-01-10' });
    expect(fig('cases-closed', april).caseIds).not.toContain(C.c3);
    expect(fig('cases-pending', april).caseIds).toContain(C.c3);
  });

  it('负责人出庭应诉率（按审级）: trial instances heard in 2026 — c1 first (head 4-1), c4 first (no), c4 first again after the remand (head 11-20), c5 first (head 1-10), c5 second (no), c8 first (head) = 4/6', () => {
    expect(fig('head-appearance-rate-instance')).toMatchObject({ numerator: 4, denominator: 6, value: 4 / 6, caseIds: ids('c1', 'c4', 'c5', 'c8') });
  });

  it('a remanded first-instance trial is an instance of its own: in Q3 c4\'s first trial (no head) counts alone, the head at the retrial of November does not make it appeared', () => {
    const q3 = computeFiguresReference(facts, { agencyIds: ALL_AGENCIES, from: '2026-07-01', to: '2026-09-30', asOf: '2027-01-10' });
    expect(fig('head-appearance-rate-instance', q3)).toMatchObject({ numerator: 0, denominator: 1 });
    const q4 = computeFiguresReference(facts, { agencyIds: ALL_AGENCIES, from: '2026-10-01', to: '2026-12-31', asOf: '2027-01-10' });
    expect(fig('head-appearance-rate-instance', q4)).toMatchObject({ numerator: 1, denominator: 1, caseIds: ids('c4') });
  });

  it('one appearance per instance (法释〔2020〕3号 Art. 7): in Q2 the only session is c1 first_2 without a head, yet the instance counts as appeared (head on 4-1)', () => {
    const q2 = computeFiguresReference(facts, { agencyIds: ALL_AGENCIES, from: '2026-04-01', to: '2026-06-30', asOf: '2027-01-10' });
    // 4-1 is in Q2 as well; a period from 4-2 leaves only the session of 5-1 in it
    const fromApril2 = computeFiguresReference(facts, { agencyIds: ALL_AGENCIES, from: '2026-04-02', to: '2026-06-30', asOf: '2027-01-10' });
    expect(fig('head-appearance-rate-instance', q2)).toMatchObject({ numerator: 1, denominator: 1 });
    expect(fig('head-appearance-rate-instance', fromApril2)).toMatchObject({ numerator: 1, denominator: 1, caseIds: ids('c1') });
    // by session (Tengzhou 有庭必出) the same period is 0 of 1
    expect(fig('head-appearance-rate-hearing', fromApril2)).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
  });

  it('负责人出庭应诉率（按案件）: cases heard in 2026 — c1 yes, c4 yes (at the remanded trial), c5 yes (at first instance), c8 yes = 4/4', () => {
    expect(fig('head-appearance-rate-case')).toMatchObject({ numerator: 4, denominator: 4, value: 1, caseIds: ids('c1', 'c4', 'c5', 'c8') });
  });

  it('负责人出庭应诉率（按庭次）: seven sessions in 2026, a head at c1 4-1, c5 1-10, c8 3-3, c4 11-20 = 4/7', () => {
    expect(fig('head-appearance-rate-hearing')).toMatchObject({ numerator: 4, denominator: 7, value: 4 / 7 });
  });

  it('主要负责人出庭次数 and rate: the principal head appeared once (c1, 4-1) — 1 session; 1 of the 4 cases heard', () => {
    expect(fig('principal-head-appearances')).toMatchObject({ value: 1, denominator: null, caseIds: ids('c1') });
    expect(fig('principal-head-appearance-rate')).toMatchObject({ numerator: 1, denominator: 4, value: 0.25 });
  });

  it('败诉率: closed c1 (lost), c2, c3, c5, c7, c8 + Jinghai reconsideration c6 (lost) and c10 (won) = 2/8; c11 (national) does not count its reconsideration loss', () => {
    expect(fig('loss-rate')).toMatchObject({ numerator: 2, denominator: 8, value: 0.25, caseIds: ids('c1', 'c6') });
  });

  it('败诉率 of the national department alone: c1 lost of the 6 closed = 1/6', () => {
    const dept = computeFiguresReference(facts, { agencyIds: [AGENCY.department], from: '2026-01-01', to: '2026-12-31', asOf: '2027-01-10' });
    expect(fig('loss-rate', dept)).toMatchObject({ numerator: 1, denominator: 6, caseIds: ids('c1') });
  });

  it('撤诉率: c2 and c7 of the 6 closed = 2/6', () => {
    expect(fig('withdrawal-rate')).toMatchObject({ numerator: 2, denominator: 6, caseIds: ids('c2', 'c7') });
  });

  it('和解调解结案率: c3 settled, c7 withdrawn after settlement, c8 mediation document = 3/6 (c2, a plain withdrawal, is not one)', () => {
    expect(fig('settlement-rate')).toMatchObject({ numerator: 3, denominator: 6, value: 0.5, caseIds: ids('c3', 'c7', 'c8') });
  });

  it('涉企行政案件数: received in 2026 with an enterprise plaintiff (c1) or third party (c4) = 2; an enterprise co-defendant (c9) does not count', () => {
    expect(fig('enterprise-cases')).toMatchObject({ value: 2, caseIds: ids('c1', 'c4') });
  });

  it('涉企案件败诉率: enterprise cases in the loss denominator — c1 (lost), c5 (flagged, won) = 1/2', () => {
    expect(fig('enterprise-loss-rate')).toMatchObject({ numerator: 1, denominator: 2, value: 0.5, caseIds: ids('c1') });
  });

  it('生效裁判按期履行率: due in 2026 — c1 (due 8-1, done 7-20) on time, c10 (due 1-20, done 2-5) late = 1/2', () => {
    expect(fig('performance-on-time')).toMatchObject({ numerator: 1, denominator: 2, caseIds: ids('c1') });
  });

  it('司法建议按期回复率: received in 2026 — c4 late; c9 procuratorial on time, c9 judicial (same day) unanswered; c1 two on 10-1, the one its reply names on time = 2/5', () => {
    expect(fig('recommendations-replied-on-time')).toMatchObject({ numerator: 2, denominator: 5, caseIds: ids('c1', 'c9') });
  });

  it('逾期答辩数: due in 2026 — c1 on time, c3 never answered (settled after the deadline), c4 late, c5 second instance on time, c9 never answered = 3/5; c7 withdrew before its deadline', () => {
    expect(fig('answers-late')).toMatchObject({ numerator: 3, denominator: 5, caseIds: ids('c3', 'c4', 'c9') });
  });

  it('逾期答辩数 on 2026-07-10, before c9\'s deadline (7-16): c9 is not late yet = 2/5', () => {
    const early = computeFiguresReference(facts, { agencyIds: ALL_AGENCIES, from: '2026-01-01', to: '2026-12-31', asOf: '2026-07-10' });
    expect(fig('answers-late', early)).toMatchObject({ numerator: 2, denominator: 5, caseIds: ids('c3', 'c4') });
  });

  it('案由分布 and 受案法院分布: the 8 new cases by cause (行政处罚 4, 政府信息公开 2, 行政许可 2) and by court (5 and 3)', () => {
    expect(fig('cases-by-cause').breakdown?.map((r) => [r.key, r.count])).toEqual([
      ['行政处罚', 4],
      ['政府信息公开', 2],
      ['行政许可', 2],
    ]);
    expect(fig('cases-by-cause').breakdown?.[0]?.caseIds).toEqual(ids('c1', 'c3', 'c6', 'c9'));
    expect(fig('cases-by-court').breakdown?.map((r) => [r.key, r.count])).toEqual([
      ['示例市中级人民法院', 5],
      ['示例市甲区人民法院', 3],
    ]);
  });

  it('a rate with nothing to divide by is null, not 0: no hearing in 2024', () => {
    const empty = computeFiguresReference(facts, { agencyIds: ALL_AGENCIES, from: '2024-01-01', to: '2024-12-31', asOf: '2027-01-10' });
    expect(fig('head-appearance-rate-instance', empty)).toMatchObject({ numerator: 0, denominator: 0, value: null });
    expect(fig('cases-new', empty)).toMatchObject({ value: 0, caseIds: [] });
  });
});
