// Spawns the CLI (slow: a tsx start each); a few cases only.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/config.ts';

const cli = (args: string[], input?: string) =>
  spawnSync('npx', ['tsx', 'scripts/deadlines.ts', ...args], { cwd: projectRoot, input, encoding: 'utf8', timeout: 60_000 });

describe('scripts/deadlines.ts', { timeout: 120_000 }, () => {
  it('prints the deadline as JSON', () => {
    const r = cli(['--profile', 'liaocheng', '--rule', 'registration', '--trigger', '2026-09-22']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ due: '2026-09-28', status: 'OK', rule: 'registration', profile: 'liaocheng' });
  });

  it('exits 2 naming the field, without a stack trace', () => {
    const r = cli(['--profile', 'national', '--rule', 'answer-and-evidence', '--trigger', '2026-02-30']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--trigger');
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    const unknown = cli(['--profile', 'mars', '--rule', 'answer-and-evidence', '--trigger', '2026-03-10']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--profile');
  });

  it('--batch keeps the order and reports bad items in place', () => {
    const r = cli(['--batch'], JSON.stringify([
      { profile: 'jinghai', rule: 'forwarding', trigger: '2026-09-30' },
      { profile: 'national', rule: 'appeal-judgment', trigger: '2003-01-01' },
      { profile: 'tengzhou', rule: 'justice-bureau-filing', trigger: '2026-09-28' },
    ]));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out[0]).toMatchObject({ due: '2026-10-08' });
    expect(out[1].error).toContain('trigger');
    expect(out[2]).toMatchObject({ due: '2026-10-10' });
  });
});
