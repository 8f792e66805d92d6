// Discovers the modules under workers/ (one job type each, at the path its job type names),
// checks that every job type the diagrams use has a worker, registers them on the engine and stops
// them gracefully.
import { readdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../config.ts';
import { readAllDiagrams } from '../engine/bpmn-catalog.ts';
import type { ExternalTasks } from '../process-engine/process-engine.ts';
import { startExternalTaskWorkers } from './external-task-host.ts';
import type { WorkerDeps, WorkerModule } from './worker-module.ts';

export const workersDirectory = path.join(projectRoot, 'workers');
export const processesDirectory = path.join(projectRoot, 'processes');

/** Where the module of a job type lives: `hearing.decide-appearance` → `hearing/decide-appearance.ts`. */
export function workerPathOf(jobType: string): string {
  return `${jobType.split('.').join('/')}.ts`;
}

/**
 * Loads every module under `dir` (recursively). Start-up fails when a module's path does not name
 * its job type, so a BPMN task's topic always leads straight to its file (and, one path per job
 * type, no job type can be implemented twice).
 */
export async function discoverWorkers(dir = workersDirectory): Promise<WorkerModule[]> {
  const files = (await readdir(dir, { recursive: true }))
    .map((file) => file.split(path.sep).join('/'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();
  const modules: WorkerModule[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as Partial<WorkerModule>;
    if (typeof mod.jobType !== 'string' || typeof mod.handle !== 'function') {
      throw new Error(`workers/${file} must export "jobType" and "handle" (see src/workers/worker-module.ts)`);
    }
    const expected = workerPathOf(mod.jobType);
    if (file !== expected) {
      throw new Error(`workers/${file} implements job type "${mod.jobType}", so it must be workers/${expected} (the path names the job type)`);
    }
    modules.push(mod as WorkerModule);
  }
  return modules;
}

/** Job types used by the diagrams that no worker implements, with the elements using them. */
export async function findMissingJobTypes(workers: WorkerModule[], processesDir = processesDirectory) {
  const implemented = new Set(workers.map((w) => w.jobType));
  const missing = new Map<string, string[]>();
  for (const diagram of await readAllDiagrams(processesDir)) {
    for (const { type, elementId } of diagram.jobTypes) {
      if (implemented.has(type)) continue;
      const where = `${path.basename(diagram.file)}#${elementId}`;
      missing.set(type, [...(missing.get(type) ?? []), where]);
    }
  }
  return [...missing.entries()].map(([jobType, usedBy]) => ({ jobType, usedBy }));
}

export interface WorkerHost {
  jobTypes: string[];
  stop(): Promise<void>;
}

/** Subscribes every worker module to its topic on the engine (external tasks); handlers get `deps` only. */
export async function startWorkers(
  externalTasks: ExternalTasks,
  deps: WorkerDeps,
  /** longPollMs: how long a fetch waits for work; stop() waits for the pending one (tests use a short one) */
  options: { workers?: WorkerModule[]; checkDiagrams?: boolean; workerId?: string; longPollMs?: number } = {},
): Promise<WorkerHost> {
  const workers = options.workers ?? (await discoverWorkers());
  if (options.checkDiagrams !== false) {
    const missing = await findMissingJobTypes(workers);
    if (missing.length) {
      throw new Error(
        `the diagrams use topics that no module in workers/ implements: ` + missing.map((m) => `${m.jobType} (${m.usedBy.join(', ')})`).join('; '),
      );
    }
  }
  const loop = startExternalTaskWorkers(externalTasks, workers, deps, { workerId: options.workerId ?? `workers-${hostname()}-${process.pid}`, longPollMs: options.longPollMs });
  deps.logger.info({ topics: loop.topics }, 'workers subscribed');
  return { jobTypes: loop.topics, stop: () => loop.stop() };
}
