// Who is told what (通知规则), as data: one rule per event (= template id), with per-profile
// overrides where the seeds differ (the `notifications` of profiles/*.yaml). A diagram may name
// recipients itself; when it does not, these rules decide.
import { shanghaiDateOf } from '../deadlines/dates.ts';
import { PROFILES } from '../deadlines/profiles.ts';
import type { NotificationEvent, RecipientRole } from './events.ts';

export { notificationEvents, recipientRoles, type NotificationEvent, type RecipientRole } from './events.ts';

export const roleLabels: Record<RecipientRole, string> = {
  clerk: '办公室收发',
  handler: '承办单位',
  'legal-affairs': '法制机构',
  'legal-counsel': '法律顾问',
  'deputy-head': '分管负责人',
  'principal-head': '主要负责人',
  'justice-bureau': '司法局',
  head: '负责人',
};

export interface EventRule {
  event: NotificationEvent;
  /** Chinese name shown in lists and the subject prefix */
  title: string;
  recipients: RecipientRole[];
  /** urgent messages ignore do-not-disturb hours */
  urgent: boolean;
  /** urgent only once the deadline (data.dueDate) is today or past; before that do-not-disturb holds it */
  urgentFromDueDate?: boolean;
  /** where the rule comes from */
  source: string;
  /** set when the profile says this notice must not be sent; the reason is returned to the caller */
  disabledReason?: string;
  /** template data the profile adds (e.g. its fallback when the head cannot appear) */
  data?: Record<string, string>;
}

const baseRules: Record<NotificationEvent, Omit<EventRule, 'event'>> = {
  'case.registered': { title: '案件登记', recipients: ['handler', 'legal-affairs'], urgent: false, source: 'LC Art. 38; HN §2' },
  'case.assigned': { title: '确定应诉承办单位', recipients: ['handler', 'legal-affairs'], urgent: false, source: 'YT §2(2); LC Art. 10–11; JH §1(2)1' },
  // Each deadline: T-5 the handler; T-2 and T-0 the legal-affairs body as well.
  'deadline.reminder-5': { title: '期限提醒（5日）', recipients: ['handler'], urgent: false, source: 'DESIGN §5.3 reminders' },
  'deadline.reminder-2': { title: '期限提醒（2日）', recipients: ['handler', 'legal-affairs'], urgent: false, source: 'DESIGN §5.3 reminders' },
  'deadline.due-today': { title: '期限今日届满', recipients: ['handler', 'legal-affairs'], urgent: false, source: 'DESIGN §5.3 reminders' },
  // 督办 before the last day (the deadline engine's escalateAt, national: 1 working day before, 09:00),
  // while the heads can still make the handler act: the same people as the overdue escalation.
  'deadline.escalation': {
    title: '临期督办',
    recipients: ['handler', 'legal-affairs', 'head', 'principal-head', 'justice-bureau'],
    urgent: false,
    urgentFromDueDate: true,
    source: 'DESIGN §5.3 escalation; LC Art. 26; TZ §3(4)',
  },
  // 督办: the agency's heads and the justice bureau; the handler and legal-affairs body are told too.
  'deadline.overdue': {
    title: '逾期督办',
    recipients: ['handler', 'legal-affairs', 'head', 'principal-head', 'justice-bureau'],
    urgent: true,
    source: 'DESIGN §5.3 escalation; LC Art. 26; TZ §3(4)',
  },
  'hearing.summons': { title: '开庭传票', recipients: ['handler', 'legal-affairs', 'head'], urgent: false, source: 'LC Art. 13, 20; 法释〔2020〕3号 Art. 5' },
  'hearing.head-unable': {
    title: '负责人不能出庭',
    recipients: ['principal-head', 'legal-affairs'],
    urgent: true,
    source: '法释〔2020〕3号 Art. 8–9',
    data: { fallbackAdvice: '请向法院提交加盖机关印章或由主要负责人签字的书面说明，并委托相应工作人员出庭；必要时申请延期开庭。' },
  },
  'judgment.received': { title: '收到裁判文书', recipients: ['handler', 'legal-affairs', 'head'], urgent: false, source: 'ALL Art. 85; LC Art. 33' },
  'performance.due': { title: '履行期限提醒', recipients: ['handler', 'legal-affairs'], urgent: false, source: 'YT §2(6); LC Art. 35' },
  'site-investigation.department': { title: '现场调查、协调会：通知有关部门', recipients: ['handler', 'legal-affairs'], urgent: false, source: 'LC Art. 13 para 3' },
  'recommendation.reply-due': { title: '司法建议回复期限', recipients: ['handler', 'legal-affairs'], urgent: false, source: 'HN §7(4); LC Art. 36; JH §1(7)' },
  'quota.at-risk': { title: '年度出庭指标预警', recipients: ['principal-head', 'legal-affairs'], urgent: false, source: 'LC Art. 22 para 2' },
};

/** Where the seeds differ: each profile's `notifications` (profiles/<id>.yaml), by agencies.profile value. */
const profileOverrides = new Map(PROFILES.map((p) => [p.id, p.notifications ?? {}]));

export function ruleFor(event: NotificationEvent, profile: string | null | undefined): EventRule {
  const base = baseRules[event];
  const override = profileOverrides.get(profile ?? 'national')?.[event] ?? {};
  return { event, ...base, ...override, data: { ...base.data, ...override.data } };
}

/**
 * Calendar days from the day of `at` (Asia/Shanghai) to the due date: what a reminder says is left.
 * A reminder moved back off a rest day (T-2 of a Monday deadline goes on Friday) says 4, not 2.
 */
export function daysLeft(dueDate: string, at: Date): number {
  return Math.round((Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${shanghaiDateOf(at)}T00:00:00Z`)) / 86_400_000);
}

/**
 * Whether a message ignores do-not-disturb hours: an urgent rule or request always; a rule urgent from
 * the due date (the 督办 before the last day) only when the deadline is today or past at `now`.
 */
export function isUrgent(rule: Pick<EventRule, 'urgent' | 'urgentFromDueDate'>, request: { urgent?: boolean; dueDate?: unknown }, now: Date): boolean {
  if (request.urgent || rule.urgent) return true;
  return Boolean(rule.urgentFromDueDate && typeof request.dueDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(request.dueDate) && daysLeft(request.dueDate, now) <= 0);
}

/**
 * Expands `head` and removes duplicates, keeping the order. `head` means the deputy head(s) in
 * charge; when the agency has none, the principal head.
 */
export function expandRoles(roles: readonly RecipientRole[], available: { hasDeputyHead: boolean }): Exclude<RecipientRole, 'head'>[] {
  const out: Exclude<RecipientRole, 'head'>[] = [];
  for (const role of roles) {
    const concrete = role === 'head' ? (available.hasDeputyHead ? 'deputy-head' : 'principal-head') : role;
    if (!out.includes(concrete)) out.push(concrete);
  }
  return out;
}

export interface AgencyNode {
  id: string;
  kind: string;
  parentId: string | null;
}

/**
 * The justice bureau (司法局) that supervises an agency: walking up from the agency, the first
 * agency that is itself a justice bureau, or that has a justice bureau among its direct children
 * (a government's justice bureau supervises its departments).
 */
export function findJusticeBureau(agencies: readonly AgencyNode[], startId: string): string | null {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const seen = new Set<string>();
  let current = byId.get(startId);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    if (current.kind === 'justice-bureau') return current.id;
    const child = agencies.find((a) => a.parentId === current!.id && a.kind === 'justice-bureau');
    if (child) return child.id;
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return null;
}
