// The audit log as the API writes and searches it, the API tokens API and the security headers
// (real PostgreSQL, the engine port's fake).
import pino from 'pino';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { as, createTestUser, loginAs, type TestUser } from '../../helpers/auth.ts';
import { insertLedgerCase, useTestDb } from '../../helpers/test-db.ts';
import { waitUntil } from '../../helpers/wait-until.ts';

const db = useTestDb();
const app = createApp({ config: loadConfig(), db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
const ids = new Map<string, string>();
const users = {} as Record<'admin' | 'liaochengClerk' | 'liaochengBureau' | 'yantaiClerk' | 'yantaiBureau', TestUser>;
const auditRow = (what: string, where: Record<string, unknown>) => waitUntil(what, () => db('audit_log').where(where).orderBy('id', 'desc').first(), 10_000, 50);

beforeAll(async () => {
  await seedDemoRegion(db);
  for (const a of await db('agencies').select('id', 'code')) ids.set(a.code, a.id);
  users.admin = await createTestUser(db, { roles: ['admin'], agencyId: ids.get('demo-gov') });
  users.liaochengClerk = await createTestUser(db, { roles: ['clerk'], agencyId: ids.get('liaocheng-dept') });
  users.liaochengBureau = await createTestUser(db, { roles: ['justice-bureau'], agencyId: ids.get('liaocheng-justice') });
  users.yantaiClerk = await createTestUser(db, { roles: ['clerk'], agencyId: ids.get('yantai-dept') });
  users.yantaiBureau = await createTestUser(db, { roles: ['justice-bureau'], agencyId: ids.get('yantai-justice') });
});

describe('audit log', () => {
  it('records every change, every case-file read and every download: who, when, what, IP', async () => {
    const clerk = as(app, users.liaochengClerk);
    const created = await clerk.post('/api/cases').send({
      agencyId: ids.get('liaocheng-dept'), caseNumber: `（2026）鲁1502行初${Date.now() % 100000}号`, court: '聊城市东昌府区人民法院', level: 'first', cause: '行政处罚',
      actUnderSuit: { description: '罚款', madeByAgencyId: ids.get('liaocheng-dept') }, reconsideration: { status: 'none' }, plaintiffs: [{ name: '某公司', type: 'enterprise' }], plaintiffCount: 1, complaintReceivedOn: '2026-05-06',
    });
    expect(created.status).toBe(201);
    const caseId = created.body.id;
    // the ledger is shared with files whose dispatchers take every due command: settle this one at once
    await db('engine_commands').where({ case_id: caseId, status: 'pending' }).update({ status: 'done', done_at: db.fn.now() });
    expect(await auditRow('the registration', { person_id: users.liaochengClerk.personId, action: 'change', case_id: caseId })).toMatchObject({
      login: users.liaochengClerk.login, method: 'POST', path: '/api/cases', status: 201, case_agency_id: ids.get('liaocheng-dept'), actor_agency_id: ids.get('liaocheng-dept'),
      ip: expect.stringContaining('127.0.0.1'), details: { via: 'token', route: 'POST /api/cases' },
    });

    expect((await clerk.get(`/api/cases/${caseId}`)).status).toBe(200);
    expect(await auditRow('the case read', { person_id: users.liaochengClerk.personId, action: 'case.read', case_id: caseId })).toMatchObject({ method: 'GET', path: `/api/cases/${caseId}`, status: 200 });

    const [document] = await db('documents')
      .insert({ case_id: caseId, agency_id: ids.get('liaocheng-dept'), kind: 'answer-brief', title: '行政答辩状', series_key: `audit:${caseId}`, version: 1, format: 'pdf', template_version: 'test', sha256: 'a'.repeat(64), size: 4, content_type: 'application/pdf', file_name: '行政答辩状.pdf', case_file_section: 'answer', content: Buffer.from('%PDF'), created_by: 'test' })
      .returning('id');
    const browser = await loginAs(app, users.liaochengClerk);
    expect((await browser.get(`/api/documents/${document.id}`).set('User-Agent', 'audit-test-browser')).status).toBe(200);
    expect(await auditRow('the download', { person_id: users.liaochengClerk.personId, action: 'document.download' })).toMatchObject({ case_id: caseId, user_agent: 'audit-test-browser', details: expect.objectContaining({ via: 'session' }) });

    // a change refused for its missing CSRF token is recorded
    await browser.agent.post(`/api/cases/${caseId}/deadlines/recalculate`).send({});
    expect(await auditRow('the CSRF refusal', { person_id: users.liaochengClerk.personId, action: 'change', status: 403 })).toMatchObject({ path: `/api/cases/${caseId}/deadlines/recalculate`, details: expect.objectContaining({ via: 'session' }) });

    // a refused change is recorded too, with its status
    await as(app, users.yantaiClerk).post(`/api/cases/${caseId}/events`).send({ type: 'withdrawn', on: '2026-05-07' });
    expect(await auditRow('the refused change', { person_id: users.yantaiClerk.personId, action: 'change' })).toMatchObject({ status: 404, path: `/api/cases/${caseId}/events`, case_id: null });
  });

  it('is searched by an admin (everything) and a justice bureau (its region), with filters and paging', async () => {
    const own = await insertLedgerCase(db, { agency_id: ids.get('liaocheng-dept')! });
    const foreign = await insertLedgerCase(db, { agency_id: ids.get('yantai-dept')! });
    await as(app, users.liaochengClerk).get(`/api/cases/${own.id}`);
    await as(app, users.yantaiClerk).get(`/api/cases/${foreign.id}`);
    await auditRow('both reads', { case_id: foreign.id, action: 'case.read' });
    await auditRow('both reads', { case_id: own.id, action: 'case.read' });

    const admin = as(app, users.admin);
    const all = await admin.get('/api/admin/audit').query({ action: 'case.read', limit: 200 });
    expect(all.status).toBe(200);
    expect(all.body.items.map((i: any) => i.caseId)).toEqual(expect.arrayContaining([own.id, foreign.id]));
    const one = await admin.get('/api/admin/audit').query({ caseId: own.id });
    expect(one.body).toMatchObject({ total: 1, items: [{ caseId: own.id, login: users.liaochengClerk.login, personName: expect.any(String), action: 'case.read', at: expect.any(String) }] });
    const paged = await admin.get('/api/admin/audit').query({ limit: 1, offset: 1 });
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.total).toBeGreaterThan(2);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect((await admin.get('/api/admin/audit').query({ caseId: own.id, from: today, to: today })).body.total).toBe(1);
    expect((await admin.get('/api/admin/audit').query({ caseId: own.id, to: '2020-01-01' })).body.total).toBe(0);
    const bad = await admin.get('/api/admin/audit').query({ from: '2026-13-01', to: '2026-01-01', limit: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: any) => f.field).sort()).toEqual(['from', 'limit']);

    const bureau = await as(app, users.liaochengBureau).get('/api/admin/audit').query({ limit: 200 });
    expect(bureau.status).toBe(200);
    const cases = new Set(bureau.body.items.map((i: any) => i.caseId));
    expect(cases.has(own.id)).toBe(true);
    expect(cases.has(foreign.id)).toBe(false);
    expect(bureau.body.items.some((i: any) => i.login === users.yantaiClerk.login)).toBe(false);
    expect((await as(app, users.yantaiBureau).get('/api/admin/audit').query({ caseId: own.id })).body.total).toBe(0);
    expect((await as(app, users.liaochengClerk).get('/api/admin/audit')).status).toBe(403);
  });
});

describe('API tokens API', () => {
  it('creates a token shown once, lists it by prefix and last use, and revokes it; an admin manages anyone’s', async () => {
    const me = as(app, users.liaochengClerk);
    const created = await me.post('/api/tokens').send({ name: '台账同步脚本', expiresInDays: 30 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '台账同步脚本', token: expect.stringMatching(/^yst_[\w-]{43}$/), prefix: created.body.token.slice(0, 12), lastUsedAt: null, expiresAt: expect.any(String) });
    const script = as(app, created.body.token);
    expect((await script.get('/api/session')).body.user.login).toBe(users.liaochengClerk.login);

    const listed = await me.get('/api/tokens');
    const mine = listed.body.find((t: any) => t.id === created.body.id);
    expect(mine).toMatchObject({ prefix: created.body.prefix, name: '台账同步脚本', lastUsedAt: expect.any(String) });
    expect(mine.token).toBeUndefined();
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);

    // another user neither sees nor revokes it; asking for someone else's list is an admin's right
    expect((await as(app, users.yantaiClerk).delete(`/api/tokens/${created.body.id}`)).status).toBe(404);
    expect((await as(app, users.yantaiClerk).get('/api/tokens').query({ personId: users.liaochengClerk.personId })).status).toBe(403);
    expect((await as(app, users.yantaiClerk).post('/api/tokens').send({ name: 'x', personId: users.liaochengClerk.personId })).status).toBe(403);
    expect((await as(app, users.admin).get('/api/tokens').query({ personId: users.liaochengClerk.personId })).body.map((t: any) => t.id)).toContain(created.body.id);

    const revoked = await me.delete(`/api/tokens/${created.body.id}`);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await script.get('/api/session')).status).toBe(401);

    const forClerk = await as(app, users.admin).post('/api/tokens').send({ name: '管理员代建', personId: users.liaochengClerk.personId });
    expect(forClerk.status).toBe(201);
    expect((await as(app, forClerk.body.token).get('/api/session')).body.user.login).toBe(users.liaochengClerk.login);
    expect((await as(app, users.admin).delete(`/api/tokens/${forClerk.body.id}`)).status).toBe(200);

    const invalid = await me.post('/api/tokens').send({ name: '', expiresInDays: 0 });
    expect(invalid.body.error.fields.map((f: any) => f.field).sort()).toEqual(['expiresInDays', 'name']);
  });
});

describe('security headers', () => {
  it('sends a CSP without inline scripts, no framing, nosniff, a referrer policy; HSTS only over TLS', async () => {
    const res = await request(app).get('/healthz');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    // the 401 of the API carries them too, and the JSON error shape is unchanged
    const denied = await request(app).get('/api/cases');
    expect(denied.headers['x-frame-options']).toBe('DENY');
    expect(denied.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: '请先登录' } });

    const behindTls = createApp({ config: { ...loadConfig(), TRUST_PROXY: 'loopback' }, db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
    const tls = await request(behindTls).get('/healthz').set('X-Forwarded-Proto', 'https');
    expect(tls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });
});
