// The upward export (向上报送, LC Art. 44; the national 行政复议行政应诉统计): an agency's or a
// region's figures for a period as rows of fixed columns, each column named with the statistics
// vocabulary and mapped to a figure of the catalogue (docs/statistics-export.md). A region gives one
// row per agency and the consolidated row (汇总) of the region, computed over the region's cases (not
// summed from the rows: a rate is not the sum of rates).
import ExcelJS from 'exceljs';
import type { Principal } from '../../auth/principal.ts';
import type { Db } from '../../db/database.ts';
import { shanghaiDateOf } from '../../deadlines/dates.ts';
import { figureTotals, figureTotalsByAgency, type FigureTotals } from '../figure-queries.ts';
import { parsePeriod, periodLabelZh } from '../periods.ts';
import { resolveScope } from '../statistics-service.ts';

export const EXPORT_FORMAT = 'yingsu.statistics-export/1';

export interface ExportColumn {
  /** the field name in JSON and the column key */
  key: string;
  /** the column header: the term of the national statistics (行政复议行政应诉统计) */
  name: string;
  /** the catalogue figure it comes from, and which part of it */
  figureId: string;
  part: 'numerator' | 'denominator' | 'value';
  unit: '件' | '次' | '个' | '%';
}

/** The columns, in the order of the statistics form (收案、结案、未结、出庭、结果、履行、建议). */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { key: 'newCases', name: '本期新收行政应诉案件数', figureId: 'cases-new', part: 'numerator', unit: '件' },
  { key: 'closedCases', name: '本期审结行政应诉案件数', figureId: 'cases-closed', part: 'numerator', unit: '件' },
  { key: 'pendingCases', name: '期末未结行政应诉案件数', figureId: 'cases-pending', part: 'numerator', unit: '件' },
  { key: 'heardInstances', name: '开庭审理审级数', figureId: 'head-appearance-rate-instance', part: 'denominator', unit: '个' },
  { key: 'headAppearedInstances', name: '行政机关负责人出庭应诉审级数', figureId: 'head-appearance-rate-instance', part: 'numerator', unit: '个' },
  { key: 'headAppearanceRate', name: '行政机关负责人出庭应诉率', figureId: 'head-appearance-rate-instance', part: 'value', unit: '%' },
  { key: 'heardCases', name: '开庭审理案件数', figureId: 'head-appearance-rate-case', part: 'denominator', unit: '件' },
  { key: 'headAppearedCases', name: '行政机关负责人出庭应诉案件数', figureId: 'head-appearance-rate-case', part: 'numerator', unit: '件' },
  { key: 'hearingSessions', name: '开庭庭次数', figureId: 'head-appearance-rate-hearing', part: 'denominator', unit: '次' },
  { key: 'headAppearedSessions', name: '行政机关负责人出庭庭次数', figureId: 'head-appearance-rate-hearing', part: 'numerator', unit: '次' },
  { key: 'principalHeadAppearances', name: '行政机关主要负责人出庭应诉次数', figureId: 'principal-head-appearances', part: 'numerator', unit: '次' },
  { key: 'lostCases', name: '行政机关败诉案件数', figureId: 'loss-rate', part: 'numerator', unit: '件' },
  { key: 'lossRate', name: '行政机关败诉率', figureId: 'loss-rate', part: 'value', unit: '%' },
  { key: 'withdrawnCases', name: '原告撤诉结案数', figureId: 'withdrawal-rate', part: 'numerator', unit: '件' },
  { key: 'settledCases', name: '调解、和解结案数', figureId: 'settlement-rate', part: 'numerator', unit: '件' },
  { key: 'enterpriseCases', name: '涉企行政应诉案件数', figureId: 'enterprise-cases', part: 'numerator', unit: '件' },
  { key: 'enterpriseLostCases', name: '涉企案件败诉数', figureId: 'enterprise-loss-rate', part: 'numerator', unit: '件' },
  { key: 'performancesDue', name: '应履行生效裁判数', figureId: 'performance-on-time', part: 'denominator', unit: '件' },
  { key: 'performancesOnTime', name: '按期履行生效裁判数', figureId: 'performance-on-time', part: 'numerator', unit: '件' },
  { key: 'recommendationsReceived', name: '收到司法建议、检察建议数', figureId: 'recommendations-replied-on-time', part: 'denominator', unit: '件' },
  { key: 'recommendationsRepliedOnTime', name: '按期回复司法建议、检察建议数', figureId: 'recommendations-replied-on-time', part: 'numerator', unit: '件' },
  { key: 'answersLate', name: '逾期答辩举证数', figureId: 'answers-late', part: 'numerator', unit: '件' },
];

export interface ExportRow {
  /** agency: one agency's own cases; region: the consolidated figures of the region (汇总) */
  level: 'agency' | 'region';
  agencyId: string;
  agencyName: string;
  values: Record<string, number | null>;
}

export interface StatisticsExport {
  format: typeof EXPORT_FORMAT;
  scope: { kind: 'agency' | 'region' | 'all'; agencyId: string; name: string; label: string };
  period: { label: string; name: string; from: string; to: string };
  asOf: string;
  columns: readonly ExportColumn[];
  rows: ExportRow[];
}

/** One row's values from the figures of its cases (rates rounded to 4 decimals, shares not per cent). */
export function exportValues(totals: FigureTotals): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const c of EXPORT_COLUMNS) {
    const t = totals[c.figureId];
    const raw = !t ? null : c.part === 'numerator' ? t.numerator : c.part === 'denominator' ? (t.denominator ?? 0) : t.value;
    out[c.key] = raw === null ? null : c.part === 'value' ? Math.round(raw * 10_000) / 10_000 : raw;
  }
  return out;
}

/** GET /api/statistics/export: 403 unless the caller sees every agency of the scope (as GET /api/statistics). */
export async function exportStatistics(db: Db, principal: Pick<Principal, 'visibleAgencyIds'>, input: { scope: string; period: string; asOf?: string }): Promise<StatisticsExport> {
  const period = parsePeriod(input.period);
  const scope = await resolveScope(db, input.scope, principal);
  const asOf = input.asOf ?? shanghaiDateOf(new Date());
  const q = { agencyIds: scope.agencyIds, from: period.from, to: period.to, asOf };
  const names = new Map((await db('agencies').whereIn('id', scope.agencyIds).select('id', 'name')).map((a: any) => [a.id, a.name]));
  const rows: ExportRow[] = [];
  // a region, or every agency (an admin's `all`): a row per agency, then the consolidated row
  if (scope.kind !== 'agency') {
    const byAgency = await figureTotalsByAgency(db, q);
    for (const id of [...scope.agencyIds].sort((a, b) => String(names.get(a)).localeCompare(String(names.get(b)), 'zh-CN'))) {
      rows.push({ level: 'agency', agencyId: id, agencyName: names.get(id) ?? id, values: exportValues(byAgency.get(id) ?? {}) });
    }
  }
  rows.push({ level: scope.kind === 'agency' ? 'agency' : 'region', agencyId: scope.agencyId, agencyName: scope.kind !== 'agency' ? `${scope.label}（汇总）` : scope.agencyName, values: exportValues(await figureTotals(db, q)) });
  return {
    format: EXPORT_FORMAT,
    scope: { kind: scope.kind, agencyId: scope.agencyId, name: scope.agencyName, label: scope.label },
    period: { label: period.label, name: periodLabelZh(period), from: period.from, to: period.to },
    asOf,
    columns: EXPORT_COLUMNS,
    rows,
  };
}

/** The same as an .xlsx workbook: one sheet, a header row of the statistics terms, rates as percentages. */
export async function exportWorkbook(data: StatisticsExport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '行政应诉';
  const ws = wb.addWorksheet('行政应诉统计');
  ws.columns = [
    { header: '单位', key: 'agencyName', width: 32 },
    { header: '层级', key: 'level', width: 8 },
    { header: '统计期间', key: 'period', width: 16 },
    ...data.columns.map((c) => ({ header: c.name, key: c.key, width: 14, style: c.unit === '%' ? { numFmt: '0.0%' } : {} })),
  ];
  for (const r of data.rows) ws.addRow({ agencyName: r.agencyName, level: r.level === 'region' ? '汇总' : '单位', period: data.period.name, ...r.values });
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
