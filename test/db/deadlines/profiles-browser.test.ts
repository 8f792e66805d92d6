// DB tier, in a browser: the 规则配置 page in Debian's Chromium (playwright-core) against the real app and
// PostgreSQL (the engine port's fake). An analyst (流程分析员) of a Liaocheng agency starts a new Liaocheng
// version from the current one, adds an answer-preparation period (答辩准备, copied from Jinghai) of 7 days
// and lengthens registration from 3 to 5 days; a wrong value is shown at its field; the preview shows the
// sample deadlines; the impact review lists the expected changes of the seeded open cases (worked out
// below by hand); the analyst activates with a reason and the case page shows the new deadline.
// Screenshots in test-artifacts/profiles/. A database of its own (an activation changes every case).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../../scripts/build-web.ts';
import { loadConfig, projectRoot } from '../../../src/config.ts';
import { createDb, type Db } from '../../../src/db/database.ts';
import { loadCalendar, syncCaseDeadlines } from '../../../src/deadlines/ledger.ts';
import { resetProfileRegistry } from '../../../src/deadlines/profile-registry.ts';
import { createApp } from '../../../src/http/app.ts';
import { listCaseEvents } from '../../../src/ledger/case-events.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { createTestUser, type TestUser } from '../../helpers/auth.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';
import { insertLedgerCase } from '../../helpers/test-db.ts';
import { expectChineseOnly, expectNoHorizontalOverflow, openWorkspace, type Workspace } from '../../helpers/workspace-browser.ts';

const artifacts = path.join(projectRoot, 'test-artifacts', 'profiles');

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let ws: Workspace;
let analyst: TestUser;
const seeded: Record<'a' | 'b' | 'early' | 'closed', { id: string; case_number: string }> = {} as never;

async function caseWithDeadlines(agencyId: string, caseNumber: string, complaintReceivedOn: string, status = 'open') {
  const row = await insertLedgerCase(db, { agency_id: agencyId, case_number: caseNumber, complaint_received_on: complaintReceivedOn, status });
  await syncCaseDeadlines(db, [{ caseId: row.id, triggerChanges: { complaintReceivedOn }, stage: 'registration' }], { calendar: await loadCalendar(db), reason: `job:seed-${row.id}`, actor: 'test' });
  return row;
}

beforeAll(async () => {
  resetProfileRegistry();
  await buildWeb({ log: () => undefined });
  mkdirSync(artifacts, { recursive: true });
  database = await freshLedgerDatabase('yingsu_test_profiles_page');
  db = createDb(database.url, { min: 0, max: 4 });
  const [agency] = await db('agencies').insert({ code: 'pv-page-lc', name: '聊城市自然资源和规划局', kind: 'department', level: 'city', profile: 'liaocheng' }).returning('id');
  seeded.a = await caseWithDeadlines(agency.id, '（2026）鲁15行初101号', '2026-09-07');
  seeded.b = await caseWithDeadlines(agency.id, '（2026）鲁15行初102号', '2026-09-21');
  seeded.early = await caseWithDeadlines(agency.id, '（2026）鲁15行初88号', '2026-08-20');
  seeded.closed = await caseWithDeadlines(agency.id, '（2026）鲁15行初99号', '2026-09-07', 'closed');
  analyst = await createTestUser(db, { roles: ['analyst'], agencyId: agency.id, login: 'lc-analyst' });
  const app = createApp({ config: loadConfig(), db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
  ws = await openWorkspace(app);
}, 180_000);

afterAll(async () => {
  resetProfileRegistry();
  await ws?.close();
  await db?.destroy();
  await database?.drop();
});

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 30_000 });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/** Picks an option of a searchable Ant Design select: types the search, clicks the option once (it leaves the list when taken). */
async function choose(page: Page, comboLabel: string, search: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: comboLabel }).fill(search);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

/** The text of the impact table's rows: 案号 · 期限 · 变化 · 原期限 · 新期限. */
async function impactRows(page: Page): Promise<string[]> {
  const rows = page.locator('[aria-label="影响评估"] .ant-table-tbody tr.ant-table-row');
  return (await rows.evaluateAll((trs: any[]) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td: any) => td.innerText.trim()).filter((_: string, i: number) => i !== 1 && i !== 6).join(' · ')))).sort();
}

describe('规则配置 page', () => {
  it('an analyst adds a Liaocheng version, reviews its impact on the open cases, activates it, and the case shows the new deadline', { timeout: 240_000 }, async () => {
    const page = await ws.loginAs(analyst.login, analyst.password);
    await page.getByRole('menuitem', { name: '规则配置' }).click();
    await page.getByRole('heading', { name: '规则配置' }).waitFor();
    await page.getByRole('table', { name: '聊城的版本' }).getByText('聊城市行政应诉工作管理办法').waitFor();
    await shot(page, '01-profiles');
    await expectChineseOnly(page, '#main');
    await expectNoHorizontalOverflow(page);

    // 新建版本 starts from the current Liaocheng version
    await page.getByRole('button', { name: '聊城新建版本', exact: true }).click();
    const editor = page.getByLabel('新建版本', { exact: true });
    await editor.getByLabel('规则名称：收件登记期限').waitFor();
    await page.getByLabel('生效日期').fill('2026年9月1日');
    await page.getByLabel('生效日期').press('Enter');
    await page.getByLabel('依据文件名称').fill('聊城市行政应诉工作管理办法（2026年修订）');
    await page.getByLabel('期限：收件登记期限').fill('5');
    await choose(page, '添加规则', '答辩准备', '答辩准备期限（天津静海）');
    await page.getByLabel('期限：答辩准备期限').fill('0');
    await page.getByLabel('依据条款：答辩准备期限').fill('第十六条');
    // the stages of Jinghai's rule stay; its second trigger (the appeal copy) is removed for a first-instance rule
    const preparation = page.locator('tr', { has: page.getByLabel('规则名称：答辩准备期限') });
    await preparation.locator('.ant-select-selection-item', { hasText: '收到上诉状副本' }).locator('.anticon-close').click();
    await preparation.locator('.ant-select-selection-item', { hasText: '收到上诉状副本' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '保存草稿' }).click();
    // the server refuses 0 days and the error shows at the field
    await editor.getByText('期限至少为1').waitFor();
    await shot(page, '02-field-error');
    await page.getByLabel('期限：答辩准备期限').fill('7');
    await page.getByRole('button', { name: '保存草稿' }).click();
    const view = page.getByLabel('规则版本', { exact: true });
    await view.getByText('2026年9月1日起施行的版本').waitFor();

    // 预览: the sample case received on the draft's first day
    await view.getByRole('button', { name: '预览' }).click();
    const sample = page.getByLabel('样例期限').locator('.ant-table').first();
    await sample.getByText('收到起诉状副本：2026年9月1日').waitFor();
    // 2026-09-01 (Tuesday) + 5 days = Sunday 09-06 → Monday 09-07; before: + 3 = Friday 09-04; preparation 7 days = Tuesday 09-08
    await expect.poll(() => sample.locator('tr', { hasText: '收件登记期限' }).innerText()).toMatch(/2026年9月4日\s+2026年9月7日/);
    await expect.poll(() => sample.locator('tr', { hasText: '答辩准备期限' }).innerText()).toMatch(/无\s+2026年9月8日/);
    await shot(page, '03-preview');

    // 影响评估: the two open cases received on or after 2026-09-01; the case of 08-20 and the closed case stay
    await view.getByRole('button', { name: '影响评估' }).click();
    await page.getByText('核对在办案件3件：新增期限2项，变更2项，取消0项。').waitFor();
    // case a, received Monday 2026-09-07: registration 3 days → Thursday 09-10; 5 days → Saturday 09-12 → Monday 09-14;
    //   preparation 7 days → Monday 09-14.
    // case b, received Monday 2026-09-21: registration → Thursday 09-24; 5 days → Saturday 09-26 (中秋) → Monday 09-28;
    //   preparation 7 days → Monday 09-28.
    expect(await impactRows(page)).toEqual(
      [
        '（2026）鲁15行初101号 · 收件登记期限 · 变更 · 2026年9月10日 · 2026年9月14日',
        '（2026）鲁15行初101号 · 答辩准备期限 · 新增 · 无 · 2026年9月14日',
        '（2026）鲁15行初102号 · 收件登记期限 · 变更 · 2026年9月24日 · 2026年9月28日',
        '（2026）鲁15行初102号 · 答辩准备期限 · 新增 · 无 · 2026年9月28日',
      ].sort(),
    );
    await shot(page, '04-impact');
    await expectChineseOnly(page, '#main');

    // 启用: the reason is required
    await view.getByRole('button', { name: '启用' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '启用本版本' });
    await dialog.getByRole('button', { name: '确认启用' }).click();
    await dialog.getByText('请填写理由（至少4个字）').waitFor();
    await dialog.getByLabel('理由').fill('聊城市人民政府印发2026年修订的管理办法，自9月1日起施行');
    await shot(page, '05-activate');
    await dialog.getByRole('button', { name: '确认启用' }).click();
    await page.getByText('已启用：核对在办案件3件，新增期限2项、变更2项、取消0项').waitFor();
    await view.locator('.ant-tag', { hasText: '已启用' }).waitFor();
    await page.getByRole('table', { name: '聊城的版本' }).getByText('2026年8月31日').waitFor();
    await shot(page, '06-activated');

    // the case page shows the new deadline, and its timeline the change
    await page.goto(`${ws.baseUrl}/cases/${seeded.a.id}`);
    await page.getByRole('tab', { name: /期限/ }).click();
    await expect.poll(() => page.locator('tr', { hasText: '收件登记期限' }).first().innerText(), { timeout: 20_000 }).toContain('2026年9月14日');
    await expect.poll(() => page.locator('tr', { hasText: '答辩准备期限' }).first().innerText()).toContain('2026年9月14日');
    await shot(page, '07-case-deadlines');
    const events = (await listCaseEvents(db, { caseId: seeded.a.id })).filter((e) => String(e.payload.reason).startsWith('profile:'));
    expect(events.map((e) => e.type).sort()).toEqual(['deadline.added', 'deadline.changed']);
    // the early and the closed case keep their deadlines
    for (const c of [seeded.early, seeded.closed]) expect((await listCaseEvents(db, { caseId: c.id })).filter((e) => String(e.payload.reason).startsWith('profile:'))).toEqual([]);
  });
});
