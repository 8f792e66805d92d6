// npm run seed: loads the demo region (a city government, its justice bureau, departments with
// heads, and agencies in each of the five seed jurisdictions). Safe to run again.
import { loadConfig } from '../src/config.ts';
import { runMain, say } from '../src/cli.ts';
import { createDb, ensureDatabase, migrateLatest } from '../src/db/database.ts';
import { seedDemoRegion } from '../src/seed/demo-region.ts';
import { seedDemoAccounts } from '../src/seed/demo-accounts.ts';

runMain('seed', async () => {
  const config = loadConfig();
  await ensureDatabase(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL);
  try {
    await migrateLatest(db);
    say('seed', `demo region loaded: ${await seedDemoRegion(db)} agencies`);
    // outside the local demo a seeded password is only good for the first login
    const accounts = await seedDemoAccounts(db, { password: config.ENGINE_INITIAL_PASSWORD, mustChangePassword: true });
    say('seed', `accounts: ${accounts} got the initial password (ENGINE_INITIAL_PASSWORD), to be changed at the first login`);
  } finally {
    await db.destroy();
  }
});
