// The schema of a rule profile (规则配置) file: the single source of what profiles/*.yaml may say.
// profiles/profile.schema.json is generated from it (npm run docs:profile-schema) for editors;
// the loader (profile-files.ts) and drafts of a new version (parseProfileVersion) validate with it.
// Checks JSON Schema cannot express (unique rule ids, dates in order, versions not overlapping) are
// refinements here, so both paths run them; zod runs them once the structure they read is valid, so
// such a problem shows after the structural ones are fixed.
import { z } from 'zod';
import { InputError } from '../errors.ts';
import { notificationEvents, recipientRoles } from '../notifications/events.ts';
import { parseIsoDate } from './dates.ts';
import { PERIOD_UNITS, type PeriodSpec } from './periods.ts';
import { RECOMMENDATION_KINDS, STAGES, TRIGGER_EVENTS, type Citation, type EscalationPolicy, type NotificationOverride, type Profile, type ProfileVersion, type Rule } from './rules.ts';

const nonBlank = (what: string) => z.string({ error: `expected ${what} (text)` }).regex(/\S/, { error: `${what} must not be empty（不能为空）` });

const isoDate = z
  .string({ error: 'expected a date YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date YYYY-MM-DD' })
  .refine((s) => parseIsoDate(s) !== null, { error: 'expected a real date YYYY-MM-DD（应为有效日期）' });

const profileId = z.string({ error: 'expected a profile id' }).regex(/^[a-z][a-z0-9-]*$/, { error: 'expected lower-case letters, digits and hyphens (e.g. liaocheng)' });

const seedFile = z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, { error: 'expected a seed policy file name such as 002_963c834d180c3dcb.txt' });

/** The message of a period or count that must be 1 or more (the example of issue 16). */
const POSITIVE = 'expected a positive integer（应为正整数）';

/** Catalogue rows ("C01; §2.1"): ids A01 … H99 or sections of the rules catalogue, separated by "; ". */
const catalogRef = z
  .string({ error: 'expected the rules catalogue row(s), e.g. "C01; §2.1"' })
  .regex(/^([A-H]\d{2}|§[^;]+)(; ([A-H]\d{2}|§[^;]+))*$/, { error: 'expected catalogue ids (A01 … H99) or sections (§2.1) separated by "; "（应为规则目录编号）' });

export const citationSchema = z
  .strictObject({
    document: nonBlank('the document cited'),
    article: nonBlank('the article or section'),
    file: seedFile.optional().describe('the seed policy text (shared/seeds/) for a local policy'),
    note: nonBlank('the note').optional().describe('a caveat, e.g. an UNCONFIRMED article number'),
  }, { error: (iss) => (iss.input === undefined ? 'required: the source citation (document, article, and file for a seed policy)' : 'expected a citation: document, article, file') })
  .meta({ id: 'citation', description: 'where the rule comes from: document, article, and for a local policy its seed file' });

export const periodSchema = z
  .strictObject({
    unit: z.enum(PERIOD_UNITS, { error: (iss) => `unknown period unit ${JSON.stringify(iss.input)}; known: ${PERIOD_UNITS.join(', ')}` }),
    amount: z
      .number({ error: 'expected a whole number of days or months' })
      .int({ error: 'expected a whole number of days or months' })
      .min(0, { error: POSITIVE })
      .max(3650, { error: 'expected at most 3650' }),
    rollOffRestDay: z.boolean().optional().describe('calendar days / months: a last day on a rest day moves to the next working day (default true)'),
    monthDay: z
      .string()
      .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'expected MM-DD, e.g. 01-10' })
      .optional()
      .describe("fixed-date-next-year: 'MM-DD'"),
  })
  .meta({ id: 'period', description: 'the period: unit and amount (0 when the court sets it or for a fixed date)' });

const ruleBase = {
  id: z.string({ error: 'expected a rule id' }).regex(/^[a-z][a-z0-9-]*$/, { error: 'expected lower-case letters, digits and hyphens (e.g. answer-and-evidence)' }),
  name: nonBlank('the short Chinese name'),
  description: nonBlank('what has to be done, in Chinese'),
  source: citationSchema,
  catalog: catalogRef,
  validFrom: isoDate.optional().describe('a rule may start later than its version'),
  validTo: isoDate.optional().describe('a rule may end earlier than its version (inclusive)'),
};

export const deadlineRuleSchema = z.strictObject({
  kind: z.literal('deadline'),
  ...ruleBase,
  basis: z.enum(['statutory', 'internal', 'court'], { error: 'expected statutory, internal or court' }),
  period: periodSchema,
  triggers: z
    .array(z.enum(TRIGGER_EVENTS, { error: (iss) => `unknown trigger ${JSON.stringify(iss.input)}; known: ${TRIGGER_EVENTS.join(', ')}` }))
    .min(1, { error: 'expected at least one trigger' }),
  stages: z.array(z.enum(STAGES, { error: (iss) => `unknown stage ${JSON.stringify(iss.input)}; known: ${STAGES.join(', ')}` })).min(1, { error: 'expected at least one stage' }),
  when: z
    .strictObject({
      judgmentKind: z.array(z.enum(['judgment', 'ruling', 'mediation'])).min(1).optional(),
      procedure: z.literal('simplified').optional(),
      headAppeared: z.literal(false).optional(),
      recommendationKind: z.array(z.enum(RECOMMENDATION_KINDS)).min(1).optional(),
    })
    .optional()
    .describe("conditions on the case's options; a rule whose condition fails is not computed"),
  courtSetPeriod: z.enum(['required', 'optional']).optional().describe("'required': the court sets the period; 'optional': a court-set period replaces the default"),
  courtSetOption: z.enum(['replyWithinDays', 'performanceWithinDays']).optional(),
  courtSetSource: citationSchema.optional(),
}).meta({ id: 'deadlineRule', description: 'a period the engine computes from a trigger date' });

export const thresholdRuleSchema = z.strictObject({
  kind: z.literal('threshold'),
  ...ruleBase,
  parameters: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), z.union([z.number(), z.string(), z.boolean(), z.null()])),
}).meta({ id: 'thresholdRule', description: 'numbers or flags a rule reads (a quota, a headcount)' });

export const ruleSchema = z.discriminatedUnion('kind', [deadlineRuleSchema, thresholdRuleSchema], {
  error: 'expected kind: deadline or threshold',
});

type Issue = { path: (string | number)[]; message: string };

/** Checks inside one rule that JSON Schema does not express. */
function ruleIssues(rule: Rule): Issue[] {
  const out: Issue[] = [];
  if (rule.validFrom && rule.validTo && rule.validTo <= rule.validFrom) out.push({ path: ['validTo'], message: `must be later than validFrom ${rule.validFrom}` });
  if (rule.kind !== 'deadline') return out;
  const { period } = rule;
  if (period.unit === 'fixed-date-next-year') {
    if (!period.monthDay) out.push({ path: ['period', 'monthDay'], message: 'required for fixed-date-next-year (MM-DD)' });
    if (period.amount !== 0) out.push({ path: ['period', 'amount'], message: 'must be 0 for fixed-date-next-year' });
  } else {
    if (period.monthDay) out.push({ path: ['period', 'monthDay'], message: 'only for fixed-date-next-year' });
    if (rule.courtSetPeriod === 'required') {
      if (period.amount !== 0) out.push({ path: ['period', 'amount'], message: 'must be 0: the court sets this period (courtSetPeriod: required)' });
    } else if (period.amount === 0) out.push({ path: ['period', 'amount'], message: POSITIVE });
  }
  if (!rule.courtSetPeriod && rule.courtSetOption) out.push({ path: ['courtSetOption'], message: 'only with courtSetPeriod' });
  if (!rule.courtSetPeriod && rule.courtSetSource) out.push({ path: ['courtSetSource'], message: 'only with courtSetPeriod' });
  return out;
}

export const profileVersionSchema = z
  .strictObject({
    validFrom: isoDate.describe('first day in force (a trigger on or after it)'),
    validTo: isoDate.nullable().describe('last day in force, inclusive; null = open-ended'),
    document: nonBlank('the document of this version'),
    file: seedFile.optional().describe('the seed policy text of this version'),
    rules: z.array(ruleSchema),
  })
  .superRefine((version, ctx) => {
    if (version.validTo !== null && version.validTo <= version.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: `must be later than validFrom ${version.validFrom}` });
    const firstIndex = new Map<string, number>();
    version.rules.forEach((rule, i) => {
      const earlier = firstIndex.get(rule.id);
      if (earlier !== undefined) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id ${rule.id} (also rules[${earlier}])` });
      else firstIndex.set(rule.id, i);
      // a local policy's rules cite its text
      if (version.file && !rule.source.file) ctx.addIssue({ code: 'custom', path: ['rules', i, 'source', 'file'], message: `required: the seed file of this version's policy (${version.file})` });
      for (const issue of ruleIssues(rule as Rule)) ctx.addIssue({ code: 'custom', path: ['rules', i, ...issue.path], message: issue.message });
    });
  })
  .meta({ id: 'profileVersion', description: 'one version of a profile, in force from validFrom to validTo' });

export const escalationSchema = z
  .strictObject({
    workingDaysBefore: z.number().int().min(1, { error: POSITIVE }).max(30),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, { error: "expected 'HH:MM:SS'" }),
    source: citationSchema,
  })
  .meta({ id: 'escalation', description: 'when the 督办 of a deadline comes: working days before the last day, at a local time' });

export const notificationOverrideSchema = z
  .strictObject({
    title: nonBlank('the Chinese title').optional(),
    recipients: z
      .array(z.enum(recipientRoles, { error: (iss) => `unknown recipient role ${JSON.stringify(iss.input)}; known: ${recipientRoles.join(', ')}` }))
      .min(1, { error: 'expected at least one recipient' })
      .optional(),
    urgent: z.boolean().optional(),
    urgentFromDueDate: z.boolean().optional(),
    source: nonBlank('where the difference comes from').optional(),
    disabledReason: nonBlank('the reason, in Chinese').optional(),
    data: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), z.string()).optional(),
  })
  .meta({ id: 'notificationOverride', description: "who is told what where the profile differs from the product's rule for the event (src/notifications/rules.ts)" });

/** Do two versions share a day? (validTo inclusive, null = open-ended) */
function overlap(a: { validFrom: string; validTo: string | null }, b: { validFrom: string; validTo: string | null }): boolean {
  return (a.validTo === null || b.validFrom <= a.validTo) && (b.validTo === null || a.validFrom <= b.validTo);
}

export const profileSchema = z
  .strictObject({
    id: profileId,
    name: nonBlank('the Chinese name'),
    parent: profileId.nullable().describe("the profile whose rules apply where this one has none ('national' for an overlay); null for the baseline"),
    escalation: escalationSchema.optional(),
    notifications: z
      .partialRecord(
        z.enum(notificationEvents, { error: (iss) => `unknown notification event ${JSON.stringify(iss.input)}; known: ${notificationEvents.join(', ')}` }),
        notificationOverrideSchema,
      )
      .optional()
      .describe('notification routing (通知规则) that differs from the base rules, by event'),
    versions: z.array(profileVersionSchema).min(1, { error: 'expected at least one version' }),
  })
  .superRefine((profile, ctx) => {
    if (profile.parent === null && !profile.escalation) ctx.addIssue({ code: 'custom', path: ['escalation'], message: 'required on a profile without a parent (the default 督办 timing)' });
    if (profile.parent === profile.id) ctx.addIssue({ code: 'custom', path: ['parent'], message: 'a profile cannot be its own parent' });
    profile.versions.forEach((v, j) => {
      for (let i = 0; i < j; i++) {
        const w = profile.versions[i]!;
        if (overlap(v, w)) ctx.addIssue({ code: 'custom', path: ['versions', j, 'validFrom'], message: `overlaps versions[${i}] (${w.validFrom} to ${w.validTo ?? 'open-ended'})` });
      }
    });
  })
  .describe('a rule profile (规则配置): a jurisdiction, its parent and its versions by effective date');

// The data the schema accepts is exactly the engine's types (a field added to one must be added to the other).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameProfile: Same<z.infer<typeof profileSchema>, Profile> = true;
const sameVersion: Same<z.infer<typeof profileVersionSchema>, ProfileVersion> = true;
const sameRule: Same<z.infer<typeof ruleSchema>, Rule> = true;
const sameCitation: Same<z.infer<typeof citationSchema>, Citation> = true;
const samePeriod: Same<z.infer<typeof periodSchema>, PeriodSpec> = true;
const sameEscalation: Same<z.infer<typeof escalationSchema>, EscalationPolicy> = true;
const sameNotification: Same<z.infer<typeof notificationOverrideSchema>, NotificationOverride> = true;
void [sameProfile, sameVersion, sameRule, sameCitation, samePeriod, sameEscalation, sameNotification];

/** A zod issue path as the files and forms name it: versions[0].rules[3].period.amount */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

/** A schema's issues as {path, message}; an unknown field is one issue at that field (a typo shows where it is). */
export function issuesOf(error: z.ZodError): { path: PropertyKey[]; message: string }[] {
  return error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys' ? i.keys.map((key) => ({ path: [...i.path, key], message: 'unknown field (a typo?)' })) : [{ path: i.path, message: i.message }],
  );
}

/**
 * A profile version submitted as data (e.g. a draft in JSON), validated with the same rules as the
 * files. Throws InputError whose issues name each field (`rules[3].period.amount`).
 */
export function parseProfileVersion(data: unknown): ProfileVersion {
  const parsed = profileVersionSchema.safeParse(data);
  if (!parsed.success) throw new InputError(issuesOf(parsed.error).map((i) => ({ field: fieldPath(i.path) || '(version)', message: i.message })));
  return parsed.data as ProfileVersion;
}

/** The JSON Schema editors validate the files with (profiles/profile.schema.json). */
export function profileJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(profileSchema, { target: 'draft-2020-12', io: 'input' }),
    $id: 'profile.schema.json',
    title: 'Rule profile (规则配置)',
  };
}
