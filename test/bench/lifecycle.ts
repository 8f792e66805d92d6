// The life-cycle benchmark (npm run bench:lifecycle; issue 15 §3): the whole deployment against the
// engine's own limit, in one run on one engine app. The same suits (test/chaos/suits.ts, the full
// life cycle registration → answer → hearing → judgment → appeal → second instance → archive) are
// driven in three modes:
//   a  baseline: the engine alone. The suit's steps go straight to the engine (start, user tasks
//      completed with the same form values and the form defaults the case API adds, messages
//      correlated); every external task is completed at once by a no-op worker with the outcome
//      the real worker gave the same element in a warm-up suit (so every gateway goes the same way).
//   b  the real deployment with documents off: the case API over HTTP, the real workers, the
//      ledger, the engine and notification outboxes; DOCUMENTS_RENDER=off (a placeholder is filed
//      instead of printing: docs/decisions/0016-documents-render-switch.md).
//   c  the same with documents on (Chromium prints every PDF, the DOCX is built).
// Each external task is timed from its fetch-and-lock to its completion (per topic, per mode), so
// the worker overhead per topic is b's p99 minus a's. Each mode first drives `concurrency` untimed
// suits on its own workers (a fresh process for b and c), so the figures are the steady state.
import { randomUUID } from 'node:crypto';
import { fork } from 'node:child_process';
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig, type Config } from '../../src/config.ts';
import { caseStartVariables, MAIN_PROCESS_ID } from '../../src/cases/case-service.ts';
import { CaseEventBody, messageVariables } from '../../src/cases/case-input.ts';
import { loadForms, withFormDefaults } from '../../src/cases/form-validation.ts';
import { createDb, dropDatabase, migrateLatest, recreateDatabase, type Db } from '../../src/db/database.ts';
import { closeSharedPdfRenderers } from '../../src/documents/pdf-renderer.ts';
import { deployAll } from '../../src/engine/deploy.ts';
import { startEngineApp, type RunningEngineApp } from '../../src/engine/engine-app.ts';
import { startEngineCommandDispatcher } from '../../src/engine-commands/engine-command-dispatcher.ts';
import { createApp } from '../../src/http/app.ts';
import { startOutboxDispatcher } from '../../src/notifications/dispatcher.ts';
import { startMailCatcher } from '../../src/notifications/mail-catcher.ts';
import { createProcessEngine } from '../../src/process-engine/create-process-engine.ts';
import { candidateGroupRoles } from '../../src/process-engine/engine-directory.ts';
import { startExternalTaskLoop } from '../../src/process-engine/external-task-loop.ts';
import type { ExternalTasks, LockedExternalTask, ProcessEngine } from '../../src/process-engine/process-engine.ts';
import { seedDemoRegion } from '../../src/seed/demo-region.ts';
import { discoverWorkers } from '../../src/workers/worker-host.ts';
import { person } from '../chaos/run-chaos.ts';
import { driveSuit, runSuitSteps, timedSteps, type ClientStats, type Driver, type Suit, type SuitKind, type SuitSteps } from '../chaos/suits.ts';
import { percentile } from './report.ts';

export type Mode = 'a' | 'b' | 'c';
export const MODE_LABELS: Record<Mode, string> = {
  a: 'engine only: no-op workers, tasks completed on the engine',
  b: 'real workers + case API + ledger, documents off',
  c: 'real workers + case API + ledger, documents on',
};

export interface LifecycleBenchOptions {
  /** suits per mode */
  cases: number;
  /** suits driven at a time */
  concurrency: number;
  kind: SuitKind;
  modes: Mode[];
  enginePort: number;
  log: (line: string) => void;
}

export interface TopicTiming {
  /** fetch-and-lock → complete (or BPMN error / failure), ms */
  durationsMs: number[];
  failures: number;
}

/** What the workers' process (test/bench/lifecycle-workers.ts) reports when stopped. */
export interface WorkerProcessReport {
  timings: Record<string, TopicTiming>;
  outcomes: [string, Outcome[]][];
  loopDelayMs: LoopDelay;
  cpuMs: number;
}

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

export interface ModeResult {
  mode: Mode;
  label: string;
  cases: number;
  done: number;
  errors: string[];
  seconds: number;
  lifeCyclesPerMinute: number;
  /** one suit's own time, start to archive */
  suitP50s: number;
  /** each step's own times (ms), by step: 'register', 'task w_draft', 'event appeal-filed', 'wait judgment' … */
  steps: Record<string, number[]>;
  topics: Record<string, TopicTiming>;
  /** no-op outcomes not recorded in the warm-up (completed empty) */
  unrecorded?: number;
  load: number[];
  /** event-loop delay of the driver + case API process, and of the workers' process (modes b, c) */
  mainLoopDelayMs: LoopDelay;
  workerLoopDelayMs?: LoopDelay;
  /** CPU time of the workers' process during the mode */
  workerCpuMs?: number;
}

export interface LifecycleBenchResult {
  date: string;
  options: { cases: number; concurrency: number; kind: SuitKind };
  machine: string;
  modes: ModeResult[];
  warmUpSeconds: number;
  setupSeconds: number;
}

export type Outcome = { kind: 'complete'; variables: Record<string, unknown> } | { kind: 'bpmn-error'; code: string; message: string; variables?: Record<string, unknown> };

/** Outcomes of the warm-up's external tasks, by element and occurrence within the suit. */
export class OutcomeRecorder {
  static from(entries: [string, Outcome[]][]): OutcomeRecorder {
    const r = new OutcomeRecorder();
    for (const [key, list] of entries) r.byElement.set(key, list);
    return r;
  }
  entries(): [string, Outcome[]][] {
    return [...this.byElement.entries()];
  }
  private byElement = new Map<string, Outcome[]>();
  private seen = new Map<string, number>();
  private key = (t: Pick<LockedExternalTask, 'processDefinitionKey' | 'activityId'>) => `${t.processDefinitionKey}/${t.activityId}`;
  record(task: LockedExternalTask, outcome: Outcome) {
    const list = this.byElement.get(this.key(task)) ?? [];
    list.push(outcome);
    this.byElement.set(this.key(task), list);
  }
  /** The outcome of the n-th occurrence of the element in this suit (the last one recorded when it ran more often). */
  replay(task: LockedExternalTask): Outcome | undefined {
    const key = this.key(task);
    const list = this.byElement.get(key);
    if (!list?.length) return undefined;
    const suitKey = `${task.businessKey ?? task.processInstanceId}|${key}`;
    const n = this.seen.get(suitKey) ?? 0;
    this.seen.set(suitKey, n + 1);
    return list[Math.min(n, list.length - 1)];
  }
  get size() {
    return this.byElement.size;
  }
}

/**
 * The external-task port, timed: each task from the moment its fetch-and-lock returned to the moment
 * its completion (or BPMN error, or failure) was accepted, by topic. With a recorder, the outcomes
 * the workers report are kept for the no-op replay.
 */
export function timedExternalTasks(tasks: ExternalTasks, timings: Record<string, TopicTiming>, recorder?: OutcomeRecorder): ExternalTasks {
  const fetched = new Map<string, { at: number; task: LockedExternalTask }>();
  const done = (id: string, failed: boolean, outcome?: Outcome) => {
    const f = fetched.get(id);
    if (!f) return;
    fetched.delete(id);
    const t = (timings[f.task.topic] ??= { durationsMs: [], failures: 0 });
    t.durationsMs.push(performance.now() - f.at);
    if (failed) t.failures += 1;
    if (outcome && recorder) recorder.record(f.task, outcome);
  };
  return {
    ...tasks,
    async fetchAndLock(request) {
      const got = await tasks.fetchAndLock(request);
      const at = performance.now();
      for (const task of got) fetched.set(task.id, { at, task });
      return got;
    },
    async complete(task, variables) {
      await tasks.complete(task, variables);
      done(task.id, false, { kind: 'complete', variables: variables ?? {} });
    },
    async bpmnError(task, code, message, variables) {
      await tasks.bpmnError(task, code, message, variables);
      done(task.id, false, { kind: 'bpmn-error', code, message, variables });
    },
    async fail(task, failure) {
      await tasks.fail(task, failure);
      done(task.id, true);
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/**
 * Mode a's client: the suit's steps straight on the engine. Polls at the pace of the chaos client
 * (250 ms doubling to 1 s) so both drivers wait alike; a court event nothing waits for yet is retried
 * every 500 ms, as the API client waits out a 409.
 */
function engineSteps(engine: ProcessEngine, ctx: { agencyId: string; profile: string; today: string; no: number; runId: string }, deadline: number, onStep: (step: string, ms: number) => void): SuitSteps & { caseId: string } {
  const caseId = randomUUID();
  const forms = loadForms();
  const check = (what: string) => {
    if (Date.now() > deadline) throw new Error(`gave up on ${what}: the mode's deadline passed`);
  };
  const waitTask = async (elementId: string) => {
    for (let pause = 250; ; pause = Math.min(pause * 2, 1_000)) {
      check(`task ${elementId}`);
      const [task] = await engine.listTasks({ businessKey: caseId, taskDefinitionKey: elementId });
      if (task) return task;
      await sleep(pause);
    }
  };
  return timedSteps(onStep, {
    caseId,
    async register() {
      const row = {
        id: caseId,
        case_number: `（2026）鲁15行初B${ctx.runId}${String(ctx.no).padStart(4, '0')}号`,
        agency_id: ctx.agencyId,
        level: 'first',
        complaint_received_on: ctx.today,
        reconsideration_status: 'none',
        plaintiff_count: 1,
      };
      const flags = { majorPublicInterest: false, highAttention: false, massIncidentRisk: false, procuratorate: false, majorComplex: false };
      await engine.startInstance(MAIN_PROCESS_ID, caseId, caseStartVariables(row, { claimAmount: 20000, flags }, ctx.profile));
    },
    async task(elementId, variables) {
      const task = await waitTask(elementId);
      const form = task.formId ? (await forms).get(task.formId) : undefined;
      await engine.completeTask(task.id, form ? withFormDefaults(form, variables) : variables);
    },
    async event(label, body) {
      const event = CaseEventBody.parse(body);
      for (;;) {
        check(`event ${label}`);
        const correlation = await engine.correlate(event.type, caseId, messageVariables(event, caseId));
        if (correlation.status !== 'not-waiting') return;
        await sleep(500);
      }
    },
    async wait(what) {
      if (what === 'w_consider') await waitTask('w_consider');
      else if (what === 'archived' || what === 'settled') {
        for (let pause = 250; ; pause = Math.min(pause * 2, 1_000)) {
          check('the end of the main instance');
          const main = (await engine.listInstances(caseId)).find((i) => i.processDefinitionKey === MAIN_PROCESS_ID);
          if (main?.state === 'finished') return;
          await sleep(pause);
        }
      }
      // the stages between: the next step waits for its task or retries its message
    },
  });
}


/** Runs `count` suits, `concurrency` at a time; the wall time from the first start to the last end. */
async function drivePool(count: number, concurrency: number, driveOne: (no: number) => Promise<void>, log: (line: string) => void, label: string) {
  let next = 0;
  let done = 0;
  const errors: string[] = [];
  const suitSeconds: number[] = [];
  const started = performance.now();
  const progress = setInterval(() => log(`  … ${label}: ${done}/${count} at their end, ${errors.length} failed (${((performance.now() - started) / 1000).toFixed(0)} s)`), 30_000);
  try {
    await Promise.all(
      Array.from({ length: Math.min(concurrency, count) }, async () => {
        while (next < count) {
          const no = ++next;
          const t0 = performance.now();
          try {
            await driveOne(no);
            done += 1;
            suitSeconds.push((performance.now() - t0) / 1000);
          } catch (error) {
            errors.push(`suit ${no}: ${(error as Error).message}`);
          }
        }
      }),
    );
  } finally {
    clearInterval(progress);
  }
  return { seconds: (performance.now() - started) / 1000, done, errors, suitSeconds };
}

export async function runLifecycleBench(options: LifecycleBenchOptions): Promise<LifecycleBenchResult> {
  const { log } = options;
  const setupStarted = performance.now();
  const suffix = `${process.pid}`;
  const ledgerUrl = `postgres://postgres@127.0.0.1:5432/yingsu_bench_lifecycle_${suffix}`;
  const engineDbUrl = `postgres://postgres@127.0.0.1:5432/yingsu_bench_lifecycle_engine_${suffix}`;
  const mail = await startMailCatcher({ smtpPort: 0, httpPort: null, host: '127.0.0.1' });
  // the deployment's settings, for this process (case API, outboxes) and the workers' process alike
  const configEnv: Record<string, string> = {
    DATABASE_URL: ledgerUrl,
    ENGINE_DATABASE_URL: engineDbUrl,
    ENGINE_PORT: String(options.enginePort),
    ENGINE_REST_URL: `http://127.0.0.1:${options.enginePort}/engine-rest`,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(mail.smtpPort),
    MAIL_CATCHER_ENABLED: 'false',
    // no do-not-disturb hold-back during the run (as the chaos run)
    NOTIFY_DND_START: '03:00',
    NOTIFY_DND_END: '03:01',
  };
  const config: Config = loadConfig({ ...process.env, ...configEnv });
  const logger = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'error' }, pino.destination(2));
  let db: Db | undefined;
  let engineApp: RunningEngineApp | undefined;
  let server: http.Server | undefined;
  const stops: (() => Promise<unknown>)[] = [];
  try {
    await recreateDatabase(ledgerUrl);
    db = createDb(ledgerUrl, { min: 0, max: 10 });
    await migrateLatest(db);
    await seedDemoRegion(db);
    log(`ledger ${new URL(ledgerUrl).pathname.slice(1)} migrated and seeded; starting the engine app on port ${options.enginePort} …`);
    engineApp = await startEngineApp({ config, name: 'bench-lifecycle', databaseUrl: engineDbUrl, fresh: true, log: (l) => log(`engine: ${l}`) });
    const engine = createProcessEngine(config);
    const deployed = await deployAll(engine);
    log(`deployed ${deployed.length} definitions`);

    const commands = startEngineCommandDispatcher({ db, engine, logger });
    stops.push(() => commands.stop());
    const notifications = startOutboxDispatcher({ config, db, logger });
    stops.push(() => notifications.stop());
    const app = createApp({ config, db, engine, engineCommands: commands, logger });
    server = await new Promise<http.Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const agency = await db('agencies').where({ code: 'liaocheng-dept' }).first('id', 'profile');
    const agencyId = agency.id as string;
    const adminToken = await person(db, agencyId, ['admin']);
    const performerToken = await person(db, agencyId, [...candidateGroupRoles]);
    const runId = randomUUID().slice(0, 6);
    const modules = await discoverWorkers(); // the no-op workers subscribe to the same topics
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    log(`set up in ${setupSeconds.toFixed(0)} s`);

    const apiDriver = (deadline: number, onStep?: Driver['onStep']): Driver => ({
      baseUrl,
      adminToken,
      performerToken,
      today: shanghaiToday(),
      runId,
      stats: { requests: 0, retriedAfterNoAnswer: 0, waitedOn409: 0, steps: [] } satisfies ClientStats,
      deadline,
      onStep,
    });
    const driveApiSuits = async (label: string, count: number, concurrency: number, prefix: string, onStep?: Driver['onStep']) => {
      const driver = apiDriver(Date.now() + 60 * 60_000, onStep);
      return drivePool(
        count,
        concurrency,
        async (no) => {
          const suit: Suit = { no, kind: options.kind, caseNumber: `（2026）鲁15行初${prefix}${runId}${String(no).padStart(4, '0')}号`, step: 'not started', done: false };
          await driveSuit(driver, suit, agencyId);
        },
        log,
        label,
      );
    };
    // the real workers in a process of their own, as serve:workers runs them, on the timed port
    const realWorkers = async (render: 'on' | 'off', record = false) => {
      const child = fork(fileURLToPath(new URL('./lifecycle-workers.ts', import.meta.url)), [], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, ...configEnv, DOCUMENTS_RENDER: render, BENCH_RECORD: record ? '1' : '' },
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const next = <T>(type: string) =>
        new Promise<T>((resolve, reject) => {
          const onMessage = (m: { type: string; report?: T }) => {
            if (m.type !== type) return;
            child.off('exit', onExit);
            resolve(m.report as T);
          };
          const onExit = (code: number | null) => reject(new Error(`the workers' process exited (code ${code}) before '${type}'`));
          child.on('message', onMessage);
          child.once('exit', onExit);
        });
      stops.push(async () => child.kill('SIGKILL'));
      await next('ready');
      return {
        reset: async () => {
          const done = next('reset-done');
          child.send({ type: 'reset' });
          await done;
        },
        stop: async (): Promise<WorkerProcessReport> => {
          const report = next<WorkerProcessReport>('report');
          child.send({ type: 'stop' });
          return report;
        },
      };
    };

    // ── warm-up: one suit with the real workers, documents on (Chromium started), outcomes recorded ──
    log('warm-up: 1 suit with the real workers and documents on (outcomes recorded for the no-op workers)');
    const warmStarted = performance.now();
    let recorder: OutcomeRecorder;
    {
      const workers = await realWorkers('on', true);
      const warm = await driveApiSuits('warm-up', 1, 1, 'W');
      recorder = OutcomeRecorder.from((await workers.stop()).outcomes);
      if (warm.errors.length) throw new Error(`the warm-up suit failed: ${warm.errors.join('; ')}`);
    }
    const warmUpSeconds = (performance.now() - warmStarted) / 1000;
    log(`warm-up done in ${warmUpSeconds.toFixed(0)} s; ${recorder.size} elements recorded`);

    const results: ModeResult[] = [];
    for (const mode of options.modes) {
      const timings: Record<string, TopicTiming> = {};
      const load: number[] = [];
      load.push(loadavg()[0]!);
      log(`mode ${mode} (${MODE_LABELS[mode]}): ${options.cases} suits, ${options.concurrency} at a time`);
      let unrecorded = 0;
      let stop: () => Promise<WorkerProcessReport | undefined>;
      let warmWorkers: { reset(): Promise<void> } | undefined;
      if (mode === 'a') {
        const timed = timedExternalTasks(engine.externalTasks, timings);
        const loop = startExternalTaskLoop(
          timed,
          modules.map((m) => ({
            topic: m.jobType,
            lockMs: 30_000,
            variables: [],
            async handle(task: LockedExternalTask) {
              const outcome = recorder.replay(task);
              if (!outcome) unrecorded += 1;
              if (outcome?.kind === 'bpmn-error') await timed.bpmnError(task, outcome.code, outcome.message, outcome.variables);
              else await timed.complete(task, outcome?.variables ?? {});
            },
          })),
          { workerId: 'bench-noop', longPollMs: 5_000, logger },
        );
        stop = async () => (await loop.stop(), undefined);
      } else {
        const workers = await realWorkers(mode === 'b' ? 'off' : 'on');
        warmWorkers = workers;
        stop = () => workers.stop();
      }
      // warm-up of the mode, not timed: `concurrency` suits at once, so that every lane's connections
      // (SMTP pool, database pools) are open and the workers' process is past its first jobs — the
      // figures are the steady state, not a fresh process's first jobs (with some 24 tasks of a
      // topic in a run, its p99 is its slowest one)
      const profile = (agency.profile as string | null) ?? 'national';
      const warmUpDeadline = Date.now() + 30 * 60_000;
      const warmUp =
        mode === 'a'
          ? await drivePool(options.concurrency, options.concurrency, (no) => runSuitSteps(options.kind, shanghaiToday(), engineSteps(engine, { agencyId, profile, today: shanghaiToday(), no: 9000 + no, runId }, warmUpDeadline, () => {})), log, `mode ${mode} warm-up`)
          : await driveApiSuits(`mode ${mode} warm-up`, options.concurrency, options.concurrency, `${mode.toUpperCase()}W`);
      if (warmUp.errors.length) throw new Error(`the warm-up of mode ${mode} failed: ${warmUp.errors.join('; ')}`);
      for (const topic of Object.keys(timings)) delete timings[topic];
      unrecorded = 0;
      await warmWorkers?.reset();
      const steps: Record<string, number[]> = {};
      const onStep = (step: string, ms: number) => void (steps[step] ??= []).push(ms);
      const mainDelay = monitorEventLoopDelay({ resolution: 10 });
      mainDelay.enable();
      const deadline = Date.now() + 60 * 60_000;
      let run: Awaited<ReturnType<typeof drivePool>>;
      let workerReport: WorkerProcessReport | undefined;
      try {
        run =
          mode === 'a'
            ? await drivePool(options.cases, options.concurrency, (no) => runSuitSteps(options.kind, shanghaiToday(), engineSteps(engine, { agencyId, profile, today: shanghaiToday(), no, runId }, deadline, onStep)), log, `mode ${mode}`)
            : await driveApiSuits(`mode ${mode}`, options.cases, options.concurrency, mode.toUpperCase(), onStep);
      } finally {
        mainDelay.disable();
        workerReport = await stop();
      }
      if (workerReport) Object.assign(timings, workerReport.timings);
      load.push(loadavg()[0]!);
      const r: ModeResult = {
        mode,
        label: MODE_LABELS[mode],
        cases: options.cases,
        done: run.done,
        errors: run.errors,
        seconds: run.seconds,
        lifeCyclesPerMinute: (run.done / run.seconds) * 60,
        suitP50s: percentile(run.suitSeconds, 50),
        steps,
        topics: timings,
        ...(mode === 'a' ? { unrecorded } : {}),
        load,
        mainLoopDelayMs: { p50: mainDelay.percentile(50) / 1e6, p99: mainDelay.percentile(99) / 1e6, max: mainDelay.max / 1e6 },
        ...(workerReport ? { workerLoopDelayMs: workerReport.loopDelayMs, workerCpuMs: workerReport.cpuMs } : {}),
      };
      results.push(r);
      log(`mode ${mode}: ${r.done}/${r.cases} life cycles in ${r.seconds.toFixed(1)} s = ${r.lifeCyclesPerMinute.toFixed(2)} per minute; one suit p50 ${r.suitP50s.toFixed(1)} s${run.errors.length ? `; errors: ${run.errors.join(' | ')}` : ''}`);
    }

    return {
      date: new Date().toISOString(),
      options: { cases: options.cases, concurrency: options.concurrency, kind: options.kind },
      machine: `${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), Node ${process.version}`,
      modes: results,
      warmUpSeconds,
      setupSeconds,
    };
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    if (server) {
      server.closeAllConnections();
      await new Promise((r) => server!.close(r));
    }
    await closeSharedPdfRenderers().catch(() => undefined);
    await mail.stop().catch(() => undefined);
    if (engineApp) {
      log('stopping the engine app …');
      await engineApp.stop().catch(() => undefined);
    }
    await db?.destroy().catch(() => undefined);
    await dropDatabase(ledgerUrl).catch(() => undefined);
    await dropDatabase(engineDbUrl).catch(() => undefined);
  }
}

export interface TopicOverhead {
  topic: string;
  tasks: number;
  baseP50: number;
  baseP99: number;
  p50: number;
  p99: number;
  addedP99: number;
}

/** Per topic: the no-op (mode a) and the real worker's (mode b) fetch-and-lock → complete, and the p99 the real work adds. */
export function topicOverheads(base: ModeResult, real: ModeResult): TopicOverhead[] {
  return Object.entries(real.topics)
    .map(([topic, t]) => {
      const b = base.topics[topic]?.durationsMs ?? [];
      const p99 = percentile(t.durationsMs, 99);
      const baseP99 = percentile(b, 99);
      return { topic, tasks: t.durationsMs.length, baseP50: percentile(b, 50), baseP99, p50: percentile(t.durationsMs, 50), p99, addedP99: p99 - baseP99 };
    })
    .sort((x, y) => y.addedP99 - x.addedP99);
}

export interface StepOverhead {
  step: string;
  /** the step's time per suit (all its occurrences), mean over the suits, ms */
  base: number;
  real: number;
  added: number;
}

/** Per step of the life cycle: its time per suit in mode a and in a real mode, largest addition first (where b's extra time goes). */
export function stepOverheads(base: ModeResult, real: ModeResult): StepOverhead[] {
  const perSuit = (m: ModeResult, step: string) => (m.steps[step] ?? []).reduce((sum, ms) => sum + ms, 0) / Math.max(1, m.done);
  return [...new Set([...Object.keys(base.steps), ...Object.keys(real.steps)])]
    .map((step) => ({ step, base: perSuit(base, step), real: perSuit(real, step), added: perSuit(real, step) - perSuit(base, step) }))
    .sort((x, y) => y.added - x.added);
}
