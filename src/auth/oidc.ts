// Single sign-on through an OIDC provider (many provincial platforms offer one): the authorization
// code flow with state, nonce and PKCE (S256), the code exchanged with the client secret, the ID
// token's signature checked against the provider's JWKS and its claims (issuer, audience, expiry,
// nonce) by openid-client (docs/decisions/0003-oidc-openid-client.md). The claim OIDC_LOGIN_CLAIM
// names the person (people.login); a person the ledger does not know is refused.
import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { recordAudit, type AuditEntry } from './audit-log.ts';
import { ForbiddenError, UnauthenticatedError, type Principal } from './principal.ts';
import { loadPrincipal } from './scope.ts';
import { sha256 } from './sessions.ts';

export const OIDC_BROWSER_COOKIE = 'yingsu_oidc';
const LOGIN_TTL_MS = 10 * 60_000;

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string | undefined;
  redirectUri: string;
  loginClaim: string;
  scopes: string;
  allowHttp: boolean;
}

export function oidcSettings(config: Config): OidcSettings | undefined {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_REDIRECT_URI) return undefined;
  return {
    issuer: new URL(config.OIDC_ISSUER),
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    redirectUri: config.OIDC_REDIRECT_URI,
    loginClaim: config.OIDC_LOGIN_CLAIM,
    scopes: config.OIDC_SCOPES,
    allowHttp: config.OIDC_ALLOW_HTTP,
  };
}

type RequestSide = Pick<AuditEntry, 'method' | 'path' | 'ip' | 'userAgent'>;

export interface Oidc {
  /** The provider's authorization URL, and the value of the cookie that binds the login to this browser. */
  begin(): Promise<{ authorizationUrl: URL; browserBinding: string }>;
  /** The callback: checks it belongs to this browser's login, exchanges the code, maps the person. */
  complete(callbackQuery: string, browserBinding: string | undefined, request: RequestSide): Promise<Principal>;
}

export function createOidc(db: Db, settings: OidcSettings): Oidc {
  // discovery once, retried after a failure (the provider may be down at start)
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = () => {
    discovered ??= client
      .discovery(settings.issuer, settings.clientId, settings.clientSecret, undefined, {
        execute: [client.enableNonRepudiationChecks, ...(settings.allowHttp ? [client.allowInsecureRequests] : [])],
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw new UnauthenticatedError(`无法连接单点登录服务：${(error as Error).message}`);
      });
    return discovered;
  };

  return {
    async begin() {
      const config = await configuration();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const codeVerifier = client.randomPKCECodeVerifier();
      const browserBinding = randomBytes(32).toString('base64url');
      await db('oidc_logins').where('expires_at', '<', db.fn.now()).delete();
      await db('oidc_logins').insert({ state, browser_hash: sha256(browserBinding), nonce, code_verifier: codeVerifier, expires_at: new Date(Date.now() + LOGIN_TTL_MS) });
      const authorizationUrl = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: settings.scopes,
        state,
        nonce,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
      return { authorizationUrl, browserBinding };
    },

    async complete(callbackQuery, browserBinding, request) {
      const fail = async (reason: string, message: string, login?: string): Promise<never> => {
        await recordAudit(db, { action: 'login.failure', login, ...request, status: 401, details: { via: 'oidc', reason } });
        throw new UnauthenticatedError(message);
      };
      const config = await configuration();
      const callbackUrl = new URL(settings.redirectUri);
      callbackUrl.search = callbackQuery;
      const state = callbackUrl.searchParams.get('state') ?? '';
      // one use only: the login row is consumed whatever happens next
      const [pending] = await db('oidc_logins').where({ state }).delete().returning('*');
      if (!pending || new Date(pending.expires_at).getTime() < Date.now() || !browserBinding || sha256(browserBinding) !== pending.browser_hash) {
        return fail('state', '单点登录请求无效或已过期，请重新登录');
      }
      let claims: client.IDToken | undefined;
      try {
        const tokens = await client.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: pending.code_verifier, expectedState: state, expectedNonce: pending.nonce, idTokenExpected: true });
        claims = tokens.claims();
      } catch (error) {
        // openid-client's message is generic; its cause says what was wrong (signature, claim …)
        const cause = (error as Error & { cause?: unknown }).cause;
        const detail = cause instanceof Error ? `${(error as Error).message}: ${cause.message}` : (error as Error).message;
        return fail('token', `单点登录失败：${detail}`);
      }
      const login = claims?.[settings.loginClaim];
      if (typeof login !== 'string' || !login) return fail('claim', `单点登录令牌中没有 ${settings.loginClaim}`);
      const person = await db('people').where({ login }).whereNull('disabled_at').first('id');
      const principal = person && (await loadPrincipal(db, person.id, 'oidc'));
      if (!principal) {
        await recordAudit(db, { action: 'login.failure', login, ...request, status: 403, details: { via: 'oidc', reason: 'unknown-person', subject: claims?.sub } });
        throw new ForbiddenError(`单点登录账号 ${login} 不是本系统的用户，请联系管理员`, 'SSO_UNKNOWN_USER');
      }
      await db('people').where({ id: principal.personId }).update({ last_login_at: db.fn.now() });
      await recordAudit(db, { action: 'login.success', principal, ...request, status: 302, details: { via: 'oidc', subject: claims?.sub, issuer: claims?.iss } });
      return principal;
    },
  };
}
