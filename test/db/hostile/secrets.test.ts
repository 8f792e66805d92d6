// Secrets (issue 15 §2) — db tier: the app and the notification dispatcher on real PostgreSQL (a
// database of its own), a local robot receiver and an SMTP port that refuses. Representative flows run
// with a pino destination that keeps every log line (level trace); the logs, the audit log and the
// answers of the admin API are then searched for every secret the flows used: passwords (seeded,
// changed, generated), session ids, CSRF tokens, API tokens, robot secrets and the SMTP password.
// Robot secrets are sealed at rest (AES-256-GCM), also the rows written in clear before (migration).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../../src/config.ts';
import { isSealed, openSecret, secretKeyFrom } from '../../../src/crypto/secret-box.ts';
import { createDb, type Db } from '../../../src/db/database.ts';
import { createApp } from '../../../src/http/app.ts';
import { createChannelSenders, dispatchDue } from '../../../src/notifications/dispatcher.ts';
import { queueNotification } from '../../../src/notifications/outbox.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { as, createTestUser, loginAs } from '../../helpers/auth.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';
import { createWorld } from '../notifications/fixtures.ts';
import * as sealMigration from '../../../migrations/20261203_580_seal_webhook_secrets.ts';

const lines: string[] = [];
const logger = pino({ level: 'trace' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
const SMTP_PASSWORD = `smtp-${randomUUID()}`;
const WEBHOOK_SECRET = `SEC${randomUUID().replace(/-/g, '')}`;
const secrets = new Map<string, string>([
  ['SMTP password', SMTP_PASSWORD],
  ['webhook secret', WEBHOOK_SECRET],
]);

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let app: Express;
let config: Config;
let robot: http.Server;
let robotBase: string;

beforeAll(async () => {
  database = await freshLedgerDatabase('yingsu_test_secrets');
  db = createDb(database.url, { min: 0, max: 4 });
  // mail goes to a port where nothing listens: the failure is logged, the password must not be.
  // No do-not-disturb hours: from 22:00 Beijing time they held the messages and nothing was sent (or logged)
  config = { ...loadConfig(), DATABASE_URL: database.url, SMTP_PORT: 9, SMTP_USER: 'yingsu', SMTP_PASSWORD, NOTIFY_RETRY_BASE_MS: 0, NOTIFY_DND_START: '00:00', NOTIFY_DND_END: '00:00', LOG_LEVEL: 'trace' };
  app = createApp({ config, db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger });
  await seedDemoRegion(db);
  // a robot that refuses every message with an error, so the dispatcher logs the failure
  robot = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 310000, errmsg: `sign not match ${req.url}` })));
  });
  await new Promise<void>((resolve) => robot.listen(0, '127.0.0.1', resolve));
  robotBase = `http://127.0.0.1:${(robot.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => robot?.close(resolve));
  await db?.destroy();
  await database?.drop();
});

describe('secrets never in logs', () => {
  it('runs logins, password changes, tokens, accounts, robots and mail, and no log line, audit row or admin answer holds a secret', { timeout: 120_000 }, async () => {
    const admin = await createTestUser(db, { roles: ['admin'] });
    secrets.set('admin password', admin.password);
    secrets.set('admin token', admin.token);
    const clerk = await createTestUser(db, { roles: ['clerk'], password: `clerk-${randomUUID()}` });
    secrets.set('clerk password', clerk.password);

    // logins: a wrong password, a right one; the session id and CSRF token
    await request(app).post('/api/session').send({ login: clerk.login, password: `${clerk.password}-wrong` });
    secrets.set('wrong password', `${clerk.password}-wrong`);
    const login = await request(app).post('/api/session').send({ login: clerk.login, password: clerk.password });
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith('yingsu_session='))!;
    secrets.set('session id', decodeURIComponent(cookie.split(';')[0]!.split('=')[1]!));
    secrets.set('CSRF token', login.body.csrfToken);
    const browser = await loginAs(app, clerk);
    secrets.set('second session CSRF token', browser.csrfToken);
    // a password change (a wrong current one first), then a token
    const newPassword = `changed-${randomUUID()}`;
    secrets.set('new password', newPassword);
    await browser.post('/api/session/password').send({ currentPassword: 'not-the-current-one', newPassword });
    expect((await browser.post('/api/session/password').send({ currentPassword: clerk.password, newPassword })).status).toBe(200);
    const token = await as(app, admin).post('/api/tokens').send({ name: '集成' });
    secrets.set('created token', token.body.token);
    // accounts: a generated password, a chosen one on reset
    const created = await as(app, admin).post('/api/admin/accounts').send({ name: '新人', post: '科员', agencyId: clerk.agencyId, login: `new-${randomUUID().slice(0, 8)}`, roles: [{ role: 'clerk' }] });
    expect(created.status).toBe(201);
    secrets.set('generated password', created.body.password);
    const chosen = `reset-${randomUUID()}`;
    secrets.set('reset password', chosen);
    expect((await as(app, admin).post(`/api/admin/accounts/${created.body.personId ?? created.body.account?.personId}/password`).send({ password: chosen })).status).toBeLessThan(300);
    // a robot with a secret, and mail with an SMTP password: both fail, and are logged
    const world = await createWorld(db);
    for (const id of [world.departmentId, world.countyId]) await as(app, admin).put(`/api/admin/notification-channels/agencies/${id}/email`).send({ enabled: true });
    const ding = await as(app, admin).put(`/api/admin/notification-channels/agencies/${world.departmentId}/dingtalk`).send({ enabled: true, webhookUrl: `${robotBase}/robot?access_token=t`, webhookSecret: WEBHOOK_SECRET });
    expect(ding.status).toBe(200);
    const jobKey = randomUUID();
    await queueNotification({ db, config }, { event: 'case.registered', caseId: world.caseId, idempotencyKey: jobKey, sourceJobKey: jobKey });
    const senders = createChannelSenders({ config, db, logger });
    try {
      const result = await dispatchDue({ config, db, logger, senders }, { jobKey });
      expect(result.retrying.length + result.failed.length).toBeGreaterThan(0);
    } finally {
      senders.close();
    }

    expect(lines.length).toBeGreaterThan(0);
    const logs = lines.join('');
    const audit = JSON.stringify(await db('audit_log').select('*'));
    const outbox = JSON.stringify(await db('notification_outbox').select('*'));
    const adminViews = (await Promise.all(['/api/admin/notification-channels', '/api/admin/notifications', '/api/admin/audit?limit=200', '/api/admin/engine-commands', '/api/tokens', '/api/admin/accounts?limit=200'].map((u) => as(app, admin).get(u)))).map((r) => r.text).join('');
    const found: string[] = [];
    for (const [what, secret] of secrets) {
      expect(secret, what).toBeTruthy();
      if (logs.includes(secret)) found.push(`${what} in the logs`);
      if (audit.includes(secret)) found.push(`${what} in the audit log`);
      if (outbox.includes(secret)) found.push(`${what} in the notification outbox`);
      if (adminViews.includes(secret)) found.push(`${what} in an admin answer`);
    }
    expect(found).toEqual([]);
  });
});

describe('robot secrets at rest', () => {
  it('stores the secret sealed (AES-256-GCM), never in clear, and the dispatcher signs with the opened value', async () => {
    const admin = await createTestUser(db, { roles: ['admin'] });
    const world = await createWorld(db);
    const secret = `SEC${randomUUID()}`;
    expect((await as(app, admin).put(`/api/admin/notification-channels/agencies/${world.departmentId}/dingtalk`).send({ enabled: true, webhookUrl: `${robotBase}/x`, webhookSecret: secret })).status).toBe(200);
    const stored = (await db('agency_notification_channels').where({ agency_id: world.departmentId, channel: 'dingtalk' }).first('webhook_secret')).webhook_secret as string;
    expect(stored).not.toContain(secret);
    expect(isSealed(stored)).toBe(true);
    expect(openSecret(stored, secretKeyFrom(config))).toBe(secret);
    // no row of the table holds a secret in clear
    expect(await db('agency_notification_channels').whereNotNull('webhook_secret').whereNot('webhook_secret', 'like', 'enc:v1:%')).toEqual([]);
    // a tampered value does not open
    const tampered = stored.slice(0, -4) + (stored.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => openSecret(tampered, secretKeyFrom(config))).toThrow();
  });

  it('the migration seals the secrets stored in clear before it, and down opens them', async () => {
    const world = await createWorld(db);
    const clear = `SEC-old-${randomUUID()}`;
    await db('agency_notification_channels').insert({ agency_id: world.departmentId, channel: 'wecom', enabled: true, webhook_url: `${robotBase}/old`, webhook_secret: clear }).onConflict(['agency_id', 'channel']).merge();
    await sealMigration.up(db);
    const sealed = (await db('agency_notification_channels').where({ agency_id: world.departmentId, channel: 'wecom' }).first('webhook_secret')).webhook_secret as string;
    expect(isSealed(sealed)).toBe(true);
    expect(openSecret(sealed, secretKeyFrom(config))).toBe(clear);
    // idempotent: a second run leaves sealed values alone
    await sealMigration.up(db);
    expect((await db('agency_notification_channels').where({ agency_id: world.departmentId, channel: 'wecom' }).first('webhook_secret')).webhook_secret).toBe(sealed);
    await sealMigration.down(db);
    expect((await db('agency_notification_channels').where({ agency_id: world.departmentId, channel: 'wecom' }).first('webhook_secret')).webhook_secret).toBe(clear);
    await sealMigration.up(db);
  });
});
