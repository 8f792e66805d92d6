// npm run serve:workers — production entry point of the workers (deploy/kubernetes/workers.yaml):
// every external-task topic under workers/ (long polling on the engine), the engine outbox (case
// starts, court events) and the notification outbox sender. No port.
// Reads only loadConfig(); never installs packages, seeds, migrates, deploys or starts an engine:
// it refuses to start without ENGINE_REST_URL or with migrations pending. SIGTERM stops it
// gracefully: the pending long poll ends, fetched tasks are unlocked, tasks in hand finish.
import { loadConfig } from '../src/config.ts';
import { say } from '../src/cli.ts';
import { createDb, pendingMigrations } from '../src/db/database.ts';
import { createLogger } from '../src/logger.ts';
import { createProcessEngine } from '../src/process-engine/create-process-engine.ts';
import { assertEngineUp, createStops, requireEngineRestUrl, startEngineCommands, startWorkerSide, untilSignal } from './runtime.ts';

const log = (line: string) => say('serve:workers', line);
const stops = createStops(log);

async function main(): Promise<void> {
  const config = loadConfig();
  requireEngineRestUrl(config, 'npm run serve:workers');
  const logger = createLogger(config);
  const db = createDb(config.DATABASE_URL);
  stops.add('database pool', () => db.destroy());
  const pending = await pendingMigrations(db);
  if (pending.length) throw new Error(`the ledger database lacks ${pending.length} migration(s) (${pending.join(', ')}): run npm run migrate (the release Job) first.`);
  const engine = createProcessEngine(config);
  const version = await assertEngineUp(engine, config);
  const workers = await startWorkerSide({ config, db, engine, logger }, stops);
  startEngineCommands({ db, engine, logger }, stops);
  log(`${workers.jobTypes.length} topics on ${config.engine.restUrl} (Operaton ${version ?? '?'}); engine and notification outboxes running`);
  log(`stopping on ${await untilSignal()} ...`);
}

main().then(
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
