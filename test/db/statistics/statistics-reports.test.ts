// Tier: db (real PostgreSQL, a database of its own; real Chromium for the PDF and the page; the
// engine port's fake). The periodic reports through the service and the API: the draft's figures
// are figureTotals', a report is seen only by those who see its government, the filed PDF and DOCX
// download, the upward export's consolidated row is the region's figures (JSON and .xlsx), and the
// 统计报告 page in the workspace shows the reports with status and due date in Chinese and the figures.
import ExcelJS from 'exceljs';
import pino from 'pino';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../../scripts/build-web.ts';
import { loadConfig } from '../../../src/config.ts';
import { createDb, type Db } from '../../../src/db/database.ts';
import { documentServices } from '../../../src/documents/document-service.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { figureTotals } from '../../../src/statistics/figure-queries.ts';
import { draftReport, fileReport, recordReview, scheduleReports } from '../../../src/statistics/reports/report-service.ts';
import { EXPORT_COLUMNS } from '../../../src/statistics/reports/upward-export.ts';
import { as, createTestUser, type TestUser } from '../../helpers/auth.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';
import { expectChineseOnly, expectNoHorizontalOverflow, openWorkspace, screenshot, type Workspace } from '../../helpers/workspace-browser.ts';

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let app: Express;
let ws: Workspace | undefined;
const ids = new Map<string, string>();
const users = {} as Record<'bureau' | 'yantaiBureau' | 'deptClerk', TestUser>;
let filedId: string;
let draftId: string;
let regionIds: string[];

async function insertCases() {
  const dept = ids.get('liaocheng-dept')!;
  const kase = async (n: string, received: string, more: Record<string, unknown> = {}) =>
    (await db('cases').insert({ agency_id: dept, case_number: `（2026）鲁15行初${n}号`, court: '聊城市中级人民法院', level: 'first', cause: '房屋征收', act_description: '征收决定', plaintiff_count: 1, complaint_received_on: received, ...more }).returning('id'))[0].id as string;
  const k1 = await kase('101', '2026-03-02');
  await kase('102', '2026-05-10');
  await kase('103', '2025-04-01');
  await db('case_events').insert({ case_id: k1, type: 'hearing-held', payload: JSON.stringify({ hearingKey: 'first', heldOn: '2026-04-10', headAppeared: true, principalHeadAppeared: false }), actor: 'test', occurred_at: new Date('2026-04-10T02:00:00Z') });
  await db('case_judgments').insert({ case_id: k1, agency_id: dept, level: 'first', kind: 'judgment', outcome: 'won', served_on: '2026-05-20', effective_on: '2026-06-05', field: '房屋征收' });
}

beforeAll(async () => {
  database = await freshLedgerDatabase('yingsu_test_statistics_reports');
  db = createDb(database.url, { min: 0, max: 4 });
  app = createApp({ config: loadConfig(), db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
  await seedDemoRegion(db);
  for (const a of await db('agencies').select('id', 'code')) ids.set(a.code, a.id);
  regionIds = (await db('agencies').where({ id: ids.get('liaocheng-gov') }).orWhere({ parent_id: ids.get('liaocheng-gov') }).select('id')).map((a: any) => a.id);
  users.bureau = await createTestUser(db, { roles: ['justice-bureau'], agencyId: ids.get('liaocheng-justice'), login: 'reports-bureau' });
  users.yantaiBureau = await createTestUser(db, { roles: ['justice-bureau'], agencyId: ids.get('yantai-justice'), login: 'reports-yantai' });
  users.deptClerk = await createTestUser(db, { roles: ['clerk'], agencyId: ids.get('liaocheng-dept'), login: 'reports-clerk' });
  await insertCases();
  const gov = ids.get('liaocheng-gov')!;
  const filed = await draftReport(db, { kind: 'annual-report', period: '2026', agencyId: gov, asOf: '2027-01-02', jobKey: 'draft-2026', processInstanceKey: null });
  filedId = filed.report.id;
  await recordReview(db, { reportId: filedId, sections: [{ heading: '主要做法', text: '落实负责人出庭应诉制度。' }], comments: '已核对', reviewer: 'reports-bureau', jobKey: 'review-2026' });
  await fileReport(documentServices(loadConfig(), db), { reportId: filedId, approver: 'liaocheng-gov-head', opinion: '同意', date: '2027-01-06', jobKey: 'file-2026', processInstanceKey: null });
  draftId = (await draftReport(db, { kind: 'annual-report', period: '2025', agencyId: gov, asOf: '2026-01-02', jobKey: 'draft-2025', processInstanceKey: null })).report.id;
}, 300_000);

afterAll(async () => {
  await ws?.close();
  await db?.destroy();
  await database?.drop();
});

describe('the reports in the ledger and the API', () => {
  it('a draft’s figures are figureTotals’ for the region; the same draft again is the same report', async () => {
    const totals = await figureTotals(db, { agencyIds: regionIds, from: '2026-01-01', to: '2026-12-31', asOf: '2027-01-02' });
    const row = await db('statistics_reports').where({ id: filedId }).first();
    for (const line of row.figures.lines) expect([line.id, line.numerator, line.denominator]).toEqual([line.id, totals[line.id]!.numerator, totals[line.id]!.denominator]);
    expect(totals['cases-new']!.numerator).toBe(2);
    const again = await draftReport(db, { kind: 'annual-report', period: '2026', agencyId: ids.get('liaocheng-gov')!, asOf: '2027-03-01', jobKey: 'another', processInstanceKey: null });
    expect(again.created).toBe(false);
    expect(again.report.id).toBe(filedId);
    expect(again.report.figures).toEqual(row.figures);
  });

  it('a second timer firing for the same period enqueues no second start', async () => {
    const first = await scheduleReports(db, { kind: 'annual-report', today: '2027-01-01' });
    const second = await scheduleReports(db, { kind: 'annual-report', today: '2027-01-01' });
    expect(first.period).toBe('2026');
    expect(first.scopes.map((s) => s.agencyName).sort()).toEqual(['烟台市人民政府', '聊城市人民政府']);
    expect([first.enqueued, second.enqueued]).toEqual([2, 0]);
  });

  it('lists the reports of the governments a user sees, with Chinese status and due date; others get none and 404', async () => {
    const list = await as(app, users.bureau).get('/api/statistics/reports').expect(200);
    expect(list.body.items.map((r: any) => [r.periodName, r.kindName, r.statusName, r.dueOnText])).toEqual([
      ['2026年', '年度行政应诉工作报告', '已报送', '2027年1月10日'],
      ['2025年', '年度行政应诉工作报告', '草稿', '2026年1月10日'],
    ]);
    expect(list.body.items[0].documents.map((d: any) => d.format).sort()).toEqual(['docx', 'pdf']);
    expect((await as(app, users.yantaiBureau).get('/api/statistics/reports').expect(200)).body.items).toEqual([]);
    // a department sees its own agency, not its government's reports
    expect((await as(app, users.deptClerk).get('/api/statistics/reports').expect(200)).body.items).toEqual([]);
    await as(app, users.yantaiBureau).get(`/api/statistics/reports/${filedId}`).expect(404);
    const detail = await as(app, users.bureau).get(`/api/statistics/reports/${filedId}`).expect(200);
    expect(detail.body.sections).toEqual([{ heading: '主要做法', text: '落实负责人出庭应诉制度。' }]);
    expect(detail.body.figuresText).toContain('新收案件数：2件 / 1件 / 增长100.0%');
  });

  it('downloads the filed PDF and DOCX; a draft has none (409); bad input names the field', async () => {
    const pdf = await as(app, users.bureau).get(`/api/statistics/reports/${filedId}/pdf`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.headers['content-disposition']).toContain("filename*=UTF-8''");
    await as(app, users.bureau).get(`/api/statistics/reports/${filedId}/docx`).expect(200).expect('content-type', /wordprocessingml/);
    const draft = await as(app, users.bureau).get(`/api/statistics/reports/${draftId}/pdf`).expect(409);
    expect(draft.body.error.code).toBe('REPORT_NOT_FILED');
    const bad = await as(app, users.bureau).get('/api/statistics/reports/not-a-uuid').expect(400);
    expect(bad.body.error.fields.map((f: any) => f.field)).toEqual(['id']);
    const badFormat = await as(app, users.bureau).get(`/api/statistics/reports/${filedId}/odt`).expect(400);
    expect(badFormat.body.error.fields.map((f: any) => f.field)).toEqual(['format']);
  });
});

describe('the upward export', () => {
  it('gives one row per agency of the region and the consolidated row computed over the region', async () => {
    const gov = ids.get('liaocheng-gov')!;
    const res = await as(app, users.bureau).get(`/api/statistics/export?scope=region:${gov}&period=2026`).expect(200);
    expect(res.body.format).toBe('yingsu.statistics-export/1');
    expect(res.body.columns.map((c: any) => c.key)).toEqual(EXPORT_COLUMNS.map((c) => c.key));
    const region = res.body.rows.at(-1);
    expect(region).toMatchObject({ level: 'region', agencyName: '聊城市人民政府及所属单位（汇总）' });
    const totals = await figureTotals(db, { agencyIds: regionIds, from: '2026-01-01', to: '2026-12-31', asOf: res.body.asOf });
    expect(region.values).toMatchObject({ newCases: totals['cases-new']!.numerator, closedCases: totals['cases-closed']!.numerator, heardCases: 1, headAppearedCases: 1, lostCases: 0 });
    const dept = res.body.rows.find((r: any) => r.agencyId === ids.get('liaocheng-dept'));
    expect(dept.values.newCases).toBe(2);
    expect(res.body.rows.filter((r: any) => r.level === 'agency')).toHaveLength(regionIds.length);
    // another region's bureau: 403; a bad period names the field
    await as(app, users.yantaiBureau).get(`/api/statistics/export?scope=region:${gov}&period=2026`).expect(403);
    const bad = await as(app, users.bureau).get(`/api/statistics/export?scope=region:${gov}&period=2026Q5`).expect(400);
    expect(bad.body.error.fields.map((f: any) => f.field)).toEqual(['period']);
  });

  it('as .xlsx: the statistics terms as the header row, the consolidated row last', async () => {
    const gov = ids.get('liaocheng-gov')!;
    const res = await as(app, users.bureau).get(`/api/statistics/export?scope=region:${gov}&period=2026&format=xlsx`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const ws = wb.getWorksheet('行政应诉统计')!;
    expect(ws.getRow(1).getCell(4).value).toBe('本期新收行政应诉案件数');
    const last = ws.getRow(ws.rowCount);
    expect([last.getCell(1).value, last.getCell(2).value, last.getCell(4).value]).toEqual(['聊城市人民政府及所属单位（汇总）', '汇总', 2]);
  });
});

describe('the 统计报告 page', () => {
  it('lists the reports with status and due date in Chinese, downloads the PDF, and shows the figures', async () => {
    await buildWeb({ log: () => undefined });
    ws = await openWorkspace(app);
    const page = await ws.loginAs('reports-bureau', users.bureau.password);
    await page.getByRole('link', { name: '统计报告' }).click();
    const filedRow = page.locator(`tr[data-row-key="${filedId}"]`);
    await filedRow.getByText('已报送').waitFor();
    await expect(filedRow.getByText('2027年1月10日前').count()).resolves.toBe(1);
    await expect(page.locator(`tr[data-row-key="${draftId}"]`).getByText('草稿').count()).resolves.toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), filedRow.getByRole('button', { name: '下载PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    await filedRow.click();
    await page.getByText('各单位排名').waitFor();
    await expect(page.getByRole('row').filter({ hasText: '新收案件数' }).first().innerText()).resolves.toContain('2');
    await screenshot(page, 'statistics-reports');
    await expectChineseOnly(page, '#main', /\b(PDF|DOCX)\b/g);
    await expectNoHorizontalOverflow(page);
  });
});
