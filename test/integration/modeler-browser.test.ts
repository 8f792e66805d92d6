// Integration tier, in a browser: the browser modeler (流程建模, issue 16 §2) in Debian's Chromium
// (playwright-core) against the real app and the project's engine app. A diagram (the public-opinion
// report under a process key and name of its own) is deployed as version 1 and an instance of it
// waits at its user task. The analyst logs in, opens the diagram, drops a new task onto a sequence
// flow, makes it a service task, sees the lint's errors, applies a worker template from the
// properties panel and names the task, sees the check pass and deploys: version 2 appears, the
// running instance is still on version 1; the dry run allows it and the migration moves it. The
// process catalogue lists both versions. Screenshots in test-artifacts/modeler/ (look at them).
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployDiagram } from '../../src/modeler/modeler-service.ts';
import type { TestUser } from '../helpers/auth.ts';
import { useEngine } from '../helpers/engine.ts';
import { checkTag, modelerShot as shot, openInModeler, openModelerWorkspace, ownPublicOpinionDiagram } from '../helpers/modeler-browser.ts';
import { useTestDb } from '../helpers/test-db.ts';
import { expectChineseOnly, type Workspace } from '../helpers/workspace-browser.ts';

const { engine, rest, config } = useEngine();
const db = useTestDb();
const suffix = randomUUID().slice(0, 6);
const key = `modeler-browser-${suffix}`;
const processName = `舆情报告建模演练${suffix.replace(/[a-f]/g, '')}`;
// the public-opinion report under a key and a name of its own, with room between 报告 and 台账 for a new task
const v1 = ownPublicOpinionDiagram(key, processName)
  .replace('<dc:Bounds x="560" y="100"', '<dc:Bounds x="820" y="100"')
  .replace('<dc:Bounds x="722" y="122"', '<dc:Bounds x="982" y="122"')
  .replace('<di:waypoint x="560" y="140" />', '<di:waypoint x="820" y="140" />')
  .replace('<di:waypoint x="660" y="140" />', '<di:waypoint x="920" y="140" />')
  .replace('<di:waypoint x="722" y="140" />', '<di:waypoint x="982" y="140" />');

let ws: Workspace;
let analyst: TestUser;
let firstDefinitionId: string;
let instanceId: string;

/** the centre of a diagram element on screen */
async function centreOf(page: Page, elementId: string) {
  const box = await page.locator(`.modeler-canvas [data-element-id="${elementId}"]`).first().boundingBox();
  if (!box) throw new Error(`${elementId} is not drawn`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

beforeAll(async () => {
  ({ ws, analyst } = await openModelerWorkspace({ config, db, engine }));
  const first = await deployDiagram(engine, v1);
  firstDefinitionId = first.definitionId;
  const businessKey = randomUUID();
  instanceId = (await engine.startInstance(key, businessKey, { caseId: businessKey, reportDueAt: '2026-12-31T23:59:59+08:00' }, { startBeforeActivityIds: ['o_report'] })).instanceId;
}, 300_000);

afterAll(async () => {
  await ws?.close();
});

describe('the browser modeler', () => {
  it('an analyst edits a diagram with a template, fixes the lint errors, deploys version 2 and migrates the running instance', { timeout: 300_000 }, async () => {
    const page = await ws.loginAs(analyst.login, analyst.password);
    page.setDefaultTimeout(60_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
    // open the diagram from the list of deployed processes
    await openInModeler(page, processName);
    await expect.poll(() => checkTag(page).innerText(), { timeout: 30_000 }).toBe('检查通过');
    await shot(page, '01-opened');

    // a new task dropped onto the flow between the report and the ledger entry
    const flow = await centreOf(page, 'o_f3');
    await page.locator('.djs-palette .entry[data-action="create.task"]').click();
    await page.mouse.move(flow.x - 20, flow.y);
    await page.mouse.move(flow.x, flow.y);
    await page.mouse.click(flow.x, flow.y);
    await page.keyboard.press('Escape'); // leave the name empty for now
    // it is a task now: make it a service task with the context pad's 更改类型
    const created = page.locator('.modeler-canvas .djs-shape.selected').first();
    const newId = await created.getAttribute('data-element-id');
    expect(newId).toBeTruthy();
    await page.locator('.djs-context-pad .entry[data-action="replace"]').click();
    await page.locator('.djs-popup [data-id="replace-with-service-task"]').click();

    // the lint: a service task without a worker template, an element without a Chinese name
    await expect.poll(() => checkTag(page).innerText(), { timeout: 30_000 }).toMatch(/^\d+ 个错误$/);
    const findings = page.locator('.lint-problem');
    await expect.poll(() => findings.allInnerTexts(), { timeout: 30_000 }).toEqual(expect.arrayContaining([expect.stringContaining('服务任务须应用一个工作者模板'), expect.stringContaining('元素须有中文名称')]));
    await expect.poll(() => page.locator(`.modeler-canvas [data-element-id="${newId}"].lint-error`).count()).toBe(1);
    expect(await page.getByRole('button', { name: '部署为新版本' }).isDisabled()).toBe(true);
    await expectChineseOnly(page, '[aria-label="检查结果"]');
    await shot(page, '02-lint-errors');

    // the properties panel's template group: 选择 → the page's list of worker templates in Chinese
    await page.locator('.modeler-properties .bio-properties-panel-select-template-button').click();
    await page.locator('.ant-modal', { hasText: '选择工作者模板' }).waitFor({ timeout: 15_000 }).catch(async (error: Error) => {
      await shot(page, '03-no-template-list');
      throw new Error(`${error.message}\npage errors: ${pageErrors.join(' | ')}`);
    });
    await shot(page, '03-templates');
    await page.getByRole('button', { name: '应用模板核对裁判生效' }).click();
    await expect.poll(() => findings.allInnerTexts(), { timeout: 30_000 }).not.toEqual(expect.arrayContaining([expect.stringContaining('服务任务须应用一个工作者模板')]));

    // the name, typed on the canvas
    const task = await centreOf(page, newId!);
    await page.mouse.dblclick(task.x, task.y);
    await page.keyboard.type('核对裁判生效情况');
    await page.mouse.click(task.x, task.y + 200); // an empty spot ends the editing
    await expect.poll(() => checkTag(page).innerText(), { timeout: 30_000 }).toBe('检查通过');
    await page.getByRole('tab', { name: /与第1版的差异/ }).click();
    await expect.poll(() => page.getByLabel('差异', { exact: true }).innerText()).toContain('服务任务「核对裁判生效情况」');
    await shot(page, '04-fixed-diff');

    // deploy: version 2
    await page.getByRole('button', { name: '部署为新版本' }).click();
    await page.getByRole('button', { name: '部署', exact: true }).click();
    await page.getByText(/已部署为第2版；1 个运行中的实例仍在原版本上/).waitFor();
    const versions = await rest.json<{ id: string; version: number }[]>('GET', `/process-definition?key=${key}&sortBy=version&sortOrder=desc`);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    const v2xml = (await rest.json<{ bpmn20Xml: string }>('GET', `/process-definition/${versions[0]!.id}/xml`)).bpmn20Xml;
    expect(v2xml).toContain('camunda:topic="judgment.effect-status"');
    expect(v2xml).toContain('name="核对裁判生效情况"');
    // the running instance stays on version 1
    expect((await rest.json<{ definitionId: string }>('GET', `/process-instance/${instanceId}`)).definitionId).toBe(firstDefinitionId);

    // migrate: dry run, then the migration
    await page.getByRole('tab', { name: '版本与迁移' }).click();
    await page.getByRole('button', { name: '试运行（不迁移）' }).click();
    await page.getByText('试运行：1 个可以迁移，0 个不能迁移').waitFor();
    await shot(page, '05-dry-run');
    await expectChineseOnly(page, '[aria-label="版本与迁移"]');
    await page.getByRole('button', { name: '执行迁移' }).click();
    await page.getByRole('button', { name: '迁移', exact: true }).click();
    await page.getByText('已迁移 1 个实例到第2版').waitFor();
    expect((await rest.json<{ definitionId: string }>('GET', `/process-instance/${instanceId}`)).definitionId).toBe(versions[0]!.id);
    const audit = await db('audit_log').where({ person_id: analyst.personId, action: 'change' }).whereRaw(`details->>'change' in ('process.deploy', 'process.migrate')`).orderBy('id').select('details');
    expect(audit.map((a: { details: { change: string } }) => a.details.change)).toEqual(['process.deploy', 'process.migrate']);

    // the catalogue: one line per process; opened, both versions with the instance now on version 2
    await page.getByRole('link', { name: '流程目录' }).click();
    const entry = page.locator('.ant-collapse-item').filter({ has: page.getByLabel(processName, { exact: true }) });
    await entry.waitFor();
    expect(await entry.innerText()).toContain('第2版，共 2 个版本，运行中 1 个实例');
    await entry.locator('.ant-collapse-header').click();
    await expect.poll(() => entry.innerText()).toMatch(/第2版（[^）]+）：运行中 1 个[\s\S]*第1版（[^）]+）：运行中 0 个/);
    expect(await entry.innerText()).toContain('核对裁判生效情况');
    await shot(page, '06-catalogue');
  });
});
