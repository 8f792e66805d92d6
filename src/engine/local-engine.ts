// The local Camunda 8 engine: fetched from Maven Central with Maven, started as child process
// groups (OpenSearch for Operate/Tasklist when the version needs it, then Camunda itself), bound to
// 127.0.0.1, waited for, and stopped cleanly. Skipped entirely when the Camunda client's variables
// name an existing cluster (see Config.localEngine).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Config } from '../config.ts';
import { findJava, type JavaHome } from './java.ts';
import { artifactDir, artifactFile, compareVersions, downloadedBytes, getArtifact, listVersions } from './maven.ts';
import { readPin, storageFor, writePin, type EnginePin, type ProbeRecord } from './engine-pin.ts';
import { portInUse, startProcessGroup, stopStale, tail, type ManagedProcess } from './process-group.ts';
import { prepareOpenSearch, startOpenSearch, OPENSEARCH_PORTS } from './opensearch.ts';
import { loginSession } from './web-session.ts';
import { ensureDatabase, recreateDatabase } from '../db/database.ts';

export const CAMUNDA_GROUP = 'io.camunda';
export const CAMUNDA_ARTIFACT = 'camunda-zeebe';
/** Probe order: newest minor first, 8.6.0 last (the oldest the product supports). */
export const PROBE_MINORS = ['8.10', '8.9', '8.8', '8.7', '8.6'];
/** Patch to try for a minor Maven Central does not list, so the probe record shows the refusal. */
const KNOWN_PATCHES: Record<string, string> = { '8.10': '8.10.6', '8.9': '8.9.26', '8.8': '8.8.9', '8.7': '8.7.20', '8.6': '8.6.0' };

export const CAMUNDA_PORTS = { grpc: 26500, commandApi: 26501, internal: 26502, http: 8080, management: 9600 };

export type Log = (line: string) => void;

export interface EngineOptions {
  config: Config;
  /** runtime name: 'dev' for npm start, 'test' for the test run (separate data) */
  name: string;
  clockControlled: boolean;
  /** wipe primary and secondary storage before starting */
  fresh: boolean;
  /**
   * Tests: the engine's wall clock starts at this instant (and ticks on) instead of the real time,
   * through libfaketime. The controlled clock can then only be moved forward from there, so every
   * test run sees the same dates whatever day it runs on (profile validity, holiday calendar).
   */
  virtualStart?: Date;
  log: Log;
}

// the multi-threaded variant: the JVM calls the time functions from many threads at once
export const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1';

/** Environment that shifts a process's wall clock to `start` (monotonic time untouched, as the JVM needs). */
export function virtualClockEnv(start: Date, now = new Date()): Record<string, string> {
  if (!existsSync(LIBFAKETIME)) throw new Error(`libfaketime is missing (${LIBFAKETIME}): run "npm run setup" (Debian package libfaketime).`);
  const offsetSeconds = Math.round((start.getTime() - now.getTime()) / 1000);
  return {
    LD_PRELOAD: [process.env.LD_PRELOAD, LIBFAKETIME].filter(Boolean).join(':'),
    FAKETIME: `${offsetSeconds >= 0 ? '+' : ''}${offsetSeconds}`,
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
    FAKETIME_DONT_RESET: '1',
    // glibc builds enable a "monotonic fix" that ends timed waits early: every JVM thread that
    // parks with a timeout then spins (measured: a 2 s park returned after 75 ms)
    FAKETIME_FORCE_MONOTONIC_FIX: '0',
  };
}

export interface RunningEngine {
  version: string;
  secondaryStorage: EnginePin['secondaryStorage'];
  startedInMs: number;
  processes: ManagedProcess[];
  urls: { rest: string; grpc: string; operate: string; tasklist: string; management: string; opensearch?: string };
  stop(): Promise<void>;
}

const distRoot = (config: Config) => path.join(config.RUNTIME_DIR, 'dist');
const distDir = (config: Config, version: string) => path.join(distRoot(config), `camunda-zeebe-${version}`);
const instanceDir = (config: Config, name: string) => path.join(config.RUNTIME_DIR, 'engine', name);

export function requireJava(config: Config): JavaHome {
  const java = findJava(21, config.CAMUNDA_JAVA_HOME);
  if (!java) {
    throw new Error(
      'no JDK 21 or newer found (looked at CAMUNDA_JAVA_HOME, JAVA_HOME and /usr/lib/jvm): install one (e.g. Temurin 25 or Debian openjdk-21-jdk) or set CAMUNDA_JAVA_HOME.',
    );
  }
  return java;
}

function javaEnv(java: JavaHome): NodeJS.ProcessEnv {
  const flags = java.major >= 24 ? '--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow' : '';
  return { JAVA_HOME: java.home, JAVACMD: path.join(java.home, 'bin', 'java'), JDK_JAVA_OPTIONS: flags };
}

/** Downloads the distribution into ~/.m2 (with progress) and unpacks it under .runtime/dist. */
export async function ensureDistribution(config: Config, version: string, log: Log): Promise<string> {
  const dir = distDir(config, version);
  if (existsSync(path.join(dir, 'bin', 'camunda'))) return dir;
  const tarball = artifactFile(CAMUNDA_GROUP, CAMUNDA_ARTIFACT, version, 'tar.gz');
  if (!existsSync(tarball)) {
    log(`downloading ${CAMUNDA_GROUP}:${CAMUNDA_ARTIFACT}:${version}:tar.gz from Maven Central (about 300 MB) ...`);
    const started = Date.now();
    const where = artifactDir(CAMUNDA_GROUP, CAMUNDA_ARTIFACT, version);
    const result = await getArtifact(`${CAMUNDA_GROUP}:${CAMUNDA_ARTIFACT}:${version}:tar.gz`, () =>
      log(`  ... ${(downloadedBytes(where) / 1e6).toFixed(0)} MB after ${((Date.now() - started) / 1000).toFixed(0)} s`),
    );
    if (!result.ok) {
      throw new Error(`Maven could not fetch Camunda ${version} (${result.error}); check that Maven Central is reachable, or run "npm run engine:probe" to pick another version.`);
    }
    log(`downloaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  log(`unpacking ${path.basename(tarball)} ...`);
  mkdirSync(distRoot(config), { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', distRoot(config)]);
  if (!existsSync(path.join(dir, 'bin', 'camunda'))) throw new Error(`the Camunda ${version} archive has no bin/camunda`);
  return dir;
}

/** The Spring configuration of the local engine (bin/camunda ignores arguments: it is passed by env). */
export function camundaYaml(options: { version: string; dataDir: string; clockControlled: boolean; storage: EnginePin['secondaryStorage']; secondaryDbUrl?: string; user: string; password: string }): string {
  const os = `http://127.0.0.1:${OPENSEARCH_PORTS.http}`;
  const lines = [
    `server: {address: 127.0.0.1, port: ${CAMUNDA_PORTS.http}}`,
    `management: {server: {address: 127.0.0.1, port: ${CAMUNDA_PORTS.management}}}`,
    'zeebe:',
    `  clock: {controlled: ${options.clockControlled}}`,
    '  broker:',
    '    network: {host: 127.0.0.1}',
    `    gateway: {enable: true, network: {host: 127.0.0.1, port: ${CAMUNDA_PORTS.grpc}}}`,
    // small log segments: the default 128 MB is preallocated and makes every fresh start write it
    `    data: {directory: ${JSON.stringify(options.dataDir)}, snapshotPeriod: 5m, logSegmentSize: 16MB}`,
    '    cluster: {clusterSize: 1, replicationFactor: 1, partitionsCount: 1}',
    // 2-core machine: one CPU and one IO thread for the broker
    '    threads: {cpuThreadCount: 1, ioThreadCount: 1}',
  ];
  if (options.storage === 'opensearch') {
    lines.push(
      '    exporters:',
      '      opensearch:',
      '        className: io.camunda.zeebe.exporter.opensearch.OpensearchExporter',
      `        args: {url: ${os}, index: {prefix: zeebe-record}, bulk: {size: 1, delay: 1}}`,
      'camunda:',
      '  rest: {query: {enabled: true}}',
      `  database: {type: opensearch, url: ${os}, clusterName: yingsu}`,
    );
    for (const app of ['operate', 'tasklist']) {
      lines.push(
        `  ${app}:`,
        '    database: opensearch',
        '    csrfPreventionEnabled: false',
        '    importer: {readerBackoff: 500, schedulerBackoff: 500}',
        `    opensearch: {url: ${os}, clusterName: yingsu}`,
        `    zeebeOpensearch: {url: ${os}, clusterName: yingsu, prefix: zeebe-record}`,
        `    zeebe: {gatewayAddress: "127.0.0.1:${CAMUNDA_PORTS.grpc}", restAddress: "http://127.0.0.1:${CAMUNDA_PORTS.http}"}`,
      );
      // the node has no index-management plugin; Tasklist's archiver would need it
      if (app === 'tasklist') lines.push('    archiverEnabled: false');
    }
  } else if (options.storage === 'rdbms') {
    // 8.9+: Operate, Tasklist and the search API read PostgreSQL (no OpenSearch needed)
    const url = new URL(options.secondaryDbUrl!);
    lines.push(
      'camunda:',
      '  data:',
      '    secondary-storage:',
      '      type: rdbms',
      `      rdbms: {url: "jdbc:postgresql://${url.host}${url.pathname}", username: ${JSON.stringify(decodeURIComponent(url.username || 'postgres'))}, password: ${JSON.stringify(decodeURIComponent(url.password))}, auto-ddl: true, flush-interval: PT0.2S}`,
      '  security:',
      '    authentication: {method: basic, unprotected-api: false}',
      '    authorizations: {enabled: false}',
      '    initialization:',
      `      users: [{username: ${options.user}, password: ${options.password}, name: Demo, email: demo@example.com}]`,
      `      default-roles: {admin: {users: [${options.user}]}}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function assertPortsFree(ports: number[]): Promise<void> {
  for (const port of ports) {
    if (await portInUse(port)) {
      throw new Error(
        `port ${port} on 127.0.0.1 is already in use (the local engine needs ${ports.join(', ')}): stop the program using it (see "ss -ltnp"), or point the project at a running cluster with ZEEBE_GRPC_ADDRESS / ZEEBE_REST_ADDRESS.`,
      );
    }
  }
}

async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>, died: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dead = died();
    if (dead) throw new Error(dead);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} did not become ready within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function httpOk(url: string, init?: RequestInit): Promise<boolean> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(3000) });
  return res.ok;
}

/** Starts the pinned (or probed) version with its secondary storage; resolves once all is ready. */
export async function startLocalEngine(options: EngineOptions): Promise<RunningEngine> {
  const { config, log } = options;
  const started = Date.now();
  const java = requireJava(config);
  let version = config.CAMUNDA_VERSION ?? readPin()?.version;
  if (!version) {
    log('no engine version pinned yet (.camunda/engine.json): probing Maven Central, newest first');
    version = (await probeEngineVersions(options)).version;
  }
  const storage = storageFor(version);
  const dist = await ensureDistribution(config, version, log);
  const dir = instanceDir(config, options.name);
  mkdirSync(dir, { recursive: true });

  // whatever an interrupted earlier run left behind
  for (const pidFile of ['camunda.pid', 'opensearch.pid']) {
    const stale = await stopStale(path.join(dir, pidFile));
    if (stale) log(`stopped a leftover process group ${stale} from an earlier run`);
  }
  const ports = [...Object.values(CAMUNDA_PORTS), ...(storage === 'opensearch' ? Object.values(OPENSEARCH_PORTS) : [])];
  await assertPortsFree(ports);

  const dataDir = path.join(dir, 'camunda-data');
  if (options.fresh) rmSync(dataDir, { recursive: true, force: true });
  // 8.9+: the secondary storage is a PostgreSQL database of its own, next to the ledger's
  const secondaryDbUrl = Object.assign(new URL(config.DATABASE_URL), { pathname: `/camunda_${options.name}` }).toString();
  if (storage === 'rdbms') await (options.fresh ? recreateDatabase(secondaryDbUrl) : ensureDatabase(secondaryDbUrl));
  const processes: ManagedProcess[] = [];
  const stopAll = async () => {
    for (const p of [...processes].reverse()) await p.stop();
  };
  try {
    if (storage === 'opensearch') {
      const openSearchStarted = Date.now();
      await prepareOpenSearch(config, java, log);
      const os = startOpenSearch({ config, java, dir, fresh: options.fresh });
      processes.push(os);
      await waitFor(
        'OpenSearch',
        120_000,
        () => httpOk(`http://127.0.0.1:${OPENSEARCH_PORTS.http}/_cluster/health?wait_for_status=yellow&timeout=1s`),
        () => (os.child.exitCode !== null ? `OpenSearch exited during start-up; its log (${os.logFile}) ends with:\n${tail(os.logFile, 15)}` : undefined),
      );
      log(`OpenSearch ready in ${((Date.now() - openSearchStarted) / 1000).toFixed(1)} s`);
    }
    const yamlFile = path.join(dir, 'camunda.yaml');
    writeFileSync(
      yamlFile,
      camundaYaml({ version, dataDir, clockControlled: options.clockControlled, storage, secondaryDbUrl, user: config.CAMUNDA_WEB_USER, password: config.CAMUNDA_WEB_PASSWORD }),
    );
    const clockNote = `${options.clockControlled ? ', controlled clock' : ''}${options.virtualStart ? ` from ${options.virtualStart.toISOString()}` : ''}`;
    log(`starting Camunda ${version} (Zeebe, Operate, Tasklist) with Java ${java.major}${clockNote} ...`);
    const camundaStarted = Date.now();
    const camunda = startProcessGroup({
      name: 'camunda',
      command: path.join(dist, 'bin', 'camunda'),
      args: [],
      cwd: dist,
      env: {
        ...process.env,
        ...javaEnv(java),
        JAVA_OPTS: `-Xms${config.CAMUNDA_HEAP} -Xmx${config.CAMUNDA_HEAP} -XX:+UseG1GC -XX:ActiveProcessorCount=2`,
        SPRING_CONFIG_ADDITIONAL_LOCATION: `file:${yamlFile}`,
        ...(options.virtualStart ? virtualClockEnv(options.virtualStart) : {}),
      },
      logFile: path.join(dir, 'camunda.log'),
      pidFile: path.join(dir, 'camunda.pid'),
    });
    processes.push(camunda);
    const timeoutMs = config.CAMUNDA_START_TIMEOUT_S * 1000;
    const died = () => (camunda.child.exitCode !== null ? `Camunda exited during start-up; its log (${camunda.logFile}) ends with:\n${tail(camunda.logFile, 20)}` : undefined);
    await waitFor('Camunda (actuator health)', timeoutMs, async () => {
      const res = await fetch(`http://127.0.0.1:${CAMUNDA_PORTS.management}/actuator/health`, { signal: AbortSignal.timeout(3000) });
      return res.ok && ((await res.json()) as { status?: string }).status === 'UP';
    }, died);
    const rest = `http://127.0.0.1:${CAMUNDA_PORTS.http}`;
    await waitFor('Camunda (healthy partition)', timeoutMs, async () => {
      const session = await loginSession(rest, config.CAMUNDA_WEB_USER, config.CAMUNDA_WEB_PASSWORD);
      const res = await fetch(`${rest}/v2/topology`, { headers: { cookie: session.cookie }, signal: AbortSignal.timeout(3000) });
      if (!res.ok) return false;
      const topology = (await res.json()) as { brokers: { partitions: { health: string; role: string }[] }[] };
      return topology.brokers.some((b) => b.partitions.some((p) => p.role === 'leader' && p.health === 'healthy'));
    }, died);
    if (storage !== 'none') {
      await waitFor('Operate and Tasklist', timeoutMs, async () => (await httpOk(`${rest}/operate`)) && (await httpOk(`${rest}/tasklist`)), died);
    }
    log(`Camunda ready in ${((Date.now() - camundaStarted) / 1000).toFixed(1)} s`);
    return {
      version,
      secondaryStorage: storage,
      startedInMs: Date.now() - started,
      processes,
      urls: {
        rest,
        grpc: `grpc://127.0.0.1:${CAMUNDA_PORTS.grpc}`,
        operate: `${rest}/operate`,
        tasklist: `${rest}/tasklist`,
        management: `http://127.0.0.1:${CAMUNDA_PORTS.management}`,
        ...(storage === 'opensearch' ? { opensearch: `http://127.0.0.1:${OPENSEARCH_PORTS.http}` } : {}),
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * Resolves on Ctrl-C / SIGTERM; rejects when one of the engine's processes dies on its own.
 * Holds the event loop open meanwhile (the children are unref'd).
 */

/**
 * Tries each minor version newest first: is it listed on Maven Central, does the tar.gz download,
 * does it start and become healthy? Pins the first that does and records every probe.
 */
export async function probeEngineVersions(options: EngineOptions): Promise<EnginePin> {
  const { config, log } = options;
  const at = () => new Date().toISOString();
  const probes: ProbeRecord[] = [];
  const { versions, result: listing } = await listVersions(CAMUNDA_GROUP, CAMUNDA_ARTIFACT);
  log(`Maven Central lists ${CAMUNDA_GROUP}:${CAMUNDA_ARTIFACT} ${versions.join(', ') || '(nothing)'} (${listing.command})`);
  for (const minor of PROBE_MINORS) {
    const listed = versions.filter((v) => v.startsWith(`${minor}.`) && /^\d+\.\d+\.\d+$/.test(v)).sort(compareVersions).reverse();
    const version = listed[0] ?? KNOWN_PATCHES[minor]!;
    const coordinates = `${CAMUNDA_GROUP}:${CAMUNDA_ARTIFACT}:${version}:tar.gz`;
    log(`probe ${version}: downloading ...`);
    const download = await getArtifact(coordinates, undefined, true);
    if (!download.ok) {
      probes.push({ version, command: download.command, outcome: listed.length ? 'download-failed' : 'not-listed', detail: download.error ?? 'failed', at: at() });
      log(`probe ${version}: ${download.error}`);
      continue;
    }
    try {
      const engine = await startLocalEngine({ ...options, config: { ...config, CAMUNDA_VERSION: version }, name: 'probe', fresh: true, clockControlled: false, log });
      await engine.stop();
      probes.push({ version, command: `${download.command} && bin/camunda`, outcome: 'started', detail: `healthy with ${engine.secondaryStorage} secondary storage in ${(engine.startedInMs / 1000).toFixed(1)} s`, at: at() });
      const pin: EnginePin = { version, secondaryStorage: engine.secondaryStorage, probedAt: at(), probes };
      writePin(pin);
      log(`pinned Camunda ${version} in .camunda/engine.json`);
      return pin;
    } catch (error) {
      probes.push({ version, command: `${download.command} && bin/camunda`, outcome: 'start-failed', detail: (error as Error).message.split('\n')[0]!, at: at() });
      log(`probe ${version}: did not start: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(`no Camunda version could be downloaded and started: ${probes.map((p) => `${p.version} ${p.outcome}`).join(', ')}`);
}
