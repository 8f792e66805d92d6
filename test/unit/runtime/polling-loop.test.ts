// Tier: unit — the background loop of the app's pollers (src/runtime/polling-loop.ts), on fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPollingLoop } from '../../../src/runtime/polling-loop.ts';

const logger = { error: vi.fn() };

describe('startPollingLoop', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('runs the next pass after pollMs, sooner when the pass asks for it, never later than pollMs', async () => {
    const answers: unknown[] = [{ nextPassInMs: 200 }, { nextPassInMs: 60_000 }, undefined];
    let passes = 0;
    const loop = startPollingLoop(async () => answers[passes++], { pollMs: 1_000, logger, failure: 'x' });
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toBe(1);
    await vi.advanceTimersByTimeAsync(199);
    expect(passes).toBe(1);
    await vi.advanceTimersByTimeAsync(1); // the retry it scheduled is due
    expect(passes).toBe(2);
    await vi.advanceTimersByTimeAsync(999); // a later hint than pollMs is capped at pollMs
    expect(passes).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(passes).toBe(3);
    await vi.advanceTimersByTimeAsync(999); // no hint: pollMs
    expect(passes).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(passes).toBe(4);
    await loop.stop();
  });

  it('runs at once when kicked, and a failed pass is logged and the loop goes on', async () => {
    let passes = 0;
    const loop = startPollingLoop(
      async () => {
        passes += 1;
        if (passes === 2) throw new Error('boom');
      },
      { pollMs: 10_000, logger, failure: 'pass failed' },
    );
    await vi.advanceTimersByTimeAsync(0);
    loop.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toBe(2);
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error) }), 'pass failed');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(passes).toBe(3);
    await loop.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(passes).toBe(3);
  });
});
