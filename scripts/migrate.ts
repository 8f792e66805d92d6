// npm run migrate: creates the ledger database when missing and applies migrations/.
import { loadConfig } from '../src/config.ts';
import { runMain, say } from '../src/cli.ts';
import { createDb, ensureDatabase, migrateLatest } from '../src/db/database.ts';

runMain('migrate', async () => {
  const config = loadConfig();
  if (await ensureDatabase(config.DATABASE_URL)) say('migrate', `created database ${new URL(config.DATABASE_URL).pathname.slice(1)}`);
  const db = createDb(config.DATABASE_URL);
  try {
    const applied = await migrateLatest(db);
    say('migrate', applied.length ? `applied ${applied.join(', ')}` : 'already up to date');
  } finally {
    await db.destroy();
  }
});
