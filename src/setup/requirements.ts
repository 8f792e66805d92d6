// What the machine needs beyond `npm install`. scripts/setup.ts installs what is missing.
// Each Debian package names the binary that proves it is there and why the product needs it.
export interface DebianRequirement {
  pkg: string;
  probe: string; // a path that exists once the package is installed
  why: string;
}

export const debianRequirements: DebianRequirement[] = [
  // Documents (src/documents): PDFs are printed by Debian's Chromium through playwright-core, in
  // Noto CJK fonts so no Chinese glyph is missing; poppler-utils reads them back in tests.
  { pkg: 'chromium', probe: '/usr/bin/chromium', why: '文书 PDF 渲染 / renders legal documents to PDF (headless, via playwright-core)' },
  { pkg: 'fonts-noto-cjk', probe: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc', why: '中文字体 / CJK serif and sans fonts for PDF documents' },
  { pkg: 'poppler-utils', probe: '/usr/bin/pdftotext', why: 'pdftotext/pdftoppm: tests read document PDFs back and render pages to PNG' },
];
