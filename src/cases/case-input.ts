import { shanghaiDateOf, toShanghaiOffset } from '../deadlines/dates.ts';
// The case API's request bodies (the contract in issue 6), as zod schemas with Chinese messages.
import { z } from 'zod';
import { PARTY_ROLES } from '../judgment/assess.ts';
import { LEDGER_SORTS, OUTCOMES } from './case-list.ts';

// one issue per field: the format, else whether the day exists (2026-02-30, 2027-02-29)
const isoDate = z.string({ message: '应为日期 YYYY-MM-DD' }).superRefine((s, ctx) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) ctx.addIssue({ code: 'custom', message: '日期格式应为 YYYY-MM-DD' });
  else if (Number.isNaN(Date.parse(`${s}T00:00:00Z`)) || !new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)) ctx.addIssue({ code: 'custom', message: '不是有效的日期' });
});
// recorded in Shanghai time (+08:00) whatever offset the caller used: the date of a hearing is its
// Shanghai date, also for the readers that take the first ten characters (statistics)
const isoDateTime = z.iso
  .datetime({ offset: true, message: '应为带时区的 ISO 日期时间，如 2026-05-20T09:30:00+08:00' })
  .transform((value) => toShanghaiOffset(new Date(value)));
const text = (label: string, max = 500) => z.string({ message: `缺少${label}` }).trim().min(1, `${label}不能为空`).max(max, `${label}过长（最多 ${max} 字）`);
const replyWithinDays = z.number({ message: 'replyWithinDays 应为建议书确定的回复天数（整数）' }).int('replyWithinDays 应为整数天数').min(1, 'replyWithinDays 至少为 1 日').max(3650, 'replyWithinDays 最多 3650 日');
const uuid = (label: string) => z.uuid({ message: `${label}应为单位 ID（UUID）` });

export const PartyType = z.enum(['person', 'enterprise', 'organization'], { message: '类型应为 person（自然人）、enterprise（企业）或 organization（其他组织）' });
const Party = z.object({
  name: text('名称', 200),
  type: PartyType,
  // printed on the answer brief and the appeal (住所地 / 法定代表人 of a company)
  address: text('住址', 300).optional(),
  legalRepresentative: text('法定代表人', 100).optional(),
});

const PartyRole = z.enum(PARTY_ROLES, { message: 'role 应为 plaintiff（原告）、defendant（被告）或 third-party（第三人）' });
/** a party the decision was served on besides the agency; servedOn null or absent: not known yet */
const ServedParty = z.object({ name: text('当事人名称', 200), role: PartyRole, servedOn: isoDate.nullable().default(null) });

export const CaseLevel = z.enum(['first', 'second', 'retrial'], { message: 'level 应为 first（一审）、second（二审）或 retrial（再审）' });

export const CreateCaseBody = z
  .object({
    agencyId: uuid('agencyId'),
    caseNumber: text('案号', 100),
    court: text('法院', 200),
    level: CaseLevel,
    cause: text('案由', 200),
    actUnderSuit: z.object({ description: text('被诉行政行为', 2000), madeByAgencyId: uuid('作出行政行为的单位') }, { message: '缺少被诉行政行为 actUnderSuit' }),
    reconsideration: z.object(
      {
        status: z.enum(['none', 'organ-sole-defendant', 'organ-co-defendant'], { message: 'status 应为 none、organ-sole-defendant 或 organ-co-defendant' }),
        organAgencyId: uuid('复议机关').optional(),
      },
      { message: '缺少复议情况 reconsideration' },
    ),
    plaintiffs: z.array(Party, { message: '缺少原告 plaintiffs' }).min(1, '至少一名原告'),
    plaintiffCount: z.number({ message: '原告人数应为整数' }).int('原告人数应为整数').min(1, '原告人数至少为 1'),
    thirdParties: z.array(Party).default([]),
    claimAmount: z.number({ message: '诉讼标的额应为数字（元）' }).nonnegative('诉讼标的额不能为负').max(1e15).nullable().default(null),
    flags: z
      .object({
        majorPublicInterest: z.boolean().default(false),
        highAttention: z.boolean().default(false),
        massIncidentRisk: z.boolean().default(false),
        procuratorate: z.boolean().default(false),
        majorComplex: z.boolean().default(false),
        enterpriseRelated: z.boolean().optional(),
      })
      .default({ majorPublicInterest: false, highAttention: false, massIncidentRisk: false, procuratorate: false, majorComplex: false }),
    complaintReceivedOn: isoDate,
    /** further departments sued with the defendant (A10) and the lead among them */
    coDefendantAgencyIds: z.array(uuid('共同被告')).default([]),
    leadAgencyId: uuid('牵头单位').optional(),
  })
  .superRefine((b, ctx) => {
    if (b.reconsideration.status !== 'none' && !b.reconsideration.organAgencyId) {
      ctx.addIssue({ code: 'custom', path: ['reconsideration', 'organAgencyId'], message: '经过复议的案件应填写复议机关' });
    }
    if (b.plaintiffCount < b.plaintiffs.length) ctx.addIssue({ code: 'custom', path: ['plaintiffCount'], message: `原告人数不能少于列出的原告（${b.plaintiffs.length}）` });
  });
export type CreateCaseInput = z.infer<typeof CreateCaseBody>;

export const CASE_EVENT_TYPES = ['settlement-outcome', 'withdrawn', 'hearing-scheduled', 'judgment-served', 'judgment-served-to-party', 'judgment-effective', 'appeal-filed', 'appeal-copy-served', 'retrial-petition-served', 'judicial-recommendation', 'procuratorial-recommendation', 'hearing-moved', 'head-appearance-notice', 'public-opinion-incident', 'site-investigation'] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/**
 * Messages the case API sends on its own, not event types a caller posts: after an estimated effect, a
 * later service or the certificate of effect tells the running performance and loss-analysis steps
 * that the effective date moved (src/cases/case-service.ts).
 */
export const DERIVED_MESSAGES = ['effective-date-moved'] as const;

export const CaseEventBody = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('settlement-outcome'), outcome: z.enum(['settled', 'withdrawn', 'failed'], { message: 'outcome 应为 settled、withdrawn 或 failed' }) }),
    z.object({ type: z.literal('withdrawn'), on: isoDate }),
    z.object({
      type: z.literal('hearing-scheduled'),
      hearingAt: isoDateTime,
      // the court's notice with the summons: the principal head, or a head even if one appeared earlier in the instance (法释〔2020〕3号 Art. 7)
      courtNotice: z.object({ principalHeadRequired: z.boolean({ message: '应为 true 或 false' }).optional(), headRequired: z.boolean({ message: '应为 true 或 false' }).optional() }).optional(),
    }),
    // 法院通知负责人出庭 for the hearing being prepared (法释〔2020〕3号 Art. 5, 7)
    z.object({ type: z.literal('head-appearance-notice'), principalHeadRequired: z.boolean({ message: '应为 true 或 false' }).optional() }),
    z.object({ type: z.literal('hearing-moved'), hearingAt: isoDateTime }),
    z.object({
      type: z.literal('judgment-served'),
      kind: z.enum(['judgment', 'ruling', 'mediation'], { message: 'kind 应为 judgment、ruling 或 mediation' }),
      outcome: z.enum(['won', 'lost', 'partly-lost'], { message: 'outcome 应为 won、lost 或 partly-lost' }),
      /** the agency's own service */
      servedOn: isoDate,
      /** the other parties and when each was served: the decision takes effect when every party's appeal period has run out (行诉法85) */
      parties: z.array(ServedParty, { message: 'parties 应为当事人列表 [{name, role, servedOn}]' }).max(200, '当事人过多（最多 200 个）').default([]),
    }),
    // the court served one more party (or its date became known): the effective date moves
    z.object({ type: z.literal('judgment-served-to-party'), name: text('当事人名称', 200), role: PartyRole, servedOn: isoDate }),
    // the court's certificate of effect (生效证明)
    z.object({ type: z.literal('judgment-effective'), effectiveOn: isoDate }),
    z.object({ type: z.literal('appeal-filed'), by: z.enum(['plaintiff', 'agency'], { message: 'by 应为 plaintiff 或 agency' }), on: isoDate }),
    // 上诉状副本送达: the second-instance answer period runs from this date
    z.object({ type: z.literal('appeal-copy-served'), on: isoDate }),
    // 再审申请书副本送达: a party applied for retrial of the effective decision
    z.object({ type: z.literal('retrial-petition-served'), on: isoDate, by: z.enum(['plaintiff', 'procuratorate', 'court'], { message: 'by 应为 plaintiff（原告申请）、procuratorate（检察院抗诉）或 court（法院依职权）' }).default('plaintiff') }),
    // 司法建议书, or the court's 规范性文件处理建议书 (kind normative-document); replyWithinDays: the period it sets
    z.object({
      type: z.literal('judicial-recommendation'),
      kind: z.enum(['judicial', 'normative-document'], { message: 'kind 应为 judicial（司法建议书）或 normative-document（规范性文件处理建议书）' }).default('judicial'),
      receivedOn: isoDate,
      replyWithinDays: replyWithinDays.optional(),
      issuer: text('发出建议的人民法院', 100).optional(),
    }),
    // 检察建议书: the procuratorate that issued it receives the reply
    z.object({ type: z.literal('procuratorial-recommendation'), receivedOn: isoDate, replyWithinDays: replyWithinDays.optional(), issuer: text('发出检察建议的人民检察院', 100) }),
    // 现场调查、协调会 (LC Art. 13 para 3): organised by the court, or called by the responding unit; the related departments attend
    z.object({
      type: z.literal('site-investigation'),
      organizedBy: z.enum(['court', 'agency'], { message: 'organizedBy 应为 court（人民法院组织现场调查）或 agency（应诉承办单位召集协调会或赴现场调查）' }),
      at: isoDateTime,
      place: text('地点', 200),
      departments: z.array(text('有关部门、单位', 100), { message: 'departments 应为有关部门、单位名称列表' }).min(1, '请至少列出1个需要配合的有关部门、单位').max(20, '有关部门、单位最多 20 个'),
    }),
    // 涉案舆情 (LC Art. 48): the handling is reported to the government at the level by the date its rules set
    z
      .object({ type: z.literal('public-opinion-incident'), on: isoDate, summary: text('舆情概况', 2000), reportDueOn: isoDate })
      .refine((e) => e.reportDueOn >= e.on, { path: ['reportDueOn'], message: '报告期限不能早于舆情发生日' }),
  ],
  { message: `type 应为 ${CASE_EVENT_TYPES.join('、')} 之一` },
);
export type CaseEventInput = z.infer<typeof CaseEventBody>;

/** The BPMN message an event publishes: name = type, correlation key = caseId, these variables. */
export function messageVariables(event: CaseEventInput, caseId?: string): Record<string, unknown> {
  switch (event.type) {
    case 'hearing-moved':
      return { hearingAt: event.hearingAt };
    case 'settlement-outcome':
      return { settlementOutcome: event.outcome };
    case 'withdrawn':
      return { withdrawnOn: event.on };
    case 'hearing-scheduled':
      return { hearingAt: event.hearingAt, principalHeadRequiredByCourt: event.courtNotice?.principalHeadRequired ?? false, headRequiredByCourt: event.courtNotice?.headRequired ?? false };
    case 'head-appearance-notice':
      return { headRequiredByCourt: true, principalHeadRequiredByCourt: event.principalHeadRequired ?? false };
    case 'judgment-served':
      return { judgmentKind: event.kind, judgmentOutcome: event.outcome, judgmentServedOn: event.servedOn, judgmentParties: event.parties };
    case 'judgment-served-to-party':
      return { servedParty: { name: event.name, role: event.role, servedOn: event.servedOn } };
    case 'judgment-effective':
      return { effectiveCertifiedOn: event.effectiveOn };
    case 'appeal-filed':
      return { appealBy: event.by, appealFiledOn: event.on };
    case 'appeal-copy-served':
      return { appealCopyServedOn: event.on };
    case 'retrial-petition-served':
      // a message start event (再审 process): the new instance needs the case id as a variable
      return { ...(caseId ? { caseId } : {}), retrialPetitionServedOn: event.on, retrialBy: event.by };
    case 'site-investigation':
      // a message start event: the new instance needs the case id as a variable
      return {
        ...(caseId ? { caseId } : {}),
        siteOrganizedBy: event.organizedBy,
        siteOrganizedByCourt: event.organizedBy === 'court',
        siteInvestigationAt: event.at,
        // the date and time in Beijing time, for the notification text
        siteInvestigationOn: shanghaiDateOf(new Date(event.at)),
        siteInvestigationTime: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(event.at)),
        sitePlace: event.place,
        // one variable per department (the engine has no JSON lists to loop over): the loop reads siteDepartment_<n>
        siteDepartmentCount: event.departments.length,
        ...Object.fromEntries(event.departments.map((d, i) => [`siteDepartment_${i}`, d])),
      };
    case 'public-opinion-incident':
      // a message start event: the new instance needs the case id as a variable
      return { ...(caseId ? { caseId } : {}), opinionIncidentOn: event.on, opinionSummary: event.summary, opinionReportDue: event.reportDueOn };
    case 'judicial-recommendation':
    case 'procuratorial-recommendation':
      // a message start event: the new instance needs the case id as a variable
      return {
        ...(caseId ? { caseId } : {}),
        recommendationKind: event.type === 'procuratorial-recommendation' ? 'procuratorial' : event.kind,
        recommendationReceivedOn: event.receivedOn,
        ...(event.replyWithinDays ? { replyWithinDays: event.replyWithinDays } : {}),
        ...(event.issuer ? { recommendationIssuer: event.issuer } : {}),
      };
  }
}

/** The ledger's filters (GET /api/cases and GET /api/cases/export.xlsx), without paging. */
export const LedgerFilterQuery = z.object({
  agency: z.uuid({ message: 'agency 应为单位 ID（UUID）' }).optional(),
  stage: z.string().trim().min(1).max(40).optional(),
  level: CaseLevel.optional(),
  profile: z.string().trim().min(1).max(40).optional(),
  year: z.coerce.number({ message: 'year 应为年份' }).int('year 应为年份').min(2000, 'year 应为 2000–2100').max(2100, 'year 应为 2000–2100').optional(),
  due: z
    .string()
    .regex(/^(overdue|3d|week|([1-9]\d{0,2})d)$/, 'due 应为 overdue（逾期）、3d（3日内到期）、week（本周到期）或 <N>d（N 日内到期，N 为 1–999）')
    .optional(),
  enterpriseRelated: z.enum(['true', 'false'], { message: 'enterpriseRelated 应为 true 或 false' }).transform((v) => v === 'true').optional(),
  outcome: z.enum(OUTCOMES, { message: 'outcome 应为 won（胜诉）、lost（败诉）、partly-lost（部分败诉）或 none（尚无裁判）' }).optional(),
  q: z.string().trim().min(1, 'q 不能为空').max(100, 'q 过长（最多 100 字）').optional(),
  sort: z.enum(LEDGER_SORTS, { message: `sort 应为 ${LEDGER_SORTS.join('、')} 之一` }).optional(),
  order: z.enum(['asc', 'desc'], { message: 'order 应为 asc 或 desc' }).optional(),
});

export const ListCasesQuery = LedgerFilterQuery.extend({
  limit: z.coerce.number({ message: 'limit 应为 1–500 的整数' }).int('limit 应为 1–500 的整数').min(1, 'limit 应为 1–500 的整数').max(500, 'limit 应为 1–500 的整数').default(20),
  offset: z.coerce.number({ message: 'offset 应为非负整数' }).int('offset 应为非负整数').min(0, 'offset 应为非负整数').default(0),
});
