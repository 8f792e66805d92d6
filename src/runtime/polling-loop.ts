// One background loop for the app's pollers (engine outbox, case imports, security sweeper): a pass
// now, the next one `pollMs` after it ends (sooner when the pass answers { nextPassInMs }: work it
// scheduled for a retry before then), or at once when kicked; passes never overlap, a failed pass is
// logged and the loop goes on, and stop() waits for the pass under way.
import type { Logger } from '../logger.ts';

export interface PollingLoop {
  /** run a pass now (new work was enqueued) instead of waiting for the next poll */
  kick(): void;
  stop(): Promise<void>;
}

export function startPollingLoop(pass: () => Promise<unknown>, options: { pollMs: number; logger: Pick<Logger, 'error'>; failure: string }): PollingLoop {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    clearTimeout(timer);
    let delay = options.pollMs;
    running = running
      .then(pass)
      .then((answer) => {
        const sooner = (answer as { nextPassInMs?: unknown } | null | undefined)?.nextPassInMs;
        if (typeof sooner === 'number' && Number.isFinite(sooner)) delay = Math.max(0, Math.min(sooner, options.pollMs));
      })
      .catch((error: unknown) => options.logger.error({ err: error }, options.failure))
      .finally(() => {
        clearTimeout(timer);
        if (!stopped) timer = setTimeout(run, delay);
      });
  };
  run();
  return {
    kick: () => {
      if (!stopped) run();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
