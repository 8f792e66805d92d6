// Benchmark of document rendering (not a test). In one run it measures:
//   ours      the full pipeline for the sample answer brief: template → HTML → PDF on the ONE reused
//             browser, a new page per document (what the worker does)
//   baseline  Chromium's own page.pdf() of a static page with the same HTML, already loaded, on the
//             same browser: the floor for printing a page of that size
//   cold      a browser launched per document (what reuse avoids)
//   docx      the DOCX renderer on the same HTML
// and prints documents per second, the ratio ours/baseline and memory (Node RSS, Chromium PSS).
// Usage: npx tsx scripts/bench-documents.ts [documents=40] [concurrency=4]
import { readFileSync, readdirSync } from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { renderDocx } from '../src/documents/docx-renderer.ts';
import { PAGE_MARGINS, PdfRenderer } from '../src/documents/pdf-renderer.ts';
import { templateRegistry } from '../src/documents/template-registry.ts';
import { sampleDocumentData } from '../test/fixtures/sample-case.ts';
import { writeFigures } from '../test/bench/figures-file.ts';

const count = Number(process.argv[2] ?? 40);
const concurrency = Number(process.argv[3] ?? 4);
const config = loadConfig();
const registry = templateRegistry(config.DOCUMENTS_TEMPLATE_DIR);
const data = sampleDocumentData['answer-brief'];

/** PSS (shared pages divided among the sharers, so the sum is honest) in MB of the Chromium processes started with this renderer's profile directory */
function chromiumRssMb(profile: string | null): number {
  if (!profile) return 0;
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(profile)) continue;
      kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // the process ended while we looked
    }
  }
  return kb / 1024;
}

async function timed(label: string, n: number, parallel: number, one: () => Promise<unknown>) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next++ < n) await one();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { label, n, parallel, seconds, perSecond: n / seconds };
}

const renderer = new PdfRenderer({ executablePath: config.DOCUMENTS_CHROMIUM_PATH, maxPages: concurrency });
const sample = registry.render('answer-brief', data);
const samplePdf = await renderer.render(sample.html); // launch + warm-up
process.stderr.write(`[bench] sample answer brief: ${sample.html.length} chars of HTML, PDF ${(samplePdf.length / 1024).toFixed(0)} KB; ${count} documents each\n`);

const rows = [];
let peakChromium = chromiumRssMb(renderer.profileDirectory);
const sampleMemory = () => (peakChromium = Math.max(peakChromium, chromiumRssMb(renderer.profileDirectory)));

// baseline: one loaded page, page.pdf() again and again (same options as ours)
const baseline = await renderer.withPage(async (page) => {
  await page.setContent(sample.html, { waitUntil: 'load' });
  await page.evaluate('document.fonts.ready');
  return timed('baseline: page.pdf() of a static page, same browser', count, 1, async () => {
    await page.pdf({ format: 'A4', margin: PAGE_MARGINS, printBackground: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: '<div></div>' });
    sampleMemory();
  });
});
rows.push(baseline);

const sequential = await timed('ours: template + new page + PDF, reused browser', count, 1, async () => {
  await renderer.render(registry.render('answer-brief', data).html);
  sampleMemory();
});
rows.push(sequential);
const parallel = await timed(`ours, ${concurrency} at once`, count, concurrency, async () => {
  await renderer.render(registry.render('answer-brief', data).html);
  sampleMemory();
});
rows.push(parallel);

const docx = await timed('docx: template + DOCX renderer', count, 1, () => renderDocx(registry.render('answer-brief', data).html, { title: '行政答辩状' }));
rows.push(docx);

const coldCount = Math.min(5, count);
const cold = await timed('cold: a browser launched per document', coldCount, 1, async () => {
  const once = new PdfRenderer({ executablePath: config.DOCUMENTS_CHROMIUM_PATH });
  await once.render(sample.html);
  await once.close();
});
rows.push(cold);

const chromiumNow = chromiumRssMb(renderer.profileDirectory);
await renderer.close();

console.log('\nDocument rendering benchmark (sample answer brief, A4, Noto CJK)\n');
console.log('| run | documents | at once | seconds | documents/s |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.label} | ${r.n} | ${r.parallel} | ${r.seconds.toFixed(2)} | ${r.perSecond.toFixed(1)} |`);
console.log('');
console.log(`ratio ours/baseline (sequential): ${(sequential.perSecond / baseline.perSecond).toFixed(2)}`);
console.log(`ratio ours/baseline (${concurrency} at once): ${(parallel.perSecond / baseline.perSecond).toFixed(2)}`);
console.log(`ratio reused/cold browser: ${(sequential.perSecond / cold.perSecond).toFixed(1)}x`);
const mem = process.memoryUsage();
console.log(`memory: Node RSS ${(mem.rss / 1048576).toFixed(0)} MB (heap ${(mem.heapUsed / 1048576).toFixed(0)} MB); Chromium PSS ${chromiumNow.toFixed(0)} MB at the end, peak ${peakChromium.toFixed(0)} MB (all its processes)`);

const documentsTarget = { on: 'ratio' as const, op: '>=' as const, bound: 0.7, text: '≥ 0.7×' };
writeFigures([
  { bench: 'documents', figure: 'PDFs per second, ours (one at a time)', value: sequential.perSecond, unit: '/s', baseline: baseline.perSecond, baselineLabel: 'page.pdf()', target: documentsTarget, method: `${count} answer briefs; baseline Chromium's page.pdf() of the same HTML, same browser` },
  { bench: 'documents', figure: `PDFs per second, ours (${concurrency} at once)`, value: parallel.perSecond, unit: '/s', baseline: baseline.perSecond, baselineLabel: 'page.pdf()', target: documentsTarget, method: `${count} answer briefs, ${concurrency} pages at once` },
]);
