// One engine app for the whole test run, shared by the projects that need it (engine, integration):
// started by the first global setup that asks, stopped when the last one is done. Kept on
// globalThis because each vitest project loads its global setup in a module graph of its own.
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.ts';
import { dropDatabase } from '../../src/db/database.ts';
import { startEngineApp, type RunningEngineApp } from '../../src/engine/engine-app.ts';
import { serverUrl } from './fresh-database.ts';

/** Apart from `npm start`'s engine (ENGINE_PORT), so a test run never meets a developer's engine; TEST_ENGINE_PORT runs two test runs side by side. */
export const TEST_ENGINE_PORT = process.env.TEST_ENGINE_PORT ?? '8091';

interface Shared {
  app: Promise<RunningEngineApp>;
  users: number;
  databaseUrl: string;
}
const holder = globalThis as typeof globalThis & { __yingsuTestEngine?: Shared };

export function testEngineConfig() {
  return loadConfig({ ...process.env, ENGINE_PORT: TEST_ENGINE_PORT });
}

export async function acquireTestEngineApp(): Promise<RunningEngineApp> {
  if (!holder.__yingsuTestEngine) {
    const databaseUrl = `${serverUrl}/yingsu_engine_test_${process.pid}`;
    const log = (line: string) => process.stderr.write(`[engine app] ${line}\n`);
    holder.__yingsuTestEngine = {
      databaseUrl,
      users: 0,
      app: startEngineApp({ config: testEngineConfig(), name: 'test', databaseUrl, fresh: true, testClock: true, log }),
    };
  }
  const shared = holder.__yingsuTestEngine;
  shared.users += 1;
  return shared.app;
}

export async function releaseTestEngineApp(): Promise<void> {
  const shared = holder.__yingsuTestEngine;
  if (!shared) return;
  shared.users -= 1;
  if (shared.users > 0) return;
  holder.__yingsuTestEngine = undefined;
  await (await shared.app).stop();
  await dropDatabase(shared.databaseUrl);
}

/** Hands the test files of a project the shared engine app and the ledger they write to. */
export function provideTestEngine(project: TestProject, app: RunningEngineApp, ledgerUrl: string): void {
  const config = testEngineConfig();
  project.provide('databaseUrl', ledgerUrl);
  project.provide('engineRestUrl', app.restUrl);
  project.provide('engineWebUrl', app.webUrl);
  project.provide('engineUser', config.ENGINE_USER);
  project.provide('enginePassword', config.ENGINE_PASSWORD);
}
