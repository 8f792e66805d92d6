// A thin typed client of the few Operaton REST calls the product uses (Camunda 7 REST API, shapes
// from its OpenAPI document). Basic auth with the service user; errors carry the engine's
// exception type and message.
import { EngineUnavailableError } from '../../errors.ts';

export interface OperatonRestOptions {
  /** e.g. http://127.0.0.1:8080/engine-rest */
  baseUrl: string;
  user: string;
  password: string;
  /** per-request timeout for ordinary calls (long polls add their own wait) */
  timeoutMs?: number;
}

/** An engine answer other than 2xx: `type` is the engine's exception class (e.g. RestException). */
export class EngineRequestError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly path: string,
  ) {
    super(`engine ${path}: HTTP ${status} ${type}: ${message}`);
    this.name = 'EngineRequestError';
  }
}

export interface OperatonRest {
  baseUrl: string;
  json<T>(method: string, path: string, body?: unknown, options?: { timeoutMs?: number; signal?: AbortSignal }): Promise<T>;
  /** multipart POST (deployments) */
  multipart<T>(path: string, form: FormData): Promise<T>;
  /** GET returning the raw response body (deployed forms) */
  text(path: string): Promise<{ contentType: string; body: string }>;
}

export function createOperatonRest(options: OperatonRestOptions): OperatonRest {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const authorization = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function send(method: string, path: string, init: { body?: string | FormData; contentType?: string; timeoutMs?: number; signal?: AbortSignal }): Promise<Response> {
    const headers: Record<string, string> = { authorization, accept: 'application/json' };
    if (init.contentType) headers['content-type'] = init.contentType;
    const timeout = AbortSignal.timeout(init.timeoutMs ?? timeoutMs);
    let res: Response;
    try {
      res = await fetch(`${baseUrl}${path}`, { method, headers, body: init.body, signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new EngineUnavailableError(`流程引擎无法访问 / the engine at ${baseUrl} is unreachable: ${(error as Error).message}`);
    }
    if (res.ok) return res;
    const text = await res.text();
    let type = 'HttpError';
    let message = text.slice(0, 500);
    try {
      const parsed = JSON.parse(text) as { type?: string; message?: string };
      type = parsed.type ?? type;
      message = parsed.message ?? message;
    } catch {
      // not JSON: keep the text
    }
    if (res.status === 502 || res.status === 503 || res.status === 504) throw new EngineUnavailableError(`流程引擎暂不可用 / the engine answered ${res.status}: ${message}`);
    throw new EngineRequestError(res.status, type, message, `${method} ${path}`);
  }

  return {
    baseUrl,
    async json<T>(method: string, path: string, body?: unknown, opts: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<T> {
      const res = await send(method, path, {
        body: body === undefined ? undefined : JSON.stringify(body),
        contentType: body === undefined ? undefined : 'application/json',
        ...opts,
      });
      if (res.status === 204) return undefined as T;
      const text = await res.text();
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async multipart<T>(path: string, form: FormData): Promise<T> {
      const res = await send('POST', path, { body: form, timeoutMs: 120_000 });
      return (await res.json()) as T;
    },
    async text(path: string) {
      const res = await send('GET', path, {});
      return { contentType: res.headers.get('content-type') ?? '', body: await res.text() };
    },
  };
}
