// The dashboard's tables as .xlsx files (issue 14 §4: "export of every table"): the figures of a
// scope and period (with the breakdowns by cause and by court), the ranking of agencies, the trend
// over periods, and the cases behind one number (the ledger export's columns). exceljs as the ledger
// export (docs/decisions/0005-ledger-files.md); every text cell that a spreadsheet could read as a
// formula (= + - @, tab, carriage return first) is written with a leading apostrophe.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Principal } from '../auth/principal.ts';
import { ledgerItemsByIds } from '../cases/case-list.ts';
import { EXPORT_COLUMNS, formulaSafeRow, ledgerExportRow, neutraliseFormula } from '../cases/ledger-export.ts';
import type { Db } from '../db/database.ts';
import { figureCases } from './figure-queries.ts';
import { parsePeriod } from './periods.ts';
import type { statisticsCases, statisticsFor, statisticsRanking, statisticsTrend } from './statistics-service.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';


const PERCENT = '0.0%';
const POINTS = '+0.0"个百分点";-0.0"个百分点";0.0"个百分点"';
const KIND_LABELS: Record<string, string> = { count: '计数', rate: '比率', breakdown: '分布' };

type Column = { header: string; key: string; width: number; style?: Partial<ExcelJS.Style> };

/** A sheet with a title line (scope and period), the header line and the rows. */
function addTable(workbook: ExcelJS.Workbook, name: string, title: string, columns: Column[], rows: Record<string, unknown>[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = columns.map((c) => ({ key: c.key, width: c.width, ...(c.style ? { style: c.style } : {}) }));
  sheet.addRow([neutraliseFormula(title)]).font = { bold: true, size: 12 };
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  for (const row of rows) sheet.addRow(formulaSafeRow(row));
  return sheet;
}

async function bufferOf(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The value of a figure as a cell: a rate as a number shown as a percentage, a count as a number. */
const setValueFormat = (sheet: ExcelJS.Worksheet, column: string, firstRow: number, kinds: string[]) => {
  kinds.forEach((kind, i) => {
    if (kind === 'rate') sheet.getCell(`${column}${firstRow + i}`).numFmt = PERCENT;
  });
};

/** 统计指标.xlsx: every figure with value, numerator, denominator, the previous year and the change; the breakdowns on their own sheets. */
export async function figuresWorkbook(report: Awaited<ReturnType<typeof statisticsFor>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const title = `${report.scope.label} ${report.period.name} 行政应诉统计指标（上年同期：${report.previousPeriod.name}）`;
  const sheet = addTable(
    workbook,
    '统计指标',
    title,
    [
      { header: '指标', key: 'name', width: 28 },
      { header: '类型', key: 'kind', width: 8 },
      { header: '本期', key: 'value', width: 12 },
      { header: '分子', key: 'numerator', width: 10 },
      { header: '分母', key: 'denominator', width: 10 },
      { header: '上年同期', key: 'previous', width: 12 },
      { header: '同比增减', key: 'difference', width: 16 },
      { header: '同比增长率', key: 'ratio', width: 12, style: { numFmt: PERCENT } },
    ],
    report.figures.map((f) => ({
      name: f.name,
      kind: KIND_LABELS[f.kind] ?? f.kind,
      value: f.value,
      numerator: f.numerator,
      denominator: f.denominator,
      previous: f.previousYear.value,
      // a rate's change in percentage points, a count's in cases
      difference: f.change.difference === null ? null : f.kind === 'rate' ? f.change.difference * 100 : f.change.difference,
      ratio: f.change.ratio,
    })),
  );
  const kinds = report.figures.map((f) => f.kind);
  setValueFormat(sheet, 'C', 3, kinds);
  setValueFormat(sheet, 'F', 3, kinds);
  kinds.forEach((kind, i) => {
    if (kind === 'rate') sheet.getCell(`G${3 + i}`).numFmt = POINTS;
  });
  for (const f of report.figures.filter((x) => x.breakdown)) {
    const total = f.value ?? 0;
    const s = addTable(
      workbook,
      f.name,
      `${report.scope.label} ${report.period.name} ${f.name}`,
      [
        { header: f.id === 'cases-by-court' ? '受案法院' : '案由', key: 'key', width: 30 },
        { header: '案件数', key: 'count', width: 10 },
        { header: '占比', key: 'share', width: 10, style: { numFmt: PERCENT } },
      ],
      (f.breakdown ?? []).map((b) => ({ key: b.key || '（未填写）', count: b.count, share: total ? b.count / total : null })),
    );
    s.getColumn('share').numFmt = PERCENT;
  }
  return bufferOf(workbook);
}

/** 单位排名.xlsx */
export async function rankingWorkbook(ranking: Awaited<ReturnType<typeof statisticsRanking>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const rate = ranking.figure.kind === 'rate';
  addTable(
    workbook,
    '单位排名',
    `${ranking.scope.label} ${ranking.period.name} ${ranking.figure.name} 单位排名（${ranking.order === 'asc' ? '由低到高' : '由高到低'}）`,
    [
      { header: '排名', key: 'rank', width: 8 },
      { header: '单位', key: 'agencyName', width: 34 },
      { header: ranking.figure.name, key: 'value', width: 14, ...(rate ? { style: { numFmt: PERCENT } } : {}) },
      { header: '分子', key: 'numerator', width: 10 },
      { header: '分母', key: 'denominator', width: 10 },
    ],
    ranking.rows.map((r) => ({ rank: r.rank, agencyName: r.agencyName, value: r.value, numerator: r.numerator, denominator: r.denominator })),
  );
  return bufferOf(workbook);
}

/** 趋势.xlsx: one row per period, one column per figure (breakdowns left out: they are tables of their own). */
export async function trendWorkbook(trend: Awaited<ReturnType<typeof statisticsTrend>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const figures = trend.figures.filter((f) => f.kind !== 'breakdown');
  const first = trend.periods[0]!;
  const last = trend.periods[trend.periods.length - 1]!;
  addTable(
    workbook,
    '趋势',
    `${trend.scope.label} ${first.name}至${last.name} 统计指标趋势`,
    [{ header: '期间', key: 'period', width: 18 }, ...figures.map((f) => ({ header: f.name, key: f.id, width: 14, ...(f.kind === 'rate' ? { style: { numFmt: PERCENT } } : {}) }))],
    trend.periods.map((p, i) => ({ period: p.name, ...Object.fromEntries(figures.map((f) => [f.id, f.values[i]!.value])) })),
  );
  return bufferOf(workbook);
}

/** The most cases one drill-down export writes (a province's 新收案件数 for a year is far below it). */
export const MAX_EXPORT_CASES = 200_000;

/** 案件清单.xlsx: every case behind the number, streamed with the ledger export's columns. */
export async function writeFigureCasesXlsx(
  db: Db,
  principal: Pick<Principal, 'visibleAgencyIds'>,
  head: Awaited<ReturnType<typeof statisticsCases>>,
  out: Writable,
): Promise<number> {
  const period = parsePeriod(head.period.label);
  const { caseIds } = await figureCases(db, {
    agencyIds: head.scope.agencyIds,
    from: period.from,
    to: period.to,
    asOf: head.asOf,
    figureId: head.figure.id,
    ...(head.key !== null ? { breakdownKey: head.key } : {}),
    limit: MAX_EXPORT_CASES,
    offset: 0,
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('案件清单', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ key: c.key, width: c.width, ...('style' in c ? { style: c.style } : {}) }));
  const title = `${head.scope.label} ${head.period.name} ${head.figure.name}${head.key !== null ? `（${head.key}）` : ''} 涉及的案件`;
  sheet.addRow([neutraliseFormula(title)]).commit();
  const header = sheet.addRow(EXPORT_COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  let count = 0;
  for (let i = 0; i < caseIds.length; i += 500) {
    for (const item of await ledgerItemsByIds(db, principal, caseIds.slice(i, i + 500), { today: head.asOf })) {
      sheet.addRow(formulaSafeRow(ledgerExportRow(item))).commit();
      count++;
    }
    if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
  }
  await sheet.commit();
  await workbook.commit();
  return count;
}
