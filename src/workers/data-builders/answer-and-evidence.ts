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

  /**
   * w_doc_answer — 行政答辩状: each objection with its own reasoning (a row {ground, reasoning} of the
   * form), or — for a ticked ground without one — the shared reasoning, or the stock phrase.
   */
  answerBrief: (v) => {
    const shared = variableAt(v, 'objectionReasoning') ?? SEE_ARGUMENTS;
    return {
      ...fieldsFrom(v, { claims: 'claims', facts: 'facts', legalBasis: 'legalBasis', arguments: 'answerArguments' }),
      objections: forEachOf(variableAt(v, 'objections'), (o) =>
        o !== null && typeof o === 'object' ? { ground: entryOf(o, 'ground'), reasoning: entryOf(o, 'reasoning') ?? shared } : { ground: o, reasoning: shared },
      ),
      ...fieldsFrom(v, { request: 'answerRequest', agents: 'agents' }),
    };
  },

  /**
   * w_doc_evidence — 证据目录: the evidence items grouped by their category, in the order of
   * EVIDENCE_CATEGORIES (items without one in a last group), and the answer's legal basis as the
   * 法律依据清单 (ALL Art. 67).
   */
  evidenceList: (v) => {
    const listed = variableAt(v, 'evidenceItems');
    const items = (Array.isArray(listed) ? listed : []) as Record<string, unknown>[];
    const categoryOf = (item: Record<string, unknown>) => (typeof item?.category === 'string' && item.category in EVIDENCE_CATEGORIES ? (item.category as EvidenceCategory) : 'other');
    const groups = (Object.keys(EVIDENCE_CATEGORIES) as EvidenceCategory[])
      .map((category) => ({ title: EVIDENCE_CATEGORIES[category], items: items.filter((item) => categoryOf(item) === category) }))
      .filter((g) => g.items.length > 0);
    return { groups, normativeBasis: variableAt(v, 'legalBasis') };
  },
};

/** The categories of a defendant's evidence, in the order courts expect them. */
export const EVIDENCE_CATEGORIES = {
  authority: '职权依据',
  facts: '事实证据',
  procedure: '程序证据',
  other: '其他证据',
} as const;
type EvidenceCategory = keyof typeof EVIDENCE_CATEGORIES;
