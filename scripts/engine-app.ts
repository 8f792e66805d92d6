// npm run engine-app: the Operaton engine app alone, on the local ledger's people — builds it when
// its sources changed, starts it on its own database (yingsu_engine), makes the ledger's people,
// roles and agencies its users, groups and tenants, prints the web apps' addresses and logins,
// and stops it on Ctrl-C. Deploys nothing and starts no worker or web app: for work on the engine or
// the diagrams alone (npm start runs the same engine app with everything else).
import { loadConfig } from '../src/config.ts';
import { runMain, say } from '../src/cli.ts';
import { createDb, migrateLatest } from '../src/db/database.ts';
import { startEngineApp } from '../src/engine/engine-app.ts';
import { untilSignalOrExit } from '../src/engine/process-group.ts';
import { createProcessEngine } from '../src/process-engine/create-process-engine.ts';
import { syncEngineDirectory } from '../src/process-engine/engine-directory.ts';
import { ledgerIsEmpty, seedDemoRegion } from '../src/seed/demo-region.ts';
import { seedDemoAccounts } from '../src/seed/demo-accounts.ts';
import { preparePostgres } from './preflight.ts';

runMain('engine-app', async () => {
  const config = loadConfig();
  const log = (line: string) => say('engine-app', line);
  await preparePostgres(config.DATABASE_URL, log);
  const db = createDb(config.DATABASE_URL);
  try {
    await migrateLatest(db);
    if (await ledgerIsEmpty(db)) log(`empty ledger: loaded the demo region (${await seedDemoRegion(db)} agencies)`);
    await seedDemoAccounts(db, { password: config.ENGINE_INITIAL_PASSWORD, mustChangePassword: false });
    const app = await startEngineApp({ config, name: 'dev', log });
    try {
      log(await syncEngineDirectory(db, createProcessEngine(config), config));
      log(`Cockpit   ${app.webUrl}/app/cockpit/`);
      log(`Tasklist  ${app.webUrl}/app/tasklist/`);
      log(`Admin     ${app.webUrl}/app/admin/`);
      log(`REST API  ${app.restUrl} (basic auth)`);
      log(`logins    ${config.ENGINE_USER} / ${config.ENGINE_PASSWORD} (operator); the ledger's people, e.g. liaocheng-dept-legal / ${config.ENGINE_INITIAL_PASSWORD}`);
      await untilSignalOrExit({ processes: [app.process] });
      log('stopping ...');
    } finally {
      await app.stop();
    }
  } finally {
    await db.destroy();
  }
});
