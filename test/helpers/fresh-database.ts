// Creates a fresh, migrated ledger database for a test run (used by the global setups).
import { createDb, migrateLatest, recreateDatabase } from '../../src/db/database.ts';

export const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';

export async function freshLedgerDatabase(name: string): Promise<string> {
  const url = `${serverUrl}/${name}`;
  await recreateDatabase(url);
  const db = createDb(url);
  try {
    await migrateLatest(db);
  } finally {
    await db.destroy();
  }
  return url;
}
