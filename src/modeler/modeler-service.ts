// The browser modeler's server side (流程建模, issue 16 §2): the catalogue of deployed processes,
// the check of an edited diagram (lint + diff against the deployed version), its deployment as a
// new version, and the migration of running instances (plan, dry run, execution) through the
// engine port. Running instances stay on their version until they are migrated.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../config.ts';
import type { Db } from '../db/database.ts';
import { DEPLOYMENT_NAME } from '../engine/deploy.ts';
import { ConflictError, InputError, NotFoundError } from '../errors.ts';
import type { DeployedForm, MigrationPlan, ProcessDefinitionVersion, ProcessEngine } from '../process-engine/process-engine.ts';
import { describeDiagram, diffDiagrams, processKeyOf, typeLabel, type DiagramDescription, type DiagramDiff } from './catalogue.ts';
import { bindToDeployment, formLinksOf } from './diagram-forms.ts';
import { checkForms } from './form-check.ts';
import { diffForm, type FormChange } from './form-diff.ts';
import { lintDiagram, parseDiagram, type LintResult, type ModdleElement } from './model-lint.ts';

/** A Camunda Form as the form-js editor saves it (JSON). */
export type EditedForm = Record<string, unknown>;

export const templatesDirectory = path.join(projectRoot, '.camunda', 'element-templates');

/** The element templates of every worker topic (Camunda 7 templates, Chinese names), sorted by name. */
export async function elementTemplates(dir = templatesDirectory): Promise<unknown[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const templates = await Promise.all(files.map(async (f) => JSON.parse(await readFile(path.join(dir, f), 'utf8')) as { name: string }));
  return templates.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

export interface CatalogueEntry extends DiagramDescription {
  versions: Omit<ProcessDefinitionVersion, 'key'>[];
  latestDefinitionId: string;
}

/** Every deployed process: its versions (with running instances) and what its latest version contains. */
export async function processCatalogue(engine: ProcessEngine): Promise<CatalogueEntry[]> {
  const versions = await engine.listProcessDefinitions();
  const byKey = new Map<string, ProcessDefinitionVersion[]>();
  for (const v of versions) byKey.set(v.key, [...(byKey.get(v.key) ?? []), v]);
  const entries = await Promise.all(
    [...byKey.values()].map(async (list) => {
      const sorted = [...list].sort((a, b) => b.version - a.version);
      const latest = sorted[0]!;
      const description = await describeDiagram(await engine.getDefinitionXml(latest.id));
      return { ...description, latestDefinitionId: latest.id, versions: sorted.map(({ key: _key, ...v }) => v) };
    }),
  );
  return entries.sort((a, b) => a.processName.localeCompare(b.processName, 'zh-CN'));
}

async function latestVersion(engine: ProcessEngine, key: string): Promise<ProcessDefinitionVersion | undefined> {
  return (await engine.listProcessDefinitions(key)).sort((a, b) => b.version - a.version)[0];
}

/** The XML of a deployed version (the latest when no version is given). */
export async function deployedXml(engine: ProcessEngine, key: string, version?: number): Promise<{ definition: ProcessDefinitionVersion; xml: string }> {
  const versions = await engine.listProcessDefinitions(key);
  const definition = version === undefined ? versions.sort((a, b) => b.version - a.version)[0] : versions.find((v) => v.version === version);
  if (!definition) throw new NotFoundError('流程', version === undefined ? key : `${key} 第${version}版`);
  return { definition, xml: await engine.getDefinitionXml(definition.id) };
}

export interface DiagramCheck {
  processKey: string;
  lint: LintResult;
  /** against the latest deployed version; null when the process was never deployed */
  diff: DiagramDiff | null;
  deployedVersion: number | null;
  /** the edited forms against the forms the deployed version uses, by the task linking them */
  formDiffs: { formId: string; taskName: string; changes: FormChange[] }[];
}

/** The lint plus the problems of the edited forms, each at the task whose form it is. */
async function lintWithForms(xml: string, forms: EditedForm[]): Promise<LintResult> {
  const lint = await lintDiagram(xml);
  if (!forms.length) return lint;
  const formProblems = checkForms(forms, await formLinksOf(xml)).map((p) => ({ rule: 'yingsu/form', severity: 'error' as const, elementId: p.taskId, elementName: p.taskName, message: p.message }));
  const problems = [...lint.problems, ...formProblems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return { errors: lint.errors + formProblems.length, warnings: lint.warnings, problems };
}

/** The live check of the modeler page: lint (with the edited forms), and what changed against the deployed version. */
export async function checkDiagram(engine: ProcessEngine, xml: string, forms: EditedForm[] = []): Promise<DiagramCheck> {
  const lint = await lintWithForms(xml, forms);
  const processKey = await processKeyOf(xml);
  const latest = await latestVersion(engine, processKey);
  const deployedXml = latest ? await engine.getDefinitionXml(latest.id) : undefined;
  const diff = deployedXml ? await diffDiagrams(deployedXml, xml) : null;
  const links = await formLinksOf(xml);
  const deployedLinks = deployedXml ? await formLinksOf(deployedXml) : [];
  const formDiffs = await Promise.all(
    forms.map(async (form) => {
      const formId = String(form.id);
      const before = await formOfVersion(engine, formId, latest, deployedLinks.find((l) => l.formId === formId)?.binding);
      return { formId, taskName: links.find((l) => l.formId === formId)?.taskName ?? formId, changes: before ? diffForm(before.schema, form) : [{ what: '新表单', before: '', after: '' }] };
    }),
  );
  return { processKey, lint, diff, deployedVersion: latest?.version ?? null, formDiffs };
}

export interface DeployOutcome {
  processKey: string;
  version: number;
  definitionId: string;
  deploymentId: string;
  /** instances left on the earlier versions (they continue there until migrated) */
  runningOnEarlierVersions: number;
  /** the forms deployed with the diagram (the edited ones and those its tasks bind to their own deployment) */
  forms: string[];
  /** the edited forms whose content differs from the form the previous version used */
  formsChanged: string[];
}

/** A form's content independent of the order of its keys (the editor may write them in another order). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(value);
}

/**
 * The form a process version's task uses: the one deployed with the version when the task binds
 * `deployment`, otherwise the latest deployed. `version` undefined: the latest version of the process.
 */
async function formOfVersion(engine: ProcessEngine, formId: string, version: ProcessDefinitionVersion | undefined, binding: string | undefined): Promise<DeployedForm | undefined> {
  if (version && binding === 'deployment') return (await engine.findForm(formId, { deploymentId: version.deploymentId })) ?? engine.findForm(formId);
  return engine.findForm(formId);
}

/** The deployed form of a user task for the modeler's form editor: the one the given version (default: latest) uses. */
export async function deployedForm(engine: ProcessEngine, formId: string, processDefinitionId?: string): Promise<DeployedForm> {
  const version = processDefinitionId ? (await engine.listProcessDefinitions(processDefinitionId.split(':')[0])).find((v) => v.id === processDefinitionId) : undefined;
  if (processDefinitionId && !version) throw new NotFoundError('流程版本', processDefinitionId);
  const binding = version ? (await formLinksOf(await engine.getDefinitionXml(version.id))).find((l) => l.formId === formId)?.binding : undefined;
  const form = await formOfVersion(engine, formId, version, binding);
  if (!form) throw new NotFoundError('表单', formId);
  return form;
}

/**
 * Deploys an edited diagram as a new version after the same lint; lint errors refuse it (400, in
 * Chinese). Edited forms (form-js JSON) are checked too and deployed in the same deployment, and the
 * tasks linking them bound to it (`deployment`): the new version uses them, instances of earlier
 * versions keep the forms their version binds (decision 0017).
 */
export async function deployDiagram(engine: ProcessEngine, submitted: string, forms: EditedForm[] = []): Promise<DeployOutcome> {
  const lint = await lintDiagram(submitted);
  if (lint.errors) {
    const issues = lint.problems
      .filter((p) => p.severity === 'error')
      .map((p) => ({ field: 'xml', message: p.elementId ? `${p.elementName ? `「${p.elementName}」` : ''}（${p.elementId}）：${p.message}` : p.message }));
    throw new InputError(issues, `流程图未通过检查，有 ${lint.errors} 个错误，未部署：${issues.map((i) => i.message).join('；')}`);
  }
  const formIssues = checkForms(forms, await formLinksOf(submitted)).map(({ field, message }) => ({ field, message }));
  if (formIssues.length) throw new InputError(formIssues, `表单未通过检查，有 ${formIssues.length} 个问题，未部署：${formIssues.map((i) => i.message).join('；')}`);
  const edited = forms.map((f) => String(f.id));
  const xml = await bindToDeployment(submitted, edited);
  const processKey = await processKeyOf(xml);
  const before = await engine.listProcessDefinitions(processKey);
  const base = before.sort((a, b) => b.version - a.version)[0];
  const baseLinks = base ? await formLinksOf(await engine.getDefinitionXml(base.id)) : [];
  const bindingAtBase = (id: string) => baseLinks.find((l) => l.formId === id)?.binding;

  // a task bound to its own deployment needs its form in this one: unchanged, as the base version has it
  const links = await formLinksOf(xml);
  const carried = [...new Set(links.filter((l) => l.binding === 'deployment' && !edited.includes(l.formId)).map((l) => l.formId))];
  const carriedForms = await Promise.all(
    carried.map(async (id) => {
      const form = await formOfVersion(engine, id, base, bindingAtBase(id));
      if (!form) throw new InputError([{ field: 'xml', message: `「${links.find((l) => l.formId === id)!.taskName}」的表单尚未部署，无法随流程图部署` }]);
      return form.schema;
    }),
  );
  const previous = await Promise.all(forms.map((f) => formOfVersion(engine, String(f.id), base, bindingAtBase(String(f.id)))));
  const formsChanged = edited.filter((_, i) => !previous[i] || canonical(previous[i]!.schema) !== canonical(forms[i]));

  const resource = before[0]?.resource ?? `${processKey}.bpmn`;
  const formResources = [...forms, ...carriedForms].map((f) => ({ name: `${String(f.id)}.form`, content: `${JSON.stringify(f, null, 2)}\n` }));
  // with forms, everything travels together when anything changed (the tasks bind this deployment's forms)
  const deployment = await engine.deploy(DEPLOYMENT_NAME, [{ name: resource, content: xml }, ...formResources], { changedOnly: !formResources.length });
  const created = deployment.created.find((d) => d.kind === 'process' && d.key === processKey);
  if (!created) throw new ConflictError('UNCHANGED', '流程图和表单与已部署的最新版本相同，未产生新版本');
  const after = await engine.listProcessDefinitions(processKey);
  const definition = after.find((v) => v.version === created.version);
  if (!definition) throw new NotFoundError('流程', `${processKey} 第${created.version}版`);
  return {
    processKey,
    version: created.version,
    definitionId: definition.id,
    deploymentId: deployment.deploymentId,
    runningOnEarlierVersions: after.filter((v) => v.version < created.version).reduce((n, v) => n + v.runningInstances, 0),
    forms: formResources.map((r) => r.name.replace(/\.form$/, '')),
    formsChanged,
  };
}

/** The activities of a version by id, with their names and kinds (for the plan and the reasons). */
async function activityNames(engine: ProcessEngine, definitionId: string): Promise<Map<string, { name: string; type: string; waits: boolean }>> {
  const { definitions } = await parseDiagram(await engine.getDefinitionXml(definitionId));
  const out = new Map<string, { name: string; type: string; waits: boolean }>();
  const visit = (el: ModdleElement) => {
    for (const child of el.flowElements ?? []) {
      // an instance never waits in a start or end event, a throw event or a non-event gateway
      const waits = !/^bpmn:(StartEvent|EndEvent|IntermediateThrowEvent|ExclusiveGateway|ParallelGateway|InclusiveGateway|ComplexGateway)$/.test(child.$type);
      if (child.$type !== 'bpmn:SequenceFlow') out.set(child.id!, { name: child.name ?? child.id!, type: typeLabel(child.$type), waits });
      visit(child);
    }
  };
  for (const r of definitions.rootElements as ModdleElement[]) if (r.$type === 'bpmn:Process') visit(r);
  return out;
}

async function versionOf(engine: ProcessEngine, definitionId: string): Promise<ProcessDefinitionVersion> {
  const key = definitionId.split(':')[0]!;
  const v = (await engine.listProcessDefinitions(key)).find((d) => d.id === definitionId);
  if (!v) throw new InputError([{ field: 'definitionId', message: `流程版本 ${definitionId} 不存在` }]);
  return v;
}

export interface MigrationPlanView {
  source: { id: string; key: string; version: number };
  target: { id: string; key: string; version: number };
  plan: MigrationPlan;
  /** the plan's steps with the elements' names */
  steps: { source: string; target: string; sourceIds: string[]; targetIds: string[] }[];
  /** activities of the source version the plan does not map (an instance waiting there cannot migrate) */
  unmapped: { id: string; name: string; type: string }[];
  /** what the engine refuses in the plan */
  planFailures: string[];
}

/** The engine's plan from one version to another (elements with equal ids map), with its validation. */
export async function migrationPlan(engine: ProcessEngine, sourceDefinitionId: string, targetDefinitionId: string): Promise<MigrationPlanView> {
  const [source, target] = await Promise.all([versionOf(engine, sourceDefinitionId), versionOf(engine, targetDefinitionId)]);
  if (source.key !== target.key) throw new InputError([{ field: 'targetDefinitionId', message: '只能迁移到同一流程的另一版本' }]);
  if (source.id === target.id) throw new InputError([{ field: 'targetDefinitionId', message: '源版本与目标版本相同' }]);
  const plan = await engine.generateMigrationPlan(source.id, target.id);
  const report = await engine.validateMigrationPlan(plan);
  const [sourceNames, targetNames] = await Promise.all([activityNames(engine, source.id), activityNames(engine, target.id)]);
  const mapped = new Set(plan.instructions.flatMap((i) => i.sourceActivityIds));
  const names = (ids: string[], from: Map<string, { name: string }>) => ids.map((id) => from.get(id)?.name ?? id).join('、');
  return {
    source: { id: source.id, key: source.key, version: source.version },
    target: { id: target.id, key: target.key, version: target.version },
    plan,
    steps: plan.instructions.map((i) => ({ source: names(i.sourceActivityIds, sourceNames), target: names(i.targetActivityIds, targetNames), sourceIds: i.sourceActivityIds, targetIds: i.targetActivityIds })),
    unmapped: [...sourceNames.entries()].filter(([id, v]) => v.waits && !mapped.has(id)).map(([id, v]) => ({ id, name: v.name, type: v.type })),
    planFailures: report.instructionReports.flatMap((r) => r.failures.map((f) => `${names(r.instruction.sourceActivityIds, sourceNames)}：${f}`)),
  };
}

export interface InstanceMigrationCheck {
  id: string;
  businessKey?: string;
  /** the case number when the business key is a case of the ledger */
  caseNumber?: string;
  /** where the instance waits now (names) */
  at: string[];
  canMigrate: boolean;
  /** why not, in Chinese */
  reasons: string[];
}

export interface MigrationDryRun extends MigrationPlanView {
  instances: InstanceMigrationCheck[];
  migratable: number;
  blocked: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which running instances of the source version can migrate with the plan, and why the others cannot. Migrates nothing. */
export async function migrationDryRun(db: Db, engine: ProcessEngine, sourceDefinitionId: string, targetDefinitionId: string): Promise<MigrationDryRun> {
  const view = await migrationPlan(engine, sourceDefinitionId, targetDefinitionId);
  const running = await engine.listRunningInstances(view.source.id);
  const mapped = new Set(view.plan.instructions.flatMap((i) => i.sourceActivityIds));
  const sourceNames = await activityNames(engine, view.source.id);
  const caseIds = running.map((r) => r.businessKey).filter((k): k is string => Boolean(k && UUID.test(k)));
  const numbers = new Map<string, string>(caseIds.length ? (await db('cases').whereIn('id', caseIds).select('id', 'case_number')).map((c: { id: string; case_number: string }) => [c.id, c.case_number]) : []);
  const instances = await Promise.all(
    running.map(async (r): Promise<InstanceMigrationCheck> => {
      const active = await engine.activeActivityIds(r.id);
      const reasons = [
        ...active.filter((a) => !mapped.has(a)).map((a) => `当前所在的「${sourceNames.get(a)?.name ?? a}」在第${view.target.version}版中没有对应的步骤`),
        ...(view.planFailures.length ? ['迁移计划未通过流程引擎的校验'] : []),
      ];
      return { id: r.id, businessKey: r.businessKey, caseNumber: r.businessKey ? numbers.get(r.businessKey) : undefined, at: active.map((a) => sourceNames.get(a)?.name ?? a), canMigrate: !reasons.length, reasons };
    }),
  );
  return { ...view, instances, migratable: instances.filter((i) => i.canMigrate).length, blocked: instances.filter((i) => !i.canMigrate).length };
}

export interface MigrationOutcome {
  source: MigrationPlanView['source'];
  target: MigrationPlanView['target'];
  migrated: string[];
  /** instances left on the source version (they could not migrate) */
  left: { id: string; reasons: string[] }[];
}

/**
 * Migrates running instances to the target version: the chosen ones (default: every one the dry run
 * allows). An instance the dry run refuses is not migrated and named in the answer; an explicitly
 * chosen one that cannot migrate refuses the whole request (400).
 */
export async function executeMigration(db: Db, engine: ProcessEngine, sourceDefinitionId: string, targetDefinitionId: string, processInstanceIds?: string[]): Promise<MigrationOutcome> {
  const dryRun = await migrationDryRun(db, engine, sourceDefinitionId, targetDefinitionId);
  const byId = new Map(dryRun.instances.map((i) => [i.id, i]));
  if (processInstanceIds) {
    const issues = processInstanceIds.flatMap((id, index) => {
      const check = byId.get(id);
      if (!check) return [{ field: `processInstanceIds.${index}`, message: `流程实例 ${id} 不在第${dryRun.source.version}版上运行` }];
      if (!check.canMigrate) return [{ field: `processInstanceIds.${index}`, message: `${check.caseNumber ?? id} 不能迁移：${check.reasons.join('；')}` }];
      return [];
    });
    if (issues.length) throw new InputError(issues);
  }
  const chosen = processInstanceIds ?? dryRun.instances.filter((i) => i.canMigrate).map((i) => i.id);
  if (!chosen.length) throw new ConflictError('NOTHING_TO_MIGRATE', `第${dryRun.source.version}版上没有可以迁移的流程实例`);
  await engine.executeMigration(dryRun.plan, chosen);
  const migrated = new Set(chosen);
  return { source: dryRun.source, target: dryRun.target, migrated: chosen, left: dryRun.instances.filter((i) => !migrated.has(i.id)).map((i) => ({ id: i.id, reasons: i.reasons })) };
}
