// The one place that turns errors into HTTP responses: JSON, status by error class, 5xx logged.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ConflictError, DomainError, InputError, NotFoundError } from '../errors.ts';
import type { Logger } from '../logger.ts';

export function statusOf(error: unknown): number {
  if (error instanceof InputError) return 400;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  const status = (error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 600) return status;
  return 500;
}

export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const status = statusOf(error);
    if (status >= 500) logger.error({ err: error, method: req.method, url: req.originalUrl }, 'request failed');
    // express.json() parse errors carry type 'entity.parse.failed'
    const isParseError = (error as { type?: string }).type === 'entity.parse.failed';
    const body = {
      error: {
        code: isParseError ? 'INVALID_JSON' : error instanceof DomainError ? error.code : status >= 500 ? 'INTERNAL' : 'BAD_REQUEST',
        message: isParseError ? '请求体不是有效的 JSON / request body is not valid JSON' : status >= 500 ? '服务器内部错误 / internal error' : (error as Error).message,
        ...(error instanceof InputError ? { fields: error.issues } : {}),
        ...(error instanceof DomainError && !(error instanceof InputError) && error.details ? { details: error.details } : {}),
      },
    };
    res.status(status).json(body);
  };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'NOT_FOUND', message: `没有该接口 / no route ${req.method} ${req.path}` } });
};
