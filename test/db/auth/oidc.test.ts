// Single sign-on against a fake OIDC provider the test starts (discovery, JWKS, authorize, token;
// keys generated here) and the real ledger: the redirect carries state, nonce and PKCE; the callback
// exchanges the code, checks the ID token's signature and claims, and opens a session for the
// mapped person; an unknown person, a forged token and a foreign or replayed callback are refused.
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { createTestUser, type TestUser } from '../../helpers/auth.ts';
import { startFakeIssuer, type FakeIssuer } from '../../helpers/fake-oidc-issuer.ts';
import { useTestDb } from '../../helpers/test-db.ts';

const db = useTestDb();
let issuer: FakeIssuer;
let app: ReturnType<typeof createApp>;
let user: TestUser;
const REDIRECT = 'http://127.0.0.1:3000/auth/oidc/callback';

const cookies = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []);
const cookieValue = (res: request.Response, name: string) => cookies(res).find((c) => c.startsWith(`${name}=`))?.split(';')[0];

/** The browser's round trip: app → provider → the callback URL (not yet sent to the app). */
async function signInAtProvider(login: string) {
  issuer.nextLogin = login;
  const start = await request(app).get('/auth/oidc/login');
  expect(start.status).toBe(302);
  const atProvider = await fetch(start.headers.location!, { redirect: 'manual' });
  const callback = new URL(atProvider.headers.get('location')!);
  return { binding: cookieValue(start, 'yingsu_oidc')!, callbackPath: `${callback.pathname}${callback.search}`, start };
}

beforeAll(async () => {
  issuer = await startFakeIssuer();
  const config = { ...loadConfig(), OIDC_ISSUER: issuer.issuer, OIDC_CLIENT_ID: issuer.clientId, OIDC_CLIENT_SECRET: issuer.clientSecret, OIDC_REDIRECT_URI: REDIRECT, OIDC_ALLOW_HTTP: true };
  app = createApp({ config, db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
  user = await createTestUser(db, { roles: ['legal-affairs'] });
});
afterAll(() => issuer?.stop());

describe('OIDC single sign-on', () => {
  it('redirects with state, nonce and PKCE, and the callback opens a session for the mapped person', async () => {
    const { binding, callbackPath, start } = await signInAtProvider(user.login);
    const sent = issuer.lastAuthorization!;
    expect(Object.fromEntries(sent)).toMatchObject({ client_id: issuer.clientId, redirect_uri: REDIRECT, response_type: 'code', scope: 'openid profile', code_challenge_method: 'S256' });
    expect(sent.get('state')).toMatch(/^[\w-]{40,}$/);
    expect(sent.get('nonce')).toMatch(/^[\w-]{40,}$/);
    expect(sent.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(cookies(start).find((c) => c.startsWith('yingsu_oidc='))).toMatch(/HttpOnly.*SameSite=Lax|SameSite=Lax.*HttpOnly/);

    const back = await request(app).get(callbackPath).set('Cookie', binding);
    expect(back.status, JSON.stringify(back.body)).toBe(302);
    expect(back.headers.location).toBe('/');
    const session = cookieValue(back, 'yingsu_session')!;
    const me = await request(app).get('/api/session').set('Cookie', session);
    expect(me.body.user).toMatchObject({ login: user.login, roles: ['legal-affairs'] });
    expect(await db('audit_log').where({ login: user.login, action: 'login.success' }).orderBy('id', 'desc').first()).toMatchObject({ details: expect.objectContaining({ via: 'oidc', subject: `sub-${user.login}` }) });
    expect(await db('sessions').where({ person_id: user.personId, via: 'oidc' }).first()).toBeDefined();

    // the same callback again (replay) is refused: its login was consumed
    const replay = await request(app).get(callbackPath).set('Cookie', binding);
    expect(replay.status).toBe(401);
  });

  it('refuses a person the ledger does not know', async () => {
    const { binding, callbackPath } = await signInAtProvider('stranger-at-the-provider');
    const res = await request(app).get(callbackPath).set('Cookie', binding);
    expect(res.status).toBe(403);
    expect(res.body.error).toEqual({ code: 'SSO_UNKNOWN_USER', message: '单点登录账号 stranger-at-the-provider 不是本系统的用户，请联系管理员' });
    expect(cookieValue(res, 'yingsu_session')).toBeUndefined();
  });

  it('refuses an ID token signed with a key the provider does not publish', async () => {
    issuer.signWithRogueKey = true;
    try {
      const { binding, callbackPath } = await signInAtProvider(user.login);
      const res = await request(app).get(callbackPath).set('Cookie', binding);
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(/^单点登录失败：.*signature/i);
      expect(cookieValue(res, 'yingsu_session')).toBeUndefined();
    } finally {
      issuer.signWithRogueKey = false;
    }
  });

  it('refuses a callback that another browser started (no or another binding cookie)', async () => {
    const { callbackPath } = await signInAtProvider(user.login);
    expect((await request(app).get(callbackPath)).status).toBe(401);
    const second = await signInAtProvider(user.login);
    const res = await request(app).get(second.callbackPath).set('Cookie', 'yingsu_oidc=someone-elses');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('单点登录请求无效或已过期，请重新登录');
  });

  it('answers 404 when no provider is configured', async () => {
    const plain = createApp({ config: { ...loadConfig(), OIDC_ISSUER: undefined }, db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
    const res = await request(plain).get('/auth/oidc/login');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('未配置单点登录（OIDC_ISSUER）');
  });
});
