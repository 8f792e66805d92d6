// db tier: the demo cases `npm start` loads into an empty ledger go through the import of cases in
// progress without a bad cell, land at their stages with deadlines ahead and behind today, and are
// loaded once only. The file has a database of its own (an empty ledger is the precondition).
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../src/db/database.ts';
import { runCaseImports } from '../../../src/imports/case-import-jobs.ts';
import { demoCaseRows, queueDemoCases } from '../../../src/seed/demo-cases.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';

let database: { url: string; drop: () => Promise<void> };
let db: Db;
const today = '2026-06-15'; // a Monday; the rows are dated relative to it

beforeAll(async () => {
  database = await freshLedgerDatabase('yingsu_test_demo_cases');
  db = createDb(database.url, { min: 0, max: 4 });
  await seedDemoRegion(db);
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

describe('demo cases', () => {
  it('an empty ledger gets every demo case at its stage, through the import, and only once', async () => {
    expect(await queueDemoCases(db, today)).toBe(demoCaseRows(today).length);
    expect(await runCaseImports({ db, commands: { kick() {} }, logger: pino({ level: 'silent' }) })).toBe(1);

    const job = await db('import_jobs').first('status', 'errors', 'total', 'processed');
    expect(job).toMatchObject({ status: 'done', total: 7, processed: 7 });
    const cases = await db('cases as c').join('agencies as a', 'a.id', 'c.agency_id').select('a.code', 'c.stage', 'c.complaint_received_on').orderBy('a.code');
    expect(cases.map((c) => [c.code, c.stage])).toEqual([
      ['demo-market', 'answer'],
      ['hunan-dept', 'judgment'],
      ['jinghai-dept', 'judgment'],
      ['liaocheng-dept', 'answer'],
      ['liaocheng-dept', 'registration'],
      ['tengzhou-dept', 'hearing'],
      ['yantai-dept', 'awaiting-hearing'],
    ]);
    // each start waits in the outbox for the engine, at its stage's activity
    const starts = await db('engine_commands').where({ kind: 'start-instance' }).select('start_before_activity');
    expect(starts.map((s) => s.start_before_activity).sort()).toEqual([null, 'cl_answer', 'cl_answer', 'cl_hearing', 'cl_judgment_stage', 'cl_judgment_stage', 'cl_wait_hearing'].sort());

    expect(await queueDemoCases(db, today)).toBe(0);
    expect(await db('import_jobs').count({ n: '*' }).first()).toMatchObject({ n: '1' });
  });
});
