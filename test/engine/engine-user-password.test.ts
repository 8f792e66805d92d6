// Engine tier: "the product's users are the engine's users" — on the project's engine app (basic
// auth on its REST API, as Tasklist logs in) an account created, a password changed or reset, roles
// changed and an account disabled in the product reach the engine user through the engine outbox.
// A ledger of its own: its outbox passes carry out every due command.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createDb, type Db } from '../../src/db/database.ts';
import { dispatchDueCommands } from '../../src/engine-commands/engine-command-dispatcher.ts';
import { createApp } from '../../src/http/app.ts';
import { EngineRequestError } from '../../src/process-engine/operaton/operaton-rest.ts';
import { as, createTestAgency, createTestUser, loginAs, type TestUser } from '../helpers/auth.ts';
import { freshLedgerDatabase } from '../helpers/fresh-database.ts';
import { useTestEngine } from '../helpers/operaton.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const { engine, rest, restAs } = useTestEngine();
const logger = pino({ level: 'silent' });
const login = `eng-user-${randomUUID().slice(0, 8)}`;
let database: { url: string; drop: () => Promise<void> };
let db: Db;
let app: Express;
let admin: TestUser;
let agencyId: string;

beforeAll(async () => {
  database = await freshLedgerDatabase('yingsu_test_engine_users');
  db = createDb(database.url, { min: 0, max: 4 });
  app = createApp({ config: loadConfig(), db, engine, engineCommands: { kick() {} }, logger });
  agencyId = await createTestAgency(db);
  admin = await createTestUser(db, { roles: ['admin'], agencyId });
});
afterAll(async () => {
  await rest.json('DELETE', `/user/${login}`).catch(() => undefined);
  await db?.destroy();
  await database?.drop();
});

/** Carries out the outbox now; every command of this ledger must be done. */
async function dispatch() {
  const outcomes = await dispatchDueCommands({ db, engine, logger }, { now: new Date(Date.now() + 60_000) });
  expect(outcomes.map((o) => o.outcome)).toEqual(outcomes.map(() => 'done'));
}

/**
 * The engine accepts the password: after a failed login the engine itself refuses the next ones for
 * a few seconds (its login delay), so a right password is polled for rather than tried once.
 */
const engineAccepts = (password: string) => waitUntil(`the engine login of ${login}`, async () => (await engineLogin(password)) === 200, 30_000, 1000);

/** The engine's answer to a REST call with basic auth as the user: 200, or 401 for a wrong password. */
async function engineLogin(password: string): Promise<number> {
  try {
    await restAs(login, password).json('GET', '/task?maxResults=1');
    return 200;
  } catch (error) {
    if (error instanceof EngineRequestError) return error.status;
    throw error;
  }
}

describe('engine users follow the product’s accounts', () => {
  let personId: string;

  it('an account created in the product logs in to the engine with its password', async () => {
    const created = await as(app, admin).post('/api/admin/accounts').send({ name: '引擎测试', post: '科员', agencyId, login, password: 'First-pass-2026', roles: [{ role: 'handler' }] });
    expect(created.status).toBe(201);
    personId = created.body.account.personId;
    expect(await rest.json<unknown[]>('GET', `/user?id=${login}`)).toEqual([]);
    await dispatch();
    expect(await engineLogin('First-pass-2026')).toBe(200);
    expect((await rest.json<{ id: string }[]>('GET', `/group?member=${login}`)).map((g) => g.id)).toEqual(['handler']);
    expect((await rest.json<{ id: string }[]>('GET', `/tenant?userMember=${login}`)).map((t) => t.id)).toEqual([agencyId]);
  });

  it('after the person changes the password in the product, the engine takes the new one and refuses the old', async () => {
    const browser = await loginAs(app, { login, password: 'First-pass-2026' });
    expect((await browser.post('/api/session/password').send({ currentPassword: 'First-pass-2026', newPassword: 'Second-pass-2026' })).status).toBe(200);
    // nothing reaches the engine before the outbox carries it out
    expect(await engineLogin('First-pass-2026')).toBe(200);
    await dispatch();
    expect(await engineLogin('Second-pass-2026')).toBe(200);
    expect(await engineLogin('First-pass-2026')).toBe(401);
  });

  it('an admin’s reset and role change reach the engine user', async () => {
    const reset = await as(app, admin).post(`/api/admin/accounts/${personId}/password`).send({});
    expect(reset.status).toBe(200);
    await as(app, admin).put(`/api/admin/accounts/${personId}/roles`).send({ roles: [{ role: 'legal-affairs' }, { role: 'clerk' }] });
    await dispatch();
    await engineAccepts(reset.body.password);
    expect(await engineLogin('Second-pass-2026')).toBe(401);
    expect((await rest.json<{ id: string }[]>('GET', `/group?member=${login}`)).map((g) => g.id).sort()).toEqual(['clerk', 'legal-affairs']);
  });

  it('a disabled account loses its engine user', async () => {
    const reset = await as(app, admin).post(`/api/admin/accounts/${personId}/password`).send({ password: 'Third-pass-2026' });
    await dispatch();
    expect(reset.status).toBe(200);
    await engineAccepts('Third-pass-2026');
    expect((await as(app, admin).post(`/api/admin/accounts/${personId}/disable`)).status).toBe(200);
    await dispatch();
    expect(await rest.json<unknown[]>('GET', `/user?id=${login}`)).toEqual([]);
    expect(await engineLogin('Third-pass-2026')).toBe(401);
  });
});
