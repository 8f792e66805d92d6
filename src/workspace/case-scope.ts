// Which cases a principal may see: its agencies' cases and those where one of them is a responding
// unit (visibleAgencyIds null: every case). A case out of scope answers 404, as if it did not exist,
// so a user of another agency cannot even learn that a case id is real.
import type { Knex } from 'knex';
import type { Principal } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';

/** Restricts a query on `cases as <alias>` to the principal's scope. */
export function whereCaseInScope(q: Knex.QueryBuilder, principal: Principal, alias = 'c'): Knex.QueryBuilder {
  const visible = principal.visibleAgencyIds;
  if (visible === null) return q;
  return q.where((w) =>
    w.whereIn(`${alias}.agency_id`, visible).orWhereExists(function () {
      this.select(1).from('case_responding_units as ru').whereRaw(`ru.case_id = ${alias}.id`).whereIn('ru.agency_id', visible);
    }),
  );
}

/** The ids among `caseIds` the principal may see. */
export async function casesInScope(db: Db, principal: Principal, caseIds: string[]): Promise<Set<string>> {
  const ids = [...new Set(caseIds)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (!ids.length) return new Set();
  const rows = await whereCaseInScope(db('cases as c').whereIn('c.id', ids).select('c.id'), principal);
  return new Set(rows.map((r: { id: string }) => r.id));
}

/** Throws 404 unless the case exists and is in the principal's scope. */
export async function assertCaseInScope(db: Db, principal: Principal, caseId: string): Promise<void> {
  if (!(await casesInScope(db, principal, [caseId])).has(caseId)) throw new NotFoundError('案件', caseId);
}
