// Deploying unchanged resources again must not create new versions (npm start deploys every time);
// a changed diagram gets the next one.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.ts';
import { deployAll, deploymentFiles } from '../../src/engine/deploy.ts';
import { useEngine } from '../helpers/engine.ts';

const { engine, rest } = useEngine();
const versions = async () => Object.fromEntries((await rest.json<{ key: string; version: number }[]>('GET', '/process-definition?latestVersion=true')).map((d) => [d.key, d.version]));

describe('deployment', () => {
  it('redeploying the project models keeps their versions, and every diagram and form is deployed', async () => {
    const files = await deploymentFiles();
    await deployAll(engine, files);
    const before = await versions();
    expect(await deployAll(engine, files)).toEqual([]);
    expect(await versions()).toEqual(before);
    for (const f of files.filter((x) => x.endsWith('.bpmn'))) expect(before[path.basename(f, '.bpmn')], f).toBeGreaterThanOrEqual(1);
    const forms = await rest.json<{ name: string }[]>('GET', '/deployment?nameLike=yingsu&sortBy=deploymentTime&sortOrder=desc&maxResults=1');
    expect(forms).toHaveLength(1);
  });

  it('a changed diagram gets the next version', async () => {
    const fixture = path.join(projectRoot, 'test/fixtures/processes/test-timer-chain.bpmn');
    await deployAll(engine, [fixture]);
    const before = (await versions())['test-timer-chain']!;
    const { readFile, writeFile, mkdtemp } = await import('node:fs/promises');
    const dir = await mkdtemp(path.join(projectRoot, '.runtime', 'deploy-test-'));
    const changed = path.join(dir, 'test-timer-chain.bpmn');
    await writeFile(changed, (await readFile(fixture, 'utf8')).replace('等待一小时', '等待一个小时'));
    const created = await deployAll(engine, [changed]);
    expect(created.map((d) => [d.key, d.version])).toEqual([['test-timer-chain', before + 1]]);
  });
});
