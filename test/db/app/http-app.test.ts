import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import type { ProcessEngine } from '../../../src/process-engine/process-engine.ts';
import { useTestDb } from '../../helpers/test-db.ts';
import { useAdminClient } from '../../helpers/auth.ts';

const db = useTestDb();
const logger = pino({ level: 'silent' });
const engineUp = createFakeProcessEngine();
// the Operaton adapter's health() answers "down" with the reason, never throws
const engineDown: ProcessEngine = { ...createFakeProcessEngine(), health: async () => ({ up: false, reason: 'the engine at http://127.0.0.1:8090/engine-rest is unreachable: connect ECONNREFUSED 127.0.0.1:8090' }) };
const appWith = (engine: ProcessEngine) => createApp({ config: loadConfig(), db, engine, engineCommands: { kick() {} }, logger });
const app = appWith(engineUp);
const api = useAdminClient(db, app);

describe('web app', () => {
  it('/healthz is 200 when the database and the engine answer', async () => {
    const res = await request(appWith(engineUp)).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { ok: true }, engine: { ok: true, version: 'fake' } });
  });

  it('/healthz is 503 naming the part that does not answer', async () => {
    const res = await request(appWith(engineDown)).get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body.database.ok).toBe(true);
    expect(res.body.engine).toMatchObject({ ok: false, error: expect.stringContaining('ECONNREFUSED') });
  });

  it('answers unknown routes and malformed JSON with JSON errors, never a 500', async () => {
    const missing = await api.get('/api/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const bad = await api.post('/api/deadlines/compute').set('content-type', 'application/json').send('{"profile":');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_JSON');
  });
});
