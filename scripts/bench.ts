// npm run bench — the whole deployment against its limit (issue 15 §3): every benchmark in sequence
// at moderate sizes, each in a child process of its own (its progress shown as it goes), each
// handing its figures over in a JSON file (BENCH_FIGURES_FILE, test/bench/figures-file.ts); then one
// summary table (figure, value, baseline measured in the same run, ratio, target, met?) printed and
// written to .runtime/bench/report.json and .runtime/bench/report.md.
//   npm run bench                         documents, workers, deadlines 100k, ledger 100k, lifecycle, stats 100k
//   npm run bench -- --quick              small sizes everywhere, stats skipped (a try in ~15 min)
//   npm run bench -- --only lifecycle,documents    or   --skip stats,workers
// A failed benchmark is reported as such and the others still run; the exit code is then 1. The two
// that start an engine app (workers, lifecycle) both use port 8094, one after the other.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/config.ts';
import { runMain, say } from '../src/cli.ts';
import { judge, markdownTable, textTable, worstRatio, type Figure, type FigureRow } from '../test/bench/report.ts';

interface Step {
  name: string;
  script: string;
  args: string[];
  quickArgs: string[];
  /** how big, in words, for the report */
  size: (quick: boolean) => string;
}

const STEPS: Step[] = [
  { name: 'documents', script: 'bench-documents.ts', args: ['40', '4'], quickArgs: ['10', '4'], size: (q) => `${q ? 10 : 40} answer briefs` },
  { name: 'workers', script: 'bench-external-tasks.ts', args: ['--tasks', '400', '--rounds', '2', '--clients', 'thin,npm', '--port', '8094'], quickArgs: ['--tasks', '150', '--rounds', '1', '--clients', 'thin,npm', '--port', '8094'], size: (q) => `${q ? 150 : 400} tasks × ${q ? 1 : 2} rounds` },
  { name: 'deadlines', script: 'bench-deadlines.ts', args: ['--cases', '100000'], quickArgs: ['--cases', '20000'], size: (q) => `${q ? '20,000' : '100,000'} cases` },
  { name: 'ledger', script: 'bench-ledger.ts', args: ['--cases', '100000', '--baseline', '1000', '--clients', '50', '--requests', '1000'], quickArgs: ['--cases', '20000', '--baseline', '1000', '--clients', '50', '--requests', '500'], size: (q) => `${q ? '20,000' : '100,000'} cases, 50 clients` },
  { name: 'lifecycle', script: 'bench-lifecycle.ts', args: ['--cases', '3', '--concurrency', '3'], quickArgs: ['--cases', '1', '--concurrency', '1'], size: (q) => `${q ? 1 : 3} full life cycle${q ? '' : 's'} per mode` },
  { name: 'stats', script: 'bench-stats.ts', args: ['--cases', '100000', '--baseline', '10000', '--runs', '10'], quickArgs: [], size: () => '100,000 vs 10,000 cases' },
];

interface StepRun {
  name: string;
  command: string;
  size: string;
  seconds: number;
  exitCode: number | null;
  figures: number;
}

function runStep(step: Step, quick: boolean, figuresFile: string): Promise<number | null> {
  const args = ['--import', 'tsx', path.join('scripts', step.script), ...(quick ? step.quickArgs : step.args)];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot, stdio: 'inherit', env: { ...process.env, BENCH_FIGURES_FILE: figuresFile } });
    // Ctrl-C reaches the child through the terminal's process group; wait for it to clean up
    child.on('exit', (code) => resolve(code));
    child.on('error', () => resolve(null));
  });
}

runMain('bench', async () => {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, skip: { type: 'string' } } });
  const names = STEPS.map((s) => s.name);
  const only = values.only?.split(',').map((s) => s.trim());
  const skip = new Set(values.skip?.split(',').map((s) => s.trim()) ?? (values.quick ? ['stats'] : []));
  for (const n of [...(only ?? []), ...skip]) if (!names.includes(n)) throw new Error(`unknown benchmark ${n} (${names.join(', ')})`);
  const steps = STEPS.filter((s) => (only ? only.includes(s.name) : !skip.has(s.name)));

  const dir = path.join(projectRoot, '.runtime', 'bench');
  mkdirSync(dir, { recursive: true });
  const started = new Date();
  const loadAtStart = loadavg()[0]!;
  const runs: StepRun[] = [];
  const figures: Figure[] = [];
  for (const [i, step] of steps.entries()) {
    const file = path.join(dir, `${step.name}.figures.json`);
    rmSync(file, { force: true });
    const args = values.quick ? step.quickArgs : step.args;
    say('bench', `[${i + 1}/${steps.length}] ${step.name}: ${step.size(values.quick)} (load average ${loadavg()[0]!.toFixed(1)}) …`);
    const t0 = performance.now();
    const exitCode = await runStep(step, values.quick, file);
    const seconds = (performance.now() - t0) / 1000;
    const mine: Figure[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Figure[]) : [];
    figures.push(...mine);
    runs.push({ name: step.name, command: `node scripts/${step.script} ${args.join(' ')}`.trim(), size: step.size(values.quick), seconds, exitCode, figures: mine.length });
    say('bench', `[${i + 1}/${steps.length}] ${step.name}: ${exitCode === 0 ? 'done' : `FAILED (exit ${exitCode})`} in ${seconds.toFixed(0)} s, ${mine.length} figures`);
  }

  const rows: FigureRow[] = figures.map(judge);
  const worst = worstRatio(rows);
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}; load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`;
  const report = { date: started.toISOString(), finished: new Date().toISOString(), machine, quick: values.quick, steps: runs, figures: rows, worst: worst ? { bench: worst.bench, figure: worst.figure } : null };
  writeFileSync(path.join(dir, 'report.json'), JSON.stringify(report, null, 2));
  const md = [
    `# npm run bench — ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${machine}.`,
    '',
    markdownTable(rows),
    '',
    '| benchmark | size | time | figures | exit |',
    '|---|---|---:|---:|---|',
    ...runs.map((r) => `| ${r.name} | ${r.size} | ${r.seconds.toFixed(0)} s | ${r.figures} | ${r.exitCode === 0 ? 'ok' : `failed (${r.exitCode})`} |`),
    '',
    worst ? `Furthest below its target: ${worst.bench} — ${worst.figure}.` : 'Every figure with a target met it.',
    '',
  ].join('\n');
  writeFileSync(path.join(dir, 'report.md'), md);
  process.stdout.write(`\n${textTable(rows)}\n\n${machine}\n`);
  for (const r of runs.filter((x) => x.exitCode !== 0)) process.stdout.write(`FAILED: ${r.name} (exit ${r.exitCode}); see its output above\n`);
  if (worst) process.stdout.write(`furthest below its target: ${worst.bench} — ${worst.figure}\n`);
  process.stdout.write(`report: ${path.relative(projectRoot, path.join(dir, 'report.md'))} and report.json\n`);
  if (runs.some((r) => r.exitCode !== 0)) process.exitCode = 1;
});
