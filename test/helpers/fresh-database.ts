// Creates a fresh, migrated ledger database for a test run (used by the global setups). The name
// carries the run's pid so parallel runs on one machine never share or drop each other's database.
import { createDb, migrateLatest, recreateDatabase, dropDatabase } from '../../src/db/database.ts';

export const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';

export async function freshLedgerDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = `${serverUrl}/${prefix}_${process.pid}`;
  await recreateDatabase(url);
  const db = createDb(url);
  try {
    await migrateLatest(db);
  } finally {
    await db.destroy();
  }
  return { url, drop: () => dropDatabase(url) };
}
