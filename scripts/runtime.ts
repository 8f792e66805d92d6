// What `npm start`, `npm run serve:web` and `npm run serve:workers` share: the engine check, the
// background services (workers, engine outbox, notification outbox, security sweeper), the web server, and stopping
// everything in reverse order of starting it.
import { answerClientErrorsAsJson } from '../src/http/client-errors.ts';
import type { Server } from 'node:http';
import { say } from '../src/cli.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { createDb, pendingMigrations, type Db } from '../src/db/database.ts';
import { closeSharedPdfRenderers } from '../src/documents/pdf-renderer.ts';
import { startEngineCommandDispatcher, type EngineCommandDispatcher } from '../src/engine-commands/engine-command-dispatcher.ts';
import { startCaseImportRunner, type CaseImportRunner } from '../src/imports/case-import-jobs.ts';
import { createLogger, type Logger } from '../src/logger.ts';
import { startSecuritySweeper } from '../src/auth/security-sweeper.ts';
import { startQuotaMonitor } from '../src/assessment/quota-monitor.ts';
import { startOutboxDispatcher } from '../src/notifications/index.ts';
import { createProcessEngine } from '../src/process-engine/create-process-engine.ts';
import type { ProcessEngine } from '../src/process-engine/process-engine.ts';
import { startWorkers, type WorkerHost } from '../src/workers/worker-host.ts';

export type Log = (line: string) => void;

/** Stops what was started, last started first; a failing stop is logged and the rest still stop. */
export function createStops(log: Log) {
  const stops: { name: string; stop: () => Promise<unknown> }[] = [];
  return {
    add(name: string, stop: () => Promise<unknown>) {
      stops.push({ name, stop });
    },
    async stopAll() {
      for (const { name, stop } of stops.splice(0).reverse()) {
        try {
          await stop();
        } catch (error) {
          log(`stopping ${name}: ${(error as Error).message}`);
        }
      }
    },
  };
}
export type Stops = ReturnType<typeof createStops>;

/** The production entry points never start an engine: they need ENGINE_REST_URL. */
export function requireEngineRestUrl(config: Config, command: string): void {
  if (config.engine.local) {
    throw new Error(`${command} needs ENGINE_REST_URL (the engine's REST API, e.g. http://yingsu-engine:8080/engine-rest); for a local engine use npm start.`);
  }
}

/** Fails with one sentence when the engine does not answer the service login. */
export async function assertEngineUp(engine: ProcessEngine, config: Config): Promise<string | undefined> {
  const health = await engine.health();
  if (!health.up) throw new Error(`the engine at ${config.engine.restUrl} does not answer (${health.reason}); check ENGINE_REST_URL, ENGINE_USER and ENGINE_PASSWORD.`);
  return health.version;
}

/** The court-event and instance-start outbox, carried out through the engine port. */
export function startEngineCommands(deps: { db: Db; engine: ProcessEngine; logger: Logger }, stops: Stops): EngineCommandDispatcher {
  const dispatcher = startEngineCommandDispatcher(deps);
  stops.add('engine command dispatcher', () => dispatcher.stop());
  return dispatcher;
}

/** Ended sessions, unfinished single sign-on logins and spent login-throttle counters, swept every 15 minutes. */
export function startSecuritySweep(deps: { db: Db; config: Config; logger: Logger }, stops: Stops): void {
  const sweeper = startSecuritySweeper(deps);
  stops.add('security sweeper', () => sweeper.stop());
}

/** The import of cases in progress: jobs stored by POST /api/imports, registered in the background (resumed after a restart). */
export function startCaseImports(deps: { db: Db; logger: Logger; engineCommands: { kick(): void } }, stops: Stops): CaseImportRunner {
  const runner = startCaseImportRunner({ db: deps.db, commands: deps.engineCommands, logger: deps.logger });
  stops.add('case import runner', () => runner.stop());
  return runner;
}

/** The external-task workers (every module under workers/), the notification outbox sender and the quota monitor. */
export async function startWorkerSide(deps: { config: Config; db: Db; engine: ProcessEngine; logger: Logger }, stops: Stops): Promise<WorkerHost> {
  const { config, db, engine, logger } = deps;
  const workers = await startWorkers(engine.externalTasks, { config, db, logger });
  stops.add('workers', () => workers.stop());
  stops.add('PDF renderer', () => closeSharedPdfRenderers());
  const notifications = startOutboxDispatcher({ config, db, logger });
  stops.add('notification dispatcher', () => notifications.stop());
  // the yearly quotas (docs/assessment.md): warnings go out through the outbox just started
  const quotas = startQuotaMonitor({ config, db, logger });
  stops.add('quota monitor', () => quotas.stop());
  return workers;
}

/** Listens on HOST:PORT; a busy port fails with the fix. */
export async function listen(app: { listen: (port: number, host: string, cb: () => void) => Server }, config: Config, stops: Stops): Promise<Server> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = answerClientErrorsAsJson(app.listen(config.PORT, config.HOST, () => resolve(s)));
    s.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${config.PORT} on ${config.HOST} is in use: stop the program using it or set PORT`) : error),
    );
  });
  stops.add('web app', () => new Promise((r) => server.close(r)));
  return server;
}

/** Resolves on SIGINT, SIGTERM or SIGHUP (Kubernetes stops a pod with SIGTERM). */
export function untilSignal(): Promise<NodeJS.Signals> {
  const keepAlive = setInterval(() => undefined, 1 << 30);
  return new Promise<NodeJS.Signals>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => resolve(signal));
  }).finally(() => clearInterval(keepAlive));
}

/**
 * What a production entry point (serve:web, serve:workers) stands on: the configuration with an
 * engine named, a ledger whose migrations are all applied, an engine that answers. Refuses with one
 * sentence otherwise. Runs `main`, then stops everything; exit code 1 on failure.
 */
export function runProductionEntryPoint(
  command: string,
  main: (runtime: { config: Config; logger: Logger; db: Db; engine: ProcessEngine; version: string | undefined; stops: Stops; log: Log }) => Promise<void>,
): void {
  const log: Log = (line) => say(command, line);
  const stops = createStops(log);
  const run = async () => {
    const config = loadConfig();
    requireEngineRestUrl(config, `npm run ${command}`);
    const logger = createLogger(config);
    const db = createDb(config.DATABASE_URL);
    stops.add('database pool', () => db.destroy());
    const pending = await pendingMigrations(db);
    if (pending.length) throw new Error(`the ledger database lacks ${pending.length} migration(s) (${pending.join(', ')}): run npm run migrate (the release Job) first.`);
    const engine = createProcessEngine(config);
    const version = await assertEngineUp(engine, config);
    await main({ config, logger, db, engine, version, stops, log });
    log(`stopping on ${await untilSignal()} ...`);
  };
  run().then(
    async () => {
      await stops.stopAll();
      process.exit(0);
    },
    async (error: unknown) => {
      log(`失败 / failed: ${error instanceof Error ? error.message : String(error)}`);
      await stops.stopAll();
      process.exit(1);
    },
  );
}
