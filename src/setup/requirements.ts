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
  { pkg: 'poppler-utils', probe: '/usr/bin/pdftotext', why: 'pdftotext/pdftoppm: 法院电子送达文书识别 / reads the text of the court papers a clerk uploads (应诉通知书, 起诉状副本); tests read document PDFs back and render pages to PNG' },
  // The engine app (engine/) is built with Maven from Maven Central and runs on a JDK ≥ 17.
  { pkg: 'maven', probe: '/usr/bin/mvn', why: '流程引擎构建 / builds the Operaton engine app' },
  { pkg: 'default-jdk-headless', probe: '/usr/bin/javac', why: '流程引擎运行环境 / the JDK the engine app is built with and runs on' },
];
