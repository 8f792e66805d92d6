// Integration tier, in a browser: what test/integration/workspace-browser.test.ts leaves out, in
// Debian's Chromium against the real app (on an ephemeral port, with the case import runner), the
// project's engine app, the workers and PostgreSQL. A clerk registers a case from the court's PDFs
// (printed here with Chromium's page.pdf()); imports a small ledger (.xlsx) and sees the cases, then
// a file with bad cells and sees each cell and nothing imported; a handler meets the API's refusal of
// a form value on the task page; and the login page, the register page's fields and the navigation
// are checked for keyboard use and accessible labels. Screenshots go to test-artifacts/workspace/.
import pino from 'pino';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { startCaseImportRunner, type CaseImportRunner } from '../../src/imports/case-import-jobs.ts';
import { excelDate, importWorkbook, type ImportSheetRow } from '../../src/imports/import-workbook.ts';
import { seedDemoAccounts } from '../../src/seed/demo-accounts.ts';
import { complaintHtml, noticeHtml, PAPER_FACTS } from '../fixtures/court-papers.ts';
import { caseBody, createCase, engineToday, sendEvent, useCaseLifecycle } from '../helpers/case-lifecycle.ts';
import { waitUntil } from '../helpers/wait-until.ts';
import { expectChineseOnly, expectNoHorizontalOverflow, openWorkspace, screenshot, type Workspace } from '../helpers/workspace-browser.ts';

const ctx = useCaseLifecycle();
const PASSWORD = 'workspace-demo-2026';
let ws: Workspace;
let runner: CaseImportRunner | undefined;
let today: string;

beforeAll(async () => {
  await seedDemoAccounts(ctx.db, { password: PASSWORD, mustChangePassword: false });
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  // the import runner registers the uploaded rows; the lifecycle's dispatcher (polling) starts their processes
  runner = startCaseImportRunner({ db: ctx.db, commands: { kick() {} }, logger }, { pollMs: 500 });
  ws = await openWorkspace(createApp({ config: ctx.config, db: ctx.db, engine: ctx.engine, engineCommands: { kick() {} }, caseImports: runner, logger }));
  today = await engineToday(ctx);
}, 120_000);

afterAll(async () => {
  await ws?.close();
  await runner?.stop();
});

/** A page is in Chinese, has no ISO date and fits 1366×768; then its screenshot is kept. */
async function check(page: Page, name: string, allowed?: RegExp) {
  await screenshot(page, name);
  await expectChineseOnly(page, '#main', allowed);
  await expectNoHorizontalOverflow(page);
}

/** Court papers printed to PDF by Chromium, as the court's electronic-service platform sends them. */
async function printPdf(html: string): Promise<Buffer> {
  const page = await ws.browser.newPage();
  try {
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true });
  } finally {
    await page.close();
  }
}

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function ledgerRow(caseNumber: string, n: number): ImportSheetRow {
  return {
    被告机关: 'liaocheng-dept',
    案号: caseNumber,
    审级: '一审',
    法院: '聊城市东昌府区人民法院',
    案由: '行政处罚',
    被诉行政行为: `聊城市某局第${n}号行政处罚决定`,
    原告: `王${n}`,
    收到起诉状日期: excelDate(today),
    当前阶段: '收件登记',
  };
}

/** The accessible name Chromium computes for the focused element (a string: no DOM types in Node). */
const focusedName = (page: Page) =>
  page.evaluate<string>(`(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '';
    const label = el.labels && el.labels[0] ? el.labels[0].innerText : '';
    return (el.getAttribute('aria-label') || label || el.innerText || el.getAttribute('placeholder') || el.tagName).trim();
  })()`);

describe('the staff workspace in a browser: intake, import, rule errors, keyboard and labels', () => {
  it('收案登记 from the court\'s PDFs: the fields are prefilled, the clerk confirms and the case is in the ledger', { timeout: 120_000 }, async () => {
    const [notice, complaint] = await Promise.all([printPdf(noticeHtml()), printPdf(complaintHtml())]);
    expect(notice.subarray(0, 5).toString()).toBe('%PDF-');
    const clerk = await ws.loginAs('liaocheng-dept-clerk', PASSWORD);
    await clerk.goto(`${ws.baseUrl}/register`);
    await clerk.getByRole('heading', { name: '收案登记' }).waitFor();
    await clerk.locator('input[type=file]').setInputFiles([
      { name: '应诉通知书.pdf', mimeType: 'application/pdf', buffer: notice },
      { name: '起诉状副本.pdf', mimeType: 'application/pdf', buffer: complaint },
    ]);
    await clerk.getByRole('button', { name: '识别并填入' }).click();
    await clerk.getByText('已识别：应诉通知书.pdf、起诉状副本.pdf').waitFor();

    await expect.poll(() => clerk.getByLabel('案号').inputValue()).toBe(PAPER_FACTS.caseNumber);
    expect(await clerk.getByLabel('受理法院').inputValue()).toBe(PAPER_FACTS.court);
    expect(await clerk.getByLabel('案由').inputValue()).toBe(PAPER_FACTS.cause);
    expect(await clerk.getByLabel('收到起诉状副本日期').inputValue()).toBe('2026年9月22日');
    expect(await clerk.getByLabel('被诉行政行为').inputValue()).toBe(PAPER_FACTS.act);
    const plaintiffs = clerk.getByLabel('原告名称');
    await expect.poll(() => plaintiffs.count()).toBe(2);
    expect([await plaintiffs.nth(0).inputValue(), await plaintiffs.nth(1).inputValue()]).toEqual(PAPER_FACTS.plaintiffs.map((p) => p.name));
    expect(await clerk.getByLabel('原告人数').inputValue()).toBe('2');
    // the file names of the PDFs are Chinese; the upload list shows them as they are
    await check(clerk, '30-register-from-pdfs', /\S+\.pdf/g);

    await clerk.getByRole('button', { name: '登记并启动流程' }).click();
    await clerk.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await clerk.getByRole('heading', { name: PAPER_FACTS.caseNumber }).waitFor();
    // the ledger holds the service date the papers carry (a calendar date, not shifted by a time zone)
    const row = await ctx.db('cases').where({ case_number: PAPER_FACTS.caseNumber }).first(ctx.db.raw(`to_char(complaint_received_on, 'YYYY-MM-DD') as received`));
    expect(row.received).toBe(PAPER_FACTS.servedOn);

    await clerk.goto(`${ws.baseUrl}/ledger?q=${encodeURIComponent(PAPER_FACTS.caseNumber)}`);
    await clerk.getByRole('link', { name: PAPER_FACTS.caseNumber }).waitFor();
    await check(clerk, '31-ledger-registered-from-pdfs');
  });

  it('存量案件导入: three good rows are imported and listed; a file with bad cells shows each cell and imports nothing', { timeout: 120_000 }, async () => {
    const clerk = await ws.loginAs('liaocheng-dept-clerk', PASSWORD);
    const stamp = Date.now() % 100000;
    const numbers = [1, 2, 3].map((n) => `（2026）鲁1502行初${stamp}0${n}号`);
    const good = await importWorkbook(numbers.map((n, i) => ledgerRow(n, i + 1)));
    await clerk.goto(`${ws.baseUrl}/import`);
    await clerk.getByRole('heading', { name: '存量案件导入' }).waitFor();
    await clerk.locator('input[type=file]').setInputFiles({ name: '存量案件.xlsx', mimeType: xlsx, buffer: good });
    await clerk.getByRole('button', { name: '开始导入' }).click();
    await clerk.getByText('已导入3件案件').waitFor({ timeout: 60_000 });
    await clerk.getByText('已处理3行，共3行').waitFor();
    await check(clerk, '32-import-done', /\S+\.xlsx/g);
    await clerk.getByRole('link', { name: '在台账中查看' }).click();
    for (const n of numbers) {
      await clerk.goto(`${ws.baseUrl}/ledger?q=${encodeURIComponent(n)}`);
      await clerk.getByRole('link', { name: n }).waitFor();
    }
    await check(clerk, '33-ledger-imported');

    // bad cells: an unknown stage, a missing cause, a level that does not exist, a date that is no date
    const bad = [`（2026）鲁1502行初${stamp}11号`, `（2026）鲁1502行初${stamp}12号`];
    const badFile = await importWorkbook([
      { ...ledgerRow(bad[0]!, 11), 当前阶段: '尚未开始', 案由: null },
      { ...ledgerRow(bad[1]!, 12), 审级: '四审', 收到起诉状日期: '某年某月' },
    ]);
    await clerk.goto(`${ws.baseUrl}/import`);
    await clerk.locator('input[type=file]').setInputFiles({ name: '有误的台账.xlsx', mimeType: xlsx, buffer: badFile });
    await clerk.getByRole('button', { name: '开始导入' }).click();
    const errorRows = clerk.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => errorRows.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- DOM nodes, without DOM types in Node
    const cells = await errorRows.evaluateAll((rows: any[]) => rows.map((r) => [...r.querySelectorAll('td')].map((td: any) => String(td.innerText).trim())));
    const at = (row: string, column: string) => cells.filter(([r, c]) => r === row && c === column).map(([, , m]) => m);
    // row 2 is the first data row (row 1 holds the headers); columns as in the template: 案由 E, 审级 C, 收到起诉状日期 I, 当前阶段 J
    expect(at('第2行', 'E')).toEqual([expect.stringContaining('案由')]);
    expect(at('第2行', 'J')).toHaveLength(1);
    expect(at('第3行', 'C')).toHaveLength(1);
    expect(at('第3行', 'I')).toHaveLength(1);
    for (const [, , message] of cells) expect(message).toMatch(/[\u4e00-\u9fff]/);
    await check(clerk, '34-import-bad-cells', /\S+\.xlsx/g);
    // nothing of the bad file is in the ledger
    expect(Number((await ctx.db('cases').whereIn('case_number', bad).count({ n: '*' }).first())!.n)).toBe(0);
    await clerk.goto(`${ws.baseUrl}/ledger?q=${encodeURIComponent(bad[0]!)}`);
    await clerk.getByText('没有符合条件的案件').waitFor();
  });

  it('a value the API refuses on completion shows its Chinese message by the form, in view, and the task stays open', { timeout: 180_000 }, async () => {
    // a case with a judicial recommendation (司法建议): its reply task is the handler's
    const created = await createCase(ctx, caseBody(ctx, 'liaocheng-dept', today));
    const sent = await sendEvent(ctx, created.id, { type: 'judicial-recommendation', receivedOn: today });
    expect(sent.status, JSON.stringify(sent.body)).toBeLessThan(300);
    const caseNumber = (await ctx.db('cases').where({ id: created.id }).first()).case_number as string;

    const handler = await ws.loginAs('liaocheng-dept-handler', PASSWORD);
    const taskName = '研究办理并拟写书面回复';
    const row = handler.getByRole('row').filter({ hasText: caseNumber }).filter({ hasText: taskName });
    await handler.goto(`${ws.baseUrl}/tasks`);
    await waitUntil(`${taskName} in the inbox`, async () => {
      await handler.reload();
      await handler.getByRole('heading', { name: '我的待办' }).waitFor();
      await handler.waitForLoadState('networkidle');
      return (await row.count()) > 0;
    }, 90_000);
    await row.getByRole('link', { name: taskName }).click();
    await handler.locator('.fjs-form').waitFor();
    const taskUrl = handler.url();

    const fill = (label: string, value: string) => handler.getByLabel(new RegExp(`^${label}\\*?$`)).fill(value);
    await fill('建议书文号', '（2026）鲁15司建3号');
    await fill('建议内容', '建议规范行政处罚告知程序');
    await fill('措施', '修订行政处罚告知书格式');
    await fill('办理结果', '已按建议完成整改');
    await fill('联系人', '李晓燕');
    await fill('联系人职务', '法规科科长');
    // form-js tests the pattern anywhere in the value; the API wants the whole value to be a number
    await fill('联系电话', '电话：0635-8241234');
    await handler.getByRole('button', { name: '提交办结' }).click();
    const alert = handler.getByRole('alert').filter({ hasText: '联系电话格式不正确' });
    await alert.waitFor();
    // the message stands right under the form, above the button just pressed, in view
    const [alertBox, formBox, buttonBox] = [await alert.boundingBox(), await handler.locator('.fjs-form').boundingBox(), await handler.getByRole('button', { name: '提交办结' }).boundingBox()];
    expect(alertBox!.y).toBeGreaterThanOrEqual(formBox!.y + formBox!.height);
    expect(alertBox!.y + alertBox!.height).toBeLessThanOrEqual(buttonBox!.y);
    expect(alertBox!.y).toBeGreaterThanOrEqual(0);
    expect(alertBox!.y + alertBox!.height).toBeLessThanOrEqual(769);
    // known defect (reported, not fixed here): the obligations text cites its policy source by file name (002_….txt)
    await check(handler, '35-task-api-refusal', /\d{3}_[0-9a-f]+\.txt/g);

    // the task is still open: its page still shows the form, and the engine still has it
    await handler.goto(taskUrl);
    await handler.locator('.fjs-form').waitFor();
    expect(await ctx.rest.json<unknown[]>('GET', `/task?processInstanceBusinessKey=${created.id}&nameLike=${encodeURIComponent(`%${taskName}`)}`)).toHaveLength(1);
  });

  it('keyboard and labels: the login page by keyboard only, every field of the register page labelled, the navigation reachable by Tab', { timeout: 60_000 }, async () => {
    const page = await ws.browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
    await page.goto(`${ws.baseUrl}/`);
    await page.getByLabel('用户名').waitFor();
    // the page opens with the focus in 用户名; Tab goes on to 密码 (and the password field's show/hide toggle), then 登录
    const order = [await focusedName(page)];
    for (let i = 0; i < 5 && !order.includes('登录'); i++) {
      await page.keyboard.press('Tab');
      order.push(await focusedName(page));
    }
    expect(order.filter((n) => !/^(显示|隐藏)/.test(n)), `focus order ${order.join(' → ')}`).toEqual(['用户名', '密码', '登录']);
    // type into the fields by keyboard; Enter in the password field submits
    await page.getByLabel('用户名').focus();
    await page.keyboard.type('liaocheng-dept-clerk');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '退出登录' }).waitFor();

    // every field of the register page has an accessible label
    await page.goto(`${ws.baseUrl}/register`);
    await page.getByRole('heading', { name: '收案登记' }).waitFor();
    for (const label of ['被告（应诉单位）', '案号', '受理法院', '审级', '案由', '收到起诉状副本日期', '被诉行政行为', '作出行政行为的单位', '复议情况', '诉讼标的额（元）', '原告名称', '类型', '原告人数', '涉企']) {
      expect(await page.getByLabel(label, { exact: true }).count(), label).toBeGreaterThan(0);
    }
    const unlabelled = await page.evaluate<string[]>(`[...document.querySelectorAll('form input, form textarea, form select')]
      .filter(el => el.type !== 'hidden' && el.type !== 'file')
      .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
      .map(el => el.outerHTML.slice(0, 120))`);
    expect(unlabelled).toEqual([]);

    // the navigation: Tab from the top of the page reaches every menu item in order
    await page.goto(`${ws.baseUrl}/`);
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    const menu = ['首页', '台账', '待办', '通知', '收案登记', '存量案件导入'];
    const reached: string[] = [];
    for (let i = 0; i < 15 && !reached.includes(menu.at(-1)!); i++) {
      await page.keyboard.press('Tab');
      reached.push(await focusedName(page));
    }
    expect(reached.filter((n) => menu.includes(n)), `focus order ${reached.join(' → ')}`).toEqual(menu);
    // Enter on a focused menu item follows it
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '存量案件导入' }).waitFor();
    await page.close();
  });
});
