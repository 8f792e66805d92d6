// Drift test of a diagram's declared data (src/workers/declared-data.ts): for each converted element,
// the data its headers declare (read from the diagram file) equals what the FEEL expression it
// replaced produced — with lists and objects as values (Camunda 8) and as JSON strings (Operaton).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.ts';
import { declaredData, hasDeclaredData, type Variables } from '../../src/workers/declared-data.ts';
import { taskHeaders } from './diagram-headers.ts';
import { feelValue } from './feel-drift.ts';

export interface DeclaredDataCase {
  elementId: string;
  /** the FEEL expression the element had (git show main:processes/<file>), the reference */
  feel: string;
  /** variable sets the element can run with (named, for the failure message) */
  samples: Record<string, Variables>;
}

const DATA_VARIABLES = 'documentData|notificationData|eventPayload|reportPayload';

/** The variables as an engine without a JSON type holds them: every object and list a JSON string. */
export function asJsonStrings(variables: Variables): Variables {
  return Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, v !== null && typeof v === 'object' ? JSON.stringify(v) : v]));
}

export function describeDeclaredData(processId: string, cases: DeclaredDataCase[]): void {
  const file = path.join(projectRoot, 'processes', `${processId}.bpmn`);

  describe(`declared data of ${processId}.bpmn`, () => {
    it('hands no data variable an expression any more, and every element that declares data is checked here', async () => {
      const xml = await readFile(file, 'utf8');
      expect(xml).not.toMatch(new RegExp(`<zeebe:input [^>]*target="(${DATA_VARIABLES})"`));
      expect(xml).not.toMatch(new RegExp(`<camunda:inputParameter name="(${DATA_VARIABLES})"`));
      const declaring: string[] = [];
      for (const [, id] of xml.matchAll(/<bpmn:\w+\s[^>]*?\bid="([^"]+)"/g)) if (hasDeclaredData(await taskHeaders(file, id!))) declaring.push(id!);
      expect(declaring.sort()).toEqual(cases.map((c) => c.elementId).sort());
    });

    it.each(cases.map((c) => [c.elementId, c] as const))('%s declares what its expression produced', async (_, { elementId, feel, samples }) => {
      const headers = await taskHeaders(file, elementId);
      for (const [name, variables] of Object.entries(samples)) {
        const expected = feelValue(feel, variables);
        expect(expected, `${elementId}, ${name}: the expression builds a context`).toEqual(expect.any(Object));
        expect(declaredData(headers, variables), `${elementId}, ${name}`).toEqual(expected);
        expect(declaredData(headers, asJsonStrings(variables)), `${elementId}, ${name}, as JSON strings`).toEqual(expected);
      }
    });
  });
}
