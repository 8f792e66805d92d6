// Integration tier, in a browser: editing the Camunda Form (表单) of a user task in the browser
// modeler (流程建模, issue 16 §2), in Debian's Chromium (playwright-core) against the real app and the
// project's engine app. A diagram (the public-opinion report under a process key, name and form id
// of its own) is deployed from the modeler as version 1 with its form, and an instance waits at its
// user task. The analyst selects the task, opens 「编辑表单」 (the form-js editor), gives a field an
// English label — the live check names it —, then a Chinese one, adds a field from the palette, sees
// the form's changes in the diff and deploys: version 2 comes with the new form in the same deployment; a task of version 2 gets the changed form from
// the engine, the instance on version 1 still gets the old one. Screenshots in test-artifacts/modeler/.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.ts';
import { deployDiagram } from '../../src/modeler/modeler-service.ts';
import type { TestUser } from '../helpers/auth.ts';
import { useEngine } from '../helpers/engine.ts';
import { checkTag, modelerShot as shot, openInModeler, openModelerWorkspace, ownPublicOpinionDiagram } from '../helpers/modeler-browser.ts';
import { useTestDb } from '../helpers/test-db.ts';
import { expectChineseOnly, type Workspace } from '../helpers/workspace-browser.ts';

const { engine, rest, config } = useEngine();
const db = useTestDb();
const suffix = randomUUID().slice(0, 6);
const key = `modeler-form-${suffix}`;
const formId = `${key}-report`;
const processName = `舆情报告表单演练${suffix.replace(/[a-f]/g, '')}`;
const v1 = ownPublicOpinionDiagram(key, processName)
  // a form of its own: the other tests' processes bind the product's form by its id
  .replace('camunda:formRef="public-opinion-report"', `camunda:formRef="${formId}"`);
const form = { ...(JSON.parse(readFileSync(path.join(projectRoot, 'forms', 'public-opinion-report.form'), 'utf8')) as Record<string, unknown>), id: formId };
const OLD_LABEL = '报告对象（本级人民政府）';
const NEW_LABEL = '报告对象（本级人民政府及其办公室）';
const ADDED_LABEL = '报告联系人';

let ws: Workspace;
let analyst: TestUser;
let oldInstanceId: string;

/** the labels of a form as the engine hands it to a task (GET /task/{id}/deployed-form) */
async function taskFormLabels(processInstanceId: string): Promise<string[]> {
  const [task] = await rest.json<{ id: string }[]>('GET', `/task?processInstanceId=${processInstanceId}`);
  if (!task) throw new Error(`no task of ${processInstanceId}`);
  const { body } = await rest.text(`/task/${task.id}/deployed-form`);
  return (JSON.parse(body) as { components: { label?: string }[] }).components.flatMap((c) => (c.label ? [c.label] : []));
}

/** a field of the form in the editor by its label (the form's root is a field too and holds every label: the innermost match is the last) */
const field = (modal: Locator, label: string) => modal.locator('.fjs-form-field', { hasText: label }).last();

/** replaces the text of the form-js properties panel's label editor (a CodeMirror templating field) */
async function setLabel(page: Page, text: string) {
  const editor = page.locator('.fjs-properties-container [data-entry-id="label"] [contenteditable="true"]').first();
  // the panel's groups start collapsed: open 「General」 unless it is open (it stays so for the next field)
  const general = page.locator('.fjs-properties-container .bio-properties-panel-group-header', { hasText: 'General' });
  await general.waitFor();
  if (!(await general.getAttribute('class'))?.split(' ').includes('open')) await general.click();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

beforeAll(async () => {
  ({ ws, analyst } = await openModelerWorkspace({ config, db, engine }));
  // version 1 as the modeler deploys a diagram with its form: the task bound to the form of its deployment
  await deployDiagram(engine, v1, [form]);
  const businessKey = randomUUID();
  oldInstanceId = (await engine.startInstance(key, businessKey, { caseId: businessKey, opinionReportDueAt: '2026-12-31T23:59:59+08:00' }, { startBeforeActivityIds: ['o_report'] })).instanceId;
}, 300_000);

afterAll(async () => {
  await ws?.close();
});

describe('the form of a user task in the browser modeler', () => {
  it('an analyst changes a label and adds a field in the form editor, the check names an English label, and version 2 deploys with the new form while version 1 keeps the old', { timeout: 300_000 }, async () => {
    expect(await taskFormLabels(oldInstanceId)).toContain(OLD_LABEL);
    const page = await ws.loginAs(analyst.login, analyst.password);
    page.setDefaultTimeout(60_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await openInModeler(page, processName);
    await expect.poll(() => checkTag(page).innerText(), { timeout: 30_000 }).toBe('检查通过');

    // select the user task: 编辑表单 opens its form in the form-js editor
    await page.locator('.modeler-canvas [data-element-id="o_report"]').first().click();
    await page.getByRole('button', { name: '编辑表单' }).click();
    const modal = page.locator('.ant-modal', { hasText: '编辑表单：「舆情处置情况报告本级人民政府」' });
    await modal.locator('.fjs-editor-container').waitFor();
    await modal.locator('.fjs-palette-field').first().waitFor({ timeout: 15_000 }).catch(async (error: Error) => {
      await shot(page, '11-no-palette');
      throw new Error(`${error.message}\npage errors: ${pageErrors.join(' | ')}`);
    });
    // the palette names the field types in Chinese
    await expect.poll(() => modal.locator('.fjs-palette-field').allInnerTexts()).toEqual(expect.arrayContaining(['单行文本', '多行文本', '日期时间']));
    await field(modal, OLD_LABEL).click();
    await shot(page, '11-form-editor');

    // an English label: the live check names the field at its task, and the deployment waits
    await setLabel(page, 'Reported to');
    await field(modal, 'Reported to').waitFor();
    await modal.getByRole('button', { name: '保存修改' }).click();
    await page.getByText('已修改的表单：「舆情处置情况报告本级人民政府」（随部署生效）').waitFor();
    await expect.poll(() => page.locator('.lint-problem').allInnerTexts(), { timeout: 30_000 }).toEqual([expect.stringContaining('表单「舆情处置情况报告本级人民政府」的字段「Reported to」缺少中文标签')]);
    expect(await page.getByRole('button', { name: '部署为新版本' }).isDisabled()).toBe(true);
    await expectChineseOnly(page, '[aria-label="检查结果"]', /Reported to/g);
    await shot(page, '12-form-label-english');

    // the Chinese label; the edited form (not the deployed one) opens again
    await page.getByRole('button', { name: '编辑表单' }).click();
    await field(modal, 'Reported to').click();
    await setLabel(page, NEW_LABEL);
    await field(modal, NEW_LABEL).waitFor();
    // a new field: 单行文本 dragged from the palette onto the last field, then given a Chinese label
    const from = (await modal.locator('.fjs-palette-field', { hasText: '单行文本' }).boundingBox())!;
    const onto = (await field(modal, '舆情处置情况*').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 40, from.y + from.height / 2 + 20, { steps: 5 });
    await page.mouse.move(onto.x + onto.width / 2, onto.y + onto.height - 4, { steps: 10 });
    await page.mouse.up();
    const added = field(modal, 'Text field');
    await added.waitFor();
    // the dropped field is selected already (a click on it would select the form instead)
    const panelTitle = page.locator('.fjs-properties-container .bio-properties-panel-header');
    if (!(await panelTitle.innerText()).includes('Text field')) await added.click();
    await expect.poll(() => panelTitle.innerText()).toContain('Text field');
    await setLabel(page, ADDED_LABEL);
    await field(modal, ADDED_LABEL).waitFor();
    await modal.getByRole('button', { name: '保存修改' }).click();
    await expect.poll(() => checkTag(page).innerText(), { timeout: 30_000 }).toBe('检查通过');
    // the difference to version 1 names the form's change
    await page.getByRole('tab', { name: /与第1版的差异/ }).click();
    await expect.poll(() => page.getByLabel('差异', { exact: true }).innerText()).toContain(`「舆情处置情况报告本级人民政府」的表单：新增字段「${ADDED_LABEL}」；字段标签由「${OLD_LABEL}」改为「${NEW_LABEL}」`);
    await expectChineseOnly(page, '[aria-label="差异"]');
    await shot(page, '13-form-diff');

    await page.getByRole('button', { name: '部署为新版本' }).click();
    await page.getByRole('button', { name: '部署', exact: true }).click();
    await page.getByText(/已部署为第2版，修改的 1 个表单随同部署/).waitFor();
    await shot(page, '14-form-deployed');

    // the engine: version 2 binds the form of its own deployment, which has the new label
    const versions = await rest.json<{ id: string; version: number; deploymentId: string }[]>('GET', `/process-definition?key=${key}&sortBy=version&sortOrder=desc`);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    const resources = await rest.json<{ name: string }[]>('GET', `/deployment/${versions[0]!.deploymentId}/resources`);
    expect(resources.map((r) => r.name).sort()).toEqual([`${formId}.form`, `${key}.bpmn`].sort());
    const v2xml = (await rest.json<{ bpmn20Xml: string }>('GET', `/process-definition/${versions[0]!.id}/xml`)).bpmn20Xml;
    expect(v2xml).toMatch(new RegExp(`camunda:formRef="${formId}" camunda:formRefBinding="deployment"`));

    // a task of version 2 renders the changed form; the instance still on version 1 keeps the old one
    const businessKey = randomUUID();
    const newInstanceId = (await engine.startInstance(key, businessKey, { caseId: businessKey, opinionReportDueAt: '2026-12-31T23:59:59+08:00' }, { startBeforeActivityIds: ['o_report'] })).instanceId;
    expect((await rest.json<{ definitionId: string }>('GET', `/process-instance/${newInstanceId}`)).definitionId).toBe(versions[0]!.id);
    const newLabels = await taskFormLabels(newInstanceId);
    expect(newLabels).toEqual(expect.arrayContaining([NEW_LABEL, ADDED_LABEL]));
    expect(newLabels).not.toContain(OLD_LABEL);
    const oldLabels = await taskFormLabels(oldInstanceId);
    expect(oldLabels).toContain(OLD_LABEL);
    expect(oldLabels).not.toContain(NEW_LABEL);
    expect(oldLabels).not.toContain(ADDED_LABEL);

    // the audit names the changed form
    const audit = await db('audit_log').where({ person_id: analyst.personId, action: 'change' }).whereRaw(`details->>'change' = 'process.deploy'`).first();
    expect(pageErrors).toEqual([]);
    expect(audit.details).toMatchObject({ processKey: key, version: 2, forms: [formId], formsChanged: [formId] });
  });
});
