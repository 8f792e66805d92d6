// The shape of a rule-profile version (规则版本) an analyst drafts at run time: every rule with its
// period, triggers and source citation. Errors name the field path (rules.2.period.amount).
// Kept apart from the data files' schema (src/deadlines/profile-schema.ts, `parseProfileVersion`) on
// purpose for now: its messages are in Chinese for the page, and a drafted rule has no seed file.
// Merging the two (one schema, Chinese messages) is open work (docs/profiles.md).
import { z } from 'zod';
import { inputErrorFromZod } from '../errors.ts';
import { TRIGGER_EVENTS } from './case-deadlines.ts';
import { requireIsoDate } from './dates.ts';
import { RECOMMENDATION_KINDS, STAGES, type ProfileVersion } from './rules.ts';

const isoDate = (label: string) =>
  z.string({ message: `请填写${label}` }).superRefine((value, ctx) => {
    try {
      requireIsoDate(value, label);
    } catch {
      ctx.addIssue({ code: 'custom', message: `${label}应为有效日期（年-月-日）` });
    }
  });

const text = (label: string, max = 500) => z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}不超过${max}字`);

const CitationSchema = z.object({
  document: text('依据文件名称', 200),
  article: text('条款', 100),
  file: z.string().max(100).optional(),
  note: z.string().max(500).optional(),
});

const PERIOD_UNITS = ['calendar-days', 'working-days', 'months', 'working-days-before', 'calendar-days-before', 'fixed-date-next-year'] as const;

const PeriodSchema = z
  .object({
    unit: z.enum(PERIOD_UNITS, { message: '期限单位应为 日、工作日、月 等之一' }),
    amount: z.number({ message: '期限应为数字' }).int('期限应为整数').min(0, '期限不能为负数').max(3650, '期限不超过3650'),
    rollOffRestDay: z.boolean().optional(),
    monthDay: z.string().regex(/^\d{2}-\d{2}$/, '固定日期应为 月-日（如 01-10）').optional(),
  })
  .superRefine((p, ctx) => {
    if (p.unit === 'fixed-date-next-year' && !p.monthDay) ctx.addIssue({ code: 'custom', path: ['monthDay'], message: '次年固定日期的规则须填写月-日' });
    if (p.unit !== 'fixed-date-next-year' && p.amount < 1) ctx.addIssue({ code: 'custom', path: ['amount'], message: '期限至少为1' });
  });

const ruleBase = {
  id: z.string({ message: '请填写规则编号' }).regex(/^[a-z][a-z0-9-]{1,60}$/, '规则编号只能包含小写字母、数字和连字符'),
  name: text('规则名称', 60),
  description: text('规则说明', 500),
  source: CitationSchema,
  catalog: z.string().max(100).default(''),
  validFrom: isoDate('规则生效日').optional(),
  validTo: isoDate('规则失效日').optional(),
};

const DeadlineRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('deadline'),
  basis: z.enum(['statutory', 'internal', 'court'], { message: '期限性质应为 法定、内部 或 法院确定' }),
  period: PeriodSchema,
  triggers: z.array(z.enum(TRIGGER_EVENTS, { message: '未知的起算事件' }), { message: '请选择起算事件' }).min(1, '至少选择一个起算事件'),
  stages: z.array(z.enum(STAGES, { message: '未知的阶段' })).min(1, '至少选择一个阶段'),
  when: z
    .object({
      judgmentKind: z.array(z.enum(['judgment', 'ruling', 'mediation'])).optional(),
      procedure: z.literal('simplified').optional(),
      headAppeared: z.literal(false).optional(),
      recommendationKind: z.array(z.enum(RECOMMENDATION_KINDS)).optional(),
    })
    .optional(),
  courtSetPeriod: z.enum(['required', 'optional']).optional(),
  courtSetOption: z.enum(['replyWithinDays', 'performanceWithinDays']).optional(),
  courtSetSource: CitationSchema.optional(),
});

const ThresholdRuleSchema = z.object({
  ...ruleBase,
  kind: z.literal('threshold'),
  parameters: z.record(z.string().min(1), z.union([z.number(), z.string().max(200), z.boolean(), z.null()], { message: '参数值应为数字、文字、是/否或空' })),
});

export const ProfileVersionSchema = z
  .object({
    validFrom: isoDate('生效日期'),
    validTo: isoDate('失效日期').nullable().default(null),
    document: text('依据文件名称', 200),
    file: z.string().trim().max(100).optional(),
    rules: z
      .array(z.discriminatedUnion('kind', [DeadlineRuleSchema, ThresholdRuleSchema], { message: '规则类型应为 deadline（期限）或 threshold（标准）' }), { message: '请填写规则' })
      .min(1, '至少一条规则'),
  })
  .superRefine((v, ctx) => {
    if (v.validTo && v.validTo < v.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: '失效日期不能早于生效日期' });
    const seen = new Set<string>();
    v.rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `规则编号 ${r.id} 重复` });
      seen.add(r.id);
    });
  });

/** A drafted version, checked; throws InputError naming each field (prefixed, e.g. version.rules.0.period.amount). */
export function parseDraftVersion(data: unknown, prefix = 'version'): ProfileVersion {
  const parsed = ProfileVersionSchema.safeParse(data);
  if (!parsed.success) throw inputErrorFromZod(parsed.error, prefix);
  return parsed.data as ProfileVersion;
}
