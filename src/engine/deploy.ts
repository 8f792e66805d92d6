// Deploys every .bpmn, .dmn and .form under processes/ and forms/ in ONE deployment, so user tasks
// can bind their forms with bindingType="deployment". The engine does not create new versions of
// resources whose content did not change.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../config.ts';
import { listResourceFiles, readAllDiagrams } from './bpmn-catalog.ts';
import type { CamundaClients } from './camunda-client.ts';

export interface DeployedResource {
  file: string;
  kind: 'process' | 'decision' | 'form' | 'other';
  id: string;
  version: number;
  key: string;
}

export async function deploymentFiles(root = projectRoot): Promise<string[]> {
  return [...(await listResourceFiles(path.join(root, 'processes'))), ...(await listResourceFiles(path.join(root, 'forms'), ['.form']))];
}

/** Checks what the engine would reject late: diagrams that do not parse, forms that are not JSON. */
export async function checkResources(files: string[]): Promise<void> {
  const problems: string[] = [];
  for (const file of files.filter((f) => f.endsWith('.form'))) {
    try {
      const form = JSON.parse(await readFile(file, 'utf8'));
      if (typeof form.id !== 'string') problems.push(`${path.relative(projectRoot, file)}: the form has no "id"`);
    } catch (error) {
      problems.push(`${path.relative(projectRoot, file)}: not valid JSON (${(error as Error).message})`);
    }
  }
  const dirs = new Set(files.filter((f) => f.endsWith('.bpmn')).map((f) => path.dirname(f)));
  for (const dir of dirs) {
    for (const diagram of await readAllDiagrams(dir)) {
      if (diagram.warnings.length) problems.push(`${path.relative(projectRoot, diagram.file)}: ${diagram.warnings.join('; ')}`);
    }
  }
  if (problems.length) throw new Error(`broken model files: ${problems.join(' | ')}`);
}

export async function deployAll(camunda: CamundaClients, files?: string[]): Promise<DeployedResource[]> {
  const resources = files ?? (await deploymentFiles());
  if (!resources.length) return [];
  await checkResources(resources);
  const contents = await Promise.all(resources.map(async (file) => ({ name: path.basename(file), content: await readFile(file, 'utf8') })));
  let response;
  try {
    response = await camunda.rest.deployResources(contents);
  } catch (error) {
    const body = (error as { response?: { body?: string } }).response?.body;
    throw new Error(`the engine rejected the deployment: ${body ?? (error as Error).message}`);
  }
  const out: DeployedResource[] = [];
  for (const d of response.deployments as any[]) {
    // SDK 8.6 wraps non-process results twice ({form: {form: {...}}}); accept both shapes
    const unwrap = (value: any, key: string) => value?.[key] ?? value;
    const p = d.processDefinition;
    const dec = unwrap(d.decisionDefinition, 'decisionDefinition');
    const drd = unwrap(d.decisionRequirements, 'decisionRequirements');
    const f = unwrap(d.form, 'form');
    if (p) out.push({ file: String(p.resourceName ?? ''), kind: 'process', id: p.processDefinitionId, version: Number(p.processDefinitionVersion), key: String(p.processDefinitionKey) });
    else if (dec) out.push({ file: String(dec.resourceName ?? dec.name ?? ''), kind: 'decision', id: dec.decisionDefinitionId, version: Number(dec.version), key: String(dec.decisionDefinitionKey) });
    else if (drd) out.push({ file: String(drd.resourceName ?? ''), kind: 'decision', id: drd.decisionRequirementsId, version: Number(drd.version), key: String(drd.decisionRequirementsKey) });
    else if (f) out.push({ file: String(f.resourceName ?? ''), kind: 'form', id: f.formId, version: Number(f.version), key: String(f.formKey) });
    else out.push({ file: '', kind: 'other', id: JSON.stringify(d), version: 0, key: '' });
  }
  return out;
}
