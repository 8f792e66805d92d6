// The session API (issue 13 §1): log in with a password, who am I (with the CSRF token), log out
// here or everywhere, change the own password.
//   POST   /api/session           {login, password} → 200 {user, csrfToken} + the session cookie; 401; 429 + Retry-After
//   GET    /api/session           → {user, csrfToken} (csrfToken null for an API token)
//   DELETE /api/session           → 204, the session ends
//   DELETE /api/sessions          → {revoked}: every session of the person ends
//   POST   /api/session/password  {currentPassword, newPassword} → {user}; the person's other sessions end, the engine user gets the new password (outbox)
import { Router } from 'express';
import { z } from 'zod';
import { changeOwnPassword, passwordLogin } from '../../auth/accounts.ts';
import { recordAudit, requestContext } from '../../auth/audit-log.ts';
import { clearSessionCookie, cookieOf, setSessionCookie } from '../../auth/authenticate.ts';
import { principalOf, type Principal } from '../../auth/principal.ts';
import { findSession, openSession, revokePersonSessions, revokeSession, SESSION_COOKIE } from '../../auth/sessions.ts';
import type { AppDeps } from '../app.ts';
import { accessGuards } from '../access.ts';
import { bodyOrEmpty, validate } from '../validate.ts';

const LoginBody = z.object(
  {
    login: z.string({ message: '请填写登录名' }).trim().min(1, '请填写登录名').max(200),
    password: z.string({ message: '请填写密码' }).min(1, '请填写密码').max(200),
  },
  { message: '请求体应为 JSON 对象' },
);

const PasswordBody = z.object(
  {
    currentPassword: z.string({ message: '请填写当前密码' }).min(1, '请填写当前密码').max(200),
    newPassword: z.string({ message: '请填写新密码' }).max(200, '新密码不能超过 200 个字符'),
  },
  { message: '请求体应为 JSON 对象' },
);

/** The user as the workspace shows it. */
export function userOf(p: Principal) {
  return { personId: p.personId, login: p.login, name: p.name, roles: p.roles, agencyId: p.agencyId, agencyName: p.agencyName, mustChangePassword: Boolean(p.mustChangePassword) };
}

export function sessionRoutes({ db, config, engineCommands }: AppDeps): Router {
  const router = Router();
  const allow = accessGuards(db);

  router.post('/session', allow.public(), validate({ body: bodyOrEmpty(LoginBody) }), async (req, res) => {
    const principal = await passwordLogin(db, config, req.body.login, req.body.password, requestContext(req));
    // a fresh id at every login (no session fixation); the session the browser had ends
    const previous = cookieOf(req, SESSION_COOKIE);
    if (previous) {
      const old = await findSession(db, config, previous);
      if (old) await revokeSession(db, old.idHash);
    }
    const session = await openSession(db, config, principal.personId, { ip: req.ip, userAgent: req.get('user-agent') });
    setSessionCookie(req, res, config, session.sessionId, session.absoluteExpiresAt);
    res.json({ user: userOf(principal), csrfToken: session.csrfToken });
  });

  router.get('/session', allow.signedIn(), (req, res) => {
    res.json({ user: userOf(principalOf(req)), csrfToken: req.authSession?.csrfToken ?? null });
  });

  router.delete('/session', allow.signedIn(), async (req, res) => {
    const principal = principalOf(req);
    if (req.authSession) await revokeSession(db, req.authSession.idHash);
    clearSessionCookie(req, res, config);
    await recordAudit(db, { action: 'logout', principal, ...requestContext(req), status: 204 });
    res.status(204).end();
  });

  router.delete('/sessions', allow.signedIn(), async (req, res) => {
    const principal = principalOf(req);
    const revoked = await revokePersonSessions(db, principal.personId);
    clearSessionCookie(req, res, config);
    await recordAudit(db, { action: 'logout.everywhere', principal, ...requestContext(req), status: 200, details: { revoked } });
    res.json({ revoked });
  });

  router.post('/session/password', allow.signedIn(), validate({ body: bodyOrEmpty(PasswordBody) }), async (req, res) => {
    const principal = principalOf(req);
    await changeOwnPassword(db, config, principal, req.body, requestContext(req));
    await revokePersonSessions(db, principal.personId, req.authSession?.idHash);
    engineCommands.kick(); // the engine user's password follows
    res.json({ user: { ...userOf(principal), mustChangePassword: false } });
  });

  return router;
}
