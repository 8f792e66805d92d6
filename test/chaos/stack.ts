// The chaos run's whole deployment, every part its own process or server so a fault can hit it
// alone: a private PostgreSQL cluster (ledger + engine databases), the Operaton engine app, the web
// app (scripts/serve-web.ts) and the workers (scripts/serve-workers.ts) as child process groups that
// can be kill -9'd, an SMTP server (the mail catcher) and a webhook receiver (a WeCom-style robot)
// that can be taken down and brought back on the same port. Only what this module started is ever
// killed, by its process-group id.
import http from 'node:http';
import path from 'node:path';
import { mkdirSync, rmSync } from 'node:fs';
import { loadConfig, projectRoot, type Config } from '../../src/config.ts';
import { createDb, ensureDatabase, migrateLatest, type Db } from '../../src/db/database.ts';
import { deployAll } from '../../src/engine/deploy.ts';
import { startEngineApp, type RunningEngineApp } from '../../src/engine/engine-app.ts';
import { portInUse, startProcessGroup, stopStale, type ManagedProcess } from '../../src/engine/process-group.ts';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '../../src/notifications/mail-catcher.ts';
import { createProcessEngine } from '../../src/process-engine/create-process-engine.ts';
import { seedDemoRegion } from '../../src/seed/demo-region.ts';
import { createPrivatePostgres, type PrivatePostgres } from './private-postgres.ts';

export interface StackPorts {
  postgres: number;
  engine: number;
  web: number;
  smtp: number;
  webhook: number;
}

export const DEFAULT_PORTS: StackPorts = { postgres: 8189, engine: 8098, web: 8180, smtp: 8181, webhook: 8182 };

export interface WebhookHit {
  at: number;
  body: string;
}

/** A WeCom group robot stand-in: answers {"errcode":0} and keeps every message; down = not listening. */
class WebhookReceiver {
  hits: WebhookHit[] = [];
  private server: http.Server | undefined;
  constructor(readonly port: number) {}
  async up(): Promise<void> {
    if (this.server) return;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.hits.push({ at: Date.now(), body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

/** The SMTP side: the mail catcher on a fixed port; its mails survive its restarts (kept here). */
class SmtpServer {
  mails: CaughtMail[] = [];
  private catcher: MailCatcher | undefined;
  constructor(readonly port: number) {}
  async up(): Promise<void> {
    if (this.catcher) return;
    this.catcher = await startMailCatcher({ smtpPort: this.port, httpPort: null, host: '127.0.0.1', keep: 1_000_000 });
  }
  async down(): Promise<void> {
    const catcher = this.catcher;
    this.catcher = undefined;
    if (!catcher) return;
    this.mails.push(...catcher.mails());
    await catcher.stop();
  }
  all(): CaughtMail[] {
    return [...this.mails, ...(this.catcher?.mails() ?? [])];
  }
}

export type Log = (line: string) => void;

export interface Stack {
  config: Config;
  pg: PrivatePostgres;
  db: Db;
  ledgerUrl: string;
  engineUrl: string;
  webUrl: string;
  smtp: SmtpServer;
  webhook: WebhookReceiver;
  engine(): RunningEngineApp | undefined;
  startEngine(fresh?: boolean): Promise<RunningEngineApp>;
  killEngine(): Promise<void>;
  startWeb(): Promise<void>;
  killWeb(): Promise<void>;
  startWorkers(): void;
  killWorkers(): Promise<void>;
  stop(): Promise<void>;
}

async function waitForHttp(url: string, timeoutMs: number, alive: () => boolean): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status < 500) return;
    } catch {
      /* not yet */
    }
    if (!alive()) throw new Error(`the process serving ${url} exited`);
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** After a kill -9 the dying process may hold its port a moment longer: wait until it is free. */
async function portFree(port: number, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (await portInUse(port)) {
    if (Date.now() > until) throw new Error(`port ${port} still in use ${timeoutMs} ms after the kill`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** kill -9 of the process group this module started; resolves when its leader has exited (pid file removed). */
async function killGroup(p: ManagedProcess | undefined, pidFile?: string): Promise<void> {
  if (!p) return;
  try {
    process.kill(-p.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  await Promise.race([p.exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (pidFile) rmSync(pidFile, { force: true });
}

export async function startStack(options: { runtimeDir: string; ports?: Partial<StackPorts>; log: Log }): Promise<Stack> {
  const ports = { ...DEFAULT_PORTS, ...options.ports };
  const { log } = options;
  mkdirSync(options.runtimeDir, { recursive: true });
  // a web app or workers an interrupted run left behind (the engine app: startEngineApp does the same)
  for (const name of ['chaos-web', 'chaos-workers']) {
    const stale = await stopStale(path.join(options.runtimeDir, `${name}.pid`));
    if (stale) log(`stopped the ${name} process an earlier run left behind (pid ${stale})`);
  }
  const pg = createPrivatePostgres({ dir: path.join('/tmp', `yingsu-chaos-pg-${ports.postgres}`), port: ports.postgres });
  pg.start();
  log(`private PostgreSQL on 127.0.0.1:${ports.postgres} (${pg.dataDir})`);
  const ledgerUrl = pg.url('yingsu_chaos');
  const engineDbUrl = pg.url('yingsu_chaos_engine');
  await ensureDatabase(ledgerUrl);
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: ledgerUrl,
    ENGINE_DATABASE_URL: engineDbUrl,
    ENGINE_PORT: String(ports.engine),
    ENGINE_REST_URL: `http://127.0.0.1:${ports.engine}/engine-rest`,
    RUNTIME_DIR: options.runtimeDir,
    PORT: String(ports.web),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(ports.smtp),
    MAIL_CATCHER_ENABLED: 'false',
    // a one-minute do-not-disturb window at 03:00: non-urgent messages are not held back for hours
    NOTIFY_DND_START: '03:00',
    NOTIFY_DND_END: '03:01',
    NOTIFY_RETRY_BASE_MS: process.env.NOTIFY_RETRY_BASE_MS ?? '5000',
    NOTIFY_RETRY_MAX_MS: process.env.NOTIFY_RETRY_MAX_MS ?? '60000',
    NOTIFY_POLL_MS: '500',
  });
  const db = createDb(ledgerUrl, { min: 0, max: 8 });
  await migrateLatest(db);
  await seedDemoRegion(db);

  let engineApp: RunningEngineApp | undefined;
  let web: ManagedProcess | undefined;
  let workers: ManagedProcess | undefined;
  const smtp = new SmtpServer(ports.smtp);
  const webhook = new WebhookReceiver(ports.webhook);
  await smtp.up();
  await webhook.up();

  const childEnv = () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const [k, v] of Object.entries(config)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') if (/^[A-Z][A-Z0-9_]*$/.test(k)) env[k] = String(v);
    return env;
  };
  const node = (name: string, script: string) =>
    startProcessGroup({
      name,
      command: process.execPath,
      args: ['--import', 'tsx', path.join(projectRoot, 'scripts', script)],
      cwd: projectRoot,
      env: childEnv(),
      logFile: path.join(options.runtimeDir, `${name}.log`),
      pidFile: path.join(options.runtimeDir, `${name}.pid`),
    });

  const stack: Stack = {
    config,
    pg,
    db,
    ledgerUrl,
    engineUrl: config.engine.restUrl,
    webUrl: `http://127.0.0.1:${ports.web}`,
    smtp,
    webhook,
    engine: () => engineApp,
    async startEngine(fresh = false) {
      await portFree(ports.engine);
      engineApp = await startEngineApp({ config, name: 'chaos', databaseUrl: engineDbUrl, fresh, log: (l) => log(`engine: ${l}`) });
      return engineApp;
    },
    async killEngine() {
      const app = engineApp;
      engineApp = undefined;
      await killGroup(app?.process, path.join(options.runtimeDir, 'engine-app', 'chaos', 'engine.pid'));
    },
    async startWeb() {
      await portFree(ports.web);
      web = node('chaos-web', 'serve-web.ts');
      const me = web;
      await waitForHttp(`${stack.webUrl}/healthz`, 120_000, () => me.child.exitCode === null);
    },
    async killWeb() {
      const p = web;
      web = undefined;
      await killGroup(p, path.join(options.runtimeDir, 'chaos-web.pid'));
    },
    startWorkers() {
      workers = node('chaos-workers', 'serve-workers.ts');
    },
    async killWorkers() {
      const p = workers;
      workers = undefined;
      await killGroup(p, path.join(options.runtimeDir, 'chaos-workers.pid'));
    },
    async stop() {
      for (const p of [web, workers]) await p?.stop(10_000).catch(() => undefined);
      await engineApp?.stop().catch(() => undefined);
      await smtp.down().catch(() => undefined);
      await webhook.down().catch(() => undefined);
      await db.destroy().catch(() => undefined);
      pg.destroy();
    },
  };

  try {
    await stack.startEngine(true);
    const deployed = await deployAll(createProcessEngine(config));
    log(`deployed ${deployed.length} definitions`);
    await stack.startWeb();
    stack.startWorkers();
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}
