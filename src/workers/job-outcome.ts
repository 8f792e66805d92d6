// Maps a handler's outcome to the engine: result → complete; RuleError → BPMN error the diagram
// can catch; InputError → failure with no retries (an incident whose message names the fields,
// since the same variables would fail again); anything else → failure with a retry and back-off.
import { refreshEffectiveProfiles } from '../deadlines/profile-registry.ts';
import { InputError, RuleError, inputErrorFromZod } from '../errors.ts';
import { declaredData, hasDeclaredData } from './declared-data.ts';
import type { JobContext, WorkerDeps, WorkerModule } from './worker-module.ts';

/** How long a worker holds a job before the engine hands it to another (per module: timeoutMs). */
export const DEFAULT_JOB_TIMEOUT_MS = 60_000;

export interface EngineJob {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  retries: number;
  /** epoch ms on the engine's clock when the job times out */
  deadline?: string | number;
  variables: Record<string, unknown>;
  customHeaders: Record<string, unknown>;
  complete(variables?: Record<string, unknown>): Promise<unknown>;
  fail(config: { errorMessage: string; retries?: number; retryBackOff?: number }): Promise<unknown>;
  error(config: { errorCode: string; errorMessage?: string; variables: Record<string, unknown> }): Promise<unknown>;
}

/** The job's activation on the engine's clock: its deadline minus the timeout it was activated with. */
export function activationInstant(job: { deadline?: string | number }, worker: Pick<WorkerModule, 'timeoutMs'>): Date {
  const deadline = Number(job.deadline);
  return Number.isFinite(deadline) && deadline > 0 ? new Date(deadline - (worker.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS)) : new Date();
}

export async function runJob(worker: WorkerModule, job: EngineJob, deps: WorkerDeps): Promise<any> {
  const log = deps.logger.child({ jobType: job.type, jobKey: job.key, processInstanceKey: job.processInstanceKey });
  let result: Record<string, unknown> | void;
  try {
    const customHeaders = Object.fromEntries(Object.entries(job.customHeaders ?? {}).map(([k, v]) => [k, String(v)]));
    let variables: unknown = job.variables;
    if (worker.declaredData && hasDeclaredData(customHeaders)) {
      variables = { ...job.variables, [worker.declaredData]: declaredData(customHeaders, job.variables) };
    }
    if (worker.variables) {
      const parsed = worker.variables.safeParse(variables);
      if (!parsed.success) throw inputErrorFromZod(parsed.error, 'variables');
      variables = parsed.data;
    }
    const context: JobContext = {
      key: String(job.key),
      type: job.type,
      processInstanceKey: String(job.processInstanceKey),
      bpmnProcessId: job.bpmnProcessId,
      elementId: job.elementId,
      retries: job.retries,
      variables: variables as Record<string, unknown>,
      customHeaders,
      activatedAt: activationInstant(job, worker),
    };
    // a rule-profile version activated meanwhile applies to this job (decision 0015); no db in unit tests of the host
    if (deps.db) await refreshEffectiveProfiles(deps.db);
    result = await worker.handle(context, deps);
  } catch (error) {
    if (error instanceof RuleError) {
      log.info({ code: error.code }, error.message);
      // the field-level issues (if any) let a diagram route back to the form with per-field messages
      const { issues, variables } = (error.details ?? {}) as { issues?: unknown; variables?: Record<string, unknown> };
      // `variables`: what the diagram shows with the error (the form that comes back), set on the instance with it
      return job.error({ errorCode: error.code, errorMessage: error.message, variables: { ...variables, ruleError: { code: error.code, message: error.message, ...(issues ? { issues } : {}) } } });
    }
    if (error instanceof InputError) {
      log.warn({ issues: error.issues }, 'job input rejected');
      return job.fail({ errorMessage: `作业参数错误 / invalid job variables: ${error.message}`, retries: 0 });
    }
    const message = error instanceof Error ? error.message : String(error);
    log.error({ err: error }, 'job failed');
    const retries = Math.max(job.retries - 1, 0);
    return job.fail({ errorMessage: message, retries, retryBackOff: retries > 0 ? 2_000 * 2 ** Math.max(0, 3 - retries) : 0 });
  }
  // Outside the try: a refused completion (the job timed out and went to another worker, or its
  // element was cancelled) is not a handler failure, and one job gets one action only. The work is
  // already in the ledger under the job key, so the redelivered job returns the same result.
  try {
    return await job.complete(result ?? {});
  } catch (error) {
    log.warn({ err: error }, 'the engine refused the completion (job timed out or cancelled); a redelivery is idempotent');
    return undefined;
  }
}
