// Named data builders (declared-data.ts): data a diagram task needs that takes logic to assemble.
// One module per process (the diagram whose tasks name them); a builder is a pure function of the
// process variables, unit-tested against the expression it replaced.
import type { DataBuilder } from '../declared-data.ts';
import { judicialRecommendationBuilders } from './judicial-recommendation.ts';
import { lossAnalysisBuilders } from './loss-analysis.ts';
import { performanceBuilders } from './performance.ts';

export const dataBuilders: Record<string, DataBuilder> = {
  ...performanceBuilders,
  ...lossAnalysisBuilders,
  ...judicialRecommendationBuilders,
};
