// Tier: unit. The periodic reports' composition (src/statistics/reports): every number of the draft,
// of the review text and of the document comes from the figure totals handed in (what figureTotals
// and figureTotalsByAgency return), the ranking's order, which period a timer's firing covers, the
// due dates from the deadline engine, and the rendered document showing the ledger's numbers.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { packagedCalendar } from '../../../src/deadlines/calendar.ts';
import { computeDeadline } from '../../../src/deadlines/engine.ts';
import { DOCUMENT_KINDS } from '../../../src/documents/document-kinds.ts';
import { templateRegistry } from '../../../src/documents/template-registry.ts';
import { FIGURES } from '../../../src/statistics/figure-catalogue.ts';
import type { FigureTotals } from '../../../src/statistics/figure-queries.ts';
import { periodOf } from '../../../src/statistics/periods.ts';
import { appearanceFigureOf, composeReportFigures, figuresText, lineChangeText, overviewText, reportDocumentData } from '../../../src/statistics/reports/report-composition.ts';
import { reportPeriodOn } from '../../../src/statistics/reports/report-kinds.ts';
import { exportValues, EXPORT_COLUMNS } from '../../../src/statistics/reports/upward-export.ts';

/** Totals of every catalogue figure: zero unless given (numerator / denominator; value derived like the SQL). */
function totals(given: Record<string, [number, number?]>): FigureTotals {
  return Object.fromEntries(
    FIGURES.map((f) => {
      const [numerator, denominator] = given[f.id] ?? [0, 0];
      const value = f.kind === 'rate' ? (denominator ? numerator / denominator : null) : numerator;
      return [f.id, { id: f.id, value, numerator, denominator: f.kind === 'rate' ? (denominator ?? 0) : null, ...(f.kind === 'breakdown' ? { breakdown: f.id === 'cases-by-cause' ? [{ key: '房屋征收', count: numerator }] : [] } : {}) }];
    }),
  );
}

const GOV = 'gov-1';
const DEPT_A = 'dept-a';
const DEPT_B = 'dept-b';
const BUREAU = 'bureau';
const agencies = [
  { id: GOV, name: '聊城市人民政府', kind: 'government' },
  { id: DEPT_A, name: '聊城市自然资源和规划局', kind: 'department' },
  { id: DEPT_B, name: '聊城市市场监督管理局', kind: 'department' },
  { id: BUREAU, name: '聊城市司法局', kind: 'justice-bureau' },
];
// dept A: 6 new, 4 closed (1 lost), 3 heard cases all with a head → 100 %; dept B: 4 new, 2 closed (1 lost), 2 heard, 1 with a head → 50 %; the government 1 new
const byAgency = new Map<string, FigureTotals>([
  [GOV, totals({ 'cases-new': [1], 'cases-pending': [1] })],
  [DEPT_A, totals({ 'cases-new': [6], 'cases-closed': [4], 'cases-pending': [5], 'head-appearance-rate-case': [3, 3], 'principal-head-appearances': [1], 'loss-rate': [1, 4] })],
  [DEPT_B, totals({ 'cases-new': [4], 'cases-closed': [2], 'cases-pending': [2], 'head-appearance-rate-case': [1, 2], 'loss-rate': [1, 2] })],
  [BUREAU, totals({})],
]);
const region = totals({ 'cases-new': [11], 'cases-closed': [6], 'cases-pending': [8], 'head-appearance-rate-case': [4, 5], 'principal-head-appearances': [1], 'loss-rate': [2, 6], 'withdrawal-rate': [1, 6], 'cases-by-cause': [11] });
const lastYear = totals({ 'cases-new': [8], 'cases-closed': [5], 'head-appearance-rate-case': [2, 4], 'loss-rate': [1, 5] });

const compose = (profile = 'liaocheng') =>
  composeReportFigures({
    kind: 'annual-report',
    period: periodOf(2026, null),
    previous: periodOf(2025, null),
    scope: { agencyId: GOV, agencyName: '聊城市人民政府', label: '聊城市人民政府及所属单位', agencyIds: agencies.map((a) => a.id) },
    profile,
    asOf: '2027-01-01',
    totals: region,
    previousTotals: lastYear,
    byAgency,
    agencies,
  });

describe('the report draft from the figure totals', () => {
  it('carries every catalogue figure of the region with the same period a year earlier, unchanged', () => {
    const f = compose();
    expect(f.lines.map((l) => l.id)).toEqual(FIGURES.map((d) => d.id));
    const line = (id: string) => f.lines.find((l) => l.id === id)!;
    expect(line('cases-new')).toMatchObject({ numerator: 11, value: 11, previous: { numerator: 8 } });
    expect(line('head-appearance-rate-case')).toMatchObject({ numerator: 4, denominator: 5, value: 0.8, previous: { numerator: 2, denominator: 4, value: 0.5 } });
    expect(line('loss-rate')).toMatchObject({ numerator: 2, denominator: 6 });
    expect(line('cases-by-cause').top).toEqual([{ key: '房屋征收', count: 11 }]);
  });

  it('reports the head-appearance rate each profile asks for', () => {
    expect(appearanceFigureOf('liaocheng')).toEqual({ id: 'head-appearance-rate-case', basis: '案件' });
    expect(appearanceFigureOf('yantai')).toEqual({ id: 'head-appearance-rate-case', basis: '案件' });
    expect(appearanceFigureOf('tengzhou')).toEqual({ id: 'head-appearance-rate-hearing', basis: '庭次' });
    expect(appearanceFigureOf('national')).toEqual({ id: 'head-appearance-rate-instance', basis: '审级' });
  });

  it('ranks the agencies by head-appearance rate (no hearing last), then the lower loss rate; a justice bureau without cases is left out', () => {
    const f = compose();
    expect(f.ranking.map((r) => [r.rank, r.agencyName, r.appearance.value, r.loss.value])).toEqual([
      [1, '聊城市自然资源和规划局', 1, 0.25],
      [2, '聊城市市场监督管理局', 0.5, 0.5],
      [3, '聊城市人民政府', null, null],
    ]);
    expect(f.ranking[0]).toMatchObject({ casesNew: 6, casesClosed: 4, casesPending: 5, principalHeadAppearances: 1, appearance: { numerator: 3, denominator: 3 }, loss: { numerator: 1, denominator: 4 } });
  });

  it('writes the overview and the review text from the numbers, with the change on a year earlier', () => {
    const f = compose();
    const overview = overviewText(f);
    expect(overview).toContain('2026年，聊城市人民政府及所属单位新收行政应诉案件11件（上年同期8件，增长37.5%），审结6件，期末未结8件。');
    expect(overview).toContain('开庭审理的5件案件中，行政机关负责人出庭应诉4件，出庭应诉率80.0%（按案件计）');
    expect(overview).toContain('败诉2件，败诉率33.3%（上年同期20.0%）');
    const text = figuresText(f);
    expect(text).toContain('统计期间：2026年（2026年1月1日至2026年12月31日）');
    expect(text).toContain('负责人出庭应诉率（按案件）：80.0%（4/5） / 50.0%（2/4） / 上升30.0个百分点');
    expect(text).toContain('1. 聊城市自然资源和规划局：新收6件，审结4件，未结5件，出庭应诉率100.0%，主要负责人出庭1次，败诉率25.0%');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('says 同比 in percentage points for rates and per cent for counts', () => {
    const base = { id: 'x', name: 'x', top: undefined };
    expect(lineChangeText({ ...base, kind: 'rate', value: 0.3, numerator: 3, denominator: 10, previous: { value: 0.5, numerator: 1, denominator: 2 } })).toBe('下降20.0个百分点');
    expect(lineChangeText({ ...base, kind: 'rate', value: null, numerator: 0, denominator: 0, previous: { value: 0.5, numerator: 1, denominator: 2 } })).toBe('—');
    expect(lineChangeText({ ...base, kind: 'count', value: 5, numerator: 5, denominator: null, previous: { value: 0, numerator: 0, denominator: null } })).toBe('新增');
    expect(lineChangeText({ ...base, kind: 'count', value: 4, numerator: 4, denominator: null, previous: { value: 8, numerator: 8, denominator: null } })).toBe('下降50.0%');
  });
});

describe('the report document', () => {
  const registry = templateRegistry(loadConfig().DOCUMENTS_TEMPLATE_DIR);

  it('the annual report: rows per agency whose totals equal the region figures, the reviewer’s sections, the figures table', () => {
    const f = compose();
    const data = reportDocumentData(f, { sections: [{ heading: '主要做法', text: '落实负责人出庭应诉制度。' }], date: '2027-01-04', issuerName: '聊城市人民政府' });
    const parsed = DOCUMENT_KINDS['annual-report'].schema.parse(data) as any;
    expect(parsed.totals).toMatchObject({ cases: 6, hearings: 5, headAppearances: 4, losses: 2, casesNew: 11, casesPending: 8, principalHeadAppearances: 1, hasCaseCounts: true });
    expect(parsed.addressee).toBe('上一级人民政府');
    const html = registry.render('annual-report', data).html;
    for (const expected of ['关于2026年度行政应诉工作情况的报告', '新收行政应诉案件11件', '出庭应诉率80.0%（按案件计）', '开庭案件数', '聊城市自然资源和规划局', '落实负责人出庭应诉制度。', '主要指标（与上年同期比较）', '80.0%（4/5）', '上升30.0个百分点', '2027年1月4日']) {
      expect(html, expected).toContain(expected);
    }
  });

  it('the quarterly circular of Tengzhou: by hearing session, its quarter, the default section until the reviewer writes one', () => {
    const f = { ...compose('tengzhou'), kind: 'quarterly-circular' as const, period: { label: '2026Q4', name: '2026年第四季度', from: '2026-10-01', to: '2026-12-31' } };
    const data = reportDocumentData(f, { sections: [], date: '2027-01-08', issuerName: '滕州市人民政府' });
    expect(data).toMatchObject({ quarter: 4, year: 2026, issuer: '滕州市人民政府', appearanceBasis: '庭次', sections: [{ heading: '工作要求' }] });
    const html = registry.render('quarterly-circular', data).html;
    expect(html).toContain('关于2026年第四季度行政应诉工作情况的通报');
    expect(html).toContain('开庭庭次数');
  });
});

describe('periods and due dates', () => {
  it('a timer firing covers the period that just ended', () => {
    expect(reportPeriodOn('annual-report', '2027-01-01').label).toBe('2026');
    expect(reportPeriodOn('quarterly-circular', '2027-01-01').label).toBe('2026Q4');
    expect(reportPeriodOn('quarterly-circular', '2026-04-01').label).toBe('2026Q1');
    expect(reportPeriodOn('quarterly-circular', '2026-10-01').label).toBe('2026Q3');
  });

  it('the due dates come from the deadline engine with their source: Yantai 5 January, Liaocheng 10 January, Tengzhou 10 working days after the quarter', () => {
    const cal = packagedCalendar();
    expect(computeDeadline(cal, { profile: 'yantai', rule: 'annual-report', trigger: '2026-12-31' })).toMatchObject({ due: '2027-01-05', source: expect.stringContaining('四、（一）') });
    expect(computeDeadline(cal, { profile: 'liaocheng', rule: 'annual-report', trigger: '2026-12-31' })).toMatchObject({ due: '2027-01-10', source: expect.stringContaining('第四十三条第二款') });
    // 2026Q3 ends Wed 30 September; 1–7 October are the National Day holidays (2026 notice), Saturday 10 October a make-up
    // working day: working days 8, 9, 10, 12, 13, 14, 15, 16, 19, 20 October → Tuesday 20 October
    const q3 = computeDeadline(cal, { profile: 'tengzhou', rule: 'quarterly-circular', trigger: '2026-09-30' });
    expect(q3).toMatchObject({ due: '2026-10-20', status: 'OK', basis: 'internal', source: expect.stringContaining('三、（三）') });
    expect(q3.explanation).toContain('国庆节假期');
  });
});

describe('the export values', () => {
  it('maps each column to its figure and part; rates as shares to four decimals', () => {
    const v = exportValues(region);
    expect(v).toMatchObject({ newCases: 11, closedCases: 6, pendingCases: 8, heardCases: 5, headAppearedCases: 4, lostCases: 2, lossRate: 0.3333, withdrawnCases: 1 });
    expect(Object.keys(v)).toEqual(EXPORT_COLUMNS.map((c) => c.key));
  });
});
