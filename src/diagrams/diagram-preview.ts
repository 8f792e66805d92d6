// Opens diagrams in bpmn-js — the library Camunda Modeler is built on — inside the machine's
// Chromium with the Camunda 7 moddle extension (camunda-bpmn-moddle, the dialect Operaton runs), so a
// misspelt camunda: element or attribute is an import warning; renders each to PNG, so a reviewer
// sees what an analyst will see in the Modeler.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../documents/pdf-renderer.ts';

const require = createRequire(import.meta.url);

export interface DiagramPreview {
  file: string;
  warnings: string[];
  elementCount: number;
  png: Buffer;
}

export async function previewDiagrams(files: string[], chromiumPath = '/usr/bin/chromium'): Promise<DiagramPreview[]> {
  const viewerScript = await readFile(require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js'), 'utf8');
  const css = await readFile(require.resolve('bpmn-js/dist/assets/bpmn-js.css'), 'utf8');
  const camunda = JSON.parse(await readFile(require.resolve('camunda-bpmn-moddle/resources/camunda.json'), 'utf8')) as unknown;
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true });
    const page = await browser.newPage({ viewport: { width: 2400, height: 1400 } });
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${css} html,body,#canvas{margin:0;width:100%;height:100%;background:#fff}</style></head><body><div id="canvas"></div></body></html>`);
    await page.addScriptTag({ content: viewerScript });
    const out: DiagramPreview[] = [];
    for (const file of files) {
      const xml = await readFile(file, 'utf8');
      const result = await page.evaluate(async ({ source, camunda }) => {
        const w = (globalThis as any);
        w.viewer?.destroy();
        w.viewer = new w.BpmnJS({ container: '#canvas', moddleExtensions: { camunda } });
        try {
          const { warnings } = await w.viewer.importXML(source);
          w.viewer.get('canvas').zoom('fit-viewport');
          return { warnings: warnings.map((x: { message: string }) => x.message), elementCount: w.viewer.get('elementRegistry').getAll().length };
        } catch (error) {
          return { warnings: [`import failed: ${(error as Error).message}`], elementCount: 0 };
        }
      }, { source: xml, camunda });
      out.push({ file, ...result, png: await page.screenshot({ type: 'png' }) });
    }
    return out;
  } finally {
    await browser?.close();
  }
}
