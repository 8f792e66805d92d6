// Runs the ordinary Maven client (Debian's `maven`) to build the engine app (engine/); ~/.m2 is
// its cache of what it fetched from Maven Central.
import { spawn } from 'node:child_process';
import os from 'node:os';

export interface MavenResult {
  ok: boolean;
  command: string;
  /** the first [ERROR] line, when it failed */
  error?: string;
  output: string;
}

/** Runs mvn; calls onTick every 2 s (for progress) while it runs. */
export function runMaven(args: string[], options: { cwd?: string; onTick?: () => void } = {}): Promise<MavenResult> {
  const fullArgs = ['-B', ...args];
  const command = `mvn ${fullArgs.join(' ')}`;
  return new Promise((resolve) => {
    let output = '';
    let child;
    try {
      child = spawn('mvn', fullArgs, { cwd: options.cwd ?? os.tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ ok: false, command, error: `cannot run mvn: ${(error as Error).message}`, output });
      return;
    }
    const timer = options.onTick ? setInterval(options.onTick, 2000) : undefined;
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (error) => {
      if (timer) clearInterval(timer);
      resolve({ ok: false, command, error: `cannot run mvn (is Maven installed?): ${error.message}`, output });
    });
    child.on('close', (code) => {
      if (timer) clearInterval(timer);
      const errorLine = output
        .split('\n')
        .find((l) => l.startsWith('[ERROR]') && l.length > 10)
        ?.replace(/\u001b\[[0-9;]*m/g, '')
        .trim();
      resolve({ ok: code === 0, command, error: code === 0 ? undefined : (errorLine ?? `mvn exited with ${code}`), output });
    });
  });
}
