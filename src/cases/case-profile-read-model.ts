// The facts the rule modules read about a case before deciding: its agency's rule profile (规则配置)
// and the few case and agency columns that pick a rule. One query (cases join agencies), read-only,
// so workers and services ask here instead of repeating the join.
import type { Db } from '../db/database.ts';

export type CourtLevel = 'first' | 'second' | 'retrial';
export type AgencyLevel = 'province' | 'city' | 'county' | 'township';

export interface CaseProfile {
  caseId: string;
  agencyId: string;
  /** the agency's rule profile id (national, yantai, hunan, liaocheng, tengzhou, jinghai) */
  profile: string;
  /** agencies.kind: government | department | justice-bureau | … */
  agencyKind: string;
  agencyLevel: AgencyLevel;
  /** the court level the case is at now (cases.level) */
  level: CourtLevel;
  /** 案由, the administrative field of the case */
  cause: string;
}

const casesWithAgencies = (db: Db) => db('cases as c').join('agencies as a', 'a.id', 'c.agency_id');

/** The case's profile facts, or undefined when there is no such case. */
export async function caseProfileOf(db: Db, caseId: string): Promise<CaseProfile | undefined> {
  const row = await casesWithAgencies(db)
    .where('c.id', caseId)
    .first('c.id', 'c.agency_id', 'a.profile', 'a.kind', 'a.level as agency_level', 'c.level', 'c.cause');
  if (!row) return undefined;
  return { caseId: row.id, agencyId: row.agency_id, profile: row.profile, agencyKind: row.kind, agencyLevel: row.agency_level, level: row.level, cause: row.cause };
}

/** The rule profile of the case's agency, or undefined when there is no such case. */
export async function profileOf(db: Db, caseId: string): Promise<string | undefined> {
  return (await caseProfileOf(db, caseId))?.profile;
}

/** The rule profile of each case, by case id, in one query (recomputing many cases at once). */
export async function profilesOf(db: Db, caseIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await casesWithAgencies(db).whereIn('c.id', caseIds).select('c.id', 'a.profile');
  return new Map(rows.map((r) => [r.id as string, r.profile as string]));
}
