// The deadline engine's library API: resolve a rule of a profile in force on the trigger date,
// compute its due date on a calendar, and explain it in Chinese.
import { chineseDate } from '../documents/formatting.ts';
import { InputError } from '../errors.ts';
import type { WorkCalendar } from './calendar.ts';
import { formatIsoDate, parseIsoDate, requireIsoDate, shanghaiDateTime, weekdayZh, type EpochDay } from './dates.ts';
import { computePeriod, type PeriodSpec } from './periods.ts';
import { effectiveProfiles, type ProfileSet } from './profile-set.ts';
import { citationText, type DeadlineRule, type EscalationPolicy, type Profile, type ProfileVersion, type Rule, type TriggerEvent } from './rules.ts';

export type DeadlineStatus = 'OK' | 'PROVISIONAL';

export interface DeadlineRequest {
  profile?: unknown;
  rule?: unknown;
  trigger?: unknown;
  /** a period in days set by the court (judicial-recommendation-reply) */
  courtSetDays?: unknown;
}

export interface DeadlineResult {
  rule: string;
  profile: string;
  /** the profile whose version supplied the rule (an overlay or national) */
  ruleProfile: string;
  trigger: string;
  due: string;
  /** the last instant of the due date, Asia/Shanghai */
  dueAt: string;
  status: DeadlineStatus;
  source: string;
  explanation: string;
  name: string;
  basis: DeadlineRule['basis'];
  period: PeriodSpec;
  mayExtendTo?: string;
  estimatedDue?: string;
  /** the last day is a make-up working day (调休上班日) on a weekend: counted as a working day, shown as needing a check */
  lastDayMakeUpWorkday: boolean;
  /** what the user should check, in Chinese; null when nothing */
  checkNote: string | null;
}

/**
 * No authority says whether a period whose last day is a make-up working Saturday ends that day (rules
 * catalogue §2.2 item 4, UNCONFIRMED). DESIGN.md §3 counts it as a working day — no extension — and the
 * deadline carries this note so the user checks it and acts by that day.
 */
export function makeUpWorkdayCheckNote(cal: WorkCalendar, due: EpochDay): string | null {
  const c = cal.classify(due);
  if (!c.known || !c.makeUpWorkday) return null;
  return (
    `届满日${chineseDate(formatIsoDate(due))}（${weekdayZh(due)}）为${c.name ?? ''}调休上班日，本系统按工作日计算，期限不顺延。` +
    '法律对届满日为调休上班日是否顺延没有明确规定，请核实；稳妥起见，请于该日24时前办理完毕。'
  );
}

// the effective set (base data plus activated run-time versions, profile-set.ts), read on every call
const profileById = (id: string) => effectiveProfiles().byId.get(id);

export function listProfiles(): readonly Profile[] {
  return effectiveProfiles().profiles;
}

export function getProfile(id: string): Profile | undefined {
  return profileById(id);
}

/** The chain a lookup walks: the profile, then its parent, … */
function chainOf(profile: Profile): Profile[] {
  const chain: Profile[] = [];
  for (let p: Profile | undefined = profile; p; p = p.parent ? profileById(p.parent) : undefined) chain.push(p);
  return chain;
}

/** The profile's 督办 timing: its own, else the nearest parent's (national sets the default). */
export function escalationPolicyOf(profileId: string): EscalationPolicy {
  const profile = profileById(profileId) ?? profileById('national')!;
  return chainOf(profile).find((p) => p.escalation)!.escalation!;
}

function inForce(from: string | undefined, to: string | null | undefined, date: string): boolean {
  return (!from || date >= from) && (!to || date <= to);
}

export interface ResolvedRule {
  rule: Rule;
  profile: Profile;
  version: ProfileVersion;
}

/** Every rule a profile knows in any version, own or inherited (for the "unknown rule" check). */
function knowsRule(profile: Profile, ruleId: string): ResolvedRule[] {
  return chainOf(profile).flatMap((p) =>
    p.versions.flatMap((version) => version.rules.filter((r) => r.id === ruleId).map((rule) => ({ rule, profile: p, version }))),
  );
}

/** The rule in force on `date` for the profile: its own version first, then the parent's. */
export function resolveRule(profile: Profile, ruleId: string, date: string): ResolvedRule | undefined {
  for (const p of chainOf(profile)) {
    for (const version of p.versions) {
      if (!inForce(version.validFrom, version.validTo, date)) continue;
      const rule = version.rules.find((r) => r.id === ruleId && inForce(r.validFrom, r.validTo, date));
      if (rule) return { rule, profile: p, version };
    }
  }
  return undefined;
}

/** Rules in force on a date, own and inherited (an overlay's rule hides the national one of the same id). */
export function rulesInForce(profile: Profile, date: string): ResolvedRule[] {
  const seen = new Set<string>();
  const out: ResolvedRule[] = [];
  for (const p of chainOf(profile)) {
    for (const version of p.versions) {
      if (!inForce(version.validFrom, version.validTo, date)) continue;
      for (const rule of version.rules) {
        if (seen.has(rule.id) || !inForce(rule.validFrom, rule.validTo, date)) continue;
        seen.add(rule.id);
        out.push({ rule, profile: p, version });
      }
    }
  }
  return out;
}

export type ResolvedDeadlineRule = ResolvedRule & { rule: DeadlineRule };

/** rulesInForce of one profile tabulated by date: the list changes only on the validity dates of the chain. */
interface RuleTable {
  /** the first day of each interval, ascending; '' (before every date) opens the first */
  starts: string[];
  /** per interval: the deadline rules in force, by the trigger events that start them */
  byEvent: Map<string, ResolvedDeadlineRule[]>[];
}

// per profile set (a set is replaced, never changed, when a version is activated), per profile id
const ruleTables = new WeakMap<ProfileSet, Map<string, RuleTable>>();

function ruleTableOf(profile: Profile): RuleTable {
  const set = effectiveProfiles();
  let tables = ruleTables.get(set);
  if (!tables) ruleTables.set(set, (tables = new Map()));
  let table = tables.get(profile.id);
  if (!table) tables.set(profile.id, (table = buildRuleTable(profile)));
  return table;
}

function buildRuleTable(profile: Profile): RuleTable {
  const edges = new Set<string>(['']);
  for (const p of chainOf(profile)) {
    for (const version of p.versions) {
      for (const { validFrom, validTo } of [version, ...version.rules]) {
        if (validFrom) edges.add(validFrom);
        if (validTo) edges.add(formatIsoDate(parseIsoDate(validTo)! + 1));
      }
    }
  }
  const starts = [...edges].sort();
  const byEvent = starts.map((start) => {
    const byEvent = new Map<string, ResolvedDeadlineRule[]>();
    for (const resolved of rulesInForce(profile, start)) {
      if (resolved.rule.kind !== 'deadline') continue;
      for (const event of new Set(resolved.rule.triggers)) byEvent.set(event, [...(byEvent.get(event) ?? []), resolved as ResolvedDeadlineRule]);
    }
    return byEvent;
  });
  return { starts, byEvent };
}

/**
 * The deadline rules a trigger event starts, in force on a date (own and inherited): rulesInForce
 * narrowed to the event, in its order. A recomputation asks once per trigger key of every case, so
 * the answer is looked up in a table of the intervals between the validity dates (built once per
 * profile of a set) instead of walking the profile chain and its versions each time.
 */
export function deadlineRulesInForce(profile: Profile, date: string, event: TriggerEvent): readonly ResolvedDeadlineRule[] {
  const { starts, byEvent } = ruleTableOf(profile);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= date) lo = mid;
    else hi = mid - 1;
  }
  return byEvent[lo]!.get(event) ?? [];
}

export function requireProfile(value: unknown, field = 'profile'): Profile {
  const profile = typeof value === 'string' ? profileById(value) : undefined;
  if (!profile) {
    throw new InputError([{ field, message: `未知的规则配置 ${JSON.stringify(value)}；可用：${listProfiles().map((p) => p.id).join('、')}` }]);
  }
  return profile;
}

function validity(from: string | undefined, to: string | null | undefined): string {
  return `${from ?? '不限'}至${to ?? '今'}`;
}

/** Validates a request and finds its rule; every failure names the field. */
export function resolveRequest(req: DeadlineRequest): { profile: Profile; resolved: ResolvedRule & { rule: DeadlineRule }; trigger: EpochDay; triggerText: string; courtSetDays?: number } {
  const issues: { field: string; message: string }[] = [];
  let profile: Profile | undefined;
  try {
    profile = requireProfile(req.profile);
  } catch (e) {
    issues.push(...(e as InputError).issues);
  }
  if (typeof req.rule !== 'string' || !req.rule) issues.push({ field: 'rule', message: '缺少规则编号' });
  else if (profile && !knowsRule(profile, req.rule).length) {
    issues.push({ field: 'rule', message: `规则配置 ${profile.id} 中没有规则 ${req.rule}` });
  }
  let trigger: EpochDay | undefined;
  try {
    trigger = requireIsoDate(req.trigger, 'trigger');
  } catch (e) {
    issues.push(...(e as InputError).issues);
  }
  let courtSetDays: number | undefined;
  if (req.courtSetDays !== undefined && req.courtSetDays !== null) {
    if (typeof req.courtSetDays !== 'number' || !Number.isInteger(req.courtSetDays) || req.courtSetDays < 1 || req.courtSetDays > 3650) {
      issues.push({ field: 'courtSetDays', message: '法院确定的期限应为 1 至 3650 之间的整数天数' });
    } else courtSetDays = req.courtSetDays;
  }
  if (issues.length) throw new InputError(issues);
  const triggerText = req.trigger as string;
  const ruleId = req.rule as string;
  const resolved = resolveRule(profile!, ruleId, triggerText);
  if (!resolved) {
    const versions = knowsRule(profile!, ruleId)
      .map((r) => `${r.profile.id} ${validity(r.rule.validFrom ?? r.version.validFrom, r.rule.validTo ?? r.version.validTo)}`)
      .join('；');
    throw new InputError([{ field: 'trigger', message: `触发日 ${triggerText} 不在规则 ${ruleId} 的有效期内（${versions}）` }]);
  }
  if (resolved.rule.kind !== 'deadline') {
    throw new InputError([{ field: 'rule', message: `规则 ${ruleId} 是数量或比例标准（阈值），不计算期限` }]);
  }
  if (resolved.rule.courtSetPeriod === 'required' && courtSetDays === undefined) {
    throw new InputError([{ field: 'courtSetDays', message: `规则 ${ruleId} 的期限由人民法院确定，请提供 courtSetDays（天数）` }]);
  }
  if (courtSetDays !== undefined && !resolved.rule.courtSetPeriod) {
    throw new InputError([{ field: 'courtSetDays', message: `规则 ${ruleId} 的期限由规则确定，不接受 courtSetDays` }]);
  }
  return { profile: profile!, resolved: resolved as ResolvedRule & { rule: DeadlineRule }, trigger: trigger!, triggerText, ...(courtSetDays !== undefined ? { courtSetDays } : {}) };
}

/** Computes a resolved rule on a calendar (no validation: the caller resolved it). */
export function computeResolved(
  cal: WorkCalendar,
  profileId: string,
  resolved: ResolvedRule & { rule: DeadlineRule },
  trigger: EpochDay,
  courtSetDays?: number,
  /** the trigger itself is provisional (a derived answer due date) */
  provisionalTrigger = false,
): DeadlineResult {
  const { rule } = resolved;
  const period: PeriodSpec = courtSetDays !== undefined ? { unit: 'calendar-days', amount: courtSetDays } : rule.period;
  const result = computePeriod(cal, period, trigger);
  const status: DeadlineStatus = result.provisional || provisionalTrigger ? 'PROVISIONAL' : 'OK';
  const source = citationText(courtSetDays !== undefined && rule.courtSetSource ? rule.courtSetSource : rule.source);
  const due = formatIsoDate(result.due);
  const intro =
    courtSetDays !== undefined
      ? `${rule.name}：人民法院确定的期限为${courtSetDays}日（${source}）`
      : `${rule.name}：依据${source}，${rule.description}`;
  const steps = [...result.steps];
  if (provisionalTrigger) steps.push('基准日本身为暂定日期，本期限随之暂定');
  const checkNote = makeUpWorkdayCheckNote(cal, result.due);
  const explanation = `${intro}。${steps.join('；')}。期限至${due} 24:00（北京时间）止${status === 'PROVISIONAL' ? '（暂定）' : ''}。`;
  return {
    rule: rule.id,
    profile: profileId,
    ruleProfile: resolved.profile.id,
    trigger: formatIsoDate(trigger),
    due,
    dueAt: shanghaiDateTime(due, '23:59:59'),
    status,
    source,
    explanation,
    name: rule.name,
    basis: rule.basis,
    period,
    ...(result.mayExtendTo !== undefined ? { mayExtendTo: formatIsoDate(result.mayExtendTo) } : {}),
    ...(result.estimatedDue !== undefined ? { estimatedDue: formatIsoDate(result.estimatedDue) } : {}),
    lastDayMakeUpWorkday: checkNote !== null,
    checkNote,
  };
}

/** POST /api/deadlines/compute, the CLI and workers: {profile, rule, trigger} → the deadline. Throws InputError. */
export function computeDeadline(cal: WorkCalendar, req: DeadlineRequest): DeadlineResult {
  const { profile, resolved, trigger, courtSetDays } = resolveRequest(req);
  return computeResolved(cal, profile.id, resolved, trigger, courtSetDays);
}

/** A batch where a bad item yields {error, fields} instead of stopping the batch. */
export function computeBatch(cal: WorkCalendar, items: unknown[]): (DeadlineResult | { error: string; fields: { field: string; message: string }[] })[] {
  return items.map((item, index) => {
    try {
      if (!item || typeof item !== 'object' || Array.isArray(item)) {
        throw new InputError([{ field: '(item)', message: '每一项应为 {profile, rule, trigger} 对象' }]);
      }
      return computeDeadline(cal, item as DeadlineRequest);
    } catch (error) {
      if (error instanceof InputError) return { error: `第${index + 1}项：${error.message}`, fields: error.issues };
      throw error;
    }
  });
}

/** Rules of a profile for GET /api/profiles/:id/rules: every version's own rules plus the inherited ones. */
export function describeProfileRules(profile: Profile, on?: string) {
  const describe = (r: ResolvedRule) => ({
    id: r.rule.id,
    kind: r.rule.kind,
    name: r.rule.name,
    description: r.rule.description,
    definedIn: r.profile.id,
    validFrom: r.rule.validFrom ?? r.version.validFrom,
    validTo: r.rule.validTo ?? r.version.validTo,
    source: citationText(r.rule.source),
    citation: r.rule.source,
    catalog: r.rule.catalog,
    ...(r.rule.kind === 'deadline'
      ? { basis: r.rule.basis, period: r.rule.period, triggers: r.rule.triggers, stages: r.rule.stages, when: r.rule.when, courtSetPeriod: r.rule.courtSetPeriod }
      : { parameters: r.rule.parameters }),
  });
  if (on) return rulesInForce(profile, on).map(describe);
  // no date: every version of every profile in the chain, overlays first
  return chainOf(profile).flatMap((p) =>
    p.versions.flatMap((version) => version.rules.map((rule) => describe({ rule, profile: p, version }))),
  );
}
