// Helpers for the integration scenarios on the project's engine app: the port and a REST client on
// the test engine, the engine clock (test profile endpoint), and element instances from the
// engine's history. Each scenario file puts the engine clock on its own start date (a Monday inside
// every profile's validity and the published holiday calendar), so files run in any order and on
// any day; within a file the clock only moves forward.
import { beforeAll, inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.ts';
import type { OperatonRest } from '../../src/process-engine/operaton/operaton-rest.ts';
import { testClock, useTestEngine } from './operaton.ts';

export { waitUntil } from './wait-until.ts';

export const TEST_ENGINE_START = new Date('2026-03-02T09:00:00+08:00');

/** The port and REST client on the test engine, a config pointing at it; the file's clock starts at TEST_ENGINE_START. */
export function useEngine(start = TEST_ENGINE_START) {
  const testEngine = useTestEngine();
  const config: Config = loadConfig({ ...process.env, ENGINE_REST_URL: testEngine.restUrl, ENGINE_USER: inject('engineUser'), ENGINE_PASSWORD: inject('enginePassword') });
  beforeAll(() => testEngine.clock.set(start));
  return { ...testEngine, config };
}

export const engineClock = {
  now: (config: Config) => testClock(config.engine.restUrl).now(),
  /** moves the engine's clock forward (it keeps ticking); due timers fire within the job executor's wait (≤ 5 s) */
  advance: async (config: Config, ms: number) => {
    if (ms < 0) throw new Error('scenarios move the engine clock forward only');
    const clock = testClock(config.engine.restUrl);
    return clock.set(new Date((await clock.now()).getTime() + ms));
  },
  /** Moves the clock forward to `at` (no-op when it is already later). */
  advanceTo: async (config: Config, at: Date) => {
    const clock = testClock(config.engine.restUrl);
    const now = await clock.now();
    return at > now ? clock.set(at) : now;
  },
};

interface ActivityInstance {
  activityId: string;
  endTime: string | null;
  canceled: boolean;
}

/** Element instances of a process instance (of one element, or all with '') in a given state, from the engine's history. */
export async function elementInstances(rest: OperatonRest, processInstanceId: string, elementId: string, state?: 'ACTIVE' | 'COMPLETED' | 'TERMINATED') {
  const byElement = elementId ? `&activityId=${encodeURIComponent(elementId)}` : '';
  const all = await rest.json<ActivityInstance[]>('GET', `/history/activity-instance?processInstanceId=${encodeURIComponent(processInstanceId)}${byElement}`);
  return all.filter((a) => !state || (state === 'ACTIVE' ? a.endTime === null : state === 'TERMINATED' ? a.canceled : a.endTime !== null && !a.canceled));
}

/** Every instance of a case (main, called, started by court events): they all carry the case id as business key. */
export async function caseInstanceIds(rest: OperatonRest, caseId: string): Promise<{ id: string; processDefinitionKey: string; state: string }[]> {
  return rest.json('GET', `/history/process-instance?processInstanceBusinessKey=${encodeURIComponent(caseId)}&sortBy=startTime&sortOrder=asc`);
}
