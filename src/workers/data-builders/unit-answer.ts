// Data builders of the unit-answer diagram (processes/unit-answer.bpmn): the reconsideration organ's
// own answer brief (reconsideration-answer-brief) from the unit-answer-draft form.
import { variableAt, type DataBuilder } from '../variable-values.ts';
import { fieldsFrom } from './feel-semantics.ts';

/** One line of the form's legal basis: 《title》articles, the marks optional; blank lines dropped. */
export function legalBasisLines(text: unknown): { title: string; articles: string | null }[] {
  if (typeof text !== 'string') return [];
  return text
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/[；;，,。]+$/u, ''))
    .filter(Boolean)
    .map((line) => {
      const marked = /^《(.+?)》\s*(.*)$/u.exec(line);
      if (marked) return { title: marked[1]!, articles: marked[2] || null };
      const plain = /^(.+?)(第.+)$/u.exec(line);
      return plain ? { title: plain[1]!.trim(), articles: plain[2]! } : { title: line, articles: null };
    });
}

export const unitAnswerBuilders: Record<string, DataBuilder> = {
  /** ua_doc — 行政答辩状（复议机关）: the organ as 答辩人, its decision, procedure, reasons and basis. */
  reconsiderationAnswerBrief: (v) => ({
    ...fieldsFrom(v, {
      answeringAgency: 'answeringAgency',
      decisionNumber: 'decisionNumber',
      decidedOn: 'decidedOn',
      decisionSummary: 'decisionSummary',
      procedure: 'reconsiderationProcedure',
      reasons: 'reconsiderationReasons',
      request: 'reconsiderationAnswerRequest',
    }),
    legalBasis: legalBasisLines(variableAt(v, 'reconsiderationLegalBasis')),
  }),
};
