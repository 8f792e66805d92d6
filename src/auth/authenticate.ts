// Authentication of every request under /api: `Authorization: Bearer <API token>` or the session
// cookie sets req.principal; then nothing but the login itself is reachable without a principal,
// and a person who must change a seeded password can do only that.
import type { Request, RequestHandler, Response } from 'express';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { personOfApiToken } from './api-tokens.ts';
import { ForbiddenError, UnauthenticatedError } from './principal.ts';
import { loadPrincipal } from './scope.ts';
import { findSession, SESSION_COOKIE, type SessionConfig } from './sessions.ts';

declare module 'express-serve-static-core' {
  interface Request {
    /** the session behind a cookie-authenticated request (absent for API tokens) */
    authSession?: { idHash: string; csrfToken: string };
  }
}

/** The value of one cookie of the request (no cookie parser needed for the one cookie the app sets). */
export function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export type CookieConfig = Pick<Config, 'SESSION_COOKIE_SECURE'>;

const secureCookie = (req: Request, config: CookieConfig) => config.SESSION_COOKIE_SECURE === 'always' || (config.SESSION_COOKIE_SECURE === 'auto' && req.secure);

/** HttpOnly (no script reads it), SameSite=Lax (no cross-site POST carries it), Secure over TLS. */
export function setSessionCookie(req: Request, res: Response, config: CookieConfig, sessionId: string, expires: Date): void {
  res.cookie(SESSION_COOKIE, sessionId, { httpOnly: true, sameSite: 'lax', secure: secureCookie(req, config), path: '/', expires });
}

export function clearSessionCookie(req: Request, res: Response, config: CookieConfig): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: secureCookie(req, config), path: '/' });
}

export function authenticate({ db, config }: { db: Db; config: SessionConfig }): RequestHandler {
  return async (req, _res, next) => {
    const authorization = req.get('authorization');
    if (authorization) {
      const [scheme, token] = authorization.split(/\s+/, 2);
      if (scheme?.toLowerCase() !== 'bearer' || !token) throw new UnauthenticatedError('Authorization 请求头应为 Bearer 令牌');
      const found = await personOfApiToken(db, token);
      const principal = found && (await loadPrincipal(db, found.personId, 'token'));
      if (!principal) throw new UnauthenticatedError('令牌无效、已过期或已撤销');
      req.principal = principal;
      return next();
    }
    const sessionId = cookieOf(req, SESSION_COOKIE);
    if (sessionId) {
      const session = await findSession(db, config, sessionId);
      const principal = session && (await loadPrincipal(db, session.personId, session.via));
      if (session && principal) {
        req.principal = principal;
        req.authSession = { idHash: session.idHash, csrfToken: session.csrfToken };
      }
    }
    next();
  };
}

/** Routes reachable without a principal, as "METHOD path" under /api. */
const PUBLIC_ROUTES = new Set(['POST /session']);
/** What a person who must change the password may still do. */
const PASSWORD_CHANGE_ROUTES = new Set(['GET /session', 'DELETE /session', 'DELETE /sessions', 'POST /session/password']);

export const requireLogin: RequestHandler = (req, _res, next) => {
  const route = `${req.method} ${req.path.replace(/\/+$/, '') || '/'}`;
  if (!req.principal) {
    if (PUBLIC_ROUTES.has(route)) return next();
    throw new UnauthenticatedError();
  }
  if (req.principal.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(route)) throw new ForbiddenError('请先修改初始密码', 'PASSWORD_CHANGE_REQUIRED');
  next();
};
