// Drift test of declared data (src/workers/declared-data.ts) against the FEEL it replaced: for each
// converted element, the headers read from the diagram give, for every sample of variables, what
// the original expression gave — also when the engine hands lists and objects over as JSON strings
// (Operaton has no JSON variable type).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { projectRoot } from '../../src/config.ts';
import { declaredData, hasDeclaredData, type Variables } from '../../src/workers/declared-data.ts';
import { taskHeaders } from './diagram-headers.ts';
import { feelValue } from './feel-drift.ts';

export interface DeclaredDataCase {
  elementId: string;
  /** the FEEL expression the element had (git show main:processes/<file>), unescaped */
  feel: string;
  /** named samples of process variables: every variable present, optional ones missing, branches */
  samples: Record<string, Variables>;
}

/** The variables with every list and object as its JSON text, as an engine without a JSON type delivers them. */
export function withJsonStrings(variables: Variables): Variables {
  return Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, v !== null && typeof v === 'object' ? JSON.stringify(v) : v]));
}

/** The variables without `names`: a form field left empty, a variable not set yet. */
export function without(variables: Variables, ...names: string[]): Variables {
  return Object.fromEntries(Object.entries(variables).filter(([k]) => !names.includes(k)));
}

/** The targets of declared data: a diagram sets none of them with an input mapping any more. */
const DATA_INPUT = /<zeebe:input\b[^>]*\btarget="(documentData|notificationData|eventPayload|reportPayload)"|<camunda:inputParameter\b[^>]*\bname="(documentData|notificationData|eventPayload|reportPayload)"/;

/** One `it` per element (table-driven) plus one that the diagram maps none of the data with an expression. */
export function declaredDataDriftTests(file: string, cases: DeclaredDataCase[]): void {
  it('maps no document, notification, event or report data with an expression any more', async () => {
    const xml = await readFile(path.join(projectRoot, file), 'utf8');
    expect(xml).not.toMatch(DATA_INPUT);
  });

  it.each(cases.map((c) => [c.elementId, c] as const))('%s: the declared data equals the FEEL it replaced', async (elementId, c) => {
    const headers = await taskHeaders(file, elementId);
    expect(hasDeclaredData(headers), `${elementId} declares its data`).toBe(true);
    expect(Object.keys(c.samples).length).toBeGreaterThanOrEqual(2);
    for (const [sample, variables] of Object.entries(c.samples)) {
      const expected = feelValue(c.feel, variables);
      expect(expected !== null && typeof expected === 'object', `${elementId} / ${sample}: the FEEL evaluates to a context`).toBe(true);
      expect(declaredData(headers, variables), `${elementId} / ${sample}`).toStrictEqual(expected);
      expect(declaredData(headers, withJsonStrings(variables)), `${elementId} / ${sample} (lists and objects as JSON strings)`).toStrictEqual(expected);
    }
  });
}
