// Unit tier (no engine, no network: fetch is scripted): how the Operaton adapter meets the engine's
// OptimisticLockingException — another transaction changed the same instance at the same moment and
// the engine rolled the call back. A user's task completion is repeated, as a worker's is; other
// errors are not.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOperatonProcessEngine } from '../../../src/process-engine/operaton/operaton-process-engine.ts';

const conflict = () => new Response(JSON.stringify({ type: 'OptimisticLockingException', message: 'ENGINE-03005 Execution of UPDATE VariableInstanceEntity failed' }), { status: 500, headers: { 'content-type': 'application/json' } });
const noContent = () => new Response(null, { status: 204 });

function scriptedEngine(answers: (() => Response)[]) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push(`${init.method} ${new URL(url).pathname}`);
    const next = answers.shift();
    if (!next) throw new Error(`unexpected call ${init.method} ${url}`);
    return next();
  });
  return { engine: createOperatonProcessEngine({ baseUrl: 'http://engine.invalid/engine-rest', user: 'u', password: 'p' }), calls };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the Operaton adapter and conflicting transactions', () => {
  it('repeats a user task completion the engine rolled back for a conflict, and it completes', async () => {
    const { engine, calls } = scriptedEngine([conflict, conflict, noContent]);
    await engine.completeTask('task-1', { approved: true });
    expect(calls).toEqual(Array(3).fill('POST /engine-rest/task/task-1/complete'));
  });

  it('gives up after five conflicts in a row and says so', async () => {
    const { engine, calls } = scriptedEngine(Array(5).fill(conflict));
    await expect(engine.completeTask('task-1', {})).rejects.toThrow(/OptimisticLockingException/);
    expect(calls).toHaveLength(5);
  });

  it('does not repeat a completion the engine refused for another reason', async () => {
    const refused = () => new Response(JSON.stringify({ type: 'ProcessEngineException', message: 'Unknown property used in expression' }), { status: 500 });
    const { engine, calls } = scriptedEngine([refused]);
    await expect(engine.completeTask('task-1', {})).rejects.toThrow(/Unknown property/);
    expect(calls).toHaveLength(1);
  });

  it('repeats a worker completion the same way', async () => {
    const { engine, calls } = scriptedEngine([conflict, noContent]);
    await engine.externalTasks.complete({ id: 'ext-1', workerId: 'w' } as never, { done: true });
    expect(calls).toEqual(Array(2).fill('POST /engine-rest/external-task/ext-1/complete'));
  });
});
