// db tier, in a browser: the 考核评分 page in Debian's Chromium (playwright-core) against the real app
// and PostgreSQL on a generated ledger (the engine port's fake). A justice bureau sees its region's
// score sheets ranked and the quota status (指标完成情况), opens a sheet with deductions, follows a
// deduction to its cases, and adjusts an item with a reason; an agency's staff see their own sheet
// without the form. Year 2025 (over on any day the test runs). Screenshots in test-artifacts/workspace/.
// A database of its own (the generated agencies would change other files' counts).
import pino from 'pino';
import type { Express } from 'express';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../../scripts/build-web.ts';
import { loadConfig } from '../../../src/config.ts';
import { createDb, type Db } from '../../../src/db/database.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { generateLedger, insertGeneratedLedger } from '../../../src/statistics/ledger-generator.ts';
import { createTestUser, type TestUser } from '../../helpers/auth.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';
import { expectChineseOnly, expectNoHorizontalOverflow, openWorkspace, screenshot, type Workspace } from '../../helpers/workspace-browser.ts';

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let app: Express;
let ws: Workspace;
let bureau: TestUser;
let staff: TestUser;
const ledger = generateLedger({ seed: 1415, cases: 1200, fromYear: 2025, toYear: 2026, asOf: '2026-11-30', label: 'page1415' });
const city = ledger.agencies.find((a) => a.parentId === ledger.provinceId && a.kind === 'government' && a.profile === 'liaocheng')!;
const cityBureau = ledger.agencies.find((a) => a.parentId === city.id && a.kind === 'justice-bureau')!;
const department = ledger.agencies.find((a) => a.parentId === city.id && a.kind === 'department')!;

beforeAll(async () => {
  await buildWeb({ log: () => undefined });
  database = await freshLedgerDatabase('yingsu_test_assessment_page');
  db = createDb(database.url, { min: 0, max: 4 });
  await insertGeneratedLedger(db, ledger);
  app = createApp({ config: loadConfig(), db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
  // logins ending in digits: the test users' names (测试用户0001) stay Chinese on screen
  bureau = await createTestUser(db, { roles: ['justice-bureau'], agencyId: cityBureau.id, login: 'assess-0001' });
  staff = await createTestUser(db, { roles: ['legal-affairs'], agencyId: department.id, login: 'assess-0002' });
  ws = await openWorkspace(app);
}, 180_000);

afterAll(async () => {
  await ws?.close();
  await db?.destroy();
  await database?.drop();
});

async function check(page: Page, name: string) {
  await screenshot(page, name);
  await expectChineseOnly(page, '#main');
  await expectNoHorizontalOverflow(page);
}

describe('考核评分 page', () => {
  it('a justice bureau ranks its region, opens a sheet, follows a deduction to its cases and adjusts an item', { timeout: 300_000 }, async () => {
    const page = await ws.loginAs(bureau.login, bureau.password);
    await page.getByRole('link', { name: '考核评分' }).click();
    await page.goto(`${ws.baseUrl}/assessment?year=2025`);
    await page.getByText(`${city.name}及所属单位 2025年度考核评分`).waitFor();
    const rows = page.locator('.ant-card').first().locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    // the region's agencies but its justice bureaus: a city government, 5 departments, 2 county governments with 3 each
    expect(await rows.count()).toBe(14);
    expect(await rows.first().locator('td').first().innerText()).toBe('1');
    await page.getByText('指标完成情况').first().waitFor();
    await check(page, 'assessment-region');

    // the first agency with a deduction
    const withDeduction = rows.filter({ has: page.locator('.ant-tag-volcano') }).first();
    const agencyName = await withDeduction.locator('td').nth(1).innerText();
    await withDeduction.getByRole('link').click();
    await page.getByText('考核评分表').waitFor();
    await page.getByText(agencyName, { exact: true }).first().waitFor();
    const deducted = page.locator('tbody tr.ant-table-row').filter({ hasText: '涉及案件' }).first();
    await deducted.locator('.ant-table-row-expand-icon').click();
    const caseLink = page.locator('.ant-table-expanded-row a').first();
    await caseLink.waitFor();
    expect(await caseLink.getAttribute('href')).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
    await check(page, 'assessment-sheet');

    // adjust 行政应诉能力建设 (15) to 12 with a reason; a too short reason is refused next to the field first
    const before = await page.locator('.ant-descriptions-item-content strong').first().innerText();
    const form = page.getByRole('form', { name: '调整评分' });
    await form.getByLabel('考核项目').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '行政应诉能力建设' }).click();
    await form.getByLabel(/调整后得分/).fill('12');
    await form.getByLabel('调整理由').fill('短');
    await form.getByRole('button', { name: '保存调整' }).click();
    await form.getByText('调整理由至少4个字').waitFor();
    await form.getByLabel('调整理由').fill('全年仅组织培训一次，未组织旁听庭审');
    await form.getByRole('button', { name: '保存调整' }).click();
    await page.getByText('调整记录').waitFor();
    await page.getByText('调整为12分').waitFor();
    const after = await page.locator('.ant-descriptions-item-content strong').first().innerText();
    expect(Number.parseFloat(after)).toBeCloseTo(Number.parseFloat(before) - 3, 5);
    const stored = await db('assessment_adjustments').where({ item_id: 'lc-capacity' });
    expect(stored.map((r) => [Number(r.score), r.reason])).toEqual([[12, '全年仅组织培训一次，未组织旁听庭审']]);
    await check(page, 'assessment-sheet-adjusted');
  });

  it('an agency\'s staff see their own sheet, read-only', { timeout: 180_000 }, async () => {
    const page = await ws.loginAs(staff.login, staff.password);
    await page.goto(`${ws.baseUrl}/assessment/${department.id}/2025`);
    await page.getByText('考核评分表').waitFor();
    await page.getByText(department.name, { exact: true }).first().waitFor();
    await page.getByText('指标完成情况').waitFor();
    expect(await page.getByRole('form', { name: '调整评分' }).count()).toBe(0);
    expect(await page.getByText('返回区域考核评分').count()).toBe(0);
    await check(page, 'assessment-own-sheet');
  });
});
