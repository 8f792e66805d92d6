// Data builders of the answer-and-evidence diagram (processes/answer-and-evidence.bpmn): the
// document data that took a FEEL for-loop or condition. Each reproduces the expression it replaced
// (test/unit/processes/declared-data-answer-and-evidence.test.ts holds it and checks the two agree);
// lists and objects are read as values or as JSON strings (as the engine holds them) alike.
import { variableAt, type DataBuilder } from '../variable-values.ts';
import { entryOf, fieldsFrom, forEachOf } from './feel-semantics.ts';

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
