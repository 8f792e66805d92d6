// Login throttling: failed logins are counted per login and per IP address within a window; too
// many lock the key for a while (429 with Retry-After). A successful login clears its login's count.
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { DomainError } from '../errors.ts';

/** Too many failed logins: 429 with Retry-After. */
export class LoginThrottledError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('LOGIN_THROTTLED', `登录失败次数过多，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export type ThrottleConfig = Pick<Config, 'LOGIN_MAX_FAILURES_PER_LOGIN' | 'LOGIN_MAX_FAILURES_PER_IP' | 'LOGIN_WINDOW_MINUTES' | 'LOGIN_LOCK_MINUTES'>;

const keysOf = (login: string, ip: string | undefined) => ({ login: `login:${login.trim().toLowerCase()}`, ip: ip ? `ip:${ip}` : undefined });

/** Seconds until the login (or the address) may try again; 0 when it may now. */
export async function loginRetryAfter(db: Db, login: string, ip: string | undefined): Promise<number> {
  const keys = keysOf(login, ip);
  const rows = await db('login_throttle')
    .whereIn('key', [keys.login, ...(keys.ip ? [keys.ip] : [])])
    .where('locked_until', '>', db.fn.now())
    .select(db.raw('ceil(extract(epoch from locked_until - now()))::int as seconds'));
  return Math.max(0, ...rows.map((r: { seconds: number }) => Number(r.seconds)));
}

async function countFailure(db: Db, key: string, max: number, config: ThrottleConfig): Promise<void> {
  const window = `${config.LOGIN_WINDOW_MINUTES} minutes`;
  const { rows } = await db.raw(
    `INSERT INTO login_throttle (key, failures, window_started_at) VALUES (?, 1, now())
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN login_throttle.window_started_at < now() - ?::interval THEN 1 ELSE login_throttle.failures + 1 END,
       window_started_at = CASE WHEN login_throttle.window_started_at < now() - ?::interval THEN now() ELSE login_throttle.window_started_at END
     RETURNING failures`,
    [key, window, window],
  );
  if (Number(rows[0].failures) >= max) {
    await db('login_throttle')
      .where({ key })
      .update({ failures: 0, window_started_at: db.fn.now(), locked_until: db.raw('now() + ?::interval', [`${config.LOGIN_LOCK_MINUTES} minutes`]) });
  }
}

export async function recordLoginFailure(db: Db, config: ThrottleConfig, login: string, ip: string | undefined): Promise<void> {
  const keys = keysOf(login, ip);
  await countFailure(db, keys.login, config.LOGIN_MAX_FAILURES_PER_LOGIN, config);
  if (keys.ip) await countFailure(db, keys.ip, config.LOGIN_MAX_FAILURES_PER_IP, config);
}

export async function recordLoginSuccess(db: Db, login: string): Promise<void> {
  await db('login_throttle').where({ key: keysOf(login, undefined).login }).delete();
}
