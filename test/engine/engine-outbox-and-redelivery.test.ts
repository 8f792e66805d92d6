// Engine tier: the engine outbox and a real worker module against the project's engine app and a
// real ledger — a court event that arrives before the process waits for it is delivered later, a
// retried registration starts one instance, a court event the engine took from a dispatcher that
// died before recording it is found in the engine's history and not delivered again, and a worker
// that dies after writing to the ledger is redelivered after its lock and writes nothing twice.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { dispatchDueCommands } from '../../src/engine-commands/engine-command-dispatcher.ts';
import { enqueueEngineCommand } from '../../src/engine-commands/engine-command-store.ts';
import { engineJobOf, startExternalTaskWorkers } from '../../src/workers/external-task-host.ts';
import { discoverWorkers } from '../../src/workers/worker-host.ts';
import type { WorkerDeps } from '../../src/workers/worker-module.ts';
import { FIXTURE_DEPLOYMENT, fixtureResources, useTestEngine } from '../helpers/operaton.ts';
import { useTestDb } from '../helpers/test-db.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const { engine, rest, clock } = useTestEngine();
const db = useTestDb();
const logger = pino({ level: 'silent' });
const deps: WorkerDeps = { config: loadConfig(), db, logger };
const NOW = new Date('2026-05-11T09:00:00+08:00');
const state = async (instanceId: string) => (await rest.json<{ state: string }>('GET', `/history/process-instance/${instanceId}`)).state;

beforeAll(async () => {
  await clock.set(NOW);
  await engine.deploy(FIXTURE_DEPLOYMENT, fixtureResources('port-check.bpmn', 'port-check-outcomes.bpmn', 'port-check.form', 'port-check-wait.bpmn'));
});

describe('engine outbox on the engine app', () => {
  it('starts once when the registration is retried, and delivers a court event that came before the wait', async () => {
    const caseId = randomUUID();
    const event = await enqueueEngineCommand(db, { kind: 'correlate-message', idempotencyKey: `event:${caseId}:1`, businessKey: caseId, messageName: 'port-check-hearing-scheduled', variables: { hearingAt: '2026-06-01T09:30:00+08:00' }, expiresAt: new Date(Date.now() + 86_400_000) });
    // nothing waits yet: the event stays pending
    const first = await dispatchDueCommands({ db, engine, logger });
    expect(first.find((o) => o.id === event.id)?.outcome).toBe('retrying');

    const start = { kind: 'start-instance' as const, idempotencyKey: `start-case:${caseId}:port-check-wait`, businessKey: caseId, processKey: 'port-check-wait', variables: { caseId: null } };
    const command = await enqueueEngineCommand(db, start);
    expect((await enqueueEngineCommand(db, start)).id).toBe(command.id);
    await dispatchDueCommands({ db, engine, logger });
    const instances = await rest.json<{ id: string }[]>('GET', `/history/process-instance?processInstanceBusinessKey=${caseId}`);
    expect(instances).toHaveLength(1);

    // the next pass after the back-off finds the instance waiting and delivers the event
    const later = await dispatchDueCommands({ db, engine, logger }, { now: new Date(Date.now() + 120_000) });
    expect(later.find((o) => o.id === event.id)?.outcome).toBe('done');
    const row = await db('engine_commands').where({ id: event.id }).first();
    expect(row.result).toEqual({ status: 'correlated', instanceIds: [instances[0]!.id] });
    const vars = await rest.json<{ name: string; value: unknown }[]>('GET', `/history/variable-instance?processInstanceId=${instances[0]!.id}&variableName=hearingAt`);
    expect(vars.map((v) => v.value)).toEqual(['2026-06-01T09:30:00+08:00']);
  });
});

describe('a court event delivered by a dispatcher that died before recording it', () => {
  it('is found by its marker in the engine history and marked done without a second correlation', async () => {
    const caseId = randomUUID();
    const event = await enqueueEngineCommand(db, { kind: 'correlate-message', idempotencyKey: `event:${caseId}:crash`, businessKey: caseId, messageName: 'port-check-hearing-scheduled', variables: { hearingAt: '2026-06-03T09:30:00+08:00' }, expiresAt: new Date(Date.now() + 86_400_000) });
    // kept out of other passes while the test plays dispatcher A
    await db('engine_commands').where({ id: event.id }).update({ next_attempt_at: new Date(Date.now() + 86_400_000) });
    const deliveryId = `engineCommand_${event.id}`;
    const { instanceId } = await engine.startInstance('port-check-wait', caseId, { caseId: null });
    expect(await engine.findDelivery(deliveryId, caseId)).toBeUndefined();

    // dispatcher A: claimed the command, the engine correlated it (with its marker) — then A was killed
    await waitUntil('the wait', async () => (await engine.correlate('port-check-hearing-scheduled', caseId, event.variables, { deliveryId })).status === 'correlated');
    await db('engine_commands').where({ id: event.id }).update({ attempts: 1, lease_until: new Date(Date.now() - 1000), next_attempt_at: new Date(Date.now() - 1000) });

    // the lookup finds the real correlation's marker — for this case only
    expect(await engine.findDelivery(deliveryId, caseId)).toEqual({ instanceIds: [instanceId] });
    expect(await engine.findDelivery(deliveryId, randomUUID())).toBeUndefined();
    expect(await engine.findDelivery(`engineCommand_${event.id}0`, caseId)).toBeUndefined();

    // dispatcher B after A's lease: done from the engine's record, no second correlation
    const outcomes = await dispatchDueCommands({ db, engine, logger });
    expect(outcomes.find((o) => o.id === event.id)?.outcome).toBe('done');
    const row = await db('engine_commands').where({ id: event.id }).first();
    expect(row).toMatchObject({ status: 'done', attempts: 2 });
    expect(row.result).toEqual({ status: 'correlated', instanceIds: [instanceId], deliveredBefore: true });
    // one write of the event's variable and of its marker: the message reached the instance once
    const updates = await rest.json<{ variableName: string }[]>('GET', `/history/detail?processInstanceId=${instanceId}&variableUpdates=true`);
    expect(updates.filter((u) => u.variableName === 'hearingAt')).toHaveLength(1);
    expect(updates.filter((u) => u.variableName === deliveryId)).toHaveLength(1);
  });
});

describe('a worker that dies mid-task', () => {
  it('is redelivered after its lock and the second run writes nothing twice', async () => {
    const [recordEvent] = (await discoverWorkers()).filter((w) => w.jobType === 'ledger.record-event');
    const caseId = randomUUID();
    const { instanceId } = await engine.startInstance('port-check-wait', caseId, { hearingAt: '2026-06-02T14:00:00+08:00' });
    await waitUntil('the wait', async () => (await engine.correlate('port-check-hearing-scheduled', caseId)).status === 'correlated');

    // worker A locks the task, writes the ledger event, and dies before completing it
    const locked = await waitUntil('the record task', async () => {
      const tasks = await engine.externalTasks.fetchAndLock({ workerId: 'worker-a', maxTasks: 10, longPollMs: 500, topics: [{ topic: 'ledger.record-event', lockMs: 60_000 }] });
      return tasks.find((t) => t.businessKey === caseId);
    });
    const job = engineJobOf(locked, engine.externalTasks);
    await recordEvent!.handle({ key: job.key, type: job.type, processInstanceKey: job.processInstanceKey, bpmnProcessId: job.bpmnProcessId, elementId: job.elementId, retries: job.retries, variables: { eventPayload: { hearingAt: '2026-06-02T14:00:00+08:00' } }, customHeaders: locked.properties, activatedAt: NOW }, deps);
    expect(await db('case_events').where({ source_job_key: locked.id }).count('* as n').first()).toEqual({ n: '1' });

    // after the lock (engine clock) worker B gets the same task and finishes the instance
    await clock.set(new Date(NOW.getTime() + 61_000));
    const workerB = startExternalTaskWorkers(engine.externalTasks, [recordEvent!], deps, { workerId: 'worker-b', longPollMs: 1000 });
    try {
      await waitUntil('the instance to end', async () => (await state(instanceId)) === 'COMPLETED', 30_000);
    } finally {
      await workerB.stop();
      await clock.set(NOW);
    }
    const rows = await db('case_events').where({ source_job_key: locked.id }).select('type', 'payload');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'hearing-scheduled', payload: { hearingAt: '2026-06-02T14:00:00+08:00' } });
  });
});
