// Judicial and procuratorial recommendations (司法建议 / 检察建议): the reply period of the profile,
// from the deadline engine's rule judicial-recommendation-reply (Yantai: the court's period, else 60
// days; Hunan: 3 months; elsewhere the period the recommendation sets). A recommendation can arrive at
// any stage, also after the case is archived (see src/judgment/court-events.ts).
import { z } from 'zod';
import { inputErrorFromZod } from '../errors.ts';
import type { WorkCalendar } from '../deadlines/calendar.ts';
import { computeDeadline, requireProfile, resolveRule } from '../deadlines/engine.ts';
import { hn, jh, lc, reason, yt, type Reason } from '../policy-sources/citations.ts';
import { jurisdictionInForce, type Jurisdiction } from '../policy-sources/profiles.ts';

export const RecommendationSchema = z.object({
  profile: z.string({ message: '缺少规则配置 profile' }),
  kind: z.enum(['judicial', 'procuratorial', 'normative-document'], { message: '建议种类应为 judicial（司法建议）、procuratorial（检察建议）或 normative-document（规范性文件处理建议）' }),
  receivedOn: z.string({ message: '缺少收到建议书之日 receivedOn（YYYY-MM-DD）' }),
  /** the reply period the recommendation itself sets, in days */
  replyWithinDays: z.number().int().min(1).max(3650).optional(),
});
export type RecommendationInput = z.input<typeof RecommendationSchema>;

export interface RecommendationAssessment {
  jurisdiction: Jurisdiction;
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
  const resolved = resolveRule(requireProfile(input.profile), 'judicial-recommendation-reply', input.receivedOn);
  const mode = resolved?.rule.kind === 'deadline' ? resolved.rule.courtSetPeriod : undefined;
  const toReply = (profile: string, courtSetDays?: number): NonNullable<RecommendationAssessment['reply']> => {
    const r = computeDeadline(cal, { profile, rule: 'judicial-recommendation-reply', trigger: input.receivedOn, ...(courtSetDays !== undefined ? { courtSetDays } : {}) });
    return { rule: r.rule, due: r.due, dueAt: r.dueAt, status: r.status, source: r.source, explanation: r.explanation, courtSet: courtSetDays !== undefined };
  };
  let reply: RecommendationAssessment['reply'] = null;
  if (input.kind !== 'judicial' || mode === 'required') {
    // the seeds' periods are for judicial recommendations; otherwise the period the recommendation states
    if (input.replyWithinDays !== undefined) reply = toReply('national', input.replyWithinDays);
  } else if (mode === 'optional') {
    reply = toReply(input.profile, input.replyWithinDays); // Yantai: the court's period, else 60 days
  } else {
    reply = toReply(input.profile); // Hunan: 3 months
  }

  const obligations: Reason[] = [];
  if (j === 'yantai') obligations.push(reason('yt-copy-legal-affairs', '书面回复司法机关，并抄送本级政府法制机构', yt('三、（一）')));
  if (j === 'hunan') {
    obligations.push(reason('hn-correct-act', '司法建议涉及行政行为违法或者需要做好善后工作的，应当及时纠正违法行政行为或者做好善后工作', hn('七、（四）')));
    obligations.push(reason('hn-fix-rules', '司法建议涉及法律、法规、规章、规范性文件实施中带有普遍性问题的，应当及时完善相关制度', hn('七、（四）')));
  }
  if (j === 'liaocheng') obligations.push(reason('lc-reply-promptly', '对人民法院的司法建议和人民检察院的检察建议认真研究和办理，并将办理结果及时书面回复', lc('第三十六条')));
  if (j === 'jinghai') obligations.push(reason('jh-reply-in-period', '对司法建议书、规范性文件处理建议书认真研究处理措施，在规定期限内书面回复人民法院', jh('一、（七）')));
  return { jurisdiction: j, reply, needsPeriodFromRecommendation: reply === null, obligations };
}

/** The duties as one line for the reply forms: "text（source）" joined by "；" ("" when there are none). */
export function obligationsText(obligations: readonly Pick<Reason, 'text' | 'source'>[]): string {
  return obligations.map((o) => `${o.text}（${o.source}）`).join('；');
}
