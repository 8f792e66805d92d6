// The agents (委托代理人 / 出庭人员) who go to court with or instead of the head. A head who appears
// may come alone or add 1–2 agents (法释〔2018〕1号 128(2), Liaocheng Art. 27: "可以另行委托"); when no
// head appears, 1–2 agents are entrusted. Agents, when there are any: at least one staff member of
// the agency, never only lawyers (Jinghai: nor only part-time government legal advisers, and agents
// are staff of the handling or legal-affairs body). Returns field errors in Chinese that a form or
// the case API shows as they are.
import { z } from 'zod';
import { inputErrorFromZod, type FieldIssue } from '../errors.ts';
import { ALL, HEAD_PROVISIONS, INTERP, hn, jh, law, lc, reason, yt, type Reason } from '../policy-sources/citations.ts';
import { jurisdictionInForce, thresholdParameters, type Jurisdiction } from '../policy-sources/profiles.ts';

/** people.kind in the ledger; 'head' counts as staff of the agency */
export const AGENT_KINDS = ['staff', 'lawyer', 'part-time-adviser', 'head'] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];

export const AGENT_KIND_LABELS: Record<AgentKind, string> = {
  staff: '本机关工作人员',
  lawyer: '律师',
  'part-time-adviser': '兼职政府法律顾问',
  head: '本机关负责人',
};

/**
 * Acts an agent may do only with the agency's special authority (特别授权): CPL Art. 59 (2017 text;
 * Art. 62 today), applied through ALL Art. 101; Liaocheng Art. 28: agents act within the authority.
 */
export const SPECIAL_POWERS = ['admit-waive-change', 'settle', 'appeal'] as const;
export type SpecialPower = (typeof SPECIAL_POWERS)[number];
export const SPECIAL_POWER_LABELS: Record<SpecialPower, string> = {
  'admit-waive-change': '代为承认、放弃、变更诉讼请求',
  settle: '进行和解、调解',
  appeal: '提起上诉',
};
/** 授权范围: 一般授权 (appear, state, give and examine evidence, argue, receive documents) or 特别授权 (also the listed special powers) */
export const AUTHORITIES = ['general', 'special'] as const;
const POWER_MESSAGE = `特别授权事项应为：${SPECIAL_POWERS.map((p) => SPECIAL_POWER_LABELS[p]).join('、')}`;

const Agent = z.object({
  personId: z.string().optional(),
  name: z.string({ message: '请填写代理人姓名' }).trim().min(1, '请填写代理人姓名'),
  kind: z.enum(AGENT_KINDS, { message: '代理人身份应为本机关工作人员、律师或兼职政府法律顾问' }),
  authority: z.enum(AUTHORITIES, { message: '授权范围应为一般授权或特别授权' }).nullish().transform((v) => v ?? 'general'),
  specialPowers: z.array(z.enum(SPECIAL_POWERS, { message: POWER_MESSAGE })).nullish().transform((v) => v ?? []),
});
export type Agent = z.input<typeof Agent>;

/**
 * The appearance plan's headAvailability: the head appears, cannot appear (the profile's fallback),
 * or does not appear because a head already appeared at an earlier hearing of this instance and the
 * court has not asked again (法释〔2020〕3号 Art. 7).
 */
export const HEAD_AVAILABILITIES = ['available', 'unable', 'not-required'] as const;
export type HeadAvailability = (typeof HEAD_AVAILABILITIES)[number];

export const AgentCheckSchema = z.object({
  profile: z.string({ message: '缺少规则配置 profile' }),
  decisionDate: z.string({ message: '缺少决定日期 decisionDate（YYYY-MM-DD）' }),
  agents: z.array(Agent, { message: '委托代理人应为列表' }),
  /** whether a head appears in person (if not, the agents appear instead of the head) */
  headAppears: z.boolean().optional().default(true),
  /** the plan's answer (form hearing-appearance-plan): only checked against headRequired */
  headAvailability: z.enum(HEAD_AVAILABILITIES, { message: '负责人是否出庭应为 available、unable 或 not-required' }).optional(),
  /** whether this hearing demands a head (false: one already appeared in this instance, 法释〔2020〕3号 Art. 7) */
  headRequired: z.boolean().optional().default(true),
  /** what the plan expects may have to be done at this hearing beyond general authority (e.g. the court will mediate: settle) */
  expectedActs: z.array(z.enum(SPECIAL_POWERS, { message: POWER_MESSAGE })).nullish().transform((v) => v ?? []),
});
export type AgentCheck = z.input<typeof AgentCheckSchema>;

/**
 * Whether the head appears in person, from the appearance plan (form hearing-appearance-plan, field
 * headAvailability "available" / "unable" / "not-required"); an explicit headAppears wins; neither
 * given: the head appears (the schema's default). Was FEEL `headAvailability = "available"` on the hearing diagram's
 * p_validate, where the form's required field is always set.
 */
export function headAppearsOf(v: { headAppears?: boolean | null; headAvailability?: unknown }): boolean {
  if (typeof v.headAppears === 'boolean') return v.headAppears;
  return v.headAvailability === undefined ? true : v.headAvailability === 'available';
}

export interface AgentIssue extends FieldIssue {
  code: string;
  source: string;
}

export interface AgentValidation {
  valid: boolean;
  issues: AgentIssue[];
  /** every rule that was checked, with its source (shown beside the form) */
  rulesChecked: Reason[];
  jurisdiction: Jurisdiction;
}

const isStaff = (kind: AgentKind) => kind === 'staff' || kind === 'head';

/** Checks an agent list; never throws for a rule violation (those are issues), only for malformed input. */
export function validateAgents(raw: AgentCheck | unknown): AgentValidation {
  const parsed = AgentCheckSchema.safeParse(raw);
  if (!parsed.success) throw inputErrorFromZod(parsed.error);
  const input = parsed.data;
  const j = jurisdictionInForce(input.profile, input.decisionDate, { profile: 'profile', date: 'decisionDate' });
  const agents = input.agents;
  const issues: AgentIssue[] = [];
  const rulesChecked: Reason[] = [];
  const check = (r: Reason, ok: boolean, field = 'agents') => {
    rulesChecked.push(r);
    if (!ok) issues.push({ field, message: `${r.text}（依据：${r.source}）`, code: r.code, source: r.source });
  };

  // the plan may leave the head out only when this hearing does not demand one (法释〔2020〕3号 Art. 7)
  if (input.headAvailability === 'not-required') {
    check(
      reason('head-required-this-hearing', '本审级尚无负责人出庭，或人民法院要求负责人本次开庭出庭：本次开庭负责人应当出庭，不能选择“本审级已出庭，本次不再出庭”', law(HEAD_PROVISIONS, '第七条')),
      !input.headRequired,
      'headAvailability',
    );
  }

  // count: the profile's head-agents threshold (national: Interp. Art. 128(2); Liaocheng Art. 27). A head
  // who appears may come alone ("可以另行委托"); without a head the agents appear instead (ALL Art. 3(3), 31).
  const limits = thresholdParameters(j, 'head-agents', input.decisionDate);
  const max = Number(limits?.parameters.maxAgents ?? 2);
  if (input.headAppears) {
    const min = Number(limits?.parameters.minAgentsWithHead ?? 0);
    const countSource = limits?.rule.source ?? law(INTERP, '第一百二十八条第二款');
    const range = min === 0 ? `可以另行委托1至${max}名诉讼代理人，也可以不委托` : `应另行委托${min}至${max}名诉讼代理人`;
    check(reason('agents-count', `负责人出庭的，${range}，当前为${agents.length}名`, countSource), agents.length >= min && agents.length <= max);
  } else {
    const min = Math.max(1, Number(limits?.parameters.minAgentsWithoutHead ?? 1));
    check(
      reason('agents-count', `负责人不出庭的，应当委托${min}至${max}名相应的工作人员出庭，当前为${agents.length}名`, law(ALL, '第三条第三款、第三十一条')),
      agents.length >= min && agents.length <= max,
    );
  }

  const staff = agents.filter((a) => isStaff(a.kind)).length;
  const lawyers = agents.filter((a) => a.kind === 'lawyer').length;
  const advisers = agents.filter((a) => a.kind === 'part-time-adviser').length;
  const nonEmpty = agents.length > 0;

  // never only lawyers: national and every profile, each with its own text
  const onlyLawyers = nonEmpty && lawyers === agents.length;
  const lawyerRule: Reason =
    j === 'liaocheng'
      ? reason('agents-not-only-lawyers', '委托代理人不能全部为律师，不得仅委托律师出庭', lc('第二十七条'))
      : j === 'yantai'
        ? reason('agents-not-only-lawyers', '委托代理人不能全部为律师，不能仅委托律师出庭', yt('二、（四）'))
        : j === 'hunan'
          ? reason('agents-not-only-lawyers', '委托代理人不能全部为律师，不得仅委托律师出庭', hn('四、（一）'))
          : reason('agents-not-only-lawyers', '委托代理人不能全部为律师，不得仅委托律师出庭', law(INTERP, '第一百二十八条第二款'));
  if (j !== 'jinghai') check(lawyerRule, !onlyLawyers);
  else {
    // Jinghai: nor only part-time government legal advisers (nor only lawyers and advisers together)
    const outsiders = nonEmpty && lawyers + advisers === agents.length;
    check(reason('agents-not-only-lawyers-or-advisers', '委托代理人不能全部为律师或兼职政府法律顾问，不得仅委托律师或者兼职政府法律顾问出庭', jh('一、（4）')), !outsiders);
  }

  // at least one staff member of the agency
  if (j === 'liaocheng') {
    const minStaff = Number(limits?.parameters.minStaffAgents ?? 1);
    check(reason('agents-min-staff', `委托代理人中至少${minStaff}名应为熟悉本机关相关业务的工作人员`, lc('第二十七条')), !nonEmpty || staff >= minStaff);
  } else if (!input.headAppears) {
    check(reason('agents-staff-when-head-absent', '负责人不能出庭的，应当委托行政机关相应的工作人员出庭，至少1名代理人应为本机关工作人员', law(ALL, '第三条第三款')), !nonEmpty || staff >= 1);
  } else {
    const staffSource =
      j === 'hunan'
        ? hn('二、（一）')
        : j === 'yantai'
          ? yt('二、（四）')
          : law(INTERP, '第一百二十八条第二款', '“至少1名本机关工作人员”是本产品对“不得仅委托律师”的统一要求（与聊城第二十七条一致）');
    check(reason('agents-min-staff', '委托代理人中至少1名应为本机关工作人员', staffSource), !nonEmpty || staff >= 1);
  }

  // Jinghai: every agent is staff of the handling body or the legal-affairs body
  if (j === 'jinghai') {
    agents.forEach((a, i) => {
      check(
        reason('agents-staff-only', `代理人${a.name}为${AGENT_KIND_LABELS[a.kind]}：应当委托被诉行政行为经办机构、法制机构的工作人员（含具有国家行政编制身份的工作人员以及其他依法履行公职的人员）作为诉讼代理人`, jh('一、（三）')),
        isStaff(a.kind),
        `agents.${i}.kind`,
      );
    });
  }

  // 授权范围 (LC Art. 28; CPL Art. 59 (2017 text) through ALL Art. 101): a special authority names its
  // powers, and an act the plan expects beyond general authority needs an agent who holds it when no
  // head appears to decide for the agency
  const authoritySource = lc('第二十八条', '须特别授权的事项：《中华人民共和国民事诉讼法》第五十九条（2017年文本），依《中华人民共和国行政诉讼法》第一百零一条适用');
  agents.forEach((a, i) => {
    if (a.authority === 'special') {
      check(reason('agent-special-powers', `代理人${a.name}为特别授权：授权委托书应当写明特别授权的具体事项（${POWER_MESSAGE}）`, authoritySource), a.specialPowers.length > 0, `agents.${i}.specialPowers`);
    } else if (a.specialPowers.length) {
      check(
        reason('agent-general-authority', `代理人${a.name}为一般授权，不能${a.specialPowers.map((p) => SPECIAL_POWER_LABELS[p]).join('、')}；需要时应改为特别授权`, authoritySource),
        false,
        `agents.${i}.authority`,
      );
    }
  });
  if (!input.headAppears) {
    for (const act of input.expectedActs) {
      const holder = agents.find((a) => a.authority === 'special' && a.specialPowers.includes(act));
      check(
        reason('agent-act-within-authority', `本次开庭可能需要${SPECIAL_POWER_LABELS[act]}，负责人不出庭，出庭的委托代理人均无此项特别授权：诉讼代理人应当在授权委托权限范围内进行诉讼活动`, authoritySource),
        holder !== undefined,
        'expectedActs',
      );
    }
  }

  // the same person twice
  const seen = new Map<string, number>();
  agents.forEach((a, i) => {
    const key = a.personId ?? `name:${a.name}`;
    if (seen.has(key)) {
      issues.push({ field: `agents.${i}`, message: `代理人${a.name}重复列出`, code: 'agents-duplicate', source: '' });
    } else seen.set(key, i);
  });

  return { valid: issues.length === 0, issues, rulesChecked, jurisdiction: j };
}

/** One Chinese message for a RuleError / a form banner. */
export function agentIssuesMessage(issues: readonly AgentIssue[]): string {
  return issues.map((i) => i.message).join('；');
}
