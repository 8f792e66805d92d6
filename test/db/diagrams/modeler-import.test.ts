// Every diagram opens cleanly in bpmn-js (what Camunda Modeler uses) with the Camunda 7 moddle
// (camunda-bpmn-moddle): no import warning (a misspelt camunda: element is one), every
// element drawn. A PNG of each is kept under test-artifacts/diagrams/ for review.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/config.ts';
import { previewDiagrams } from '../../../src/diagrams/diagram-preview.ts';
import { listResourceFiles, readDiagram } from '../../../src/engine/bpmn-catalog.ts';

describe('diagrams in the Modeler', () => {
  it('every diagram imports without warnings and draws every flow element', async () => {
    const files = await listResourceFiles(path.join(projectRoot, 'processes'), ['.bpmn']);
    expect(files.length).toBeGreaterThan(0);
    const previews = await previewDiagrams(files);
    const outDir = path.join(projectRoot, 'test-artifacts', 'diagrams');
    await mkdir(outDir, { recursive: true });
    for (const preview of previews) {
      const name = path.basename(preview.file);
      await writeFile(path.join(outDir, name.replace(/\.bpmn$/, '.png')), preview.png);
      expect(preview.warnings, name).toEqual([]);
      const facts = await readDiagram(preview.file);
      expect(facts.elementsWithoutDi, name).toEqual([]);
      expect(preview.elementCount, name).toBeGreaterThan(3);
    }
  }, 120_000);
});
