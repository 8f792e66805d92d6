// The one place that turns errors into HTTP responses: JSON, status by error class, 5xx logged.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { LoginThrottledError } from '../auth/login-throttle.ts';
import { ForbiddenError, UnauthenticatedError } from '../auth/principal.ts';
import { ConflictError, DomainError, EngineError, EngineUnavailableError, InputError, NotFoundError, UnavailableError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { RequestBodyError } from './json-body.ts';

export function statusOf(error: unknown): number {
  if (error instanceof InputError) return 400;
  if (error instanceof UnauthenticatedError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof LoginThrottledError) return 429;
  if (error instanceof EngineError) return 502;
  if (error instanceof EngineUnavailableError || error instanceof UnavailableError) return 503;
  if (error instanceof RequestBodyError) return error.status;
  // express's router: a path parameter that is not valid percent-encoding
  if (error instanceof URIError) return 400;
  return 500;
}

function codeOf(error: unknown, status: number): string {
  if (error instanceof RequestBodyError && error.invalidJson) return 'INVALID_JSON';
  if (error instanceof RequestBodyError && error.unsupportedMediaType) return 'UNSUPPORTED_MEDIA_TYPE';
  if (error instanceof RequestBodyError && error.status === 413) return 'PAYLOAD_TOO_LARGE';
  if (error instanceof DomainError) return error.code;
  return status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
}

function messageOf(error: unknown, status: number): string {
  if (error instanceof RequestBodyError && error.invalidJson) return '请求体不是有效的 JSON / request body is not valid JSON';
  return status >= 500 ? '服务器内部错误 / internal error' : (error as Error).message;
}

export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const status = statusOf(error);
    if (status >= 500) logger.error({ err: error, method: req.method, url: req.originalUrl }, 'request failed');
    const body = {
      error: {
        code: codeOf(error, status),
        message: messageOf(error, status),
        ...(error instanceof InputError ? { fields: error.issues } : {}),
        ...(error instanceof DomainError && !(error instanceof InputError) && error.details ? { details: error.details } : {}),
      },
    };
    if (error instanceof LoginThrottledError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    res.status(status).json(body);
  };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'NOT_FOUND', message: `没有该接口 / no route ${req.method} ${req.path}` } });
};
