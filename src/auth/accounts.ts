// Local accounts (people with a login and a password): the password login with its throttling and
// audit, and password changes.
import type { Db } from '../db/database.ts';
import { InputError } from '../errors.ts';
import { enqueueEngineUserSync } from './engine-user-sync.ts';
import { recordAudit, type AuditEntry } from './audit-log.ts';
import { loginRetryAfter, LoginThrottledError, recordLoginFailure, recordLoginSuccess, type ThrottleConfig } from './login-throttle.ts';
import { assertPasswordPolicy, hashPassword, verifyPassword } from './passwords.ts';
import { UnauthenticatedError, type Principal } from './principal.ts';
import { loadPrincipal } from './scope.ts';

export const LOGIN_FAILED_MESSAGE = '登录名或密码不正确';

type RequestSide = Pick<AuditEntry, 'method' | 'path' | 'ip' | 'userAgent'>;

/** Checks a login and password (throttled, audited either way); the principal of the person. */
export async function passwordLogin(db: Db, config: ThrottleConfig, login: string, password: string, request: RequestSide): Promise<Principal> {
  const retryAfter = await loginRetryAfter(db, login, request.ip);
  if (retryAfter > 0) {
    await recordAudit(db, { action: 'login.failure', login, ...request, status: 429, details: { reason: 'throttled' } });
    throw new LoginThrottledError(retryAfter);
  }
  const person = await db('people').where({ login }).whereNull('disabled_at').first('id', 'password_hash');
  // verifyPassword does the same work for an unknown login, so timing does not tell logins apart
  const ok = await verifyPassword(password, person?.password_hash);
  const principal = ok && person ? await loadPrincipal(db, person.id, 'session') : undefined;
  if (!principal) {
    await recordLoginFailure(db, config, login, request.ip);
    await recordAudit(db, { action: 'login.failure', login, ...request, status: 401, details: { reason: person ? 'password' : 'unknown-login' } });
    throw new UnauthenticatedError(LOGIN_FAILED_MESSAGE);
  }
  await recordLoginSuccess(db, login);
  await db('people').where({ id: principal.personId }).update({ last_login_at: db.fn.now() });
  await recordAudit(db, { action: 'login.success', principal, ...request, status: 200, details: { via: 'password' } });
  return principal;
}

/** Sets a person's password (hashing it); mustChange marks a seeded or reset password. */
export async function setPassword(db: Db, personId: string, password: string, options: { mustChange: boolean }): Promise<void> {
  await db('people')
    .where({ id: personId })
    .update({ password_hash: await hashPassword(password), must_change_password: options.mustChange, password_changed_at: db.fn.now() });
}

/** The person's own change: the current password first (a wrong one counts as a failed login), then the policy. */
export async function changeOwnPassword(db: Db, config: ThrottleConfig, principal: Principal, input: { currentPassword: string; newPassword: string }, request: RequestSide): Promise<void> {
  const retryAfter = await loginRetryAfter(db, principal.login, request.ip);
  if (retryAfter > 0) throw new LoginThrottledError(retryAfter);
  const person = await db('people').where({ id: principal.personId }).first('password_hash');
  if (!(await verifyPassword(input.currentPassword, person?.password_hash))) {
    await recordLoginFailure(db, config, principal.login, request.ip);
    await recordAudit(db, { action: 'password.change', principal, ...request, status: 400, details: { reason: 'current-password' } });
    throw new InputError([{ field: 'currentPassword', message: '当前密码不正确' }]);
  }
  assertPasswordPolicy(input.newPassword, 'newPassword', { login: principal.login, currentPassword: input.currentPassword });
  await db.transaction(async (trx) => {
    await setPassword(trx, principal.personId, input.newPassword, { mustChange: false });
    // the engine user (Tasklist) gets the same password
    await enqueueEngineUserSync(trx, { id: principal.personId, login: principal.login }, input.newPassword);
  });
  await recordAudit(db, { action: 'password.change', principal, ...request, status: 200 });
}
