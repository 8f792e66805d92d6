// DB tier (real PostgreSQL, the engine port's fake): the browser modeler's API (issue 16 §2). Only
// analysts and admins reach it; a diagram that fails the lint is refused with the findings in
// Chinese, bad XML with a 400 naming the problem; a deployment makes a new version while running
// instances stay on theirs; the dry run says which instances can migrate and why not; the
// deployment and the migration are in the audit log with what they did.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, projectRoot } from '../../../src/config.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { as, createTestUser, type TestUser } from '../../helpers/auth.ts';
import { useTestDb } from '../../helpers/test-db.ts';
import { waitUntil } from '../../helpers/wait-until.ts';

const db = useTestDb();
const engine = createFakeProcessEngine();
const app = createApp({ config: loadConfig(), db, engine, engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
const v1 = readFileSync(path.join(projectRoot, 'processes', 'performance.bpmn'), 'utf8');
/** version 2: a renamed task, and 制定履行方案 given a new id (an instance waiting there has nowhere to go) */
const v2 = v1.replace('name="履行并记录履行情况"', 'name="履行并登记履行情况"').replaceAll('"f_plan"', '"f_plan_v2"').replaceAll('>f_plan<', '>f_plan_v2<');
let analyst: TestUser;
let admin: TestUser;
let clerk: TestUser;

const auditOf = (personId: string, change: string) =>
  waitUntil(`the audit entry of ${change}`, () => db('audit_log').where({ action: 'change', person_id: personId }).whereRaw(`details->>'change' = ?`, [change]).first(), 10_000, 50);

beforeAll(async () => {
  analyst = await createTestUser(db, { roles: ['analyst'] });
  admin = await createTestUser(db, { roles: ['admin'] });
  clerk = await createTestUser(db, { roles: ['clerk'] });
});

describe('the modeler API', () => {
  it('is for analysts and admins only', async () => {
    expect((await as(app, clerk).get('/api/modeler/templates')).status).toBe(403);
    expect((await as(app, clerk).post('/api/modeler/deployments').send({ xml: v1 })).status).toBe(403);
    const templates = await as(app, analyst).get('/api/modeler/templates');
    expect(templates.status).toBe(200);
    // one template per worker topic, in Chinese
    expect(templates.body.length).toBeGreaterThanOrEqual(20);
    expect(templates.body.find((t: { id: string }) => t.id === 'yingsu.deadlines.compute').name).toBe('计算法定期限');
    expect((await as(app, admin).get('/api/modeler/templates')).status).toBe(200);
  });

  it('answers bad XML with a 400 naming the problem, and a diagram failing the lint with its findings in Chinese', async () => {
    const broken = await as(app, analyst).post('/api/modeler/check').send({ xml: '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="x">' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.fields[0]).toMatchObject({ field: 'xml' });
    expect(broken.body.error.fields[0].message).toMatch(/^流程图 XML 无法解析：/);
    const notBpmn = await as(app, analyst).post('/api/modeler/deployments').send({ xml: 'hello' });
    expect(notBpmn.status).toBe(400);
    expect(notBpmn.body.error.fields[0].field).toBe('xml');

    const bad = v1
      .replace('camunda:topic="performance.assess-overdue"', 'camunda:topic="performance.guess"')
      .replace('${performanceOverdueCheckAt}', 'P15D')
      .replace(/(<bpmn:userTask id="f_plan"[^>]*?) camunda:formRef="[^"]*"/, '$1')
      .replace('name="台账：记录履行完毕"', 'name="Record done"');
    const check = await as(app, analyst).post('/api/modeler/check').send({ xml: bad });
    expect(check.status).toBe(200);
    const messages = check.body.lint.problems.map((p: { elementId: string; message: string }) => `${p.elementId} ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^f_overdue_assess 主题「performance.guess」没有对应的工作者/),
        expect.stringMatching(/^f_overdue 法定期限的定时器须使用期限计算得出的变量/),
        expect.stringMatching(/^f_plan 用户任务须关联一个表单/),
        expect.stringMatching(/^f_done 名称「Record done」须为中文/),
      ]),
    );
    expect(check.body.lint.errors).toBe(4);
    const refused = await as(app, analyst).post('/api/modeler/deployments').send({ xml: bad });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^流程图未通过检查，有 4 个错误，未部署/);
    expect(refused.body.error.fields.map((f: { message: string }) => f.message)).toContain('「制定履行方案」（f_plan）：用户任务须关联一个表单（表单编号 formRef）');
    expect(engine.deployedVersions).toEqual([]);
    // the refusal is in the audit log too
    const refusedRow = await waitUntil('the refused deployment in the audit log', () => db('audit_log').where({ person_id: analyst.personId, path: '/api/modeler/deployments', status: 400 }).first(), 10_000, 50);
    expect(refusedRow.action).toBe('change');
  });

  it('deploys a new version, leaves running instances on theirs, and migrates those that can move (audited)', async () => {
    const first = await as(app, analyst).post('/api/modeler/deployments').send({ xml: v1 });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ processKey: 'performance', version: 1 });
    // unchanged: no new version
    expect((await as(app, analyst).post('/api/modeler/deployments').send({ xml: v1 })).status).toBe(409);

    await engine.startInstance('performance', 'case-at-work');
    await engine.startInstance('performance', 'case-at-plan');
    engine.instances.find((i) => i.businessKey === 'case-at-work')!.activeActivityIds = ['f_work'];
    engine.instances.find((i) => i.businessKey === 'case-at-plan')!.activeActivityIds = ['f_plan'];

    // the diff against the deployed version, before deploying
    const check = await as(app, analyst).post('/api/modeler/check').send({ xml: v2 });
    expect(check.body).toMatchObject({ processKey: 'performance', deployedVersion: 1, lint: { errors: 0 } });
    expect(check.body.diff.added.map((e: { id: string }) => e.id)).toEqual(['f_plan_v2']);
    expect(check.body.diff.removed.map((e: { id: string }) => e.id)).toEqual(['f_plan']);
    expect(check.body.diff.changed.find((c: { id: string }) => c.id === 'f_work').changes).toEqual([{ what: '名称', before: '履行并记录履行情况', after: '履行并登记履行情况' }]);

    const second = await as(app, admin).post('/api/modeler/deployments').send({ xml: v2 });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ processKey: 'performance', version: 2, runningOnEarlierVersions: 2 });
    const deployAudit = await auditOf(admin.personId, 'process.deploy');
    expect(deployAudit.details).toMatchObject({ processKey: 'performance', version: 2, definitionId: second.body.definitionId });

    // the catalogue: both versions, the running instances still on version 1
    const catalogue = await as(app, analyst).get('/api/modeler/processes');
    const performance = catalogue.body.find((p: { processKey: string }) => p.processKey === 'performance');
    expect(performance.versions.map((v: { version: number; runningInstances: number }) => [v.version, v.runningInstances])).toEqual([
      [2, 0],
      [1, 2],
    ]);
    expect(performance.topics).toContain('performance.assess-overdue');
    expect(performance.forms).toContain('performance-plan');
    expect(performance.timers.map((t: { expression: string }) => t.expression)).toContain('${performanceOverdueCheckAt}');

    const source = first.body.definitionId as string;
    const target = second.body.definitionId as string;
    const plan = await as(app, analyst).post('/api/modeler/migrations/plan').send({ sourceDefinitionId: source, targetDefinitionId: target });
    expect(plan.status).toBe(200);
    expect(plan.body.unmapped.map((u: { id: string; name: string }) => `${u.id} ${u.name}`)).toContain('f_plan 制定履行方案');
    expect(plan.body.steps).toContainEqual(expect.objectContaining({ sourceIds: ['f_work'], targetIds: ['f_work'] }));

    const dryRun = await as(app, analyst).post('/api/modeler/migrations/dry-run').send({ sourceDefinitionId: source, targetDefinitionId: target });
    expect(dryRun.body).toMatchObject({ migratable: 1, blocked: 1 });
    const blocked = dryRun.body.instances.find((i: { businessKey: string }) => i.businessKey === 'case-at-plan');
    expect(blocked).toMatchObject({ canMigrate: false, reasons: ['当前所在的「制定履行方案」在第2版中没有对应的步骤'] });
    // a dry run migrates nothing
    expect(engine.migrations).toEqual([]);

    // choosing the blocked instance refuses the whole request, naming it
    const refused = await as(app, analyst).post('/api/modeler/migrations').send({ sourceDefinitionId: source, targetDefinitionId: target, processInstanceIds: [blocked.id] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields[0]).toMatchObject({ field: 'processInstanceIds.0' });
    expect(refused.body.error.fields[0].message).toMatch(/不能迁移：当前所在的「制定履行方案」/);

    const migrated = await as(app, analyst).post('/api/modeler/migrations').send({ sourceDefinitionId: source, targetDefinitionId: target });
    expect(migrated.status).toBe(200);
    const movable = engine.instances.find((i) => i.businessKey === 'case-at-work')!;
    expect(migrated.body.migrated).toEqual([movable.id]);
    expect(migrated.body.left).toHaveLength(1);
    expect(movable.processDefinitionId).toBe(target);
    expect(engine.instances.find((i) => i.businessKey === 'case-at-plan')!.processDefinitionId).toBe(source);
    const migrateAudit = await auditOf(analyst.personId, 'process.migrate');
    expect(migrateAudit.details).toMatchObject({ source, target, migrated: [movable.id], left: 1 });
  });

  it('names the field of a bad migration request', async () => {
    const res = await as(app, analyst).post('/api/modeler/migrations/dry-run').send({ sourceDefinitionId: 'performance', targetDefinitionId: 'performance:2:x' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].field).toBe('sourceDefinitionId');
    const unknown = await as(app, analyst).post('/api/modeler/migrations/plan').send({ sourceDefinitionId: 'performance:9:nope', targetDefinitionId: 'performance:1:nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0].message).toMatch(/不存在/);
  });
});
