// Account management API (用户管理) — db tier: real PostgreSQL, the engine port's fake. A database of
// its own: the "last admin" rule needs to know every admin, and its outbox passes carry out every
// due command (the engine user sync).
import pino from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { createDb, type Db } from '../../../src/db/database.ts';
import { dispatchDueCommands } from '../../../src/engine-commands/engine-command-dispatcher.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { as, createTestUser, loginAs, type TestUser } from '../../helpers/auth.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';
import { waitUntil } from '../../helpers/wait-until.ts';

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let app: Express;
const engine = createFakeProcessEngine();
const logger = pino({ level: 'silent' });
const ids = new Map<string, string>();
const users = {} as Record<'admin' | 'liaochengClerk' | 'liaochengBureau' | 'yantaiClerk', TestUser>;
let kicks = 0;

beforeAll(async () => {
  database = await freshLedgerDatabase('yingsu_test_accounts');
  db = createDb(database.url, { min: 0, max: 4 });
  app = createApp({ config: loadConfig(), db, engine, engineCommands: { kick: () => void kicks++ }, logger });
  await seedDemoRegion(db);
  for (const a of await db('agencies').select('id', 'code')) ids.set(a.code, a.id);
  users.admin = await createTestUser(db, { roles: ['admin'], agencyId: ids.get('demo-gov') });
  users.liaochengClerk = await createTestUser(db, { roles: ['clerk'], agencyId: ids.get('liaocheng-dept') });
  users.liaochengBureau = await createTestUser(db, { roles: ['justice-bureau'], agencyId: ids.get('liaocheng-justice') });
  users.yantaiClerk = await createTestUser(db, { roles: ['clerk'], agencyId: ids.get('yantai-dept') });
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

/** Carries out the engine outbox now (commands are due from the database's now). */
const dispatch = () => dispatchDueCommands({ db, engine, logger }, { now: new Date(Date.now() + 60_000) });
const auditOf = (personId: string, change: string) =>
  waitUntil(`the audit entry of ${change}`, () => db('audit_log').where({ action: 'change' }).whereRaw(`details->>'change' = ? and details->>'personId' = ?`, [change, personId]).first(), 10_000, 50);

describe('account list and scope', () => {
  it('an admin lists everyone; a justice bureau its region only, read only; other roles are refused', async () => {
    const all = await as(app, users.admin).get('/api/admin/accounts?limit=200');
    expect(all.status).toBe(200);
    const logins = all.body.items.map((a: { login: string }) => a.login);
    expect(logins).toEqual(expect.arrayContaining([users.liaochengClerk.login, users.yantaiClerk.login]));
    const clerk = all.body.items.find((a: { login: string }) => a.login === users.liaochengClerk.login);
    expect(clerk).toMatchObject({ roles: [{ role: 'clerk', agencyId: ids.get('liaocheng-dept') }], disabled: false, mustChangePassword: false, hasPassword: true, lastLoginAt: null });

    const bureau = as(app, users.liaochengBureau);
    const region = await bureau.get('/api/admin/accounts?limit=200');
    expect(region.status).toBe(200);
    const regionLogins = region.body.items.map((a: { login: string }) => a.login);
    expect(regionLogins).toContain(users.liaochengClerk.login);
    expect(regionLogins).not.toContain(users.yantaiClerk.login);
    expect((await bureau.get(`/api/admin/accounts/${users.liaochengClerk.personId}`)).status).toBe(200);
    // another region's person does not exist for the bureau
    expect((await bureau.get(`/api/admin/accounts/${users.yantaiClerk.personId}`)).body.error.code).toBe('NOT_FOUND');
    expect((await bureau.post(`/api/admin/accounts/${users.liaochengClerk.personId}/disable`)).status).toBe(403);
    expect((await as(app, users.liaochengClerk).get('/api/admin/accounts')).status).toBe(403);
  });

  it('filters by agency, name or login, and status', async () => {
    const admin = as(app, users.admin);
    const byAgency = await admin.get(`/api/admin/accounts?agencyId=${ids.get('yantai-dept')}&limit=200`);
    expect(byAgency.body.items.every((a: { agencyId: string }) => a.agencyId === ids.get('yantai-dept'))).toBe(true);
    const byLogin = await admin.get(`/api/admin/accounts?q=${users.yantaiClerk.login}`);
    expect(byLogin.body).toMatchObject({ total: 1, items: [{ personId: users.yantaiClerk.personId }] });
    const bad = await admin.get('/api/admin/accounts?status=gone&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['limit', 'status']);
  });
});

describe('creating an account', () => {
  it('creates a person with a generated password shown once; the first login must change it; the engine user gets it; the audit says what changed, never the password', async () => {
    const res = await as(app, users.admin)
      .post('/api/admin/accounts')
      .send({ name: '新同事', post: '科员', agencyId: ids.get('liaocheng-dept'), login: 'xin.tongshi', roles: [{ role: 'handler' }, { role: 'clerk', agencyId: ids.get('liaocheng-dept') }] });
    expect(res.status).toBe(201);
    expect(res.body.password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(res.body.account).toMatchObject({ login: 'xin.tongshi', name: '新同事', mustChangePassword: true, disabled: false, hasPassword: true });
    expect(res.body.account.roles.map((r: { role: string }) => r.role)).toEqual(['clerk', 'handler']);
    const personId = res.body.account.personId;

    const newcomer = await loginAs(app, { login: 'xin.tongshi', password: res.body.password });
    expect((await newcomer.get('/api/cases')).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const audit = await auditOf(personId, 'account.create');
    expect(audit).toMatchObject({ person_id: users.admin.personId, status: 201, details: { login: 'xin.tongshi', passwordGenerated: true } });
    expect(JSON.stringify(audit)).not.toContain(res.body.password);

    const command = await db('engine_commands').where({ kind: 'sync-engine-user', business_key: 'xin.tongshi' }).first();
    expect(command.variables.password).toBe(res.body.password);
    await dispatch();
    expect(engine.users.get('xin.tongshi')).toMatchObject({ password: res.body.password, user: { groups: ['clerk', 'handler'], tenants: [ids.get('liaocheng-dept')] } });
    // carried out: the password is gone from the outbox row
    expect((await db('engine_commands').where({ id: command.id }).first()).variables).toEqual({ personId, password: '[erased]' });
  });

  it('gives an existing person without a login an account with the password the admin chose', async () => {
    const [person] = await db('people').insert({ agency_id: ids.get('yantai-dept'), name: '老同事', post: '科长' }).returning('id');
    const res = await as(app, users.admin).post('/api/admin/accounts').send({ personId: person.id, login: 'lao.tongshi', password: 'Lao-2026-passwort', roles: [{ role: 'legal-affairs' }] });
    expect(res.status).toBe(201);
    expect(res.body.password).toBeUndefined();
    expect(res.body.account).toMatchObject({ personId: person.id, agencyName: expect.any(String), roles: [{ role: 'legal-affairs', agencyId: ids.get('yantai-dept') }] });
    await loginAs(app, { login: 'lao.tongshi', password: 'Lao-2026-passwort' });
    // a second account for the same person, or a login in use: field errors
    const again = await as(app, users.admin).post('/api/admin/accounts').send({ personId: person.id, login: 'lao2' });
    expect(again.body.error.fields).toEqual([{ field: 'personId', message: expect.stringContaining('已有账号') }]);
  });

  it('names every bad field in Chinese', async () => {
    const admin = as(app, users.admin);
    const empty = await admin.post('/api/admin/accounts').send({});
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toEqual([{ field: 'login', message: '请填写登录名' }]);
    const bad = await admin.post('/api/admin/accounts').send({ login: 'Bad Login', password: 'short', roles: [{ role: 'king' }], email: 'x' });
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'login', 'password', 'roles.0.role']);
    const newPerson = await admin.post('/api/admin/accounts').send({ login: 'nobody.yet', password: 'nobody.yet-2026' });
    expect(newPerson.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['password']);
    const weak = await admin.post('/api/admin/accounts').send({ login: 'weak.one', password: 'short', name: '某', post: '科员', agencyId: ids.get('yantai-dept') });
    expect(weak.body.error.fields).toEqual([{ field: 'password', message: '密码至少 10 个字符' }]);
    const missing = await admin.post('/api/admin/accounts').send({ login: 'who.is.it', password: 'who-is-it-2026x' });
    expect(missing.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['name', 'post', 'agencyId']);
    const taken = await admin.post('/api/admin/accounts').send({ login: users.yantaiClerk.login, name: '某', post: '科员', agencyId: ids.get('yantai-dept') });
    expect(taken.body.error.fields).toEqual([{ field: 'login', message: `登录名 ${users.yantaiClerk.login} 已被使用` }]);
    const unknownAgency = await admin.put(`/api/admin/accounts/${users.yantaiClerk.personId}/roles`).send({ roles: [{ role: 'clerk', agencyId: '00000000-0000-4000-8000-000000000000' }] });
    expect(unknownAgency.body.error.fields).toEqual([{ field: 'roles.0.agencyId', message: '机关不存在' }]);
    expect((await admin.post('/api/admin/accounts/00000000-0000-4000-8000-000000000000/disable')).status).toBe(404);
  });
});

describe('changing an account', () => {
  it('changes roles (audited before and after; the engine user follows)', async () => {
    const user = await createTestUser(db, { roles: ['clerk'], agencyId: ids.get('liaocheng-dept') });
    const res = await as(app, users.admin).put(`/api/admin/accounts/${user.personId}/roles`).send({ roles: [{ role: 'handler' }, { role: 'legal-affairs' }] });
    expect(res.status).toBe(200);
    expect(res.body.roles.map((r: { role: string }) => r.role)).toEqual(['handler', 'legal-affairs']);
    // the new roles act at once
    expect((await as(app, user).get('/api/session')).body.user.roles).toEqual(['handler', 'legal-affairs']);
    const audit = await auditOf(user.personId, 'account.roles');
    const at = ids.get('liaocheng-dept');
    expect(audit.details).toMatchObject({ before: [`clerk@${at}`], after: [`handler@${at}`, `legal-affairs@${at}`] });
    await dispatch();
    expect(engine.users.get(user.login)?.user.groups).toEqual(['handler', 'legal-affairs']);
  });

  it('disabling ends the sessions, revokes the tokens and removes the engine user; enabling forces a new password', async () => {
    const user = await createTestUser(db, { roles: ['handler'], agencyId: ids.get('liaocheng-dept') });
    const browser = await loginAs(app, user);
    await as(app, users.admin).put(`/api/admin/accounts/${user.personId}/roles`).send({ roles: [{ role: 'handler' }] });
    await dispatch();
    expect(engine.users.has(user.login)).toBe(true);

    const res = await as(app, users.admin).post(`/api/admin/accounts/${user.personId}/disable`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ disabled: true, disabledAt: expect.any(String) });
    expect((await browser.get('/api/session')).status).toBe(401);
    expect((await as(app, user).get('/api/session')).status).toBe(401);
    expect((await request(app).post('/api/session').send({ login: user.login, password: user.password })).status).toBe(401);
    expect((await auditOf(user.personId, 'account.disable')).details).toMatchObject({ sessionsEnded: 1, tokensRevoked: 1 });
    await dispatch();
    expect(engine.users.has(user.login)).toBe(false);

    const enabled = await as(app, users.admin).post(`/api/admin/accounts/${user.personId}/enable`);
    expect(enabled.body).toMatchObject({ disabled: false, mustChangePassword: true });
    // enabling an enabled account changes nothing
    const other = await createTestUser(db, { roles: ['clerk'], agencyId: ids.get('liaocheng-dept') });
    expect((await as(app, users.admin).post(`/api/admin/accounts/${other.personId}/enable`)).body).toMatchObject({ disabled: false, mustChangePassword: false });
    const back = await loginAs(app, user);
    expect((await back.get('/api/cases')).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    // the change sets the engine user's password too
    expect((await back.post('/api/session/password').send({ currentPassword: user.password, newPassword: 'Back-again-2026' })).status).toBe(200);
    await dispatch();
    expect(engine.users.get(user.login)?.password).toBe('Back-again-2026');
  });

  it('resets a password: a generated one shown once, the sessions end, the old password no longer works, the next login must change it', async () => {
    const user = await createTestUser(db, { roles: ['clerk'], agencyId: ids.get('yantai-dept') });
    const browser = await loginAs(app, user);
    const res = await as(app, users.admin).post(`/api/admin/accounts/${user.personId}/password`).send({});
    expect(res.status).toBe(200);
    expect(res.body.password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(res.body.account.mustChangePassword).toBe(true);
    expect((await browser.get('/api/session')).status).toBe(401);
    expect((await request(app).post('/api/session').send({ login: user.login, password: user.password })).status).toBe(401);
    const fresh = await loginAs(app, { login: user.login, password: res.body.password });
    expect((await fresh.get('/api/session')).body.user.mustChangePassword).toBe(true);
    const audit = await auditOf(user.personId, 'account.password-reset');
    expect(JSON.stringify(audit)).not.toContain(res.body.password);
    await dispatch();
    expect(engine.users.get(user.login)?.password).toBe(res.body.password);
    // a chosen password follows the policy
    const weak = await as(app, users.admin).post(`/api/admin/accounts/${user.personId}/password`).send({ password: `${user.login}-x` });
    expect(weak.body.error.fields).toEqual([{ field: 'password', message: '密码不能包含登录名' }]);
  });

  it('nobody disables themselves, and the last admin keeps the admin role', async () => {
    const admin = as(app, users.admin);
    const self = await admin.post(`/api/admin/accounts/${users.admin.personId}/disable`);
    expect(self.status).toBe(409);
    expect(self.body.error).toMatchObject({ code: 'SELF_DISABLE', message: '不能停用自己的账号' });
    const lastRole = await admin.put(`/api/admin/accounts/${users.admin.personId}/roles`).send({ roles: [{ role: 'clerk' }] });
    expect(lastRole.status).toBe(409);
    expect(lastRole.body.error.code).toBe('LAST_ADMIN');

    // with a second admin the first may step down; then the second is the last and stays
    const second = await createTestUser(db, { roles: ['admin'], agencyId: ids.get('demo-gov') });
    expect((await admin.put(`/api/admin/accounts/${users.admin.personId}/roles`).send({ roles: [{ role: 'clerk' }, { role: 'admin' }] })).status).toBe(200);
    expect((await as(app, second).put(`/api/admin/accounts/${users.admin.personId}/roles`).send({ roles: [{ role: 'clerk' }] })).status).toBe(200);
    expect((await as(app, second).put(`/api/admin/accounts/${second.personId}/roles`).send({ roles: [] })).body.error.code).toBe('LAST_ADMIN');
    // give the first admin its role back (the other tests of the file use it)
    expect((await as(app, second).put(`/api/admin/accounts/${users.admin.personId}/roles`).send({ roles: [{ role: 'admin' }] })).status).toBe(200);
    expect((await as(app, users.admin).post(`/api/admin/accounts/${second.personId}/disable`)).status).toBe(200);
    expect((await as(app, users.admin).put(`/api/admin/accounts/${users.admin.personId}/roles`).send({ roles: [] })).body.error.code).toBe('LAST_ADMIN');
  });

  it('the own password change sets the engine user’s password through the outbox', async () => {
    const user = await createTestUser(db, { roles: ['handler'], agencyId: ids.get('liaocheng-dept') });
    const before = kicks;
    const browser = await loginAs(app, user);
    expect((await browser.post('/api/session/password').send({ currentPassword: user.password, newPassword: 'Mine-own-2026' })).status).toBe(200);
    expect(kicks).toBe(before + 1);
    const pending = await db('engine_commands').where({ kind: 'sync-engine-user', business_key: user.login, status: 'pending' }).first();
    expect(pending.variables).toEqual({ personId: user.personId, password: 'Mine-own-2026' });
    // the engine is down: nothing lost, the password waits; back up, it arrives and is erased
    engine.down = true;
    await dispatch();
    expect((await db('engine_commands').where({ id: pending.id }).first()).status).toBe('pending');
    // an admin's list of commands the engine has not taken never shows the password
    await db('engine_commands').where({ id: pending.id }).update({ created_at: db.raw(`now() - interval '2 hours'`) });
    const listed = (await as(app, users.admin).get('/api/admin/engine-commands?staleMinutes=60')).body.find((c: { id: string }) => c.id === String(pending.id));
    expect(listed).toMatchObject({ kind: 'sync-engine-user', variables: { personId: user.personId, password: '[erased]' } });
    engine.down = false;
    await db('engine_commands').where({ id: pending.id }).update({ next_attempt_at: db.fn.now() });
    await dispatch();
    expect(engine.users.get(user.login)?.password).toBe('Mine-own-2026');
    expect((await db('engine_commands').where({ id: pending.id }).first()).variables.password).toBe('[erased]');
  });
});
