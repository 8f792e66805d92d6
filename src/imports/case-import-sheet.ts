// The template of the import of cases already in progress (存量案件导入) and the check of an
// uploaded ledger against it: one row per case, columns in Chinese, the stage the case has reached
// and the dates known. Every bad cell is reported ({row, column, field, message}); a file with any
// bad cell imports nothing. README "Import of cases in progress" describes the template.
import ExcelJS from 'exceljs';
import { CreateCaseBody, type CreateCaseInput } from '../cases/case-input.ts';
import { STAGE_LABELS } from '../cases/case-stages.ts';
import { partyKindOf } from '../court-papers/court-paper-fields.ts';
import type { Db } from '../db/database.ts';

/** The stages a case can be imported at, and the activity of the main process its instance starts before. */
export const IMPORT_STAGES = {
  // the normal start: the registration call activity
  registration: { activityId: null, requires: [] },
  answer: { activityId: 'cl_answer', requires: [] },
  'awaiting-hearing': { activityId: 'cl_wait_hearing', requires: ['answerSubmittedOn'] },
  hearing: { activityId: 'cl_hearing', requires: ['hearingAt'] },
  judgment: { activityId: 'cl_judgment_stage', requires: ['judgmentKind', 'judgmentOutcome', 'judgmentServedOn'] },
} as const satisfies Record<string, { activityId: string | null; requires: readonly ImportField[] }>;
export type ImportStage = keyof typeof IMPORT_STAGES;

type ImportField =
  | 'agency'
  | 'caseNumber'
  | 'level'
  | 'court'
  | 'cause'
  | 'actDescription'
  | 'plaintiffs'
  | 'plaintiffCount'
  | 'complaintReceivedOn'
  | 'stage'
  | 'answerSubmittedOn'
  | 'hearingAt'
  | 'judgmentKind'
  | 'judgmentOutcome'
  | 'judgmentServedOn'
  | 'enterpriseRelated'
  | 'claimAmount';

export interface ImportColumn {
  field: ImportField;
  header: string;
  required: boolean;
  /** what the cell takes, for the template's note row and the README */
  note: string;
}

const LEVELS: Record<string, 'first' | 'second' | 'retrial'> = { 一审: 'first', 二审: 'second', 再审: 'retrial', first: 'first', second: 'second', retrial: 'retrial' };
const JUDGMENT_KINDS: Record<string, 'judgment' | 'ruling' | 'mediation'> = { 判决: 'judgment', 裁定: 'ruling', 调解: 'mediation', judgment: 'judgment', ruling: 'ruling', mediation: 'mediation' };
const OUTCOMES: Record<string, 'won' | 'lost' | 'partly-lost'> = { 胜诉: 'won', 败诉: 'lost', 部分败诉: 'partly-lost', won: 'won', lost: 'lost', 'partly-lost': 'partly-lost' };
const YES_NO: Record<string, boolean> = { 是: true, 否: false, true: true, false: false };
const STAGE_BY_NAME: Record<string, ImportStage> = Object.fromEntries(
  (Object.keys(IMPORT_STAGES) as ImportStage[]).flatMap((s) => [
    [s, s],
    [STAGE_LABELS[s]!, s],
  ]),
);

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { field: 'agency', header: '被告机关', required: true, note: '机关编码（如 liaocheng-dept）或全称，须在您的管辖范围内' },
  { field: 'caseNumber', header: '案号', required: true, note: '如（2026）鲁15行初123号；同一机关、同一审级的案号只导入一次' },
  { field: 'level', header: '审级', required: true, note: '一审、二审或再审' },
  { field: 'court', header: '法院', required: true, note: '受理法院全称' },
  { field: 'cause', header: '案由', required: true, note: '如 行政处罚' },
  { field: 'actDescription', header: '被诉行政行为', required: true, note: '如 聊城市某局作出的聊某罚〔2026〕12号行政处罚决定' },
  { field: 'plaintiffs', header: '原告', required: true, note: '原告名称，多个用顿号“、”分隔；名称以“公司”“厂”等结尾的记为企业' },
  { field: 'plaintiffCount', header: '原告人数', required: false, note: '整数；空则按列出的原告计' },
  { field: 'complaintReceivedOn', header: '收到起诉状日期', required: true, note: '日期，如 2026-03-12 或 2026年3月12日，不早于2015年5月1日，不晚于今天' },
  { field: 'stage', header: '当前阶段', required: true, note: `${(Object.keys(IMPORT_STAGES) as ImportStage[]).map((s) => STAGE_LABELS[s]).join('、')}之一` },
  { field: 'answerSubmittedOn', header: '答辩提交日期', required: false, note: '日期；阶段为“答辩完毕，等待开庭”时必填' },
  { field: 'hearingAt', header: '开庭时间', required: false, note: '日期和时间，如 2026-05-20 09:30（北京时间）；阶段为“出庭应诉”时必填' },
  { field: 'judgmentKind', header: '裁判文书类型', required: false, note: '判决、裁定或调解；阶段为“裁判与上诉”时必填' },
  { field: 'judgmentOutcome', header: '裁判结果', required: false, note: '胜诉、败诉或部分败诉；阶段为“裁判与上诉”时必填' },
  { field: 'judgmentServedOn', header: '裁判文书送达日期', required: false, note: '日期；阶段为“裁判与上诉”时必填' },
  { field: 'enterpriseRelated', header: '涉企', required: false, note: '是或否；空则按原告是否为企业' },
  { field: 'claimAmount', header: '诉讼标的额（元）', required: false, note: '数字，可空' },
];

export const MAX_IMPORT_ROWS = 5_000;

const columnLetter = (index: number) => String.fromCharCode(65 + index);

/** One validated row: the case as registration takes it, and what the import adds. */
export interface ImportRow {
  row: number;
  case: CreateCaseInput;
  stage: ImportStage;
  answerSubmittedOn: string | null;
  /** ISO date-time with +08:00 */
  hearingAt: string | null;
  judgment: { kind: 'judgment' | 'ruling' | 'mediation'; outcome: 'won' | 'lost' | 'partly-lost'; servedOn: string } | null;
}

export interface ImportCellError {
  row: number;
  column: string;
  field: string;
  message: string;
}

/** The template: headers, a note row (grey, italic: what each column takes) and no data. */
export async function importTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('存量案件');
  sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.field, width: Math.max(14, c.header.length * 3) }));
  sheet.getRow(1).font = { bold: true };
  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [
    { header: '列', key: 'header', width: 20 },
    { header: '必填', key: 'required', width: 8 },
    { header: '填写要求', key: 'note', width: 80 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of IMPORT_COLUMNS) notes.addRow({ header: c.header, required: c.required ? '是' : '否', note: c.note });
  notes.addRow({});
  notes.addRow({ header: '说明', note: '每行一个案件；第一行为表头（带 * 的列必填）。任一单元格有误时整个文件都不导入，并列出每个有误的单元格。同一机关、同一审级、同一案号的案件已在台账中时不再重复登记。' });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

type CellValue = string | number | boolean | Date | null;

/** A cell's value as text, number, boolean or date (rich text, hyperlinks and formulas read as their value). */
function plain(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim() || null;
    if ('text' in value && typeof value.text === 'string') return value.text.trim() || null;
    if ('result' in value) return plain(value.result as ExcelJS.CellValue);
  }
  return String(value);
}

const isoOf = (y: number, m: number, d: number) => {
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
};

/** 2026-03-12, 2026/3/12, 2026.3.12, 2026年3月12日, an Excel date, or an Excel serial number. */
export function cellDate(value: CellValue): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'number' && value > 20000 && value < 80000) return new Date(Math.round((value - 25569) * 86_400_000)).toISOString().slice(0, 10);
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(value);
  return m ? isoOf(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** A date and time in Beijing time: 2026-05-20 09:30, 2026年5月20日9时30分, or an Excel date-time (its wall time). */
export function cellDateTime(value: CellValue): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return `${value.toISOString().slice(0, 16)}:00+08:00`;
  }
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*[T\s]?\s*(\d{1,2})\s*[:时]\s*(\d{2})\s*分?$/.exec(value);
  if (!m) return null;
  const date = isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  const [h, min] = [Number(m[4]), Number(m[5])];
  return date && h < 24 && min < 60 ? `${date}T${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}:00+08:00` : null;
}

export interface SheetCheck {
  rows: ImportRow[];
  errors: ImportCellError[];
}

/**
 * Reads and checks an uploaded ledger. `visibleAgencyIds` (null: every agency) limits the agencies a
 * row may name; `today` (Asia/Shanghai) bounds the dates.
 */
export async function checkImportSheet(db: Db, content: Buffer, scope: { visibleAgencyIds: string[] | null }, today: string): Promise<SheetCheck> {
  const errors: ImportCellError[] = [];
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    return { rows: [], errors: [{ row: 0, column: '', field: 'file', message: '文件不是有效的 .xlsx 工作簿（请使用导入模板）' }] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { rows: [], errors: [{ row: 0, column: '', field: 'file', message: '工作簿中没有工作表' }] };

  // columns by header (an asterisk marks the required ones); a missing required column is one error
  const headerIndex = new Map<ImportField, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const text = String(plain(cell.value) ?? '').replace(/\*$/, '').trim();
    const column = IMPORT_COLUMNS.find((c) => c.header === text);
    if (column) headerIndex.set(column.field, col);
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !headerIndex.has(c.field));
  if (missing.length) {
    return { rows: [], errors: missing.map((c) => ({ row: 1, column: '', field: c.field, message: `缺少列“${c.header}”（请使用导入模板）` })) };
  }

  const agencies: { id: string; code: string; name: string; profile: string }[] = await db('agencies').select('id', 'code', 'name', 'profile');
  const agencyBy = new Map<string, (typeof agencies)[number]>();
  for (const a of agencies) agencyBy.set(a.code, a).set(a.name, a);

  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  let dataRows = 0;
  sheet.eachRow((sheetRow, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = new Map<ImportField, CellValue>();
    for (const [field, col] of headerIndex) cells.set(field, plain(sheetRow.getCell(col).value));
    if ([...cells.values()].every((v) => v === null)) return;
    dataRows++;
    if (dataRows > MAX_IMPORT_ROWS) return;
    const rowErrors: ImportCellError[] = [];
    const fail = (field: ImportField, message: string) => rowErrors.push({ row: rowNumber, column: columnLetter(headerIndex.get(field)! - 1), field, message });
    const text = (field: ImportField, max: number): string | null => {
      const v = cells.get(field);
      if (v === null || v === undefined) return null;
      const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
      if (s.length > max) {
        fail(field, `过长（最多 ${max} 字）`);
        return null;
      }
      return s;
    };
    const header = (field: ImportField) => IMPORT_COLUMNS.find((c) => c.field === field)!.header;
    const required = (field: ImportField, value: unknown) => {
      if ((value === null || value === undefined) && cells.get(field) === null) fail(field, `缺少${header(field)}`);
    };
    const date = (field: ImportField): string | null => {
      const v = cells.get(field) ?? null;
      if (v === null) return null;
      const iso = cellDate(v);
      if (!iso) fail(field, `“${v instanceof Date ? v.toISOString() : v}”不是有效的日期（如 2026年3月12日）`);
      else if (iso > today) fail(field, `${iso} 晚于今天`);
      else if (iso < '2015-05-01') fail(field, `${iso} 早于2015年5月1日（现行行政诉讼法施行之日）`);
      else return iso;
      return null;
    };
    const choice = <T>(field: ImportField, table: Record<string, T>, allowed: string): T | null => {
      const v = text(field, 20);
      if (v === null) return null;
      if (!Object.hasOwn(table, v)) {
        fail(field, `“${v}”无效，应为${allowed}`);
        return null;
      }
      return table[v]!;
    };

    const agencyText = text('agency', 200);
    const agency = agencyText ? agencyBy.get(agencyText) : undefined;
    if (agencyText && !agency) fail('agency', `没有编码或名称为“${agencyText}”的机关`);
    else if (agency && scope.visibleAgencyIds && !scope.visibleAgencyIds.includes(agency.id)) fail('agency', `机关“${agency.name}”不在您的管辖范围内`);
    required('agency', agencyText);
    const caseNumber = text('caseNumber', 100);
    required('caseNumber', caseNumber);
    const level = choice('level', LEVELS, '一审、二审或再审');
    required('level', level);
    const court = text('court', 200);
    required('court', court);
    const cause = text('cause', 200);
    required('cause', cause);
    const actDescription = text('actDescription', 2000);
    required('actDescription', actDescription);
    const plaintiffText = text('plaintiffs', 2000);
    const plaintiffs = (plaintiffText ?? '').split(/[、；;\n]/).map((n) => n.trim()).filter(Boolean);
    if (plaintiffs.some((n) => n.length > 200)) fail('plaintiffs', '原告名称过长（每个最多 200 字）');
    required('plaintiffs', plaintiffText);
    let plaintiffCount = plaintiffs.length;
    const countCell = cells.get('plaintiffCount');
    if (countCell !== null && countCell !== undefined) {
      const n = Number(countCell);
      if (!Number.isInteger(n) || n < 1) fail('plaintiffCount', `“${countCell}”不是正整数`);
      else if (n < plaintiffs.length) fail('plaintiffCount', `原告人数不能少于列出的原告（${plaintiffs.length}）`);
      else plaintiffCount = n;
    }
    const complaintReceivedOn = date('complaintReceivedOn');
    required('complaintReceivedOn', complaintReceivedOn);
    const stage = choice('stage', STAGE_BY_NAME, (Object.keys(IMPORT_STAGES) as ImportStage[]).map((s) => `“${STAGE_LABELS[s]}”`).join('、'));
    required('stage', stage);
    const answerSubmittedOn = date('answerSubmittedOn');
    const hearingCell = cells.get('hearingAt') ?? null;
    const hearingAt = hearingCell === null ? null : cellDateTime(hearingCell);
    if (hearingCell !== null && !hearingAt) fail('hearingAt', `“${hearingCell instanceof Date ? hearingCell.toISOString() : hearingCell}”不是有效的日期时间（如 2026-05-20 09:30）`);
    const judgmentKind = choice('judgmentKind', JUDGMENT_KINDS, '判决、裁定或调解');
    const judgmentOutcome = choice('judgmentOutcome', OUTCOMES, '胜诉、败诉或部分败诉');
    const judgmentServedOn = date('judgmentServedOn');
    const enterpriseRelated = choice('enterpriseRelated', YES_NO, '是或否');
    let claimAmount: number | null = null;
    const amountCell = cells.get('claimAmount');
    if (amountCell !== null && amountCell !== undefined) {
      const n = typeof amountCell === 'number' ? amountCell : Number(String(amountCell).replace(/[,，元]/g, ''));
      if (!Number.isFinite(n) || n < 0) fail('claimAmount', `“${amountCell}”不是有效的金额`);
      else claimAmount = n;
    }
    if (stage) {
      const values: Partial<Record<ImportField, unknown>> = { answerSubmittedOn, hearingAt, judgmentKind, judgmentOutcome, judgmentServedOn };
      for (const field of IMPORT_STAGES[stage].requires) {
        if (!values[field] && cells.get(field) === null) fail(field, `阶段为“${STAGE_LABELS[stage]}”时必须填写${header(field)}`);
      }
    }
    if (complaintReceivedOn && answerSubmittedOn && answerSubmittedOn < complaintReceivedOn) fail('answerSubmittedOn', '答辩提交日期早于收到起诉状日期');
    if (complaintReceivedOn && judgmentServedOn && judgmentServedOn < complaintReceivedOn) fail('judgmentServedOn', '裁判文书送达日期早于收到起诉状日期');
    if (agency && caseNumber && level) {
      const key = `${agency.id}|${caseNumber}|${level}`;
      const first = seen.get(key);
      if (first) fail('caseNumber', `与第 ${first} 行重复（同一机关、同一审级、同一案号）`);
      else seen.set(key, rowNumber);
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      return;
    }
    const input = CreateCaseBody.safeParse({
      agencyId: agency!.id,
      caseNumber,
      court,
      level,
      cause,
      actUnderSuit: { description: actDescription, madeByAgencyId: agency!.id },
      reconsideration: { status: 'none' },
      plaintiffs: plaintiffs.map((name) => ({ name, type: partyKindOf(name) })),
      plaintiffCount,
      claimAmount,
      flags: enterpriseRelated === null ? {} : { enterpriseRelated },
      complaintReceivedOn,
    });
    if (!input.success) {
      // the registration schema's own checks (lengths, formats): named by the column they come from
      for (const issue of input.error.issues) {
        const top = String(issue.path[0] ?? '');
        const field = (top === 'agencyId' ? 'agency' : top === 'actUnderSuit' ? 'actDescription' : IMPORT_COLUMNS.some((c) => c.field === top) ? top : 'caseNumber') as ImportField;
        fail(field, issue.message);
      }
      errors.push(...rowErrors);
      return;
    }
    rows.push({
      row: rowNumber,
      case: input.data,
      stage: stage!,
      answerSubmittedOn,
      hearingAt,
      judgment: judgmentKind && judgmentOutcome && judgmentServedOn ? { kind: judgmentKind, outcome: judgmentOutcome, servedOn: judgmentServedOn } : null,
    });
  });
  if (dataRows > MAX_IMPORT_ROWS) errors.push({ row: 0, column: '', field: 'file', message: `行数过多：${dataRows} 行，每个文件最多 ${MAX_IMPORT_ROWS} 行，请分成几个文件导入` });
  if (!dataRows) errors.push({ row: 0, column: '', field: 'file', message: '文件中没有案件（第一行为表头，案件从第二行起）' });
  return { rows, errors };
}
