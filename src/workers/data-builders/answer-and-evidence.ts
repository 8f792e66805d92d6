// Data builders of the answer-and-evidence diagram (processes/answer-and-evidence.bpmn): the
// document data that took a FEEL for-loop or condition. Each reproduces the expression it replaced
// (test/unit/processes/declared-data-answer-and-evidence.test.ts holds it and checks the two agree);
// lists and objects are read as values (Camunda 8) or JSON strings (Operaton) alike.
// Reached through declared-data.ts (or index.ts): imported first on its own, the import cycle
// declared-data.ts → index.ts → this module leaves index.ts reading the builders before they exist.
import { variableAt, type DataBuilder, type Variables } from '../declared-data.ts';

/** FEEL `for x in list return f(x)`: null unless the value is a list. */
function forEachOf(list: unknown, f: (item: unknown) => unknown): unknown[] | null {
  return Array.isArray(list) ? list.map(f) : null;
}

/** FEEL `item.name` on a list item: null unless the item is an object with that entry. */
function entryOf(item: unknown, name: string): unknown {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return null;
  return (item as Record<string, unknown>)[name] ?? null;
}

/** FEEL `{field: variable, …}`: each field the variable's value, null when it is missing. */
function fieldsFrom(variables: Variables, fields: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([field, name]) => [field, variableAt(variables, name)]));
}

/** The unreasoned objections' stock reasoning (答辩状: 详见答辩理由). */
const SEE_ARGUMENTS = '详见答辩理由';

export const answerAndEvidenceBuilders: Record<string, DataBuilder> = {
  /** w_ext_doc — 延期提供证据申请书: the pending evidence by name. */
  evidenceExtensionApplication: (v) => ({
    ...fieldsFrom(v, { reason: 'extensionReason', evidencePeriodEnds: 'evidenceExtensionApplicationDue', requestedUntil: 'extensionRequestedUntil' }),
    pendingEvidence: forEachOf(variableAt(v, 'pendingEvidence'), (p) => entryOf(p, 'name')),
    date: variableAt(v, 'extensionAppliedOn'),
  }),

  /** w_doc_answer — 行政答辩状: each ticked objection with the shared reasoning, or the stock phrase. */
  answerBrief: (v) => {
    const reasoning = variableAt(v, 'objectionReasoning') ?? SEE_ARGUMENTS;
    return {
      ...fieldsFrom(v, { claims: 'claims', facts: 'facts', legalBasis: 'legalBasis', arguments: 'answerArguments' }),
      objections: forEachOf(variableAt(v, 'objections'), (o) => ({ ground: o, reasoning })),
      ...fieldsFrom(v, { request: 'answerRequest', agents: 'agents' }),
    };
  },
};
