// Runs handlers for external-task topics: one long-polling fetch-and-lock at a time for every
// topic with free capacity, each locked task handed to its topic's handler, at most `maxInFlight`
// at once. Engine errors back off (1 s doubling to 30 s) and never stop the loop. stop() lets the
// pending long poll end (cutting it off would leave the engine locking tasks for a worker that
// is gone), gives back what it returned, and waits for the tasks in hand.
import type { Logger } from '../logger.ts';
import type { ExternalTasks, LockedExternalTask } from './process-engine.ts';

export interface TopicSubscription {
  topic: string;
  lockMs: number;
  /** variables to fetch (default: all) */
  variables?: string[];
  /** must end with exactly one of complete / bpmnError / fail on `tasks` for the task */
  handle(task: LockedExternalTask): Promise<void>;
}

export interface ExternalTaskLoopOptions {
  workerId: string;
  maxInFlight?: number;
  longPollMs?: number;
  logger: Logger;
}

export interface ExternalTaskLoop {
  topics: string[];
  /** tasks handled since the start (for health and tests) */
  handledCount(): number;
  stop(): Promise<void>;
}

export function startExternalTaskLoop(tasks: ExternalTasks, subscriptions: TopicSubscription[], options: ExternalTaskLoopOptions): ExternalTaskLoop {
  const byTopic = new Map(subscriptions.map((s) => [s.topic, s]));
  const maxInFlight = options.maxInFlight ?? 8;
  const longPollMs = options.longPollMs ?? 20_000;
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  let handled = 0;
  let backoffMs = 0;
  let wakeUp: (() => void) | undefined;

  const run = (task: LockedExternalTask) => {
    const subscription = byTopic.get(task.topic);
    const work = (subscription ? subscription.handle(task) : Promise.reject(new Error(`no handler for topic ${task.topic}`)))
      .catch((error: unknown) => options.logger.error({ err: error, topic: task.topic, externalTaskId: task.id }, 'external task handler failed'))
      .finally(() => {
        handled += 1;
        inFlight.delete(work);
        wakeUp?.();
      });
    inFlight.add(work);
  };

  const loop = (async () => {
    while (!stopping) {
      const free = maxInFlight - inFlight.size;
      if (free <= 0) {
        await new Promise<void>((resolve) => (wakeUp = resolve));
        wakeUp = undefined;
        continue;
      }
      try {
        const locked = await tasks.fetchAndLock({
          workerId: options.workerId,
          maxTasks: free,
          longPollMs,
          topics: subscriptions.map((s) => ({ topic: s.topic, lockMs: s.lockMs, variables: s.variables })),
        });
        backoffMs = 0;
        if (stopping) {
          await Promise.allSettled(locked.map((t) => tasks.unlock(t)));
          break;
        }
        locked.forEach(run);
      } catch (error) {
        if (stopping) break;
        backoffMs = Math.min(backoffMs ? backoffMs * 2 : 1000, 30_000);
        options.logger.warn({ err: error, retryInMs: backoffMs }, 'fetching external tasks failed');
        await new Promise((r) => setTimeout(r, backoffMs));
      }
    }
  })();

  return {
    topics: subscriptions.map((s) => s.topic),
    handledCount: () => handled,
    async stop() {
      stopping = true;
      wakeUp?.();
      await loop;
      await Promise.allSettled([...inFlight]);
    },
  };
}
