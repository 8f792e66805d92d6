// The recommendations of a case (司法建议 / 检察建议 / 规范性文件处理建议书), from the ledger: a case
// may receive several, each with its own key, reply deadline, reply letter and status. Each court event
// (court-event:judicial-recommendation / court-event:procuratorial-recommendation) is one
// recommendation; its key (`r<event id>`) travels with its process, qualifies its reply deadline's
// trigger key (recommendationReceivedOn:<key>) and is recorded with its reply
// (judicial-recommendation-replied). Read-only.
import type { StoredDeadline } from '../deadlines/ledger.ts';
import type { RecommendationKind } from '../deadlines/rules.ts';
import { RECOMMENDATION_KIND_INFO } from './reply.ts';

/** The key of the recommendation a court event recorded: it names the recommendation everywhere after. */
export const recommendationKeyOf = (caseEventId: string | number) => `r${caseEventId}`;

export const RECOMMENDATION_STATUS_LABELS = { open: '待回复', replied: '已回复' } as const;
export type RecommendationStatus = keyof typeof RECOMMENDATION_STATUS_LABELS;

export interface CaseRecommendation {
  key: string;
  kind: RecommendationKind;
  name: string;
  issuer: string | null;
  receivedOn: string;
  /** the period the recommendation sets (days), null when it sets none */
  replyWithinDays: number | null;
  /** the reply deadline in the ledger; null when the agency replies promptly (及时, no period) */
  replyDue: string | null;
  replyExplanation: string | null;
  status: RecommendationStatus;
  /** 待回复 / 已回复, and 已逾期未回复 when its reply deadline has passed unanswered */
  statusLabel: string;
  /** unanswered after its reply deadline */
  overdue: boolean;
  repliedOn: string | null;
  replyDocumentId: string | null;
  copiedTo: string | null;
}

interface EventRow {
  id: string;
  type: string;
  payload: Record<string, any>;
}

const RECEIVED = ['court-event:judicial-recommendation', 'court-event:procuratorial-recommendation'];

/**
 * The case's recommendations in the order received, each matched with its deadline (trigger key
 * recommendationReceivedOn:<key>) and its reply (the replied event with its key). `today` decides
 * whether an unanswered one is overdue. A reply recorded without a key (a process started before keys) answers the earliest
 * unanswered recommendation of the same kind received that day.
 */
export function caseRecommendationsOf(events: readonly EventRow[], deadlines: readonly StoredDeadline[], today: string): CaseRecommendation[] {
  const replies = events.filter((e) => e.type === 'judicial-recommendation-replied');
  const used = new Set<string>();
  const list = events
    .filter((e) => RECEIVED.includes(e.type))
    .map((e) => {
      const p = e.payload;
      const key = recommendationKeyOf(e.id);
      const kind: RecommendationKind = e.type === 'court-event:procuratorial-recommendation' ? 'procuratorial' : (p.kind ?? 'judicial');
      const deadline = deadlines.find((d) => d.triggerKey === `recommendationReceivedOn:${key}`) ?? null;
      return { key, kind, issuer: (p.issuer as string | undefined) ?? null, receivedOn: p.receivedOn as string, replyWithinDays: (p.replyWithinDays as number | undefined) ?? null, deadline };
    });
  return list.map((r) => {
    let reply = replies.find((e) => e.payload.recommendationKey === r.key && !used.has(e.id));
    reply ??= replies.find((e) => !e.payload.recommendationKey && !used.has(e.id) && e.payload.receivedOn === r.receivedOn && (e.payload.kind ?? 'judicial') === r.kind);
    if (reply) used.add(reply.id);
    // a recommendation from before keys: its deadline is the one of the plain trigger key
    const deadline = r.deadline ?? deadlines.find((d) => d.triggerKey === 'recommendationReceivedOn' && d.trigger === r.receivedOn && d.rule === RECOMMENDATION_KIND_INFO[r.kind].replyRule) ?? null;
    const status: RecommendationStatus = reply ? 'replied' : 'open';
    const overdue = !reply && deadline !== null && deadline.due < today;
    return {
      key: r.key,
      kind: r.kind,
      name: RECOMMENDATION_KIND_INFO[r.kind].name,
      issuer: r.issuer,
      receivedOn: r.receivedOn,
      replyWithinDays: r.replyWithinDays,
      replyDue: deadline?.due ?? null,
      replyExplanation: deadline?.explanation ?? null,
      status,
      statusLabel: overdue ? '已逾期未回复' : RECOMMENDATION_STATUS_LABELS[status],
      overdue,
      repliedOn: (reply?.payload.repliedOn as string | undefined) ?? null,
      replyDocumentId: (reply?.payload.documentId as string | undefined) ?? null,
      copiedTo: (reply?.payload.copiedTo as string | undefined) ?? null,
    };
  });
}
