// db tier (real PostgreSQL): the security sweeper removes ended sessions, unfinished single sign-on
// logins past their expiry and spent login-throttle counters, and keeps everything still in force.
// A database of its own: a sweep deletes every ended session, the other files' too.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../src/db/database.ts';
import { startSecuritySweeper, sweepSecurityRows } from '../../../src/auth/security-sweeper.ts';
import { createTestUser } from '../../helpers/auth.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';
import { waitUntil } from '../../helpers/wait-until.ts';

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let personId: string;
const config = { LOGIN_WINDOW_MINUTES: 15 };
const MINUTE = 60_000;
const NOW = new Date();
const at = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);

beforeAll(async () => {
  database = await freshLedgerDatabase('yingsu_test_sweeper');
  db = createDb(database.url, { min: 0, max: 4 });
  const [agency] = await db('agencies').insert({ code: 'sweep', name: '清理测试局', kind: 'department', level: 'city' }).returning('id');
  personId = (await createTestUser(db, { roles: ['clerk'], agencyId: agency.id })).personId;
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

async function session(name: string, times: { idle: number; absolute: number; revoked?: number }) {
  await db('sessions').insert({
    id_hash: `${name}-${randomUUID()}`,
    person_id: personId,
    csrf_token: 'x',
    idle_expires_at: at(times.idle),
    absolute_expires_at: at(times.absolute),
    revoked_at: times.revoked === undefined ? null : at(times.revoked),
    user_agent: name,
  });
}
const remaining = async (table: string, column: string) => (await db(table).select(column)).map((r) => r[column]).sort();

describe('security sweeper', () => {
  it('deletes what has ended and keeps what is in force', async () => {
    await session('live', { idle: 30, absolute: 600 });
    await session('idle-expired', { idle: -1, absolute: 600 });
    await session('absolute-expired', { idle: 30, absolute: -5 });
    await session('logged-out', { idle: 30, absolute: 600, revoked: -2 });
    await db('oidc_logins').insert([
      { state: 'oidc-running', browser_hash: 'h', nonce: 'n', code_verifier: 'v', expires_at: at(5) },
      { state: 'oidc-abandoned', browser_hash: 'h', nonce: 'n', code_verifier: 'v', expires_at: at(-1) },
    ]);
    await db('login_throttle').insert([
      { key: 'login:counting', failures: 2, window_started_at: at(-5) },
      { key: 'login:locked', failures: 0, window_started_at: at(-30), locked_until: at(10) },
      { key: 'login:spent', failures: 3, window_started_at: at(-16) },
      { key: 'ip:lock-over', failures: 0, window_started_at: at(-20), locked_until: at(-5) },
    ]);

    expect(await sweepSecurityRows(db, config, NOW)).toEqual({ sessions: 3, oidcLogins: 1, throttleRows: 2 });
    expect(await remaining('sessions', 'user_agent')).toEqual(['live']);
    expect(await remaining('oidc_logins', 'state')).toEqual(['oidc-running']);
    expect(await remaining('login_throttle', 'key')).toEqual(['login:counting', 'login:locked']);
    // a second sweep finds nothing
    expect(await sweepSecurityRows(db, config, NOW)).toEqual({ sessions: 0, oidcLogins: 0, throttleRows: 0 });
  });

  it('the started sweeper keeps sweeping on its interval', async () => {
    const sweeper = startSecuritySweeper({ db, config, logger: pino({ level: 'silent' }) }, { intervalMs: 100 });
    try {
      await session('ended-before-start', { idle: -1, absolute: 600 });
      await waitUntil('the ended session swept', async () => !(await db('sessions').where({ user_agent: 'ended-before-start' }).first()), 10_000, 50);
      // one that ends after the first pass goes in a later one
      await session('ended-later', { idle: -1, absolute: 600 });
      await waitUntil('the later session swept', async () => !(await db('sessions').where({ user_agent: 'ended-later' }).first()), 10_000, 50);
      expect(await remaining('sessions', 'user_agent')).toEqual(['live']);
    } finally {
      await sweeper.stop();
    }
  });
});
