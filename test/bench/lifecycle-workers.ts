// The real workers of bench:lifecycle (modes b and c, and the warm-up) in a process of their own, as
// serve:workers runs them in a deployment (test/bench/lifecycle.ts forks this file): every module
// under workers/ on the timed external-task port. Told 'stop' over IPC, it stops the workers and
// answers with the per-topic timings, the outcomes it recorded (BENCH_RECORD=1) and its event-loop
// delay; told 'reset' (after a mode's warm-up suits), it forgets the timings, delay and CPU so far.
// Configuration from the environment the parent sets (loadConfig).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/database.ts';
import { closeSharedPdfRenderers } from '../../src/documents/pdf-renderer.ts';
import { createProcessEngine } from '../../src/process-engine/create-process-engine.ts';
import { startWorkers } from '../../src/workers/worker-host.ts';
import { OutcomeRecorder, timedExternalTasks, type TopicTiming, type WorkerProcessReport } from './lifecycle.ts';

const config = loadConfig();
const logger = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'error' }, pino.destination(2));
const db = createDb(config.DATABASE_URL);
const engine = createProcessEngine(config);
const timings: Record<string, TopicTiming> = {};
const recorder = process.env.BENCH_RECORD === '1' ? new OutcomeRecorder() : undefined;
const delay = monitorEventLoopDelay({ resolution: 10 });
const workers = await startWorkers(timedExternalTasks(engine.externalTasks, timings, recorder), { config, db, logger }, { workerId: `bench-real-${config.DOCUMENTS_RENDER}-${process.pid}`, longPollMs: 5_000 });
delay.enable();
process.send!({ type: 'ready' });
let cpuAtReset = 0;
process.on('message', (message: { type: string }) => {
  // after the mode's warm-up suits: what was measured so far is the warm-up's, not the mode's
  if (message.type === 'reset') {
    for (const topic of Object.keys(timings)) delete timings[topic];
    delay.reset();
    cpuAtReset = (process.cpuUsage().user + process.cpuUsage().system) / 1000;
    process.send!({ type: 'reset-done' });
    return;
  }
  if (message.type !== 'stop') return;
  void (async () => {
    delay.disable();
    await workers.stop();
    await closeSharedPdfRenderers();
    await db.destroy();
    const report: WorkerProcessReport = {
      timings,
      outcomes: recorder?.entries() ?? [],
      loopDelayMs: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
      cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000 - cpuAtReset,
    };
    process.send!({ type: 'report', report }, () => process.disconnect());
  })();
});
