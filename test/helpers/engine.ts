// Helpers for tests on the real engine: clients, polling, and the engine's controlled clock.
// The test engine's wall clock starts on a fixed virtual date (TEST_ENGINE_START, via libfaketime),
// so the dates the scenarios see — profile validity (Liaocheng until 2027-01-31), the holiday
// calendar — never depend on the day the tests run. The clock is shared by everything on the engine:
// integration files run one at a time and only ever move it FORWARD, by an offset. Never move it
// back (actor timers scheduled before would not fire until the clock caught up again) and never pin
// it (a pinned clock stands still, and so do the exporter's flushes and the engine's scheduled
// checks). Tests take their dates from engineClock.now().
import { afterAll } from 'vitest';
import { loadConfig, type Config } from '../../src/config.ts';
import { createCamundaClients, type CamundaClients } from '../../src/engine/camunda-client.ts';

export function useCamunda(): { camunda: CamundaClients; config: Config } {
  const config = loadConfig();
  const camunda = createCamundaClients(config);
  afterAll(() => camunda.close());
  return { camunda, config };
}

export { waitUntil } from './wait-until.ts';

async function clockCall(config: Config, path: string, method: string, body?: unknown): Promise<number> {
  const res = await fetch(`${config.managementUrl}/actuator/clock${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`engine clock ${method} ${path} failed: HTTP ${res.status} ${await res.text()} (is zeebe.clock.controlled on?)`);
  return ((await res.json()) as { epochMilli: number }).epochMilli;
}

/**
 * Where the test engine's clock starts: a Monday inside every profile's validity and the published
 * holiday calendar, with ten months of room for the scenarios to move the clock forward.
 */
export const TEST_ENGINE_START = new Date('2026-03-02T09:00:00+08:00');

export const engineClock = {
  now: (config: Config) => clockCall(config, '', 'GET').then((ms) => new Date(ms)),
  /** moves the engine's clock forward (it keeps ticking); due timers fire shortly after */
  advance: (config: Config, ms: number) => {
    if (ms < 0) throw new Error('tests move the shared engine clock forward only');
    return clockCall(config, '/add', 'POST', { offsetMilli: ms }).then((t) => new Date(t));
  },
  /** Moves the clock forward to `at` by an offset (no-op when it is already later); it keeps ticking. */
  advanceTo: async (config: Config, at: Date) => {
    const now = await engineClock.now(config);
    return at > now ? engineClock.advance(config, at.getTime() - now.getTime()) : now;
  },
};

/** Element instances of a process instance in a given state, from Operate's API. */
export async function elementInstances(camunda: CamundaClients, processInstanceKey: string, elementId: string, state?: 'ACTIVE' | 'COMPLETED' | 'TERMINATED') {
  const result = await camunda.operate.searchFlownodeInstances({
    filter: { processInstanceKey: processInstanceKey as never, flowNodeId: elementId, ...(state ? { state } : {}) },
    size: 50,
  } as never);
  return result.items;
}
