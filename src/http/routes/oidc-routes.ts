// Single sign-on routes (outside /api: a browser navigates to them):
//   GET /auth/oidc/login     → 302 to the provider (state, nonce, PKCE), a cookie binding the login to this browser
//   GET /auth/oidc/callback  → 302 to the workspace with a session cookie; 401 (bad state, token) / 403 (unknown person)
// Without OIDC_ISSUER both answer 404.
import { Router } from 'express';
import { cookieOf, setSessionCookie } from '../../auth/authenticate.ts';
import { requestContext } from '../../auth/audit-log.ts';
import { createOidc, OIDC_BROWSER_COOKIE, oidcSettings } from '../../auth/oidc.ts';
import { openSession } from '../../auth/sessions.ts';
import { NotFoundError } from '../../errors.ts';
import type { AppDeps } from '../app.ts';
import { accessGuards } from '../access.ts';

/** 404: no single sign-on without a provider. */
class SsoNotConfiguredError extends NotFoundError {
  constructor() {
    super('单点登录', '');
    this.message = '未配置单点登录（OIDC_ISSUER）';
  }
}

export function oidcRoutes({ db, config }: AppDeps): Router {
  const router = Router();
  const allow = accessGuards(db);
  const settings = oidcSettings(config);
  const oidc = settings && createOidc(db, settings);
  const configured = () => {
    if (!oidc) throw new SsoNotConfiguredError();
    return oidc;
  };
  const bindingCookie = { httpOnly: true, sameSite: 'lax' as const, path: '/auth/oidc', maxAge: 10 * 60_000 };

  router.get('/oidc/login', allow.public(), async (req, res) => {
    const { authorizationUrl, browserBinding } = await configured().begin();
    res.cookie(OIDC_BROWSER_COOKIE, browserBinding, { ...bindingCookie, secure: req.secure });
    res.redirect(302, authorizationUrl.href);
  });

  router.get('/oidc/callback', allow.public(), async (req, res) => {
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const principal = await configured().complete(query, cookieOf(req, OIDC_BROWSER_COOKIE), requestContext(req));
    const session = await openSession(db, config, principal.personId, { ip: req.ip, userAgent: req.get('user-agent'), via: 'oidc' });
    res.clearCookie(OIDC_BROWSER_COOKIE, { ...bindingCookie, maxAge: undefined });
    setSessionCookie(req, res, config, session.sessionId, session.absoluteExpiresAt);
    res.redirect(302, config.OIDC_POST_LOGIN_PATH);
  });

  return router;
}
