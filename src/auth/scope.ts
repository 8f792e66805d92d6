// Scope (issue 13 §1): which agencies' cases a person may see, the principal of a person, and the
// case-scope helpers every service uses. A case is visible when its agency or one of its responding
// units (case_responding_units) is visible; outside the scope a case does not exist (404).
import { isUuid } from '../db/ids.ts';
import type { Knex } from 'knex';
import type { Db } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import { justiceBureauRegion } from '../process-engine/engine-directory.ts';
import { ROLES, type Principal, type Role } from './principal.ts';

const isRole = (role: string): role is Role => (ROLES as readonly string[]).includes(role);

/** The own agency and the agencies of each role; a justice bureau adds its government's region; an admin sees everything (null). */
export async function visibleAgencyIdsOf(db: Db, agencyId: string, roles: { role: string; agency_id: string }[]): Promise<string[] | null> {
  if (roles.some((r) => r.role === 'admin')) return null;
  const visible = new Set<string>([agencyId, ...roles.map((r) => r.agency_id)]);
  const bureauAgencies = roles.filter((r) => r.role === 'justice-bureau').map((r) => r.agency_id);
  if (bureauAgencies.length) {
    const region = justiceBureauRegion(await db('agencies').select('id', 'parent_id'));
    for (const a of bureauAgencies) region(a).forEach((id) => visible.add(id));
  }
  return [...visible].sort();
}

/** The principal of an enabled person with a login, or undefined. */
export async function loadPrincipal(db: Db, personId: string, via: Principal['via']): Promise<Principal | undefined> {
  const person = await db('people as p')
    .join('agencies as a', 'a.id', 'p.agency_id')
    .where('p.id', personId)
    .whereNull('p.disabled_at')
    .whereNotNull('p.login')
    .first('p.id', 'p.login', 'p.name', 'p.agency_id', 'p.must_change_password', 'a.name as agency_name');
  if (!person) return undefined;
  const roleRows: { role: string; agency_id: string }[] = await db('person_roles').where({ person_id: personId }).select('role', 'agency_id');
  return {
    personId: person.id,
    login: person.login,
    name: person.name,
    agencyId: person.agency_id,
    agencyName: person.agency_name,
    roles: [...new Set(roleRows.map((r) => r.role).filter(isRole))].sort(),
    visibleAgencyIds: await visibleAgencyIdsOf(db, person.agency_id, roleRows),
    via,
    mustChangePassword: Boolean(person.must_change_password),
  };
}

/** May the principal see the agency's cases (and records)? */
export function agencyVisible(principal: Principal, agencyId: string | null | undefined): boolean {
  return principal.visibleAgencyIds === null || (!!agencyId && principal.visibleAgencyIds.includes(agencyId));
}

/**
 * Restricts a query over cases to the principal's scope: `whereCaseVisible(db('cases as c'), p, 'c')`.
 * caseAlias names the cases table (or any table whose `id` and `agency_id` are a case's).
 */
export function whereCaseVisible<Q extends Knex.QueryBuilder>(query: Q, principal: Pick<Principal, 'visibleAgencyIds'>, caseAlias = 'cases'): Q {
  const ids = principal.visibleAgencyIds;
  if (ids === null) return query;
  // one IN over a UNION rather than "agency OR EXISTS (unit)": the OR makes PostgreSQL scan every case
  // and probe the units per row (≈ 170 ms at 100,000 cases, npm run bench:ledger); this form uses the
  // agency and responding-unit indexes
  return query.whereIn(`${caseAlias}.id`, (visible) =>
    visible
      .select('cases_scope.id')
      .from('cases as cases_scope')
      .whereIn('cases_scope.agency_id', ids)
      .union((units) => units.select('cru_scope.case_id').from('case_responding_units as cru_scope').whereIn('cru_scope.agency_id', ids)),
  ) as Q;
}

/** Throws NotFoundError (404) for a case that does not exist or lies outside the scope: the two are never told apart. */
export async function assertCaseVisible(db: Db, principal: Principal, caseId: string): Promise<{ id: string; agencyId: string }> {
  const row = isUuid(caseId) ? await whereCaseVisible(db('cases').where('cases.id', caseId), principal).first('cases.id', 'cases.agency_id') : undefined;
  if (!row) throw new NotFoundError('案件 / case', caseId);
  return { id: row.id, agencyId: row.agency_id };
}
