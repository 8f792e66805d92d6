// Benchmark: the external-task worker client, measured to choose one (docs/decisions/0002-worker-client.md).
// Starts the project's engine app on port 8095 (--port) on a database of its own (re-created, dropped at the
// end), deploys a process with ONE external task, and per round starts M instances (8 starts in
// flight) while one worker process completes them. Compared, in one run, alternating order:
//   thin       startExternalTaskLoop over the Operaton adapter (src/process-engine/)
//   npm        camunda-external-task-client-js 3.1.0, tuned (interval 0, maxParallelExecutions = maxTasks)
//   npm-deflt  the same with its default poll interval (300 ms pause after every fetch)
// Each worker runs in a child process of its own, so its CPU time (process.cpuUsage) and RSS are
// the client's alone. End to end = first start → the history counts M finished instances; latency
// = the engine's own start → end time of each instance (history durationInMillis).
// The machine is shared: the load average is printed with every round.
//   npm run bench:workers -- [--tasks 600] [--rounds 3] [--clients thin,npm,npm-deflt] [--port 8095]
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { writeFigures } from '../test/bench/figures-file.ts';

const TOPIC = 'bench.noop';
const PROCESS_KEY = 'bench-worker';
const MAX_TASKS = 8;
const LOCK_MS = 60_000;
const LONG_POLL_MS = 3_000;
const START_CONCURRENCY = 8;
const WARM_UP = 150;

type ClientKind = 'thin' | 'npm' | 'npm-deflt';
const KINDS: ClientKind[] = ['thin', 'npm', 'npm-deflt'];

interface WorkerSetup {
  kind: ClientKind;
  restUrl: string;
  user: string;
  password: string;
}
interface WorkerReport {
  handled: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  rssMb: number;
  maxRssMb: number;
  /** the worker process before it loaded its client (Node + tsx alone) */
  baseRssMb: number;
  fetches: number;
}
type ToWorker = { type: 'setup'; setup: WorkerSetup } | { type: 'go' } | { type: 'report' } | { type: 'stop' };
type FromWorker = { type: 'ready' } | { type: 'report'; report: WorkerReport } | { type: 'stopped' };

const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="bench-definitions" targetNamespace="http://yingsu.example/bench">
  <bpmn:process id="${PROCESS_KEY}" name="基准：外部任务" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="noop" />
    <bpmn:serviceTask id="noop" name="空任务" camunda:type="external" camunda:topic="${TOPIC}">
      <bpmn:extensionElements>
        <camunda:properties>
          <camunda:property name="header" value="值" />
        </camunda:properties>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="noop" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>
`;

// ---------------------------------------------------------------------------------------------
// The worker process: one client, completing every task of the topic with one variable.

async function workerMain() {
  const send = (message: FromWorker) => process.send!(message);
  let fetches = 0;
  let handled = 0;
  let start: (() => void) | undefined;
  let stop: (() => Promise<void>) | undefined;
  let cpuAtGo = process.cpuUsage();
  let baseRssMb = 0;

  const setUp = async ({ kind, restUrl, user, password }: WorkerSetup) => {
    baseRssMb = process.memoryUsage().rss / 2 ** 20;
    const workerId = `bench-${kind}-${process.pid}`;
    if (kind === 'thin') {
      const { createLogger } = await import('../src/logger.ts');
      const { createOperatonProcessEngine } = await import('../src/process-engine/operaton/operaton-process-engine.ts');
      const { startExternalTaskLoop } = await import('../src/process-engine/external-task-loop.ts');
      const tasks = createOperatonProcessEngine({ baseUrl: restUrl, user, password }).externalTasks;
      const counted: typeof tasks = { ...tasks, fetchAndLock: (request) => ((fetches += 1), tasks.fetchAndLock(request)) };
      let loop: { stop(): Promise<void> } | undefined;
      start = () => {
        loop = startExternalTaskLoop(
          counted,
          [
            {
              topic: TOPIC,
              lockMs: LOCK_MS,
              handle: async (task) => {
                await tasks.complete(task, { handledBy: 'thin', header: task.properties.header ?? null });
                handled += 1;
              },
            },
          ],
          { workerId, maxInFlight: MAX_TASKS, longPollMs: LONG_POLL_MS, logger: createLogger({ LOG_LEVEL: 'silent' }) },
        );
      };
      stop = async () => loop?.stop();
    } else {
      const { Client, BasicAuthInterceptor, Variables } = await import('camunda-external-task-client-js');
      const client = new Client({
        baseUrl: restUrl,
        workerId,
        maxTasks: MAX_TASKS,
        maxParallelExecutions: MAX_TASKS,
        asyncResponseTimeout: LONG_POLL_MS,
        lockDuration: LOCK_MS,
        ...(kind === 'npm' ? { interval: 0 } : {}),
        interceptors: new BasicAuthInterceptor({ username: user, password }),
        autoPoll: false,
      });
      client.on('poll:start', () => (fetches += 1));
      client.subscribe(TOPIC, { includeExtensionProperties: true }, async ({ task, taskService }) => {
        const variables = new Variables().setAll({ handledBy: kind, header: task.extensionProperties?.header ?? null });
        await taskService.complete(task, variables);
        handled += 1;
      });
      start = () => client.start();
      stop = async () => {
        client.stop();
        // its pending long poll cannot be cut off: let it end, so the engine locks nothing for a gone worker
        await new Promise((r) => setTimeout(r, LONG_POLL_MS + 500));
      };
    }
    send({ type: 'ready' });
  };

  process.on('message', (message: ToWorker) => {
    if (message.type === 'setup') void setUp(message.setup);
    else if (message.type === 'go') {
      cpuAtGo = process.cpuUsage();
      start!();
    } else if (message.type === 'report') {
      const cpu = process.cpuUsage(cpuAtGo);
      send({
        type: 'report',
        report: {
          handled,
          fetches,
          cpuUserMs: cpu.user / 1000,
          cpuSystemMs: cpu.system / 1000,
          rssMb: process.memoryUsage().rss / 2 ** 20,
          maxRssMb: process.resourceUsage().maxRSS / 1024,
          baseRssMb,
        },
      });
    } else if (message.type === 'stop') {
      void stop!().then(() => {
        send({ type: 'stopped' });
        process.disconnect();
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The driver: engine, load, measurement, table.

interface RoundResult {
  kind: ClientKind;
  round: number;
  tasks: number;
  seconds: number;
  tasksPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  load: number;
  report: WorkerReport;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

async function driverMain() {
  const { values } = parseArgs({
    options: { tasks: { type: 'string', default: '600' }, rounds: { type: 'string', default: '3' }, clients: { type: 'string', default: KINDS.join(',') }, port: { type: 'string', default: '8095' } },
  });
  const M = Number(values.tasks);
  const ROUNDS = Number(values.rounds);
  const kinds = values.clients.split(',') as ClientKind[];
  if (!Number.isInteger(M) || M < 1) throw new Error('--tasks: 应为正整数');
  if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error('--rounds: 应为正整数');
  for (const k of kinds) if (!KINDS.includes(k)) throw new Error(`--clients: unknown client ${k} (${KINDS.join(', ')})`);

  const { loadConfig } = await import('../src/config.ts');
  const { startEngineApp } = await import('../src/engine/engine-app.ts');
  const { dropDatabase } = await import('../src/db/database.ts');
  const { createOperatonProcessEngine } = await import('../src/process-engine/operaton/operaton-process-engine.ts');
  const { createOperatonRest } = await import('../src/process-engine/operaton/operaton-rest.ts');

  const config = loadConfig({ ...process.env, ENGINE_PORT: values.port });
  const databaseUrl = 'postgres://postgres@127.0.0.1:5432/yingsu_engine_bench';
  const started = Date.now();
  let engineApp: Awaited<ReturnType<typeof startEngineApp>> | undefined;
  let worker: ChildProcess | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      worker?.kill('SIGKILL');
      if (engineApp) {
        log('stopping the engine app …');
        await engineApp.stop();
      }
      await dropDatabase(databaseUrl).catch((error: unknown) => log(`could not drop the bench database: ${(error as Error).message}`));
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    engineApp = await startEngineApp({ config, name: 'bench', databaseUrl, fresh: true, log });
    const { restUrl } = engineApp;
    const auth = { baseUrl: restUrl, user: config.ENGINE_USER, password: config.ENGINE_PASSWORD };
    const engine = createOperatonProcessEngine(auth);
    const rest = createOperatonRest(auth);
    await engine.deploy('bench-worker', [{ name: 'bench-worker.bpmn', content: BPMN }]);

    const startInstances = async (prefix: string, count: number) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: START_CONCURRENCY }, async () => {
          while (next < count) {
            const i = next++;
            await rest.json('POST', `/process-definition/key/${PROCESS_KEY}/start`, { businessKey: `${prefix}-${i}` });
          }
        }),
      );
    };
    const finishedCount = async (prefix: string) =>
      (await rest.json<{ count: number }>('GET', `/history/process-instance/count?processDefinitionKey=${PROCESS_KEY}&finished=true&processInstanceBusinessKeyLike=${prefix}-%25`)).count;

    const spawnWorker = async (kind: ClientKind) => {
      const child = fork(fileURLToPath(import.meta.url), ['--worker'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      worker = child;
      const next = <T extends FromWorker['type']>(type: T) =>
        new Promise<Extract<FromWorker, { type: T }>>((resolve, reject) => {
          const onMessage = (m: FromWorker) => {
            if (m.type !== type) return;
            child.off('message', onMessage);
            child.off('exit', onExit);
            resolve(m as Extract<FromWorker, { type: T }>);
          };
          const onExit = (code: number | null) => reject(new Error(`the ${kind} worker exited (code ${code}) before '${type}'`));
          child.on('message', onMessage);
          child.once('exit', onExit);
        });
      const tell = (m: ToWorker) => child.send(m);
      tell({ type: 'setup', setup: { kind, restUrl, user: config.ENGINE_USER, password: config.ENGINE_PASSWORD } });
      await next('ready');
      return {
        go: () => tell({ type: 'go' }),
        report: async () => (tell({ type: 'report' }), (await next('report')).report),
        stop: async () => {
          const exited = new Promise((r) => child.once('exit', r));
          tell({ type: 'stop' });
          await next('stopped');
          await exited;
          worker = undefined;
        },
      };
    };

    const runRound = async (kind: ClientKind, round: number, tasks: number, prefix: string): Promise<RoundResult> => {
      const w = await spawnWorker(kind);
      const t0 = performance.now();
      w.go();
      let done = 0;
      const waitAll = (async () => {
        let lastLog = Date.now();
        while (done < tasks) {
          await new Promise((r) => setTimeout(r, 100));
          done = await finishedCount(prefix);
          if (Date.now() - lastLog > 5000) {
            lastLog = Date.now();
            log(`    … ${kind} round ${round}: ${done}/${tasks} finished`);
          }
          if (performance.now() - t0 > 180_000) throw new Error(`${kind} round ${round}: only ${done}/${tasks} finished after 180 s`);
        }
      })();
      await startInstances(prefix, tasks);
      await waitAll;
      const seconds = (performance.now() - t0) / 1000;
      const report = await w.report();
      await w.stop();
      const history = await rest.json<{ durationInMillis: number | null }[]>(
        'GET',
        `/history/process-instance?processDefinitionKey=${PROCESS_KEY}&processInstanceBusinessKeyLike=${prefix}-%25&maxResults=${tasks + 10}`,
      );
      const durations = history.map((h) => h.durationInMillis ?? NaN).sort((a, b) => a - b);
      return { kind, round, tasks, seconds, tasksPerSecond: tasks / seconds, p50Ms: percentile(durations, 50), p95Ms: percentile(durations, 95), load: loadavg()[0]!, report };
    };

    log(`warm-up: ${WARM_UP} tasks per client (not counted)`);
    for (const kind of kinds) await runRound(kind, 0, WARM_UP, `warm-${kind}`);

    const results: RoundResult[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // alternate the order: forwards in odd rounds, backwards in even ones
      const order = round % 2 ? kinds : [...kinds].reverse();
      for (const kind of order) {
        const r = await runRound(kind, round, M, `r${round}-${kind}`);
        results.push(r);
        log(
          `  round ${round} ${kind.padEnd(9)} ${r.tasksPerSecond.toFixed(1)} tasks/s, p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, ` +
            `cpu ${(r.report.cpuUserMs + r.report.cpuSystemMs).toFixed(0)} ms, rss ${r.report.rssMb.toFixed(1)} MB (${r.report.baseRssMb.toFixed(1)} before the client), fetches ${r.report.fetches}, load ${r.load.toFixed(1)}`,
        );
      }
    }

    const rows = kinds.map((kind) => {
      const mine = results.filter((r) => r.kind === kind);
      const cpuMs = mine.map((r) => r.report.cpuUserMs + r.report.cpuSystemMs);
      return {
        kind,
        tps: median(mine.map((r) => r.tasksPerSecond)),
        tpsAll: mine.map((r) => r.tasksPerSecond.toFixed(0)).join(' / '),
        p50: median(mine.map((r) => r.p50Ms)),
        p95: median(mine.map((r) => r.p95Ms)),
        cpuMs: median(cpuMs),
        cpuPerTaskUs: median(mine.map((r, i) => (cpuMs[i]! * 1000) / r.tasks)),
        rss: median(mine.map((r) => r.report.rssMb)),
        clientRss: median(mine.map((r) => r.report.rssMb - r.report.baseRssMb)),
        load: mine.map((r) => r.load.toFixed(1)).join(' / '),
        maxRss: Math.max(...mine.map((r) => r.report.maxRssMb)),
        fetches: median(mine.map((r) => r.report.fetches)),
      };
    });
    const thin = rows.find((r) => r.kind === 'thin');
    const ratio = (value: number, base: number | undefined) => (base ? `${(value / base).toFixed(2)}×` : '–');

    const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), Node ${process.version}`;
    const out: string[] = [];
    out.push(`Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${machine}, Operaton ${(await engine.health()).version ?? '?'} (engine app, heap ${config.ENGINE_HEAP}).`);
    out.push(`${M} tasks per round, ${ROUNDS} rounds per client (alternating order, after a ${WARM_UP}-task warm-up each); 1 external task per instance; ${START_CONCURRENCY} starts in flight; maxTasks ${MAX_TASKS}, ${MAX_TASKS} in flight, long poll ${LONG_POLL_MS} ms. Medians of the rounds.`);
    out.push('');
    out.push(`| client | tasks/s (median; rounds) | start→end p50 / p95 | client CPU per round | CPU per task | RSS at end (the client's part) / max | fetches per round | load avg (rounds) | tasks/s vs thin | CPU vs thin |`);
    out.push('|---|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      out.push(
        `| ${r.kind} | ${r.tps.toFixed(1)} (${r.tpsAll}) | ${r.p50} / ${r.p95} ms | ${(r.cpuMs / 1000).toFixed(2)} s | ${r.cpuPerTaskUs.toFixed(0)} µs | ${r.rss.toFixed(0)} (+${r.clientRss.toFixed(0)}) / ${r.maxRss.toFixed(0)} MB | ${r.fetches} | ${r.load} | ${ratio(r.tps, thin?.tps)} | ${ratio(r.cpuMs, thin?.cpuMs)} |`,
      );
    }
    out.push('');
    out.push(`Whole run ${((Date.now() - started) / 1000).toFixed(0)} s including the engine start.`);
    process.stdout.write(`\n${out.join('\n')}\n`);
    const npm = rows.find((r) => r.kind === 'npm');
    writeFigures(
      rows.map((r) => ({
        bench: 'workers',
        figure: `external-task client ${r.kind}: tasks per second (1 no-op task per instance)`,
        value: r.tps,
        unit: '/s',
        ...(npm && r !== npm ? { baseline: npm.tps, baselineLabel: 'npm client, tuned' } : {}),
        method: `${M} tasks × ${ROUNDS} rounds, medians; start→end p95 ${r.p95} ms`,
      })),
    );
  } finally {
    await cleanUp();
  }
}

if (process.argv.includes('--worker')) await workerMain();
else
  await driverMain().catch((error: unknown) => {
    log(`bench failed: ${(error as Error).stack ?? error}`);
    process.exitCode = 1;
  });
