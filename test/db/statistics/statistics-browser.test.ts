// DB tier, in a browser: the 统计分析 page in Debian's Chromium (playwright-core) against the real app
// and PostgreSQL (the engine port's fake). The justice bureau of the demo region (示例市司法局, the
// seeded person demo-justice-staff) logs in, opens the dashboard, sees the region's figures, the
// ranking of its agencies and the trend charts, and clicks a number to see the cases behind it; a
// department sees its own agency only. The demo region's cases are a generated ledger's city moved
// onto the demo agencies. Screenshots in test-artifacts/statistics/. A database of its own.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { Express } from 'express';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildWeb } from '../../../scripts/build-web.ts';
import { setPassword } from '../../../src/auth/accounts.ts';
import { loadConfig, projectRoot } from '../../../src/config.ts';
import { createDb, type Db } from '../../../src/db/database.ts';
import { createApp } from '../../../src/http/app.ts';
import { agencySubtree } from '../../../src/process-engine/engine-directory.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { figureTotals, figureTotalsByAgency } from '../../../src/statistics/figure-queries.ts';
import { ontoDemoRegion } from '../../../src/seed/demo-statistics.ts';
import { generateLedger, insertGeneratedLedger } from '../../../src/statistics/ledger-generator.ts';
import { createTestUser, type TestUser } from '../../helpers/auth.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';
import { expectChineseOnly, expectNoHorizontalOverflow, openWorkspace, type Workspace } from '../../helpers/workspace-browser.ts';

const artifacts = path.join(projectRoot, 'test-artifacts', 'statistics');
const ASOF = '2026-11-30';
const PASSWORD = 'demo-bureau-2026';

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let app: Express;
let ws: Workspace;
let department: TestUser;
let admin: TestUser;
const ids = new Map<string, string>();

beforeAll(async () => {
  await buildWeb({ log: () => undefined });
  mkdirSync(artifacts, { recursive: true });
  database = await freshLedgerDatabase('yingsu_test_stats_page');
  db = createDb(database.url, { min: 0, max: 4 });
  app = createApp({ config: loadConfig(), db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
  await seedDemoRegion(db);
  for (const a of await db('agencies').select('id', 'code')) ids.set(a.code, a.id);
  await insertGeneratedLedger(db, ontoDemoRegion(generateLedger({ seed: 1414, cases: 1500, fromYear: 2025, toYear: 2026, asOf: ASOF, label: 'page1414' }), ids));
  const bureauPerson = await db('people').where({ login: 'demo-justice-staff' }).first('id');
  await setPassword(db, bureauPerson.id, PASSWORD, { mustChange: false });
  department = await createTestUser(db, { roles: ['legal-affairs'], agencyId: ids.get('demo-market'), login: 'stats-market' });
  admin = await createTestUser(db, { roles: ['admin'], agencyId: ids.get('demo-gov'), login: 'stats-admin' });
  ws = await openWorkspace(app);
}, 180_000);

afterAll(async () => {
  await ws?.close();
  await db?.destroy();
  await database?.drop();
});

/** A screenshot once the page has settled: the whole page, or the window when a drawer is open (it is fixed to the window). */
async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 30_000 });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage });
}

/** Picks an option of an Ant Design select by its visible text. */
async function choose(page: Page, comboLabel: string, option: string): Promise<void> {
  const item = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`);
  // the list opens with an animation and can close again under a click (a drawer still fading out): open it until the option takes the click
  await vi.waitFor(async () => {
    if (!(await item.isVisible())) await page.getByRole('combobox', { name: comboLabel }).click();
    await item.click({ timeout: 3_000 });
  }, { timeout: 30_000, interval: 200 });
}

/** Closes the open drawer and waits until it is gone, so the next click lands on the page. */
async function closeDrawer(page: Page): Promise<void> {
  await page.locator('.ant-drawer-close').first().click();
  await page.locator('.ant-drawer-content-wrapper').first().waitFor({ state: 'hidden' });
}

/** Pixels of the chart's canvas in its first series' colour (#b71c1c): a line or bars were drawn. */
async function seriesPixels(page: Page, chartLabel: string): Promise<number> {
  const canvas = page.locator(`[aria-label^="${chartLabel}"] canvas`).first();
  await canvas.waitFor();
  // a function, not a string: Playwright calls it with the element (no DOM types in the Node check)
  return canvas.evaluate((c: any) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] > 150 && d[i + 1] < 70 && d[i + 2] < 70 && d[i + 3] > 200) n++;
    return n as number;
  });
}

describe('统计分析 page', () => {
  it('the demo region\'s justice bureau sees its region\'s figures, the ranking and the trend, and the cases behind a number', { timeout: 180_000 }, async () => {
    const agencies = await db('agencies').select('id', 'parent_id');
    const region = agencySubtree(agencies)(ids.get('demo-gov')!);
    const totals = await figureTotals(db, { agencyIds: region, from: '2026-01-01', to: '2026-12-31', asOf: ASOF });
    expect(totals['cases-new']!.value).toBeGreaterThan(50);

    const page = await ws.loginAs('demo-justice-staff', PASSWORD);
    await page.getByRole('menuitem', { name: '统计分析' }).click();
    await page.getByRole('heading', { name: '统计分析' }).waitFor();
    // opens with the bureau's region
    await page.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: '统计范围' }) }).filter({ hasText: '示例市人民政府及所属单位' }).waitFor();
    await choose(page, '年度', '2026年');
    await choose(page, '季度', '全年');
    await page.getByText('示例市人民政府及所属单位 · 2026年（').waitFor();

    // the figure cards: the region's numbers, rates as 85.7%
    const card = (id: string) => page.locator(`[data-figure="${id}"]`);
    await expect.poll(() => card('cases-new').locator('.stat-value').textContent(), { timeout: 20_000 }).toBe(`${totals['cases-new']!.value}件`);
    const loss = totals['loss-rate']!;
    await expect.poll(() => card('loss-rate').locator('.stat-value').textContent(), { timeout: 20_000 }).toBe(`${(loss.value! * 100).toFixed(1)}%`);
    expect(await card('loss-rate').innerText()).toContain(`${loss.numerator} / ${loss.denominator} 件`);
    expect(await card('loss-rate').innerText()).toMatch(/同比 [+−±]\d+\.\d个百分点/);
    // the definition (口径) on hover
    await card('loss-rate').getByRole('button', { name: '败诉率的口径' }).hover();
    await page.getByRole('tooltip').filter({ hasText: '统计期间内审结且败诉' }).waitFor();
    await page.mouse.move(0, 0);

    // the ranking: the region's agencies by new cases, highest first, with the numbers of the API
    const ranking = page.locator('.ant-card').filter({ hasText: '单位排名' });
    const byAgency = await figureTotalsByAgency(db, { agencyIds: region, from: '2026-01-01', to: '2026-12-31', asOf: ASOF });
    const ranked = [...byAgency.entries()].map(([id, t]) => ({ id, value: t['cases-new']!.value! })).sort((a, b) => b.value - a.value);
    const names = new Map((await db('agencies').whereIn('id', region).select('id', 'name')).map((a) => [a.id, a.name]));
    const firstRow = ranking.locator('tbody tr').first();
    await expect.poll(() => firstRow.innerText(), { timeout: 20_000 }).toContain(names.get(ranked[0]!.id)!);
    expect(await firstRow.innerText()).toContain(String(ranked[0]!.value));
    await expect.poll(() => seriesPixels(page, '新收案件数单位排名柱状图'), { timeout: 20_000 }).toBeGreaterThan(500);

    // the trend: the counts chart drew its lines
    await expect.poll(() => seriesPixels(page, '案件数量趋势图'), { timeout: 20_000 }).toBeGreaterThan(400);
    await page.mouse.move(0, 0);
    await shot(page, '01-bureau-region-2026');
    await expectChineseOnly(page, '#main');
    await expectNoHorizontalOverflow(page);

    // a number → the cases behind it
    await card('cases-new').locator('.stat-value').click();
    const drawer = page.locator('.drill-drawer');
    await drawer.getByText(`共 ${totals['cases-new']!.value} 件案件`).waitFor();
    await expect.poll(() => drawer.locator('tbody tr.ant-table-row').count(), { timeout: 20_000 }).toBe(15);
    const link = drawer.locator('tbody tr.ant-table-row a').first();
    expect(await link.getAttribute('href')).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
    expect(await drawer.innerText()).toContain('示例市人民政府及所属单位');
    expect(await drawer.innerText()).toContain('2026年');
    await shot(page, '02-bureau-drill-down-new-cases', false);
    await expectChineseOnly(page, '.drill-drawer');

    // the drill-down's export: the cases as .xlsx
    const [file] = await Promise.all([page.waitForEvent('download'), drawer.getByRole('button', { name: '导出案件清单' }).click()]);
    expect(file.suggestedFilename()).toBe('示例市人民政府及所属单位_2026年_新收案件数_案件清单.xlsx');
    await closeDrawer(page);

    // a ranking number → that agency's cases
    await ranking.locator('tbody tr').first().locator('.stat-link').click();
    await drawer.getByText(`共 ${ranked[0]!.value} 件案件`).waitFor();
    expect(await drawer.innerText()).toContain(names.get(ranked[0]!.id)!);
    await closeDrawer(page);

    // a cause of the breakdown → its cases
    const cause = totals['cases-by-cause']!.breakdown![0]!;
    const causes = page.locator('.ant-card').filter({ hasText: '案由分布' });
    await causes.getByRole('button', { name: `${cause.key}：${cause.count}件，查看案件` }).click();
    await drawer.getByText(`共 ${cause.count} 件案件`).waitFor();
    await expect.poll(() => drawer.locator('tbody tr.ant-table-row').first().innerText(), { timeout: 20_000 }).toContain(cause.key);
    await shot(page, '03-bureau-drill-down-cause', false);
    await closeDrawer(page);

    // a quarter, by year: the trend switches to years
    await choose(page, '季度', '第三季度');
    await expect.poll(() => page.url(), { timeout: 20_000 }).toMatch(/period=2026Q3/);
    await page.getByText('示例市人民政府及所属单位 · 2026年第三季度（2026年7月1日至2026年9月30日），同比对照2025年第三季度').waitFor();
    const q3 = await figureTotals(db, { agencyIds: region, from: '2026-07-01', to: '2026-09-30', asOf: ASOF });
    await expect.poll(() => card('cases-new').locator('.stat-value').textContent(), { timeout: 20_000 }).toBe(`${q3['cases-new']!.value}件`);
    await page.getByText('按年度').click();
    await expect.poll(() => seriesPixels(page, '案件数量趋势图'), { timeout: 20_000 }).toBeGreaterThan(200);
    await page.mouse.move(0, 0);
    await shot(page, '04-bureau-2026q3-by-year');
    await expectChineseOnly(page, '#main');
  });

  it('a department sees its own agency only: no ranking, no other scope to choose', { timeout: 120_000 }, async () => {
    const page = await ws.loginAs(department.login, department.password);
    await page.goto(`${ws.baseUrl}/statistics?period=2026`);
    await page.getByRole('heading', { name: '统计分析' }).waitFor();
    const totals = await figureTotals(db, { agencyIds: [ids.get('demo-market')!], from: '2026-01-01', to: '2026-12-31', asOf: ASOF });
    await expect.poll(() => page.locator('[data-figure="cases-new"] .stat-value').textContent(), { timeout: 20_000 }).toBe(`${totals['cases-new']!.value}件`);
    expect(await page.locator('.ant-card').filter({ hasText: '单位排名' }).count()).toBe(0);
    await page.getByRole('combobox', { name: '统计范围' }).click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect.poll(() => options.allInnerTexts(), { timeout: 20_000 }).toEqual(['示例市市场监督管理局']);
    await page.keyboard.press('Escape');
    // another scope in the address: the API's refusal, in Chinese
    await page.goto(`${ws.baseUrl}/statistics?period=2026&scope=region:${ids.get('demo-gov')}`);
    await page.getByText('无权查看该单位或区域的统计数据').waitFor();
    await shot(page, '05-department-refused-region');
    await expectChineseOnly(page, '#main');
  });
  it('an admin opens on every agency (the demo data has several root governments) and ranks them all', { timeout: 120_000 }, async () => {
    const page = await ws.loginAs(admin.login, admin.password);
    await page.goto(`${ws.baseUrl}/statistics?period=2026`);
    await page.getByText('全部单位 · 2026年（').waitFor();
    const all = (await db('agencies').select('id')).map((a) => a.id);
    const totals = await figureTotals(db, { agencyIds: all, from: '2026-01-01', to: '2026-12-31', asOf: ASOF });
    await expect.poll(() => page.locator('[data-figure="cases-new"] .stat-value').textContent(), { timeout: 20_000 }).toBe(`${totals['cases-new']!.value}件`);
    const ranking = page.locator('.ant-card').filter({ hasText: '单位排名' });
    await expect.poll(() => ranking.getByText(/共 \d+ 个单位/).innerText(), { timeout: 20_000 }).toBe(`共 ${all.length} 个单位`);
    await shot(page, '06-admin-all-agencies');
    await expectChineseOnly(page, '#main');
    await expectNoHorizontalOverflow(page);
  });
});
