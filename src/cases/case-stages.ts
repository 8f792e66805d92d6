// Which court events a case can take in its current stage. Part 2 extends STAGE_EVENTS with the
// stages after the hearing; an event outside the table gets 409 with the reason.
import type { CaseEventType } from './case-input.ts';

export const CASE_STAGES = ['registration', 'answer', 'awaiting-hearing', 'hearing', 'closed'] as const;
export type CaseStage = (typeof CASE_STAGES)[number] | (string & {});

export const STAGE_LABELS: Record<string, string> = {
  registration: '收件登记',
  answer: '答辩举证',
  'awaiting-hearing': '答辩完毕，等待开庭',
  hearing: '出庭应诉',
  closed: '已结案',
};

export const EVENT_LABELS: Record<CaseEventType, string> = {
  'settlement-outcome': '审前和解结果',
  withdrawn: '原告撤诉',
  'hearing-scheduled': '开庭通知',
  'judgment-served': '裁判文书送达',
  'appeal-filed': '提起上诉',
  'judicial-recommendation': '司法建议',
};

/** stage → events the running diagrams can take there (part 1: service to the hearing notice). */
export const STAGE_EVENTS: Record<string, readonly CaseEventType[]> = {
  registration: ['withdrawn', 'settlement-outcome'],
  answer: ['withdrawn', 'settlement-outcome', 'hearing-scheduled'],
  'awaiting-hearing': ['withdrawn', 'settlement-outcome', 'hearing-scheduled'],
};

export interface CaseState {
  stage: string;
  status: string;
  settlementStatus: string;
}

/** null when the case can take the event now; otherwise the reason (Chinese) it cannot. */
export function eventRefusal(state: CaseState, type: CaseEventType): string | null {
  if (state.status !== 'open') return `案件已${state.status === 'settled' ? '和解结案' : state.status === 'withdrawn' ? '撤诉结案' : '结案'}，不能再接收“${EVENT_LABELS[type]}”`;
  const accepted = STAGE_EVENTS[state.stage] ?? [];
  if (!accepted.includes(type)) return `案件当前阶段（${STAGE_LABELS[state.stage] ?? state.stage}）不能接收“${EVENT_LABELS[type]}”`;
  if (type === 'settlement-outcome' && state.settlementStatus !== 'mediating') {
    return `案件没有进行中的审前和解（和解状态：${state.settlementStatus}），不能接收和解结果`;
  }
  return null;
}
