// npm start: the whole local deployment in one command.
//   Debian packages → PostgreSQL (database, migrations, demo region, accounts and cases when empty) → the Operaton engine
//   app (engine/, built with Maven when its sources changed; skipped when ENGINE_REST_URL names an
//   engine) → the ledger's people, roles and agencies as engine users, groups and tenants →
//   deployment of processes/ and forms/ → workers → engine outbox → notification outbox and mail
//   catcher → web app. Ctrl-C stops everything it started.
import { loadConfig } from '../src/config.ts';
import { say } from '../src/cli.ts';
import { createDb, migrateLatest } from '../src/db/database.ts';
import { deployAll } from '../src/engine/deploy.ts';
import { startEngineApp, type RunningEngineApp } from '../src/engine/engine-app.ts';
import { untilSignalOrExit } from '../src/engine/process-group.ts';
import { createApp } from '../src/http/app.ts';
import { createLogger } from '../src/logger.ts';
import { startMailCatcher } from '../src/notifications/index.ts';
import { createProcessEngine } from '../src/process-engine/create-process-engine.ts';
import { syncEngineDirectory } from '../src/process-engine/engine-directory.ts';
import { shanghaiDateOf } from '../src/deadlines/dates.ts';
import { queueDemoCases } from '../src/seed/demo-cases.ts';
import { REPORT_KINDS } from '../src/statistics/reports/report-kinds.ts';
import { scheduleReports } from '../src/statistics/reports/report-service.ts';
import { ledgerIsEmpty, seedDemoRegion } from '../src/seed/demo-region.ts';
import { buildWeb } from './build-web.ts';
import { issueDemoAdminToken, seedDemoAccounts } from '../src/seed/demo-accounts.ts';
import { installDebianPackages } from './setup.ts';
import { assertSupportedNode, preparePostgres } from './preflight.ts';
import { assertEngineUp, createStops, listen, startCaseImports, startEngineCommands, startSecuritySweep, startWorkerSide, untilSignal } from './runtime.ts';

const log = (line: string) => say('start', line);
const stops = createStops(log);

async function main(): Promise<void> {
  const started = Date.now();
  assertSupportedNode();
  const config = loadConfig();
  const logger = createLogger(config);

  installDebianPackages((line) => log(line));

  log('PostgreSQL: database and migrations ...');
  await preparePostgres(config.DATABASE_URL, log);
  const db = createDb(config.DATABASE_URL);
  stops.add('database pool', () => db.destroy());
  const applied = await migrateLatest(db);
  if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
  if (await ledgerIsEmpty(db)) log(`empty ledger: loaded the demo region (${await seedDemoRegion(db)} agencies)`);
  // the local demo: a fixed, printed password that need not be changed (npm run seed makes it a must)
  const withPassword = await seedDemoAccounts(db, { password: config.ENGINE_INITIAL_PASSWORD, mustChangePassword: false });
  if (withPassword) log(`demo accounts: ${withPassword} got the password ${config.ENGINE_INITIAL_PASSWORD}`);
  const adminToken = await issueDemoAdminToken(db);
  const demoCases = await queueDemoCases(db);
  if (demoCases) {
    log(`no case in the ledger: ${demoCases} demo cases queued for import (they start once the engine is up)`);
    // the demo's periodic reports: the drafts the year-end and quarter timers would have started for
    // the last period (same outbox keys as the timers, so a later firing starts nothing twice)
    for (const kind of REPORT_KINDS) {
      const scheduled = await scheduleReports(db, { kind, today: shanghaiDateOf(new Date()) });
      log(`demo ${kind === 'annual-report' ? 'annual reports' : 'quarterly circulars'} for ${scheduled.period}: ${scheduled.enqueued} queued`);
    }
  }

  let engineApp: RunningEngineApp | undefined;
  if (config.engine.local) {
    engineApp = await startEngineApp({ config, name: 'dev', log: (l) => say('engine', l) });
    stops.add('engine app', () => engineApp!.stop());
  } else {
    log(`using the engine at ${config.engine.restUrl} (ENGINE_REST_URL)`);
  }
  const engine = createProcessEngine(config);
  const engineVersion = await assertEngineUp(engine, config);

  log(await syncEngineDirectory(db, engine, config));

  const deployed = await deployAll(engine);
  for (const d of deployed) log(`deployed ${d.kind.padEnd(7)} ${d.key} v${d.version} (${d.resource})`);
  if (!deployed.length) log('deployed nothing new: processes/ and forms/ are unchanged since the last deployment');

  const workers = await startWorkerSide({ config, db, engine, logger }, stops);
  const engineCommands = startEngineCommands({ db, engine, logger }, stops);

  const catcher = config.MAIL_CATCHER_ENABLED
    ? await startMailCatcher({ smtpPort: config.MAIL_CATCHER_SMTP_PORT, httpPort: config.MAIL_CATCHER_HTTP_PORT, host: config.HOST })
    : undefined;
  if (catcher) stops.add('mail catcher', () => catcher.stop());

  const caseImports = startCaseImports({ db, logger, engineCommands }, stops);
  startSecuritySweep({ db, config, logger }, stops);
  // the workspace pages: rebuilt only when web/ changed since the last build
  await buildWeb({ log });
  await listen(createApp({ config, db, engine, engineCommands, caseImports, logger }), config, stops);

  const appUrl = `http://${config.HOST}:${config.PORT}`;
  const web = config.engine.webUrl;
  const lines = [
    '',
    `行政应诉 is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s${engineVersion ? `, Operaton ${engineVersion}` : ''}):`,
    `  workspace       ${appUrl}/   (工作台: ledger, case file, task inbox)`,
    `  web app         ${appUrl}   (health: ${appUrl}/healthz, API: ${appUrl}/api)`,
    `  Cockpit         ${web}/app/cockpit/`,
    `  Tasklist        ${web}/app/tasklist/`,
    `  Admin           ${web}/app/admin/`,
    `  REST API        ${config.engine.restUrl}   (basic auth)`,
    ...(catcher ? [`  mail catcher    http://${config.HOST}:${config.MAIL_CATCHER_HTTP_PORT}   (SMTP ${config.HOST}:${config.MAIL_CATCHER_SMTP_PORT})`] : []),
    `  logins          web app: admin / ${config.ENGINE_INITIAL_PASSWORD} and the ledger's people with ${config.ENGINE_INITIAL_PASSWORD}, e.g. liaocheng-dept-legal / ${config.ENGINE_INITIAL_PASSWORD} (README lists them)`,
    `                  engine web apps: ${config.ENGINE_USER} / ${config.ENGINE_PASSWORD} (operator) and the same people`,
    `  admin token     ${adminToken}   (Authorization: Bearer …; shown once, stored hashed; a new one at every start)`,
    ...(engineApp ? [`  engine log      ${engineApp.process.logFile}`] : []),
    `  topics          ${workers.jobTypes.length} (${workers.jobTypes.join(', ')})`,
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  if (engineApp) await untilSignalOrExit({ processes: [engineApp.process] });
  else await untilSignal();
  log('stopping ...');
}

main().then(
  async () => {
    await stops.stopAll();
    process.exit(0);
  },
  async (error: unknown) => {
    say('start', `失败 / failed: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.DEBUG) console.error(error);
    await stops.stopAll();
    process.exit(1);
  },
);
