// Account management (用户管理): people with their accounts — login, roles per agency, disabled,
// forced password change, last login — and the admin's changes to them. An admin manages every
// account; a justice bureau (司法局) reads the accounts of its region (read only); outside the scope
// an account does not exist (404). Every change that concerns the engine (password, roles, disabling)
// enqueues the person's engine user sync in the same transaction (the engine outbox carries it out).
import { isUuid } from '../db/ids.ts';
import { randomInt } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { ConflictError, InputError, NotFoundError, type FieldIssue } from '../errors.ts';
import { setPassword } from './accounts.ts';
import { enqueueEngineUserSync } from './engine-user-sync.ts';
import { passwordPolicyIssues } from './passwords.ts';
import type { Principal, Role } from './principal.ts';
import { agencyVisible } from './scope.ts';
import { revokePersonSessions } from './sessions.ts';

export interface AccountRole {
  role: Role;
  agencyId: string;
  agencyName: string;
}

export interface Account {
  personId: string;
  name: string;
  post: string;
  email: string | null;
  agencyId: string;
  agencyName: string;
  /** null: a person without an account (no login yet) */
  login: string | null;
  roles: AccountRole[];
  hasPassword: boolean;
  disabled: boolean;
  disabledAt: string | null;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  passwordChangedAt: string | null;
}

export interface AccountFilter {
  agencyId?: string | undefined;
  /** part of the name or the login */
  q?: string | undefined;
  status?: 'active' | 'disabled' | 'no-account' | undefined;
  limit: number;
  offset: number;
}

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

function peopleInScope(db: Db, principal: Principal) {
  const q = db('people as p').join('agencies as a', 'a.id', 'p.agency_id');
  if (principal.visibleAgencyIds !== null) q.whereIn('p.agency_id', principal.visibleAgencyIds);
  return q;
}

async function withRoles(db: Db, rows: any[]): Promise<Account[]> {
  const ids = rows.map((r) => r.id);
  const roles = ids.length
    ? await db('person_roles as r').join('agencies as a', 'a.id', 'r.agency_id').whereIn('r.person_id', ids).orderBy(['r.role', 'a.name']).select('r.person_id', 'r.role', 'r.agency_id', 'a.name as agency_name')
    : [];
  return rows.map((r) => ({
    personId: r.id,
    name: r.name,
    post: r.post,
    email: r.email ?? null,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    login: r.login ?? null,
    roles: roles.filter((x) => x.person_id === r.id).map((x) => ({ role: x.role, agencyId: x.agency_id, agencyName: x.agency_name })),
    hasPassword: Boolean(r.has_password),
    disabled: Boolean(r.disabled_at),
    disabledAt: iso(r.disabled_at),
    mustChangePassword: Boolean(r.must_change_password),
    lastLoginAt: iso(r.last_login_at),
    passwordChangedAt: iso(r.password_changed_at),
  }));
}

const COLUMNS = ['p.id', 'p.name', 'p.post', 'p.email', 'p.agency_id', 'a.name as agency_name', 'p.login', 'p.disabled_at', 'p.must_change_password', 'p.last_login_at', 'p.password_changed_at'];

export async function listAccounts(db: Db, principal: Principal, filter: AccountFilter): Promise<{ total: number; items: Account[] }> {
  const q = peopleInScope(db, principal);
  if (filter.agencyId) q.where('p.agency_id', filter.agencyId);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q.where((w) => w.whereILike('p.name', like).orWhereILike('p.login', like));
  }
  if (filter.status === 'active') q.whereNotNull('p.login').whereNull('p.disabled_at');
  if (filter.status === 'disabled') q.whereNotNull('p.disabled_at');
  if (filter.status === 'no-account') q.whereNull('p.login');
  const [counted] = await q.clone().count<{ count: string }[]>({ count: '*' });
  const rows = await q
    .orderBy([{ column: 'a.name' }, { column: 'p.name' }, { column: 'p.id' }])
    .limit(filter.limit)
    .offset(filter.offset)
    .select([...COLUMNS, db.raw('p.password_hash is not null as has_password')]);
  return { total: Number(counted?.count ?? 0), items: await withRoles(db, rows) };
}

/** One person's account; NotFoundError (404) when it does not exist or lies outside the scope. */
export async function getAccount(db: Db, principal: Principal, personId: string): Promise<Account> {
  const row = isUuid(personId) ? await peopleInScope(db, principal).where('p.id', personId).first([...COLUMNS, db.raw('p.password_hash is not null as has_password')]) : undefined;
  if (!row) throw new NotFoundError('用户', personId);
  return (await withRoles(db, [row]))[0]!;
}

// ── changes (admin) ──────────────────────────────────────────────────────────────────────────────

export interface RoleGrant {
  role: Role;
  /** the agency the role is held in; default: the person's own agency */
  agencyId?: string | undefined;
}

/** A password an admin hands over once: 16 characters without look-alikes (0/O, 1/l/I). */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  return Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

async function resolveRoles(db: Db, grants: RoleGrant[], personAgencyId: string, field: string): Promise<{ role: Role; agency_id: string }[]> {
  const issues: FieldIssue[] = [];
  const resolved = grants.map((g) => ({ role: g.role, agency_id: g.agencyId ?? personAgencyId }));
  const agencies = new Set((await db('agencies').whereIn('id', [...new Set(resolved.map((r) => r.agency_id))]).select('id')).map((a) => a.id));
  resolved.forEach((r, i) => {
    if (!agencies.has(r.agency_id)) issues.push({ field: `${field}.${i}.agencyId`, message: '机关不存在' });
  });
  if (issues.length) throw new InputError(issues);
  const unique = new Map(resolved.map((r) => [`${r.role}:${r.agency_id}`, r]));
  return [...unique.values()];
}

/** Serialises the changes that could remove the last admin (two admins removing each other at once). */
const lockAdmins = (trx: Db) => trx.raw(`SELECT pg_advisory_xact_lock(hashtext('accounts.admins'))`);

/** Throws when the person is the last enabled admin with a login and the change would end that. */
async function assertNotLastAdmin(trx: Db, personId: string): Promise<void> {
  const isAdmin = await trx('person_roles').where({ person_id: personId, role: 'admin' }).first('person_id');
  if (!isAdmin) return;
  const others = await trx('person_roles as r')
    .join('people as p', 'p.id', 'r.person_id')
    .where('r.role', 'admin')
    .whereNot('r.person_id', personId)
    .whereNotNull('p.login')
    .whereNull('p.disabled_at')
    .first('r.person_id');
  if (!others) throw new ConflictError('LAST_ADMIN', '这是最后一个管理员账号，不能移除其管理员角色或停用它；请先为另一人授予管理员角色');
}

async function personForChange(trx: Db, principal: Principal, personId: string): Promise<{ id: string; login: string | null; agency_id: string; name: string }> {
  const person = isUuid(personId) ? await trx('people').where({ id: personId }).forUpdate().first('id', 'login', 'agency_id', 'name') : undefined;
  if (!person || !agencyVisible(principal, person.agency_id)) throw new NotFoundError('用户', personId);
  return person;
}

const needsLogin = (person: { login: string | null }) => {
  if (!person.login) throw new ConflictError('NO_ACCOUNT', '该人员还没有账号，请先创建账号');
};

export interface CreateAccountInput {
  /** an existing person without a login; or the fields of a new person */
  personId?: string | undefined;
  name?: string | undefined;
  post?: string | undefined;
  agencyId?: string | undefined;
  email?: string | undefined;
  login: string;
  /** absent: one is generated and answered once */
  password?: string | undefined;
  roles: RoleGrant[];
}

/** Creates the account (and the person when new); the password must be changed at the first login. */
export async function createAccount(db: Db, principal: Principal, input: CreateAccountInput): Promise<{ personId: string; generatedPassword?: string; changes: Record<string, unknown> }> {
  const generatedPassword = input.password === undefined ? generatePassword() : undefined;
  const password = input.password ?? generatedPassword!;
  const issues = passwordPolicyIssues(password, 'password', { login: input.login }).map((i) => ({ ...i, message: i.message.replace('新密码', '密码') }));
  if (issues.length) throw new InputError(issues);
  return db.transaction(async (trx) => {
    let person: { id: string; login: string | null; agency_id: string; name: string };
    if (input.personId) {
      person = await personForChange(trx, principal, input.personId);
      if (person.login) throw new InputError([{ field: 'personId', message: `该人员已有账号（登录名 ${person.login}）` }]);
    } else {
      const missing: FieldIssue[] = [];
      if (!input.name) missing.push({ field: 'name', message: '请填写姓名' });
      if (!input.post) missing.push({ field: 'post', message: '请填写职务' });
      if (!input.agencyId) missing.push({ field: 'agencyId', message: '请选择所属机关' });
      else if (!(await trx('agencies').where({ id: input.agencyId }).first('id'))) missing.push({ field: 'agencyId', message: '机关不存在' });
      if (missing.length) throw new InputError(missing);
      const [row] = await trx('people').insert({ agency_id: input.agencyId, name: input.name, post: input.post, email: input.email ?? null, kind: 'staff' }).returning(['id', 'login', 'agency_id', 'name']);
      person = row;
    }
    if (await trx('people').whereRaw('lower(login) = lower(?)', [input.login]).first('id')) throw new InputError([{ field: 'login', message: `登录名 ${input.login} 已被使用` }]);
    const roles = await resolveRoles(trx, input.roles, person.agency_id, 'roles');
    await trx('people').where({ id: person.id }).update({ login: input.login, disabled_at: null });
    await trx('person_roles').where({ person_id: person.id }).delete();
    if (roles.length) await trx('person_roles').insert(roles.map((r) => ({ person_id: person.id, ...r })));
    await setPassword(trx, person.id, password, { mustChange: true });
    await enqueueEngineUserSync(trx, { id: person.id, login: input.login }, password);
    const changes = { change: 'account.create', personId: person.id, login: input.login, roles: roles.map((r) => `${r.role}@${r.agency_id}`), passwordGenerated: Boolean(generatedPassword) };
    return { personId: person.id, ...(generatedPassword ? { generatedPassword } : {}), changes };
  });
}

/** Replaces the person's roles; the last admin keeps the admin role. */
export async function setRoles(db: Db, principal: Principal, personId: string, grants: RoleGrant[]): Promise<Record<string, unknown>> {
  return db.transaction(async (trx) => {
    await lockAdmins(trx);
    const person = await personForChange(trx, principal, personId);
    const roles = await resolveRoles(trx, grants, person.agency_id, 'roles');
    if (!roles.some((r) => r.role === 'admin')) await assertNotLastAdmin(trx, person.id);
    const before = (await trx('person_roles').where({ person_id: person.id }).orderBy(['role', 'agency_id']).select('role', 'agency_id')).map((r) => `${r.role}@${r.agency_id}`);
    await trx('person_roles').where({ person_id: person.id }).delete();
    if (roles.length) await trx('person_roles').insert(roles.map((r) => ({ person_id: person.id, ...r })));
    if (person.login) await enqueueEngineUserSync(trx, { id: person.id, login: person.login });
    return { change: 'account.roles', personId: person.id, login: person.login, before, after: roles.map((r) => `${r.role}@${r.agency_id}`).sort() };
  });
}

/**
 * Disables the account: its sessions end, its API tokens are revoked and its engine user is
 * removed. Nobody disables themselves, and the last admin stays enabled.
 */
export async function disableAccount(db: Db, principal: Principal, personId: string): Promise<Record<string, unknown>> {
  if (personId === principal.personId) throw new ConflictError('SELF_DISABLE', '不能停用自己的账号');
  return db.transaction(async (trx) => {
    await lockAdmins(trx);
    const person = await personForChange(trx, principal, personId);
    needsLogin(person);
    await assertNotLastAdmin(trx, person.id);
    await trx('people').where({ id: person.id }).update({ disabled_at: trx.fn.now() });
    const sessionsEnded = await revokePersonSessions(trx, person.id);
    const tokensRevoked = await trx('api_tokens').where({ person_id: person.id }).whereNull('revoked_at').update({ revoked_at: trx.fn.now() });
    await enqueueEngineUserSync(trx, { id: person.id, login: person.login! });
    return { change: 'account.disable', personId: person.id, login: person.login, sessionsEnded, tokensRevoked };
  });
}

/**
 * Enables the account again. Its engine user comes back with a password nobody knows, so the person
 * must change the product password at the next login (which sets the engine's too).
 */
export async function enableAccount(db: Db, principal: Principal, personId: string): Promise<Record<string, unknown>> {
  return db.transaction(async (trx) => {
    const person = await personForChange(trx, principal, personId);
    needsLogin(person);
    // enabling an enabled account changes nothing (and forces no password change)
    const updated = await trx('people').where({ id: person.id }).whereNotNull('disabled_at').update({ disabled_at: null, must_change_password: true });
    if (updated) await enqueueEngineUserSync(trx, { id: person.id, login: person.login! });
    return { change: 'account.enable', personId: person.id, login: person.login, wasDisabled: updated > 0 };
  });
}

/** Sets a new password (given, or generated and answered once): changed at the next login; the person's sessions end. */
export async function resetPassword(db: Db, principal: Principal, personId: string, given?: string): Promise<{ generatedPassword?: string; changes: Record<string, unknown> }> {
  return db.transaction(async (trx) => {
    const person = await personForChange(trx, principal, personId);
    needsLogin(person);
    const generatedPassword = given === undefined ? generatePassword() : undefined;
    const password = given ?? generatedPassword!;
    const issues = passwordPolicyIssues(password, 'password', { login: person.login! }).map((i) => ({ ...i, message: i.message.replace('新密码', '密码') }));
    if (issues.length) throw new InputError(issues);
    await setPassword(trx, person.id, password, { mustChange: true });
    const sessionsEnded = await revokePersonSessions(trx, person.id);
    await enqueueEngineUserSync(trx, { id: person.id, login: person.login! }, password);
    return { ...(generatedPassword ? { generatedPassword } : {}), changes: { change: 'account.password-reset', personId: person.id, login: person.login, passwordGenerated: Boolean(generatedPassword), sessionsEnded } };
  });
}
