// The only module that reads process.env. Everything else receives a Config.
import { z } from 'zod';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const boolish = z
  .union([z.boolean(), z.string()])
  .transform((v) => (typeof v === 'boolean' ? v : ['1', 'true', 'yes', 'on'].includes(v.toLowerCase())));

const ConfigSchema = z.object({
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/yingsu'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Operaton engine app (engine/). ENGINE_REST_URL names an existing engine (the production path:
  // several nodes behind a load balancer); unset, the project builds and starts its own.
  ENGINE_REST_URL: z.string().url().optional(),
  ENGINE_USER: z.string().min(1).default('admin'),
  ENGINE_PASSWORD: z.string().min(1).default('admin'),
  ENGINE_PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  ENGINE_DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/yingsu_engine'),
  // the password new engine users (the ledger's people) start with; the local demo prints it
  ENGINE_INITIAL_PASSWORD: z.string().min(4).default('demo'),
  ENGINE_JAVA_HOME: z.string().optional(),
  ENGINE_HEAP: z.string().regex(/^\d+[mg]$/, 'e.g. 384m').default('384m'),
  ENGINE_START_TIMEOUT_S: z.coerce.number().int().positive().default(180),
  RUNTIME_DIR: z.string().default(path.join(projectRoot, '.runtime')),
  // AES-256-GCM key (32 bytes, base64) for secrets kept in the ledger (robot signing secrets):
  // src/crypto/secret-box.ts; unset, a key file RUNTIME_DIR/secrets.key is made on first use
  SECRETS_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'SECRETS_KEY: 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  CI: boolish.default(false),
  // Documents (src/documents): Handlebars templates (editable without code changes) and the Chromium
  // that prints them to PDF (Debian's, installed by scripts/setup.ts).
  DOCUMENTS_TEMPLATE_DIR: z.string().default(path.join(projectRoot, 'src', 'documents', 'templates')),
  DOCUMENTS_CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  DOCUMENTS_MAX_PAGES: z.coerce.number().int().min(1).max(32).default(4),
  // BENCHMARK SWITCH ONLY (npm run bench:lifecycle, docs/decisions/0016-documents-render-switch.md):
  // off = the document workers file the document (row, version, case event) with a placeholder
  // instead of printing it, so a benchmark can weigh the life cycle without Chromium. Never in production.
  DOCUMENTS_RENDER: z.enum(['on', 'off']).default('on'),
  // Notifications (src/notifications). SMTP defaults point at the local mail catcher.
  SMTP_HOST: z.string().default('127.0.0.1'),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
  SMTP_SECURE: boolish.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.string().default('行政应诉系统 <yingsu@localhost>'),
  MAIL_CATCHER_ENABLED: boolish.default(true),
  MAIL_CATCHER_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(1025),
  MAIL_CATCHER_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(1080),
  NOTIFY_TIME_ZONE: z.string().default('Asia/Shanghai'),
  // Do-not-disturb window (local time, HH:MM); non-urgent pushes wait until its end.
  NOTIFY_DND_START: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM').default('22:00'),
  NOTIFY_DND_END: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM').default('07:30'),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
  NOTIFY_RETRY_BASE_MS: z.coerce.number().int().min(0).default(30_000),
  NOTIFY_RETRY_MAX_MS: z.coerce.number().int().min(0).default(3_600_000),
  NOTIFY_POLL_MS: z.coerce.number().int().min(10).default(2_000),
  NOTIFY_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(20),
  // A claimed row whose sender died is picked up again after the lease.
  NOTIFY_LEASE_MS: z.coerce.number().int().min(1000).default(120_000),
  // How long the notifications.send job waits for its messages to be delivered (0 = not at all).
  NOTIFY_JOB_WAIT_MS: z.coerce.number().int().min(0).default(600_000),
  NOTIFY_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  // Base of the links in messages (defaults to http://HOST:PORT).
  PUBLIC_BASE_URL: z.string().url().optional(),
  // Security (src/auth, docs/security.md). Sessions end after SESSION_IDLE_MINUTES without a request
  // and SESSION_ABSOLUTE_HOURS after the login in any case.
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  // auto: the cookie is Secure when the request came over TLS (req.secure, see TRUST_PROXY)
  SESSION_COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  // express "trust proxy": set it (e.g. 1, or loopback) behind a TLS-terminating reverse proxy
  TRUST_PROXY: z.string().optional(),
  // Login throttling: failures within LOGIN_WINDOW_MINUTES lock a login (resp. an IP address) for LOGIN_LOCK_MINUTES
  LOGIN_MAX_FAILURES_PER_LOGIN: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  // Single sign-on (OIDC, docs/security.md): on when OIDC_ISSUER is set. The claim OIDC_LOGIN_CLAIM
  // of the ID token names the person (people.login); OIDC_ALLOW_HTTP only for a local test provider.
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URI: z.string().url().optional(),
  OIDC_LOGIN_CLAIM: z.string().min(1).default('preferred_username'),
  OIDC_SCOPES: z.string().default('openid profile'),
  OIDC_ALLOW_HTTP: boolish.default(false),
  OIDC_POST_LOGIN_PATH: z.string().startsWith('/').default('/'),
});

export type Config = z.infer<typeof ConfigSchema> & {
  /** the Operaton engine app: its REST API base and whether the project starts it itself */
  engine: { restUrl: string; webUrl: string; local: boolean };
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new Error(`配置错误 / invalid configuration: ${first.path.join('.')}: ${first.message}`);
  }
  const c = parsed.data;
  if (c.OIDC_ISSUER && !(c.OIDC_CLIENT_ID && c.OIDC_REDIRECT_URI)) throw new Error('配置错误 / invalid configuration: OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_REDIRECT_URI');
  return {
    ...c,
    engine: engineUrls(c.ENGINE_REST_URL, c.ENGINE_PORT),
  };
}

function engineUrls(restUrl: string | undefined, port: number): Config['engine'] {
  const rest = (restUrl ?? `http://127.0.0.1:${port}/engine-rest`).replace(/\/+$/, '');
  return { restUrl: rest, webUrl: `${rest.replace(/\/engine-rest$/, '')}/operaton`, local: restUrl === undefined };
}
