// The project's own Operaton engine app (engine/): built with Maven when missing or changed
// (cached by a hash of its sources), started on its own PostgreSQL database (created when missing),
// bound to 127.0.0.1, waited for, and stopped with everything else. Skipped when ENGINE_REST_URL
// names an existing engine (production: several nodes behind a load balancer).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot, type Config } from '../config.ts';
import { ensureDatabase, recreateDatabase } from '../db/database.ts';
import { findJava } from './java.ts';
import { runMaven } from './maven.ts';
import { portInUse, startProcessGroup, stopStale, tail, type ManagedProcess } from './process-group.ts';

export type Log = (line: string) => void;

export const engineAppDir = path.join(projectRoot, 'engine');
export const engineJar = path.join(engineAppDir, 'target', 'yingsu-engine.jar');

/** Everything the build reads: a change to any of it rebuilds the jar. */
function sourceFiles(dir = engineAppDir): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'target') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else files.push(full);
  }
  return files.sort();
}

export function engineSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of sourceFiles()) {
    hash.update(path.relative(engineAppDir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** Builds engine/target/yingsu-engine.jar unless the jar was built from the same sources. */
export async function buildEngineApp(config: Config, log: Log): Promise<{ built: boolean; ms: number }> {
  const started = Date.now();
  const stamp = path.join(config.RUNTIME_DIR, 'engine-app', 'build.sha256');
  const hash = engineSourceHash();
  if (existsSync(engineJar) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return { built: false, ms: 0 };
  log(
    existsSync(engineJar)
      ? 'rebuilding the engine app (engine/ changed) with Maven …'
      : 'building the engine app with Maven (engine/; the first build fetches Operaton and Spring Boot from Maven Central) …',
  );
  let ticks = 0;
  const result = await runMaven(['-q', '-DskipTests', 'package'], {
    cwd: engineAppDir,
    onTick: () => {
      ticks += 1;
      if (ticks % 5 === 0) log(`  … still building (${ticks * 2} s)`);
    },
  });
  if (!result.ok || !existsSync(engineJar)) {
    throw new Error(`the engine app did not build (${result.command} in engine/): ${result.error ?? 'no jar produced'}`);
  }
  mkdirSync(path.dirname(stamp), { recursive: true });
  writeFileSync(stamp, hash);
  const ms = Date.now() - started;
  log(`engine app built in ${(ms / 1000).toFixed(1)} s (${(statSync(engineJar).size / 1e6).toFixed(0)} MB)`);
  return { built: true, ms };
}

/** jdbc:postgresql://host:port/db plus user and password from a postgres:// URL. */
export function jdbcSettings(databaseUrl: string): { url: string; user: string; password: string } {
  const u = new URL(databaseUrl);
  return {
    url: `jdbc:postgresql://${u.hostname}:${u.port || '5432'}${u.pathname}${u.search}`,
    user: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password),
  };
}

export interface EngineAppOptions {
  config: Config;
  /** 'dev' for npm start, 'test' for a test run: separate logs and pid files */
  name: string;
  /** the engine database; defaults to ENGINE_DATABASE_URL */
  databaseUrl?: string;
  /** drop and recreate the engine database first */
  fresh?: boolean;
  /** test runs only: the clock endpoint (/test-clock) the tests set "now" with */
  testClock?: boolean;
  log: Log;
}

export interface RunningEngineApp {
  restUrl: string;
  webUrl: string;
  startedInMs: number;
  process: ManagedProcess;
  stop(): Promise<void>;
}

export async function startEngineApp(options: EngineAppOptions): Promise<RunningEngineApp> {
  const { config, log } = options;
  const started = Date.now();
  const runDir = path.join(config.RUNTIME_DIR, 'engine-app', options.name);
  mkdirSync(runDir, { recursive: true });
  const pidFile = path.join(runDir, 'engine.pid');
  const stale = await stopStale(pidFile);
  if (stale) log(`stopped an engine app an earlier run left behind (pid ${stale})`);
  const port = config.ENGINE_PORT;
  if (await portInUse(port)) {
    throw new Error(`port ${port} is already in use: stop what listens there (ss -ltnp 'sport = :${port}') or set ENGINE_PORT.`);
  }
  const java = findJava(17, config.ENGINE_JAVA_HOME);
  if (!java) throw new Error('no JDK 17 or newer found (looked at ENGINE_JAVA_HOME, JAVA_HOME and /usr/lib/jvm): install Debian default-jdk or set ENGINE_JAVA_HOME.');
  await buildEngineApp(config, log);

  const databaseUrl = options.databaseUrl ?? config.ENGINE_DATABASE_URL;
  if (options.fresh) await recreateDatabase(databaseUrl);
  else if (await ensureDatabase(databaseUrl)) log(`created the engine database ${new URL(databaseUrl).pathname.slice(1)}`);
  const jdbc = jdbcSettings(databaseUrl);

  const logFile = path.join(runDir, 'engine.log');
  writeFileSync(logFile, '');
  const args = [
    `-Xms128m`,
    `-Xmx${config.ENGINE_HEAP}`,
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-Xss512k',
    '-XX:MaxMetaspaceSize=192m',
    '-Duser.timezone=Asia/Shanghai',
    '-Dfile.encoding=UTF-8',
    '-jar',
    engineJar,
    `--server.port=${port}`,
    `--spring.datasource.url=${jdbc.url}`,
    `--spring.datasource.username=${jdbc.user}`,
    `--operaton.bpm.admin-user.id=${config.ENGINE_USER}`,
    ...(options.testClock ? ['--spring.profiles.active=test-clock'] : []),
  ];
  // secrets travel in the environment, never on the command line (ps shows it)
  const env = {
    ...process.env,
    SPRING_DATASOURCE_PASSWORD: jdbc.password,
    OPERATON_BPM_ADMINUSER_PASSWORD: config.ENGINE_PASSWORD,
  };
  log(`starting the engine app (Operaton, Java ${java.major}, heap ${config.ENGINE_HEAP}) on 127.0.0.1:${port} …`);
  const child = startProcessGroup({ name: 'engine', command: path.join(java.home, 'bin', 'java'), args, cwd: runDir, env, logFile, pidFile });
  const restUrl = `http://127.0.0.1:${port}/engine-rest`;
  const webUrl = `http://127.0.0.1:${port}/operaton`;
  try {
    await waitForEngine(restUrl, config, child, config.ENGINE_START_TIMEOUT_S * 1000, log);
  } catch (error) {
    await child.stop();
    throw error;
  }
  const startedInMs = Date.now() - started;
  log(`engine app ready in ${(startedInMs / 1000).toFixed(1)} s (log: ${path.relative(projectRoot, logFile)})`);
  return { restUrl, webUrl, startedInMs, process: child, stop: () => child.stop() };
}

/** Ready = the REST API answers an authenticated call (the engine, its database and the admin user exist). */
async function waitForEngine(restUrl: string, config: Config, child: ManagedProcess, timeoutMs: number, log: Log): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const authorization = `Basic ${Buffer.from(`${config.ENGINE_USER}:${config.ENGINE_PASSWORD}`).toString('base64')}`;
  let exitCode: number | null | undefined;
  void child.exited.then((code) => (exitCode = code));
  let lastProgress = Date.now();
  for (;;) {
    if (exitCode !== undefined) throw new Error(`the engine app exited (code ${exitCode}) while starting; its log ends with:\n${tail(child.logFile, 25)}`);
    try {
      const res = await fetch(`${restUrl}/version`, { headers: { authorization }, signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      if (res.status === 401) throw new Error(`the engine app refused the service login ${config.ENGINE_USER} (ENGINE_USER / ENGINE_PASSWORD do not match the engine's user)`);
    } catch (error) {
      if ((error as Error).message.startsWith('the engine app refused')) throw error;
    }
    if (Date.now() > deadline) throw new Error(`the engine app was not ready after ${timeoutMs / 1000} s (ENGINE_START_TIMEOUT_S); its log ends with:\n${tail(child.logFile, 25)}`);
    if (Date.now() - lastProgress > 10_000) {
      lastProgress = Date.now();
      log('  … engine app still starting');
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}
