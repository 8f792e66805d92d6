// App tier (no engine): worker modules run as external-task workers on the engine port's fake —
// the variables and extension properties reach the handler, and each outcome reaches the engine
// as exactly one action (complete, BPMN error, failure with or without retries); long work keeps its lock.
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RuleError } from '../../../src/errors.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import type { ExternalTaskLoop } from '../../../src/process-engine/external-task-loop.ts';
import { MAX_LOCK_MS, startExternalTaskWorkers } from '../../../src/workers/external-task-host.ts';
import type { JobContext, WorkerDeps, WorkerModule } from '../../../src/workers/worker-module.ts';

const deps = { logger: pino({ level: 'silent' }) } as unknown as WorkerDeps;
let loop: ExternalTaskLoop | undefined;
afterEach(async () => {
  await loop?.stop();
  loop = undefined;
});

const until = async (what: string, check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

function run(worker: WorkerModule) {
  const engine = createFakeProcessEngine();
  loop = startExternalTaskWorkers(engine.externalTasks, [worker], deps, { workerId: 'unit', longPollMs: 10 });
  return engine;
}

const module = (handle: WorkerModule['handle'], over: Partial<WorkerModule> = {}): WorkerModule => ({
  jobType: 'test.topic',
  description: 'test',
  variables: z.looseObject({ caseId: z.string() }),
  handle,
  ...over,
});

describe('external-task worker host', () => {
  it('hands the handler the variables and the properties (an empty one is "not set"), and completes with its result', async () => {
    let seen: JobContext | undefined;
    const engine = run(module(async (job) => ((seen = job), { stage: 'answer' })));
    engine.addExternalTask({ id: 't1', topic: 'test.topic', variables: { caseId: 'c1' }, properties: { documentKind: 'answer-brief', formats: '' }, processDefinitionKey: 'hearing', activityId: 'render' });
    await until('the outcome', () => engine.outcomes.length === 1);
    expect(engine.outcomes).toEqual([{ taskId: 't1', kind: 'complete', variables: { stage: 'answer' } }]);
    expect(seen).toMatchObject({ key: 't1', type: 'test.topic', bpmnProcessId: 'hearing', elementId: 'render', retries: 3, variables: { caseId: 'c1' }, customHeaders: { documentKind: 'answer-brief' } });
  });

  it('turns a RuleError into a BPMN error with its code, and bad variables into a failure without retries', async () => {
    const engine = run(module(async () => {
      throw new RuleError('AGENTS_INVALID', '委托代理人不符合规定');
    }));
    engine.addExternalTask({ id: 'rule', topic: 'test.topic', variables: { caseId: 'c1' } });
    engine.addExternalTask({ id: 'bad', topic: 'test.topic', variables: { caseId: 42 } });
    await until('two outcomes', () => engine.outcomes.length === 2);
    const byTask = Object.fromEntries(engine.outcomes.map((o) => [o.taskId, o]));
    expect(byTask.rule).toMatchObject({ kind: 'bpmnError', errorCode: 'AGENTS_INVALID', message: '委托代理人不符合规定' });
    expect(byTask.rule!.variables).toEqual({ ruleError: { code: 'AGENTS_INVALID', message: '委托代理人不符合规定' } });
    expect(byTask.bad).toMatchObject({ kind: 'fail', retries: 0 });
    expect(byTask.bad!.message).toContain('variables.caseId');
  });

  it('retries a crashing handler with one fewer retry each time, then leaves an incident (retries 0)', async () => {
    let attempts = 0;
    const engine = run(module(async () => {
      attempts += 1;
      throw new Error('database unreachable');
    }));
    engine.addExternalTask({ id: 'flaky', topic: 'test.topic', variables: { caseId: 'c1' } });
    await until('the last failure', () => engine.outcomes.some((o) => o.retries === 0), 10_000);
    expect(engine.outcomes.map((o) => [o.kind, o.retries])).toEqual([
      ['fail', 2],
      ['fail', 1],
      ['fail', 0],
    ]);
    expect(attempts).toBe(3);
  });

  it('extends the lock of long work while it runs', async () => {
    const engine = run(module(async () => {
      await new Promise((r) => setTimeout(r, 2600));
      return {};
    }, { timeoutMs: 2000 }));
    const extendLock = engine.externalTasks.extendLock;
    let extended = 0;
    engine.externalTasks.extendLock = async (task, ms) => {
      extended += 1;
      return extendLock(task, ms);
    };
    engine.addExternalTask({ id: 'slow', topic: 'test.topic', variables: { caseId: 'c1' } });
    await until('the completion', () => engine.outcomes.length === 1, 10_000);
    expect(engine.outcomes[0]).toMatchObject({ kind: 'complete' });
    expect(extended).toBeGreaterThanOrEqual(2);
  });

  // found by the chaos run (docs/chaos.md): the notification worker locked its tasks for its whole
  // 11-minute timeout, so a killed workers process stalled those cases for 11 minutes
  it('locks a task for at most MAX_LOCK_MS however long the module may work, and still tells the handler when the job was activated', async () => {
    let seen: JobContext | undefined;
    const engine = createFakeProcessEngine();
    const fetchAndLock = engine.externalTasks.fetchAndLock;
    const locks: number[] = [];
    engine.externalTasks.fetchAndLock = async (request) => {
      locks.push(...request.topics.map((t) => t.lockMs));
      return fetchAndLock(request);
    };
    loop = startExternalTaskWorkers(engine.externalTasks, [module(async (job) => ((seen = job), {}), { timeoutMs: 11 * 60_000 })], deps, { workerId: 'unit', longPollMs: 10 });
    const before = Date.now();
    engine.addExternalTask({ id: 'notify', topic: 'test.topic', variables: { caseId: 'c1' } });
    await until('the completion', () => engine.outcomes.length === 1);
    expect(new Set(locks)).toEqual(new Set([MAX_LOCK_MS]));
    expect(MAX_LOCK_MS).toBeLessThanOrEqual(30_000);
    expect(seen!.activatedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(seen!.activatedAt.getTime()).toBeLessThanOrEqual(Date.now());
  });
});
