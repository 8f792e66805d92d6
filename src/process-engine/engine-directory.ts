// The product's people, roles and agencies as the engine's directory (users, candidate groups,
// tenants): read from the ledger, synchronised by the seed and by `npm start`.
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { roleLabels } from '../notifications/rules.ts';
import type { EngineDirectory, ProcessEngine } from './process-engine.ts';

/** Roles that are user-task candidate groups (the notification pseudo-role `head` is not one). */
export const candidateGroupRoles = ['clerk', 'handler', 'legal-affairs', 'legal-counsel', 'deputy-head', 'principal-head', 'justice-bureau'] as const;

/** Supervisors see instances and incidents in Cockpit (of the agencies they may see). */
const COCKPIT_ROLES = ['justice-bureau', 'legal-affairs'];

/**
 * A justice bureau supervises its government's region: the government and every agency under it.
 * The same region is a justice-bureau user's tenants in the engine and its scope in the app.
 */
export function justiceBureauRegion(agencies: { id: string; parent_id: string | null }[]): (justiceBureauAgency: string) => string[] {
  const parentOf = new Map(agencies.map((a) => [a.id, a.parent_id]));
  const subtree = agencySubtree(agencies);
  return (justiceBureauAgency) => subtree(parentOf.get(justiceBureauAgency) ?? justiceBureauAgency);
}

/** An agency and every agency under it (a government's region, as the statistics count it). */
export function agencySubtree(agencies: { id: string; parent_id: string | null }[]): (root: string) => string[] {
  const children = new Map<string, string[]>();
  for (const a of agencies) if (a.parent_id) children.set(a.parent_id, [...(children.get(a.parent_id) ?? []), a.id]);
  const subtree = (root: string): string[] => [root, ...(children.get(root) ?? []).flatMap(subtree)];
  return subtree;
}

export async function readEngineDirectory(db: Db, onlyPersonId?: string): Promise<EngineDirectory> {
  const agencies = await db('agencies').select('id', 'name', 'kind', 'parent_id').orderBy('name');
  // a product admin is no task performer (and its login may be the engine operator's, ENGINE_USER);
  // a disabled person has no engine user
  const peopleQuery = db('people');
  if (onlyPersonId) peopleQuery.where('people.id', onlyPersonId);
  const people: { id: string; login: string; name: string; post: string; email: string | null; agency_id: string }[] = await peopleQuery
    .whereNotNull('login')
    .whereNull('disabled_at')
    .whereNotExists(db('person_roles').whereRaw('person_roles.person_id = people.id').where('role', 'admin'))
    .select('id', 'login', 'name', 'post', 'email', 'agency_id')
    .orderBy('login');
  const roles = await db('person_roles').select('person_id', 'role', 'agency_id');

  const region = justiceBureauRegion(agencies);

  const groupIds = new Set<string>(candidateGroupRoles);
  for (const r of roles) if (r.role !== 'admin') groupIds.add(r.role);
  return {
    groups: [...groupIds].sort().map((id) => ({ id, name: (roleLabels as Record<string, string>)[id] ?? id })),
    tenants: agencies.map((a) => ({ id: a.id, name: a.name })),
    users: people.map((p) => {
      const own = roles.filter((r) => r.person_id === p.id);
      const tenants = new Set<string>([p.agency_id]);
      for (const r of own) {
        tenants.add(r.agency_id);
        if (r.role === 'justice-bureau') region(r.agency_id).forEach((id) => tenants.add(id));
      }
      return { id: p.login, firstName: p.name, lastName: p.post, email: p.email ?? undefined, groups: [...new Set(own.map((r) => r.role))].sort(), tenants: [...tenants].sort() };
    }),
    cockpitGroups: COCKPIT_ROLES,
  };
}

/** The engine user the person should have now (null: none — disabled, no login, or an admin). */
export async function engineUserOf(db: Db, personId: string): Promise<EngineDirectory['users'][number] | null> {
  return (await readEngineDirectory(db, personId)).users[0] ?? null;
}

/** Makes the engine's users, groups and tenants match the ledger now; answers one line for the start log. */
export async function syncEngineDirectory(db: Db, engine: ProcessEngine, config: Pick<Config, 'ENGINE_INITIAL_PASSWORD' | 'ENGINE_USER'>): Promise<string> {
  const r = await engine.syncDirectory(await readEngineDirectory(db), { initialPassword: config.ENGINE_INITIAL_PASSWORD, keepUsers: [config.ENGINE_USER] });
  return (
    `engine users in step with the ledger: ${r.usersCreated} created, ${r.usersUpdated} updated, ${r.usersRemoved} removed, ` +
    `${r.membershipsAdded + r.membershipsRemoved} memberships and ${r.authorizationsChanged} authorizations changed`
  );
}
