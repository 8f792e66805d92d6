// Intake of the court's electronic-service PDFs (POST /api/court-papers/extract): each file's text
// comes from poppler's pdftotext (Debian package poppler-utils, installed by `npm start`), its kind
// and fields from court-paper-fields.ts; the merged fields prefill the registration form.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { InputError, UnavailableError } from '../errors.ts';
import { fieldsOf, kindOf, mergeCourtPaperFields, type CourtPaperFields, type CourtPaperSource } from './court-paper-fields.ts';

export const PDFTOTEXT = '/usr/bin/pdftotext';
export const MAX_COURT_PAPERS = 5;
export const MAX_COURT_PAPER_BYTES = 10 * 1024 * 1024;

/** pdftotext is not installed: the server lacks a package, not the user's fault (503). */
export class PdfToolMissingError extends UnavailableError {
  constructor() {
    super('PDFTOTEXT_MISSING', '服务器未安装 pdftotext，无法识别 PDF：请运行 npm start（或 apt-get install poppler-utils）安装 Debian 软件包 poppler-utils / pdftotext is missing: install the Debian package poppler-utils');
  }
}

export interface UploadedPaper {
  fileName: string;
  content: Buffer;
}

/** The text of a PDF; an InputError naming the field when the file is not a readable PDF. */
export function pdfText(content: Buffer, field: string, fileName: string): Promise<string> {
  if (!existsSync(PDFTOTEXT)) throw new PdfToolMissingError();
  return new Promise((resolve, reject) => {
    const child = execFile(PDFTOTEXT, ['-enc', 'UTF-8', '-q', '-', '-'], { encoding: 'utf8', maxBuffer: 20 * 1024 * 1024, timeout: 30_000 }, (error, stdout) => {
      if (error) reject(new InputError([{ field, message: `${fileName} 无法读取：不是有效的 PDF 文件或已损坏` }]));
      else resolve(stdout);
    });
    child.stdin!.on('error', () => {}); // pdftotext may stop reading a broken file early
    child.stdin!.end(content);
  });
}

export function isPdf(content: Buffer): boolean {
  return content.subarray(0, 5).toString('latin1') === '%PDF-';
}

export interface ExtractedCourtPapers {
  fields: CourtPaperFields;
  sources: CourtPaperSource[];
}

/** Reads every paper and merges their fields. Checks: 1–5 files, each a PDF of at most 10 MB. */
export async function extractCourtPapers(files: UploadedPaper[], field = 'files'): Promise<ExtractedCourtPapers> {
  if (!files.length) throw new InputError([{ field, message: '请上传法院送达的 PDF 文书（应诉通知书、起诉状副本），至少 1 个' }]);
  if (files.length > MAX_COURT_PAPERS) throw new InputError([{ field, message: `最多上传 ${MAX_COURT_PAPERS} 个文件（收到 ${files.length} 个）` }]);
  const issues = files.flatMap((f, i) => (isPdf(f.content) ? [] : [{ field: `${field}.${i}`, message: `${f.fileName} 不是 PDF 文件` }]));
  if (issues.length) throw new InputError(issues);
  const papers = [];
  for (const [i, file] of files.entries()) {
    const text = await pdfText(file.content, `${field}.${i}`, file.fileName);
    const kind = kindOf(text);
    papers.push({ fileName: file.fileName, kind, fields: fieldsOf(text, kind), textLength: text.replace(/\s/g, '').length });
  }
  return {
    fields: mergeCourtPaperFields(papers),
    sources: papers.map(({ fileName, kind, textLength }) => ({ fileName, kind, textLength })),
  };
}
