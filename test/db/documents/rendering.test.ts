// Renders every document kind for the full sample case with the real Chromium and the DOCX renderer,
// and reads them back with Debian's poppler-utils and unzip. Artifacts (PDF, DOCX, one PNG per PDF)
// are kept under test-artifacts/documents/ (git-ignored) for a human look.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/config.ts';
import { documentKinds, type DocumentKind } from '../../../src/documents/document-kinds.ts';
import { renderDocx } from '../../../src/documents/docx-renderer.ts';
import { PdfRenderer } from '../../../src/documents/pdf-renderer.ts';
import { TemplateRegistry } from '../../../src/documents/template-registry.ts';
import { expectedText, sampleDocumentData } from '../../fixtures/sample-case.ts';

const artifacts = path.join(projectRoot, 'test-artifacts', 'documents');
const registry = new TemplateRegistry(path.join(projectRoot, 'src', 'documents', 'templates'));
const pdf = new PdfRenderer({ executablePath: '/usr/bin/chromium', maxPages: 4 });
const compact = (s: string) => s.replace(/\s+/g, '');

/** pdftotext of a file, whitespace removed (line wraps fall anywhere in Chinese text) */
const pdfText = (file: string) => compact(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
/** word/document.xml of a .docx (throws when the package is not a valid zip with that part) */
const docxXml = (file: string) => execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
const docxText = (xml: string) => compact(xml.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&'));

const files = new Map<DocumentKind, { pdf: string; docx: string }>();

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  await Promise.all(
    documentKinds.map(async (kind) => {
      const { html, title, landscape } = registry.render(kind, sampleDocumentData[kind]);
      const [pdfBuffer, docxBuffer] = await Promise.all([pdf.render(html, { landscape }), renderDocx(html, { title, landscape })]);
      const base = path.join(artifacts, kind);
      writeFileSync(`${base}.pdf`, pdfBuffer);
      writeFileSync(`${base}.docx`, docxBuffer);
      files.set(kind, { pdf: `${base}.pdf`, docx: `${base}.docx` });
    }),
  );
}, 120_000);

afterAll(() => pdf.close());

describe('PDF and DOCX of every document kind', () => {
  it.each(documentKinds)('%s: the PDF is A4 and its text has the expected Chinese fields', (kind) => {
    const file = files.get(kind)!.pdf;
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(kind === 'evidence-list' ? /Page size:\s+842\.\d+ x 595\.\d+ pts/ : /Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)/);
    const text = pdfText(file);
    for (const expected of expectedText[kind]) expect(text, `${kind}: ${expected}`).toContain(compact(expected));
    expect(text).toContain('—1—'); // page number
    // page 1 as PNG, kept as a test artifact
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, path.join(artifacts, kind)]);
  });

  it.each(documentKinds)('%s: the DOCX is a valid package whose document.xml has the expected fields', (kind) => {
    const file = files.get(kind)!.docx;
    const listing = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
    for (const part of ['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'word/footer1.xml']) expect(listing).toContain(part);
    const xml = docxXml(file);
    expect(xml).toMatch(kind === 'evidence-list' ? /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/ : /<w:pgSz w:w="11906" w:h="16838"/); // A4
    const text = docxText(xml);
    for (const expected of expectedText[kind]) expect(text, `${kind}: ${expected}`).toContain(compact(expected));
    expect(xml).toContain('w:eastAsia="仿宋"');
  });

  it('escapes user data in PDF and DOCX: markup and Handlebars syntax print literally', async () => {
    const data = structuredClone(sampleDocumentData['answer-brief']) as Record<string, any>;
    data.plaintiffs[0].name = '<script>alert(1)</script>';
    data.facts = '事实：{{x}} 与 <b>未加粗</b>';
    const { html, title } = registry.render('answer-brief', data);
    const pdfFile = path.join(artifacts, 'escaping.pdf');
    const docxFile = path.join(artifacts, 'escaping.docx');
    writeFileSync(pdfFile, await pdf.render(html));
    writeFileSync(docxFile, await renderDocx(html, { title }));

    const text = pdfText(pdfFile);
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('事实：{{x}}与<b>未加粗</b>');

    const xml = docxXml(docxFile);
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(docxText(xml)).toContain('事实：{{x}}与<b>未加粗</b>');
  });
});

describe('page reuse', () => {
  it('prints each document on the kept page with nothing of the one before, portrait after landscape', async () => {
    const one = new PdfRenderer({ executablePath: '/usr/bin/chromium', maxPages: 1 });
    try {
      const brief = registry.render('answer-brief', sampleDocumentData['answer-brief']);
      const file = path.join(artifacts, 'reuse.pdf');
      await one.render('<html><body><p>前一份文书的独有内容</p></body></html>', { landscape: true });
      writeFileSync(file, await one.render(brief.html));
      // one page served both: no renderer process started per document
      expect(await one.openPages()).toBe(1);
      expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)/);
      const text = pdfText(file);
      for (const expected of expectedText['answer-brief']) expect(text).toContain(compact(expected));
      expect(text).not.toContain('前一份文书');
    } finally {
      await one.close();
    }
  });
});
