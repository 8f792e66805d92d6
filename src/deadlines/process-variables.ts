// Deadlines as process variables: ISO date-times (+08:00) for timers (${…At}) and user-task
// due dates, under names the diagrams use. See the README section "Deadline variables".
import { InputError } from '../errors.ts';
import type { WorkCalendar } from './calendar.ts';
import { formatIsoDate, parseIsoDate, shanghaiDateTime } from './dates.ts';
import { escalationPolicyOf } from './engine.ts';
import type { StoredDeadline } from './ledger.ts';
import type { EscalationPolicy } from './rules.ts';
import { BASE_PROFILE_SET, effectiveProfiles, type ProfileSet } from './profile-set.ts';

/** Reminders before a deadline, in calendar days; each moves back to a working day, at 09:00 Shanghai. */
export const REMINDER_OFFSETS = { t5: 5, t2: 2, t0: 0 } as const;
export const REMINDER_TIME = '09:00:00';
export const DUE_TIME = '23:59:59';

export interface DeadlineVariable {
  rule: string;
  triggerKey: string;
  name: string;
  trigger: string;
  due: string;
  dueAt: string;
  status: 'OK' | 'PROVISIONAL';
  remindAt: { t5: string; t2: string; t0: string };
  /** the 督办 instant: the profile's escalation policy (national: 1 working day before, 09:00) */
  escalateAt: string;
  source: string;
  explanation: string;
}

const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// a rule's first trigger gives the plain name; another trigger adds "For<Event>" (justiceBureauFilingForJudgmentServed);
// the hearing rules are those a hearing date triggers. Both derive from the effective profile set, once per set.
interface RuleNames {
  firstTriggerOf: Map<string, string>;
  hearingRules: string[];
}
const ruleNamesBySet = new WeakMap<ProfileSet, RuleNames>();
function ruleNames(): RuleNames {
  const set = effectiveProfiles();
  let names = ruleNamesBySet.get(set);
  if (!names) {
    const firstTriggerOf = new Map<string, string>();
    const hearing = new Set<string>();
    // the base data names the variables (as it always did, the last definition winning); a run-time version
    // only names a rule the base does not know, so an activation cannot rename a diagram's variable
    for (const [profiles, override] of [[BASE_PROFILE_SET.profiles, true], [set.profiles, false]] as const) {
      for (const p of profiles) {
        for (const v of p.versions) {
          for (const r of v.rules) {
            if (r.kind !== 'deadline') continue;
            if (override || !firstTriggerOf.has(r.id)) firstTriggerOf.set(r.id, r.triggers[0]!);
            if (r.triggers.includes('hearingAt')) hearing.add(r.id);
          }
        }
      }
    }
    names = { firstTriggerOf, hearingRules: [...hearing] };
    ruleNamesBySet.set(set, names);
  }
  return names;
}

/** The variable key of a deadline: answerAndEvidence, justiceBureauFilingForJudgmentServed, headAbsenceReport_2. */
export function variableKey(rule: string, triggerKey: string): string {
  const [event, qualifier] = triggerKey.split(':') as [string, string | undefined];
  let key = camel(rule);
  if (ruleNames().firstTriggerOf.get(rule) !== event) key += `For${pascal(event.replace(/(On|At|End)$/, ''))}`;
  if (qualifier) key += `_${qualifier.replace(/[^A-Za-z0-9_]/g, '_')}`;
  return key;
}

/** 09:00 on the working day on or before due − N days (a reminder on a Sunday reaches nobody). */
export function reminderAt(cal: WorkCalendar, due: string, daysBefore: number): string {
  let day = parseIsoDate(due)! - daysBefore;
  for (let guard = 0; guard < 15 && cal.isRestEstimated(day); guard++) day--;
  return shanghaiDateTime(formatIsoDate(day), REMINDER_TIME);
}

/**
 * The 督办 instant of a deadline: the policy's time on the working day N working days before the due
 * date (the due date not counted). Days of a year whose notice is missing count as rest when the
 * 放假办法 makes them so, which only moves the 督办 earlier.
 */
export function escalationAt(cal: WorkCalendar, due: string, policy: EscalationPolicy): string {
  let day = parseIsoDate(due)!;
  for (let counted = 0; counted < policy.workingDaysBefore; ) if (!cal.isRestEstimated(--day)) counted++;
  return shanghaiDateTime(formatIsoDate(day), policy.time);
}

/**
 * The answer deadline (answerDueAt, which the answer-and-evidence diagram reads) per court level: the
 * first-instance answer period (行诉法67), the appellee's answer in second instance (appeal-answer,
 * 15 days from the appeal copy: CPL Art. 167 (2017 text), applied through ALL Art. 101) or the written opinion on a retrial petition (retrial-response).
 */
export const ANSWER_RULE_BY_LEVEL = { first: 'answerAndEvidence', second: 'appealAnswer', retrial: 'retrialResponse' } as const;
export type CourtLevel = keyof typeof ANSWER_RULE_BY_LEVEL;

/**
 * The reply deadline of a recommendation under one name: recommendationReplyDueAt, …RemindT5At. A
 * recommendation with its own key (several per case) gets it from its own trigger key (see
 * deadlineProcessVariables); the plain trigger key recommendationReceivedOn (before keys) by alias.
 */
const RECOMMENDATION_REPLY_ALIASES: Record<string, string> = {
  judicialRecommendationReply: 'recommendationReply',
  procuratorialRecommendationReply: 'recommendationReply',
  normativeDocumentRecommendationReply: 'recommendationReply',
};

/**
 * Jinghai's 10-day answer preparation (JH 一、（二）2, "收到答辩通知书及起诉状副本（上诉状副本）之日起10日内")
 * per court level: from the complaint copy at first instance, from the appeal copy at second instance,
 * none at retrial. answerPreparationDue/DueAt/… name the current level's one; the others keep only
 * their own names (the first-instance one would be long past at second instance).
 */
const ANSWER_PREPARATION_BY_LEVEL: Record<CourtLevel, string | null> = { first: 'answerPreparation', second: 'answerPreparationForAppealCopyReceived', retrial: null };
const ANSWER_PREPARATION_KEYS = new Set(Object.values(ANSWER_PREPARATION_BY_LEVEL).filter((k): k is string => k !== null));


/** The flat variables of one deadline: <name>Due, DueAt, Status, RemindT5At, RemindT2At, RemindT0At, EscalateAt. */
function flatVariables(name: string, v: DeadlineVariable | null): Record<string, unknown> {
  return {
    [`${name}Due`]: v?.due ?? null,
    [`${name}DueAt`]: v?.dueAt ?? null,
    [`${name}Status`]: v?.status ?? null,
    [`${name}RemindT5At`]: v?.remindAt.t5 ?? null,
    [`${name}RemindT2At`]: v?.remindAt.t2 ?? null,
    [`${name}RemindT0At`]: v?.remindAt.t0 ?? null,
    [`${name}EscalateAt`]: v?.escalateAt ?? null,
  };
}

/**
 * The deadlines of one hearing (trigger key hearingAt:<hearingKey>) under the rule's plain name,
 * null when the rule does not apply to that hearing: headAppearanceNoticeDue, headAbsenceReportDueAt,
 * headAbsenceReportRemindT5At, … Was the FEEL `(get value(deadlines, "headAbsenceReport_" + hearingKey)).dueAt`
 * of the hearing diagram.
 */
export function hearingDeadlineVariables(deadlines: readonly DeadlineVariable[], hearingKey: string | number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // the deadline rules a hearing date triggers (head-appearance-notice, head-absence-report): one of each per hearing
  for (const rule of ruleNames().hearingRules) {
    const v = deadlines.find((d) => d.rule === rule && d.triggerKey === `hearingAt:${hearingKey}`) ?? null;
    Object.assign(out, flatVariables(variableKey(rule, 'hearingAt'), v));
  }
  return out;
}

/**
 * The deadlines as process variables: every deadline as deadlines.<key> and flat (<key>Due, …);
 * with a hearingKey also the deadlines of that hearing under their plain names (hearingDeadlineVariables);
 * with a recommendationKey that recommendation's reply deadline as recommendationReply*.
 */
export function deadlineProcessVariables(cal: WorkCalendar, deadlines: StoredDeadline[], level: CourtLevel = 'first', hearingKey?: string | number, recommendationKey?: string): Record<string, unknown> {
  // short aliases the diagrams read most: answerDueAt is the answer deadline of the current level
  // (the first-instance one while the level's own deadline is not computed yet)
  const levelRule = ANSWER_RULE_BY_LEVEL[level];
  const hasLevelRule = deadlines.some((d) => variableKey(d.rule, d.triggerKey) === levelRule);
  const ALIASES: Record<string, string> = { [hasLevelRule ? levelRule : ANSWER_RULE_BY_LEVEL.first]: 'answer', ...RECOMMENDATION_REPLY_ALIASES };
  const byKey: Record<string, DeadlineVariable> = {};
  const all: DeadlineVariable[] = [];
  const flat: Record<string, unknown> = {};
  for (const d of deadlines) {
    const key = variableKey(d.rule, d.triggerKey);
    const v: DeadlineVariable = {
      rule: d.rule,
      triggerKey: d.triggerKey,
      name: d.name,
      trigger: d.trigger,
      due: d.due,
      dueAt: shanghaiDateTime(d.due, DUE_TIME),
      status: d.status,
      remindAt: {
        t5: reminderAt(cal, d.due, REMINDER_OFFSETS.t5),
        t2: reminderAt(cal, d.due, REMINDER_OFFSETS.t2),
        t0: reminderAt(cal, d.due, REMINDER_OFFSETS.t0),
      },
      escalateAt: escalationAt(cal, d.due, escalationPolicyOf(d.profile)),
      source: d.source,
      explanation: d.explanation,
    };
    byKey[key] = v;
    all.push(v);
    if (ANSWER_PREPARATION_KEYS.has(key)) {
      if (key === ANSWER_PREPARATION_BY_LEVEL[level]) Object.assign(flat, flatVariables('answerPreparation', v));
      else if (key !== 'answerPreparation') Object.assign(flat, flatVariables(key, v));
      continue;
    }
    for (const name of [key, ALIASES[key]].filter(Boolean) as string[]) Object.assign(flat, flatVariables(name, v));
  }
  return {
    deadlines: byKey,
    ...flat,
    ...(hearingKey === undefined ? {} : hearingDeadlineVariables(all, hearingKey)),
    // one recommendation of several (trigger key recommendationReceivedOn:<key>): its reply deadline under the alias
    ...(recommendationKey === undefined ? {} : flatVariables('recommendationReply', all.find((d) => d.triggerKey === `recommendationReceivedOn:${recommendationKey}` && RECOMMENDATION_REPLY_ALIASES[camel(d.rule)]) ?? null)),
    deadlinesProvisional: deadlines.some((d) => d.status === 'PROVISIONAL'),
  };
}

/** The date-times of a date a person sets (see setDateTimes); all null when no date is set. */
export interface SetDateTimes {
  /** the day's end, 23:59:59 Shanghai: a user task's due date */
  endOfDayAt: string | null;
  /** the next calendar day (rest days are not moved: a set date is not a legal period) */
  nextDayOn: string | null;
  /** the next calendar day at 09:00 Shanghai: a timer "once the day has passed" */
  nextDayAt: string | null;
}

/**
 * A date a person sets in a form — a performance plan's due date, a reply date agreed in a settlement
 * session — as the date-times timers and due dates take. Not a legal period: the day is the one set,
 * the next day is the next calendar day. `field` names the variable in an error.
 */
export function setDateTimes(date: unknown, field = 'date'): SetDateTimes {
  if (date === null || date === undefined) return { endOfDayAt: null, nextDayOn: null, nextDayAt: null };
  const day = typeof date === 'string' ? parseIsoDate(date) : null;
  if (day === null) throw new InputError([{ field, message: `应为日期 YYYY-MM-DD，收到 ${JSON.stringify(date)}` }]);
  const nextDayOn = formatIsoDate(day + 1);
  return { endOfDayAt: shanghaiDateTime(formatIsoDate(day), DUE_TIME), nextDayOn, nextDayAt: shanghaiDateTime(nextDayOn, REMINDER_TIME) };
}
