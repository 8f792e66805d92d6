// Which court events a case can take in its current stage: the ONE stage → events table of the case
// API (what the running case-lifecycle diagram can take there); an event outside it gets 409 with
// the reason. The legal reasons for the part-2 stages come from src/judgment/court-events.ts
// (COURT_EVENT_STAGES: when the court can send an event at all), whose labels are reused here.
import { acceptsCourtEvent, CASE_STAGE_LABELS, type CourtEvent } from '../judgment/court-events.ts';
import type { CaseEventType } from './case-input.ts';

export const CASE_STAGES = ['registration', 'answer', 'awaiting-hearing', 'hearing', 'judgment', 'second-instance', 'retrial', 'performance', 'loss-analysis', 'archived', 'closed'] as const;
export type CaseStage = (typeof CASE_STAGES)[number] | (string & {});

export const STAGE_LABELS: Record<string, string> = {
  ...CASE_STAGE_LABELS,
  'awaiting-hearing': '答辩完毕，等待开庭',
  closed: '已结案',
};

export const EVENT_LABELS: Record<CaseEventType, string> = {
  'settlement-outcome': '审前和解结果',
  withdrawn: '原告撤诉',
  'hearing-scheduled': '开庭通知',
  'judgment-served': '裁判文书送达',
  'appeal-filed': '提起上诉',
  'judicial-recommendation': '司法建议',
  'hearing-moved': '开庭时间变更',
};

const IN_TRIAL: readonly CaseEventType[] = ['hearing-scheduled', 'hearing-moved', 'judgment-served', 'withdrawn'];

/** stage → events the running diagrams can take there. judicial-recommendation: every stage (its own process). */
export const STAGE_EVENTS: Record<string, readonly CaseEventType[]> = {
  registration: ['withdrawn', 'settlement-outcome', 'judicial-recommendation'],
  answer: ['withdrawn', 'settlement-outcome', 'hearing-scheduled', 'judicial-recommendation'],
  'awaiting-hearing': ['withdrawn', 'settlement-outcome', 'hearing-scheduled', 'judicial-recommendation'],
  hearing: ['withdrawn', 'hearing-moved', 'hearing-scheduled', 'judgment-served', 'judicial-recommendation'],
  judgment: ['appeal-filed', 'judicial-recommendation'],
  'second-instance': [...IN_TRIAL, 'judicial-recommendation'],
  retrial: [...IN_TRIAL, 'judicial-recommendation'],
  performance: ['judicial-recommendation'],
  'loss-analysis': ['judicial-recommendation'],
  archived: ['judicial-recommendation'],
  closed: ['judicial-recommendation'],
};

/** The API's event names in the court-event table of src/judgment/court-events.ts. */
const COURT_EVENT_OF: Partial<Record<CaseEventType, CourtEvent>> = {
  withdrawn: 'case-withdrawn',
  'hearing-scheduled': 'hearing-scheduled',
  'hearing-moved': 'hearing-moved',
  'judgment-served': 'judgment-served',
  'appeal-filed': 'appeal-filed',
  'judicial-recommendation': 'judicial-recommendation',
};

export interface CaseState {
  stage: string;
  status: string;
  settlementStatus: string;
}

/** null when the case can take the event now; otherwise the reason (Chinese) it cannot. */
export function eventRefusal(state: CaseState, type: CaseEventType): string | null {
  // a judicial recommendation may come at any time, also after the case is closed or archived
  if (type === 'judicial-recommendation') return null;
  if (state.status !== 'open') return `案件已${state.status === 'settled' ? '和解结案' : state.status === 'withdrawn' ? '撤诉结案' : '结案'}，不能再接收“${EVENT_LABELS[type]}”`;
  const accepted = STAGE_EVENTS[state.stage] ?? [];
  if (!accepted.includes(type)) {
    const court = COURT_EVENT_OF[type];
    const legal = court ? acceptsCourtEvent(state.stage, court) : undefined;
    if (legal && !legal.accepted && !legal.reason.startsWith('未知')) return legal.reason;
  }
  if (!accepted.includes(type)) return `案件当前阶段（${STAGE_LABELS[state.stage] ?? state.stage}）不能接收“${EVENT_LABELS[type]}”`;
  if (type === 'settlement-outcome' && state.settlementStatus !== 'mediating') {
    return `案件没有进行中的审前和解（和解状态：${state.settlementStatus}），不能接收和解结果`;
  }
  return null;
}
