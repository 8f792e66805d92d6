// The run's ledger database (created and migrated by the project's global setup).
import { afterAll, inject } from 'vitest';
import { createDb, type Db } from '../../src/db/database.ts';

/** A knex handle to the run's database, destroyed after the file's tests. */
export function useTestDb(): Db {
  const db = createDb(inject('databaseUrl'), { min: 0, max: 4 });
  afterAll(() => db.destroy());
  return db;
}
