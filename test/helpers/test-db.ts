// The run's ledger database (created and migrated by the project's global setup).
import { randomUUID } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { createDb, type Db } from '../../src/db/database.ts';

/** A knex handle to the run's database, destroyed after the file's tests. */
export function useTestDb(): Db {
  const db = createDb(inject('databaseUrl'), { min: 0, max: 4 });
  afterAll(() => db.destroy());
  return db;
}

/** A case inserted straight into the ledger (no process): the columns a scenario needs, the rest a plain first-instance suit. */
export async function insertLedgerCase(db: Db, columns: Record<string, unknown> & { agency_id: string }, plaintiffs: { name: string; type: string }[] = [{ name: '张某', type: 'person' }]) {
  const [row] = await db('cases')
    .insert({
      case_number: `（2026）测行初${randomUUID().slice(0, 8)}号`,
      court: '测试市中级人民法院',
      level: 'first',
      cause: '行政处罚',
      act_description: '2026年3月1日作出的行政处罚决定',
      plaintiff_count: plaintiffs.length,
      complaint_received_on: '2026-03-02',
      ...columns,
    })
    .returning('*');
  await db('case_parties').insert(plaintiffs.map((p, i) => ({ case_id: row.id, role: 'plaintiff', name: p.name, type: p.type, position: i })));
  return row;
}
