// Engine tier: the project's Operaton engine app (built when changed, started once for the run and
// shared with the integration project, with the test clock endpoint) and a ledger of its own.
// Every test file deploys what it needs and sets the engine clock itself, so files run in any
// order and on any day.
import type { TestProject } from 'vitest/node';
import { freshLedgerDatabase } from '../helpers/fresh-database.ts';
import { acquireTestEngineApp, provideTestEngine, releaseTestEngineApp } from '../helpers/test-engine-app.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    engineRestUrl: string;
    engineWebUrl: string;
    engineUser: string;
    enginePassword: string;
  }
}

export default async function setup(project: TestProject) {
  // the ledger the real workers of this tier write to
  const ledger = await freshLedgerDatabase('yingsu_test_engine');
  const engine = await acquireTestEngineApp();
  provideTestEngine(project, engine, ledger.url);
  return async () => {
    await releaseTestEngineApp();
    await ledger.drop();
  };
}
