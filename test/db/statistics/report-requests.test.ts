// DB tier (real PostgreSQL, a database of its own; the engine port's fake): POST /api/statistics/reports,
// a periodic report drafted on request — queued once through the engine outbox under the timers' own
// key, only by a justice bureau for its region or an admin, for a finished period of the right kind;
// and the draft of a report its profile does not ask for has no due date.
import pino from 'pino';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { createDb, type Db } from '../../../src/db/database.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { draftReport, reportBusinessKey, scheduleReports } from '../../../src/statistics/reports/report-service.ts';
import { as, createTestUser, type AuthedClient } from '../../helpers/auth.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let app: Express;
const ids = new Map<string, string>();
let demoBureau: AuthedClient;
let liaochengBureau: AuthedClient;
let clerk: AuthedClient;

beforeAll(async () => {
  database = await freshLedgerDatabase('yingsu_test_report_requests');
  db = createDb(database.url, { min: 0, max: 4 });
  app = createApp({ config: loadConfig(), db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
  await seedDemoRegion(db);
  for (const a of await db('agencies').select('id', 'code')) ids.set(a.code, a.id);
  demoBureau = as(app, await createTestUser(db, { roles: ['justice-bureau'], agencyId: ids.get('demo-justice'), login: 'req-demo-bureau' }));
  liaochengBureau = as(app, await createTestUser(db, { roles: ['justice-bureau'], agencyId: ids.get('liaocheng-justice'), login: 'req-lc-bureau' }));
  clerk = as(app, await createTestUser(db, { roles: ['clerk'], agencyId: ids.get('demo-market'), login: 'req-clerk' }));
}, 120_000);

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

const commandsFor = (key: string) => db('engine_commands').where({ idempotency_key: key }).select('kind', 'process_key', 'variables');

describe('a report drafted on request', () => {
  it('a justice bureau asks for its government’s annual report: one start through the outbox, a second ask starts nothing', async () => {
    const body = { kind: 'annual-report', period: '2025', agencyId: ids.get('demo-justice') };
    const first = await demoBureau.post('/api/statistics/reports').send(body);
    expect(first.status).toBe(202);
    const key = reportBusinessKey('annual-report', '2025', ids.get('demo-gov')!);
    expect(first.body).toEqual({ businessKey: key, enqueued: true, agencyId: ids.get('demo-gov') });
    const again = await demoBureau.post('/api/statistics/reports').send(body);
    expect(again.body.enqueued).toBe(false);
    const rows = await commandsFor(key);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'start-instance', process_key: 'statistics-report' });
    expect(rows[0].variables).toMatchObject({ agencyId: ids.get('demo-gov'), reportKind: 'annual-report', reportPeriod: '2025' });
  });

  it('shares the timers’ key: after the year-end timer, asking for the same report starts nothing', async () => {
    await scheduleReports(db, { kind: 'annual-report', today: '2025-01-01' });
    const res = await liaochengBureau.post('/api/statistics/reports').send({ kind: 'annual-report', period: '2024', agencyId: ids.get('liaocheng-gov') });
    expect(res.status).toBe(202);
    expect(res.body.enqueued).toBe(false);
    expect(await commandsFor(reportBusinessKey('annual-report', '2024', ids.get('liaocheng-gov')!))).toHaveLength(1);
  });

  it('another region is refused (403), a department’s clerk may not ask (403), and nothing is queued', async () => {
    const other = await liaochengBureau.post('/api/statistics/reports').send({ kind: 'quarterly-circular', period: '2025Q4', agencyId: ids.get('demo-gov') });
    expect(other.status).toBe(403);
    const byClerk = await clerk.post('/api/statistics/reports').send({ kind: 'quarterly-circular', period: '2025Q4', agencyId: ids.get('demo-gov') });
    expect(byClerk.status).toBe(403);
    expect(await commandsFor(reportBusinessKey('quarterly-circular', '2025Q4', ids.get('demo-gov')!))).toHaveLength(0);
  });

  it('names the field of bad input: the wrong kind of period, a period not yet over, a department, missing fields', async () => {
    const ask = (body: object) => demoBureau.post('/api/statistics/reports').send(body);
    const quarterForAnnual = await ask({ kind: 'annual-report', period: '2025Q2', agencyId: ids.get('demo-gov') });
    expect(quarterForAnnual.status).toBe(400);
    expect(quarterForAnnual.body.error.fields).toEqual([expect.objectContaining({ field: 'period', message: expect.stringContaining('年份') })]);
    const future = await ask({ kind: 'annual-report', period: '2099', agencyId: ids.get('demo-gov') });
    expect(future.status).toBe(400);
    expect(future.body.error.fields[0]).toMatchObject({ field: 'period', message: expect.stringContaining('尚未结束') });
    const department = await ask({ kind: 'quarterly-circular', period: '2025Q4', agencyId: ids.get('demo-market') });
    expect(department.status).toBe(400);
    expect(department.body.error.fields[0].field).toBe('agencyId');
    const missing = await ask({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['agencyId', 'kind', 'period']);
  });

  it('the draft of a report the profile does not ask for (national) has no due date; Liaocheng’s has its 10 January', async () => {
    const national = await draftReport(db, { kind: 'quarterly-circular', period: '2025Q3', agencyId: ids.get('demo-gov')!, asOf: '2025-10-09', jobKey: 'req-national', processInstanceKey: null });
    expect(national.report.dueOn).toBeNull();
    expect(national.variables).toMatchObject({ reportDueOn: null, reportDueText: '无规定期限', reportDueAt: null });
    const liaocheng = await draftReport(db, { kind: 'annual-report', period: '2025', agencyId: ids.get('liaocheng-gov')!, asOf: '2026-01-02', jobKey: 'req-lc', processInstanceKey: null });
    expect(liaocheng.report.dueOn).toBe('2026-01-10');
  });
});
