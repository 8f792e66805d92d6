// The case API against the real ledger and the engine outbox, on the engine port's fake (the
// scenarios in test/integration and test/engine use the real engine): validation, 409s,
// registration and court events through the outbox (one case, one command, one instance; nothing
// lost while the engine is down or nothing waits yet), user tasks through the port, filters,
// idempotent ledger writes of the workers, and the OpenAPI document covering every route.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import { loadConfig } from '../../../src/config.ts';
import { dispatchDueCommands, startEngineCommandDispatcher, type EngineCommandDispatcher } from '../../../src/engine-commands/engine-command-dispatcher.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { applyStageChange, saveRespondingUnits } from '../../../src/cases/case-store.ts';
import { recordReport } from '../../../src/cases/case-reports.ts';
import { listCaseEvents } from '../../../src/ledger/case-events.ts';
import { loadCalendar, syncCaseDeadlines } from '../../../src/deadlines/ledger.ts';
import { computeDeadline } from '../../../src/deadlines/engine.ts';
import { useTestDb } from '../../helpers/test-db.ts';
import { as, createTestUser, useAdminClient } from '../../helpers/auth.ts';

const db = useTestDb();
const logger = pino({ level: 'silent' });
const engine = createFakeProcessEngine();
// the app's dispatcher runs when kicked (a request enqueued a command); its own poll is slow here so
// a test decides when the rest is carried out (dispatchLater)
let dispatcher: EngineCommandDispatcher | undefined;
const engineCommands = { kick: () => dispatcher?.kick() };
const app = createApp({ config: loadConfig(), db, engine, engineCommands, logger });
const api = useAdminClient(db, app);
/** A dispatcher pass an hour from now: every retried command is due again. */
const dispatchLater = () => dispatchDueCommands({ db, engine, logger }, { now: new Date(Date.now() + 3_600_000) });
const commandsOf = (caseId: string) => db('engine_commands').where({ case_id: caseId }).orderBy('id');
const instancesOf = (caseId: string) => engine.instances.filter((i) => i.businessKey === caseId);
const DAY = 86_400_000;
/** The request's kick has tried the event once and let it go ("nothing waits"), so a test's own dispatch does not race it. */
const triedOnce = (caseId: string, messageName: string) =>
  vi.waitFor(async () => expect(await db('engine_commands').where({ case_id: caseId, message_name: messageName }).first()).toMatchObject({ attempts: 1, lease_until: null, last_error: expect.stringContaining('nothing waits') }));
/** A court event's command: what it correlates, and how long it waits (expiry − creation). */
async function eventCommand(caseId: string, messageName: string) {
  const rows = await db('engine_commands').where({ case_id: caseId, message_name: messageName }).orderBy('id');
  expect(rows).toHaveLength(1);
  const c = rows[0];
  return { kind: c.kind, businessKey: c.business_key, messageName: c.message_name, variables: c.variables, status: c.status, ttlMs: Math.round((c.expires_at.getTime() - c.created_at.getTime()) / 60_000) * 60_000, caseEventId: c.case_event_id, idempotencyKey: c.idempotency_key };
}
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
  dispatcher = startEngineCommandDispatcher({ db, engine, logger }, { pollMs: 60_000 });
});
afterAll(async () => {
  await dispatcher?.stop();
});

describe('case API', () => {
  it('GET /api/agencies lists agencies with their profile, every profile present', async () => {
    const res = await api.get('/api/agencies');
    expect(res.status).toBe(200);
    expect(new Set(res.body.map((a: any) => a.profile))).toEqual(new Set(['national', 'yantai', 'hunan', 'liaocheng', 'tengzhou', 'jinghai']));
    expect(res.body.find((a: any) => a.code === 'liaocheng-justice')).toMatchObject({ parentId: ids.get('liaocheng-gov'), level: 'city' });
  });

  it('POST /api/cases registers the case with its parties, starts the process, and refuses the same number twice', async () => {
    const b = body({ thirdParties: [{ name: '李四', type: 'person' }], coDefendantAgencyIds: [ids.get('liaocheng-justice')] });
    const res = await api.post('/api/cases').send(b);
    expect(res.status).toBe(201);
    const [instance] = instancesOf(res.body.id);
    expect(instance).toMatchObject({ processKey: 'case-lifecycle', businessKey: res.body.id });
    expect(res.body).toEqual({ id: res.body.id, processInstanceKey: instance!.id, engine: { status: 'started' } });
    // the agency is the instance's tenant: the engine app reads agencyId from the start variables
    expect(instance!.variables).toMatchObject({ caseId: res.body.id, caseNumber: b.caseNumber, agencyId: ids.get('liaocheng-dept'), profile: 'liaocheng', level: 'first', complaintReceivedOn: '2026-05-06' });
    const row = await db('cases').where({ id: res.body.id }).first();
    expect(row).toMatchObject({ stage: 'registration', status: 'open', process_instance_key: instance!.id });
    expect(await db('case_process_instances').where({ case_id: res.body.id }).pluck('process_instance_key')).toEqual([instance!.id]);
    const parties = await db('case_parties').where({ case_id: res.body.id }).orderBy('role');
    expect(parties.map((p: any) => [p.role, p.name])).toEqual([['co-defendant', '聊城市司法局'], ['plaintiff', '某公司'], ['third-party', '李四']]);
    const dup = await api.post('/api/cases').send(b);
    expect(dup.status).toBe(409);
    expect(dup.body.error.details.id).toBe(res.body.id);
    expect((await api.post('/api/cases').send({ ...b, level: 'second' })).status).toBe(201);
  });

  it('a retried registration leaves one case, one start command and one instance', async () => {
    const b = body();
    const first = await api.post('/api/cases').send(b);
    const retried = await api.post('/api/cases').send(b);
    expect([first.status, retried.status]).toEqual([201, 409]);
    expect(retried.body.error.details.id).toBe(first.body.id);
    expect(await db('cases').where({ case_number: b.caseNumber })).toHaveLength(1);
    const commands = await commandsOf(first.body.id);
    expect(commands.map((c: any) => [c.kind, c.idempotency_key, c.business_key, c.process_key, c.status])).toEqual([['start-instance', `start-case:${first.body.id}:case-lifecycle`, first.body.id, 'case-lifecycle', 'done']]);
    // a dispatcher that died after the engine started the instance, before it marked the command, runs it again
    await db('engine_commands').where({ id: commands[0].id }).update({ status: 'pending' });
    await dispatchLater();
    expect(instancesOf(first.body.id)).toHaveLength(1);
    expect((await db('cases').where({ id: first.body.id }).first()).process_instance_key).toBe(first.body.processInstanceKey);
  });

  it('400 names each bad field, unknown agencies included; with the engine down the case is registered all the same and started later', async () => {
    const res = await api.post('/api/cases').send({ ...body(), court: '', level: 'appeal', plaintiffs: [{ name: 'x', type: 'alien' }], reconsideration: { status: 'organ-co-defendant' } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: any) => f.field).sort()).toEqual(['court', 'level', 'plaintiffs.0.type']);
    const organ = await api.post('/api/cases').send(body({ reconsideration: { status: 'organ-co-defendant' } }));
    expect(organ.body.error.fields.map((f: any) => f.field)).toEqual(['reconsideration.organAgencyId']);
    const unknown = await api.post('/api/cases').send(body({ agencyId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields.map((f: any) => f.field)).toEqual(['agencyId']);
    expect((await api.post('/api/cases').set('content-type', 'application/json').send('{bad')).status).toBe(400);
    // (the engine-user syncs of other files' password changes have no case either: not this test's)
    expect(await db('engine_commands').whereNull('case_id').whereNot({ kind: 'sync-engine-user' })).toHaveLength(0);
    engine.down = true;
    const b = body();
    const down = await api.post('/api/cases').send(b);
    engine.down = false;
    expect(down.status).toBe(201);
    expect(down.body).toEqual({ id: expect.any(String), processInstanceKey: null, engine: { status: 'pending' } });
    expect(await db('cases').where({ case_number: b.caseNumber }).first()).toMatchObject({ id: down.body.id, process_instance_key: null });
    expect((await commandsOf(down.body.id)).map((c: any) => [c.kind, c.status])).toEqual([['start-instance', 'pending']]);
    expect(instancesOf(down.body.id)).toHaveLength(0);
    await dispatchLater();
    expect(instancesOf(down.body.id)).toHaveLength(1);
    expect((await commandsOf(down.body.id)).map((c: any) => c.status)).toEqual(['done']);
    expect((await api.get(`/api/cases/${down.body.id}`)).body.processInstanceKey).toBe(instancesOf(down.body.id)[0]!.id);
  });

  it('POST /api/cases/:id/events correlates the message by case id from the outbox, refuses what the stage cannot take, repeats nothing for the same Idempotency-Key', async () => {
    const { body: created } = await api.post('/api/cases').send(body());
    const id = created.id;
    expect((await api.post(`/api/cases/${id}/events`).send({ type: 'hearing-scheduled', hearingAt: '2026-06-01T09:00:00+08:00' })).status).toBe(409);
    expect(await db('engine_commands').where({ case_id: id, kind: 'correlate-message' })).toHaveLength(0);
    await db('cases').where({ id }).update({ stage: 'answer' });
    const ok = await api.post(`/api/cases/${id}/events`).set('Idempotency-Key', 'court-1').send({ type: 'hearing-scheduled', hearingAt: '2026-06-01T09:00:00+08:00' });
    expect(ok.status).toBe(202);
    expect(ok.body).toEqual({ eventId: expect.any(String), type: 'hearing-scheduled', message: { name: 'hearing-scheduled', correlationKey: id }, duplicate: false });
    const command = await eventCommand(id, 'hearing-scheduled');
    expect(command).toMatchObject({ kind: 'correlate-message', businessKey: id, caseEventId: ok.body.eventId, idempotencyKey: `event:${ok.body.eventId}`, variables: { hearingAt: '2026-06-01T09:00:00+08:00', principalHeadRequiredByCourt: false, headRequiredByCourt: false } });
    expect(command.ttlMs).toBe(180 * DAY);
    const again = await api.post(`/api/cases/${id}/events`).set('Idempotency-Key', 'court-1').send({ type: 'hearing-scheduled', hearingAt: '2026-06-01T09:00:00+08:00' });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ eventId: ok.body.eventId, duplicate: true });
    await eventCommand(id, 'hearing-scheduled');
    // the retry of a request whose answer was lost, after the case moved on because of it: the same answer, not a 409
    await db('cases').where({ id }).update({ stage: 'judgment' });
    const late = await api.post(`/api/cases/${id}/events`).set('Idempotency-Key', 'court-1').send({ type: 'hearing-scheduled', hearingAt: '2026-06-01T09:00:00+08:00' });
    expect(late.status).toBe(202);
    expect(late.body).toEqual({ ...ok.body, duplicate: true });
    await db('cases').where({ id }).update({ stage: 'answer' });
    // posted before any process waits for it: kept, then delivered once when the hearing waits
    await triedOnce(id, 'hearing-scheduled');
    expect((await eventCommand(id, 'hearing-scheduled')).status).toBe('pending');
    expect(engine.correlated.filter((c) => c.businessKey === id)).toEqual([]);
    engine.waitForMessage('hearing-scheduled', id);
    await dispatchLater();
    await vi.waitFor(async () => expect((await eventCommand(id, 'hearing-scheduled')).status).toBe('done'));
    expect(engine.correlated.filter((c) => c.businessKey === id)).toEqual([{ messageName: 'hearing-scheduled', businessKey: id, variables: { hearingAt: '2026-06-01T09:00:00+08:00', principalHeadRequiredByCourt: false, headRequiredByCourt: false }, instanceIds: [created.processInstanceKey] }]);
    await dispatchLater();
    expect(engine.correlated.filter((c) => c.businessKey === id)).toHaveLength(1);
    const bad = await api.post(`/api/cases/${id}/events`).send({ type: 'withdrawn' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: any) => f.field)).toEqual(['on']);
    expect((await api.post('/api/cases/00000000-0000-4000-8000-000000000000/events').send({ type: 'withdrawn', on: '2026-05-07' })).status).toBe(404);
    const view = await api.get(`/api/cases/${id}`);
    expect(view.body.hearings).toHaveLength(1);
    // decided from the case facts before the hearing process runs: at least the head must appear
    expect(view.body.headAppearance).toMatchObject({ required: expect.stringMatching(/^(head|principal-head)$/), decidedBy: 'case-facts' });
    expect(view.body.headAppearance.reasons.length).toBeGreaterThan(0);
  });

  it('the appeal copy (上诉状副本送达) is taken only after the plaintiff appealed; a retrial petition reopens an archived case and starts its process with the case variables', async () => {
    const { body: created } = await api.post('/api/cases').send(body());
    const id = created.id;
    await db('cases').where({ id }).update({ stage: 'judgment' });
    const early = await api.post(`/api/cases/${id}/events`).send({ type: 'appeal-copy-served', on: '2026-06-10' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('尚未记录对方（原告）提起上诉');
    expect((await api.post(`/api/cases/${id}/events`).send({ type: 'appeal-filed', by: 'plaintiff', on: '2026-06-08' })).status).toBe(202);
    expect((await api.post(`/api/cases/${id}/events`).send({ type: 'appeal-copy-served', on: '2026-06-10' })).status).toBe(202);
    expect(await eventCommand(id, 'appeal-copy-served')).toMatchObject({ businessKey: id, variables: { appealCopyServedOn: '2026-06-10' }, ttlMs: 30 * DAY });

    await db('cases').where({ id }).update({ stage: 'archived', status: 'closed' });
    const petition = await api.post(`/api/cases/${id}/events`).send({ type: 'retrial-petition-served', on: '2026-09-01' });
    expect(petition.status, JSON.stringify(petition.body)).toBe(202);
    const row = await db('cases').where({ id }).first();
    // a message start event: the retrial instance gets the case id as business key from the correlation, and the case's variables from the message
    const retrial = await eventCommand(id, 'retrial-petition-served');
    expect(retrial).toMatchObject({
      businessKey: id,
      ttlMs: 180 * DAY,
      variables: expect.objectContaining({ caseId: id, caseNumber: row.case_number, agencyId: row.agency_id, profile: 'liaocheng', complaintReceivedOn: row.complaint_received_on, retrialPetitionServedOn: '2026-09-01', retrialBy: 'plaintiff' }),
    });
    expect(retrial.variables).not.toHaveProperty('level');
    // a settled case is never reopened
    await db('cases').where({ id }).update({ stage: 'closed', status: 'settled' });
    expect((await api.post(`/api/cases/${id}/events`).send({ type: 'retrial-petition-served', on: '2026-09-01' })).status).toBe(409);
  });

  it('when the judgment takes effect: judgment-served names the parties, a later service and the certificate move judgment.effectiveOn (estimated → confirmed); bad parties are 400 naming the field; a late appeal is 409', async () => {
    const { body: created } = await api.post('/api/cases').send(body());
    const id = created.id;
    const post = (event: Record<string, unknown>) => api.post(`/api/cases/${id}/events`).send(event);
    // a service before the judgment, or a certificate in trial: the stage rules answer 409 with the reason
    await db('cases').where({ id }).update({ stage: 'hearing' });
    const early = await post({ type: 'judgment-served-to-party', name: '某公司', role: 'plaintiff', servedOn: '2026-06-05' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('judgment-served');
    expect((await post({ type: 'judgment-effective', effectiveOn: '2026-06-20' })).status).toBe(409);

    const badParties = await post({ type: 'judgment-served', kind: 'judgment', outcome: 'won', servedOn: '2026-06-02', parties: [{ name: '某公司', role: 'appellant', servedOn: '2026-06-32' }] });
    expect(badParties.status).toBe(400);
    expect(badParties.body.error.fields.map((f: any) => f.field).sort()).toEqual(['parties.0.role', 'parties.0.servedOn']);
    const served = await post({ type: 'judgment-served', kind: 'judgment', outcome: 'won', servedOn: '2026-06-02', parties: [{ name: '某公司', role: 'plaintiff' }] });
    expect(served.status, JSON.stringify(served.body)).toBe(202);
    expect(await eventCommand(id, 'judgment-served')).toMatchObject({ variables: { judgmentServedOn: '2026-06-02', judgmentParties: [{ name: '某公司', role: 'plaintiff', servedOn: null }] } });
    let judgment = (await api.get(`/api/cases/${id}`)).body.judgment;
    // 2026-06-02 + 15 days = 2026-06-17 (Wednesday): the plaintiff's date unknown, estimated from the agency's own
    expect(judgment).toMatchObject({ kind: 'judgment', level: 'first', servedOn: '2026-06-02', effectiveOn: '2026-06-18', effectiveStatus: 'estimated', unservedParties: ['原告某公司'] });
    expect(judgment.effectiveReason.text).toContain('尚不清楚');

    await db('cases').where({ id }).update({ stage: 'judgment' });
    const missing = await post({ type: 'judgment-served-to-party', name: '某公司', role: 'plaintiff' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.map((f: any) => f.field)).toEqual(['servedOn']);
    const toParty = await post({ type: 'judgment-served-to-party', name: '某公司', role: 'plaintiff', servedOn: '2026-06-09' });
    expect(toParty.status, JSON.stringify(toParty.body)).toBe(202);
    expect(await eventCommand(id, 'judgment-served-to-party')).toMatchObject({ businessKey: id, variables: { servedParty: { name: '某公司', role: 'plaintiff', servedOn: '2026-06-09' } } });
    judgment = (await api.get(`/api/cases/${id}`)).body.judgment;
    // the plaintiff's own 15 days: 2026-06-24 (Wednesday), effective the day after; every date known
    expect(judgment).toMatchObject({ effectiveOn: '2026-06-25', effectiveStatus: 'confirmed', unservedParties: [] });
    expect(judgment.parties.map((p: any) => [p.role, p.servedOn, p.appealDue])).toEqual([['defendant', '2026-06-02', '2026-06-17'], ['plaintiff', '2026-06-09', '2026-06-24']]);

    // each party appeals within its own period: the plaintiff after the agency's period is in time, after its own it is not
    const late = await post({ type: 'appeal-filed', by: 'plaintiff', on: '2026-06-25' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('原告的上诉期已于2026年6月24日届满');
    const agencyLate = await post({ type: 'appeal-filed', by: 'agency', on: '2026-06-20' });
    expect(agencyLate.status).toBe(409);
    const inTime = await post({ type: 'appeal-filed', by: 'plaintiff', on: '2026-06-24' });
    expect(inTime.status, JSON.stringify(inTime.body)).toBe(202);
    // appealed: the first-instance decision does not take effect
    expect((await api.get(`/api/cases/${id}`)).body.judgment).toMatchObject({ appealed: true, effectiveOn: null, effectiveStatus: null });

    // the court's certificate of effect (生效证明) confirms the date it states
    const { body: other } = await api.post('/api/cases').send(body());
    await db('cases').where({ id: other.id }).update({ stage: 'hearing' });
    expect((await api.post(`/api/cases/${other.id}/events`).send({ type: 'judgment-served', kind: 'ruling', outcome: 'won', servedOn: '2026-06-02' })).status).toBe(202);
    expect((await api.get(`/api/cases/${other.id}`)).body.judgment).toMatchObject({ effectiveStatus: 'estimated', unservedParties: ['原告'] });
    await db('cases').where({ id: other.id }).update({ stage: 'judgment' });
    expect((await api.post(`/api/cases/${other.id}/events`).send({ type: 'judgment-effective', effectiveOn: '2026-06-26' })).status).toBe(202);
    expect(await eventCommand(other.id, 'judgment-effective')).toMatchObject({ variables: { effectiveCertifiedOn: '2026-06-26' } });
    expect((await api.get(`/api/cases/${other.id}`)).body.judgment).toMatchObject({ effectiveOn: '2026-06-26', effectiveStatus: 'confirmed', effectiveReason: { text: expect.stringContaining('2026年6月26日') } });
  });

  it('after an estimated effect the case moved on: a later service still fixes the date — the view and the deadlines from effect move, the running processes are told (effective-date-moved); once confirmed, 409', async () => {
    const jinghai = ids.get('jinghai-dept');
    const { body: created } = await api.post('/api/cases').send(body({ agencyId: jinghai, actUnderSuit: { description: '罚款', madeByAgencyId: jinghai } }));
    const id = created.id;
    const post = (event: Record<string, unknown>) => api.post(`/api/cases/${id}/events`).send(event);
    await db('cases').where({ id }).update({ stage: 'hearing' });
    expect((await post({ type: 'judgment-served', kind: 'judgment', outcome: 'lost', servedOn: '2026-06-02', parties: [{ name: '某公司', role: 'plaintiff' }] })).status).toBe(202);
    // the judgment diagram went on at the estimate (2026-06-18) and the deadlines from effect were stored
    const calendar = await loadCalendar(db);
    await syncCaseDeadlines(db, [{ caseId: id, triggerChanges: { effectiveOn: '2026-06-18' }, stage: 'all' }], { calendar, reason: 'test:estimate', actor: 'test' });
    await db('cases').where({ id }).update({ stage: 'loss-analysis' });
    const fromEffect = async () => (await db('case_deadlines').where({ case_id: id, trigger_key: 'effectiveOn' }).whereNull('superseded_at').orderBy('rule_id').select('rule_id', 'trigger_on', 'due_on')).map((r: any) => [r.rule_id, String(r.trigger_on), String(r.due_on)]);
    expect((await fromEffect()).map((r) => r[0])).toEqual(['loss-analysis-report', 'retrial-application']);

    const served = await post({ type: 'judgment-served-to-party', name: '某公司', role: 'plaintiff', servedOn: '2026-06-09' });
    expect(served.status, JSON.stringify(served.body)).toBe(202);
    expect(served.body.message).toEqual({ name: 'effective-date-moved', correlationKey: id });
    expect(await db('engine_commands').where({ case_id: id, message_name: 'judgment-served-to-party' })).toHaveLength(0);
    expect(await eventCommand(id, 'effective-date-moved')).toMatchObject({ businessKey: id, caseEventId: served.body.eventId, variables: { effectiveOn: '2026-06-25', effectiveStatus: 'confirmed' } });
    expect((await api.get(`/api/cases/${id}`)).body.judgment).toMatchObject({ effectiveOn: '2026-06-25', effectiveStatus: 'confirmed' });
    const due = (rule: string) => computeDeadline(calendar, { profile: 'jinghai', rule, trigger: '2026-06-25' }).due;
    expect(await fromEffect()).toEqual([
      ['loss-analysis-report', '2026-06-25', due('loss-analysis-report')],
      ['retrial-application', '2026-06-25', due('retrial-application')],
    ]);
    // every date known now: nothing moves it any more
    const again = await post({ type: 'judgment-effective', effectiveOn: '2026-06-30' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('生效日已经确定');
  });

  it('several recommendations on one case: each gets its own key in the answer and in its message, and the case view lists each with its status', async () => {
    const { body: created } = await api.post('/api/cases').send(body());
    const id = created.id;
    await db('cases').where({ id }).update({ stage: 'archived', status: 'closed' });
    const first = await api.post(`/api/cases/${id}/events`).send({ type: 'judicial-recommendation', receivedOn: '2026-07-01', replyWithinDays: 60 });
    const second = await api.post(`/api/cases/${id}/events`).send({ type: 'procuratorial-recommendation', receivedOn: '2026-07-03', replyWithinDays: 20, issuer: '聊城市东昌府区人民检察院' });
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(first.body.recommendationKey).toBe(`r${first.body.eventId}`);
    expect(second.body.recommendationKey).toBe(`r${second.body.eventId}`);
    const messages = await db('engine_commands').where({ case_id: id, kind: 'correlate-message' }).orderBy('id').select('message_name', 'variables');
    expect(messages.map((m: any) => [m.message_name, m.variables.recommendationKey])).toEqual([
      ['judicial-recommendation', first.body.recommendationKey],
      ['procuratorial-recommendation', second.body.recommendationKey],
    ]);
    const view = (await api.get(`/api/cases/${id}`)).body;
    expect(view.recommendations.map((r: any) => [r.key, r.kind, r.receivedOn, r.replyWithinDays, r.status])).toEqual([
      [first.body.recommendationKey, 'judicial', '2026-07-01', 60, 'open'],
      [second.body.recommendationKey, 'procuratorial', '2026-07-03', 20, 'open'],
    ]);
    expect(view.recommendations[1]).toMatchObject({ name: '检察建议', issuer: '聊城市东昌府区人民检察院', statusLabel: '待回复', replyDue: null, repliedOn: null });
  });

  it('a judicial recommendation starts its own process: the message carries the case variables (the agency as tenant) and waits a default day at least', async () => {
    const { body: created } = await api.post('/api/cases').send(body());
    const id = created.id;
    await db('cases').where({ id }).update({ stage: 'hearing' });
    expect((await api.post(`/api/cases/${id}/events`).send({ type: 'judicial-recommendation', receivedOn: '2026-07-01', replyWithinDays: 60 })).status).toBe(202);
    expect(await eventCommand(id, 'judicial-recommendation')).toMatchObject({
      businessKey: id,
      ttlMs: 180 * DAY,
      variables: expect.objectContaining({ caseId: id, agencyId: ids.get('liaocheng-dept'), profile: 'liaocheng', recommendationReceivedOn: '2026-07-01', replyWithinDays: 60 }),
    });
    // an event without its own time to live waits a day
    expect((await api.post(`/api/cases/${id}/events`).send({ type: 'withdrawn', on: '2026-07-02' })).status).toBe(202);
    expect(await eventCommand(id, 'withdrawn')).toMatchObject({ variables: { withdrawnOn: '2026-07-02' }, ttlMs: DAY });
  });

  it('检察建议 and 规范性文件处理建议书 are entered like a judicial recommendation, also after archiving; bad input is a 400 naming the field', async () => {
    const { body: created } = await api.post('/api/cases').send(body());
    const id = created.id;
    await db('cases').where({ id }).update({ stage: 'archived', status: 'closed' });
    const post = (event: Record<string, unknown>) => api.post(`/api/cases/${id}/events`).send(event);

    const procuratorial = await post({ type: 'procuratorial-recommendation', receivedOn: '2026-09-01', replyWithinDays: 60, issuer: '聊城市东昌府区人民检察院' });
    expect(procuratorial.status, JSON.stringify(procuratorial.body)).toBe(202);
    expect(procuratorial.body.message).toEqual({ name: 'procuratorial-recommendation', correlationKey: id });
    expect(await eventCommand(id, 'procuratorial-recommendation')).toMatchObject({
      businessKey: id,
      ttlMs: 180 * DAY,
      variables: expect.objectContaining({ caseId: id, profile: 'liaocheng', recommendationKind: 'procuratorial', recommendationReceivedOn: '2026-09-01', replyWithinDays: 60, recommendationIssuer: '聊城市东昌府区人民检察院' }),
    });
    expect((await post({ type: 'judicial-recommendation', kind: 'normative-document', receivedOn: '2026-09-02', replyWithinDays: 30 })).status).toBe(202);
    expect((await eventCommand(id, 'judicial-recommendation')).variables).toMatchObject({ recommendationKind: 'normative-document', recommendationReceivedOn: '2026-09-02', replyWithinDays: 30 });

    const fields = async (event: Record<string, unknown>) => {
      const res = await post(event);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/json/);
      return res.body.error.fields.map((f: any) => f.field);
    };
    expect(await fields({ type: 'procuratorial-recommendation', receivedOn: '2026-09-01' })).toEqual(['issuer']);
    expect(await fields({ type: 'judicial-recommendation', kind: 'advice', receivedOn: '2026-09-01' })).toEqual(['kind']);
    expect(await fields({ type: 'judicial-recommendation', receivedOn: '2026-09-01', replyWithinDays: 0 })).toEqual(['replyWithinDays']);
    expect(await fields({ type: 'procuratorial-recommendation', receivedOn: '2026-02-30', replyWithinDays: '30', issuer: '某检察院' })).toEqual(['receivedOn', 'replyWithinDays']);
  });

  it('an event that no process ever takes expires and is listed for admins (GET /api/admin/engine-commands)', async () => {
    const { body: created } = await api.post('/api/cases').send(body());
    const id = created.id;
    await db('cases').where({ id }).update({ stage: 'answer' });
    const posted = await api.post(`/api/cases/${id}/events`).send({ type: 'withdrawn', on: '2026-07-02' });
    expect(posted.status).toBe(202);
    await triedOnce(id, 'withdrawn');
    await dispatchDueCommands({ db, engine, logger }, { now: new Date(Date.now() + 2 * DAY) });
    expect((await eventCommand(id, 'withdrawn')).status).toBe('expired');
    const listed = await api.get('/api/admin/engine-commands');
    expect(listed.status).toBe(200);
    expect(listed.body.filter((c: any) => c.caseId === id)).toEqual([
      expect.objectContaining({ kind: 'correlate-message', status: 'expired', messageName: 'withdrawn', businessKey: id, caseEventId: posted.body.eventId, lastError: expect.stringContaining('withdrawn') }),
    ]);
    // a pending start older than the threshold is listed too; a fresh one is not
    engine.down = true;
    const pending = await api.post('/api/cases').send(body());
    engine.down = false;
    expect(pending.body.engine).toEqual({ status: 'pending' });
    expect((await api.get('/api/admin/engine-commands')).body.some((c: any) => c.caseId === pending.body.id)).toBe(false);
    await db('engine_commands').where({ case_id: pending.body.id }).update({ created_at: new Date(Date.now() - 2 * 3_600_000) });
    expect((await api.get('/api/admin/engine-commands').query({ staleMinutes: '60' })).body.filter((c: any) => c.caseId === pending.body.id)).toEqual([expect.objectContaining({ kind: 'start-instance', status: 'pending' })]);
    const bad = await api.get('/api/admin/engine-commands').query({ staleMinutes: 'soon' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: any) => f.field)).toEqual(['query.staleMinutes']);
    await dispatchLater();
  });

  it('GET /api/cases filters by agency, stage, year and overdue', async () => {
    const { body: c1 } = await api.post('/api/cases').send(body({ complaintReceivedOn: '2025-03-03' }));
    await db('case_deadlines').insert({ case_id: c1.id, rule_id: 'answer-and-evidence', trigger_key: 'complaintReceivedOn', profile: 'liaocheng', rule_profile: 'national', name: '答辩举证期限', stage: 'answer', basis: 'statutory', trigger_on: '2025-03-03', due_on: '2025-03-18', status: 'OK', explanation: 'x', source: 'x', computed_reason: 'test' });
    const q = (query: Record<string, string>) => api.get('/api/cases').query(query).then((r) => r.body.items.map((c: any) => c.id));
    // other files of the run share the database (and may register 2025 cases of the same agency)
    expect(await q({ year: '2025', agency: ids.get('liaocheng-dept')!, limit: '500' })).toContain(c1.id);
    expect(await q({ year: '2025', agency: ids.get('yantai-dept')!, limit: '500' })).not.toContain(c1.id);
    expect(await q({ year: '2026', agency: ids.get('liaocheng-dept')!, limit: '500' })).not.toContain(c1.id);
    expect(await q({ due: 'overdue', year: '2025', limit: '500' })).toContain(c1.id);
    expect(await q({ due: '3d', year: '2025' })).not.toContain(c1.id);
    expect(await q({ stage: 'hearing', year: '2025' })).toEqual([]);
    const bad = await api.get('/api/cases').query({ year: 'soon', due: 'maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: any) => f.field).sort()).toEqual(['due', 'year']);
    expect((await api.get('/api/cases/not-a-case')).status).toBe(404);
  });

  it('POST /api/tasks/:key/complete refuses a malformed key before asking the engine', async () => {
    // task ids are strings now (UUIDs): a key with a space or punctuation is malformed
    const res = await api.post(`/api/tasks/${encodeURIComponent('abc def')}/complete`).send({ variables: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].field).toBe('key');
    expect((await api.post('/api/tasks/abc/complete').send({ variables: {} })).status).toBe(404);
  });

  it('GET /api/cases/:id/tasks lists the open tasks of every instance of the case; completion is checked against the form', async () => {
    const { body: created } = await api.post('/api/cases').send(body());
    const id = created.id;
    const register = engine.addUserTask({ id: '5d0f7c1e-0000-4000-8000-000000000001', name: '登记并转交承办单位', taskDefinitionKey: 'reg_register', processInstanceId: 'pi-registration', processDefinitionKey: 'case-registration', businessKey: id, formId: 'case-registration', candidateGroups: ['clerk'], due: '2026-05-08T15:59:59.000+0000', created: '2026-05-06T01:00:00.000+0000' });
    engine.addUserTask({ id: 'other-case-task', taskDefinitionKey: 'reg_register', processInstanceId: 'pi-x', businessKey: 'another-case', formId: 'case-registration' });
    const listed = await api.get(`/api/cases/${id}/tasks`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      { key: register.id, name: '登记并转交承办单位', formId: 'case-registration', elementId: 'reg_register', assignee: null, candidateGroups: ['clerk'], due: '2026-05-08T23:59:59+08:00', processInstanceKey: 'pi-registration', bpmnProcessId: 'case-registration', createdAt: '2026-05-06T01:00:00.000+0000' },
    ]);
    expect((await api.get('/api/cases/00000000-0000-4000-8000-000000000000/tasks')).status).toBe(404);

    // a task is completed by a user in its candidate groups whose scope has the case: not an admin,
    // not a handler of the agency, and a clerk of another agency is not told the task exists
    const registration = { variables: { registeredOn: '2026-05-07', handlerName: '田海涛', forwardedOn: '2026-05-07' } };
    const clerk = as(app, await createTestUser(db, { roles: ['clerk'], agencyId: ids.get('liaocheng-dept') }));
    const handler = as(app, await createTestUser(db, { roles: ['handler'], agencyId: ids.get('liaocheng-dept') }));
    const otherClerk = as(app, await createTestUser(db, { roles: ['clerk'], agencyId: ids.get('yantai-dept') }));
    expect((await api.post(`/api/tasks/${register.id}/complete`).send(registration)).body.error.code).toBe('NOT_A_CANDIDATE');
    expect((await handler.post(`/api/tasks/${register.id}/complete`).send(registration)).status).toBe(403);
    const hidden = await otherClerk.post(`/api/tasks/${register.id}/complete`).send(registration);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.message).toBe(`任务 / user task ${register.id} 不存在`);
    expect(engine.completedTasks).toEqual([]);

    const refused = await clerk.post(`/api/tasks/${register.id}/complete`).send({ variables: { registeredOn: 'tomorrow', caseId: 'someone-else' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.map((f: any) => f.field).sort()).toEqual(['variables.caseId', 'variables.forwardedOn', 'variables.handlerName', 'variables.registeredOn']);
    expect(engine.completedTasks).toEqual([]);
    const done = await clerk.post(`/api/tasks/${register.id}/complete`).send(registration);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ key: register.id, formId: 'case-registration', completed: true });
    expect(engine.completedTasks).toEqual([{ taskId: register.id, variables: { registeredOn: '2026-05-07', handlerName: '田海涛', forwardedOn: '2026-05-07' } }]);
    expect((await api.get(`/api/cases/${id}/tasks`)).body).toEqual([]);
    expect((await clerk.post(`/api/tasks/${register.id}/complete`).send({ variables: {} })).status).toBe(404);

    // a task claimed by someone else stays theirs; the assignee completes it without being a candidate
    const clerkUser = await db('people').where({ id: (await clerk.get('/api/session')).body.user.personId }).first('login');
    const claimed = engine.addUserTask({ taskDefinitionKey: 'reg_check', processInstanceId: 'pi-claimed', businessKey: id, candidateGroups: ['clerk'], assignee: 'someone-else' });
    const refusedClaim = await clerk.post(`/api/tasks/${claimed.id}/complete`).send({ variables: {} });
    expect(refusedClaim.body.error).toEqual({ code: 'TASK_CLAIMED_BY_OTHER', message: '此任务已由 someone-else 认领' });
    const assigned = engine.addUserTask({ taskDefinitionKey: 'reg_check', processInstanceId: 'pi-assigned', businessKey: id, candidateGroups: ['legal-affairs'], assignee: clerkUser.login });
    expect((await clerk.post(`/api/tasks/${assigned.id}/complete`).send({ variables: {} })).status).toBe(200);
    const notCandidate = engine.addUserTask({ taskDefinitionKey: 'reg_check', processInstanceId: 'pi-legal', businessKey: id, candidateGroups: ['legal-affairs'] });
    expect((await clerk.post(`/api/tasks/${notCandidate.id}/complete`).send({ variables: {} })).body.error.message).toBe('只有任务候选组（法制机构）中的用户可以办理此任务');
  });

  it('GET /api/openapi.json covers every route the app registers', async () => {
    const doc = (await api.get('/api/openapi.json')).body;
    const routes: string[] = [];
    const walk = (stack: any[]) => {
      for (const layer of stack) {
        if (layer.route) for (const m of Object.keys(layer.route.methods)) routes.push(`${m} ${layer.route.path}`);
        else if (layer.handle?.stack) walk(layer.handle.stack);
      }
    };
    walk((app as any).router.stack);
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops as object).map((m) => `${m} ${p.replace(/\{(\w+)\}/g, ':$1')}`)));
    // outside the JSON API: the health check and the single-sign-on redirects (/auth/oidc/…)
    const outsideApi = new Set(['get /healthz', 'get /oidc/login', 'get /oidc/callback']);
    const missing = routes.filter((r) => !outsideApi.has(r) && !documented.has(r));
    expect(missing).toEqual([]);
  });
});

describe('workers write the ledger once per job', () => {
  it('stage changes, responding units and reports are keyed by job key', async () => {
    const { body: created } = await api.post('/api/cases').send(body());
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
    const { body: created } = await api.post('/api/cases').send(body());
    const id = created.id;
    const change = { caseId: id, stage: 'second-instance', level: 'second' as const, jobKey: 'job-l1', processInstanceKey: 'pi-l1', bpmnProcessId: 'case-lifecycle' };
    expect(await applyStageChange(db, change)).toMatchObject({ changed: true, stage: 'second-instance', level: 'second' });
    expect(await applyStageChange(db, change)).toMatchObject({ changed: false, level: 'second' });
    const view = (await api.get(`/api/cases/${id}`)).body;
    expect([view.stage, view.level]).toEqual(['second-instance', 'second']);
    const changes = (await listCaseEvents(db, { caseId: id })).filter((e) => e.type === 'stage-changed');
    expect(changes).toHaveLength(1);
    expect(changes[0]!.payload).toMatchObject({ from: { level: 'first' }, to: { stage: 'second-instance', level: 'second' } });
    // a stage change without a level keeps the level
    await applyStageChange(db, { ...change, jobKey: 'job-l2', stage: 'judgment', level: undefined });
    expect((await db('cases').where({ id }).first()).level).toBe('second');
  });
});
