// Child processes in their own process group, so stopping them stops everything they started,
// and a pid file so a later run can stop what an interrupted run left behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface ManagedProcess {
  name: string;
  pid: number;
  child: ChildProcess;
  logFile: string;
  exited: Promise<number | null>;
  stop(timeoutMs?: number): Promise<void>;
}

const live = new Set<ManagedProcess>();

// Runs the command under a small shell that watches the Node process: if Node dies without
// stopping it (SIGKILL, crash), the shell stops the command, so no engine is left orphaned.
const WATCHDOG = [
  '"$@" & child=$!',
  "trap 'kill -TERM $child 2>/dev/null' TERM INT HUP",
  'while kill -0 "$WATCH_PID" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done',
  'kill -TERM $child 2>/dev/null',
  'i=0; while kill -0 $child 2>/dev/null && [ $i -lt 30 ]; do sleep 1; i=$((i+1)); done',
  'kill -KILL $child 2>/dev/null; wait $child',
].join('\n');
let exitHookInstalled = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort: the parent is going away, take the groups with it (synchronously).
  process.on('exit', () => {
    for (const p of live) killGroup(p.pid, 'SIGKILL');
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function startProcessGroup(options: {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  pidFile: string;
}): ManagedProcess {
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const fd = openSync(options.logFile, 'a');
  const child = spawn('/bin/sh', ['-c', WATCHDOG, options.name, options.command, ...options.args], {
    cwd: options.cwd,
    env: { ...options.env, WATCH_PID: String(process.pid) },
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  if (!child.pid) throw new Error(`${options.name} could not be started (${options.command})`);
  const pid = child.pid;
  writeFileSync(options.pidFile, String(pid));
  installExitHook();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const managed: ManagedProcess = {
    name: options.name,
    pid,
    child,
    logFile: options.logFile,
    exited,
    async stop(timeoutMs = 30_000) {
      if (child.exitCode === null && child.signalCode === null) {
        killGroup(pid, 'SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), timeoutMs)))]);
        clearTimeout(timer);
        if (timedOut) killGroup(pid, 'SIGKILL');
      }
      // the leader may be gone while others in the group are not
      killGroup(pid, 'SIGKILL');
      live.delete(managed);
      rmSync(options.pidFile, { force: true });
    },
  };
  live.add(managed);
  child.unref();
  return managed;
}

/** Stops a process group recorded in a pid file by an earlier run that did not stop cleanly. */
export async function stopStale(pidFile: string): Promise<number | undefined> {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  rmSync(pidFile, { force: true });
  if (!pid || !isAlive(pid)) return undefined;
  killGroup(pid, 'SIGTERM');
  for (let i = 0; i < 60 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 500));
  killGroup(pid, 'SIGKILL');
  return pid;
}

export function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export async function untilSignalOrExit(engine: { processes: ManagedProcess[] }): Promise<void> {
  const keepAlive = setInterval(() => undefined, 1 << 30);
  try {
    await Promise.race([
      new Promise<void>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => resolve());
      }),
      ...engine.processes.map((p) =>
        p.exited.then((code) => {
          throw new Error(`${p.name} stopped unexpectedly (exit code ${code}); its log ${p.logFile} ends with:\n${tail(p.logFile, 15)}`);
        }),
      ),
    ]);
  } finally {
    clearInterval(keepAlive);
  }
}
