// The test engine's fixed virtual date: the libfaketime environment the launcher passes to the JVM.
import { describe, expect, it } from 'vitest';
import { LIBFAKETIME, virtualClockEnv } from '../../../src/engine/local-engine.ts';

describe('virtualClockEnv', () => {
  it('shifts the wall clock by whole seconds to the start instant, leaving the monotonic clock and timed waits alone', () => {
    const env = virtualClockEnv(new Date('2026-03-02T09:00:00+08:00'), new Date('2026-12-01T08:00:00Z'));
    expect(env.FAKETIME).toBe(`-${(Date.parse('2026-12-01T08:00:00Z') - Date.parse('2026-03-02T01:00:00Z')) / 1000}`);
    expect(env.LD_PRELOAD).toContain(LIBFAKETIME);
    expect(env).toMatchObject({ FAKETIME_DONT_FAKE_MONOTONIC: '1', FAKETIME_DONT_RESET: '1', FAKETIME_FORCE_MONOTONIC_FIX: '0' });
    expect(virtualClockEnv(new Date('2027-01-01T00:00:00Z'), new Date('2026-12-31T23:59:00Z')).FAKETIME).toBe('+60');
  });
});
