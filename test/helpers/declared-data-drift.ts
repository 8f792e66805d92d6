// Drift test of a diagram's declared data (src/workers/declared-data.ts): for each converted
// element, the data its headers declare (read from the diagram file) equals what the FEEL expression
// it replaced produced — for every sample, with lists and objects as values and again as JSON
// strings (as Operaton holds them: it has no JSON variable type).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.ts';
import { declaredData, hasDeclaredData, type Variables } from '../../src/workers/declared-data.ts';
import { taskHeaders } from './diagram-headers.ts';
import { feelValue } from './feel-drift.ts';

export interface DriftCase {
  /** the element's id in the diagram */
  element: string;
  /** the FEEL expression the element mapped to its declared variable before the conversion */
  feel: string;
  /** variable sets (a list, or named): every referenced variable present, optional ones missing, branches */
  samples: Variables[] | Record<string, Variables>;
}

/** The variables with every list and object turned into its JSON text, as Operaton holds them. */
export function withJsonStrings(variables: Variables): Variables {
  return Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, v !== null && typeof v === 'object' ? JSON.stringify(v) : v]));
}

/** The variables without `names`: a form field left empty, a variable not set yet. */
export function without(variables: Variables, ...names: string[]): Variables {
  return Object.fromEntries(Object.entries(variables).filter(([k]) => !names.includes(k)));
}

/** A diagram sets none of the declared-data targets with an input mapping any more. */
const DATA_INPUT = /<camunda:inputParameter\b[^>]*\bname="(documentData|notificationData|eventPayload|reportPayload)"/;

export function declaredDataDrift(file: string, cases: DriftCase[]): void {
  describe(`${file}: declared data equals the FEEL expression it replaced`, () => {
    it.skipIf(!cases.length).each(cases.map((c) => [c.element, c] as const))('%s', async (element, { feel, samples }) => {
      const headers = await taskHeaders(file, element);
      const named = Array.isArray(samples) ? Object.fromEntries(samples.map((s, i) => [`sample ${i + 1}`, s])) : samples;
      expect(Object.keys(named).length, `${element}: samples`).toBeGreaterThan(1);
      for (const [sample, variables] of Object.entries(named)) {
        const expected = feelValue(feel, variables);
        // no declared field: the host leaves the variable unset and the module defaults it to {}
        if (!hasDeclaredData(headers)) expect(expected, `${element}: nothing declared, so the expression must be {}`).toStrictEqual({});
        expect(declaredData(headers, variables), `${element} / ${sample}`).toStrictEqual(expected);
        expect(declaredData(headers, withJsonStrings(variables)), `${element} / ${sample} (lists and objects as JSON strings)`).toStrictEqual(expected);
      }
    });

    it('maps no document, notification, event or report data with an expression any more, and checks every element that declares data', async () => {
      const xml = await readFile(path.join(projectRoot, file), 'utf8');
      expect(xml).not.toMatch(DATA_INPUT);
      const declaring: string[] = [];
      for (const [, id] of xml.matchAll(/<bpmn:\w+\s[^>]*?\bid="([^"]+)"/g)) if (hasDeclaredData(await taskHeaders(file, id!))) declaring.push(id!);
      // every element that declares data has a case (a case may also prove that nothing needs declaring)
      expect(cases.map((c) => c.element)).toEqual(expect.arrayContaining(declaring));
    });
  });
}
