// Keeps the engine's identity (users, groups, tenants, memberships) and the groups' authorizations
// in step with the product's directory. Idempotent: a second run with the same directory changes
// nothing.
import { randomBytes } from 'node:crypto';
import type { DirectorySyncReport, EngineDirectory, EngineUserSyncOutcome } from '../process-engine.ts';
import type { OperatonRest } from './operaton-rest.ts';

// Camunda 7 resource types (Resources enum)
const RESOURCE = { application: 0, filter: 5, processDefinition: 6, task: 7, processInstance: 8, deployment: 9, decisionDefinition: 10, historicTask: 19, historicProcessInstance: 20 } as const;
const GRANT = 1;

interface Grant {
  resourceType: number;
  resourceId: string;
  permissions: string[];
}

/** Every role may use Tasklist and read the diagrams; candidate-group task rights come from the engine itself. */
const ROLE_GRANTS: Grant[] = [
  { resourceType: RESOURCE.application, resourceId: 'tasklist', permissions: ['ACCESS'] },
  { resourceType: RESOURCE.filter, resourceId: '*', permissions: ['READ'] },
  { resourceType: RESOURCE.processDefinition, resourceId: '*', permissions: ['READ'] },
  { resourceType: RESOURCE.decisionDefinition, resourceId: '*', permissions: ['READ'] },
];

/** Supervisors (Cockpit): every instance and task of their tenants (agencies), read only. */
const COCKPIT_GRANTS: Grant[] = [
  { resourceType: RESOURCE.application, resourceId: 'cockpit', permissions: ['ACCESS'] },
  { resourceType: RESOURCE.processDefinition, resourceId: '*', permissions: ['READ', 'READ_INSTANCE', 'READ_HISTORY', 'READ_TASK'] },
  { resourceType: RESOURCE.processInstance, resourceId: '*', permissions: ['READ'] },
  { resourceType: RESOURCE.task, resourceId: '*', permissions: ['READ'] },
  { resourceType: RESOURCE.deployment, resourceId: '*', permissions: ['READ'] },
  { resourceType: RESOURCE.historicTask, resourceId: '*', permissions: ['READ'] },
  { resourceType: RESOURCE.historicProcessInstance, resourceId: '*', permissions: ['READ'] },
];

interface AuthorizationDto {
  id: string;
  groupId: string | null;
  resourceType: number;
  resourceId: string;
  permissions: string[];
}

const enc = encodeURIComponent;

export async function syncDirectory(rest: OperatonRest, directory: EngineDirectory, options: { initialPassword: string; keepUsers: string[] }): Promise<DirectorySyncReport> {
  const report: DirectorySyncReport = { usersCreated: 0, usersUpdated: 0, usersRemoved: 0, membershipsAdded: 0, membershipsRemoved: 0, authorizationsChanged: 0 };

  const groups = new Map((await rest.json<{ id: string; name: string }[]>('GET', '/group?maxResults=10000')).map((g) => [g.id, g.name]));
  for (const g of directory.groups) {
    if (!groups.has(g.id)) await rest.json('POST', '/group/create', { id: g.id, name: g.name, type: 'WORKFLOW' });
    else if (groups.get(g.id) !== g.name) await rest.json('PUT', `/group/${enc(g.id)}`, { id: g.id, name: g.name, type: 'WORKFLOW' });
  }
  const tenants = new Map((await rest.json<{ id: string; name: string }[]>('GET', '/tenant?maxResults=10000')).map((t) => [t.id, t.name]));
  for (const t of directory.tenants) {
    if (!tenants.has(t.id)) await rest.json('POST', '/tenant/create', { id: t.id, name: t.name });
    else if (tenants.get(t.id) !== t.name) await rest.json('PUT', `/tenant/${enc(t.id)}`, { id: t.id, name: t.name });
  }

  const users = new Map((await rest.json<{ id: string; firstName: string | null; lastName: string | null; email: string | null }[]>('GET', '/user?maxResults=100000')).map((u) => [u.id, u]));
  const wanted = new Set(directory.users.map((u) => u.id));
  for (const u of directory.users) {
    const profile = { id: u.id, firstName: u.firstName, lastName: u.lastName, email: u.email ?? null };
    const existing = users.get(u.id);
    if (!existing) {
      await rest.json('POST', '/user/create', { profile, credentials: { password: options.initialPassword } });
      report.usersCreated += 1;
    } else if (existing.firstName !== profile.firstName || existing.lastName !== profile.lastName || (existing.email ?? null) !== profile.email) {
      await rest.json('PUT', `/user/${enc(u.id)}/profile`, profile);
      report.usersUpdated += 1;
    }
    const changed = await reconcileMemberships(rest, u, (g) => groups.has(g) || directory.groups.some((x) => x.id === g));
    report.membershipsAdded += changed.added;
    report.membershipsRemoved += changed.removed;
  }
  for (const id of users.keys()) {
    if (wanted.has(id) || options.keepUsers.includes(id)) continue;
    await rest.json('DELETE', `/user/${enc(id)}`);
    report.usersRemoved += 1;
  }

  const groupIds = directory.groups.map((g) => g.id);
  const existing = groupIds.length ? await rest.json<AuthorizationDto[]>('GET', `/authorization?type=${GRANT}&groupIdIn=${groupIds.map(enc).join(',')}&maxResults=100000`) : [];
  for (const groupId of groupIds) {
    // one authorization per group and resource (the engine's unique key): grants on the same resource merge
    const wanted = new Map<string, Grant>();
    for (const grant of [...ROLE_GRANTS, ...(directory.cockpitGroups.includes(groupId) ? COCKPIT_GRANTS : [])]) {
      const key = `${grant.resourceType}:${grant.resourceId}`;
      const merged = wanted.get(key);
      wanted.set(key, merged ? { ...merged, permissions: [...new Set([...merged.permissions, ...grant.permissions])] } : grant);
    }
    for (const grant of wanted.values()) {
      const current = existing.find((a) => a.groupId === groupId && a.resourceType === grant.resourceType && a.resourceId === grant.resourceId);
      if (!current) {
        await rest.json('POST', '/authorization/create', { type: GRANT, groupId, userId: null, ...grant });
        report.authorizationsChanged += 1;
      } else if (!current.permissions.includes('ALL') && grant.permissions.some((p) => !current.permissions.includes(p))) {
        const permissions = [...new Set([...current.permissions, ...grant.permissions])];
        await rest.json('PUT', `/authorization/${enc(current.id)}`, { permissions, groupId, userId: null, resourceType: grant.resourceType, resourceId: grant.resourceId });
        report.authorizationsChanged += 1;
      }
    }
  }
  return report;
}

type DirectoryUser = EngineDirectory['users'][number];

/** The user's group and tenant memberships made to match; `managedGroup` limits removals to the directory's groups. */
async function reconcileMemberships(rest: OperatonRest, u: DirectoryUser, managedGroup: (id: string) => boolean): Promise<{ added: number; removed: number }> {
  const memberOf = new Set((await rest.json<{ id: string }[]>('GET', `/group?member=${enc(u.id)}&maxResults=1000`)).map((g) => g.id));
  let added = await reconcile(memberOf, u.groups, (g) => rest.json('PUT', `/group/${enc(g)}/members/${enc(u.id)}`));
  let removed = await reconcileRemoved(memberOf, u.groups, (g) => rest.json('DELETE', `/group/${enc(g)}/members/${enc(u.id)}`), managedGroup);
  const inTenants = new Set((await rest.json<{ id: string }[]>('GET', `/tenant?userMember=${enc(u.id)}&maxResults=10000`)).map((t) => t.id));
  added += await reconcile(inTenants, u.tenants, (t) => rest.json('PUT', `/tenant/${enc(t)}/user-members/${enc(u.id)}`));
  removed += await reconcileRemoved(inTenants, u.tenants, (t) => rest.json('DELETE', `/tenant/${enc(t)}/user-members/${enc(u.id)}`), () => true);
  return { added, removed };
}

/**
 * One user made to match the product now (after an account change, through the engine outbox): null
 * deletes the user; otherwise its profile, groups and tenants, and the password when one is given
 * (`PUT /user/{id}/credentials`, confirmed with the service user's own password as the engine
 * requires). The service user itself is never touched.
 */
export async function syncUser(
  rest: OperatonRest,
  userId: string,
  u: DirectoryUser | null,
  options: { password?: string; serviceUser: string; servicePassword: string },
): Promise<EngineUserSyncOutcome> {
  if (userId === options.serviceUser) return 'service-user-kept';
  const [existing] = await rest.json<{ id: string; firstName: string | null; lastName: string | null; email: string | null }[]>('GET', `/user?id=${enc(userId)}`);
  if (!u) {
    if (!existing) return 'absent';
    await rest.json('DELETE', `/user/${enc(userId)}`);
    return 'removed';
  }
  const profile = { id: u.id, firstName: u.firstName, lastName: u.lastName, email: u.email ?? null };
  // groups and tenants the memberships need (a role or agency added since the last full sync)
  for (const g of u.groups) {
    if (!(await rest.json<unknown[]>('GET', `/group?id=${enc(g)}`)).length) await rest.json('POST', '/group/create', { id: g, name: g, type: 'WORKFLOW' });
  }
  for (const t of u.tenants) {
    if (!(await rest.json<unknown[]>('GET', `/tenant?id=${enc(t)}`)).length) await rest.json('POST', '/tenant/create', { id: t, name: t });
  }
  if (!existing) {
    // without a password from the product: a random one nobody knows, until the person sets theirs
    await rest.json('POST', '/user/create', { profile, credentials: { password: options.password ?? randomBytes(24).toString('base64url') } });
  } else {
    if (existing.firstName !== profile.firstName || existing.lastName !== profile.lastName || (existing.email ?? null) !== profile.email) await rest.json('PUT', `/user/${enc(u.id)}/profile`, profile);
    if (options.password !== undefined) await rest.json('PUT', `/user/${enc(u.id)}/credentials`, { password: options.password, authenticatedUserPassword: options.servicePassword });
  }
  await reconcileMemberships(rest, u, (g) => g !== 'operaton-admin');
  return existing ? 'updated' : 'created';
}

async function reconcile(current: Set<string>, wanted: string[], add: (id: string) => Promise<unknown>): Promise<number> {
  let added = 0;
  for (const id of new Set(wanted)) {
    if (current.has(id)) continue;
    await add(id);
    added += 1;
  }
  return added;
}

/** Removes memberships no longer wanted; `managed` limits it to the groups the directory owns (never operaton-admin). */
async function reconcileRemoved(current: Set<string>, wanted: string[], remove: (id: string) => Promise<unknown>, managed: (id: string) => boolean): Promise<number> {
  let removed = 0;
  for (const id of current) {
    if (wanted.includes(id) || !managed(id) || id === 'operaton-admin') continue;
    await remove(id);
    removed += 1;
  }
  return removed;
}
