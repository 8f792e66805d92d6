// Named data builders (declared-data.ts): data a diagram task needs that takes logic to assemble.
// One module per process (the diagram whose tasks name them); a builder is a pure function of the
// process variables, unit-tested against the expression it replaced.
import type { DataBuilder } from '../variable-values.ts';
import { answerAndEvidenceBuilders } from './answer-and-evidence.ts';
import { hearingBuilders } from './hearing.ts';
import { judgmentAndAppealBuilders } from './judgment-and-appeal.ts';
import { judicialRecommendationBuilders } from './judicial-recommendation.ts';
import { lossAnalysisBuilders } from './loss-analysis.ts';
import { performanceBuilders } from './performance.ts';
import { unitAnswerBuilders } from './unit-answer.ts';

const modules = [answerAndEvidenceBuilders, hearingBuilders, judgmentAndAppealBuilders, judicialRecommendationBuilders, lossAnalysisBuilders, performanceBuilders, unitAnswerBuilders];

export const dataBuilders: Record<string, DataBuilder> = {};
for (const builders of modules) {
  for (const [name, builder] of Object.entries(builders)) {
    // a name used twice would silently replace the first builder
    if (dataBuilders[name]) throw new Error(`data builder "${name}" is defined twice`);
    dataBuilders[name] = builder;
  }
}
