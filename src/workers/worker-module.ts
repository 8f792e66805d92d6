// The contract of a module under workers/: one job type per module, a thin adapter over src/.
import type { ZodType } from 'zod';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';

/** What a handler may use. Not the engine: the host talks to it, a handler only returns results. */
export interface WorkerDeps {
  config: Config;
  db: Db;
  logger: Logger;
}

/** What a handler sees of a job: enough to key idempotent writes and to explain incidents. */
export interface JobContext<V = Record<string, unknown>> {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  retries: number;
  variables: V;
  customHeaders: Record<string, string>;
  /**
   * When the engine handed the job out, on the ENGINE's clock (job deadline − job timeout): the
   * "today" of a rule decision, so a case follows the engine's time (and a test's controlled clock),
   * not the worker machine's.
   */
  activatedAt: Date;
}

export interface WorkerModule<V = any> {
  /** the job type: the external-task topic in the diagrams (camunda:topic) */
  jobType: string;
  description: string;
  /** job variables are parsed with it; a failure becomes an incident naming the fields */
  variables?: ZodType<V>;
  /** variables to fetch (default: all) */
  fetchVariables?: string[];
  timeoutMs?: number;
  /**
   * The variable a diagram may declare on the task instead of computing it (headers data.* and
   * dataBuilder, see declared-data.ts), e.g. documentData. The module then fetches every variable.
   */
  declaredData?: string;
  /** returns the variables to complete the job with */
  handle(job: JobContext<V>, deps: WorkerDeps): Promise<Record<string, unknown> | void>;
}
