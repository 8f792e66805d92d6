// Which jurisdiction overlay is in force for an agency's profile on a date. The overlays' validity
// (e.g. Liaocheng 2022-02-01 to 2027-01-31, LC Art. 50) is the deadline engine's profile data; a rule
// set outside its validity falls back to the national baseline.
import { InputError } from '../errors.ts';
import { requireIsoDate, shanghaiDateOf } from '../deadlines/dates.ts';
import { requireProfile, resolveRule } from '../deadlines/engine.ts';
import type { ThresholdRule } from '../deadlines/rules.ts';

export type Jurisdiction = 'national' | 'yantai' | 'hunan' | 'liaocheng' | 'tengzhou' | 'jinghai';

export const JURISDICTIONS: readonly Jurisdiction[] = ['national', 'yantai', 'hunan', 'liaocheng', 'tengzhou', 'jinghai'];

/** The overlay whose rules apply on `date`, or 'national' when the profile's own text is not in force. */
export function jurisdictionInForce(profileId: unknown, date: unknown, fields = { profile: 'profile', date: 'date' }): Jurisdiction {
  let profile;
  try {
    profile = requireProfile(profileId, fields.profile);
  } catch (e) {
    throw e instanceof InputError ? e : new InputError([{ field: fields.profile, message: String(e) }]);
  }
  requireIsoDate(date, fields.date);
  const day = date as string;
  const own = profile.versions.some((v) => day >= v.validFrom && (!v.validTo || day <= v.validTo));
  const id = own ? profile.id : 'national';
  if (!(JURISDICTIONS as readonly string[]).includes(id)) return 'national';
  return id as Jurisdiction;
}

/** The parameters of a threshold rule in force (e.g. head-agents, principal-head-required), with its profile. */
export function thresholdParameters(profileId: string, ruleId: string, date: string): { parameters: ThresholdRule['parameters']; rule: ThresholdRule } | undefined {
  const resolved = resolveRule(requireProfile(profileId), ruleId, date);
  if (!resolved || resolved.rule.kind !== 'threshold') return undefined;
  return { parameters: resolved.rule.parameters, rule: resolved.rule };
}

/** A date variable as 'YYYY-MM-DD': a date stays, a date-time becomes its Asia/Shanghai date, none → today. */
export function decisionDateOf(value: string | null | undefined, now: Date = new Date()): string {
  if (!value) return shanghaiDateOf(now);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw new InputError([{ field: 'decisionDate', message: `${value} 不是有效的日期或日期时间` }]);
  return shanghaiDateOf(instant);
}
