// The staff workspace in Debian's Chromium (playwright-core) for the browser tests: the app on an
// ephemeral port, one browser per file, one context (cookie jar) per user logged in through the
// login page, at 1366×768 in zh-CN, and screenshots under test-artifacts/workspace/.
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Express } from 'express';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { projectRoot } from '../../src/config.ts';
import { CHROMIUM_ARGS } from '../../src/documents/pdf-renderer.ts';

export const artifacts = path.join(projectRoot, 'test-artifacts', 'workspace');

export interface Workspace {
  baseUrl: string;
  browser: Browser;
  /** a new browser context logged in as the user (through the login page) */
  loginAs(login: string, password: string): Promise<Page>;
  close(): Promise<void>;
}

export async function openWorkspace(app: Express): Promise<Workspace> {
  mkdirSync(artifacts, { recursive: true });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  const contexts: BrowserContext[] = [];
  return {
    baseUrl,
    browser,
    async loginAs(login, password) {
      const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 768 }, acceptDownloads: true });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${baseUrl}/`);
      await page.getByLabel('用户名').fill(login);
      await page.getByLabel('密码').fill(password);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('button', { name: '退出登录' }).waitFor();
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A full-page screenshot (test-artifacts/workspace/<name>.png) once the page has settled. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/** Words in Latin letters the pages may show: file formats, product names, the units of a hash. */
const ALLOWED_LATIN = new Set(['PDF', 'DOCX', 'SHA', 'Excel', 'Cockpit', 'EMS', 'IP']);

/**
 * What a member of staff must never read: an ISO date or time, a variable name or an English word.
 * Checks the visible text of the main area (or the whole page).
 */
export async function expectChineseOnly(page: Page, where = 'body', allowed?: RegExp): Promise<void> {
  let text = await page.locator(where).innerText();
  if (allowed) text = text.replace(allowed, '');
  // case numbers are data: other test files of the run make theirs unique with hex tokens
  text = text.replace(/（\d{4}）[^\s（）]*?号/g, '（案号）');
  expect(text, 'an ISO date or time on screen').not.toMatch(/\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}|\+08:00|\bnull\b|\bundefined\b|NaN/);
  const latin = [...text.matchAll(/[A-Za-z][A-Za-z_-]{2,}/g)].map((m) => m[0]).filter((w) => !ALLOWED_LATIN.has(w));
  expect(latin, 'English words or identifiers on screen').toEqual([]);
}

/** The page's horizontal overflow at 1366 px: nothing may need sideways scrolling of the whole page. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  // a string so the Node type check needs no DOM types
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  expect(overflow, 'the page scrolls sideways at 1366×768').toBeLessThanOrEqual(0);
}
