// Drift test of a diagram's declared data (src/workers/declared-data.ts): for each converted
// element, the data its headers declare (read from the diagram file) equals what the FEEL expression
// it replaced produced — for every sample, with lists and objects as values (Camunda 8) and again as
// JSON strings (Operaton, which has no JSON variable type).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { declaredData, hasDeclaredData, type Variables } from '../../src/workers/declared-data.ts';
import { taskHeaders } from './diagram-headers.ts';
import { feelValue } from './feel-drift.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DECLARED_DATA_TARGETS = ['documentData', 'notificationData', 'eventPayload', 'reportPayload'] as const;

export interface DriftCase {
  /** the element's id in the diagram */
  element: string;
  /** the FEEL expression the element mapped to its declared variable before the conversion */
  feel: string;
  /** variable sets: one with every referenced variable, one without the optional ones … */
  samples: Variables[];
}

/** The variables with every list and object turned into its JSON text, as Operaton holds them. */
export function asJsonStrings(variables: Variables): Variables {
  return Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, v !== null && typeof v === 'object' ? JSON.stringify(v) : v]));
}

export function declaredDataDrift(file: string, cases: DriftCase[]): void {
  describe(`${file}: declared data equals the FEEL expression it replaced`, () => {
    it.each(cases.map((c) => [c.element, c] as const))('%s', async (_, { element, feel, samples }) => {
      const headers = await taskHeaders(file, element);
      expect(samples.length, `${element}: samples`).toBeGreaterThan(1);
      for (const variables of samples) {
        const expected = feelValue(feel, variables);
        // no declared field: the host leaves the variable unset and the module defaults it to {}
        if (!hasDeclaredData(headers)) expect(expected, `${element}: nothing declared, so the expression must be {}`).toStrictEqual({});
        expect(declaredData(headers, variables), `${element} ${JSON.stringify(variables)}`).toStrictEqual(expected);
        expect(declaredData(headers, asJsonStrings(variables)), `${element} as JSON strings`).toStrictEqual(expected);
      }
    });

    it('maps no FEEL expression to declared data any more', async () => {
      const xml = await readFile(path.resolve(ROOT, file), 'utf8');
      const left = [...xml.matchAll(/<zeebe:input\b[^>]*\btarget="([^"]+)"/g)].map((m) => m[1]).filter((t) => (DECLARED_DATA_TARGETS as readonly string[]).includes(t!));
      expect(left).toEqual([]);
    });
  });
}
