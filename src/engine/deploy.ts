// Deploys every .bpmn, .dmn and .form under processes/ and forms/ in ONE deployment through the
// engine port. The engine creates no new version of a process whose content did not change.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../config.ts';
import { listResourceFiles, readAllDiagrams } from './bpmn-catalog.ts';
import type { DeployedDefinition, ProcessEngine } from '../process-engine/process-engine.ts';

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

/** The name the project's deployments carry: the engine compares resources within it. */
export const DEPLOYMENT_NAME = 'yingsu';

export async function deployAll(engine: ProcessEngine, files?: string[]): Promise<DeployedDefinition[]> {
  const resources = files ?? (await deploymentFiles());
  if (!resources.length) return [];
  await checkResources(resources);
  const contents = await Promise.all(resources.map(async (file) => ({ name: path.basename(file), content: await readFile(file, 'utf8') })));
  try {
    return (await engine.deploy(DEPLOYMENT_NAME, contents)).created;
  } catch (error) {
    throw new Error(`the engine rejected the deployment: ${(error as Error).message}`);
  }
}
