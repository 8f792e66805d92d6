// Runs the worker modules as external-task workers on the engine port: one subscription per
// module (topic = its job type, lock = its timeout), each locked task adapted to the job shape
// runJob maps outcomes for (complete / BPMN error / failure with back-off / no retry for bad input).
// A handler that runs past half its lock has the lock extended, so long work (documents) is never
// handed to a second worker while it is still running. The lock itself is short (at most
// MAX_LOCK_MS, however long the module's timeoutMs): a worker process that dies (kill -9, OOM, a
// lost node) leaves its tasks locked for at most that long, not for the module's whole timeout —
// the chaos run found cases stalled 11 minutes behind a dead worker's notification task.
import type { ExternalTasks, LockedExternalTask } from '../process-engine/process-engine.ts';
import { startExternalTaskLoop, type ExternalTaskLoop } from '../process-engine/external-task-loop.ts';
import { DEFAULT_JOB_TIMEOUT_MS, runJob, type EngineJob } from './job-outcome.ts';
import { parsedValue } from './variable-values.ts';
import type { WorkerDeps, WorkerModule } from './worker-module.ts';

/** Attempts a task gets when the diagram sets none (the engine reports null retries on the first delivery). */
export const DEFAULT_TASK_RETRIES = 3;

/**
 * The longest lock a worker takes on a task; the running handler renews it every half period
 * (holdingLock), so a live worker keeps its task as long as it works and a dead one frees it soon.
 */
export const MAX_LOCK_MS = 30_000;

/** The lock a module's tasks are fetched with: its timeout, capped at MAX_LOCK_MS. */
export function lockPeriodOf(worker: Pick<WorkerModule, 'timeoutMs'>): number {
  return Math.min(worker.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS, MAX_LOCK_MS);
}

/**
 * The task as a job. `timing` (the lock it was fetched with and the module's timeout) makes the
 * job's deadline activation + timeout, as the modules expect (activationInstant), even when the
 * lock is shorter than the timeout.
 */
export function engineJobOf(task: LockedExternalTask, tasks: ExternalTasks, timing?: { lockMs: number; timeoutMs: number }): EngineJob {
  return {
    key: task.id,
    type: task.topic,
    processInstanceKey: task.processInstanceId,
    bpmnProcessId: task.processDefinitionKey,
    elementId: task.activityId,
    retries: task.retries ?? DEFAULT_TASK_RETRIES,
    deadline: task.lockExpiresAt.getTime() + (timing ? timing.timeoutMs - timing.lockMs : 0),
    // lists and objects travel as JSON strings (no JSON variable type): modules get them as values
    variables: Object.fromEntries(Object.entries(task.variables).map(([name, value]) => [name, parsedValue(value)])),
    // an element-template field left empty arrives as "": it means "not set"
    customHeaders: Object.fromEntries(Object.entries(task.properties).filter(([, v]) => v !== '')),
    complete: (variables) => tasks.complete(task, variables),
    fail: ({ errorMessage, retries, retryBackOff }) => tasks.fail(task, { message: errorMessage, retries: retries ?? 0, retryMs: retryBackOff ?? 0 }),
    error: ({ errorCode, errorMessage, variables }) => tasks.bpmnError(task, errorCode, errorMessage ?? errorCode, variables),
  };
}

/** Holds the lock while `work` runs: extended by a full lock period each time half of it has passed. */
async function holdingLock<T>(task: LockedExternalTask, tasks: ExternalTasks, lockMs: number, work: () => Promise<T>, deps: WorkerDeps): Promise<T> {
  const timer = setInterval(() => {
    tasks.extendLock(task, lockMs).catch((error: unknown) => deps.logger.warn({ err: error, externalTaskId: task.id }, 'could not extend the lock'));
  }, Math.max(lockMs / 2, 1000));
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

export function startExternalTaskWorkers(tasks: ExternalTasks, workers: WorkerModule[], deps: WorkerDeps, options: { workerId: string; maxInFlight?: number; longPollMs?: number }): ExternalTaskLoop {
  return startExternalTaskLoop(
    tasks,
    workers.map((worker) => {
      const timeoutMs = worker.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
      const lockMs = lockPeriodOf(worker);
      return {
        topic: worker.jobType,
        lockMs,
        variables: worker.fetchVariables,
        handle: (task: LockedExternalTask) => holdingLock(task, tasks, lockMs, () => runJob(worker, engineJobOf(task, tasks, { lockMs, timeoutMs }), deps), deps),
      };
    }),
    { ...options, logger: deps.logger },
  );
}
