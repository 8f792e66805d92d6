// Deploying unchanged resources again must not create new versions (npm start deploys every time).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.ts';
import { deployAll, deploymentFiles } from '../../src/engine/deploy.ts';
import { useCamunda } from '../helpers/engine.ts';

const { camunda } = useCamunda();

describe('deployment', () => {
  it('redeploying the project models keeps their versions', async () => {
    const files = await deploymentFiles();
    const first = await deployAll(camunda, files);
    const second = await deployAll(camunda, files);
    expect(second.map((r) => [r.id, r.version])).toEqual(first.map((r) => [r.id, r.version]));
    // every resource is reported with its id and version (forms and decisions included)
    for (const r of first) expect([typeof r.id, Number.isInteger(r.version)], r.file).toEqual(['string', true]);
    expect(new Set(first.map((r) => r.kind))).toEqual(new Set(['process', 'decision', 'form']));
  });

  it('a changed diagram gets the next version', async () => {
    const fixture = path.join(projectRoot, 'test/fixtures/processes/test-timer-chain.bpmn');
    const [before] = await deployAll(camunda, [fixture]);
    const { readFile, writeFile, mkdtemp } = await import('node:fs/promises');
    const dir = await mkdtemp(path.join(projectRoot, '.runtime', 'deploy-test-'));
    const changed = path.join(dir, 'test-timer-chain.bpmn');
    await writeFile(changed, (await readFile(fixture, 'utf8')).replace('等待一小时', '等待一个小时'));
    const [after] = await deployAll(camunda, [changed]);
    expect(after!.version).toBe(before!.version + 1);
  });
});
