// Resolves recipients by role from the ledger (people, person_roles, agencies) for a case's agency.
import type { Db } from '../db/database.ts';
import { expandRoles, findJusticeBureau, type AgencyNode, type RecipientRole } from './rules.ts';

export interface Recipient {
  personId: string;
  name: string;
  email: string | null;
  phone: string | null;
  /** the agency the person belongs to (its channel settings apply) */
  agencyId: string;
  /** the role the person was found by, or 'named' when the caller named the person */
  role: string;
}

export interface ResolvedRecipients {
  recipients: Recipient[];
  /** roles nobody holds (reported back to the caller, never silently ignored) */
  unresolvedRoles: string[];
}

interface PersonRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  agency_id: string;
}

const personColumns = ['people.id', 'people.name', 'people.email', 'people.phone', 'people.agency_id'];

async function agencyChain(db: Db, agencyId: string): Promise<AgencyNode[]> {
  // The ancestors and their direct children are all findJusticeBureau needs.
  const rows = await db.raw(
    `WITH RECURSIVE up AS (
       SELECT id, kind, parent_id FROM agencies WHERE id = ?
       UNION SELECT a.id, a.kind, a.parent_id FROM agencies a JOIN up ON a.id = up.parent_id)
     SELECT id, kind, parent_id FROM up
     UNION SELECT c.id, c.kind, c.parent_id FROM agencies c WHERE c.parent_id IN (SELECT id FROM up)`,
    [agencyId],
  );
  return rows.rows.map((r: any) => ({ id: r.id, kind: r.kind, parentId: r.parent_id }));
}

/** The people holding a role for the agency (person_roles.agency_id). */
async function holdersOf(db: Db, role: string, agencyIds: string[]): Promise<PersonRow[]> {
  if (!agencyIds.length) return [];
  return db('people')
    .join('person_roles', 'person_roles.person_id', 'people.id')
    .where('person_roles.role', role)
    .whereIn('person_roles.agency_id', agencyIds)
    .distinct(personColumns)
    .orderBy('people.name');
}

async function principalHead(db: Db, agencyId: string): Promise<PersonRow[]> {
  const fromRole = await holdersOf(db, 'principal-head', [agencyId]);
  if (fromRole.length) return fromRole;
  const agency = await db('agencies').where({ id: agencyId }).first('principal_head_id');
  if (!agency?.principal_head_id) return [];
  return db('people').where('people.id', agency.principal_head_id).select(personColumns);
}

async function justiceBureauPeople(db: Db, agencyId: string): Promise<PersonRow[]> {
  const bureauId = findJusticeBureau(await agencyChain(db, agencyId), agencyId);
  // Supervisors assigned to this agency, or the bureau's own supervisors.
  const holders = await holdersOf(db, 'justice-bureau', bureauId ? [agencyId, bureauId] : [agencyId]);
  if (holders.length || !bureauId) return holders;
  // A bureau without anyone marked: its legal-affairs staff, then its principal head.
  const legal = await holdersOf(db, 'legal-affairs', [bureauId]);
  return legal.length ? legal : principalHead(db, bureauId);
}

/**
 * Resolves roles to people for the agency, plus people named by id. The legal-affairs body of a
 * department without one is looked for up the parent chain (the government's 法制机构).
 */
export async function resolveRecipients(
  db: Db,
  input: { agencyId: string; roles: readonly RecipientRole[]; personIds?: readonly string[] },
): Promise<ResolvedRecipients> {
  const hasDeputyHead = (await holdersOf(db, 'deputy-head', [input.agencyId])).length > 0;
  const roles = expandRoles(input.roles, { hasDeputyHead });
  const byPerson = new Map<string, Recipient>();
  const unresolvedRoles: string[] = [];
  const add = (rows: PersonRow[], role: string) => {
    for (const p of rows) {
      if (!byPerson.has(p.id)) byPerson.set(p.id, { personId: p.id, name: p.name, email: p.email, phone: p.phone, agencyId: p.agency_id, role });
    }
  };

  if (input.personIds?.length) {
    const named = await db('people').whereIn('id', input.personIds).select(personColumns);
    const missing = input.personIds.filter((id) => !named.some((p: PersonRow) => p.id === id));
    if (missing.length) unresolvedRoles.push(...missing.map((id) => `person:${id}`));
    add(named, 'named');
  }

  for (const role of roles) {
    let rows: PersonRow[];
    if (role === 'principal-head') rows = await principalHead(db, input.agencyId);
    else if (role === 'justice-bureau') rows = await justiceBureauPeople(db, input.agencyId);
    else if (role === 'legal-affairs') {
      rows = [];
      const ancestors = (await agencyChain(db, input.agencyId)).filter((a) => a.kind !== 'justice-bureau');
      // walk up: the agency itself, then its parent government
      let current: string | null = input.agencyId;
      const seen = new Set<string>();
      while (current && !rows.length && !seen.has(current)) {
        seen.add(current);
        rows = await holdersOf(db, 'legal-affairs', [current]);
        current = ancestors.find((a) => a.id === current)?.parentId ?? null;
      }
    } else rows = await holdersOf(db, role, [input.agencyId]);
    if (!rows.length) unresolvedRoles.push(role);
    add(rows, role);
  }
  return { recipients: [...byPerson.values()], unresolvedRoles };
}
