// Judgment and appeal (裁判与上诉): given the decision served on the agency, what applies — the appeal
// period (rule appeal-judgment 15 days / appeal-ruling 10 days; none for a mediation document or a
// second-instance decision), the appeal or retrial proposal (Liaocheng 5 days), the filings with the
// justice bureau, the date the decision takes effect when nobody appeals, and the retrial-application
// window (6 months from effect). An appealable decision takes effect only when EVERY party's appeal
// period has run out, each counted from that party's own service date (行政诉讼法85): the day after
// the last period ends. While a party's service date is unknown the date is estimated from those
// known (effectiveStatus 'estimated'); the court's 生效证明 (certifiedOn) confirms it. Every date comes
// from the deadline engine (src/deadlines/engine.ts); the only date step here is "the next day".
import { z } from 'zod';
import { inputErrorFromZod } from '../errors.ts';
import type { WorkCalendar } from '../deadlines/calendar.ts';
import { formatIsoDate, parseIsoDate } from '../deadlines/dates.ts';
import { computeDeadline, resolveRule, requireProfile, type DeadlineResult } from '../deadlines/engine.ts';
import { ALL, CPL, INTERP, hn, jh, law, lc, reason, tz, yt, type Reason } from '../policy-sources/citations.ts';
import { jurisdictionInForce, type Jurisdiction } from '../policy-sources/profiles.ts';
import { chineseDate } from '../documents/formatting.ts';

export const PARTY_ROLES = ['plaintiff', 'defendant', 'third-party'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];
const PARTY_ROLE_LABELS: Record<PartyRole, string> = { plaintiff: '原告', defendant: '被告', 'third-party': '第三人' };

/** A party the decision is served on (other than the agency itself); servedOn null: not known yet. */
export const ServedPartySchema = z.object({
  name: z.string({ message: '缺少当事人名称 name' }).trim().min(1, '当事人名称不能为空').max(200, '当事人名称过长（最多 200 字）'),
  role: z.enum(PARTY_ROLES, { message: 'role 应为 plaintiff（原告）、defendant（被告）或 third-party（第三人）' }),
  servedOn: z.iso.date({ message: 'servedOn 应为日期 YYYY-MM-DD（该当事人收到裁判文书之日）' }).nullable().optional().default(null),
});
export type ServedParty = z.output<typeof ServedPartySchema>;

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
  /** the other parties and when each was served; `servedOn` above is the agency's own service */
  parties: z.array(ServedPartySchema, { message: 'parties 应为当事人列表 [{name, role, servedOn}]' }).optional().default([]),
  /** the court's certificate of effect (生效证明): the date it states */
  certifiedOn: z.iso.date({ message: 'certifiedOn 应为日期 YYYY-MM-DD（生效证明载明的生效日）' }).nullable().optional(),
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

/** One party's service and the end of its own appeal period (null: service date unknown, or no appeal). */
export interface PartyPeriod {
  name: string;
  role: PartyRole;
  /** the agency itself (its service is the judgment's `servedOn`) */
  agency: boolean;
  servedOn: string | null;
  appealDue: string | null;
}

export type EffectiveStatus = 'estimated' | 'confirmed';

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
  /** estimated: some party's service date is unknown, the date comes from those known */
  effectiveStatus: EffectiveStatus;
  effectiveProvisional: boolean;
  effectiveReason: Reason;
  /** every party with its own appeal period, the agency first */
  parties: PartyPeriod[];
  /** whose service dates are still missing (Chinese labels), empty when confirmed */
  unservedParties: string[];
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

  const decision = input.kind === 'judgment' ? '判决' : input.kind === 'ruling' ? '裁定' : '调解书';
  // the agency first, then the parties as served; each appealable party's period runs from its own service
  const parties: PartyPeriod[] = [{ name: '本机关', role: 'defendant', agency: true, servedOn: input.servedOn, appealDue: appealPeriod?.due ?? null }];
  let provisional = appealPeriod?.status === 'PROVISIONAL';
  for (const p of input.parties) {
    const period = appealable && p.servedOn ? compute(appealRule, p.servedOn) : null;
    if (period?.status === 'PROVISIONAL') provisional = true;
    parties.push({ name: p.name, role: p.role, agency: false, servedOn: p.servedOn, appealDue: period?.due ?? null });
  }
  const unservedParties = parties.filter((p) => !p.servedOn).map((p) => `${PARTY_ROLE_LABELS[p.role]}${p.name}`);
  // the plaintiff is always a party: with none listed its service is unknown
  if (!parties.some((p) => p.role === 'plaintiff')) unservedParties.unshift('原告');

  let effectiveOnIfNoAppeal: string;
  let effectiveReason: Reason;
  let effectiveProvisional = false;
  let effectiveStatus: EffectiveStatus = 'confirmed';
  if (input.certifiedOn) {
    effectiveOnIfNoAppeal = input.certifiedOn;
    effectiveReason = reason('effective-certified', `人民法院出具的生效证明载明${decision}于${chineseDate(input.certifiedOn)}发生法律效力`, law(ALL, '第八十五条'));
  } else if (appealPeriod) {
    const last = parties.filter((p) => p.appealDue).reduce((a, b) => (b.appealDue! > a.appealDue! ? b : a));
    effectiveOnIfNoAppeal = formatIsoDate(parseIsoDate(last.appealDue!)! + 1);
    effectiveProvisional = provisional;
    effectiveStatus = unservedParties.length ? 'estimated' : 'confirmed';
    const lastText = `${last.agency ? '本机关' : `${PARTY_ROLE_LABELS[last.role]}${last.name}`}的上诉期于${chineseDate(last.appealDue!)}届满`;
    effectiveReason = reason(
      'effective-after-appeal-period',
      `当事人均未在各自的上诉期（自各自收到${decision}之日起计算）内上诉的，${decision}自最后一个上诉期届满的次日起发生法律效力；${lastText}` +
        (effectiveStatus === 'estimated' ? `。${unservedParties.join('、')}的送达日期尚不清楚，生效日按已知送达日期推算，待补录送达日期或取得人民法院生效证明后确认` : ''),
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
    effectiveStatus,
    effectiveProvisional,
    effectiveReason,
    parties,
    unservedParties: effectiveStatus === 'estimated' ? unservedParties : [],
    retrialApplication: compute('retrial-application', effectiveOnIfNoAppeal),
    loss,
    performanceExpected: Boolean(input.hasPerformanceContent ?? loss),
    notes,
  };
}

/** The parties with one more service: the same party (role and name) takes the later record, a new one is added. */
export function withServedParty(parties: readonly ServedParty[], served: ServedParty): ServedParty[] {
  const same = (p: ServedParty) => p.role === served.role && p.name === served.name;
  return parties.some(same) ? parties.map((p) => (same(p) ? served : p)) : [...parties, served];
}

/**
 * Whether an appeal by `by` on `filedOn` lies within its own period: the agency's, or for the plaintiff
 * the period of any plaintiff (each counted from its own service). A plaintiff whose service date is
 * unknown may still appeal. null: in time; otherwise the Chinese reason it is late.
 */
export function appealOutOfTime(a: Pick<JudgmentAssessment, 'appealable' | 'parties'>, by: 'agency' | 'plaintiff', filedOn: string): string | null {
  if (!a.appealable) return '该裁判不可上诉（调解书或终审裁判）';
  const own = a.parties.filter((p) => (by === 'agency' ? p.agency : p.role === 'plaintiff'));
  if (by === 'plaintiff' && (!own.length || own.some((p) => !p.servedOn))) return null;
  const latest = own.map((p) => p.appealDue!).sort().at(-1)!;
  return filedOn <= latest ? null : `${by === 'agency' ? '本机关' : '原告'}的上诉期已于${chineseDate(latest)}届满（自其收到裁判文书之日起计算，《中华人民共和国行政诉讼法》第八十五条），${chineseDate(filedOn)}提起的上诉已超过上诉期`;
}
