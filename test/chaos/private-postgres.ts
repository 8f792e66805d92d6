// The chaos run's own PostgreSQL cluster (initdb in a directory of its own, its own port and socket
// directory), so that "restart PostgreSQL" touches nothing but this run: the machine's cluster on
// 5432, shared with every other test run, is never stopped. initdb and pg_ctl refuse root, so they
// run as the postgres user (runuser).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, chownSync } from 'node:fs';
import path from 'node:path';
import { userInfo } from 'node:os';

export interface PrivatePostgres {
  port: number;
  dataDir: string;
  /** postgres://postgres@127.0.0.1:<port>/<name> */
  url(database: string): string;
  start(): void;
  /** pg_ctl stop -m immediate: the server dies without a checkpoint (crash recovery at the next start) */
  crash(): void;
  stop(): void;
  /** stops it and removes the data directory */
  destroy(): void;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(path.join(root, v, 'bin', 'initdb'))) return path.join(root, v, 'bin');
  throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql (Debian postgresql package)');
}

/** Runs a PostgreSQL program as the postgres user when we are root (as ourselves otherwise). */
function runAsPostgres(program: string, args: string[]): void {
  const asRoot = userInfo().uid === 0;
  const command = asRoot ? 'runuser' : program;
  const argv = asRoot ? ['-u', 'postgres', '--', program, ...args] : args;
  const r = spawnSync(command, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${path.basename(program)} ${args.join(' ')} failed: ${r.stderr || r.stdout}`);
}

export function createPrivatePostgres(options: { dir: string; port: number }): PrivatePostgres {
  const bin = binDir();
  const dataDir = path.join(options.dir, 'data');
  const socketDir = path.join(options.dir, 'socket');
  const logFile = path.join(options.dir, 'postgres.log');
  // a cluster an interrupted run left running in this directory is stopped before it is removed
  if (existsSync(path.join(dataDir, 'postmaster.pid'))) {
    try {
      runAsPostgres(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    } catch {
      /* not running */
    }
  }
  rmSync(options.dir, { recursive: true, force: true });
  mkdirSync(socketDir, { recursive: true });
  if (userInfo().uid === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(options.dir, uid, gid);
    chownSync(socketDir, uid, gid);
  }
  runAsPostgres(path.join(bin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--locale=C.UTF-8']);
  const serverOptions = `-p ${options.port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=64MB`;
  const pgCtl = path.join(bin, 'pg_ctl');
  const pg: PrivatePostgres = {
    port: options.port,
    dataDir,
    url: (database) => `postgres://postgres@127.0.0.1:${options.port}/${database}`,
    start: () => runAsPostgres(pgCtl, ['-D', dataDir, '-l', logFile, '-o', serverOptions, '-w', '-t', '120', 'start']),
    crash: () => runAsPostgres(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']),
    stop: () => {
      if (existsSync(path.join(dataDir, 'postmaster.pid'))) runAsPostgres(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    },
    destroy: () => {
      try {
        pg.stop();
      } finally {
        rmSync(options.dir, { recursive: true, force: true });
      }
    },
  };
  return pg;
}
