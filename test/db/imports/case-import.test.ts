// db tier (the app on the fake engine): import of cases in progress — the template, a file with
// bad cells (every one reported, nothing imported), a good file (each case registered with its
// stage, dates, deadlines and the start command at its stage's activity), the same file again (no
// duplicates), a job interrupted before it ran (taken up by the runner), the scope, and the 400s of
// the upload itself. The file has a database of its own: its runner and start commands must not
// meet the other files' (the outbox tests count the commands they dispatch).
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import request from 'supertest';
import { loadConfig } from '../../../src/config.ts';
import { dispatchDueCommands } from '../../../src/engine-commands/engine-command-dispatcher.ts';
import { createApp } from '../../../src/http/app.ts';
import { runCaseImports, startCaseImportRunner, type CaseImportRunner } from '../../../src/imports/case-import-jobs.ts';
import { IMPORT_COLUMNS } from '../../../src/imports/case-import-sheet.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { binaryBody } from '../../helpers/binary-body.ts';
import { excelDate, importWorkbook, type ImportSheetRow } from '../../../src/imports/import-workbook.ts';
import { userOf, withToken } from '../../helpers/principal.ts';
import type { Express } from 'express';
import { createDb, type Db } from '../../../src/db/database.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';
import { waitUntil } from '../../helpers/wait-until.ts';

const logger = pino({ level: 'silent' });
const engine = createFakeProcessEngine();
let runner: CaseImportRunner | undefined;
let database: { url: string; drop: () => Promise<void> };
let db: Db;
let bare: Express;
let clerk: Express;
let clerkUser: Awaited<ReturnType<typeof userOf>>;
const token = `IMP${randomUUID().slice(0, 6)}`;
const row = (n: number, extra: ImportSheetRow = {}): ImportSheetRow => ({
  被告机关: 'tengzhou-dept',
  案号: `（2025）鲁0481行初${token}${n}号`,
  审级: '一审',
  法院: '滕州市人民法院',
  案由: '行政处罚',
  被诉行政行为: '滕州市某局作出的罚款决定',
  原告: '滕州市某某建材有限公司、王某',
  收到起诉状日期: excelDate('2025-11-03'),
  当前阶段: '答辩举证',
  ...extra,
});
const upload = (app: Express, file: Buffer, name = '存量台账.xlsx') => request(app).post('/api/imports').attach('file', file, name);
const waitDone = (app: Express, id: string) => waitUntil(`import ${id} finished`, async () => {
  const res = await request(app).get(`/api/imports/${id}`);
  return res.body.status !== 'importing' && res.body;
});

beforeAll(async () => {
  database = await freshLedgerDatabase('yingsu_test_import');
  db = createDb(database.url, { min: 0, max: 4 });
  bare = createApp({ config: loadConfig(), db, engine, engineCommands: { kick() {} }, caseImports: { kick: () => runner?.kick() }, logger });
  await seedDemoRegion(db);
  clerkUser = await userOf(db, 'tengzhou-dept');
  clerk = withToken(bare, clerkUser);
  runner = startCaseImportRunner({ db, commands: { kick() {} }, logger }, { pollMs: 60_000 });
});
afterAll(async () => {
  await runner?.stop();
  await db?.destroy();
  await database?.drop();
});

describe('import of cases in progress', () => {
  it('GET /api/imports/template.xlsx: the template with the Chinese columns and their instructions', async () => {
    const res = await request(clerk).get('/api/imports/template.xlsx').buffer(true).parse(binaryBody);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    const headers = (workbook.getWorksheet('存量案件')!.getRow(1).values as string[]).slice(1);
    expect(headers).toEqual(IMPORT_COLUMNS.map((c) => (c.required ? `${c.header}*` : c.header)));
    expect(headers).toContain('当前阶段*');
    expect(workbook.getWorksheet('填写说明')!.rowCount).toBeGreaterThan(IMPORT_COLUMNS.length);
  });

  it('a file with bad rows: 400 IMPORT_INVALID with every bad cell, and nothing imported', async () => {
    const file = await importWorkbook([
      row(1),
      row(2, { 被告机关: 'nowhere-dept', 收到起诉状日期: '2025-02-30', 审级: '三审' }),
      row(3, { 当前阶段: '出庭应诉' }), // no hearing time
      row(4, { 原告: null, 当前阶段: '裁判与上诉', 裁判文书类型: '判决', 裁判结果: '赢了' }),
      row(1), // the same case twice
      row(6, { 被告机关: 'liaocheng-dept' }), // another agency: out of the clerk's scope
      row(7, { 收到起诉状日期: excelDate('2099-01-01') }),
    ]);
    const before = await db('cases').where('case_number', 'like', `%${token}%`).count({ n: '*' });
    const res = await upload(clerk, file);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('IMPORT_INVALID');
    const cells = res.body.error.rows.map((r: any) => `${r.row}${r.column} ${r.field}`);
    expect(cells).toEqual([
      '3A agency',
      '3C level',
      '3I complaintReceivedOn',
      '4L hearingAt',
      '5G plaintiffs',
      '5N judgmentOutcome',
      '5O judgmentServedOn',
      '6B caseNumber',
      '7A agency',
      '8I complaintReceivedOn',
    ]);
    expect(res.body.error.rows.find((r: any) => r.field === 'hearingAt').message).toBe('阶段为“出庭应诉”时必须填写开庭时间');
    expect(res.body.error.rows.find((r: any) => r.row === 6).message).toBe('与第 2 行重复（同一机关、同一审级、同一案号）');
    expect(res.body.error.rows.find((r: any) => r.row === 7).message).toContain('不在您的管辖范围内');
    expect(await db('cases').where('case_number', 'like', `%${token}%`).count({ n: '*' })).toEqual(before);
    const job = await request(clerk).get(`/api/imports/${res.body.error.importId}`);
    expect(job.body).toMatchObject({ status: 'invalid', processed: 0, caseIds: [], errors: res.body.error.rows });
  });

  it('a good file: 202, then every case registered at its stage with its dates, deadlines and the start at that stage', async () => {
    const file = await importWorkbook([
      row(10, { 当前阶段: '收件登记', 收到起诉状日期: excelDate('2025-12-01') }),
      row(11, { 涉企: '是' }),
      row(12, { 当前阶段: '答辩完毕，等待开庭', 答辩提交日期: '2025年11月14日' }),
      row(13, { 当前阶段: '出庭应诉', 答辩提交日期: excelDate('2025-11-14'), 开庭时间: '2025-12-10 09:30' }),
      row(14, { 当前阶段: '裁判与上诉', 裁判文书类型: '判决', 裁判结果: '败诉', 裁判文书送达日期: excelDate('2026-01-20'), 审级: '二审', 原告人数: 3 }),
    ]);
    const res = await upload(clerk, file);
    expect(res.status).toBe(202);
    const job = await waitDone(clerk, res.body.id);
    expect(job).toMatchObject({ status: 'done', total: 5, processed: 5, errors: [] });
    expect(job.caseIds).toHaveLength(5);
    const cases = await db('cases').whereIn('id', job.caseIds).orderBy('case_number');
    expect(cases.map((c: any) => [c.case_number.replace(/.*(\d\d)号$/, '$1'), c.stage, c.level, c.answer_submitted_on])).toEqual([
      ['10', 'registration', 'first', null],
      ['11', 'answer', 'first', null],
      ['12', 'awaiting-hearing', 'first', '2025-11-14'],
      ['13', 'hearing', 'first', '2025-11-14'],
      ['14', 'judgment', 'second', null],
    ]);
    const byNo = (n: number) => cases.find((c: any) => c.case_number.endsWith(`${token}${n}号`));
    expect(byNo(14)).toMatchObject({ plaintiff_count: 3 });
    expect(byNo(11).flags).toMatchObject({ enterpriseRelated: true });
    // the parties, typed by their names
    expect(await db('case_parties').where({ case_id: byNo(10).id }).orderBy('position').select('name', 'type')).toEqual([
      { name: '滕州市某某建材有限公司', type: 'enterprise' },
      { name: '王某', type: 'person' },
    ]);
    // known dates give their deadlines (Tengzhou: the answer in 15 days, the justice-bureau filing in 5 working days)
    const answerDue = await db('case_deadlines').where({ case_id: byNo(11).id, rule_id: 'answer-and-evidence' }).whereNull('superseded_at').first('due_on');
    expect(answerDue.due_on).toBe('2025-11-18');
    expect(await db('case_deadlines').where({ case_id: byNo(14).id, rule_id: 'appeal-judgment' }).whereNull('superseded_at').pluck('due_on')).toEqual(['2026-02-04']);
    // the start commands name the activity of each stage
    const commands = await db('engine_commands').whereIn('case_id', job.caseIds).select('case_id', 'start_before_activity', 'variables');
    const startOf = (n: number) => commands.find((c: any) => c.case_id === byNo(n).id);
    expect([10, 11, 12, 13, 14].map((n) => startOf(n).start_before_activity)).toEqual([null, 'cl_answer', 'cl_wait_hearing', 'cl_hearing', 'cl_judgment_stage']);
    expect(startOf(13).variables).toMatchObject({ hearingAt: '2025-12-10T09:30:00+08:00', answerSubmittedOn: '2025-11-14', agencyId: byNo(13).agency_id, profile: 'tengzhou' });
    expect(startOf(14).variables).toMatchObject({ judgmentKind: 'judgment', judgmentOutcome: 'lost', judgmentServedOn: '2026-01-20', level: 'second' });
    // the outbox starts each instance there (the fake engine records where)
    await dispatchDueCommands({ db, engine, logger });
    const instance = (n: number) => engine.instances.find((i) => i.businessKey === byNo(n).id)!;
    expect(instance(10).startBeforeActivityIds).toEqual([]);
    expect(instance(13).startBeforeActivityIds).toEqual(['cl_hearing']);
    // the ledger shows the imported judgment's outcome
    const ledger = await request(clerk).get('/api/cases').query({ q: `${token}14` });
    expect(ledger.body.items).toEqual([expect.objectContaining({ stage: 'judgment', outcome: 'lost' })]);

    // the same file again: the same job, no second case
    const again = await upload(clerk, file, '再次上传.xlsx');
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(res.body.id);
    // another file naming the same cases: registered once, the existing cases linked
    const overlapping = await upload(clerk, await importWorkbook([row(11, { 涉企: '是' }), row(15)]));
    const second = await waitDone(clerk, overlapping.body.id);
    expect(second).toMatchObject({ status: 'done', total: 2, processed: 2 });
    expect(second.caseIds[0]).toBe(byNo(11).id);
    expect(await db('cases').where('case_number', 'like', `%${token}1_号`).count({ n: '*' })).toEqual([{ n: '6' }]);
  });

  it('a job stored but not run (the process stopped) is taken up by the next runner', async () => {
    const res = await request(withToken(createApp({ config: loadConfig(), db, engine, engineCommands: { kick() {} }, logger }), clerkUser))
      .post('/api/imports')
      .attach('file', await importWorkbook([row(20), row(21)]), 'x.xlsx');
    expect(res.status).toBe(202);
    expect((await db('import_jobs').where({ id: res.body.id }).first()).status).toBe('importing');
    await runCaseImports({ db, commands: { kick() {} }, logger });
    expect(await request(clerk).get(`/api/imports/${res.body.id}`).then((r) => r.body)).toMatchObject({ status: 'done', processed: 2, caseIds: [expect.any(String), expect.any(String)] });
  });

  it('the upload itself: 400 naming the field file; a job is shown only to its uploader', async () => {
    const none = await request(clerk).post('/api/imports').send({});
    expect(none.status).toBe(400);
    expect(none.body.error.fields).toEqual([{ field: 'file', message: expect.stringContaining('.xlsx') }]);
    const notXlsx = await upload(clerk, Buffer.from('案号,法院\n1,2'), 'ledger.csv');
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.error.rows).toEqual([{ row: 0, column: '', field: 'file', message: expect.stringContaining('不是有效的 .xlsx') }]);
    const two = await request(clerk).post('/api/imports').attach('file', Buffer.from('a'), 'a.xlsx').attach('file', Buffer.from('b'), 'b.xlsx');
    expect(two.status).toBe(400);
    expect(two.body.error.fields[0].field).toBe('file');
    const other = withToken(bare, await userOf(db, 'jinghai-dept'));
    expect((await request(other).get(`/api/imports/${notXlsx.body.error.importId}`)).status).toBe(404);
    expect((await request(clerk).get('/api/imports/not-an-id')).status).toBe(400);
  });
});
