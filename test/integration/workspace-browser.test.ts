// Integration tier, in a browser: the staff workspace in Debian's Chromium (playwright-core) against
// the real app (on an ephemeral port), the project's engine app, the workers and PostgreSQL. People
// log in through the login page with the seeded demo accounts. A Liaocheng clerk registers a case;
// the handler, the legal counsel and the deputy head complete the answer stage through the forms in
// their inboxes; the case page shows the deadlines with their explanations and a PDF downloads;
// another agency can neither see nor open the case; a justice bureau sees its region only; the
// admin reads the audit log. Every page is kept as a screenshot in test-artifacts/workspace/.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAccounts } from '../../src/seed/demo-accounts.ts';
import { caseBody, diagnose, engineToday, useCaseLifecycle, waitCase } from '../helpers/case-lifecycle.ts';
import { waitUntil } from '../helpers/wait-until.ts';
import { expectChineseOnly, expectNoHorizontalOverflow, openWorkspace, screenshot, type Workspace } from '../helpers/workspace-browser.ts';

const ctx = useCaseLifecycle();
const PASSWORD = 'workspace-demo-2026';
let ws: Workspace;
let today: string;
let caseId: string;
const caseNumber = `（2026）鲁1502行初${Date.now() % 100000}号`;
const otherCaseNumber = `（2026）鲁1502行初${(Date.now() % 100000) + 1}号`;

beforeAll(async () => {
  await seedDemoAccounts(ctx.db, { password: PASSWORD, mustChangePassword: false });
  ws = await openWorkspace(ctx.app);
  today = await engineToday(ctx);
}, 120_000);

afterAll(async () => {
  await ws?.close();
});

/** 2026年3月2日 — how the pages and the date pickers write a date */
const zh = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
/** how form-js's date field takes a typed date in the zh-CN locale */
const typedDate = (iso: string) => iso.split('-').map(Number).join('/');

/** A page is in Chinese, has no ISO date and fits 1366×768; then its screenshot is kept. */
async function check(page: Page, name: string, allowed?: RegExp) {
  await screenshot(page, name);
  await expectChineseOnly(page, '#main', allowed);
  await expectNoHorizontalOverflow(page);
}

/** Waits until the user's inbox lists the task of the case, and opens it. */
async function openTask(page: Page, taskName: string) {
  await page.goto(`${ws.baseUrl}/tasks`);
  const row = page.getByRole('row').filter({ hasText: caseNumber }).filter({ hasText: taskName });
  try {
    await waitUntil(`${taskName} in the inbox`, async () => {
      if (await row.count()) return true;
      await page.reload();
      await page.getByRole('heading', { name: '我的待办' }).waitFor();
      await page.waitForLoadState('networkidle');
      return (await row.count()) > 0;
    }, 90_000);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${await diagnose(ctx, caseId)}`);
  }
  await row.getByRole('link', { name: taskName }).click();
  await page.locator('.fjs-form').waitFor();
}

// form-js fields by their labels (a required field's label ends with *)
const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\*?$`));
const fill = (page: Page, label: string, value: string) => field(page, label).fill(value);
async function date(page: Page, label: string, iso: string) {
  const input = field(page, label);
  await input.fill(typedDate(iso));
  await input.press('Enter');
  await page.keyboard.press('Escape');
}
async function choose(page: Page, label: string, option: string) {
  // form-js's select: a hidden input behind a display of the value and a dropdown list
  const select = page.locator('.fjs-form-field-select').filter({ has: page.locator('label').getByText(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\*?$`)) });
  await select.locator('.fjs-input-group').click();
  await select.locator('.fjs-dropdownlist-item', { hasText: option }).first().click();
}

/**
 * Submits the open task and waits for the inbox. A submit the page refused (its "未能办结" alert) or
 * an answer that never came fails at once with what the page said, the API's answers and the case's
 * state in the engine, not after a bare timeout.
 */
async function submitTask(page: Page, taskName: string) {
  const answers: string[] = [];
  const started = Date.now();
  const onResponse = (r: { url(): string; status(): number; request(): { method(): string } }) => {
    if (r.request().method() === 'POST' && /\/api\/tasks\//.test(r.url())) answers.push(`${r.status()} ${new URL(r.url()).pathname} after ${Date.now() - started} ms`);
  };
  page.on('response', onResponse);
  try {
    await page.getByRole('button', { name: '提交办结' }).click();
    const inbox = page.getByRole('heading', { name: '我的待办' });
    const refused = page.getByRole('alert').filter({ hasText: '未能办结' });
    await inbox.or(refused).first().waitFor({ timeout: 90_000 }).catch(() => undefined);
    if (!(await inbox.isVisible())) {
      await screenshot(page, `failed-submit-${taskName}`);
      const said = (await refused.count()) ? await refused.innerText() : '(no alert)';
      throw new Error(`submitting ${taskName} did not reach the inbox after ${Date.now() - started} ms; the page says: ${said}; API answers: ${answers.join('; ') || 'none'}\n${await diagnose(ctx, caseId)}`);
    }
    // a slow submit passes but is named in the run's output
    if (Date.now() - started > 10_000) process.stderr.write(`[workspace-browser] submitting ${taskName} took ${Date.now() - started} ms (${answers.join('; ')})\n`);
  } finally {
    page.off('response', onResponse);
  }
  await expect.poll(() => page.getByRole('row').filter({ hasText: caseNumber }).filter({ hasText: taskName }).count()).toBe(0);
}

describe('the staff workspace in a browser', () => {
  // one story: the steps depend on each other (the case the clerk registers is the one the others work on)
  it('a clerk registers a served suit; the handler, the counsel and the deputy head complete the answer stage in their inboxes; the case page shows it all and a PDF downloads', { timeout: 600_000 }, async () => {
    const login = await ws.browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
    await login.goto(`${ws.baseUrl}/ledger`);
    await login.getByLabel('用户名').waitFor();
    await screenshot(login, '01-login');
    // a wrong password: the API's Chinese message, no way in
    await login.getByLabel('用户名').fill('liaocheng-dept-clerk');
    await login.getByLabel('密码').fill('wrong-password');
    await login.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => login.getByRole('alert').innerText(), { timeout: 20_000 }).toMatch(/[\u4e00-\u9fff]/);
    await login.close();

    const clerk = await ws.loginAs('liaocheng-dept-clerk', PASSWORD);
    await check(clerk, '02-home-clerk');
    await clerk.getByRole('link', { name: '收案登记' }).click();
    await clerk.getByLabel('案号').fill(caseNumber);
    await clerk.getByLabel('受理法院').fill('聊城市东昌府区人民法院');
    await clerk.getByLabel('案由').fill('行政处罚');
    const received = clerk.getByLabel('收到起诉状副本日期');
    await received.fill(zh(today));
    await received.press('Tab');
    await clerk.getByLabel('被诉行政行为').fill('聊自然资罚字〔2026〕12号行政处罚决定（罚款二万元）');
    await clerk.getByLabel('原告名称').fill('聊城市某某商贸有限公司');
    await screenshot(clerk, '03-register');
    await clerk.getByRole('button', { name: '登记并启动流程' }).click();
    await clerk.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    caseId = clerk.url().split('/').at(-1)!;
    await clerk.getByRole('heading', { name: caseNumber }).waitFor();
    await check(clerk, '04-case-registered');

    // the registration task in the clerk's inbox; an empty submit shows the form's own errors in Chinese
    await openTask(clerk, '登记并转交承办单位');
    await check(clerk, '05-task-registration');
    await clerk.getByRole('button', { name: '提交办结' }).click();
    await expect.poll(() => clerk.locator('.fjs-form-field-error').first().innerText()).toBe('此项为必填项。');
    await screenshot(clerk, '06-task-registration-errors');
    await date(clerk, '登记日期', today);
    await fill(clerk, '承办人员', '田海涛');
    await date(clerk, '转交承办单位日期', today);
    await submitTask(clerk, '登记并转交承办单位');
    await check(clerk, '07-inbox-clerk');

    // the answer stage, through the forms in the inboxes of the handler, the legal counsel and the deputy head
    const handler = await ws.loginAs('liaocheng-dept-handler', PASSWORD);
    await check(handler, '08-home-handler');

    await openTask(handler, '败诉风险评估');
    await fill(handler, '风险分析', '事实清楚、程序合法，败诉风险低。');
    await submitTask(handler, '败诉风险评估');

    await openTask(handler, '起草答辩状和证据目录');
    await fill(handler, '原告诉讼请求', '请求撤销被告作出的行政处罚决定。');
    await fill(handler, '事实与理由（被诉行政行为的事实）', '原告未经许可从事经营活动，被告依法查处。');
    await fill(handler, '法律、法规名称', '《中华人民共和国行政处罚法》');
    await fill(handler, '要点', '被诉行政行为认定事实清楚');
    await fill(handler, '论述', '现场检查笔录、询问笔录可以证明。');
    await choose(handler, '证据类别', '事实证据');
    await fill(handler, '证据名称', '现场检查笔录');
    await fill(handler, '证据来源', '被告执法人员制作');
    await fill(handler, '证明对象', '违法事实');
    await fill(handler, '证据内容', '检查时原告正在经营');
    await fill(handler, '证明目的', '证明认定事实清楚');
    await fill(handler, '页数', '2');
    await choose(handler, '原件/复印件', '原件');
    await fill(handler, '姓名', '田海涛');
    await fill(handler, '职务', '科员');
    await fill(handler, '工作单位', '聊城市自然资源和规划局');
    await choose(handler, '身份', '工作人员');
    await check(handler, '09-task-answer-draft');
    await submitTask(handler, '起草答辩状和证据目录');

    const counsel = await ws.loginAs('liaocheng-dept-counsel', PASSWORD);
    await openTask(counsel, '法律顾问审核');
    await counsel.getByLabel('同意', { exact: true }).check();
    await fill(counsel, '审核意见', '答辩意见成立，同意提交。');
    await submitTask(counsel, '法律顾问审核');

    const deputy = await ws.loginAs('liaocheng-dept-deputy', PASSWORD);
    await openTask(deputy, '负责人审批');
    await deputy.getByLabel('批准', { exact: true }).check();
    await fill(deputy, '审批意见', '同意。');
    await submitTask(deputy, '负责人审批');

    // Liaocheng: filed with the justice bureau before the answer is submitted
    await openTask(handler, '答辩材料报司法局备案');
    await date(handler, '备案日期', today);
    await choose(handler, '报送方式', '电子邮件');
    await handler.getByLabel('答辩状', { exact: true }).check();
    await submitTask(handler, '答辩材料报司法局备案');
    await openTask(handler, '向法院提交答辩材料');
    await date(handler, '提交（交邮）日期', today);
    await choose(handler, '提交方式', 'EMS 邮寄');
    await fill(handler, '邮件号码', 'EMS1234567890');
    await submitTask(handler, '向法院提交答辩材料');

    const view = await waitCase(ctx, caseId, 'the answer submitted', (c) => c.stage === 'awaiting-hearing');
    expect(view.answerSubmittedOn).toBe(today);

    // the case page: deadlines with explanations, the projection, documents, diagram
    await handler.goto(`${ws.baseUrl}/cases/${caseId}`);
    await handler.getByRole('heading', { name: caseNumber }).waitFor();
    await check(handler, '10-case-facts');

    await handler.getByRole('tab', { name: /期限/ }).click();
    const answerRow = handler.getByRole('row').filter({ hasText: '答辩举证期限' }).first();
    await expect.poll(() => answerRow.innerText()).toMatch(/起算|届满/);
    await expect.poll(() => answerRow.innerText()).toContain('行政诉讼法》第六十七条');
    await expect.poll(() => handler.getByText('按通常进程推算的后续期限').count()).toBe(1);
    await expect.poll(() => handler.getByRole('row').filter({ hasText: '一审审理期限' }).count()).toBeGreaterThan(0);
    await check(handler, '11-case-deadlines');

    await handler.getByRole('tab', { name: '时间轴' }).click();
    await check(handler, '12-case-timeline');
    await handler.getByRole('tab', { name: '庭审与裁判' }).click();
    await check(handler, '13-case-hearings');

    await handler.getByRole('tab', { name: /文书/ }).click();
    const pdfButton = handler.getByRole('button', { name: /^下载.*（PDF）$/ }).first();
    await pdfButton.waitFor();
    // the documents' SHA-256 values are hexadecimal
    await check(handler, '14-case-documents', /SHA-256|[0-9a-f]{12}…/g);
    const [download] = await Promise.all([handler.waitForEvent('download'), pdfButton.click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe('%PDF-');

    await handler.getByRole('tab', { name: '通知记录' }).click();
    await check(handler, '15-case-notifications');
    await handler.getByRole('tab', { name: '流程图' }).click();
    await handler.locator('.diagram .djs-element.highlight').first().waitFor();
    expect(await handler.getByText('流程图无法显示').count()).toBe(0);
    await expect.poll(() => handler.getByRole('link', { name: /Cockpit/ }).first().getAttribute('href')).toContain('/app/cockpit/');
    await screenshot(handler, '16-case-diagram');

    await handler.goto(`${ws.baseUrl}/ledger?q=${encodeURIComponent(caseNumber)}`);
    await handler.getByRole('link', { name: caseNumber }).waitFor();
    await check(handler, '17-ledger');
    await handler.goto(`${ws.baseUrl}/notifications`);
    await handler.getByRole('heading', { name: /通知/ }).waitFor();
    await check(handler, '18-notifications');
    await handler.goto(`${ws.baseUrl}/import`);
    await check(handler, '19-import');
  });

  it('another agency can neither see nor open a case; a justice bureau sees its region and not another', async () => {
    // a case of the Liaocheng department, registered through the API
    const created = await ctx.api.post('/api/cases').send(caseBody(ctx, 'liaocheng-dept', await engineToday(ctx), { caseNumber: otherCaseNumber }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const caseId = created.body.id as string;
    const caseNumber = otherCaseNumber;
    const other = await ws.loginAs('yantai-dept-handler', PASSWORD);
    await other.goto(`${ws.baseUrl}/cases/${caseId}`);
    await other.getByText('案件不存在或无权查看').waitFor();
    await screenshot(other, '20-case-other-agency');
    expect((await other.request.get(`${ws.baseUrl}/api/cases/${caseId}`)).status()).toBe(404);
    expect((await other.request.get(`${ws.baseUrl}/api/cases/${caseId}/diagram`)).status()).toBe(404);
    await other.goto(`${ws.baseUrl}/ledger?q=${encodeURIComponent(caseNumber)}`);
    await other.getByText('没有符合条件的案件').waitFor();

    const bureau = await ws.loginAs('liaocheng-justice-staff', PASSWORD);
    await bureau.goto(`${ws.baseUrl}/ledger?q=${encodeURIComponent(caseNumber)}`);
    await bureau.getByRole('link', { name: caseNumber }).waitFor();
    await check(bureau, '21-ledger-justice-bureau');
    const elsewhere = await ws.loginAs('yantai-justice-staff', PASSWORD);
    await elsewhere.goto(`${ws.baseUrl}/ledger?q=${encodeURIComponent(caseNumber)}`);
    await elsewhere.getByText('没有符合条件的案件').waitFor();
    expect((await elsewhere.request.get(`${ws.baseUrl}/api/cases/${caseId}`)).status()).toBe(404);
  });

  it('the admin reads the audit log and the admin pages; a clerk has none of them', async () => {
    // the clerk's login is in the audit log
    const clerk = await ws.loginAs('liaocheng-dept-clerk', PASSWORD);
    const admin = await ws.loginAs('admin', PASSWORD);
    await admin.goto(`${ws.baseUrl}/admin/audit`);
    await admin.getByRole('heading', { name: '审计日志' }).waitFor();
    await admin.getByLabel('登录名').fill('liaocheng-dept-clerk');
    await admin.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => admin.getByRole('row').filter({ hasText: '登录' }).count()).toBeGreaterThan(0);
    // the audit log names people by their login too (what the filter takes)
    await check(admin, '22-audit-log', /（[a-z0-9-]+）|\b[a-z]+(-[a-z]+)+\b/g);
    await admin.goto(`${ws.baseUrl}/admin/calendar`);
    await admin.getByRole('heading', { name: '节假日日历' }).waitFor();
    await check(admin, '23-admin-calendar');
    await admin.goto(`${ws.baseUrl}/admin/channels`);
    await admin.getByRole('heading', { name: '通知渠道' }).waitFor();
    await check(admin, '24-admin-channels');
    // a clerk has no admin pages
    await clerk.goto(`${ws.baseUrl}/admin/audit`);
    await clerk.getByText('无权访问').waitFor();
    expect((await clerk.request.get(`${ws.baseUrl}/api/admin/audit`)).status()).toBe(403);
  });
});
