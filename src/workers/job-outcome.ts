// Maps a handler's outcome to the engine: result → complete; RuleError → BPMN error the diagram
// can catch; InputError → failure with no retries (an incident whose message names the fields,
// since the same variables would fail again); anything else → failure with a retry and back-off.
import { InputError, RuleError, inputErrorFromZod } from '../errors.ts';
import type { JobContext, WorkerDeps, WorkerModule } from './worker-module.ts';

interface EngineJob {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  retries: number;
  variables: Record<string, unknown>;
  customHeaders: Record<string, unknown>;
  complete(variables?: Record<string, unknown>): Promise<unknown>;
  fail(config: { errorMessage: string; retries?: number; retryBackOff?: number }): Promise<unknown>;
  error(config: { errorCode: string; errorMessage?: string; variables: Record<string, unknown> }): Promise<unknown>;
}

export async function runJob(worker: WorkerModule, job: EngineJob, deps: WorkerDeps): Promise<any> {
  const log = deps.logger.child({ jobType: job.type, jobKey: job.key, processInstanceKey: job.processInstanceKey });
  try {
    let variables: unknown = job.variables;
    if (worker.variables) {
      const parsed = worker.variables.safeParse(job.variables);
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
      customHeaders: Object.fromEntries(Object.entries(job.customHeaders ?? {}).map(([k, v]) => [k, String(v)])),
    };
    const result = await worker.handle(context, deps);
    return await job.complete(result ?? {});
  } catch (error) {
    if (error instanceof RuleError) {
      log.info({ code: error.code }, error.message);
      // the field-level issues (if any) let a diagram route back to the form with per-field messages
      const issues = (error.details as { issues?: unknown } | undefined)?.issues;
      return job.error({ errorCode: error.code, errorMessage: error.message, variables: { ruleError: { code: error.code, message: error.message, ...(issues ? { issues } : {}) } } });
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
}
