// Engine tier: the project's Operaton engine app, built when changed and started ONCE for the run
// on a fresh database of its own, with the test clock endpoint. Every test file deploys what it
// needs and sets the engine clock itself, so files run in any order and on any day.
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.ts';
import { startEngineApp } from '../../src/engine/engine-app.ts';
import { freshLedgerDatabase, serverUrl } from '../helpers/fresh-database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    engineRestUrl: string;
    engineWebUrl: string;
    engineUser: string;
    enginePassword: string;
  }
}

/** Apart from `npm start`'s engine (ENGINE_PORT), so a test run never meets a developer's engine. */
export const TEST_ENGINE_PORT = '8091';

export default async function setup(project: TestProject) {
  const config = loadConfig({ ...process.env, ENGINE_PORT: TEST_ENGINE_PORT });
  const log = (line: string) => process.stderr.write(`[engine app] ${line}\n`);
  // the ledger the real workers of this tier write to
  const ledger = await freshLedgerDatabase('yingsu_test_engine');
  const engine = await startEngineApp({
    config,
    name: 'test',
    databaseUrl: `${serverUrl}/yingsu_engine_test_${process.pid}`,
    fresh: true,
    testClock: true,
    log,
  });
  project.provide('databaseUrl', ledger.url);
  project.provide('engineRestUrl', engine.restUrl);
  project.provide('engineWebUrl', engine.webUrl);
  project.provide('engineUser', config.ENGINE_USER);
  project.provide('enginePassword', config.ENGINE_PASSWORD);
  return async () => {
    await engine.stop();
    await ledger.drop();
    const { dropDatabase } = await import('../../src/db/database.ts');
    await dropDatabase(`${serverUrl}/yingsu_engine_test_${process.pid}`);
  };
}
