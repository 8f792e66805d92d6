// DB tier (real PostgreSQL, the engine port's fake): the Camunda Forms of the browser modeler (issue
// 16 §2). The form editor reads a user task's deployed form (analysts and admins only); the live
// check names a form's problems at its task; a deployment with an edited form carries it in the same
// deployment and binds the task to it, so the new version uses the new form while the earlier
// version keeps its own; a bad form is refused with a 400 naming the field; the check lists what
// changed in a form; the audit row says which forms changed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, projectRoot } from '../../../src/config.ts';
import { DEPLOYMENT_NAME } from '../../../src/engine/deploy.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { as, createTestUser, type TestUser } from '../../helpers/auth.ts';
import { useTestDb } from '../../helpers/test-db.ts';
import { waitUntil } from '../../helpers/wait-until.ts';

const db = useTestDb();
const engine = createFakeProcessEngine();
const app = createApp({ config: loadConfig(), db, engine, engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
const v1 = readFileSync(path.join(projectRoot, 'processes', 'performance.bpmn'), 'utf8');
const planFile = readFileSync(path.join(projectRoot, 'forms', 'performance-plan.form'), 'utf8');
const plan = () => JSON.parse(planFile) as { id: string; components: Record<string, unknown>[]; [k: string]: unknown };
let analyst: TestUser;
let admin: TestUser;
let clerk: TestUser;

/** the form as edited in the page: a label changed and a field added */
function editedPlan(label: string) {
  const form = plan();
  const content = form.components.find((c) => c.key === 'performanceContent')!;
  content.label = label;
  form.components.push({ type: 'textfield', key: 'performanceContact', label: '履行联系人', id: 'Field_contact' });
  return form;
}
const bindingOf = (xml: string, taskId: string) => new RegExp(`<bpmn:userTask id="${taskId}"[^>]*camunda:formRefBinding="([^"]+)"`).exec(xml)?.[1];

beforeAll(async () => {
  analyst = await createTestUser(db, { roles: ['analyst'] });
  admin = await createTestUser(db, { roles: ['admin'] });
  clerk = await createTestUser(db, { roles: ['clerk'] });
  // version 1 as npm start deploys it: the diagram and its forms, the tasks bound to the latest form
  await engine.deploy(DEPLOYMENT_NAME, [
    { name: 'performance.bpmn', content: v1 },
    { name: 'performance-plan.form', content: planFile },
  ]);
});

describe('the modeler and the forms of user tasks', () => {
  it('answers the deployed form to analysts and admins, 404 for a form never deployed, 400 for a bad id', async () => {
    expect((await as(app, clerk).get('/api/modeler/forms/performance-plan')).status).toBe(403);
    const form = await as(app, analyst).get('/api/modeler/forms/performance-plan');
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ formId: 'performance-plan', schema: plan() });
    expect((await as(app, admin).get('/api/modeler/forms/performance-plan')).status).toBe(200);
    const missing = await as(app, analyst).get('/api/modeler/forms/no-such-form');
    expect(missing.status).toBe(404);
    const bad = await as(app, analyst).get('/api/modeler/forms/a%20b');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('formId');
    const badVersion = await as(app, analyst).get('/api/modeler/forms/performance-plan?processDefinitionId=nonsense');
    expect(badVersion.status).toBe(400);
    expect(badVersion.body.error.fields[0].field).toBe('processDefinitionId');
  });

  it('shows a form problem in the live check at its task, and refuses to deploy it naming the field', async () => {
    const form = editedPlan('Content');
    const check = await as(app, analyst).post('/api/modeler/check').send({ xml: v1, forms: [form] });
    expect(check.status).toBe(200);
    expect(check.body.lint.errors).toBe(1);
    expect(check.body.lint.problems).toEqual([{ rule: 'yingsu/form', severity: 'error', elementId: 'f_plan', elementName: '制定履行方案', message: '表单「制定履行方案」的字段「Content」缺少中文标签' }]);
    // the difference to the form version 1 uses, for 「与第1版的差异」
    expect(check.body.formDiffs).toEqual([
      {
        formId: 'performance-plan',
        taskName: '制定履行方案',
        changes: [
          { what: '新增字段', before: '', after: '履行联系人' },
          { what: '字段标签', before: '裁判确定的履行内容', after: 'Content' },
        ],
      },
    ]);

    const refused = await as(app, analyst).post('/api/modeler/deployments').send({ xml: v1, forms: [form, { ...plan(), id: 'stranger' }] });
    expect(refused.status).toBe(400);
    const index = form.components.findIndex((c) => c.key === 'performanceContent');
    expect(refused.body.error.fields).toEqual([
      { field: `forms.0.components.${index}.label`, message: '表单「制定履行方案」的字段「Content」缺少中文标签' },
      { field: 'forms.1.id', message: '表单编号「stranger」不是流程图中任何用户任务关联的表单（formRef）' },
    ]);
    expect(refused.body.error.message).toMatch(/^表单未通过检查，有 2 个问题，未部署/);
    const notObject = await as(app, analyst).post('/api/modeler/deployments').send({ xml: v1, forms: ['x'] });
    expect(notObject.status).toBe(400);
    expect(notObject.body.error.fields[0].field).toMatch(/^forms\.0/);
    expect(engine.deployedVersions.map((v) => v.version)).toEqual([1]);
  });

  it('deploys an edited form with the diagram in one deployment: the new version binds it, the form of version 1 stays in its deployment, the audit names the form', async () => {
    const v1Definition = engine.deployedVersions[0]!;
    const form = editedPlan('裁判确定的履行内容（含金额）');
    const deployed = await as(app, analyst).post('/api/modeler/deployments').send({ xml: v1, forms: [form] });
    expect(deployed.status).toBe(201);
    expect(deployed.body).toMatchObject({ processKey: 'performance', version: 2, forms: ['performance-plan'], formsChanged: ['performance-plan'] });

    // one deployment: the diagram, its task bound to this deployment's form, and the form
    const v2 = engine.deployedVersions.find((v) => v.version === 2)!;
    expect(v2.deploymentId).toBe(deployed.body.deploymentId);
    expect(bindingOf(v2.xml, 'f_plan')).toBe('deployment');
    expect(bindingOf(v2.xml, 'f_work')).toBe('latest');
    expect((await engine.findForm('performance-plan', { deploymentId: v2.deploymentId }))!.schema).toEqual(form);
    expect((await engine.findForm('performance-plan', { deploymentId: v1Definition.deploymentId }))!.schema).toEqual(plan());

    // the editor opens what each version uses
    const ofV2 = await as(app, analyst).get(`/api/modeler/forms/performance-plan?processDefinitionId=${encodeURIComponent(v2.id)}`);
    expect(ofV2.body.schema).toEqual(form);
    expect(ofV2.body.deploymentId).toBe(v2.deploymentId);

    const audit = await waitUntil('the deployment in the audit log', () => db('audit_log').where({ action: 'change', person_id: analyst.personId }).whereRaw(`details->>'change' = 'process.deploy'`).first(), 10_000, 50);
    expect(audit.details).toMatchObject({ processKey: 'performance', version: 2, forms: ['performance-plan'], formsChanged: ['performance-plan'] });

    // the same again: nothing new
    const again = await as(app, analyst).post('/api/modeler/deployments').send({ xml: v2.xml, forms: [form] });
    expect(again.status).toBe(409);
  });

  it('a later form edit makes version 3 while version 2 keeps its form; a diagram edit carries the bound form along', async () => {
    const v2 = engine.deployedVersions.find((v) => v.version === 2)!;
    const v2Form = (await engine.findForm('performance-plan', { deploymentId: v2.deploymentId }))!.schema;
    const third = editedPlan('履行内容');
    const deployed = await as(app, admin).post('/api/modeler/deployments').send({ xml: v2.xml, forms: [third] });
    expect(deployed.status).toBe(201);
    expect(deployed.body).toMatchObject({ version: 3, formsChanged: ['performance-plan'] });
    const ofV2 = await as(app, analyst).get(`/api/modeler/forms/performance-plan?processDefinitionId=${encodeURIComponent(v2.id)}`);
    expect(ofV2.body.schema).toEqual(v2Form);
    expect((await as(app, analyst).get('/api/modeler/forms/performance-plan')).body.schema).toEqual(third);

    // a rename only: the task still binds its deployment's form, so the form travels with version 4 unchanged
    const v3 = engine.deployedVersions.find((v) => v.version === 3)!;
    const renamed = v3.xml.replace('name="履行并记录履行情况"', 'name="履行并登记履行情况"');
    const fourth = await as(app, analyst).post('/api/modeler/deployments').send({ xml: renamed });
    expect(fourth.status).toBe(201);
    expect(fourth.body).toMatchObject({ version: 4, forms: ['performance-plan'], formsChanged: [] });
    expect((await engine.findForm('performance-plan', { deploymentId: fourth.body.deploymentId }))!.schema).toEqual(third);
  });
});
