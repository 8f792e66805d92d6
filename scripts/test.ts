// npm test: the TypeScript type check, then every test — unit (no IO), db (real PostgreSQL),
// engine and integration (the project's engine app, started once for the run). Extra arguments go
// to vitest (e.g. `npm test -- --project unit`). Ends with one plain summary line.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, projectRoot } from '../src/config.ts';
import { say } from '../src/cli.ts';
import { installDebianPackages } from './setup.ts';
import { assertSupportedNode, preparePostgres } from './preflight.ts';

const log = (line: string) => say('test', line);

async function main(): Promise<number> {
  assertSupportedNode();
  const config = loadConfig();
  installDebianPackages(log);
  await preparePostgres(config.DATABASE_URL, log);

  // the type check first: a type error fails the run even when every test passes
  const typecheckStarted = Date.now();
  const tsc = path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const typecheckCode = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [tsc, '--noEmit', '-p', projectRoot], { stdio: 'inherit', cwd: projectRoot });
    child.on('exit', (c) => resolve(c ?? 1));
  });
  log(`type check ${typecheckCode === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - typecheckStarted) / 1000).toFixed(0)} s`);

  const results = path.join(config.RUNTIME_DIR, 'test-results.json');
  mkdirSync(path.dirname(results), { recursive: true });
  rmSync(results, { force: true });
  const vitest = path.join(projectRoot, 'node_modules', 'vitest', 'vitest.mjs');
  const args = [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...process.argv.slice(2)];
  const started = Date.now();
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', cwd: projectRoot });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => child.kill(signal));
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  try {
    const r = JSON.parse(readFileSync(results, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; numTotalTests: number };
    process.stdout.write(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped\n`);
    log(`finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    if (code === 0 && r.numTotalTests === 0) {
      log('no test ran');
      return 1;
    }
    if (typecheckCode !== 0) {
      log('the type check failed (see above)');
      return code || 1;
    }
  } catch {
    log('vitest wrote no results (it failed before running the tests)');
    return code || 1;
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say('test', `失败 / failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
