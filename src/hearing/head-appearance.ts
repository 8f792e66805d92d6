// Who must appear in court (出庭应诉): a head (负责人) always, the principal head (主要负责人) in the
// ten Liaocheng cases, and the co-defendant rules. Pure: the facts in, the decision with a Chinese
// reason and its source for every rule that fired. These rules are the only source: the DMN copy of
// the ten Liaocheng cases (processes/head-appearance.dmn) was deleted with the move to Operaton, as no
// diagram evaluated it.
import { z } from 'zod';
import { inputErrorFromZod } from '../errors.ts';
import { ALL, HEAD_PROVISIONS, hn, jh, law, lc, reason, tz, yt, type Reason } from '../policy-sources/citations.ts';
import { jurisdictionInForce, thresholdParameters, type Jurisdiction } from '../policy-sources/profiles.ts';

export const PARTY_TYPES = ['person', 'enterprise', 'organization', 'agency'] as const;
export type PartyType = (typeof PARTY_TYPES)[number];

const Party = z.object({
  name: z.string().optional(),
  type: z.enum(PARTY_TYPES, { message: '当事人类型应为 person（自然人）、enterprise（企业）、organization（其他组织）或 agency（行政机关）' }),
});

const flag = z.boolean().optional().default(false);

export const AppearanceFactsSchema = z.object({
  profile: z.string({ message: '缺少规则配置 profile' }),
  /** the day the decision is made (the hearing date or today): picks the profile version in force */
  decisionDate: z.string({ message: '缺少决定日期 decisionDate（YYYY-MM-DD）' }),
  level: z.enum(['first', 'second', 'retrial']).optional().default('first'),
  plaintiffs: z.array(Party).optional().default([]),
  /** the number of plaintiffs; defaults to the length of `plaintiffs` */
  plaintiffCount: z.number().int().min(0).optional(),
  thirdParties: z.array(Party).optional().default([]),
  /** 诉讼标的额 / 涉案赔偿金额 in yuan */
  claimAmount: z.number().min(0).nullable().optional(),
  flags: z
    .object({
      majorPublicInterest: flag, // 涉及重大公共利益
      highAttention: flag, // 社会关注度高
      massIncidentRisk: flag, // 可能引发群体性事件
      procuratorate: flag, // 检察机关提起行政公益诉讼或抗诉
      majorComplex: flag, // 重大复杂
      enterpriseRelated: flag, // 涉企（also derived from the parties）
      majorEnforcementImpact: flag, // 对行政机关下步执法可能产生重大影响
      justiceBureauRequiresPrincipalHead: flag, // 司法行政机关明确要求主要负责人出庭
      legalAffairsDesignated: flag, // 政府法制机构认为负责人应出庭（烟台）
      helpsFactFinding: flag, // 负责人出庭有利于查清事实、解决争议（烟台）
    })
    .prefault({}),
  /** the court notified (recommended) in writing that a head appear */
  courtNoticeHead: z.boolean().optional().default(false),
  /** the court notified in writing that the principal head appear (LC Art. 22 (9)) */
  courtNoticePrincipalHead: z.boolean().optional().default(false),
  /** LC Art. 22 (10): any other reason the principal head should appear, in words */
  otherPrincipalHeadReason: z.string().trim().max(500).optional().default(''),
  /** reconsideration (复议) situation of the case and this agency's role in it */
  reconsideration: z.enum(['none', 'organ-sole-defendant', 'organ-co-defendant']).optional().default('none'),
  agencyRole: z.enum(['original-agency', 'reconsideration-organ']).optional().default('original-agency'),
  /** how many agencies that made the original act are co-defendants (this one included) */
  originalAgencyDefendants: z.number().int().min(1).optional().default(1),
  /** a head appeared at an earlier hearing of this instance (审级): the ledger's hearing-held events */
  headAppearedEarlierInInstance: flag,
  /** the court asked for a head (or the principal head) at this hearing: its notice for this session */
  courtAsksHeadThisHearing: flag,
});
export type AppearanceFacts = z.input<typeof AppearanceFactsSchema>;

export interface HeadAppearanceDecision {
  /** who appears when a head appears */
  required: 'head' | 'principal-head';
  /**
   * whether this hearing demands a head: false when a head already appeared at an earlier hearing of
   * the same instance and the court has not asked again (法释〔2020〕3号 Art. 7; not in Tengzhou, 有庭必出)
   */
  headRequired: boolean;
  /** the reasons: the head duty first, then each principal-head case that applies; a hearing that demands no head: why not */
  reasons: Reason[];
  /** co-defendant arrangements (LC Art. 24; 法释〔2020〕3号 Art. 3) */
  coDefendant: Reason[];
  /** the agency may send staff only (the reconsideration organ as co-defendant, LC Art. 24) */
  staffOnlyAllowed: boolean;
  /** advice that is not a requirement (enterprise cases: raise the principal-head share, LC Art. 23) */
  advisories: Reason[];
  jurisdiction: Jurisdiction;
  /** the flat variables the DMN decision head-appearance-principal reads */
  dmnInputs: HeadAppearanceDmnInputs;
}

export interface HeadAppearanceDmnInputs {
  /** the jurisdiction whose rules are in force on the decision date (not the agency's raw profile) */
  headAppearanceProfile: Jurisdiction;
  plaintiffCount: number;
  claimAmount: number;
  organisationPlaintiffCount: number;
  majorEnforcementImpact: boolean;
  majorPublicInterest: boolean;
  highAttention: boolean;
  massIncidentRisk: boolean;
  procuratorate: boolean;
  justiceBureauRequiresPrincipalHead: boolean;
  courtNoticePrincipalHead: boolean;
  otherPrincipalHeadReason: string;
}

/** The ten Liaocheng cases (LC Art. 22 para 1), in the order of the article; the codes are the DMN rule ids. */
export const LIAOCHENG_PRINCIPAL_HEAD_RULES = [
  'lc-principal-group-suit',
  'lc-principal-multiple-organisations',
  'lc-principal-enforcement-impact',
  'lc-principal-public-interest',
  'lc-principal-high-attention',
  'lc-principal-mass-incident',
  'lc-principal-procuratorate',
  'lc-principal-justice-bureau',
  'lc-principal-court-notice',
  'lc-principal-other',
] as const;

// Liaocheng defaults; the profile's threshold rule principal-head-required is read first.
const LC_GROUP_SUIT = { plaintiffsMoreThan: 10, claimAmountMoreThan: 10_000_000 };

const yuan = (n: number) => `${n.toLocaleString('zh-CN')}元`;

/** Liaocheng principal-head cases over the flat DMN inputs (the same inputs the DMN table reads). */
export function liaochengPrincipalHeadReasons(i: HeadAppearanceDmnInputs, thresholds = LC_GROUP_SUIT): Reason[] {
  const art = (item: string) => lc(`第二十二条第一款第（${item}）项`);
  const out: Reason[] = [];
  if (i.plaintiffCount > thresholds.plaintiffsMoreThan && i.claimAmount > thresholds.claimAmountMoreThan) {
    out.push(
      reason(
        'lc-principal-group-suit',
        `原告${i.plaintiffCount}人，超过${thresholds.plaintiffsMoreThan}人的集团诉讼，且涉案赔偿金额${yuan(i.claimAmount)}超过${yuan(thresholds.claimAmountMoreThan)}，主要负责人应当出庭应诉`,
        art('一'),
      ),
    );
  }
  if (i.organisationPlaintiffCount >= 2) {
    out.push(reason('lc-principal-multiple-organisations', `${i.organisationPlaintiffCount}个单位或企业同时起诉行政机关，主要负责人应当出庭应诉`, art('二')));
  }
  if (i.majorEnforcementImpact) out.push(reason('lc-principal-enforcement-impact', '案件对行政机关的下步执法可能产生重大影响，主要负责人应当出庭应诉', art('三')));
  if (i.majorPublicInterest) out.push(reason('lc-principal-public-interest', '案件涉及重大公共利益，主要负责人应当出庭应诉', art('四')));
  if (i.highAttention) out.push(reason('lc-principal-high-attention', '案件社会关注度高，主要负责人应当出庭应诉', art('五')));
  if (i.massIncidentRisk) out.push(reason('lc-principal-mass-incident', '案件可能引发群体性事件，主要负责人应当出庭应诉', art('六')));
  if (i.procuratorate) out.push(reason('lc-principal-procuratorate', '检察机关提起行政公益诉讼或抗诉的案件，主要负责人应当出庭应诉', art('七')));
  if (i.justiceBureauRequiresPrincipalHead) {
    out.push(reason('lc-principal-justice-bureau', '司法行政机关认为主要负责人出庭应诉更有助于纠纷实质化解并明确要求其出庭', art('八')));
  }
  if (i.courtNoticePrincipalHead) out.push(reason('lc-principal-court-notice', '人民法院书面通知要求主要负责人出庭应诉', art('九')));
  if (i.otherPrincipalHeadReason.trim()) {
    out.push(reason('lc-principal-other', `其他需要主要负责人出庭应诉的情形：${i.otherPrincipalHeadReason.trim()}`, art('十')));
  }
  return out;
}

/** The head duty of the profile: the first reason of every decision. */
function headDuty(j: Jurisdiction): Reason {
  const national = reason(
    'head-duty',
    '被诉行政机关负责人应当出庭应诉；不能出庭的，应当委托行政机关相应的工作人员出庭（一审、二审、再审均适用）',
    law(ALL, '第三条第三款', `并见${HEAD_PROVISIONS}第一条`),
  );
  switch (j) {
    case 'liaocheng':
      return reason('lc-head-every-case', '按照“谁分管、谁出庭”确定负责人出庭应诉，负责人出庭应诉率须实现100%', lc('第二十条'));
    case 'tengzhou':
      return reason('tz-head-every-hearing', '行政机关负责人坚持“有庭必出”', tz('一；三、（三）'));
    case 'hunan':
      return reason('hn-head-duty', '被诉行政机关负责人要带头履行行政应诉职责，积极出庭应诉；不能出庭的，应当委托相应的工作人员出庭', hn('四、（一）'));
    case 'yantai':
      return reason('yt-head-duty', '被诉行政机关负责人要带头履行行政应诉职责（负责人包括正职、副职及具体分管的本机关其他负责人）', yt('二、（四）'));
    case 'jinghai':
      return reason('jh-head-duty', '行政机关负责人要带头履行行政应诉职责，积极出庭应诉', jh('一、（4）'));
    default:
      return national;
  }
}

/** Cases where a head must (should) appear in person under the profile (catalog D02). */
function headMustAppearReasons(j: Jurisdiction, f: z.output<typeof AppearanceFactsSchema>): Reason[] {
  const out: Reason[] = [];
  const major = f.flags.majorPublicInterest || f.flags.highAttention || f.flags.massIncidentRisk;
  const which = [f.flags.majorPublicInterest && '涉及重大公共利益', f.flags.highAttention && '社会高度关注', f.flags.massIncidentRisk && '可能引发群体性事件']
    .filter(Boolean)
    .join('、');
  if (j === 'yantai') {
    if (major) out.push(reason('yt-major-case', `案件${which}，被诉行政机关负责人应主动出庭应诉`, yt('二、（四）')));
    if (f.courtNoticeHead) out.push(reason('yt-court-suggestion', '人民法院书面建议行政机关负责人出庭，负责人应当积极出庭应诉', yt('二、（四）')));
    if (f.flags.helpsFactFinding) out.push(reason('yt-helps-fact-finding', '负责人出庭应诉有利于查清案件事实、解决行政争议，应当积极出庭应诉', yt('二、（四）')));
    if (f.flags.legalAffairsDesignated) out.push(reason('yt-legal-affairs-designated', '政府法制机构认为行政机关负责人应出庭应诉', yt('二、（四）')));
  } else if (j === 'hunan') {
    if (major) out.push(reason('hn-major-case', `案件${which}，被诉行政机关负责人应当出庭`, hn('四、（一）')));
    if (f.courtNoticeHead) out.push(reason('hn-court-suggestion', '人民法院书面建议行政机关负责人出庭，负责人应当出庭', hn('四、（一）')));
  } else if (j === 'jinghai') {
    if (f.courtNoticeHead) out.push(reason('jh-court-notice', '法院通知行政机关负责人出庭的，被诉行政机关负责人必须出庭', jh('一、（4）')));
  } else if (j !== 'liaocheng' && j !== 'tengzhou') {
    // national, and as the baseline: the court "应当" notify in these cases (法释〔2020〕3号 Art. 4)
    if (major) out.push(reason('national-major-case', `案件${which}，人民法院应当通知行政机关负责人出庭应诉`, law(HEAD_PROVISIONS, '第四条')));
    if (f.courtNoticeHead) {
      out.push(reason('national-court-notice', '人民法院书面通知行政机关负责人出庭；负责人无正当理由不出庭的，人民法院应当向监察机关、上一级行政机关提出司法建议', law(HEAD_PROVISIONS, '第五条、第十二条')));
    }
  }
  return out;
}

function coDefendantRules(j: Jurisdiction, f: z.output<typeof AppearanceFactsSchema>): { reasons: Reason[]; staffOnlyAllowed: boolean } {
  const reasons: Reason[] = [];
  let staffOnlyAllowed = false;
  const lcRules = j === 'liaocheng';
  const art24 = lc('第二十四条');
  if (f.reconsideration === 'organ-sole-defendant' && f.agencyRole === 'reconsideration-organ') {
    reasons.push(
      lcRules
        ? reason('lc-codefendant-organ-sole', '经复议的案件，复议机关为单独被告的，本级人民政府有关负责人应当出庭应诉', art24)
        : reason('codefendant-organ-sole', '复议机关为单独被告的，复议机关负责人应当出庭应诉', law(ALL, '第三条第三款')),
    );
  }
  if (f.reconsideration === 'organ-co-defendant') {
    if (f.agencyRole === 'original-agency') {
      reasons.push(
        lcRules
          ? reason('lc-codefendant-original-head', '作出原行政行为的行政机关与复议机关为共同被告的，作出原行政行为的行政机关负责人应当出庭应诉', art24)
          : reason('codefendant-agree', '共同被告的行政机关可以协商确定行政机关负责人出庭应诉；协商不成的由人民法院指定', law(HEAD_PROVISIONS, '第三条')),
      );
    } else if (lcRules) {
      staffOnlyAllowed = true;
      reasons.push(reason('lc-codefendant-organ-staff', '复议机关作为共同被告的，可仅委托工作人员出庭应诉；复议机关负责人积极出庭参与纠纷化解的，予以鼓励和支持', art24));
    } else {
      reasons.push(reason('codefendant-agree', '共同被告的行政机关可以协商确定行政机关负责人出庭应诉；协商不成的由人民法院指定', law(HEAD_PROVISIONS, '第三条')));
    }
  }
  if (f.originalAgencyDefendants >= 2) {
    reasons.push(
      lcRules
        ? reason('lc-codefendant-several-agencies', `作出原行政行为的${f.originalAgencyDefendants}个行政机关为共同被告：各机关负责人可以共同出庭应诉，也可以协商由牵头机关负责人出庭；协商不成的报同级司法行政机关确定`, art24)
        : reason('codefendant-agree', '共同被告的行政机关可以协商确定行政机关负责人出庭应诉；协商不成的由人民法院指定', law(HEAD_PROVISIONS, '第三条')),
    );
  }
  // one reason per code
  return { reasons: reasons.filter((r, i) => reasons.findIndex((o) => o.code === r.code) === i), staffOnlyAllowed };
}

export function parseAppearanceFacts(raw: unknown, prefix = ''): z.output<typeof AppearanceFactsSchema> {
  const parsed = AppearanceFactsSchema.safeParse(raw);
  if (!parsed.success) throw inputErrorFromZod(parsed.error, prefix);
  return parsed.data;
}

/** The flat inputs of the DMN table, with no nulls (a missing count or amount is 0, a missing flag false). */
export function headAppearanceDmnInputs(f: z.output<typeof AppearanceFactsSchema>, j: Jurisdiction): HeadAppearanceDmnInputs {
  const organisations = f.plaintiffs.filter((p) => p.type !== 'person').length;
  return {
    headAppearanceProfile: j,
    plaintiffCount: f.plaintiffCount ?? f.plaintiffs.length,
    claimAmount: f.claimAmount ?? 0,
    organisationPlaintiffCount: organisations,
    majorEnforcementImpact: f.flags.majorEnforcementImpact,
    majorPublicInterest: f.flags.majorPublicInterest,
    highAttention: f.flags.highAttention,
    massIncidentRisk: f.flags.massIncidentRisk,
    procuratorate: f.flags.procuratorate,
    justiceBureauRequiresPrincipalHead: f.flags.justiceBureauRequiresPrincipalHead,
    courtNoticePrincipalHead: f.courtNoticePrincipalHead,
    otherPrincipalHeadReason: f.otherPrincipalHeadReason,
  };
}

/**
 * Whether this hearing demands a head again. One appearance per instance normally suffices: at a
 * later hearing of the same instance the head need not appear again unless the court asks
 * (法释〔2020〕3号 Art. 7); Tengzhou keeps 有庭必出 (every hearing).
 */
function thisHearing(j: Jurisdiction, f: z.output<typeof AppearanceFactsSchema>): { headRequired: boolean; reasons: Reason[] } {
  if (!f.headAppearedEarlierInInstance) return { headRequired: true, reasons: [] };
  if (f.courtAsksHeadThisHearing) {
    return { headRequired: true, reasons: [reason('court-asks-head-again', '本审级已有负责人出庭应诉，但人民法院要求负责人本次开庭再次出庭，负责人应当出庭', law(HEAD_PROVISIONS, '第七条'))] };
  }
  if (j === 'tengzhou') {
    return { headRequired: true, reasons: [reason('tz-head-every-session', '本审级已有负责人出庭应诉；本市坚持“有庭必出”，再次开庭负责人仍应出庭', tz('三、（三）'))] };
  }
  return {
    headRequired: false,
    reasons: [
      reason(
        'head-appeared-this-instance',
        '本审级已有负责人出庭应诉：同一审级多次开庭的，负责人出庭一次即可，人民法院另有要求的除外；本次开庭负责人可以不再出庭，由委托的工作人员出庭',
        law(HEAD_PROVISIONS, '第七条'),
      ),
    ],
  };
}

/** Decides who must appear. Throws InputError naming the field for bad facts. */
export function decideHeadAppearance(raw: AppearanceFacts | unknown): HeadAppearanceDecision {
  const f = parseAppearanceFacts(raw);
  const j = jurisdictionInForce(f.profile, f.decisionDate, { profile: 'profile', date: 'decisionDate' });
  const dmnInputs = headAppearanceDmnInputs(f, j);
  const reasons: Reason[] = [headDuty(j), ...headMustAppearReasons(j, f)];
  let principal: Reason[] = [];
  if (j === 'liaocheng') {
    const t = thresholdParameters('liaocheng', 'principal-head-required', f.decisionDate)?.parameters;
    principal = liaochengPrincipalHeadReasons(dmnInputs, {
      plaintiffsMoreThan: Number(t?.plaintiffsMoreThan ?? LC_GROUP_SUIT.plaintiffsMoreThan),
      claimAmountMoreThan: Number(t?.claimAmountMoreThan ?? LC_GROUP_SUIT.claimAmountMoreThan),
    });
  } else if (f.courtNoticePrincipalHead) {
    // outside Liaocheng no rule names the principal head; the court's written notice is followed
    principal = [reason('court-notice-principal-head', '人民法院书面通知要求主要负责人出庭应诉，按通知由主要负责人出庭', law(HEAD_PROVISIONS, '第五条'))];
  }
  const co = coDefendantRules(j, f);
  const advisories: Reason[] = [];
  const enterprise = f.flags.enterpriseRelated || [...f.plaintiffs, ...f.thirdParties].some((p) => p.type === 'enterprise');
  if (j === 'liaocheng' && enterprise) {
    advisories.push(reason('lc-enterprise-case', '涉企行政案件（原告或第三人至少一方为企业法人）：在负责人出庭率100%基础上加大主要负责人出庭比例，涉诉部门负责人全程参与纠纷化解', lc('第二十三条')));
  }
  if (j === 'liaocheng' && f.flags.majorComplex) {
    advisories.push(reason('lc-major-complex-government-head', '重大、复杂的行政应诉案件，市、县（市、区）政府负责人应当依法带头出庭应诉', lc('第二十一条')));
  }
  if (f.level !== 'first') {
    advisories.push(reason('head-duty-every-instance', '负责人出庭应诉义务适用于二审、再审；在一个审理程序中出庭不免除在其他审理程序的出庭义务', law(HEAD_PROVISIONS, '第一条、第七条')));
  }
  const session = thisHearing(j, f);
  return {
    required: principal.length ? 'principal-head' : 'head',
    headRequired: session.headRequired,
    reasons: session.headRequired ? [...reasons, ...principal, ...session.reasons] : session.reasons,
    coDefendant: co.reasons,
    staffOnlyAllowed: co.staffOnlyAllowed,
    advisories,
    jurisdiction: j,
    dmnInputs,
  };
}
