// Server-side sessions in PostgreSQL. The cookie carries a 256-bit random id; the table keeps only
// its SHA-256, so a leaked table (or backup) lets nobody in. Each session has its CSRF token, an idle
// and an absolute expiry, and the IP and user agent it was opened from.
import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';

export const SESSION_COOKIE = 'yingsu_session';

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export type SessionConfig = Pick<Config, 'SESSION_IDLE_MINUTES' | 'SESSION_ABSOLUTE_HOURS'>;

export interface OpenedSession {
  /** the cookie value (never stored) */
  sessionId: string;
  csrfToken: string;
  absoluteExpiresAt: Date;
}

export interface ActiveSession {
  idHash: string;
  personId: string;
  csrfToken: string;
  via: 'session' | 'oidc';
}

export async function openSession(
  db: Db,
  config: SessionConfig,
  personId: string,
  context: { ip?: string; userAgent?: string; via?: 'session' | 'oidc' },
): Promise<OpenedSession> {
  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = Date.now();
  const absoluteExpiresAt = new Date(now + config.SESSION_ABSOLUTE_HOURS * 3_600_000);
  await db('sessions').insert({
    id_hash: sha256(sessionId),
    person_id: personId,
    csrf_token: csrfToken,
    via: context.via ?? 'session',
    idle_expires_at: new Date(Math.min(now + config.SESSION_IDLE_MINUTES * 60_000, absoluteExpiresAt.getTime())),
    absolute_expires_at: absoluteExpiresAt,
    ip: context.ip ?? null,
    user_agent: context.userAgent?.slice(0, 500) ?? null,
  });
  return { sessionId, csrfToken, absoluteExpiresAt };
}

/** The live session of a cookie value, its idle expiry pushed forward (at most once a minute, to spare writes). */
export async function findSession(db: Db, config: SessionConfig, sessionId: string): Promise<ActiveSession | undefined> {
  const idHash = sha256(sessionId);
  const row = await db('sessions')
    .where({ id_hash: idHash })
    .whereNull('revoked_at')
    .where('idle_expires_at', '>', db.fn.now())
    .where('absolute_expires_at', '>', db.fn.now())
    .first('id_hash', 'person_id', 'csrf_token', 'via', 'last_seen_at', 'absolute_expires_at');
  if (!row) return undefined;
  if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
    const idle = Math.min(Date.now() + config.SESSION_IDLE_MINUTES * 60_000, new Date(row.absolute_expires_at).getTime());
    await db('sessions').where({ id_hash: idHash }).update({ last_seen_at: db.fn.now(), idle_expires_at: new Date(idle) });
  }
  return { idHash, personId: row.person_id, csrfToken: row.csrf_token, via: row.via };
}

export async function revokeSession(db: Db, idHash: string): Promise<void> {
  await db('sessions').where({ id_hash: idHash }).whereNull('revoked_at').update({ revoked_at: db.fn.now() });
}

/** Logout everywhere (and after a password change): every session of the person ends. */
export async function revokePersonSessions(db: Db, personId: string, except?: string): Promise<number> {
  const q = db('sessions').where({ person_id: personId }).whereNull('revoked_at');
  if (except) q.whereNot({ id_hash: except });
  return q.update({ revoked_at: db.fn.now() });
}
