// Data builders of processes/loss-analysis.bpmn (the fields that take logic; the task declares the
// rest as data.* headers).
import { variableAt, type DataBuilder } from '../variable-values.ts';
import { fieldOfEach } from './feel-semantics.ts';

export const lossAnalysisBuilders: Record<string, DataBuilder> = {
  /**
   * l_report_doc (document loss-analysis-report): the judgment's kind (anything but a judgment is a
   * ruling) and the texts of the form's lists of loss reasons and measures.
   */
  lossAnalysisReport: (v) => ({
    judgment: { kind: variableAt(v, 'judgmentKind') === 'judgment' ? 'judgment' : 'ruling' },
    lossReasons: fieldOfEach(v, 'lossReasons', 'reason'),
    measures: fieldOfEach(v, 'measures', 'measure'),
  }),
};
