// Accounts of the demo region (real PostgreSQL): admin plus a password for every seeded person,
// forced change outside the local demo, the admin token of `npm start`, and the admin kept out of
// the engine's directory.
import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { readEngineDirectory } from '../../../src/process-engine/engine-directory.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { issueDemoAdminToken, seedDemoAccounts } from '../../../src/seed/demo-accounts.ts';
import { useTestDb } from '../../helpers/test-db.ts';

const db = useTestDb();
const app = createApp({ config: loadConfig(), db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });

describe('demo accounts', () => {
  it('gives the admin and every seeded person a password once; outside the local demo it must be changed first', async () => {
    await seedDemoRegion(db);
    // other files may have seeded accounts already: a production seed of people without one
    await db('people').whereIn('login', ['liaocheng-dept-clerk', 'admin']).update({ password_hash: null });
    expect(await seedDemoAccounts(db, { password: 'first-login-1', mustChangePassword: true })).toBeGreaterThanOrEqual(2);
    expect(await seedDemoAccounts(db, { password: 'other', mustChangePassword: true })).toBe(0);

    const login = await request(app).post('/api/session').send({ login: 'liaocheng-dept-clerk', password: 'first-login-1' });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ login: 'liaocheng-dept-clerk', roles: ['clerk'], agencyName: '聊城市自然资源和规划局', mustChangePassword: true });

    const admin = await request(app).post('/api/session').send({ login: 'admin', password: 'first-login-1' });
    expect(admin.body.user).toMatchObject({ login: 'admin', roles: ['admin'], name: '系统管理员' });
  });

  it('prints a fresh admin token at every start, the previous one revoked; the admin is no engine user', async () => {
    await seedDemoRegion(db);
    await seedDemoAccounts(db, { password: 'demo', mustChangePassword: false });
    const first = await issueDemoAdminToken(db);
    expect((await request(app).get('/api/session').set('Authorization', `Bearer ${first}`)).body.user.login).toBe('admin');
    const second = await issueDemoAdminToken(db);
    expect((await request(app).get('/api/session').set('Authorization', `Bearer ${first}`)).status).toBe(401);
    expect((await request(app).get('/api/session').set('Authorization', `Bearer ${second}`)).status).toBe(200);

    const directory = await readEngineDirectory(db);
    expect(directory.users.map((u) => u.id)).not.toContain('admin');
    expect(directory.groups.map((g) => g.id)).not.toContain('admin');
  });
});
