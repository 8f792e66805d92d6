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
  clock: {
    /** puts the engine's "now" on `at` (frozen there until set again) */
    set(at: Date): Promise<void>;
    now(): Promise<Date>;
  };
}

export function useTestEngine(): TestEngine {
  const restUrl = inject('engineRestUrl');
  const webUrl = inject('engineWebUrl');
  const user = inject('engineUser');
  const password = inject('enginePassword');
  const clockUrl = `${restUrl.replace(/\/engine-rest$/, '')}/test-clock`;
  const clockCall = async (method: string, body?: unknown) => {
    const res = await fetch(clockUrl, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
    if (!res.ok) throw new Error(`test clock ${method}: HTTP ${res.status} ${await res.text()}`);
    return new Date(((await res.json()) as { time: string }).time);
  };
  return {
    engine: createOperatonProcessEngine({ baseUrl: restUrl, user, password }),
    rest: createOperatonRest({ baseUrl: restUrl, user, password }),
    restUrl,
    webUrl,
    restAs: (u, p) => createOperatonRest({ baseUrl: restUrl, user: u, password: p }),
    clock: {
      set: async (at) => void (await clockCall('PUT', { time: at.toISOString() })),
      now: () => clockCall('GET'),
    },
  };
}

/** One deployment name for the fixtures: unchanged resources deployed again under it keep their version. */
export const FIXTURE_DEPLOYMENT = 'engine-tier-fixtures';

export function fixtureResources(...names: string[]): DeploymentResource[] {
  return names.map((name) => ({ name, content: readFileSync(path.join(projectRoot, 'test', 'fixtures', 'operaton', name), 'utf8') }));
}
