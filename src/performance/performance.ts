// Performance (履行) of an effective judgment, ruling or mediation document: a small state machine
// (plan → actions → completion), the limit on re-making an annulled act on the same facts and reasons
// (Hunan §5(2); ALL Art. 71), and the escalation of overdue performance. Pure.
import { z } from 'zod';
import { ConflictError, InputError, inputErrorFromZod } from '../errors.ts';
import { requireIsoDate } from '../deadlines/dates.ts';
import { ALL, hn, law, lc, reason, yt, type Reason } from '../policy-sources/citations.ts';
import { jurisdictionInForce } from '../policy-sources/profiles.ts';

// ---- state machine ------------------------------------------------------------------------------

export const PERFORMANCE_STATES = ['awaiting-plan', 'planned', 'in-progress', 'completed'] as const;
export type PerformanceState = (typeof PERFORMANCE_STATES)[number];
export const PERFORMANCE_STATE_LABELS: Record<PerformanceState, string> = {
  'awaiting-plan': '待制定履行方案',
  planned: '已制定履行方案',
  'in-progress': '履行中',
  completed: '履行完毕',
};

export type PerformanceEvent =
  | { type: 'plan'; content: string; dueOn: string }
  | { type: 'action'; description: string; on: string }
  | { type: 'complete'; on: string; summary: string }
  | { type: 'replan'; content: string; dueOn: string; reason: string };

export interface PerformanceRecord {
  state: PerformanceState;
  plan: { content: string; dueOn: string } | null;
  actions: { description: string; on: string }[];
  completedOn: string | null;
}

export const initialPerformance = (): PerformanceRecord => ({ state: 'awaiting-plan', plan: null, actions: [], completedOn: null });

const ALLOWED: Record<PerformanceState, PerformanceEvent['type'][]> = {
  'awaiting-plan': ['plan'],
  planned: ['action', 'replan', 'complete'],
  'in-progress': ['action', 'replan', 'complete'],
  completed: [],
};

/** Applies an event; a wrong one is a ConflictError (HTTP 409) with the reason in Chinese. */
export function applyPerformanceEvent(record: PerformanceRecord, event: PerformanceEvent): PerformanceRecord {
  if (!ALLOWED[record.state].includes(event.type)) {
    const why =
      record.state === 'completed'
        ? '履行已经完毕，不能再变更'
        : record.state === 'awaiting-plan'
          ? '尚未制定履行方案，请先制定履行方案（内容与完成期限）'
          : `当前状态“${PERFORMANCE_STATE_LABELS[record.state]}”不接受该操作`;
    throw new ConflictError('PERFORMANCE_STATE', why, { state: record.state, event: event.type });
  }
  switch (event.type) {
    case 'plan':
    case 'replan':
      requireIsoDate(event.dueOn, 'dueOn');
      if (!event.content.trim()) throw new InputError([{ field: 'content', message: '请填写履行方案内容' }]);
      return { ...record, state: record.state === 'awaiting-plan' ? 'planned' : record.state, plan: { content: event.content, dueOn: event.dueOn } };
    case 'action':
      requireIsoDate(event.on, 'on');
      return { ...record, state: 'in-progress', actions: [...record.actions, { description: event.description, on: event.on }] };
    case 'complete':
      requireIsoDate(event.on, 'on');
      return { ...record, state: 'completed', completedOn: event.on };
  }
}

// ---- re-made act (重作) ----------------------------------------------------------------------------

export const RemadeActSchema = z.object({
  profile: z.string({ message: '缺少规则配置 profile' }),
  decisionDate: z.string({ message: '缺少决定日期 decisionDate（YYYY-MM-DD）' }),
  /** why the court annulled the original act */
  annulledFor: z.enum(['substance', 'procedure', 'law-application'], { message: '撤销理由应为 substance（事实或证据等实体问题）、procedure（程序违法）或 law-application（法律适用问题）' }),
  sameFacts: z.boolean({ message: '请说明新行为所依据的事实是否与原行为相同' }),
  sameReasons: z.boolean({ message: '请说明新行为所依据的理由是否与原行为相同' }),
  /** the new act is basically the same as the annulled one (same content and result) */
  substantiallySame: z.boolean({ message: '请说明新行为是否与原行为基本相同' }),
});
export type RemadeActInput = z.input<typeof RemadeActSchema>;

export interface RemadeActCheck {
  allowed: boolean;
  reason: Reason;
}

/** May the agency issue this new act after a judgment ordering it to re-make the annulled one? */
export function checkRemadeAct(raw: RemadeActInput | unknown): RemadeActCheck {
  const parsed = RemadeActSchema.safeParse(raw);
  if (!parsed.success) throw inputErrorFromZod(parsed.error);
  const i = parsed.data;
  const j = jurisdictionInForce(i.profile, i.decisionDate, { profile: 'profile', date: 'decisionDate' });
  const source = j === 'hunan' ? hn('五、（二）') : law(ALL, '第七十一条', '条文序号据研究笔记，未经官方文本核对（UNCONFIRMED）');
  if (i.annulledFor !== 'substance') {
    return {
      allowed: true,
      reason: reason('remade-act-exception', `原行政行为因${i.annulledFor === 'procedure' ? '程序违法' : '法律适用问题'}被判决撤销的，可以在纠正后重新作出内容相同的行政行为`, source),
    };
  }
  const barred = i.sameFacts && i.sameReasons && i.substantiallySame;
  return barred
    ? { allowed: false, reason: reason('remade-act-barred', '人民法院判决责令重新作出行政行为的，不得以同一事实和理由作出与原行政行为基本相同的行政行为', source) }
    : { allowed: true, reason: reason('remade-act-differs', '新行政行为所依据的事实、理由或内容与被撤销的行为不同，不属于以同一事实和理由重复作出', source) };
}

// ---- overdue escalation ----------------------------------------------------------------------------

export type EscalationLevel = 'none' | 'remind' | 'escalate-head' | 'upper-agency-recommendation';

export interface OverdueDecision {
  level: EscalationLevel;
  daysOverdue: number;
  /** roles to notify (person_roles.role) */
  recipients: string[];
  /** the notification template (src/notifications/templates.ts) */
  notificationEvent: 'performance.due' | null;
  urgent: boolean;
  reasons: Reason[];
}

/**
 * What to do about performance on `today`: remind before the due date, escalate to the principal head once
 * overdue, and — when the court has sent a judicial recommendation about non-performance — the upper-level
 * agency's performance recommendation (履行建议书, LC Art. 35). ALL Art. 96 lists the court's sanctions.
 */
export function decideOverduePerformance(input: {
  profile: string;
  dueOn: string;
  today: string;
  completed: boolean;
  courtRecommendationReceived?: boolean;
  /** remind this many calendar days before the due date */
  remindDaysBefore?: number;
}): OverdueDecision {
  const due = requireIsoDate(input.dueOn, 'dueOn');
  const today = requireIsoDate(input.today, 'today');
  const j = jurisdictionInForce(input.profile, input.today, { profile: 'profile', date: 'today' });
  const daysOverdue = Math.max(0, today - due);
  const none: OverdueDecision = { level: 'none', daysOverdue: 0, recipients: [], notificationEvent: null, urgent: false, reasons: [] };
  if (input.completed) return none;
  const sanction = reason('all-96-sanctions', '行政机关拒绝履行的，人民法院可以对负责人按日处五十元至一百元罚款、予以公告、向监察机关或上一级行政机关提出司法建议，情节严重的予以拘留', law(ALL, '第九十六条'));
  if (today <= due) {
    if (due - today > (input.remindDaysBefore ?? 5)) return none;
    return {
      level: 'remind',
      daysOverdue: 0,
      recipients: ['handler', 'legal-affairs'],
      notificationEvent: 'performance.due',
      urgent: false,
      reasons: [reason('perform-on-time', `履行期限${input.dueOn}即将届满，应当自觉履行生效裁判`, law(ALL, '第九十四条'))],
    };
  }
  const headDuty =
    j === 'liaocheng'
      ? reason('lc-head-urges-performance', '行政机关负责人应当督促本机关及时、自觉履行人民法院生效裁判', lc('第三十五条第二款'))
      : j === 'hunan'
        ? reason('hn-no-delay', '不得以任何理由拒绝履行或者拖延履行人民法院生效裁判', hn('五、（二）'))
        : j === 'yantai'
          ? reason('yt-track-performance', '及时跟踪人民法院生效裁判履行情况', yt('二、（六）'))
          : reason('perform-effective-decision', '当事人必须履行人民法院发生法律效力的判决、裁定、调解书', law(ALL, '第九十四条'));
  if (input.courtRecommendationReceived) {
    const upper =
      j === 'liaocheng'
        ? reason('lc-upper-agency-recommendation', '上一级行政机关在接到法院司法建议后，应当向涉案行政机关提出履行建议书，督促其及时履行；仍不履行且造成较坏影响的，司法行政机关可以协调按《行政诉讼法》第九十六条处理', lc('第三十五条第三款'))
        : reason('court-recommendation-to-upper', '人民法院可以向监察机关或者该行政机关的上一级行政机关提出司法建议，接受司法建议的机关应当将处理情况告知人民法院', law(ALL, '第九十六条第（四）项'));
    return { level: 'upper-agency-recommendation', daysOverdue, recipients: ['principal-head', 'legal-affairs', 'justice-bureau'], notificationEvent: 'performance.due', urgent: true, reasons: [upper, headDuty, sanction] };
  }
  return { level: 'escalate-head', daysOverdue, recipients: ['principal-head', 'deputy-head', 'legal-affairs', 'handler'], notificationEvent: 'performance.due', urgent: true, reasons: [headDuty, sanction] };
}

/** For tests and the UI: days between two ISO dates. */
