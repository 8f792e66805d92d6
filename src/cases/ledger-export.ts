// The ledger as an .xlsx file (台账导出, GET /api/cases/export.xlsx): the same cases as the ledger
// page with the same filters, written row by row with exceljs's streaming WorkbookWriter while the
// rows come from a PostgreSQL cursor — no shared-strings table, each row committed as written, and
// the writer waits when the client reads slower than we write. docs/decisions/0005-ledger-files.md.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../db/database.ts';
import { streamCases, type LedgerFilter, type LedgerItem, type LedgerOptions, type LedgerScope } from './case-list.ts';
import { WARNING_LABELS } from './ledger-warnings.ts';

export const LEVEL_LABELS: Record<string, string> = { first: '一审', second: '二审', retrial: '再审' };
export const STATUS_LABELS: Record<string, string> = { open: '办理中', settled: '和解结案', withdrawn: '撤诉结案', closed: '已结案' };
export const OUTCOME_LABELS: Record<string, string> = { won: '胜诉', lost: '败诉', 'partly-lost': '部分败诉' };

const DATE_FORMAT = 'yyyy"年"m"月"d"日"';

/** The columns of the export, in order (Chinese headers). */
export const EXPORT_COLUMNS = [
  { header: '案号', key: 'caseNumber', width: 28 },
  { header: '被告机关', key: 'agencyName', width: 24 },
  { header: '法院', key: 'court', width: 24 },
  { header: '审级', key: 'level', width: 8 },
  { header: '案由', key: 'cause', width: 20 },
  { header: '原告', key: 'plaintiffs', width: 28 },
  { header: '收到起诉状日期', key: 'complaintReceivedOn', width: 16, style: { numFmt: DATE_FORMAT } },
  { header: '阶段', key: 'stage', width: 16 },
  { header: '状态', key: 'status', width: 10 },
  { header: '下一期限', key: 'nextDeadline', width: 24 },
  { header: '期限届满日', key: 'dueOn', width: 16, style: { numFmt: DATE_FORMAT } },
  { header: '预警', key: 'warning', width: 12 },
  { header: '涉企', key: 'enterpriseRelated', width: 6 },
  { header: '裁判结果', key: 'outcome', width: 10 },
] as const;

/**
 * Text as a spreadsheet cell that no spreadsheet program evaluates (CSV/formula injection, OWASP): a
 * value starting with = + - @, a tab or a carriage return gets a leading apostrophe, so a plaintiff
 * named "=HYPERLINK(…)" stays text even when the file is re-saved as CSV or edited.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Every string value of a row through neutraliseFormula (dates and numbers stay as they are). */
export function formulaSafeRow<T extends Record<string, unknown>>(row: T): T {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? neutraliseFormula(v) : v])) as T;
}

/** A calendar date as the Excel date of that day (midnight UTC: Excel dates have no time zone). */
function excelDate(isoDate: string | null | undefined): Date | null {
  return isoDate ? new Date(`${isoDate}T00:00:00Z`) : null;
}

/** One case as a row of the export (EXPORT_COLUMNS' keys): Chinese labels, Excel dates. */
export function ledgerExportRow(item: LedgerItem) {
  return {
    caseNumber: item.caseNumber,
    agencyName: item.agencyName,
    court: item.court,
    level: LEVEL_LABELS[item.level] ?? item.level,
    cause: item.cause,
    plaintiffs: item.plaintiffNames.join('、'),
    complaintReceivedOn: excelDate(item.complaintReceivedOn),
    stage: item.stageLabel,
    status: STATUS_LABELS[item.status] ?? item.status,
    nextDeadline: item.nextDeadline?.label ?? '',
    dueOn: excelDate(item.nextDeadline?.dueOn),
    warning: item.warning ? WARNING_LABELS[item.warning] : '',
    enterpriseRelated: item.enterpriseRelated ? '是' : '否',
    outcome: item.outcome ? (OUTCOME_LABELS[item.outcome] ?? item.outcome) : '',
  };
}

/** Writes the filtered ledger to `out` as one worksheet; resolves with the number of cases written. */
export async function writeLedgerXlsx(db: Db, scope: LedgerScope, filter: LedgerFilter, out: Writable, options: LedgerOptions = {}): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('行政应诉台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ ...c }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  for await (const item of streamCases(db, scope, filter, options)) {
    sheet
      .addRow(formulaSafeRow(ledgerExportRow(item)))
      .commit();
    count++;
    // the client reads slower than we write: wait, rather than buffer the file in memory
    if (count % 200 === 0 && out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
  }
  await sheet.commit();
  await workbook.commit();
  return count;
}
