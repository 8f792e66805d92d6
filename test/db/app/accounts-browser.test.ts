// db tier, in a browser: the 用户管理 page in Debian's Chromium (playwright-core) against the real
// app and PostgreSQL (the engine port's fake: the engine side of accounts is tested in
// test/engine/engine-user-password.test.ts). An admin lists accounts, creates one (field errors
// next to the fields, a generated password shown once), disables one; a justice bureau reads its
// region only. Screenshots in test-artifacts/workspace/. A database of its own (the last-admin rule
// and the list read every person).
import pino from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../../scripts/build-web.ts';
import { loadConfig } from '../../../src/config.ts';
import { createDb, type Db } from '../../../src/db/database.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { createTestUser, type TestUser } from '../../helpers/auth.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';
import { expectChineseOnly, expectNoHorizontalOverflow, openWorkspace, screenshot, type Workspace } from '../../helpers/workspace-browser.ts';

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let app: Express;
let ws: Workspace;
const users = {} as Record<'admin' | 'clerk' | 'bureau' | 'yantaiClerk', TestUser>;
const ids = new Map<string, string>();

beforeAll(async () => {
  await buildWeb({ log: () => undefined });
  database = await freshLedgerDatabase('yingsu_test_accounts_page');
  db = createDb(database.url, { min: 0, max: 4 });
  app = createApp({ config: loadConfig(), db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
  await seedDemoRegion(db);
  for (const a of await db('agencies').select('id', 'code')) ids.set(a.code, a.id);
  users.admin = await createTestUser(db, { roles: ['admin'], agencyId: ids.get('demo-gov'), login: 'page-admin' });
  users.clerk = await createTestUser(db, { roles: ['clerk'], agencyId: ids.get('liaocheng-dept'), login: 'page-clerk' });
  users.bureau = await createTestUser(db, { roles: ['justice-bureau'], agencyId: ids.get('liaocheng-justice'), login: 'page-bureau' });
  users.yantaiClerk = await createTestUser(db, { roles: ['clerk'], agencyId: ids.get('yantai-dept'), login: 'page-yantai' });
  ws = await openWorkspace(app);
}, 180_000);

afterAll(async () => {
  await ws?.close();
  await db?.destroy();
  await database?.drop();
});

// logins on screen are Latin by nature
const LOGINS = /\b[a-z][a-z0-9._-]*[a-z0-9]\b/g;

async function check(page: Page, name: string) {
  await screenshot(page, name);
  await expectChineseOnly(page, '#main', LOGINS);
  await expectNoHorizontalOverflow(page);
}

const rowOf = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });

/** The list narrowed to this file's people (the demo region has many more) with the search form. */
async function searchPage(page: Page) {
  await page.getByLabel('姓名或登录名').fill('page-');
  await page.getByRole('button', { name: '查询' }).click();
}

describe('用户管理 page', () => {
  it('an admin lists the accounts and creates one: field errors next to the fields, the generated password shown once', { timeout: 120_000 }, async () => {
    const admin = await ws.loginAs(users.admin.login, users.admin.password);
    await admin.getByRole('menuitem', { name: '用户管理' }).click();
    await admin.getByRole('heading', { name: '用户管理' }).waitFor();
    await searchPage(admin);
    await rowOf(admin, 'page-clerk').waitFor();
    await expect.poll(() => rowOf(admin, 'page-clerk').innerText(), { timeout: 15_000 }).toContain('办公室收发');
    await check(admin, '40-admin-accounts');

    await admin.getByRole('button', { name: '新建账号' }).click();
    const dialog = admin.getByRole('dialog', { name: '新建账号' });
    await dialog.getByLabel('姓名').fill('王敏');
    await dialog.getByLabel('职务').fill('科员');
    // Ant Design's select: type to filter, Enter takes the first match
    await dialog.getByLabel('所属单位').fill('聊城市自然资源和规划局');
    await dialog.getByLabel('所属单位').press('Enter');
    await dialog.getByLabel('登录名').fill('Wang Min');
    await dialog.getByLabel('初始密码').fill('short');
    await dialog.getByRole('button', { name: '创建' }).click();
    await dialog.getByText('登录名只能使用小写字母、数字和 . _ -，以字母或数字开头').waitFor();
    await dialog.getByText('密码至少 10 个字符').waitFor();
    await screenshot(admin, '41-admin-account-field-errors');

    await dialog.getByLabel('登录名').fill('wang.min');
    await dialog.getByLabel('初始密码').fill('');
    await dialog.getByLabel('角色').fill('承办人');
    await dialog.getByLabel('角色').press('Enter');
    await dialog.getByRole('button', { name: '创建' }).click();
    const shown = admin.getByRole('dialog', { name: '初始密码' });
    await shown.waitFor();
    const password = (await shown.getByLabel('生成的密码').innerText()).trim();
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    // the dialog's opening animation over before the picture
    await admin.locator('.ant-zoom-appear, .ant-zoom-enter').first().waitFor({ state: 'detached' });
    await screenshot(admin, '42-admin-account-password-once');
    await shown.getByRole('button', { name: '我已记下' }).click();
    await admin.getByLabel('姓名或登录名').fill('wang.min');
    await admin.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => rowOf(admin, 'wang.min').innerText(), { timeout: 15_000 }).toContain('待修改密码');

    // the password works, and must be changed first
    const login = await request(app).post('/api/session').send({ login: 'wang.min', password });
    expect(login.body.user).toMatchObject({ name: '王敏', roles: ['handler'], mustChangePassword: true });
  });

  it('an admin disables an account: it can no longer log in', { timeout: 120_000 }, async () => {
    const admin = await ws.loginAs(users.admin.login, users.admin.password);
    await admin.goto(`${ws.baseUrl}/admin/accounts`);
    await searchPage(admin);
    const row = rowOf(admin, 'page-clerk');
    await row.getByRole('button', { name: /停用/ }).click();
    await admin.locator('.ant-popconfirm').getByRole('button', { name: '停用' }).click();
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('已停用');
    await check(admin, '43-admin-account-disabled');
    expect((await request(app).post('/api/session').send({ login: 'page-clerk', password: users.clerk.password })).status).toBe(401);
  });

  it('a justice bureau reads the accounts of its region, without changing them; a clerk has no such page', { timeout: 120_000 }, async () => {
    const bureau = await ws.loginAs(users.bureau.login, users.bureau.password);
    await bureau.goto(`${ws.baseUrl}/admin/accounts`);
    await bureau.getByRole('heading', { name: '用户管理' }).waitFor();
    await searchPage(bureau);
    await rowOf(bureau, 'page-bureau').waitFor();
    expect(await rowOf(bureau, 'page-yantai').count()).toBe(0);
    expect(await bureau.getByRole('button', { name: '新建账号' }).count()).toBe(0);
    expect(await bureau.getByRole('button', { name: '重置密码' }).count()).toBe(0);
    await check(bureau, '44-accounts-justice-bureau');

    const clerk = await ws.loginAs(users.yantaiClerk.login, users.yantaiClerk.password);
    await clerk.goto(`${ws.baseUrl}/admin/accounts`);
    await clerk.getByText('无权访问').waitFor();
  });
});
