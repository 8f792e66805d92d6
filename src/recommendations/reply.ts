// Recommendations to the agency (司法建议 / 检察建议 / 规范性文件处理建议书): the reply period and the
// duties the seeds attach. The period comes from the deadline engine's reply rule of the kind: the
// period the recommendation itself sets wins over every profile default (issue 12: Hunan's 3 months,
// 七、（四）, never make the agency miss a shorter court period); without one, Yantai gives 60 days
// (三、（一）), Hunan 3 months, elsewhere the agency replies promptly (及时). A recommendation can arrive
// at any stage, also after the case is archived (see src/judgment/court-events.ts).
import { z } from 'zod';
import { inputErrorFromZod } from '../errors.ts';
import type { WorkCalendar } from '../deadlines/calendar.ts';
import { computeDeadline, requireProfile, resolveRule } from '../deadlines/engine.ts';
import { RECOMMENDATION_KINDS, type RecommendationKind } from '../deadlines/rules.ts';
import { hn, jh, lc, reason, yt, type Reason } from '../policy-sources/citations.ts';
import { jurisdictionInForce, type Jurisdiction } from '../policy-sources/profiles.ts';

export { RECOMMENDATION_KINDS };

/** What each kind is called, its reply rule (profiles/*.yaml) and its reply letter (document kind). */
export const RECOMMENDATION_KIND_INFO = {
  judicial: { name: '司法建议', replyRule: 'judicial-recommendation-reply', replyDocumentKind: 'judicial-recommendation-reply' },
  procuratorial: { name: '检察建议', replyRule: 'procuratorial-recommendation-reply', replyDocumentKind: 'procuratorial-recommendation-reply' },
  'normative-document': { name: '规范性文件处理建议', replyRule: 'normative-document-recommendation-reply', replyDocumentKind: 'normative-document-recommendation-reply' },
} as const satisfies Record<RecommendationKind, { name: string; replyRule: string; replyDocumentKind: string }>;

export const RecommendationSchema = z.object({
  profile: z.string({ message: '缺少规则配置 profile' }),
  kind: z.enum(RECOMMENDATION_KINDS, { message: '建议种类应为 judicial（司法建议）、procuratorial（检察建议）或 normative-document（规范性文件处理建议书）' }),
  receivedOn: z.string({ message: '缺少收到建议书之日 receivedOn（YYYY-MM-DD）' }),
  /** the reply period the recommendation itself sets, in days */
  replyWithinDays: z.number().int().min(1).max(3650).optional(),
});
export type RecommendationInput = z.input<typeof RecommendationSchema>;

export interface RecommendationAssessment {
  jurisdiction: Jurisdiction;
  kind: RecommendationKind;
  /** null when neither the profile nor the recommendation sets a period: reply 及时 (promptly) */
  reply: { rule: string; due: string; dueAt: string; status: string; source: string; explanation: string; courtSet: boolean } | null;
  needsPeriodFromRecommendation: boolean;
  obligations: Reason[];
}

export function assessRecommendation(cal: WorkCalendar, raw: RecommendationInput | unknown): RecommendationAssessment {
  const parsed = RecommendationSchema.safeParse(raw);
  if (!parsed.success) throw inputErrorFromZod(parsed.error);
  const input = parsed.data;
  const j = jurisdictionInForce(input.profile, input.receivedOn, { profile: 'profile', date: 'receivedOn' });
  const rule = RECOMMENDATION_KIND_INFO[input.kind].replyRule;
  const resolved = resolveRule(requireProfile(input.profile), rule, input.receivedOn);
  const profileDefault = resolved?.rule.kind === 'deadline' && resolved.rule.courtSetPeriod !== 'required';
  let reply: RecommendationAssessment['reply'] = null;
  if (input.replyWithinDays !== undefined || profileDefault) {
    const courtSetDays = input.replyWithinDays;
    const r = computeDeadline(cal, { profile: input.profile, rule, trigger: input.receivedOn, ...(courtSetDays !== undefined ? { courtSetDays } : {}) });
    reply = { rule: r.rule, due: r.due, dueAt: r.dueAt, status: r.status, source: r.source, explanation: r.explanation, courtSet: courtSetDays !== undefined };
  }
  return { jurisdiction: j, kind: input.kind, reply, needsPeriodFromRecommendation: reply === null, obligations: obligationsOf(j, input.kind) };
}

/** The duties the seed texts attach, only to the kinds each text names. */
function obligationsOf(j: Jurisdiction, kind: RecommendationKind): Reason[] {
  const obligations: Reason[] = [];
  if (j === 'yantai' && kind === 'judicial') obligations.push(reason('yt-copy-legal-affairs', '书面回复司法机关，并抄送本级政府法制机构', yt('三、（一）')));
  if (j === 'hunan' && kind === 'judicial') {
    obligations.push(reason('hn-correct-act', '司法建议涉及行政行为违法或者需要做好善后工作的，应当及时纠正违法行政行为或者做好善后工作', hn('七、（四）')));
    obligations.push(reason('hn-fix-rules', '司法建议涉及法律、法规、规章、规范性文件实施中带有普遍性问题的，应当及时完善相关制度', hn('七、（四）')));
  }
  // LC Art. 36 names 司法建议 and 检察建议; JH 一、（七） names 司法建议书 and 规范性文件处理建议书
  if (j === 'liaocheng' && kind !== 'normative-document') obligations.push(reason('lc-reply-promptly', '对人民法院的司法建议和人民检察院的检察建议认真研究和办理，并将办理结果及时书面回复', lc('第三十六条')));
  if (j === 'jinghai' && kind !== 'procuratorial') obligations.push(reason('jh-reply-in-period', '对司法建议书、规范性文件处理建议书认真研究处理措施，在规定期限内书面回复人民法院', jh('一、（七）')));
  return obligations;
}

/** The duties as one line for the reply forms: "text（source）" joined by "；" ("" when there are none). */
export function obligationsText(obligations: readonly Pick<Reason, 'text' | 'source'>[]): string {
  return obligations.map((o) => `${o.text}（${o.source}）`).join('；');
}
