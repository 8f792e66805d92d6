import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverWorkers, workerPathOf } from '../../../src/workers/worker-host.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A workers/ directory holding one module for `jobType` at `file`. */
function workersDirWith(file: string, jobType: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'workers-'));
  dirs.push(dir);
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), `export const jobType = '${jobType}';\nexport const description = 'test';\nexport async function handle() {}\n`);
  return dir;
}

describe('worker discovery: one module per job type at the path its job type names', () => {
  it('maps a job type to its path', () => {
    expect(workerPathOf('hearing.decide-appearance')).toBe('hearing/decide-appearance.ts');
    expect(workerPathOf('cases.update-stage')).toBe('cases/update-stage.ts');
  });

  it('finds a module in a sub-folder when its path names its job type', async () => {
    const workers = await discoverWorkers(workersDirWith('hearing/decide-appearance.ts', 'hearing.decide-appearance'));
    expect(workers.map((w) => w.jobType)).toEqual(['hearing.decide-appearance']);
  });

  it('refuses to start with a misplaced module, naming its path and its job type', async () => {
    const dir = workersDirWith('hearing/appearance.ts', 'hearing.decide-appearance');
    await expect(discoverWorkers(dir)).rejects.toThrow(
      'workers/hearing/appearance.ts implements job type "hearing.decide-appearance", so it must be workers/hearing/decide-appearance.ts',
    );
  });

  it('refuses a module left at the top of workers/', async () => {
    await expect(discoverWorkers(workersDirWith('decide-head-appearance.ts', 'hearing.decide-appearance'))).rejects.toThrow(
      /workers\/decide-head-appearance\.ts .*"hearing\.decide-appearance".*workers\/hearing\/decide-appearance\.ts/,
    );
  });
});
