// Bad requests on their edges (issue 15 §2) — db tier: the app on the engine port's fake, real
// PostgreSQL, a database of its own. Oversized and deep bodies, wrong content types, huge strings,
// NUL bytes, over-long URLs and every date edge (2月30日, leap days, time zones): each answer a JSON
// 4xx naming what is wrong, or the value stored as the product means it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { createDb, type Db } from '../../../src/db/database.ts';
import { createApp } from '../../../src/http/app.ts';
import { answerClientErrorsAsJson } from '../../../src/http/client-errors.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { as, createTestUser, type TestUser } from '../../helpers/auth.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let app: Express;
const engine = createFakeProcessEngine();
let admin: TestUser;
let clerk: TestUser;
let agencyId: string;
let serial = 0;

beforeAll(async () => {
  database = await freshLedgerDatabase('yingsu_test_request_edges');
  db = createDb(database.url, { min: 0, max: 4 });
  app = createApp({ config: loadConfig(), db, engine, engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
  await seedDemoRegion(db);
  agencyId = (await db('agencies').where({ code: 'liaocheng-dept' }).first('id')).id;
  admin = await createTestUser(db, { roles: ['admin'] });
  clerk = await createTestUser(db, { roles: ['clerk'], agencyId });
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

const caseBody = (over: Record<string, unknown> = {}) => ({
  agencyId,
  caseNumber: `（2026）鲁1502行初${80000 + ++serial}号`,
  court: '聊城市东昌府区人民法院',
  level: 'first',
  cause: '行政处罚',
  actUnderSuit: { description: '罚款', madeByAgencyId: agencyId },
  reconsideration: { status: 'none' },
  plaintiffs: [{ name: '某公司', type: 'enterprise' }],
  plaintiffCount: 1,
  complaintReceivedOn: '2026-05-06',
  ...over,
});
const fieldsOf = (res: request.Response) => (res.body.error?.fields ?? []).map((f: { field: string }) => f.field);
const casesNamed = (caseNumber: string) => db('cases').where({ case_number: caseNumber }).count<{ count: string }[]>('* as count').then((r) => Number(r[0]!.count));

describe('bodies', () => {
  it('answers a body over 2 MB with 413 JSON, and stores nothing', async () => {
    const body = caseBody({ actUnderSuit: { description: '罚'.repeat(1_100_000), madeByAgencyId: agencyId } });
    const res = await as(app, clerk).post('/api/cases').set('Content-Type', 'application/json').send(JSON.stringify(body));
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await casesNamed(body.caseNumber)).toBe(0);
  });

  it('answers deep JSON (100,000 levels) with a JSON 400 on every body-taking route it reaches', async () => {
    const deepArray = '['.repeat(100_000) + ']'.repeat(100_000);
    let deepObject = '1';
    for (let i = 0; i < 20_000; i++) deepObject = `{"a":${deepObject}}`;
    for (const path of ['/api/cases', '/api/deadlines/compute', '/api/tokens', '/api/admin/calendar/corrections']) {
      for (const raw of [deepArray, deepObject, `{"variables":${deepObject}}`]) {
        const res = await as(app, admin).post(path).set('Content-Type', 'application/json').send(raw);
        expect(res.status, `${path} ${raw.slice(0, 12)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${path} ${raw.slice(0, 12)}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
        expect(res.body.error.code).toMatch(/INVALID_INPUT|INVALID_JSON/);
      }
    }
  });

  it('answers a deep array in a batch computation item by item (200, the item refused)', async () => {
    const res = await as(app, admin).post('/api/deadlines/compute-batch').set('Content-Type', 'application/json').send(`[${'['.repeat(100_000)}${']'.repeat(100_000)}]`);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).toMatch(/error/i);
  });

  it('answers a deep variables object on task completion with a 400 naming the field', async () => {
    const caseRow = await as(app, clerk).post('/api/cases').send(caseBody());
    const { loadForms } = await import('../../../src/cases/form-validation.ts');
    const formId = [...(await loadForms()).keys()][0]!;
    const task = engine.addUserTask({ taskDefinitionKey: 'reg_check', processInstanceId: 'pi-edge', businessKey: caseRow.body.id, candidateGroups: ['clerk'], formId });
    let deep: unknown = 1;
    for (let i = 0; i < 300; i++) deep = { a: deep };
    const res = await as(app, clerk).post(`/api/tasks/${task.id}/complete`).send({ variables: { nested: deep } });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(400);
    expect(fieldsOf(res), JSON.stringify(res.body).slice(0, 300)).toContain("variables.nested");
  });

  it('answers a body that is not JSON with 415 JSON naming the type, on every route that takes JSON', async () => {
    for (const [type, raw] of [
      ['text/plain', 'agencyId=x'],
      ['application/x-www-form-urlencoded', 'agencyId=x&caseNumber=y'],
      ['application/xml', '<case><agencyId>x</agencyId></case>'],
      ['text/html', '<script>alert(1)</script>'],
    ] as const) {
      for (const path of ['/api/cases', '/api/session', '/api/tokens', '/api/admin/calendar/years']) {
        const res = await request(app).post(path).set('Authorization', `Bearer ${admin.token}`).set('Content-Type', type).send(raw);
        expect(res.status, `${path} ${type}`).toBe(415);
        expect(res.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining(type) });
      }
    }
    // a JSON body to an upload route: 400 naming the missing file
    const upload = await as(app, admin).post('/api/imports').send({ file: 'x' });
    expect(upload.status).toBe(400);
    expect(upload.body.error.code).toBeTruthy();
  });

  it('answers malformed JSON and a JSON charset it cannot read as JSON 400 / 415', async () => {
    const bad = await as(app, admin).post('/api/cases').set('Content-Type', 'application/json').send('{"agencyId": ');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_JSON');
    const charset = await as(app, admin).post('/api/cases').set('Content-Type', 'application/json; charset=ebcdic').send('{}');
    expect(charset.status).toBe(415);
    expect(charset.headers['content-type']).toMatch(/json/);
  });

  it('answers a URL or headers over 16 KB with JSON 431 from the server itself', async () => {
    const server = answerClientErrorsAsJson(http.createServer(app));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/cases/${'a'.repeat(20_000)}`, { headers: { Authorization: `Bearer ${admin.token}` } });
      expect(res.status).toBe(431);
      expect(res.headers.get('content-type')).toMatch(/json/);
      expect(await res.json()).toMatchObject({ error: { code: 'HEADERS_TOO_LARGE' } });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('strings', () => {
  it('refuses a huge string with a 400 naming the field, and stores nothing', async () => {
    const body = caseBody({ court: '法'.repeat(600_000) });
    const res = await as(app, clerk).post('/api/cases').send(body);
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['court']);
    expect(await casesNamed(body.caseNumber)).toBe(0);
  });

  it('refuses NUL characters anywhere in a body or query with a 400 naming the field (PostgreSQL cannot store them)', async () => {
    const body = caseBody({ plaintiffs: [{ name: '张\u0000三', type: 'person' }] });
    const res = await as(app, clerk).post('/api/cases').send(body);
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(['plaintiffs.0.name']);
    expect(await casesNamed(body.caseNumber)).toBe(0);
    const token = await as(app, clerk).post('/api/tokens').send({ name: 'a\u0000b' });
    expect(token.status).toBe(400);
    expect(fieldsOf(token)).toEqual(['name']);
    const list = await as(app, clerk).get(`/api/cases?q=${encodeURIComponent('案\u0000')}`);
    expect(list.status).toBe(400);
    expect(fieldsOf(list)).toEqual(['q']);
    const login = await request(app).post('/api/session').send({ login: 'x\u0000', password: 'y' });
    expect(login.status).toBe(400);
    expect(fieldsOf(login)).toEqual(['login']);
  });

  it('refuses a lone UTF-16 surrogate in a body, a key or a query with a 400 naming the field (jsonb refuses it, text would alter it)', async () => {
    // the fuzzer's counterexample: a calendar day named "\ud800" answered 500
    const year = await as(app, admin)
      .post('/api/admin/calendar/years')
      .set('content-type', 'application/json')
      .send('{"year":2031,"notice":"国办发明电〔2030〕1号","days":[{"date":"2031-01-01","isOffDay":true,"name":"\\ud800"}]}');
    expect(year.status).toBe(400);
    expect(fieldsOf(year)).toEqual(['days.0.name']);
    expect(year.body.error.message).toContain('代理项');
    expect(await db('calendar_days').where({ date: '2031-01-01' }).first()).toBeUndefined();
    const low = await as(app, clerk).post('/api/cases').send(caseBody({ plaintiffs: [{ name: '张\udc00三', type: 'person' }] }));
    expect(low.status).toBe(400);
    expect(fieldsOf(low)).toEqual(['plaintiffs.0.name']);
    const list = await as(app, clerk).get('/api/cases?q=%ED%A0%80'); // the UTF-8 of a surrogate: decoded as U+FFFD, stored as nothing
    expect(list.status).toBe(200);
    const key = await as(app, clerk).post('/api/tokens').set('content-type', 'application/json').send('{"name":"ok","\\ud83d":1}');
    expect(key.status).toBe(400);
    expect(fieldsOf(key)).toEqual(['\ud83d']);
  });

  it('keeps Chinese, emoji, right-to-left marks and astral characters as they were sent', async () => {
    const name = '𠮷野家\u202e反转😀';
    const body = caseBody({ plaintiffs: [{ name, type: 'person' }] });
    const res = await as(app, clerk).post('/api/cases').send(body);
    expect(res.status).toBe(201);
    expect((await db('case_parties').where({ case_id: res.body.id }).first('name')).name).toBe(name);
  });
});

describe('dates', () => {
  it.each([
    ['2026-02-30', 400],
    ['2027-02-29', 400],
    ['2100-02-29', 400],
    ['2026-04-31', 400],
    ['2026-13-01', 400],
    ['2026-3-12', 400],
    ['2026年3月12日', 400],
    ['2026-03-12T00:00:00+08:00', 400],
    ['2028-02-29', 201],
    ['2000-02-29', 201],
  ])('complaintReceivedOn %s → %i', async (date, status) => {
    const body = caseBody({ complaintReceivedOn: date });
    const res = await as(app, clerk).post('/api/cases').send(body);
    expect(res.status).toBe(status);
    if (status === 400) expect(fieldsOf(res)).toEqual(['complaintReceivedOn']);
    else expect((await db('cases').where({ id: res.body.id }).first(db.raw("to_char(complaint_received_on, 'YYYY-MM-DD') as d"))).d).toBe(date);
  });

  it('records a hearing at 2026-03-12T23:30:00-05:00 as 2026年3月13日 in Shanghai (the same instant, +08:00)', async () => {
    const created = await as(app, clerk).post('/api/cases').send(caseBody());
    await db('cases').where({ id: created.body.id }).update({ stage: 'answer' });
    const res = await as(app, clerk).post(`/api/cases/${created.body.id}/events`).send({ type: 'hearing-scheduled', hearingAt: '2026-03-12T23:30:00-05:00' });
    expect(res.status).toBe(202);
    const event = await db('case_events').where({ case_id: created.body.id, type: 'court-event:hearing-scheduled' }).first('payload');
    expect(event.payload.hearingAt).toBe('2026-03-13T12:30:00+08:00');
    expect(new Date(event.payload.hearingAt).getTime()).toBe(new Date('2026-03-12T23:30:00-05:00').getTime());
    // the date a reader takes by its prefix (statistics: left(hearingAt, 10)) is the Shanghai date
    expect((await db.raw(`select left(payload->>'hearingAt', 10)::date::text as d from case_events where case_id = ? and type = 'court-event:hearing-scheduled'`, [created.body.id])).rows[0].d).toBe('2026-03-13');
    for (const bad of ['2026-03-12T23:30:00', '2026-03-12 23:30', '2026-03-12T24:00:00Z', '2026-02-30T09:00:00+08:00']) {
      const refused = await as(app, clerk).post(`/api/cases/${created.body.id}/events`).send({ type: 'hearing-moved', hearingAt: bad });
      expect(refused.status, bad).toBe(400);
      expect(fieldsOf(refused)).toEqual(['hearingAt']);
    }
  });

  it('refuses 2月30日 and 2027-02-29 in a form date field, accepts 2028-02-29', async () => {
    const created = await as(app, clerk).post('/api/cases').send(caseBody());
    const { loadForms, formFields } = await import('../../../src/cases/form-validation.ts');
    // the first form with a date field
    const [id, field] = [...(await loadForms()).values()].map((f) => [f.id, formFields(f.components).find((c) => c.type === 'datetime' && (c.subtype ?? 'date') === 'date')] as const).find(([, f]) => f)!;
    for (const [value, ok] of [
      ['2026-02-30', false],
      ['2027-02-29', false],
      ['2028-02-29', true],
    ] as const) {
      const task = engine.addUserTask({ taskDefinitionKey: id, processInstanceId: 'pi-edge', businessKey: created.body.id, candidateGroups: ['clerk'], formId: id });
      const res = await as(app, clerk).post(`/api/tasks/${task.id}/complete`).send({ variables: { [field!.key!]: value } });
      if (ok) expect(fieldsOf(res)).not.toContain(`variables.${field!.key}`);
      else {
        expect(res.status, value).toBe(400);
        expect(fieldsOf(res)).toContain(`variables.${field!.key}`);
      }
    }
  });

  it('refuses 2月30日 in the holiday calendar and in a deadline computation, naming the field', async () => {
    const correction = await as(app, admin).post('/api/admin/calendar/corrections').send({ reason: '更正', days: [{ date: '2026-02-30', isOffDay: true, name: '测试' }] });
    expect(correction.status).toBe(400);
    expect(fieldsOf(correction)).toEqual(['days.0.date']);
    expect(await db('calendar_days').where({ name: '测试' })).toEqual([]);
    const compute = await as(app, admin).post('/api/deadlines/compute').send({ profile: 'national', rule: 'answer-and-evidence', trigger: '2027-02-29' });
    expect(compute.status).toBe(400);
    expect(JSON.stringify(compute.body.error)).toContain('trigger');
  });
});
