// Removes the security rows nobody will read again: sessions that ended (expired or logged out),
// single sign-on logins that were never finished (a finished one is deleted when it is used), and
// login-throttle counters whose window and lock are both over. Run by `npm start` and
// `npm run serve:web` (scripts/runtime.ts); several replicas may sweep at once (plain DELETEs).
// The audit log keeps the logins and logouts themselves.
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { ThrottleConfig } from './login-throttle.ts';
import { startPollingLoop } from '../runtime/polling-loop.ts';

export interface SweepReport {
  sessions: number;
  oidcLogins: number;
  throttleRows: number;
}

export async function sweepSecurityRows(db: Db, config: Pick<ThrottleConfig, 'LOGIN_WINDOW_MINUTES'>, now = new Date()): Promise<SweepReport> {
  const sessions = await db('sessions')
    .where((q) => q.where('revoked_at', '<=', now).orWhere('idle_expires_at', '<=', now).orWhere('absolute_expires_at', '<=', now))
    .delete();
  const oidcLogins = await db('oidc_logins').where('expires_at', '<=', now).delete();
  // a counter still counts while its window runs, and a lock while it lasts
  const windowStart = new Date(now.getTime() - config.LOGIN_WINDOW_MINUTES * 60_000);
  const throttleRows = await db('login_throttle')
    .where('window_started_at', '<', windowStart)
    .where((q) => q.whereNull('locked_until').orWhere('locked_until', '<=', now))
    .delete();
  return { sessions, oidcLogins, throttleRows };
}

export interface SecuritySweeper {
  stop(): Promise<void>;
}

/** Sweeps at once and then every `intervalMs` (default 15 minutes). */
export function startSecuritySweeper(
  deps: { db: Db; config: Pick<ThrottleConfig, 'LOGIN_WINDOW_MINUTES'>; logger: Logger },
  options: { intervalMs?: number } = {},
): SecuritySweeper {
  const sweep = async () => {
    const report = await sweepSecurityRows(deps.db, deps.config);
    if (report.sessions + report.oidcLogins + report.throttleRows) deps.logger.info(report, 'security rows swept');
  };
  return startPollingLoop(sweep, { pollMs: options.intervalMs ?? 15 * 60_000, logger: deps.logger, failure: 'security sweep failed' });
}
