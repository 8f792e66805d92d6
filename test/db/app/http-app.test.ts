import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { createApp } from '../../../src/http/app.ts';
import type { CamundaClients } from '../../../src/engine/camunda-client.ts';
import { useTestDb } from '../../helpers/test-db.ts';

const db = useTestDb();
const logger = pino({ level: 'silent' });
const engineDown = { rest: { getTopology: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:8080')) } } as unknown as CamundaClients;
const engineUp = {
  rest: { getTopology: () => Promise.resolve({ gatewayVersion: '8.6.0', brokers: [{ partitions: [{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }] }] }) },
} as unknown as CamundaClients;

describe('web app', () => {
  it('/healthz is 200 when the database and the engine answer', async () => {
    const res = await request(createApp({ config: loadConfig(), db, camunda: engineUp, logger })).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { ok: true }, engine: { ok: true, gatewayVersion: '8.6.0', partitions: 1 } });
  });

  it('/healthz is 503 naming the part that does not answer', async () => {
    const res = await request(createApp({ config: loadConfig(), db, camunda: engineDown, logger })).get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body.database.ok).toBe(true);
    expect(res.body.engine).toMatchObject({ ok: false, error: expect.stringContaining('ECONNREFUSED') });
  });

  it('answers unknown routes and malformed JSON with JSON errors, never a 500', async () => {
    const app = createApp({ config: loadConfig(), db, camunda: engineUp, logger });
    const missing = await request(app).get('/api/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const bad = await request(app).post('/api/deadlines/compute').set('content-type', 'application/json').send('{"profile":');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_JSON');
  });
});
