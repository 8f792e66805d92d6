// The document kinds (文书种类) and the data each template needs, as zod schemas. The schemas are
// the contract between the ledger + job inputs and the templates: they are checked before rendering,
// so missing data fails with the field named and no half-filled document is ever produced.
import { z } from 'zod';
import { jurisdictionInForce } from '../policy-sources/profiles.ts';
import { chineseOrdinal } from './formatting.ts';

const text = z.string().trim().min(1);
/** optional text: always present in the parsed data (null when absent), so strict templates can test it */
const optionalText = z.string().trim().nullish().transform((v) => (v ? v : null));
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD / expected YYYY-MM-DD');
const optionalDate = isoDate.nullish().transform((v) => v ?? null);
const paragraphsText = text; // multi-paragraph text: blank lines / newlines separate paragraphs

export const PersonWithPost = z.object({ name: text, post: text });

export const Party = z.object({
  name: text,
  // person 自然人 | enterprise 企业 | organization 其他组织 | agency 行政机关
  kind: z.enum(['person', 'enterprise', 'organization', 'agency']).default('person'),
  address: optionalText,
  legalRepresentative: optionalText,
});

export const AnsweringAgency = z.object({
  name: text,
  address: text,
  legalRepresentative: PersonWithPost,
  phone: optionalText,
});

/** What every case document starts from: the court, the case and the answering agency. */
const CaseHeading = z.object({
  court: text,
  caseNumber: text,
  cause: text, // 案由
  level: z.enum(['first', 'second', 'retrial']).default('first'),
  actDescription: text, // 被诉行政行为
  agency: AnsweringAgency,
  plaintiffs: z.array(Party).min(1, '至少一名原告 / at least one plaintiff'),
  thirdParties: z.array(Party).default([]),
  // 诉请金额 in yuan (the ledger's claim_amount), written in capitals where the document cites it
  claimAmount: z.union([z.string().regex(/^\d+(\.\d{1,2})?$/), z.number().nonnegative()]).nullish().transform((v) => (v === undefined || v === null ? null : String(v))),
  date: isoDate, // 落款日期
});

// Liaocheng Art. 15 para 2 (rules catalog C07): the eight objections an answer may raise.
export const ANSWER_OBJECTIONS = {
  'no-standing': '原告不具备行政诉讼原告主体资格',
  'duplicate-suit': '原告就同一行政行为已经提起诉讼，属于重复起诉',
  'out-of-time': '原告起诉超过法定起诉期限',
  'reconsideration-pending': '原告已申请行政复议且复议机关尚在法定复议期限内',
  'reconsideration-required': '依法应当先申请行政复议而原告未经复议直接起诉',
  'wrong-defendant': '答辩机关不是适格被告',
  'procedural-rejection-co-defendants': '复议机关作出程序性驳回决定，原告应择一起诉却将复议机关与原行政机关列为共同被告',
  'other-requirements': '起诉不符合法定起诉条件的其他情形',
} as const;
export type AnswerObjection = keyof typeof ANSWER_OBJECTIONS;

const Agent = z.object({
  name: text,
  post: text,
  employer: text,
  // staff 工作人员 | lawyer 律师 | part-time-adviser 兼职法律顾问
  kind: z.enum(['staff', 'lawyer', 'part-time-adviser']).default('staff'),
  phone: optionalText,
  authority: z.enum(['general', 'special']).default('general'),
  /** 特别授权 items, e.g. 代为承认、放弃、变更诉讼请求，进行和解，提起上诉 */
  authorityItems: z.array(text).default([]),
});

const AnswerBrief = CaseHeading.extend({
  agents: z.array(Agent).max(2).default([]),
  claims: paragraphsText, // 原告诉讼请求
  facts: paragraphsText, // 事实
  // the template writes the title in book-title marks: a title typed with them is taken without
  legalBasis: z.array(z.object({ title: text.transform((t) => t.replace(/^《(.*)》$/u, '$1')), articles: optionalText })).min(1),
  arguments: z.array(z.object({ heading: text, text: paragraphsText })).min(1),
  objections: z
    .array(z.object({ ground: z.enum(Object.keys(ANSWER_OBJECTIONS) as [AnswerObjection, ...AnswerObjection[]]), reasoning: paragraphsText }))
    .default([])
    .transform((list) => list.map((o) => ({ ...o, title: ANSWER_OBJECTIONS[o.ground] }))),
  // the handler's closing summary (综上所述…); the request itself is written from the objections
  request: optionalText,
  attachments: z.array(z.object({ name: text, copies: z.number().int().positive() })).default([]),
}).transform((d) => {
  const hasObjections = d.objections.length > 0;
  // objections to admissibility come before the merits (法释〔2018〕1号 Art. 69: a suit that fails
  // the conditions is dismissed by ruling, 裁定驳回起诉; on the merits the claims are dismissed by judgment)
  const order = [...(hasObjections ? ['objections'] : []), 'claims', 'facts', 'basis', 'arguments', 'request'];
  const sections = Object.fromEntries(order.map((name, i) => [name, i + 1]));
  return {
    ...d,
    ...ANSWER_LEVEL[d.level],
    sections,
    requestLine: hasObjections
      ? '请求人民法院依法裁定驳回原告的起诉；如人民法院认为原告的起诉符合法定起诉条件，请求依法判决驳回原告的诉讼请求。'
      : '请求人民法院依法判决驳回原告的诉讼请求。',
  };
});

/** Title, party roles and the paper answered, per level: first instance, appeal (the agency is the appellee), retrial. */
const ANSWER_LEVEL = {
  first: { documentTitle: '行政答辩状', receivedPaper: '起诉状副本', roles: { agency: '答辩人（被告）', plaintiffs: '原告', thirdParties: '第三人' } },
  second: { documentTitle: '上诉答辩状', receivedPaper: '上诉状副本', roles: { agency: '答辩人（被上诉人、原审被告）', plaintiffs: '上诉人（原审原告）', thirdParties: '原审第三人' } },
  retrial: { documentTitle: '再审答辩意见', receivedPaper: '再审申请书副本', roles: { agency: '答辩人（被申请人、原审被告）', plaintiffs: '再审申请人（原审原告）', thirdParties: '原审第三人' } },
} as const;

/**
 * 行政答辩状 of the reconsideration organ as co-defendant (行政诉讼法 26(2), 67; 法释〔2018〕1号 135:
 * the organ answers for the legality of the reconsideration decision and its procedure; 湘政办发〔2017〕9号
 * 二（二）: the organ prepares its own answer and evidence). `agency` (the case's defendant) is the
 * co-defendant that made the original act; `answeringAgency` is the organ in whose name it answers.
 */
const ReconsiderationAnswerBrief = CaseHeading.extend({
  answeringAgency: AnsweringAgency,
  decisionNumber: text, // 复议决定书文号
  decidedOn: isoDate,
  decisionSummary: paragraphsText, // 复议决定的内容（维持原行政行为、驳回复议请求……）
  procedure: paragraphsText, // 复议程序：受理、通知、审查、决定、送达
  reasons: paragraphsText, // 复议决定认定事实和适用依据正确的理由
  legalBasis: z.array(z.object({ title: text.transform((t) => t.replace(/^《(.*)》$/u, '$1')), articles: optionalText })).min(1),
  request: optionalText,
}).transform((d) => ({ ...d, ...ANSWER_LEVEL[d.level] }));

const EvidenceItem = z.object({
  name: text,
  source: text, // 证据来源
  provesWhat: text, // 证明对象
  content: text, // 证据内容
  purpose: text, // 证明目的
  pages: z.number().int().positive(),
  form: z.enum(['original', 'copy']).default('copy'),
});

const EvidenceList = CaseHeading.extend({
  groups: z
    .array(z.object({ title: text, items: z.array(EvidenceItem).min(1) }))
    .min(1)
    // numbered by category (分类编号): 1-1, 1-2, 2-1 … so a court can cite "证据2-1"
    .transform((groups) =>
      groups.map((g, gi) => ({ ...g, index: gi + 1, items: g.items.map((item, ii) => ({ ...item, number: `${gi + 1}-${ii + 1}`, formLabel: item.form === 'original' ? '原件' : '复印件' })) })),
    ),
  // ALL Art. 67: the defendant submits the evidence AND the normative documents the act rests on (法律依据清单)
  normativeBasis: z
    .array(z.object({ title: text.transform((t) => t.replace(/^《(.*)》$/u, '$1')), articles: optionalText, documentNumber: optionalText, issuer: optionalText }))
    .min(1, '应列明作出行政行为所依据的规范性文件（《行政诉讼法》第六十七条） / list the normative documents the act rests on'),
});

const LegalRepresentativeCertificate = CaseHeading;

const PowerOfAttorney = CaseHeading.extend({
  agents: z.array(Agent).min(1).max(2, '委托代理人为1至2人 / one or two agents'),
});

const HeadAppearanceCertificate = CaseHeading.extend({
  head: PersonWithPost.extend({ inChargeOf: optionalText }),
  hearingDate: optionalDate,
});

const EvidenceExtensionApplication = CaseHeading.extend({
  reason: paragraphsText,
  evidencePeriodEnds: isoDate,
  requestedUntil: isoDate,
  pendingEvidence: z.array(text).min(1),
}).refine((d) => d.date <= d.evidencePeriodEnds, {
  path: ['date'],
  message: '延期申请应在举证期限届满前提出 / the application must be dated before the evidence period ends',
});

const HeadAbsenceExplanation = CaseHeading.extend({
  head: PersonWithPost,
  hearingDate: isoDate,
  reason: paragraphsText,
  substitute: PersonWithPost, // 委托出庭的其他负责人或工作人员
  // 法释〔2020〕3号 Art. 9: sealed by the agency (default) or signed by its principal head
  signedBy: z.enum(['seal', 'principal-head']).default('seal'),
  principalHead: PersonWithPost.nullish().transform((v) => v ?? null),
})
  .refine((d) => d.signedBy !== 'principal-head' || d.principalHead, { path: ['principalHead'], message: '由主要负责人签字认可的，应写明主要负责人 / name the principal head who signs' })
  .transform((d) => ({ ...d, principalHeadSignature: d.signedBy === 'principal-head' }));

const Judgment = z.object({
  kind: z.enum(['judgment', 'ruling']), // 判决 | 裁定
  documentNumber: text,
  receivedOn: isoDate,
  effectiveOn: optionalDate,
  outcome: paragraphsText,
});

const AppealProposal = CaseHeading.extend({
  proposal: z.enum(['appeal', 'retrial']),
  judgment: Judgment,
  reasons: paragraphsText,
  recommendation: paragraphsText,
  // computed by the deadline engine (15 days after a judgment, 10 after a ruling; ALL Art. 85)
  appealDeadline: isoDate,
  addressee: text, // the head who approves
  // the agency's rule profile (from the ledger): only Liaocheng requires filing the approved proposal
  profile: z.string().default('national'),
}).transform((d) => ({
  ...d,
  appealPeriodDays: d.judgment.kind === 'judgment' ? 15 : 10,
  judgmentLabel: `${judgmentLabelOf(d.judgment.kind)}书`,
  proposalLabel: d.proposal === 'appeal' ? '上诉' : '申请再审',
  // LC Art. 33(1): 经本级行政机关负责人批准并报司法行政机关备案
  filingRequired: jurisdictionInForce(d.profile, d.judgment.receivedOn, { profile: 'profile', date: 'judgment.receivedOn' }) === 'liaocheng',
}));

const judgmentLabelOf = (kind: 'judgment' | 'ruling') => (kind === 'judgment' ? '判决' : '裁定');
/** copies of a filing for the court to serve: one per opposing party */
const copiesFor = (d: { plaintiffs: unknown[]; thirdParties: unknown[] }) => d.plaintiffs.length + d.thirdParties.length;

const AdministrativeAppeal = CaseHeading.extend({
  judgment: Judgment,
  appealCourt: text, // 上一级人民法院
  agents: z.array(Agent).max(2).default([]),
  requests: paragraphsText, // 上诉请求
  reasons: paragraphsText, // 事实与理由
  // the statutory appeal deadline (ALL Art. 85), when known: an appeal dated later is refused
  appealDeadline: optionalDate,
})
  .refine((d) => !d.appealDeadline || d.date <= d.appealDeadline, { path: ['date'], message: '上诉状的日期晚于上诉期限届满日（《行政诉讼法》第八十五条） / dated after the appeal deadline' })
  .transform((d) => ({ ...d, judgmentLabel: judgmentLabelOf(d.judgment.kind), copies: copiesFor(d) }));

// ALL Art. 91: the grounds on which the court shall retry a case
export const RETRIAL_GROUNDS = {
  'wrong-dismissal': '不予立案或者驳回起诉确有错误的',
  'new-evidence': '有新的证据，足以推翻原判决、裁定的',
  'insufficient-evidence': '原判决、裁定认定事实的主要证据不足、未经质证或者系伪造的',
  'wrong-law': '原判决、裁定适用法律、法规确有错误的',
  'procedure-violation': '违反法律规定的诉讼程序，可能影响公正审判的',
  'omitted-claim': '原判决、裁定遗漏诉讼请求的',
  'basis-revoked': '据以作出原判决、裁定的法律文书被撤销或者变更的',
  'judicial-misconduct': '审判人员在审理该案件时有贪污受贿、徇私舞弊、枉法裁判行为的',
} as const;
type RetrialGround = keyof typeof RETRIAL_GROUNDS;
const RETRIAL_GROUND_IDS = Object.keys(RETRIAL_GROUNDS) as RetrialGround[];

const RetrialApplication = CaseHeading.extend({
  judgment: Judgment,
  retrialCourt: text, // 上一级人民法院
  agents: z.array(Agent).max(2).default([]),
  requests: paragraphsText, // 再审请求
  grounds: z.array(z.enum(RETRIAL_GROUND_IDS as [RetrialGround, ...RetrialGround[]])).min(1, '至少写明一项《行政诉讼法》第九十一条规定的情形 / name at least one ground of ALL Art. 91'),
  reasons: paragraphsText,
}).transform((d) => ({
  ...d,
  judgmentLabel: judgmentLabelOf(d.judgment.kind),
  copies: copiesFor(d),
  grounds: d.grounds.map((g) => ({ id: g, label: RETRIAL_GROUNDS[g], item: chineseOrdinal(RETRIAL_GROUND_IDS.indexOf(g) + 1) })),
}));

const HearingPostponementApplication = CaseHeading.extend({
  agents: z.array(Agent).max(2).default([]),
  hearingAt: z.iso.datetime({ offset: true, message: '开庭时间应为带时区的日期时间 / expected an ISO date-time with offset' }),
  requestedDate: optionalDate,
  reason: paragraphsText,
}).refine((d) => d.date <= d.hearingAt.slice(0, 10), { path: ['date'], message: '延期开庭申请应在开庭前提出 / the application must be dated before the hearing' });

const LossAnalysisReport = CaseHeading.extend({
  addressee: text,
  judgment: Judgment,
  lossReasons: z.array(text).min(1),
  problems: paragraphsText,
  measures: z.array(text).min(1),
  responsibility: optionalText,
});

// a reply to a 司法建议书 or 规范性文件处理建议书 goes to the court (issuer: another court than the case's, if any)
const RecommendationReplyFields = z.object({
  court: text,
  caseNumber: optionalText,
  agency: AnsweringAgency,
  recommendation: z.object({ documentNumber: text, receivedOn: isoDate, summary: paragraphsText, issuer: optionalText }),
  measures: z.array(text).min(1),
  conclusion: paragraphsText,
  contact: PersonWithPost.extend({ phone: text }),
  date: isoDate,
  // the agency's rule profile (from the ledger) and who receives a copy (抄送)
  profile: z.string().default('national'),
  copyTo: z.array(text).default([]),
});
/** YT 三、（一）: the written reply is copied to the government's legal-affairs body (抄送本级政府法制机构). */
const withProfileCopies = <T extends { profile: string; copyTo: string[]; recommendation: { receivedOn: string } }>(d: T) =>
  jurisdictionInForce(d.profile, d.recommendation.receivedOn, { profile: 'profile', date: 'recommendation.receivedOn' }) === 'yantai' && !d.copyTo.length
    ? { ...d, copyTo: ['本级人民政府法制机构'] }
    : d;
const JudicialRecommendationReply = RecommendationReplyFields.transform(withProfileCopies);
// a reply to a 检察建议书 goes to the procuratorate that issued it, which the ledger does not know
const ProcuratorialRecommendationReply = RecommendationReplyFields.extend({
  recommendation: z.object({ documentNumber: text, receivedOn: isoDate, summary: paragraphsText, issuer: text }),
}).transform(withProfileCopies);

/**
 * Who seals the 问责追责意见函, per jurisdiction: in Jinghai the district reconsideration body
 * (区行政复议机构) proposes the finding and sends the letter (JH 二、（三）3), so the letter bears its seal
 * — never that of the agency that lost. The body's own name varies (行政复议委员会办公室, 司法局 …),
 * so the check is on what it is: a reconsideration body, not the losing agency.
 */
const ACCOUNTABILITY_LETTER_SEAL: Partial<Record<string, { body: string; source: string; names: RegExp }>> = {
  jinghai: { body: '区行政复议机构', source: '静海区实施方案 二、（三）3', names: /行政复议|司法局/u },
};
/** The body the profile names must be the issuer that seals the letter. */
export function accountabilityLetterSealError(d: { profile: string; issuer: string; date: string; agency: { name: string } }): string | null {
  const seal = ACCOUNTABILITY_LETTER_SEAL[jurisdictionInForce(d.profile, d.date)];
  if (!seal) return null;
  if (d.issuer === d.agency.name || !seal.names.test(d.issuer)) {
    return `问责追责意见函由${seal.body}函告并盖章（${seal.source}），“${d.issuer}”不是${seal.body} / the letter is sealed by the ${seal.body} the profile names`;
  }
  return null;
}

const AccountabilityLetter = z.object({
  // the agency's rule profile (from the ledger): it names the body that seals the letter
  profile: z.string().default('national'),
  issuer: text, // the sealing body, e.g. 天津市静海区行政复议委员会办公室
  documentNumber: optionalText,
  addressee: text, // 中共××区委组织部
  copyTo: z.array(text).default([]), // the court concerned
  court: text,
  caseNumber: text,
  cause: text,
  agency: z.object({ name: text }),
  persons: z.array(z.object({ name: text, post: text, unit: text })).min(1),
  findings: paragraphsText,
  basis: paragraphsText,
  proposal: paragraphsText,
  date: isoDate,
}).superRefine((d, ctx) => {
  const error = accountabilityLetterSealError(d);
  if (error) ctx.addIssue({ code: 'custom', path: ['issuer'], message: error });
});

const StatisticsRow = z.object({
  unit: text,
  cases: z.number().int().nonnegative(),
  hearings: z.number().int().nonnegative(),
  headAppearances: z.number().int().nonnegative(),
  principalHeadAppearances: z.number().int().nonnegative().default(0),
  losses: z.number().int().nonnegative(),
  // the statistics reports (src/statistics/reports) also give the new and pending cases of each unit
  casesNew: z.number().int().nonnegative().optional(),
  casesPending: z.number().int().nonnegative().optional(),
});
type StatisticsRowData = z.infer<typeof StatisticsRow>;

/** One line of the figures table of a statistics report, already formatted (本期, 上年同期, 同比). */
const FigureLine = z.object({ name: text, value: text, previous: text, change: text });

function withTotals<T extends { rows: StatisticsRowData[] }>(d: T) {
  const sum = (key: 'cases' | 'hearings' | 'headAppearances' | 'principalHeadAppearances' | 'losses' | 'casesNew' | 'casesPending') => d.rows.reduce((acc, r) => acc + (r[key] ?? 0), 0);
  const totals = {
    unit: '合计',
    cases: sum('cases'),
    hearings: sum('hearings'),
    headAppearances: sum('headAppearances'),
    principalHeadAppearances: sum('principalHeadAppearances'),
    losses: sum('losses'),
    hasCaseCounts: d.rows.every((r) => r.casesNew !== undefined && r.casesPending !== undefined),
    casesNew: sum('casesNew'),
    casesPending: sum('casesPending'),
  };
  return { ...d, totals };
}

/** What a statistics report adds to the annual report and the quarterly circular (all optional). */
const ReportFigures = {
  /** the 基本情况 paragraph(s), written from the ledger's figures; the template's default sentence otherwise */
  overview: optionalText,
  /** what the 开庭数 column counts: 案件, 审级 or 庭次 (the profile's head-appearance rate) */
  appearanceBasis: z.enum(['案件', '审级', '庭次']).optional(),
  figures: z.array(FigureLine).optional(),
};

const Section = z.object({ heading: text, text: paragraphsText });

const AnnualReport = z
  .object({
    agency: z.object({ name: text }),
    addressee: text,
    year: z.number().int().min(2000).max(2100),
    documentNumber: optionalText,
    summary: paragraphsText,
    rows: z.array(StatisticsRow).min(1),
    sections: z.array(Section).min(1),
    date: isoDate,
    ...ReportFigures,
  })
  .transform(withTotals);

const QuarterlyCircular = z
  .object({
    issuer: text,
    documentNumber: optionalText,
    year: z.number().int().min(2000).max(2100),
    quarter: z.number().int().min(1).max(4),
    addressees: text, // 主送机关: 各镇街、各部门
    summary: paragraphsText,
    rows: z.array(StatisticsRow).min(1),
    sections: z.array(Section).min(1),
    date: isoDate,
    ...ReportFigures,
  })
  .transform((d) => ({ ...withTotals(d), quarterLabel: ['一', '二', '三', '四'][d.quarter - 1] }));

export interface DocumentKindInfo {
  /** Chinese title, used for the file name */
  title: string;
  /** the template file under src/documents/templates/ (without .hbs) */
  template: string;
  schema: z.ZodType<Record<string, unknown>>;
  /** case-file (案卷) section it is filed under */
  caseFileSection: string;
  /** documents about a period rather than one case (reports) */
  periodic?: boolean;
  /** printed on landscape A4 (wide tables) */
  landscape?: boolean;
}

export const DOCUMENT_KINDS = {
  'answer-brief': { title: '行政答辩状', template: 'answer-brief', schema: AnswerBrief, caseFileSection: '答辩举证' },
  'reconsideration-answer-brief': { title: '行政答辩状（复议机关）', template: 'reconsideration-answer-brief', schema: ReconsiderationAnswerBrief, caseFileSection: '答辩举证' },
  'evidence-list': { title: '证据目录', template: 'evidence-list', schema: EvidenceList, caseFileSection: '答辩举证', landscape: true },
  'legal-representative-certificate': { title: '法定代表人身份证明书', template: 'legal-representative-certificate', schema: LegalRepresentativeCertificate, caseFileSection: '答辩举证' },
  'power-of-attorney': { title: '授权委托书', template: 'power-of-attorney', schema: PowerOfAttorney, caseFileSection: '答辩举证' },
  'head-appearance-certificate': { title: '出庭应诉负责人身份证明书', template: 'head-appearance-certificate', schema: HeadAppearanceCertificate, caseFileSection: '出庭应诉' },
  'evidence-extension-application': { title: '延期提供证据申请书', template: 'evidence-extension-application', schema: EvidenceExtensionApplication, caseFileSection: '答辩举证' },
  'head-absence-explanation': { title: '负责人不能出庭情况说明', template: 'head-absence-explanation', schema: HeadAbsenceExplanation, caseFileSection: '出庭应诉' },
  'appeal-proposal': { title: '上诉（再审）建议', template: 'appeal-proposal', schema: AppealProposal, caseFileSection: '裁判与上诉' },
  'administrative-appeal': { title: '行政上诉状', template: 'administrative-appeal', schema: AdministrativeAppeal, caseFileSection: '裁判与上诉' },
  'retrial-application': { title: '再审申请书', template: 'retrial-application', schema: RetrialApplication, caseFileSection: '裁判与上诉' },
  'hearing-postponement-application': { title: '延期开庭申请书', template: 'hearing-postponement-application', schema: HearingPostponementApplication, caseFileSection: '出庭应诉' },
  'loss-analysis-report': { title: '败诉分析报告', template: 'loss-analysis-report', schema: LossAnalysisReport, caseFileSection: '败诉分析与问责' },
  'judicial-recommendation-reply': { title: '司法建议回复函', template: 'judicial-recommendation-reply', schema: JudicialRecommendationReply, caseFileSection: '履行与司法建议' },
  'procuratorial-recommendation-reply': { title: '检察建议回复函', template: 'procuratorial-recommendation-reply', schema: ProcuratorialRecommendationReply, caseFileSection: '履行与司法建议' },
  'normative-document-recommendation-reply': {
    title: '规范性文件处理建议书回复函',
    template: 'normative-document-recommendation-reply',
    schema: JudicialRecommendationReply,
    caseFileSection: '履行与司法建议',
  },
  'accountability-letter': { title: '问责追责意见函', template: 'accountability-letter', schema: AccountabilityLetter, caseFileSection: '败诉分析与问责' },
  'annual-report': { title: '年度行政应诉工作报告', template: 'annual-report', schema: AnnualReport, caseFileSection: '报告统计', periodic: true },
  'quarterly-circular': { title: '行政应诉工作季度通报', template: 'quarterly-circular', schema: QuarterlyCircular, caseFileSection: '报告统计', periodic: true },
} satisfies Record<string, DocumentKindInfo>;

export type DocumentKind = keyof typeof DOCUMENT_KINDS;
export const documentKinds = Object.keys(DOCUMENT_KINDS) as DocumentKind[];

export function isDocumentKind(value: string): value is DocumentKind {
  return Object.hasOwn(DOCUMENT_KINDS, value);
}

