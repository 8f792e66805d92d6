// How a handler's outcome reaches the engine: exactly one job action per job, whatever happens.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError, RuleError } from '../../../src/errors.ts';
import { runJob } from '../../../src/workers/job-outcome.ts';
import type { WorkerModule } from '../../../src/workers/worker-module.ts';

function fakeJob(over: { completeRejects?: boolean; variables?: Record<string, unknown> } = {}) {
  const actions: { action: string; arg: any }[] = [];
  const record = (action: string, rejects = false) => async (arg: any) => {
    actions.push({ action, arg });
    if (rejects) throw new Error('5 NOT_FOUND: Command rejected with code COMPLETE: job not activated');
    return 'ack';
  };
  const job = {
    key: '2251799813685249', type: 'test.job', processInstanceKey: '2251799813685200', bpmnProcessId: 'p', elementId: 't', retries: 3,
    variables: over.variables ?? { caseId: 'c1' }, customHeaders: {},
    complete: record('complete', over.completeRejects), fail: record('fail'), error: record('error'),
  };
  return { job, actions };
}

const deps = { logger: pino({ level: 'silent' }) } as any;
const worker = (handle: WorkerModule['handle']): WorkerModule => ({ jobType: 'test.job', description: 'test', variables: z.looseObject({ caseId: z.string() }), handle });

describe('runJob: one action per job', () => {
  it('completes with the handler result', async () => {
    const { job, actions } = fakeJob();
    await runJob(worker(async () => ({ done: true })), job, deps);
    expect(actions).toEqual([{ action: 'complete', arg: { done: true } }]);
  });

  it('a refused completion (job timed out or cancelled) is not turned into a failure', async () => {
    const { job, actions } = fakeJob({ completeRejects: true });
    await expect(runJob(worker(async () => ({ done: true })), job, deps)).resolves.toBeUndefined();
    expect(actions.map((a) => a.action)).toEqual(['complete']);
  });

  it('a RuleError becomes a BPMN error with the code and the field issues', async () => {
    const { job, actions } = fakeJob();
    await runJob(worker(async () => { throw new RuleError('AGENTS_INVALID', '不得仅委托律师', { issues: [{ field: 'agents', message: 'x' }] }); }), job, deps);
    expect(actions).toEqual([{ action: 'error', arg: { errorCode: 'AGENTS_INVALID', errorMessage: '不得仅委托律师', variables: { ruleError: { code: 'AGENTS_INVALID', message: '不得仅委托律师', issues: [{ field: 'agents', message: 'x' }] } } } }]);
  });

  it('bad variables fail the job without retries, naming the field; other errors retry with back-off', async () => {
    const bad = fakeJob({ variables: { caseId: 42 } });
    await runJob(worker(async () => ({})), bad.job, deps);
    expect(bad.actions).toHaveLength(1);
    expect(bad.actions[0]).toMatchObject({ action: 'fail', arg: { retries: 0 } });
    expect(bad.actions[0]!.arg.errorMessage).toContain('caseId');

    const input = fakeJob();
    await runJob(worker(async () => { throw new InputError([{ field: 'headers.stage', message: '缺少' }]); }), input.job, deps);
    expect(input.actions[0]).toMatchObject({ action: 'fail', arg: { retries: 0 } });

    const transient = fakeJob();
    await runJob(worker(async () => { throw new Error('connection reset'); }), transient.job, deps);
    expect(transient.actions).toEqual([{ action: 'fail', arg: { errorMessage: 'connection reset', retries: 2, retryBackOff: 4000 } }]);
  });
});
