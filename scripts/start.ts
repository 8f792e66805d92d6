// npm start: the whole local deployment in one command.
//   Debian packages → PostgreSQL (database, migrations, demo seed when empty) → Camunda engine
//   (unless the Camunda variables name a cluster) → deployment of processes/ and forms/ → workers →
//   outbox dispatcher and mail catcher → web app. Ctrl-C stops everything it started.
import type { Server } from 'node:http';
import { loadConfig } from '../src/config.ts';
import { say } from '../src/cli.ts';
import { createDb, migrateLatest } from '../src/db/database.ts';
import { createCamundaClients } from '../src/engine/camunda-client.ts';
import { deployAll } from '../src/engine/deploy.ts';
import { startLocalEngine, type RunningEngine } from '../src/engine/local-engine.ts';
import { untilSignalOrExit } from '../src/engine/process-group.ts';
import { createApp } from '../src/http/app.ts';
import { createLogger } from '../src/logger.ts';
import { startMailCatcher, startOutboxDispatcher } from '../src/notifications/index.ts';
import { closeSharedPdfRenderers } from '../src/documents/pdf-renderer.ts';
import { ledgerIsEmpty, seedDemoRegion } from '../src/seed/demo-region.ts';
import { startWorkers } from '../src/workers/worker-host.ts';
import { installDebianPackages } from './setup.ts';
import { assertSupportedNode, preparePostgres } from './preflight.ts';

const log = (line: string) => say('start', line);
const stops: { name: string; stop: () => Promise<unknown> }[] = [];

async function stopAll(): Promise<void> {
  for (const { name, stop } of stops.reverse()) {
    try {
      await stop();
    } catch (error) {
      log(`stopping ${name}: ${(error as Error).message}`);
    }
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  assertSupportedNode();
  const config = loadConfig();
  const logger = createLogger(config);

  installDebianPackages((line) => log(line));

  log('PostgreSQL: database and migrations ...');
  await preparePostgres(config.DATABASE_URL, log);
  const db = createDb(config.DATABASE_URL);
  stops.push({ name: 'database pool', stop: () => db.destroy() });
  const applied = await migrateLatest(db);
  if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
  if (await ledgerIsEmpty(db)) log(`empty ledger: loaded the demo region (${await seedDemoRegion(db)} agencies)`);

  let engine: RunningEngine | undefined;
  if (config.localEngine) {
    engine = await startLocalEngine({ config, name: 'dev', clockControlled: config.CAMUNDA_CLOCK_CONTROLLED, fresh: false, log: (l) => say('engine', l) });
    stops.push({ name: 'engine', stop: () => engine!.stop() });
  } else {
    log(`using the Camunda cluster at ${config.restAddress} (gRPC ${config.grpcAddress})`);
  }

  const camunda = createCamundaClients(config);
  stops.push({ name: 'Camunda clients', stop: () => camunda.close() });
  const deployed = await deployAll(camunda);
  log(`deployed ${deployed.length} resources: ${deployed.map((d) => `${d.id} v${d.version}`).join(', ') || 'none'}`);

  const workers = await startWorkers({ config, db, camunda, logger });
  stops.push({ name: 'workers', stop: () => workers.stop() });
  stops.push({ name: 'PDF renderer', stop: () => closeSharedPdfRenderers() });

  const catcher = config.MAIL_CATCHER_ENABLED
    ? await startMailCatcher({ smtpPort: config.MAIL_CATCHER_SMTP_PORT, httpPort: config.MAIL_CATCHER_HTTP_PORT, host: config.HOST })
    : undefined;
  if (catcher) stops.push({ name: 'mail catcher', stop: () => catcher.stop() });
  const dispatcher = startOutboxDispatcher({ config, db, logger });
  stops.push({ name: 'notification dispatcher', stop: () => dispatcher.stop() });

  const app = createApp({ config, db, camunda, logger });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.PORT, config.HOST, () => resolve(s));
    s.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${config.PORT} on ${config.HOST} is in use: stop the program using it or set PORT`) : error),
    );
  });
  stops.push({ name: 'web app', stop: () => new Promise((r) => server.close(r)) });

  const appUrl = `http://${config.HOST}:${config.PORT}`;
  const lines = [
    '',
    `行政应诉 is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s${engine ? `, Camunda ${engine.version}` : ''}):`,
    `  web app         ${appUrl}            (health: ${appUrl}/healthz, API: ${appUrl}/api)`,
    `  Operate         ${config.operateUrl}`,
    `  Tasklist        ${config.tasklistUrl}`,
    `  REST API        ${config.restAddress}/v2   gRPC ${config.grpcAddress}`,
    ...(catcher ? [`  mail catcher    http://${config.HOST}:${config.MAIL_CATCHER_HTTP_PORT}  (SMTP ${config.HOST}:${config.MAIL_CATCHER_SMTP_PORT})`] : []),
    ...(engine ? [`  login           ${config.CAMUNDA_WEB_USER} / ${config.CAMUNDA_WEB_PASSWORD}  (Operate and Tasklist)`, `  engine logs     ${engine.processes.map((p) => p.logFile).join(', ')}`] : []),
    `  job types       ${workers.jobTypes.join(', ')}`,
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  if (engine) await untilSignalOrExit(engine);
  else await new Promise<void>((resolve) => ['SIGINT', 'SIGTERM'].forEach((s) => process.once(s, () => resolve())));
  log('stopping ...');
}

main().then(
  async () => {
    await stopAll();
    process.exit(0);
  },
  async (error: unknown) => {
    say('start', `失败 / failed: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.DEBUG) console.error(error);
    await stopAll();
    process.exit(1);
  },
);
