// Builds an import ledger (.xlsx) as an agency fills in the template: the template's headers, one
// row per case, values as a clerk types them (dates as Excel dates or text). Used by the demo seed
// and the import tests.
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS } from './case-import-sheet.ts';

export type ImportSheetRow = Partial<Record<(typeof IMPORT_COLUMNS)[number]['header'], ExcelJS.CellValue>>;

export async function importWorkbook(rows: ImportSheetRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('存量案件');
  sheet.addRow(IMPORT_COLUMNS.map((c) => (c.required ? `${c.header}*` : c.header)));
  for (const row of rows) sheet.addRow(IMPORT_COLUMNS.map((c) => row[c.header] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** An Excel date cell for a calendar date. */
export const excelDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
