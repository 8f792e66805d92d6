// Data builders of processes/judicial-recommendation.bpmn (the fields that take logic; the task
// declares the rest as data.* headers).
import type { DataBuilder } from '../variable-values.ts';
import { fieldOfEach } from './feel-semantics.ts';

export const judicialRecommendationBuilders: Record<string, DataBuilder> = {
  /** r_doc (document judicial-recommendation-reply): the texts of the form's list of measures. */
  recommendationReply: (v) => ({ measures: fieldOfEach(v, 'replyMeasures', 'measure') }),
};
