// The chain on the real engine app: deploy a process with a timer and a service task → start an
// instance → move the engine clock → the timer fires, the worker completes the external task → the
// instance is completed (the engine's history) → the ledger has the event.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { projectRoot } from '../../src/config.ts';
import { deployAll } from '../../src/engine/deploy.ts';
import { listCaseEvents } from '../../src/ledger/case-events.ts';
import { startWorkers, type WorkerHost } from '../../src/workers/worker-host.ts';
import { recordCaseEvent } from '../../workers/ledger/record-event.ts';
import { elementInstances, engineClock, useEngine, waitUntil } from '../helpers/engine.ts';
import { useTestDb } from '../helpers/test-db.ts';

const { engine, rest, config } = useEngine();
const db = useTestDb();
let workers: WorkerHost;

beforeAll(async () => {
  await deployAll(engine, [path.join(projectRoot, 'test/fixtures/processes/test-timer-chain.bpmn')]);
  workers = await startWorkers(engine.externalTasks, { config, db, logger: pino({ level: 'silent' }) }, { workers: [recordCaseEvent], checkDiagrams: false, workerId: 'engine-chain', longPollMs: 1000 });
});
afterAll(() => workers?.stop());

describe('engine chain', () => {
  it('a timer fires when the clock moves, the worker records the event, the instance completes', async () => {
    const { instanceId } = await engine.startInstance('test-timer-chain', `chain-${Date.now()}`, {});

    await waitUntil('the timer to be active', async () => (await elementInstances(rest, instanceId, 'wait_one_hour', 'ACTIVE')).length > 0);
    expect(await listCaseEvents(db, { processInstanceKey: instanceId })).toHaveLength(0);
    await engineClock.advance(config, 2 * 3600_000);

    await waitUntil('the instance to complete', async () => (await rest.json<{ state: string }>('GET', `/history/process-instance/${instanceId}`)).state === 'COMPLETED', 30_000);
    expect(await elementInstances(rest, instanceId, 'record_event', 'COMPLETED')).toHaveLength(1);

    const events = await listCaseEvents(db, { processInstanceKey: instanceId });
    expect(events.map((e) => e.type)).toEqual(['chain-completed']);
    expect(events[0]!.actor).toBe('worker:ledger.record-event');
    expect(events[0]!.payload).toMatchObject({ elementId: 'record_event', bpmnProcessId: 'test-timer-chain' });
  });
});
