// Rule and profile types. The rule data lives in profiles/*.yaml (validated by profile-schema.ts, loaded by
// profiles.ts); the engine (engine.ts) reads only these types.
import type { NotificationEvent, RecipientRole } from '../notifications/events.ts';
import type { PeriodSpec } from './periods.ts';

/** Facts whose date starts a period. Worker variables and the ledger use these names; the profile files may use no other. */
export const TRIGGER_EVENTS = [
  'complaintReceivedOn', // 收到起诉状副本（应诉通知书）之日
  'filedOn', // 法院立案之日
  'answerDueOn', // 答辩期限届满日 (derived from answer-and-evidence unless given)
  'plannedSubmissionOn', // 计划提交答辩材料之日 (set by the handler; never later than answerDueOn, which stands in until set)
  'answerSubmittedOn', // 提交答辩状之日
  'evidenceObstacleEndedOn', // 不能按期举证的正当事由消除之日
  'obstacleEndedOn', // 耽误期限的障碍消除之日
  'hearingAt', // 开庭日
  'judgmentServedOn', // 收到裁判文书之日
  'effectiveOn', // 裁判文书生效之日
  'appealCopyReceivedOn', // 收到上诉状副本之日
  'appealFiledOn', // 二审法院收到上诉（立案）之日
  'retrialPetitionReceivedOn', // 收到再审申请书副本之日
  'retrialFiledOn', // 再审申请立案之日
  'recommendationReceivedOn', // 收到司法建议书之日
  'decisionOn', // 作出问责决定之日
  'reportYearEnd', // 报告年度内的任一日（通常为12月31日）
  'reportPeriodEnd', // 报告期（季度）的最后一日
] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

/** Stages of the main process (DESIGN.md §5) a worker call can ask for; 'all' means every stage. */
export const STAGES = [
  'registration',
  'answer',
  'hearing',
  'judgment',
  'second-instance',
  'retrial',
  'performance',
  'loss-analysis',
  'recommendation',
  'reporting',
] as const;
export type Stage = (typeof STAGES)[number];

export type JudgmentKind = 'judgment' | 'ruling' | 'mediation';

export interface Citation {
  /** the document: a law, an SPC interpretation or a seed policy */
  document: string;
  /** article or section as the document numbers it */
  article: string;
  /** the seed file name (shared/seeds/) for local policies */
  file?: string;
  /** a caveat carried over from the rules catalog (UNCONFIRMED points) */
  note?: string;
}

interface RuleBase {
  id: string;
  /** short Chinese name */
  name: string;
  /** what has to be done, in Chinese */
  description: string;
  source: Citation;
  /** the rules catalog row(s) this implements */
  catalog: string;
  /** a rule may start later or end earlier than its profile version */
  validFrom?: string;
  validTo?: string;
}

/** 司法建议书, 检察建议书, 规范性文件处理建议书 (the court's proposal on an unlawful normative document) */
export const RECOMMENDATION_KINDS = ['judicial', 'procuratorial', 'normative-document'] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

export interface DeadlineRule extends RuleBase {
  kind: 'deadline';
  /** statutory (法定期限), internal (内部时限 of a local policy), court (the court's own term) */
  basis: 'statutory' | 'internal' | 'court';
  period: PeriodSpec;
  /** the events that start it; a rule with two triggers yields one deadline per trigger */
  triggers: TriggerEvent[];
  stages: Stage[];
  /** conditions on the case's options; a rule whose condition fails is not computed for the case */
  when?: { judgmentKind?: JudgmentKind[]; procedure?: 'simplified'; headAppeared?: false; recommendationKind?: RecommendationKind[] };
  /** 'required': the period is the court's (courtSetDays); 'optional': a court-set period replaces the default */
  courtSetPeriod?: 'required' | 'optional';
  /** the case option that carries the court-set days (default replyWithinDays, a recommendation's period) */
  courtSetOption?: 'replyWithinDays' | 'performanceWithinDays';
  /** what a court-set period is cited as when the rule's own source does not speak of it (Hunan's 3 months) */
  courtSetSource?: Citation;
}

export interface ThresholdRule extends RuleBase {
  kind: 'threshold';
  parameters: Record<string, number | string | boolean | null>;
}

export type Rule = DeadlineRule | ThresholdRule;

export interface ProfileVersion {
  validFrom: string;
  /** inclusive last day; null = open-ended */
  validTo: string | null;
  document: string;
  file?: string;
  rules: Rule[];
}

/**
 * When the 督办 (escalation to the heads and the justice bureau) of a deadline comes: N working days
 * before the last day at a local time, so the handler can still act within the period.
 */
export interface EscalationPolicy {
  /** working days before the last day, the last day not counted; at least 1 (the 督办 precedes the due-today reminder) */
  workingDaysBefore: number;
  /** 'HH:MM:SS', Asia/Shanghai */
  time: string;
  source: Citation;
}

/**
 * Who is told what where a profile differs from the product's rule for an event
 * (src/notifications/rules.ts): the fields given replace the base rule's, `data` is merged.
 */
export interface NotificationOverride {
  title?: string;
  recipients?: RecipientRole[];
  urgent?: boolean;
  urgentFromDueDate?: boolean;
  /** where the difference comes from, e.g. 'LC Art. 20' */
  source?: string;
  /** the profile says this notice must not be sent; the reason is returned to the caller */
  disabledReason?: string;
  /** template data the profile adds (e.g. its fallback when the head cannot appear) */
  data?: Record<string, string>;
}

export interface Profile {
  id: string;
  name: string;
  /** the profile whose rules apply where this one has none (national for every overlay) */
  parent: string | null;
  /** set on national; an overlay that sets its own replaces it */
  escalation?: EscalationPolicy;
  /** notification routing that differs from the product's base rules, by event */
  notifications?: Partial<Record<NotificationEvent, NotificationOverride>>;
  versions: ProfileVersion[];
}

/** "002_963c834d180c3dcb.txt 第三十八条（聊城市行政应诉工作管理办法）" or "《中华人民共和国行政诉讼法》第六十七条". */
export function citationText(c: Citation): string {
  return c.file ? `${c.file} ${c.article}（${c.document}）` : `${c.document}${c.article}`;
}
