// The case API against the real ledger, with a recording stand-in for the engine (the scenarios in
// test/integration use the real one): validation, 409s, events → messages, filters, idempotent
// ledger writes of the workers, and the OpenAPI document covering every route.
import { beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import request from 'supertest';
import { loadConfig } from '../../../src/config.ts';
import { createApp } from '../../../src/http/app.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { applyStageChange, saveRespondingUnits } from '../../../src/cases/case-store.ts';
import { recordReport } from '../../../src/cases/case-reports.ts';
import { listCaseEvents } from '../../../src/ledger/case-events.ts';
import { useTestDb } from '../../helpers/test-db.ts';

const db = useTestDb();
const published: any[] = [];
let engineDown = false;
let nextKey = 9_000_000;
const camunda = {
  rest: {
    createProcessInstance: async () => {
      if (engineDown) throw new Error('connect ECONNREFUSED');
      return { processInstanceKey: String(++nextKey) };
    },
    publishMessage: async (m: unknown) => void published.push(m),
  },
} as any;
const app = createApp({ config: loadConfig(), db, camunda, logger: pino({ level: 'silent' }) });
const ids = new Map<string, string>();
let n = 0;
const body = (extra: Record<string, unknown> = {}) => ({
  agencyId: ids.get('liaocheng-dept'),
  caseNumber: `（2026）鲁1502行初${9000 + ++n}号`,
  court: '聊城市东昌府区人民法院',
  level: 'first',
  cause: '行政处罚',
  actUnderSuit: { description: '罚款', madeByAgencyId: ids.get('liaocheng-dept') },
  reconsideration: { status: 'none' },
  plaintiffs: [{ name: '某公司', type: 'enterprise' }],
  plaintiffCount: 1,
  complaintReceivedOn: '2026-05-06',
  ...extra,
});

beforeAll(async () => {
  await seedDemoRegion(db);
  for (const a of await db('agencies').select('id', 'code')) ids.set(a.code, a.id);
});

describe('case API', () => {
  it('GET /api/agencies lists agencies with their profile, every profile present', async () => {
    const res = await request(app).get('/api/agencies');
    expect(res.status).toBe(200);
    expect(new Set(res.body.map((a: any) => a.profile))).toEqual(new Set(['national', 'yantai', 'hunan', 'liaocheng', 'tengzhou', 'jinghai']));
    expect(res.body.find((a: any) => a.code === 'liaocheng-justice')).toMatchObject({ parentId: ids.get('liaocheng-gov'), level: 'city' });
  });

  it('POST /api/cases registers the case with its parties, starts the process, and refuses the same number twice', async () => {
    const b = body({ thirdParties: [{ name: '李四', type: 'person' }], coDefendantAgencyIds: [ids.get('liaocheng-justice')] });
    const res = await request(app).post('/api/cases').send(b);
    expect(res.status).toBe(201);
    expect(res.body.processInstanceKey).toBe(String(nextKey));
    const row = await db('cases').where({ id: res.body.id }).first();
    expect(row).toMatchObject({ stage: 'registration', status: 'open', process_instance_key: String(nextKey) });
    const parties = await db('case_parties').where({ case_id: res.body.id }).orderBy('role');
    expect(parties.map((p: any) => [p.role, p.name])).toEqual([['co-defendant', '聊城市司法局'], ['plaintiff', '某公司'], ['third-party', '李四']]);
    const dup = await request(app).post('/api/cases').send(b);
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.id).toBe(res.body.id);
    expect((await request(app).post('/api/cases').send({ ...b, level: 'second' })).status).toBe(201);
  });

  it('400 names each bad field, unknown agencies included; a failed engine start registers nothing (503)', async () => {
    const res = await request(app).post('/api/cases').send({ ...body(), court: '', level: 'appeal', plaintiffs: [{ name: 'x', type: 'alien' }], reconsideration: { status: 'organ-co-defendant' } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: any) => f.field).sort()).toEqual(['court', 'level', 'plaintiffs.0.type']);
    const organ = await request(app).post('/api/cases').send(body({ reconsideration: { status: 'organ-co-defendant' } }));
    expect(organ.body.error.fields.map((f: any) => f.field)).toEqual(['reconsideration.organAgencyId']);
    const unknown = await request(app).post('/api/cases').send(body({ agencyId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields.map((f: any) => f.field)).toEqual(['agencyId']);
    expect((await request(app).post('/api/cases').set('content-type', 'application/json').send('{bad')).status).toBe(400);
    engineDown = true;
    const b = body();
    const down = await request(app).post('/api/cases').send(b);
    engineDown = false;
    expect(down.status).toBe(503);
    expect(await db('cases').where({ case_number: b.caseNumber }).first()).toBeUndefined();
  });

  it('POST /api/cases/:id/events publishes the message by case id, refuses what the stage cannot take, repeats nothing for the same Idempotency-Key', async () => {
    const { body: created } = await request(app).post('/api/cases').send(body());
    const id = created.id;
    expect((await request(app).post(`/api/cases/${id}/events`).send({ type: 'hearing-scheduled', hearingAt: '2026-06-01T09:00:00+08:00' })).status).toBe(409);
    await db('cases').where({ id }).update({ stage: 'answer' });
    published.length = 0;
    const ok = await request(app).post(`/api/cases/${id}/events`).set('Idempotency-Key', 'court-1').send({ type: 'hearing-scheduled', hearingAt: '2026-06-01T09:00:00+08:00' });
    expect(ok.status).toBe(202);
    expect(published).toEqual([expect.objectContaining({ name: 'hearing-scheduled', correlationKey: id, variables: { hearingAt: '2026-06-01T09:00:00+08:00', principalHeadRequiredByCourt: false } })]);
    const again = await request(app).post(`/api/cases/${id}/events`).set('Idempotency-Key', 'court-1').send({ type: 'hearing-scheduled', hearingAt: '2026-06-01T09:00:00+08:00' });
    expect(again.body.duplicate).toBe(true);
    expect(published).toHaveLength(1);
    const bad = await request(app).post(`/api/cases/${id}/events`).send({ type: 'withdrawn' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: any) => f.field)).toEqual(['on']);
    expect((await request(app).post('/api/cases/00000000-0000-4000-8000-000000000000/events').send({ type: 'withdrawn', on: '2026-05-07' })).status).toBe(404);
    const view = await request(app).get(`/api/cases/${id}`);
    expect(view.body.hearings).toHaveLength(1);
    // decided from the case facts before the hearing process runs: at least the head must appear
    expect(view.body.headAppearance).toMatchObject({ required: expect.stringMatching(/^(head|principal-head)$/), decidedBy: 'case-facts' });
    expect(view.body.headAppearance.reasons.length).toBeGreaterThan(0);
  });

  it('the appeal copy (上诉状副本送达) is taken only after the plaintiff appealed; a retrial petition reopens an archived case and starts its process with the case variables', async () => {
    const { body: created } = await request(app).post('/api/cases').send(body());
    const id = created.id;
    await db('cases').where({ id }).update({ stage: 'judgment' });
    const early = await request(app).post(`/api/cases/${id}/events`).send({ type: 'appeal-copy-served', on: '2026-06-10' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('尚未记录对方（原告）提起上诉');
    expect((await request(app).post(`/api/cases/${id}/events`).send({ type: 'appeal-filed', by: 'plaintiff', on: '2026-06-08' })).status).toBe(202);
    published.length = 0;
    expect((await request(app).post(`/api/cases/${id}/events`).send({ type: 'appeal-copy-served', on: '2026-06-10' })).status).toBe(202);
    expect(published).toEqual([expect.objectContaining({ name: 'appeal-copy-served', correlationKey: id, variables: { appealCopyServedOn: '2026-06-10' }, timeToLive: 30 * 86_400_000 })]);

    await db('cases').where({ id }).update({ stage: 'archived', status: 'closed' });
    published.length = 0;
    const petition = await request(app).post(`/api/cases/${id}/events`).send({ type: 'retrial-petition-served', on: '2026-09-01' });
    expect(petition.status, JSON.stringify(petition.body)).toBe(202);
    const row = await db('cases').where({ id }).first();
    expect(published).toEqual([
      expect.objectContaining({
        name: 'retrial-petition-served',
        correlationKey: id,
        timeToLive: 180 * 86_400_000,
        variables: expect.objectContaining({ caseId: id, caseNumber: row.case_number, agencyId: row.agency_id, profile: 'liaocheng', complaintReceivedOn: row.complaint_received_on, retrialPetitionServedOn: '2026-09-01', retrialBy: 'plaintiff' }),
      }),
    ]);
    // a settled case is never reopened
    await db('cases').where({ id }).update({ stage: 'closed', status: 'settled' });
    expect((await request(app).post(`/api/cases/${id}/events`).send({ type: 'retrial-petition-served', on: '2026-09-01' })).status).toBe(409);
  });

  it('GET /api/cases filters by agency, stage, year and overdue', async () => {
    const { body: c1 } = await request(app).post('/api/cases').send(body({ complaintReceivedOn: '2025-03-03' }));
    await db('case_deadlines').insert({ case_id: c1.id, rule_id: 'answer-and-evidence', trigger_key: 'complaintReceivedOn', profile: 'liaocheng', rule_profile: 'national', name: '答辩举证期限', stage: 'answer', basis: 'statutory', trigger_on: '2025-03-03', due_on: '2025-03-18', status: 'OK', explanation: 'x', source: 'x', computed_reason: 'test' });
    const q = (query: Record<string, string>) => request(app).get('/api/cases').query(query).then((r) => r.body.map((c: any) => c.id));
    expect(await q({ year: '2025', agency: ids.get('liaocheng-dept')! })).toEqual([c1.id]);
    expect(await q({ overdue: 'true' })).toContain(c1.id);
    expect(await q({ overdue: 'false', year: '2025' })).not.toContain(c1.id);
    expect(await q({ stage: 'hearing', year: '2025' })).toEqual([]);
    const bad = await request(app).get('/api/cases').query({ year: 'soon', overdue: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: any) => f.field).sort()).toEqual(['overdue', 'year']);
    expect((await request(app).get('/api/cases/not-a-case')).status).toBe(404);
  });

  it('POST /api/tasks/:key/complete refuses a malformed key before asking the engine', async () => {
    const res = await request(app).post('/api/tasks/abc/complete').send({ variables: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].field).toBe('key');
  });

  it('GET /api/openapi.json covers every route the app registers', async () => {
    const doc = (await request(app).get('/api/openapi.json')).body;
    const routes: string[] = [];
    const walk = (stack: any[]) => {
      for (const layer of stack) {
        if (layer.route) for (const m of Object.keys(layer.route.methods)) routes.push(`${m} ${layer.route.path}`);
        else if (layer.handle?.stack) walk(layer.handle.stack);
      }
    };
    walk((app as any).router.stack);
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops as object).map((m) => `${m} ${p.replace(/\{(\w+)\}/g, ':$1')}`)));
    const missing = routes.filter((r) => r !== 'get /healthz' && !documented.has(r));
    expect(missing).toEqual([]);
  });
});

describe('workers write the ledger once per job', () => {
  it('stage changes, responding units and reports are keyed by job key', async () => {
    const { body: created } = await request(app).post('/api/cases').send(body());
    const id = created.id;
    const change = { caseId: id, stage: 'answer', jobKey: 'job-1', processInstanceKey: 'pi-1', bpmnProcessId: 'answer-and-evidence' };
    expect((await applyStageChange(db, change)).changed).toBe(true);
    expect((await applyStageChange(db, change)).changed).toBe(false);
    expect(await db('case_process_instances').where({ case_id: id }).pluck('bpmn_process_id')).toEqual(expect.arrayContaining(['answer-and-evidence']));
    // a closed case never reopens
    await applyStageChange(db, { ...change, jobKey: 'job-2', stage: 'closed', status: 'withdrawn' });
    await applyStageChange(db, { ...change, jobKey: 'job-3', stage: 'answer' });
    expect(await db('cases').where({ id }).first()).toMatchObject({ stage: 'closed', status: 'withdrawn' });

    const unit = { agencyId: ids.get('liaocheng-dept')!, agencyName: 'x', role: 'sole' as const, defends: 'whole-case' as const, rule: 'A07', explanation: 'e' };
    expect(await saveRespondingUnits(db, id, [unit], 'job-4', 'pi-1')).toBe(true);
    expect(await saveRespondingUnits(db, id, [unit], 'job-4', 'pi-1')).toBe(false);
    expect(await db('case_responding_units').where({ case_id: id })).toHaveLength(1);

    const report = { caseId: id, kind: 'justice-bureau-filing' as const, timing: 'before-answer', rule: 'LC Art. 13', filedOn: '2026-05-10', jobKey: 'job-5', processInstanceKey: 'pi-1' };
    const first = await recordReport(db, report);
    const second = await recordReport(db, report);
    expect(first).toMatchObject({ created: true, addresseeAgencyId: ids.get('liaocheng-justice') });
    expect(second).toMatchObject({ created: false, reportId: first.reportId });
    const events = await listCaseEvents(db, { caseId: id });
    expect(events.filter((e) => e.type === 'justice-bureau-filing')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'stage-changed')).toHaveLength(3);
  });

  it('second instance (二审) moves the case to level second once; GET /api/cases/:id shows it and the event records both levels', async () => {
    const { body: created } = await request(app).post('/api/cases').send(body());
    const id = created.id;
    const change = { caseId: id, stage: 'second-instance', level: 'second' as const, jobKey: 'job-l1', processInstanceKey: 'pi-l1', bpmnProcessId: 'case-lifecycle' };
    expect(await applyStageChange(db, change)).toMatchObject({ changed: true, stage: 'second-instance', level: 'second' });
    expect(await applyStageChange(db, change)).toMatchObject({ changed: false, level: 'second' });
    const view = (await request(app).get(`/api/cases/${id}`)).body;
    expect([view.stage, view.level]).toEqual(['second-instance', 'second']);
    const changes = (await listCaseEvents(db, { caseId: id })).filter((e) => e.type === 'stage-changed');
    expect(changes).toHaveLength(1);
    expect(changes[0]!.payload).toMatchObject({ from: { level: 'first' }, to: { stage: 'second-instance', level: 'second' } });
    // a stage change without a level keeps the level
    await applyStageChange(db, { ...change, jobKey: 'job-l2', stage: 'judgment', level: undefined });
    expect((await db('cases').where({ id }).first()).level).toBe('second');
  });
});
