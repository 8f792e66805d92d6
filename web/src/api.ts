// The workspace's one way to call the API: JSON in and out, the session cookie, the CSRF token on
// every unsafe request, and the API's error shape ({error: {code, message, fields}}) as ApiError.
export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    /** the whole error object, for routes that add their own members (e.g. an import's rows) */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

/** Called when the API answers 401 (session ended) or 403 PASSWORD_CHANGE_REQUIRED. */
let onAuthLost: ((code: string) => void) | null = null;
export const setAuthLostHandler = (handler: (code: string) => void) => {
  onAuthLost = handler;
};

async function errorOf(res: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string; fields?: FieldError[]; issues?: FieldError[]; [key: string]: unknown } } = {};
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy's page)
  }
  const e = body.error ?? {};
  const fields = e.fields ?? e.issues ?? [];
  return new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? `请求失败（${res.status}）`, fields, e);
}

export async function request(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  if (!res.ok) {
    const error = await errorOf(res);
    if ((res.status === 401 && !path.startsWith('/api/session')) || error.code === 'PASSWORD_CHANGE_REQUIRED') onAuthLost?.(error.code);
    throw error;
  }
  return res;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await request(method, path, body);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const get = <T,>(path: string) => api<T>('GET', path);
export const post = <T,>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});

/** Downloads a file the API answers (export, document) under the name the server gives. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await request('GET', path);
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const name = utf8 ? decodeURIComponent(utf8) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Query string of the set values only. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
