// Authorisation under attack (issue 15 §2) — db tier: the app on the engine port's fake, real
// PostgreSQL, a database of its own. IDOR: every id-taking route (walked from the app's router, so a new
// one is attacked without an entry here) called by users of another agency — with every role but admin,
// and a justice bureau of another region — with the ids of one agency's case, document, task,
// notification, account, token and import: 403/404 with no data in the body. Then session fixation,
// CSRF, brute-force lockout and expired sessions. The route × role × agency matrix itself is
// test/db/auth/authorization-matrix.test.ts.
import pino from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../src/auth/api-tokens.ts';
import { ROLES } from '../../../src/auth/principal.ts';
import { sha256 } from '../../../src/auth/sessions.ts';
import { loadConfig } from '../../../src/config.ts';
import { createDb, type Db } from '../../../src/db/database.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { pathParams, registeredRoutes } from '../../helpers/app-routes.ts';
import { createTestUser, loginAs, type TestUser } from '../../helpers/auth.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let app: Express;
const engine = createFakeProcessEngine();
const SECRET_CASE_NUMBER = '（2026）鲁1502行初秘密1号';
const SECRET_PLAINTIFF = '机密原告甲';
const SECRET_SUBJECT = '机密通知标题';
/** the victim agency's records, by the name of the path parameter that takes them */
const victim: Record<string, string> = {};
let victimUser: TestUser;
let attackers: TestUser[] = [];

beforeAll(async () => {
  database = await freshLedgerDatabase('yingsu_test_authz_attacks');
  db = createDb(database.url, { min: 0, max: 4 });
  app = createApp({ config: loadConfig(), db, engine, engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
  await seedDemoRegion(db);
  const agency = async (code: string) => (await db('agencies').where({ code }).first('id')).id as string;
  const [liaocheng, yantai, yantaiBureau] = await Promise.all(['liaocheng-dept', 'yantai-dept', 'yantai-justice'].map(agency));
  victimUser = await createTestUser(db, { roles: ['clerk', 'handler'], agencyId: liaocheng });
  attackers = [await createTestUser(db, { roles: ROLES.filter((r) => r !== 'admin' && r !== 'justice-bureau'), agencyId: yantai }), await createTestUser(db, { roles: ['justice-bureau'], agencyId: yantaiBureau })];
  const [theCase] = await db('cases')
    .insert({ agency_id: liaocheng, case_number: SECRET_CASE_NUMBER, court: '聊城市东昌府区人民法院', level: 'first', cause: '行政处罚', act_description: '罚款', plaintiff_count: 1, complaint_received_on: '2026-03-02' })
    .returning('id');
  await db('case_parties').insert({ case_id: theCase.id, role: 'plaintiff', name: SECRET_PLAINTIFF, type: 'person', position: 0 });
  const [document] = await db('documents')
    .insert({ case_id: theCase.id, agency_id: liaocheng, kind: 'answer-brief', title: '行政答辩状', series_key: `idor:${theCase.id}`, version: 1, format: 'pdf', template_version: 'test', sha256: 'b'.repeat(64), size: 8, content_type: 'application/pdf', file_name: '行政答辩状.pdf', case_file_section: 'answer', content: Buffer.from('%PDF-1.7'), created_by: 'test' })
    .returning('id');
  const [outbox] = await db('notification_outbox')
    .insert({ idempotency_key: `idor-${theCase.id}`, event: 'case.registered', case_id: theCase.id, agency_id: liaocheng, recipient_person_id: victimUser.personId, channel: 'in-app', subject: SECRET_SUBJECT, body_text: SECRET_SUBJECT, status: 'sent', max_attempts: 5, next_attempt_at: db.fn.now() })
    .returning('id');
  const [inbox] = await db('notification_inbox').insert({ outbox_id: outbox.id, person_id: victimUser.personId, case_id: theCase.id, event: 'case.registered', subject: SECRET_SUBJECT, body_text: SECRET_SUBJECT }).returning('id');
  const [report] = await db('statistics_reports').insert({ kind: 'annual-report', period: '2025', agency_id: liaocheng, profile: 'liaocheng', figures: JSON.stringify({ lines: [], note: SECRET_SUBJECT }) }).returning('id');
  const [importJob] = await db('import_jobs').insert({ file_name: '机密台账.xlsx', file_sha256: 'x', status: 'done', created_by: victimUser.login }).returning('id');
  Object.assign(victim, {
    caseId: theCase.id,
    documentId: document.id,
    notificationId: String(inbox.id),
    outboxId: String(outbox.id),
    personId: victimUser.personId,
    tokenId: (await createApiToken(db, victimUser.personId, { name: '机密令牌' })).id,
    importId: importJob.id,
    reportId: report.id,
    agencyId: liaocheng,
  });
}, 60_000);
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

/** The victim's record a route's parameter names: by the route's noun, then the parameter. */
function victimIdFor(path: string, param: string): string | undefined {
  if (param === 'channel') return 'email';
  if (param === 'year') return '2025';
  if (param === 'format') return 'pdf';
  // the modeler's process key names no agency's record: analysts and admins only (403 for the attackers);
  if (param === 'key') return 'case-lifecycle';
  // so does the modeler's form id (a Camunda Form shared by every agency's cases)
  if (param === 'formId') return 'case-registration';
  if (path.startsWith('/api/statistics/reports/')) return victim.reportId;
  if (param === 'personId') return victim.personId;
  if (param === 'agencyId') return victim.agencyId;
  if (param === 'caseId') return victim.caseId;
  if (path.startsWith('/api/cases/')) return victim.caseId;
  if (path.startsWith('/api/documents/')) return victim.documentId;
  if (path.startsWith('/api/tasks/')) return engine.addUserTask({ taskDefinitionKey: 'reg_check', processInstanceId: 'pi-idor', businessKey: victim.caseId, candidateGroups: [...ROLES] }).id;
  if (path.startsWith('/api/notifications/')) return victim.notificationId;
  if (path.startsWith('/api/admin/notifications/')) return victim.outboxId;
  if (path.startsWith('/api/tokens/')) return victim.tokenId;
  if (path.startsWith('/api/imports/')) return victim.importId;
  return undefined;
}
/** Id-taking routes whose id names no agency's record. */
const NOT_RECORDS = new Set([
  'GET /api/profiles/:id/rules',
  // rule-profile versions are the rule data of a jurisdiction, no agency's record: every analyst and admin
  // works on all of them (the authorisation matrix checks that nobody else reaches them)
  'GET /api/profiles/:id/versions/:versionId',
  'POST /api/profiles/:id/versions',
  'GET /api/profiles/:id/versions/:versionId/impact',
  'GET /api/profiles/:id/versions/:versionId/preview',
  'POST /api/profiles/:id/versions/:versionId/activate',
  'POST /api/profiles/:id/versions/:versionId/discard',
]);

describe('IDOR on every id-taking route', () => {
  it('answers users of another agency 403/404 with no data, for every route with a path parameter', { timeout: 120_000 }, async () => {
    const routes = registeredRoutes(app).filter((r) => pathParams(r.path).length > 0 && !NOT_RECORDS.has(r.key));
    expect(routes.length).toBeGreaterThan(15);
    const leaks: string[] = [];
    const unmapped: string[] = [];
    for (const route of routes) {
      let path = route.path;
      for (const param of pathParams(route.path)) {
        const id = victimIdFor(route.path, param);
        if (!id) unmapped.push(`${route.key} :${param}`);
        path = path.replace(`:${param}`, id ?? 'x');
      }
      for (const attacker of attackers) {
        const body = route.method === 'GET' ? undefined : route.key.includes('adjustments') ? { itemId: 'lc-head-appearance', score: 1, reason: '越权调整的尝试' } : route.key.includes('complete') ? { variables: {} } : route.key.includes('roles') ? { roles: [{ role: 'admin' }] } : route.key.includes('events') ? { type: 'withdrawn', on: '2026-03-12' } : { enabled: true };
        let req = request(app)[route.method.toLowerCase() as 'get'](path).set('Authorization', `Bearer ${attacker.token}`);
        if (body) req = req.send(body);
        const res = await req;
        const text = res.text ?? '';
        if (![403, 404].includes(res.status)) leaks.push(`${route.method} ${path} as ${attacker.roles.join(',')}: ${res.status} ${text.slice(0, 200)}`);
        for (const secret of [SECRET_CASE_NUMBER, SECRET_PLAINTIFF, SECRET_SUBJECT, '%PDF', '机密台账', '机密令牌', victimUser.login]) {
          if (text.includes(secret)) leaks.push(`${route.method} ${path}: body holds ${secret}`);
        }
      }
    }
    expect(unmapped).toEqual([]);
    expect(leaks).toEqual([]);
    // nothing changed hands: the victim's task is still open, the token not revoked, the inbox item unread
    expect((await db('api_tokens').where({ id: victim.tokenId }).first('revoked_at')).revoked_at).toBeNull();
    expect((await db('notification_inbox').where({ id: victim.notificationId }).first('read_at')).read_at).toBeNull();
    expect(await db('case_events').where({ case_id: victim.caseId })).toEqual([]);
  });

  it('lists none of the victim agency’s records to the attackers', async () => {
    for (const attacker of attackers) {
      for (const url of ['/api/cases', `/api/cases?q=${encodeURIComponent(SECRET_PLAINTIFF)}`, '/api/tasks', '/api/notifications', '/api/tokens', '/api/home', `/api/cases/export.xlsx?q=${encodeURIComponent(SECRET_PLAINTIFF)}`]) {
        const res = await request(app).get(url).set('Authorization', `Bearer ${attacker.token}`);
        expect(res.status, url).toBeLessThan(500);
        expect(res.text ?? '', url).not.toContain(SECRET_PLAINTIFF);
        expect(res.text ?? '', url).not.toContain(SECRET_CASE_NUMBER);
      }
    }
  });
});

describe('sessions under attack', () => {
  const cookieOf = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('yingsu_session='));
  const idOf = (cookie: string) => decodeURIComponent(cookie.split(';')[0]!.split('=')[1]!);

  it('session fixation: a session id planted before the login is neither accepted nor kept; the login issues a new one', async () => {
    const user = await createTestUser(db, { roles: ['clerk'] });
    const planted = 'a'.repeat(43);
    const withPlanted = await request(app).get('/api/session').set('Cookie', `yingsu_session=${planted}`);
    expect(withPlanted.status).toBe(401);
    const login = await request(app).post('/api/session').set('Cookie', `yingsu_session=${planted}`).send({ login: user.login, password: user.password });
    expect(login.status).toBe(200);
    const issued = idOf(cookieOf(login)!);
    expect(issued).not.toBe(planted);
    expect(await db('sessions').where({ id_hash: sha256(planted) }).first()).toBeUndefined();
    // a second login from the same browser rotates again and ends the first session
    const again = await request(app).post('/api/session').set('Cookie', `yingsu_session=${issued}`).send({ login: user.login, password: user.password });
    const second = idOf(cookieOf(again)!);
    expect(second).not.toBe(issued);
    expect((await request(app).get('/api/session').set('Cookie', `yingsu_session=${issued}`)).status).toBe(401);
    expect((await request(app).get('/api/session').set('Cookie', `yingsu_session=${second}`)).status).toBe(200);
  });

  it('CSRF: a cookie request without the token, with a wrong one or with another session’s is a 403 and changes nothing', async () => {
    const user = await createTestUser(db, { roles: ['clerk'] });
    const browser = await loginAs(app, user);
    const other = await loginAs(app, await createTestUser(db, { roles: ['clerk'] }));
    const tokensBefore = await db('api_tokens').where({ person_id: user.personId }).count<{ count: string }[]>('* as count');
    for (const token of [undefined, '', 'wrong', other.csrfToken, browser.csrfToken.toUpperCase()]) {
      let req = browser.agent.post('/api/tokens');
      if (token !== undefined) req = req.set('X-CSRF-Token', token);
      const res = await req.send({ name: 'csrf' });
      expect(res.status, String(token)).toBe(403);
      expect(res.body.error.code).toBe('CSRF_FAILED');
    }
    for (const method of ['put', 'patch', 'delete'] as const) expect((await browser.agent[method]('/api/session')).status).toBe(method === 'delete' ? 403 : 403);
    expect(await db('api_tokens').where({ person_id: user.personId }).count<{ count: string }[]>('* as count')).toEqual(tokensBefore);
    expect((await browser.post('/api/tokens').send({ name: 'csrf' })).status).toBe(201);
  });

  it('brute force: after 5 wrong passwords the login is locked (429 with Retry-After), even for the right password', async () => {
    const user = await createTestUser(db, { roles: ['clerk'] });
    for (let i = 0; i < 5; i++) expect((await request(app).post('/api/session').send({ login: user.login, password: `guess-${i}` })).status).toBe(401);
    const locked = await request(app).post('/api/session').send({ login: user.login, password: user.password });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('LOGIN_THROTTLED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(cookieOf(locked)).toBeUndefined();
    // the same with the login in other case and spaces: one account, one counter
    expect((await request(app).post('/api/session').send({ login: ` ${user.login.toUpperCase()} `, password: user.password })).status).not.toBe(200);
  });

  it('expired sessions: past the idle or the absolute expiry, or revoked, the cookie is a 401', async () => {
    for (const column of ['idle_expires_at', 'absolute_expires_at', 'revoked_at'] as const) {
      const user = await createTestUser(db, { roles: ['clerk'] });
      const browser = await loginAs(app, user);
      expect((await browser.get('/api/session')).status).toBe(200);
      await db('sessions').where({ person_id: user.personId }).update({ [column]: db.raw(`now() - interval '1 second'`) });
      const res = await browser.get('/api/cases');
      expect(res.status, column).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('expired or revoked API tokens are a 401', async () => {
    const user = await createTestUser(db, { roles: ['clerk'] });
    const { token, id } = await createApiToken(db, user.personId, { name: 'x' });
    await db('api_tokens').where({ id }).update({ expires_at: db.raw(`now() - interval '1 second'`) });
    expect((await request(app).get('/api/cases').set('Authorization', `Bearer ${token}`)).status).toBe(401);
    const second = await createApiToken(db, user.personId, { name: 'y' });
    await db('api_tokens').where({ id: second.id }).update({ revoked_at: db.fn.now() });
    expect((await request(app).get('/api/cases').set('Authorization', `Bearer ${second.token}`)).status).toBe(401);
    expect((await request(app).get('/api/cases').set('Authorization', `Bearer ${second.token}x`)).status).toBe(401);
  });
});
