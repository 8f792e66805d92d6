// Integration runs: the case life cycle on the project's engine app (shared with the engine tier,
// started once per run with the test clock), a fresh ledger, and the project's models deployed.
import type { TestProject } from 'vitest/node';
import { buildWeb } from '../../scripts/build-web.ts';
import { deployAll } from '../../src/engine/deploy.ts';
import { createProcessEngine } from '../../src/process-engine/create-process-engine.ts';
import { freshLedgerDatabase } from '../helpers/fresh-database.ts';
import { acquireTestEngineApp, provideTestEngine, releaseTestEngineApp, testEngineConfig } from '../helpers/test-engine-app.ts';

export default async function setup(project: TestProject) {
  // the browser tests open the workspace: built now when web/ changed since the last build
  await buildWeb();
  const config = testEngineConfig();
  const ledger = await freshLedgerDatabase('yingsu_test_it');
  const app = await acquireTestEngineApp();
  try {
    const deployed = await deployAll(createProcessEngine(config));
    process.stderr.write(`[engine app] deployed ${deployed.length} new definitions\n`);
  } catch (error) {
    await releaseTestEngineApp();
    await ledger.drop();
    throw error;
  }
  provideTestEngine(project, app, ledger.url);
  return async () => {
    await releaseTestEngineApp();
    await ledger.drop();
  };
}
