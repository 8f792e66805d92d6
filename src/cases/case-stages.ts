// Stage rules of the case: which events a case can take in its current stage (the stage → events
// table is src/cases/stage-table.ts: what the running case-lifecycle diagram can take there); an
// event outside it gets 409 with the reason. The legal reasons come from src/judgment/court-events.ts
// (when the court can send an event at all). And how a stage change applies to the case row.
import { acceptsCourtEvent, type CourtEvent } from '../judgment/court-events.ts';
import type { CaseEventType } from './case-input.ts';
import { PROCESS_STAGES, STAGE_TABLE, stageRow, type ProcessStage } from './stage-table.ts';

export const CASE_STAGES: readonly ProcessStage[] = PROCESS_STAGES;

export const STAGE_LABELS: Record<string, string> = Object.fromEntries(Object.entries(STAGE_TABLE).map(([stage, row]) => [stage, row.label]));

export const EVENT_LABELS: Record<CaseEventType, string> = {
  'settlement-outcome': '审前和解结果',
  withdrawn: '原告撤诉',
  'hearing-scheduled': '开庭通知',
  'judgment-served': '裁判文书送达',
  'judgment-served-to-party': '向其他当事人送达裁判文书',
  'judgment-effective': '裁判生效证明',
  'appeal-filed': '提起上诉',
  'appeal-copy-served': '上诉状副本送达',
  'retrial-petition-served': '再审申请书副本送达',
  'judicial-recommendation': '司法建议',
  'procuratorial-recommendation': '检察建议',
  'hearing-moved': '开庭时间变更',
  'head-appearance-notice': '法院通知负责人出庭',
  'public-opinion-incident': '涉案舆情',
  'site-investigation': '现场调查、协调会',
};

/** stage → events the running diagrams can take there. Recommendations: every stage (their own process). */
export const STAGE_EVENTS: Record<string, readonly CaseEventType[]> = Object.fromEntries(PROCESS_STAGES.map((stage) => [stage, STAGE_TABLE[stage].processTakes]));

/** The API's event names in the court-event table of src/judgment/court-events.ts. */
export const COURT_EVENT_OF: Partial<Record<CaseEventType, CourtEvent>> = {
  withdrawn: 'case-withdrawn',
  'hearing-scheduled': 'hearing-scheduled',
  'hearing-moved': 'hearing-moved',
  'head-appearance-notice': 'head-appearance-notice',
  'judgment-served': 'judgment-served',
  'judgment-served-to-party': 'judgment-served-to-party',
  'judgment-effective': 'judgment-effective',
  'appeal-filed': 'appeal-filed',
  'appeal-copy-served': 'appeal-copy-served',
  'retrial-petition-served': 'retrial-petition-served',
  'judicial-recommendation': 'judicial-recommendation',
  'site-investigation': 'site-investigation',
  'procuratorial-recommendation': 'procuratorial-recommendation',
};

export interface CaseState {
  stage: string;
  status: string;
  settlementStatus: string;
  /** who appealed the first-instance decision, as the ledger records it (null: nobody yet) */
  appealBy?: 'plaintiff' | 'agency' | null;
  /** the court level (first / second / retrial) */
  level?: string;
  /** the latest decision's effective date is only estimated (a party's service date unknown) */
  effectEstimated?: boolean;
  /** the latest decision has not taken effect yet: estimated, or its (confirmed) date not reached — a party's own period still runs */
  effectPending?: boolean;
}

/** Events that fix the effective date (a further service, the court's certificate of effect). */
export const EFFECT_EVENTS: readonly CaseEventType[] = ['judgment-served-to-party', 'judgment-effective'];
/**
 * Stages after an estimated effect where those events still fix the date: ledger facts first (the
 * view and the deadlines move), then the message effective-date-moved sets the running performance
 * and loss-analysis steps' due dates and timers again. An appeal within the appellant's own period is
 * taken there too (the case goes back to second instance).
 */
export const AFTER_EFFECT_STAGES: readonly string[] = ['performance', 'loss-analysis', 'awaiting-effect'];

/** null when the case can take the event now; otherwise the reason (Chinese) it cannot. */
export function eventRefusal(state: CaseState, type: CaseEventType): string | null {
  // a judicial or procuratorial recommendation may come at any time, also after the case is closed or archived
  // so may public opinion about the case (its own process: the report to the government, LC Art. 48)
  if (type === 'judicial-recommendation' || type === 'procuratorial-recommendation' || type === 'public-opinion-incident') return null;
  // a retrial petition reopens an archived case (not a settled or withdrawn one)
  const reopens = type === 'retrial-petition-served' && state.status === 'closed' && state.stage === 'archived';
  if (type === 'retrial-petition-served' && state.status === 'open' && state.level === 'retrial') return '案件已在再审中，再审申请书副本不能重复送达';
  if (state.status !== 'open' && !reopens) return `案件已${state.status === 'settled' ? '和解结案' : state.status === 'withdrawn' ? '撤诉结案' : '结案'}，不能再接收“${EVENT_LABELS[type]}”`;
  if (EFFECT_EVENTS.includes(type) && AFTER_EFFECT_STAGES.includes(state.stage)) {
    return state.effectEstimated ? null : '裁判的生效日已经确定（各方当事人的送达日期均已知，或已有生效证明），不能再改变';
  }
  // the case went on at an estimated effective date: a party whose service date was unknown may still
  // appeal within its own period (checked next against that party's own service, 行诉法85)
  if (type === 'appeal-filed' && AFTER_EFFECT_STAGES.includes(state.stage) && !state.effectEstimated && !state.effectPending) {
    return '裁判已经生效（各方当事人的上诉期均已届满，或已有生效证明），不能再提起上诉；可依法申请再审';
  }
  const accepted: readonly CaseEventType[] = stageRow(state.stage)?.processTakes ?? [];
  if (!accepted.includes(type)) {
    const court = COURT_EVENT_OF[type];
    const legal = court ? acceptsCourtEvent(state.stage, court) : undefined;
    if (legal && !legal.accepted && !legal.reason.startsWith('未知')) return legal.reason;
  }
  if (!accepted.includes(type)) return `案件当前阶段（${STAGE_LABELS[state.stage] ?? state.stage}）不能接收“${EVENT_LABELS[type]}”`;
  if (type === 'appeal-copy-served' && state.appealBy !== 'plaintiff') {
    return state.appealBy === 'agency'
      ? '本机关是上诉人，对方未上诉，没有需要答辩的上诉状副本（如对方也已上诉，请先录入其上诉 appeal-filed）'
      : '尚未记录对方（原告）提起上诉，不能接收上诉状副本；请先录入 appeal-filed';
  }
  if (type === 'settlement-outcome' && state.settlementStatus !== 'mediating') {
    return `案件没有进行中的审前和解（和解状态：${state.settlementStatus}），不能接收和解结果`;
  }
  return null;
}

/** The stage / status / level a diagram step moves a case to, and the dates it records. */
export interface CaseStateChange {
  stage?: string;
  status?: string;
  settlementStatus?: string;
  /** the court level the case moves to (second instance 二审, retrial 再审) */
  level?: 'first' | 'second' | 'retrial';
  /** a retrial (再审) reopens an archived case (status closed → open); settled or withdrawn cases stay closed */
  reopen?: boolean;
  answerSubmittedOn?: string;
  withdrawnOn?: string;
}

/**
 * The case columns a change updates. Only an open case moves stage, status or level; a settled or
 * withdrawn case never reopens, an archived (closed) one does for a retrial (reopen); a settled or
 * withdrawn settlement stays as it is.
 */
export function stageChangeUpdate(row: { status: string; settlement_status: string }, change: CaseStateChange): Record<string, unknown> {
  const update: Record<string, unknown> = {};
  const reopening = change.reopen === true && row.status === 'closed';
  if (reopening) update.status = 'open';
  if (row.status === 'open' || reopening) {
    if (change.stage) update.stage = change.stage;
    if (change.status) update.status = change.status;
    if (change.level) update.level = change.level;
  }
  if (change.settlementStatus && !['settled', 'withdrawn'].includes(row.settlement_status)) update.settlement_status = change.settlementStatus;
  if (change.answerSubmittedOn) update.answer_submitted_on = change.answerSubmittedOn;
  if (change.withdrawnOn) update.withdrawn_on = change.withdrawnOn;
  return update;
}
