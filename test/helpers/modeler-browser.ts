// Shared by the browser modeler's tests (test/integration/modeler-*browser.test.ts): the public-opinion
// report diagram under a process key and a name of its own, the app in Chromium with an analyst,
// screenshots in test-artifacts/modeler/, and the page's check tag.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { projectRoot } from '../../src/config.ts';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/database.ts';
import { createApp } from '../../src/http/app.ts';
import type { ProcessEngine } from '../../src/process-engine/process-engine.ts';
import { createTestUser, type TestUser } from './auth.ts';
import { openWorkspace, type Workspace } from './workspace-browser.ts';

export const modelerArtifacts = path.join(projectRoot, 'test-artifacts', 'modeler');

/** the public-opinion report under `key` and `name` (its message start event renamed too: the engine wants it unique) */
export function ownPublicOpinionDiagram(key: string, name: string): string {
  return readFileSync(path.join(projectRoot, 'processes', 'public-opinion-report.bpmn'), 'utf8')
    .replace('<bpmn:process id="public-opinion-report" name="涉案舆情处置情况报告"', `<bpmn:process id="${key}" name="${name}"`)
    .replace('bpmnElement="public-opinion-report"', `bpmnElement="${key}"`)
    .replace('name="public-opinion-incident"', `name="${key}-incident"`);
}

/** the app in Chromium and an analyst to log in as */
export async function openModelerWorkspace(deps: { config: Config; db: Db; engine: ProcessEngine }): Promise<{ ws: Workspace; analyst: TestUser }> {
  mkdirSync(modelerArtifacts, { recursive: true });
  const app = createApp({ config: deps.config, db: deps.db, engine: deps.engine, engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
  return { ws: await openWorkspace(app), analyst: await createTestUser(deps.db, { roles: ['analyst'] }) };
}

export async function modelerShot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(modelerArtifacts, `${name}.png`), fullPage: true });
}

/** the header's tag: 检查通过, N 个错误 or 正在检查… */
export const checkTag = (page: Page) => page.locator('.ant-tag').filter({ hasText: /^(检查通过|\d+ 个错误|正在检查…)$/ });

/** opens a deployed process in 流程建模 from the page of a logged-in analyst */
export async function openInModeler(page: Page, processName: string): Promise<void> {
  await page.getByRole('link', { name: '流程建模' }).click();
  await page.getByRole('heading', { name: '流程建模' }).waitFor();
  await page.getByLabel('选择流程').click();
  await page.keyboard.type(processName);
  await page.locator('.ant-select-item-option', { hasText: processName }).click();
  await page.locator('.modeler-canvas .djs-container').waitFor();
}
