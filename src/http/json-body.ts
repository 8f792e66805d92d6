// The JSON body parser, with its failures turned into one error class the error handler maps, so
// the handler never reads a status off an unknown error.
import express, { type Request, type RequestHandler } from 'express';
import { InputError } from '../errors.ts';

/** express.json() refused the body: bad JSON (400), too large (413), unsupported charset (415)… */
export class RequestBodyError extends Error {
  /** the status body-parser chose (its errors are http-errors with `status` and `type`) */
  readonly status: number;
  readonly type: string | undefined;
  constructor(status: number, type: string | undefined, message: string) {
    super(message);
    this.name = 'RequestBodyError';
    this.status = status;
    this.type = type;
  }

  get invalidJson(): boolean {
    return this.type === 'entity.parse.failed';
  }

  get unsupportedMediaType(): boolean {
    return this.status === 415;
  }
}

/** A request with a body (type-is's rule: a transfer encoding, or a content length above 0). */
const hasBody = (req: Request) => req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/** The body types the API reads: JSON, and multipart for the uploads (court papers, case imports). */
const ACCEPTED_BODIES = ['application/json', 'application/*+json', 'multipart/form-data'];

export function jsonBody(options: { limit: string }): RequestHandler {
  const parse = express.json(options);
  return (req, res, next) => {
    // a body of another type would reach the routes as "no body" and be refused field by field:
    // say what is wrong instead (415), before anything reads it
    if (hasBody(req) && !req.is(ACCEPTED_BODIES)) {
      return next(new RequestBodyError(415, 'unsupported.media.type', `不支持的请求体类型 ${req.headers['content-type'] ?? '(无)'}：请求体应为 JSON（Content-Type: application/json） / unsupported media type`));
    }
    parse(req, res, (error?: unknown) => {
      if (error === undefined) return next();
      const { status, type, message } = error as { status?: unknown; type?: unknown; message?: unknown };
      next(new RequestBodyError(typeof status === 'number' ? status : 400, typeof type === 'string' ? type : undefined, String(message)));
    });
  };
}

/**
 * Text PostgreSQL cannot store as it was sent: U+0000 (text refuses it) and a lone UTF-16 surrogate
 * ("\ud800" in JSON: jsonb refuses the escape, text would silently turn it into U+FFFD). Either
 * would reach the database as an error (500) or as altered data; refused here with the path of the
 * field, walked without recursion so a deep body cannot exhaust the stack. (The chaos-and-fuzz work of
 * issue 15 found the surrogate: a calendar day named "\ud800" answered 500.)
 */
export const rejectUnstorableText: RequestHandler = (req, _res, next) => {
  const found = unstorablePath(req.body) ?? unstorablePath(req.query);
  if (found === null) return next();
  const message =
    found.problem === 'nul'
      ? '不能包含空字符（U+0000） / must not contain NUL characters'
      : '含有无效的 Unicode 字符（孤立的代理项） / must not contain a lone UTF-16 surrogate';
  next(new InputError([{ field: found.path || '(body)', message }]));
};

const problemOf = (text: string): 'nul' | 'surrogate' | null => (text.includes('\u0000') ? 'nul' : LONE_SURROGATE.test(text) ? 'surrogate' : null);
// a high surrogate not followed by a low one, or a low one not preceded by a high one
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function unstorablePath(root: unknown): { path: string; problem: 'nul' | 'surrogate' } | null {
  const stack: [unknown, string][] = [[root, '']];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      const problem = problemOf(value);
      if (problem) return { path, problem };
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = path ? `${path}.${key}` : key;
        const problem = problemOf(key);
        if (problem) return { path: childPath, problem };
        stack.push([child, childPath]);
      }
    }
  }
  return null;
}
