// The chain on the real engine: deploy a process with a timer and a service task → create an
// instance → advance the engine clock → the worker completes the job → the instance is completed
// (queried through the REST APIs) → the ledger has the event.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { projectRoot } from '../../src/config.ts';
import { deployAll } from '../../src/engine/deploy.ts';
import { listCaseEvents } from '../../src/ledger/case-events.ts';
import { startWorkers, type WorkerHost } from '../../src/workers/worker-host.ts';
import { recordCaseEvent } from '../../workers/ledger/record-event.ts';
import { elementInstances, engineClock, useCamunda, waitUntil } from '../helpers/engine.ts';
import { useTestDb } from '../helpers/test-db.ts';

const { camunda, config } = useCamunda();
const db = useTestDb();
let workers: WorkerHost;

beforeAll(async () => {
  await deployAll(camunda, [path.join(projectRoot, 'test/fixtures/processes/test-timer-chain.bpmn')]);
  workers = await startWorkers({ config, db, camunda, logger: pino({ level: 'silent' }) }, { workers: [recordCaseEvent], checkDiagrams: false });
});
afterAll(() => workers?.stop());

describe('engine chain', () => {
  it('a timer fires when the clock moves, the worker records the event, the instance completes', async () => {
    const { processInstanceKey } = await camunda.rest.createProcessInstance({ processDefinitionId: 'test-timer-chain', variables: {} });
    const key = String(processInstanceKey);

    // advance only once the timer is waiting, or the move happens before it is scheduled
    await waitUntil('the timer to be active', async () => (await elementInstances(camunda, key, 'wait_one_hour', 'ACTIVE')).length > 0);
    expect(await listCaseEvents(db, { processInstanceKey: key })).toHaveLength(0);
    await engineClock.advance(config, 2 * 3600_000);

    const instance = await waitUntil('the instance to complete', async () => {
      const pi = await camunda.operate.getProcessInstance(key as never);
      return pi.state === 'COMPLETED' ? pi : undefined;
    });
    expect(instance.bpmnProcessId).toBe('test-timer-chain');
    // Operate imports element instances separately from the instance: poll for them too
    const completedTasks = await waitUntil('the service task to show as completed', async () => {
      const items = await elementInstances(camunda, key, 'record_event', 'COMPLETED');
      return items.length ? items : undefined;
    });
    expect(completedTasks).toHaveLength(1);

    const events = await listCaseEvents(db, { processInstanceKey: key });
    expect(events.map((e) => e.type)).toEqual(['chain-completed']);
    expect(events[0]!.actor).toBe('worker:ledger.record-event');
    expect(events[0]!.payload).toMatchObject({ elementId: 'record_event', bpmnProcessId: 'test-timer-chain' });
  });
});
