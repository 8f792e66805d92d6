// Which deadlines a case has at a stage, from the trigger dates known so far (pure, no IO).
// The ledger (ledger.ts) stores the inputs, so a later change of one trigger recomputes everything
// that depends on it, including derived triggers (the risk report hangs on the planned submission date,
// capped by the answer due date).
import { z } from 'zod';
import { InputError, inputErrorFromZod } from '../errors.ts';
import type { WorkCalendar } from './calendar.ts';
import { parseIsoDate, shanghaiDateOf, type EpochDay } from './dates.ts';
import { computeResolved, deadlineRulesInForce, requireProfile, resolveRule, type DeadlineResult } from './engine.ts';
import { RECOMMENDATION_KINDS, STAGES, TRIGGER_EVENTS, type DeadlineRule, type RecommendationKind, type JudgmentKind, type Stage, type TriggerEvent } from './rules.ts';
import { requireIsoDate } from './dates.ts';
import { chineseDate as cnDate } from '../documents/formatting.ts';

/** Trigger dates keyed by trigger key: an event name, or "event:qualifier" for repeated events (hearingAt:2). */
export type TriggerDates = Record<string, string>;

export interface CaseOptions {
  judgmentKind?: JudgmentKind;
  procedure?: 'ordinary' | 'simplified';
  headAppeared?: boolean;
  /** false: the hearing demanded no head (one appeared earlier in the instance, 法释〔2020〕3号 Art. 7) */
  headRequiredThisHearing?: boolean;
  /** the reply period the court (or procuratorate) set in a recommendation, in days */
  replyWithinDays?: number;
  /** the performance period the effective decision sets, in days from its effective date (判决生效之日起N日内) */
  performanceWithinDays?: number;
  /** which recommendation the reply period is for (absent: a judicial one) */
  recommendationKind?: RecommendationKind;
  /**
   * Options of one trigger key (recommendationReceivedOn:<key>): a case may have several
   * recommendations, each with its own kind and court-set period. For such a key they replace the
   * case-wide replyWithinDays and recommendationKind.
   */
  byTrigger?: Record<string, TriggerOptions>;
}

/** The options that belong to one trigger (one recommendation). */
export interface TriggerOptions {
  replyWithinDays?: number;
  recommendationKind?: RecommendationKind;
}

export interface CaseDeadlineInputs {
  profile: string;
  triggers: TriggerDates;
  options: CaseOptions;
}

export interface CaseDeadline extends DeadlineResult {
  triggerKey: string;
  stage: Stage;
}

/** the trigger dates a case can carry (also the process variables the deadline worker reads) */
export { TRIGGER_EVENTS };

const triggerKeyPattern = new RegExp(`^(${TRIGGER_EVENTS.join('|')})(:[A-Za-z0-9_.-]{1,40})?$`);

export const CaseOptionsSchema = z.object({
  judgmentKind: z.enum(['judgment', 'ruling', 'mediation']).optional(),
  procedure: z.enum(['ordinary', 'simplified']).optional(),
  headAppeared: z.boolean().optional(),
  headRequiredThisHearing: z.boolean().optional(),
  replyWithinDays: z.number().int().min(1).max(3650).optional(),
  performanceWithinDays: z.number().int().min(1).max(3650).optional(),
  recommendationKind: z.enum(RECOMMENDATION_KINDS).optional(),
  byTrigger: z
    .record(z.string().regex(triggerKeyPattern, { message: '未知的触发事件键' }), z.object({ replyWithinDays: z.number().int().min(1).max(3650).optional(), recommendationKind: z.enum(RECOMMENDATION_KINDS).optional() }))
    .optional(),
});

/**
 * Normalises trigger values: a date 'YYYY-MM-DD', or a date-time (hearingAt) taken as its Asia/Shanghai
 * date. null removes a trigger. Throws InputError naming the field.
 */
export function normaliseTriggers(raw: Record<string, unknown>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!triggerKeyPattern.test(key)) throw new InputError([{ field: key, message: `未知的触发事件；可用：${TRIGGER_EVENTS.join('、')}` }]);
    if (value === null || value === undefined || value === '') {
      out[key] = null;
      continue;
    }
    if (typeof value === 'string' && value.length > 10 && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
      const instant = new Date(value);
      if (Number.isNaN(instant.getTime())) throw new InputError([{ field: key, message: `${value} 不是有效的日期时间` }]);
      out[key] = shanghaiDateOf(instant);
    } else {
      out[key] = typeof value === 'string' ? value : String(value);
    }
    requireIsoDate(out[key], key);
  }
  return out;
}

export function parseCaseOptions(raw: unknown): CaseOptions {
  const parsed = CaseOptionsSchema.safeParse(raw ?? {});
  if (!parsed.success) throw inputErrorFromZod(parsed.error);
  return parsed.data;
}

export function requireStage(value: unknown, field = 'stage'): Stage | 'all' {
  if (value === 'all' || (typeof value === 'string' && (STAGES as readonly string[]).includes(value))) return value as Stage | 'all';
  throw new InputError([{ field, message: `未知的阶段 ${JSON.stringify(value)}；可用：all、${STAGES.join('、')}` }]);
}

/** The options a trigger key computes with: its own (one recommendation's), else the case's. */
export function optionsOfTrigger(options: CaseOptions, triggerKey: string): CaseOptions {
  const own = options.byTrigger?.[triggerKey];
  return own ? { ...options, replyWithinDays: own.replyWithinDays, recommendationKind: own.recommendationKind } : options;
}

/** Merges stored options with changes; the per-trigger options of other keys are kept. */
export function mergeOptions(stored: CaseOptions, changes: CaseOptions): CaseOptions {
  const merged: CaseOptions = { ...stored, ...changes };
  if (stored.byTrigger || changes.byTrigger) merged.byTrigger = { ...stored.byTrigger, ...changes.byTrigger };
  return merged;
}

function applies(rule: DeadlineRule, options: CaseOptions): boolean {
  const when = rule.when;
  if (!when) return true;
  if (when.judgmentKind && !(options.judgmentKind && when.judgmentKind.includes(options.judgmentKind))) return false;
  if (when.procedure && options.procedure !== when.procedure) return false;
  // "no head appeared" only counts where the hearing demanded one
  if (when.headAppeared === false && (options.headAppeared === true || options.headRequiredThisHearing === false)) return false;
  if (when.recommendationKind && !when.recommendationKind.includes(options.recommendationKind ?? 'judicial')) return false;
  return true;
}


/**
 * Computes the case's deadlines for the stages asked for. A rule yields one deadline per known trigger key
 * of its trigger events; rules not in force on the trigger date, or whose conditions fail, yield none.
 */
export function computeCaseDeadlines(cal: WorkCalendar, inputs: CaseDeadlineInputs, stages: readonly (Stage | 'all')[]): CaseDeadline[] {
  const profile = requireProfile(inputs.profile);
  const wanted = (rule: DeadlineRule) => stages.includes('all') || rule.stages.some((s) => stages.includes(s));
  const triggers = { ...inputs.triggers };
  const results: CaseDeadline[] = [];
  const provisionalTriggers = new Set<string>();

  const computeFor = (event: TriggerEvent, keys: readonly string[]) => {
    for (const key of keys) {
      const dateText = triggers[key]!;
      const day = parseIsoDate(dateText) as EpochDay;
      const options = optionsOfTrigger(inputs.options, key);
      for (const resolved of deadlineRulesInForce(profile, dateText, event)) {
        const rule = resolved.rule;
        if (!wanted(rule) || !applies(rule, options)) continue;
        let courtSetDays: number | undefined;
        if (rule.courtSetPeriod) {
          courtSetDays = options[rule.courtSetOption ?? 'replyWithinDays'];
          if (courtSetDays === undefined && rule.courtSetPeriod === 'required') continue; // nothing to compute yet
        }
        const result = computeResolved(cal, profile.id, resolved, day, courtSetDays, provisionalTriggers.has(key));
        const note = anchorNotes.get(key);
        if (note) result.explanation = result.explanation.replace(/。(期限至[^。]*。)$/, `；${note}。$1`);
        const stage = (stages.includes('all') ? rule.stages[0] : rule.stages.find((s) => stages.includes(s))) ?? rule.stages[0]!;
        results.push({ ...result, triggerKey: key, stage });
      }
    }
  };

  // the answer due date feeds the risk report: compute it first unless the caller gave one (an extension)
  if (!triggers.answerDueOn && triggers.complaintReceivedOn) {
    const answer = resolveRule(profile, 'answer-and-evidence', triggers.complaintReceivedOn);
    if (answer && answer.rule.kind === 'deadline') {
      const r = computeResolved(cal, profile.id, { ...answer, rule: answer.rule }, parseIsoDate(triggers.complaintReceivedOn)!);
      triggers.answerDueOn = r.due;
      if (r.status === 'PROVISIONAL') provisionalTriggers.add('answerDueOn');
    }
  }
  // the risk report counts back from the planned submission of the answer materials (LC Art. 18),
  // capped by the answer deadline, which also stands in while no date is planned
  const anchorNotes = new Map<string, string>();
  if (triggers.answerDueOn) {
    const planned = triggers.plannedSubmissionOn;
    const answerDue = triggers.answerDueOn;
    if (planned && planned <= answerDue) {
      anchorNotes.set('plannedSubmissionOn', `以承办人确定的计划提交答辩材料日${cnDate(planned)}为基准（答辩期限届满日为${cnDate(answerDue)}）`);
    } else {
      triggers.plannedSubmissionOn = answerDue;
      if (provisionalTriggers.has('answerDueOn')) provisionalTriggers.add('plannedSubmissionOn');
      anchorNotes.set(
        'plannedSubmissionOn',
        planned
          ? `计划提交答辩材料日${cnDate(planned)}晚于答辩期限届满日，以答辩期限届满日${cnDate(answerDue)}为基准`
          : `尚未确定计划提交答辩材料日，以答辩期限届满日${cnDate(answerDue)}为基准`,
      );
    }
  }
  // the keys of each event, in the triggers' order ("hearingAt", "hearingAt:2" → hearingAt)
  const keysOf = new Map<string, string[]>();
  for (const key of Object.keys(triggers)) {
    const colon = key.indexOf(':');
    const event = colon < 0 ? key : key.slice(0, colon);
    keysOf.set(event, [...(keysOf.get(event) ?? []), key]);
  }
  for (const event of TRIGGER_EVENTS) {
    const keys = keysOf.get(event);
    if (keys) computeFor(event, keys);
  }
  return results;
}

export function mergeTriggers(stored: TriggerDates, changes: Record<string, string | null>): TriggerDates {
  const merged: TriggerDates = { ...stored };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete merged[k];
    else merged[k] = v;
  }
  return merged;
}
