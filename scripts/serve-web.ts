// npm run serve:web — production entry point of the web app (deploy/kubernetes/web.yaml): the case
// API and the workspace on HOST:PORT, plus the engine outbox dispatcher so that a registration or a
// court event is carried out at once (kick()). Several replicas and `serve:workers` may dispatch
// together: commands are claimed with FOR UPDATE SKIP LOCKED and a lease.
// Reads only loadConfig(); never installs packages, seeds, migrates or starts an engine: it refuses
// to start without ENGINE_REST_URL or with migrations pending (the release Job applies them).
// SIGTERM stops it gracefully.
import { loadConfig } from '../src/config.ts';
import { say } from '../src/cli.ts';
import { createDb, pendingMigrations } from '../src/db/database.ts';
import { createApp } from '../src/http/app.ts';
import { createLogger } from '../src/logger.ts';
import { createProcessEngine } from '../src/process-engine/create-process-engine.ts';
import { assertEngineUp, createStops, listen, requireEngineRestUrl, startEngineCommands, untilSignal } from './runtime.ts';

const log = (line: string) => say('serve:web', line);
const stops = createStops(log);

async function main(): Promise<void> {
  const config = loadConfig();
  requireEngineRestUrl(config, 'npm run serve:web');
  const logger = createLogger(config);
  const db = createDb(config.DATABASE_URL);
  stops.add('database pool', () => db.destroy());
  const pending = await pendingMigrations(db);
  if (pending.length) throw new Error(`the ledger database lacks ${pending.length} migration(s) (${pending.join(', ')}): run npm run migrate (the release Job) first.`);
  const engine = createProcessEngine(config);
  const version = await assertEngineUp(engine, config);
  const engineCommands = startEngineCommands({ db, engine, logger }, stops);
  await listen(createApp({ config, db, engine, engineCommands, logger }), config, stops);
  log(`web app on http://${config.HOST}:${config.PORT} (engine ${config.engine.restUrl}, Operaton ${version ?? '?'})`);
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
