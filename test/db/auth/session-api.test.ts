// The session API and the authentication of /api (issue 13 §1) on the real ledger and the engine
// port's fake: password login, cookie flags, CSRF, API tokens, forced password change, logout here
// and everywhere, throttling, and the audit rows a login leaves.
import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../../src/config.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { sha256 } from '../../../src/auth/sessions.ts';
import { revokeApiToken, listApiTokens } from '../../../src/auth/api-tokens.ts';
import { as, createTestUser, loginAs } from '../../helpers/auth.ts';
import { useTestDb } from '../../helpers/test-db.ts';

const db = useTestDb();
const appWith = (overrides: Partial<Config> = {}) =>
  createApp({ config: { ...loadConfig(), LOGIN_MAX_FAILURES_PER_IP: 1000, ...overrides }, db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
const app = appWith();

const cookieOf = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('yingsu_session='));

describe('authentication of /api', () => {
  it('answers 401 JSON to every API route without a login, and to a bad or revoked token', async () => {
    for (const [method, url] of [['get', '/api/cases'], ['post', '/api/cases'], ['get', '/api/admin/engine-commands'], ['get', '/api/openapi.json'], ['get', '/api/session']] as const) {
      const res = await request(app)[method](url);
      expect(res.status, `${method} ${url}`).toBe(401);
      expect(res.body.error).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' });
    }
    expect((await request(app).get('/healthz')).status).toBe(200);
    expect((await request(app).get('/api/cases').set('Authorization', 'Bearer yst_not-a-token')).status).toBe(401);
    expect((await request(app).get('/api/cases').set('Authorization', 'Basic YWRtaW46YWRtaW4=')).status).toBe(401);

    const user = await createTestUser(db, { roles: ['clerk'] });
    expect((await as(app, user).get('/api/session')).body.user).toMatchObject({ login: user.login, roles: ['clerk'], agencyId: user.agencyId, mustChangePassword: false });
    const [token] = await listApiTokens(db, { personId: user.personId });
    expect(token!.prefix).toBe(user.token.slice(0, 12));
    expect(token!.lastUsedAt).not.toBeNull();
    // stored hashed only
    expect(await db('api_tokens').where({ token_hash: user.token }).first()).toBeUndefined();
    await revokeApiToken(db, token!.id);
    expect((await as(app, user).get('/api/session')).status).toBe(401);
  });

  it('logs in with a password: the user, an HttpOnly SameSite=Lax cookie whose id is stored only as its hash, and a CSRF token', async () => {
    const user = await createTestUser(db, { roles: ['handler', 'legal-affairs'] });
    const wrong = await request(app).post('/api/session').send({ login: user.login, password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('登录名或密码不正确');
    const nobody = await request(app).post('/api/session').send({ login: 'nobody-at-all', password: 'whatever-it-is' });
    expect(nobody.body.error.message).toBe('登录名或密码不正确');
    const empty = await request(app).post('/api/session').send({});
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields.map((f: any) => f.field)).toEqual(['login', 'password']);

    const res = await request(app).post('/api/session').send({ login: user.login, password: user.password });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ personId: user.personId, login: user.login, roles: ['handler', 'legal-affairs'], agencyId: user.agencyId, agencyName: expect.stringMatching(/测试机关/) });
    const cookie = cookieOf(res)!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const sessionId = decodeURIComponent(cookie.split(';')[0]!.split('=')[1]!);
    expect(await db('sessions').where({ id_hash: sha256(sessionId) }).first()).toMatchObject({ person_id: user.personId, ip: expect.any(String) });
    expect(await db('sessions').where({ id_hash: sessionId }).first()).toBeUndefined();

    const secure = await request(appWith({ SESSION_COOKIE_SECURE: 'always' })).post('/api/session').send({ login: user.login, password: user.password });
    expect(cookieOf(secure)).toMatch(/; Secure/);

    const audit = await db('audit_log').where({ login: user.login }).orderBy('id').select('action', 'status', 'ip', 'person_id');
    expect(audit.map((a) => `${a.action} ${a.status}`)).toEqual(['login.failure 401', 'login.success 200', 'login.success 200']);
    expect(audit[1]).toMatchObject({ person_id: user.personId, ip: expect.stringContaining('127.0.0.1') });
  });

  it('requires the session’s CSRF token on unsafe methods with a cookie, not with an API token', async () => {
    const user = await createTestUser(db, { roles: ['admin'] });
    const browser = await loginAs(app, user);
    const me = await browser.agent.get('/api/session');
    expect(me.body.csrfToken).toBe(browser.csrfToken);
    const noHeader = await browser.agent.post('/api/deadlines/compute').send({ profile: 'national', rule: 'answer-and-evidence', trigger: '2026-09-22' });
    expect(noHeader.status).toBe(403);
    expect(noHeader.body.error.code).toBe('CSRF_FAILED');
    const wrongHeader = await browser.agent.post('/api/deadlines/compute').set('X-CSRF-Token', `${browser.csrfToken}x`).send({ profile: 'national', rule: 'answer-and-evidence', trigger: '2026-09-22' });
    expect(wrongHeader.status).toBe(403);
    expect((await browser.post('/api/deadlines/compute').send({ profile: 'national', rule: 'answer-and-evidence', trigger: '2026-09-22' })).status).toBe(200);
    // reads need none
    expect((await browser.agent.get('/api/agencies')).status).toBe(200);
    expect((await as(app, user).post('/api/deadlines/compute').send({ profile: 'national', rule: 'answer-and-evidence', trigger: '2026-09-22' })).status).toBe(200);
  });

  it('logs out here, and everywhere', async () => {
    const user = await createTestUser(db, { roles: ['clerk'] });
    const laptop = await loginAs(app, user);
    const phone = await loginAs(app, user);
    expect((await laptop.delete('/api/session')).status).toBe(204);
    expect((await laptop.get('/api/session')).status).toBe(401);
    expect((await phone.get('/api/session')).status).toBe(200);
    const office = await loginAs(app, user);
    const everywhere = await office.delete('/api/sessions');
    expect(everywhere.body).toEqual({ revoked: 2 });
    expect((await phone.get('/api/session')).status).toBe(401);
    expect((await office.get('/api/session')).status).toBe(401);
  });

  it('lets a person with a seeded password do nothing but change it, with field errors', async () => {
    const user = await createTestUser(db, { roles: ['clerk'], mustChangePassword: true, password: 'seeded-1' });
    const browser = await loginAs(app, user);
    expect((await browser.get('/api/session')).body.user.mustChangePassword).toBe(true);
    const blocked = await browser.get('/api/cases');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await as(app, user).get('/api/agencies')).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const short = await browser.post('/api/session/password').send({ currentPassword: 'seeded-1', newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.error.fields).toEqual([{ field: 'newPassword', message: '新密码至少 10 个字符' }]);
    const wrong = await browser.post('/api/session/password').send({ currentPassword: 'seeded-2', newPassword: 'a much better one' });
    expect(wrong.body.error.fields).toEqual([{ field: 'currentPassword', message: '当前密码不正确' }]);
    expect(await db('audit_log').where({ person_id: user.personId, action: 'password.change' }).select('status')).toEqual([{ status: 400 }]);
    const missing = await browser.post('/api/session/password').send({});
    expect(missing.body.error.fields.map((f: any) => f.field)).toEqual(['currentPassword', 'newPassword']);

    const other = await loginAs(app, user);
    const ok = await browser.post('/api/session/password').send({ currentPassword: 'seeded-1', newPassword: 'a much better one' });
    expect(ok.status).toBe(200);
    expect(ok.body.user.mustChangePassword).toBe(false);
    expect((await browser.get('/api/cases')).status).toBe(200);
    // the other sessions end with the old password
    expect((await other.get('/api/session')).status).toBe(401);
    expect((await request(app).post('/api/session').send({ login: user.login, password: 'seeded-1' })).status).toBe(401);
    expect((await request(app).post('/api/session').send({ login: user.login, password: 'a much better one' })).status).toBe(200);
  });

  it('throttles failed logins per login and per address (429 with Retry-After), the right password included', async () => {
    const user = await createTestUser(db, { roles: ['clerk'] });
    for (let i = 0; i < 5; i++) expect((await request(app).post('/api/session').send({ login: user.login, password: `wrong-${i}` })).status).toBe(401);
    const locked = await request(app).post('/api/session').send({ login: user.login, password: user.password });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('LOGIN_THROTTLED');
    expect(locked.body.error.message).toMatch(/登录失败次数过多/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    // another login from the same address is not locked by it
    const neighbour = await createTestUser(db, { roles: ['clerk'] });
    expect((await request(app).post('/api/session').send({ login: neighbour.login, password: neighbour.password })).status).toBe(200);

    // per address: behind a trusted proxy, one address trying many logins
    const proxied = appWith({ TRUST_PROXY: 'loopback', LOGIN_MAX_FAILURES_PER_IP: 3 });
    for (let i = 0; i < 3; i++) await request(proxied).post('/api/session').set('X-Forwarded-For', '203.0.113.9').send({ login: `guess-${i}-${user.login}`, password: 'x' });
    expect((await request(proxied).post('/api/session').set('X-Forwarded-For', '203.0.113.9').send({ login: neighbour.login, password: neighbour.password })).status).toBe(429);
    expect((await request(proxied).post('/api/session').set('X-Forwarded-For', '203.0.113.10').send({ login: neighbour.login, password: neighbour.password })).status).toBe(200);
  });

  it('keeps the audit log append-only', async () => {
    await request(app).post('/api/session').send({ login: 'someone-unknown', password: 'nope-nope' });
    const row = await db('audit_log').where({ login: 'someone-unknown' }).first();
    expect(row).toMatchObject({ action: 'login.failure', details: { reason: 'unknown-login' } });
    await expect(db('audit_log').where({ id: row.id }).update({ action: 'tampered' })).rejects.toThrow(/append-only/);
    await expect(db('audit_log').where({ id: row.id }).delete()).rejects.toThrow(/append-only/);
    await expect(db.raw('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });
});
