// Judgment and appeal (裁判与上诉): given the decision served on the agency, what applies — the appeal
// period (rule appeal-judgment 15 days / appeal-ruling 10 days; none for a mediation document or a
// second-instance decision), the appeal or retrial proposal (Liaocheng 5 days), the filings with the
// justice bureau, the date the decision takes effect when nobody appeals (the day after the period
// ends), and the retrial-application window (6 months from effect). Every date comes from the deadline
// engine (src/deadlines/engine.ts); the only date step here is "the next day".
import { z } from 'zod';
import { inputErrorFromZod } from '../errors.ts';
import type { WorkCalendar } from '../deadlines/calendar.ts';
import { formatIsoDate, parseIsoDate } from '../deadlines/dates.ts';
import { computeDeadline, resolveRule, requireProfile, type DeadlineResult } from '../deadlines/engine.ts';
import { ALL, CPL, INTERP, hn, jh, law, lc, reason, tz, yt, type Reason } from '../policy-sources/citations.ts';
import { jurisdictionInForce, type Jurisdiction } from '../policy-sources/profiles.ts';

export const JudgmentSchema = z.object({
  profile: z.string({ message: '缺少规则配置 profile' }),
  kind: z.enum(['judgment', 'ruling', 'mediation'], { message: '裁判文书种类应为 judgment（判决）、ruling（裁定）或 mediation（调解书）' }),
  outcome: z.enum(['won', 'lost', 'partly-lost'], { message: '裁判结果应为 won（胜诉）、lost（败诉）或 partly-lost（部分败诉）' }),
  servedOn: z.string({ message: '缺少收到裁判文书之日 servedOn（YYYY-MM-DD）' }),
  /** the instance that decided: a second-instance decision is final (终审) */
  level: z.enum(['first', 'second', 'retrial']).optional().default('first'),
  /**
   * retrial only: the procedure the court re-tries under (法释〔2018〕1号 第一百一十九条). A case
   * first decided by the first-instance court is re-tried under first-instance procedure and may be
   * appealed; a case decided at second instance, or brought up by a higher court (提审), is re-tried
   * under second-instance procedure and its decision is effective at once (the default).
   */
  retrialProcedure: z.enum(['first-instance', 'second-instance'], { message: 'retrialProcedure 应为 first-instance 或 second-instance' }).optional().default('second-instance'),
  /** the decision orders the agency to act (performance content) */
  hasPerformanceContent: z.boolean().optional(),
});
export type JudgmentInput = z.input<typeof JudgmentSchema>;

export interface DeadlineSummary {
  rule: string;
  name: string;
  trigger: string;
  due: string;
  dueAt: string;
  status: DeadlineResult['status'];
  source: string;
  explanation: string;
}

export interface JudgmentAssessment {
  jurisdiction: Jurisdiction;
  appealable: boolean;
  appealPeriod: DeadlineSummary | null;
  /** the agency's appeal or retrial proposal (LC 5 days) — needed when it considers appealing */
  appealProposal: { applies: boolean; recommended: boolean; deadline: DeadlineSummary | null; reason: Reason | null };
  /** filings and uploads due on receipt of the decision */
  filings: (Reason & { deadline: DeadlineSummary | null })[];
  /** the day the decision takes effect if nobody appeals (or the day it is effective: mediation, final) */
  effectiveOnIfNoAppeal: string;
  effectiveProvisional: boolean;
  effectiveReason: Reason;
  retrialApplication: DeadlineSummary;
  /** the agency lost in whole or part: performance and loss analysis follow */
  loss: boolean;
  performanceExpected: boolean;
  notes: Reason[];
}

const summary = (r: DeadlineResult): DeadlineSummary => ({
  rule: r.rule,
  name: r.name,
  trigger: r.trigger,
  due: r.due,
  dueAt: r.dueAt,
  status: r.status,
  source: r.source,
  explanation: r.explanation,
});

function ruleExists(profile: string, ruleId: string, date: string): boolean {
  return resolveRule(requireProfile(profile), ruleId, date)?.rule.kind === 'deadline';
}

/** The assessment of a served decision. Throws InputError naming the field. */
export function assessJudgment(cal: WorkCalendar, raw: JudgmentInput | unknown): JudgmentAssessment {
  const parsed = JudgmentSchema.safeParse(raw);
  if (!parsed.success) throw inputErrorFromZod(parsed.error);
  const input = parsed.data;
  const j = jurisdictionInForce(input.profile, input.servedOn, { profile: 'profile', date: 'servedOn' });
  const compute = (rule: string, trigger: string) => summary(computeDeadline(cal, { profile: input.profile, rule, trigger }));

  const appealable = input.kind !== 'mediation' && (input.level === 'first' || (input.level === 'retrial' && input.retrialProcedure === 'first-instance'));
  const appealRule = input.kind === 'judgment' ? 'appeal-judgment' : 'appeal-ruling';
  const appealPeriod = appealable ? compute(appealRule, input.servedOn) : null;

  let effectiveOnIfNoAppeal: string;
  let effectiveReason: Reason;
  let effectiveProvisional = false;
  if (appealPeriod) {
    effectiveOnIfNoAppeal = formatIsoDate(parseIsoDate(appealPeriod.due)! + 1);
    effectiveProvisional = appealPeriod.status === 'PROVISIONAL';
    effectiveReason = reason(
      'effective-after-appeal-period',
      `当事人均未在上诉期内上诉的，${input.kind === 'judgment' ? '判决' : '裁定'}自上诉期届满（${appealPeriod.due}）的次日起发生法律效力`,
      law(ALL, '第八十五条'),
    );
  } else if (input.kind === 'mediation') {
    effectiveOnIfNoAppeal = input.servedOn;
    effectiveReason = reason('effective-mediation', '调解书经双方当事人签收后即具有法律效力，不得上诉（以收到之日为生效日）', law(CPL, '第一百条', '依《行政诉讼法》第一百零一条适用；条文序号按2021年修正文本，未经官方文本核对（UNCONFIRMED）'));
  } else if (input.level === 'retrial') {
    effectiveOnIfNoAppeal = input.servedOn;
    effectiveReason = reason('effective-retrial-final', '按照第二审程序审理的再审案件（含上级人民法院提审），所作判决、裁定是发生法律效力的判决、裁定，送达即生效', law(INTERP, '第一百一十九条', '条文序号未经官方文本核对（UNCONFIRMED）'));
  } else {
    effectiveOnIfNoAppeal = input.servedOn;
    effectiveReason = reason('effective-final', '第二审人民法院的判决、裁定是终审的判决、裁定，送达即发生法律效力', law(CPL, '第一百八十二条', '依《行政诉讼法》第一百零一条适用；条文序号未经官方文本核对（UNCONFIRMED）'));
  }

  const loss = input.outcome !== 'won';
  const proposalApplies = ruleExists(input.profile, 'appeal-proposal', input.servedOn);
  const appealProposal = proposalApplies
    ? {
        applies: true,
        recommended: loss,
        deadline: compute('appeal-proposal', input.servedOn),
        reason: reason('lc-appeal-proposal', '认为应当上诉或申请再审的，在5日内提出上诉或申请再审建议，经本级行政机关负责人批准并报司法行政机关备案后按法定程序办理', lc('第三十三条第（一）项')),
      }
    : { applies: false, recommended: false, deadline: null, reason: null };

  const filings: JudgmentAssessment['filings'] = [];
  if (j === 'liaocheng') {
    filings.push({ ...reason('lc-upload-judgment', '收到裁判文书后及时上传至行政应诉管理平台', lc('第四十四条第二款')), deadline: null });
    if (loss) filings.push({ ...reason('lc-proposal-filing', '上诉或申请再审建议经负责人批准后报司法行政机关备案', lc('第三十三条第（一）项')), deadline: null });
  }
  if (j === 'tengzhou' && ruleExists(input.profile, 'justice-bureau-filing', input.servedOn)) {
    filings.push({ ...reason('tz-judgment-filing', '收到判决书、裁定书后5个工作日内将扫描件报市司法局备案（电子邮件）', tz('二、（四）')), deadline: compute('justice-bureau-filing', input.servedOn) });
  }

  const notes: Reason[] = [];
  if (input.hasPerformanceContent || loss) {
    notes.push(
      j === 'liaocheng'
        ? reason('lc-performance-proposal', '裁判文书有履行内容或者需要作进一步处理的，及时提出工作意见报本单位负责人', lc('第三十三条第（二）项'))
        : reason('perform-effective-decision', '对发生法律效力的判决、裁定、调解书应当自觉履行', law(ALL, '第九十四条')),
    );
  }
  if (loss && appealable) {
    const appealNote: Record<Jurisdiction, Reason | null> = {
      jinghai: reason('jh-appeal-when-wrong', '认为一审判决或者裁定有错误，确需提起上诉的，依法提起上诉', jh('一、（七）')),
      hunan: reason('hn-no-refusal', '认为裁判确有错误的，可以依法上诉或者申请再审，但不得以任何理由拒绝履行或者拖延履行', hn('五、（二）')),
      yantai: reason('yt-loss-report', '建立败诉案件报告制度，跟踪生效裁判履行情况', yt('二、（六）')),
      liaocheng: null,
      tengzhou: null,
      national: null,
    };
    if (appealNote[j]) notes.push(appealNote[j]!);
  }

  return {
    jurisdiction: j,
    appealable,
    appealPeriod,
    appealProposal,
    filings,
    effectiveOnIfNoAppeal,
    effectiveProvisional,
    effectiveReason,
    retrialApplication: compute('retrial-application', effectiveOnIfNoAppeal),
    loss,
    performanceExpected: Boolean(input.hasPerformanceContent ?? loss),
    notes,
  };
}
