// The browser modeler's API (流程建模 and 流程目录, issue 16 §2; docs/modeler.md): element
// templates, the catalogue of deployed processes, the live check of an edited diagram, its
// deployment as a new version, and the migration of running instances (plan, dry run, execution).
// Analysts (流程分析员) and admins only. The deployment and the migration are in the audit log with
// what they did (the audit trail); the live check, the plan and the dry run change nothing and are
// recorded only when refused.
import { Router } from 'express';
import { z } from 'zod';
import { checkDiagram, deployDiagram, deployedForm, deployedXml, elementTemplates, executeMigration, migrationDryRun, migrationPlan, processCatalogue } from '../../modeler/modeler-service.ts';
import type { AppDeps } from '../app.ts';
import { accessGuards } from '../access.ts';
import { bodyOrEmpty, validate } from '../validate.ts';

/** Who models: the analyst, and the admin (who may do everything an analyst may). */
export const MODELER_ROLES = ['analyst', 'admin'] as const;

/** A diagram up to 2 MB (the JSON body limit), with the forms edited in the page (form-js JSON, checked by src/modeler/form-check.ts). */
const DiagramBody = z.object({
  xml: z.string({ message: '缺少流程图 XML（xml）' }).min(1, { message: '流程图 XML（xml）为空' }),
  forms: z
    .array(z.record(z.string(), z.unknown(), { message: '表单应为 JSON 对象' }), { message: 'forms 应为表单（JSON 对象）的列表' })
    .max(50, { message: '一次最多部署 50 个表单' })
    .optional(),
});

const definitionId = (field: string) =>
  z.string({ message: `缺少流程版本编号（${field}）` }).regex(/^[A-Za-z_][\w.-]*:\d+:[\w.-]+$/, { message: `流程版本编号（${field}）格式不对，应为 流程键:版本:编号` });

const MigrationBody = z.object({
  sourceDefinitionId: definitionId('sourceDefinitionId'),
  targetDefinitionId: definitionId('targetDefinitionId'),
});

const ExecuteBody = MigrationBody.extend({
  /** the instances to migrate; missing: every instance the dry run allows */
  processInstanceIds: z.array(z.string().min(1), { message: 'processInstanceIds 应为流程实例编号的列表' }).min(1, { message: '至少选择一个流程实例' }).max(1000).optional(),
});

const KeyParams = z.object({ key: z.string().regex(/^[A-Za-z_][\w.-]*$/, { message: '流程键（key）只能包含字母、数字、点、横线和下划线' }) });
const FormParams = z.object({ formId: z.string().regex(/^[A-Za-z_][\w.-]*$/, { message: '表单编号（formId）只能包含字母、数字、点、横线和下划线' }) });
const FormQuery = z.object({ processDefinitionId: definitionId('processDefinitionId').optional() });
const VersionQuery = z.object({ version: z.coerce.number({ message: '版本（version）应为正整数' }).int().positive({ message: '版本（version）应为正整数' }).optional() });

export function modelerRoutes(deps: Pick<AppDeps, 'db' | 'engine'>): Router {
  const router = Router();
  const allow = accessGuards(deps.db);
  const modelers = () => allow.roles(...MODELER_ROLES);

  router.get('/modeler/templates', modelers(), async (_req, res) => {
    res.json(await elementTemplates());
  });

  router.get('/modeler/processes', modelers(), async (_req, res) => {
    res.json(await processCatalogue(deps.engine));
  });

  router.get('/modeler/processes/:key/xml', modelers(), validate({ params: KeyParams, query: VersionQuery }), async (req, res) => {
    const { definition, xml } = await deployedXml(deps.engine, req.params.key, req.query.version);
    res.json({ processKey: definition.key, definitionId: definition.id, version: definition.version, xml });
  });

  // the form a user task links, for the form editor: as the given version uses it (default: the latest deployed)
  router.get('/modeler/forms/:formId', modelers(), validate({ params: FormParams, query: FormQuery }), async (req, res) => {
    const form = await deployedForm(deps.engine, req.params.formId, req.query.processDefinitionId);
    res.json({ formId: form.id, deploymentId: form.deploymentId, deployedAt: form.deployedAt ?? null, schema: form.schema });
  });

  router.post('/modeler/check', modelers(), validate({ body: bodyOrEmpty(DiagramBody) }), async (req, res) => {
    req.auditNoChange = true;
    res.json(await checkDiagram(deps.engine, req.body.xml, req.body.forms));
  });

  router.post('/modeler/deployments', modelers(), validate({ body: bodyOrEmpty(DiagramBody) }), async (req, res) => {
    const outcome = await deployDiagram(deps.engine, req.body.xml, req.body.forms);
    req.auditDetails = {
      change: 'process.deploy',
      processKey: outcome.processKey,
      version: outcome.version,
      definitionId: outcome.definitionId,
      deploymentId: outcome.deploymentId,
      forms: outcome.forms,
      formsChanged: outcome.formsChanged,
    };
    res.status(201).json(outcome);
  });

  router.post('/modeler/migrations/plan', modelers(), validate({ body: bodyOrEmpty(MigrationBody) }), async (req, res) => {
    req.auditNoChange = true;
    res.json(await migrationPlan(deps.engine, req.body.sourceDefinitionId, req.body.targetDefinitionId));
  });

  router.post('/modeler/migrations/dry-run', modelers(), validate({ body: bodyOrEmpty(MigrationBody) }), async (req, res) => {
    req.auditNoChange = true;
    res.json(await migrationDryRun(deps.db, deps.engine, req.body.sourceDefinitionId, req.body.targetDefinitionId));
  });

  router.post('/modeler/migrations', modelers(), validate({ body: bodyOrEmpty(ExecuteBody) }), async (req, res) => {
    const outcome = await executeMigration(deps.db, deps.engine, req.body.sourceDefinitionId, req.body.targetDefinitionId, req.body.processInstanceIds);
    req.auditDetails = { change: 'process.migrate', source: outcome.source.id, target: outcome.target.id, migrated: outcome.migrated, left: outcome.left.length };
    res.json(outcome);
  });

  return router;
}
