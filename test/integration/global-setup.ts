// Integration runs: one real engine per run (controlled clock starting on a fixed virtual date, fresh
// primary and secondary storage), a fresh ledger database, the project's models deployed. Stopped at the end.
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.ts';
import { createCamundaClients } from '../../src/engine/camunda-client.ts';
import { deployAll } from '../../src/engine/deploy.ts';
import { startLocalEngine, type RunningEngine } from '../../src/engine/local-engine.ts';
import { freshLedgerDatabase } from '../helpers/fresh-database.ts';
import { TEST_ENGINE_START } from '../helpers/engine.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    engineVersion: string;
  }
}

export default async function setup(project: TestProject) {
  const config = loadConfig();
  const log = (line: string) => process.stderr.write(`[engine] ${line}\n`);
  const ledger = await freshLedgerDatabase('yingsu_test_it');
  let engine: RunningEngine | undefined;
  try {
    if (config.localEngine) {
      engine = await startLocalEngine({ config, name: 'test', clockControlled: true, fresh: true, virtualStart: TEST_ENGINE_START, log });
      log(`Camunda ${engine.version} ready for tests in ${(engine.startedInMs / 1000).toFixed(1)} s`);
    } else {
      log(`using the cluster at ${config.restAddress} (its clock must be controllable at ${config.managementUrl})`);
    }
    const camunda = createCamundaClients(config);
    try {
      const deployed = await deployAll(camunda);
      log(`deployed ${deployed.length} project resources`);
    } finally {
      await camunda.close();
    }
  } catch (error) {
    await engine?.stop();
    await ledger.drop();
    throw error;
  }
  project.provide('databaseUrl', ledger.url);
  project.provide('engineVersion', engine?.version ?? 'external');
  return async () => {
    await engine?.stop();
    await ledger.drop();
  };
}
