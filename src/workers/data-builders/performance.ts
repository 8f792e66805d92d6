// Data builders of processes/performance.bpmn (the fields that take logic; the task declares the rest
// as data.* headers).
import type { DataBuilder } from '../variable-values.ts';
import { equalsTrue } from './feel-semantics.ts';

export const performanceBuilders: Record<string, DataBuilder> = {
  /** f_plan_record (ledger event performance-planned): remakeOrdered = true (an unticked box is false). */
  performancePlan: (v) => ({ remakeOrdered: equalsTrue(v, 'remakeOrdered') }),
};
