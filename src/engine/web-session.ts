// Camunda 8.6 self-managed without Identity protects the REST API and the Operate/Tasklist APIs
// with the web apps' form login (basic auth is refused). The local engine's clients log in once and
// send the session cookie; the session is renewed before the server's inactivity timeout.
export interface WebSession {
  cookie: string;
  obtainedAt: number;
}

export async function loginSession(baseUrl: string, username: string, password: string): Promise<WebSession> {
  const url = `${baseUrl}/api/login?username=${encodeURIComponent(username)}&password=${encodeURIComponent(password)}`;
  const res = await fetch(url, { method: 'POST', redirect: 'manual', signal: AbortSignal.timeout(5000) });
  if (res.status >= 400) throw new Error(`login to ${baseUrl} as ${username} failed with HTTP ${res.status}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!).filter(Boolean);
  if (!cookies.length) throw new Error(`login to ${baseUrl} returned no session cookie`);
  return { cookie: cookies.join('; '), obtainedAt: Date.now() };
}

/** A cookie source that logs in lazily and again every `maxAgeMs` (default 10 minutes). */
export function sessionCookieProvider(baseUrl: string, username: string, password: string, maxAgeMs = 10 * 60_000) {
  let current: Promise<WebSession> | undefined;
  return {
    async cookie(): Promise<string> {
      const session = current ? await current.catch(() => undefined) : undefined;
      if (!session || Date.now() - session.obtainedAt > maxAgeMs) {
        current = loginSession(baseUrl, username, password);
        return (await current).cookie;
      }
      return session.cookie;
    },
    invalidate() {
      current = undefined;
    },
  };
}
