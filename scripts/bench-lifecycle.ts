// npm run bench:lifecycle — the whole deployment against the engine's own limit (issue 15 §3): full
// case life cycles (registration → … → archive, test/chaos/suits.ts) per minute with no-op workers
// on the engine alone (a), with the real workers, case API and ledger, documents off (b) and on (c),
// in one run on the project's engine app (port 8094, runtime name bench-lifecycle, databases of its
// own, dropped at the end); and per topic the worker's fetch-and-lock → complete, no-op vs real.
// See test/bench/lifecycle.ts for the method.
//   npm run bench:lifecycle -- [--cases 3] [--concurrency 3] [--modes a,b,c] [--kind appeal] [--port 8094]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { runMain } from '../src/cli.ts';
import { writeFigures } from '../test/bench/figures-file.ts';
import { formatNumber, type Figure } from '../test/bench/report.ts';
import { MODE_LABELS, runLifecycleBench, stepOverheads, topicOverheads, type Mode } from '../test/bench/lifecycle.ts';
import type { SuitKind } from '../test/chaos/suits.ts';

const log = (line: string) => process.stderr.write(`[bench:lifecycle] ${line}\n`);

runMain('bench:lifecycle', async () => {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '3' },
      concurrency: { type: 'string', default: '3' },
      modes: { type: 'string', default: 'a,b,c' },
      kind: { type: 'string', default: 'appeal' },
      port: { type: 'string', default: '8094' },
    },
  });
  const cases = Number(values.cases);
  const concurrency = Number(values.concurrency);
  const modes = values.modes.split(',').map((m) => m.trim()) as Mode[];
  if (!Number.isInteger(cases) || cases < 1) throw new Error('--cases: 应为正整数 / a positive integer');
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('--concurrency: 应为正整数 / a positive integer');
  for (const m of modes) if (!(m in MODE_LABELS)) throw new Error(`--modes: unknown mode ${m} (a, b, c)`);
  if (!['answer', 'hearing', 'appeal'].includes(values.kind)) throw new Error('--kind: answer, hearing or appeal');

  const result = await runLifecycleBench({ cases, concurrency, modes, kind: values.kind as SuitKind, enginePort: Number(values.port), log });
  const a = result.modes.find((m) => m.mode === 'a');
  const out: string[] = [];
  out.push(`Run ${result.date.slice(0, 16).replace('T', ' ')} UTC, ${result.machine}, load average now ${loadavg()[0]!.toFixed(1)}.`);
  out.push(`${cases} "${values.kind}" suits per mode, ${concurrency} at a time; warm-up suit ${result.warmUpSeconds.toFixed(0)} s; setup ${result.setupSeconds.toFixed(0)} s.`);
  out.push('');
  out.push('| mode | life cycles | time | per minute | one suit p50 | vs a | event-loop delay p99: driver + API / workers | workers CPU | load avg (start / end) |');
  out.push('|---|---:|---:|---:|---:|---:|---|---:|---|');
  for (const m of result.modes) {
    const ratio = a && m !== a ? `${(m.lifeCyclesPerMinute / a.lifeCyclesPerMinute).toFixed(2)}×` : '–';
    const delay = `${formatNumber(m.mainLoopDelayMs.p99)} / ${m.workerLoopDelayMs ? formatNumber(m.workerLoopDelayMs.p99) : '–'} ms`;
    const cpu = m.workerCpuMs === undefined ? '–' : `${(m.workerCpuMs / 1000).toFixed(1)} s`;
    out.push(`| ${m.mode}: ${m.label} | ${m.done}/${m.cases} | ${m.seconds.toFixed(1)} s | ${m.lifeCyclesPerMinute.toFixed(2)} | ${m.suitP50s.toFixed(1)} s | ${ratio} | ${delay} | ${cpu} | ${m.load.map((l) => l.toFixed(1)).join(' / ')} |`);
  }
  if (a?.unrecorded) out.push(`\n(mode a: ${a.unrecorded} external tasks had no recorded outcome and were completed empty)`);
  const b = result.modes.find((m) => m.mode === 'b');
  const c = result.modes.find((m) => m.mode === 'c');
  const overheadsOf = (real: typeof b) => (a && real ? topicOverheads(a, real) : []);
  for (const real of [b, c]) {
    const rows = overheadsOf(real);
    if (!rows.length) continue;
    out.push('');
    out.push(`Per topic, fetch-and-lock → complete (ms), no-op (a) vs real (${real!.mode}: ${real!.label}):`);
    out.push('');
    out.push('| topic | tasks | no-op p50 | no-op p99 | real p50 | real p99 | added p50 | added p99 | added p99 < 50 ms? |');
    out.push('|---|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const o of rows) out.push(`| ${o.topic} | ${o.tasks} | ${formatNumber(o.baseP50)} | ${formatNumber(o.baseP99)} | ${formatNumber(o.p50)} | ${formatNumber(o.p99)} | ${formatNumber(o.p50 - o.baseP50)} | ${formatNumber(o.addedP99)} | ${Number.isFinite(o.addedP99) ? (o.addedP99 < 50 ? 'yes' : 'NO') : '–'} |`);
  }
  if (a && b) {
    const rows = stepOverheads(a, b);
    const total = (key: 'base' | 'real' | 'added') => rows.reduce((sum, r) => sum + r[key], 0);
    out.push('');
    out.push('Per step of the life cycle, its time per suit (ms, mean over the suits), a vs b — where b\'s extra time goes (a\'s waits between stages are empty: its next step polls for its task):');
    out.push('');
    out.push('| step | a | b | added |');
    out.push('|---|---:|---:|---:|');
    for (const r of rows.slice(0, 15)) out.push(`| ${r.step} | ${formatNumber(r.base)} | ${formatNumber(r.real)} | ${formatNumber(r.added)} |`);
    out.push(`| all ${rows.length} steps | ${formatNumber(total('base'))} | ${formatNumber(total('real'))} | ${formatNumber(total('added'))} |`);
  }
  const overheads = overheadsOf(b ?? c);
  process.stdout.write(`\n${out.join('\n')}\n`);

  const method = `${cases} ${values.kind} suits/mode, ${concurrency} at a time`;
  const figures: Figure[] = [];
  for (const m of result.modes) {
    figures.push({
      bench: 'lifecycle',
      figure: `life cycles per minute — ${m.label}`,
      value: m.lifeCyclesPerMinute,
      unit: '/min',
      ...(a && m !== a ? { baseline: a.lifeCyclesPerMinute, baselineLabel: 'mode a' } : {}),
      ...(m.mode === 'b' ? { target: { on: 'ratio' as const, op: '>=' as const, bound: 0.8, text: '≥ 0.8× of a' } } : {}),
      method,
    });
  }
  for (const o of overheads) {
    figures.push({
      bench: 'workers',
      figure: `${o.topic}: fetch-and-lock → complete p99 (${o.tasks} tasks)`,
      value: o.p99,
      unit: 'ms',
      baseline: o.baseP99,
      baselineLabel: 'no-op',
      // a topic the no-op mode never saw has no baseline to add to
      ...(Number.isFinite(o.baseP99) ? { target: { on: 'value' as const, op: '<' as const, bound: o.baseP99 + 50, text: 'added < 50 ms' } } : {}),
      method: `inside bench:lifecycle mode ${b ? 'b' : 'c'} vs a; real p50 ${formatNumber(o.p50)} ms`,
    });
  }
  const printed = overheadsOf(c).find((o) => o.topic === 'documents.render');
  if (printed) figures.push({ bench: 'workers', figure: `documents.render with printing: fetch-and-lock → complete p99 (${printed.tasks} tasks)`, value: printed.p99, unit: 'ms', baseline: printed.baseP99, baselineLabel: 'no-op', method: `inside bench:lifecycle mode c vs a; p50 ${formatNumber(printed.p50)} ms` });
  writeFigures(figures);
});
