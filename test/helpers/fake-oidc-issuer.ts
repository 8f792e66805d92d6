// A fake OIDC provider for tests: a local HTTP server with discovery, JWKS, authorize and token
// endpoints, RS256 keys generated at start. The authorize endpoint signs in whoever the test says
// (`nextLogin`) without a page; the token endpoint checks the client secret, the redirect URI and
// the PKCE verifier, and answers an ID token with the nonce of the authorization request.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';

export interface FakeIssuer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** the login claim (preferred_username) of the next authorization */
  nextLogin: string;
  /** sign the next ID tokens with a key the JWKS does not publish */
  signWithRogueKey: boolean;
  /** what the authorize endpoint received last */
  lastAuthorization: URLSearchParams | undefined;
  stop(): Promise<void>;
}

export async function startFakeIssuer(): Promise<FakeIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const rogue = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { nonce: string; challenge: string; redirectUri: string; clientId: string; login: string }>();

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', fake.issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: fake.issuer,
        authorization_endpoint: `${fake.issuer}/authorize`,
        token_endpoint: `${fake.issuer}/token`,
        jwks_uri: `${fake.issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      fake.lastAuthorization = url.searchParams;
      const code = randomBytes(16).toString('hex');
      const p = url.searchParams;
      codes.set(code, { nonce: p.get('nonce') ?? '', challenge: p.get('code_challenge') ?? '', redirectUri: p.get('redirect_uri') ?? '', clientId: p.get('client_id') ?? '', login: fake.nextLogin });
      const back = new URL(p.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', p.get('state') ?? '');
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const form = new URLSearchParams(raw);
      const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
      const [id, secret] = basic ? basic.split(':').map(decodeURIComponent) : [form.get('client_id'), form.get('client_secret')];
      if (id !== fake.clientId || secret !== fake.clientSecret) return json(401, { error: 'invalid_client' });
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      if (!grant || grant.redirectUri !== form.get('redirect_uri')) return json(400, { error: 'invalid_grant' });
      const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
      if (challenge !== grant.challenge) return json(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
      const idToken = await new SignJWT({ nonce: grant.nonce, preferred_username: grant.login, name: '单点登录用户' })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(fake.issuer)
        .setAudience(fake.clientId)
        .setSubject(`sub-${grant.login}`)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign((fake.signWithRogueKey ? rogue.privateKey : privateKey) as CryptoKey);
      return json(200, { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken });
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const fake: FakeIssuer = {
    issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    clientId: 'yingsu-test',
    clientSecret: randomBytes(12).toString('hex'),
    nextLogin: '',
    signWithRogueKey: false,
    lastAuthorization: undefined,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return fake;
}
