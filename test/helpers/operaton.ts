// Helpers for tests on the real engine app: the port on the test engine, plus test-only views the
// port does not offer (the engine clock, jobs, incidents, history) for assertions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { projectRoot } from '../../src/config.ts';
import { createOperatonProcessEngine } from '../../src/process-engine/operaton/operaton-process-engine.ts';
import { createOperatonRest, type OperatonRest } from '../../src/process-engine/operaton/operaton-rest.ts';
import type { DeploymentResource, ProcessEngine } from '../../src/process-engine/process-engine.ts';

export interface TestEngine {
  engine: ProcessEngine;
  /** the service user's REST client, for assertions the port has no call for */
  rest: OperatonRest;
  restUrl: string;
  webUrl: string;
  /** a REST client acting as another engine user */
  restAs(user: string, password: string): OperatonRest;
  clock: TestClock;
}

export interface TestClock {
  /** puts the engine's "now" on `at`; it keeps ticking from there */
  set(at: Date): Promise<Date>;
  now(): Promise<Date>;
}

/** The engine app's test-profile clock endpoint, next to the REST API at `restUrl`. */
export function testClock(restUrl: string): TestClock {
  const clockUrl = `${restUrl.replace(/\/engine-rest$/, '')}/test-clock`;
  const call = async (method: string, body?: unknown) => {
    const res = await fetch(clockUrl, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
    if (!res.ok) throw new Error(`engine clock ${method} failed: HTTP ${res.status} ${await res.text()} (is the engine app in the test-clock profile?)`);
    return new Date(((await res.json()) as { time: string }).time);
  };
  return { set: (at) => call('PUT', { time: at.toISOString() }), now: () => call('GET') };
}

export function useTestEngine(): TestEngine {
  const restUrl = inject('engineRestUrl');
  const webUrl = inject('engineWebUrl');
  const user = inject('engineUser');
  const password = inject('enginePassword');
  return {
    engine: createOperatonProcessEngine({ baseUrl: restUrl, user, password }),
    rest: createOperatonRest({ baseUrl: restUrl, user, password }),
    restUrl,
    webUrl,
    restAs: (u, p) => createOperatonRest({ baseUrl: restUrl, user: u, password: p }),
    clock: testClock(restUrl),
  };
}

/** One deployment name for the fixtures: unchanged resources deployed again under it keep their version. */
export const FIXTURE_DEPLOYMENT = 'engine-tier-fixtures';

export function fixtureResources(...names: string[]): DeploymentResource[] {
  return names.map((name) => ({ name, content: readFileSync(path.join(projectRoot, 'test', 'fixtures', 'operaton', name), 'utf8') }));
}
