// CSRF protection for cookie sessions: the synchronizer token of the session (GET /api/session
// answers it) must come back in the X-CSRF-Token header of every POST, PUT, PATCH and DELETE.
// API tokens need none: a browser never adds an Authorization header to a cross-site request.
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ForbiddenError } from './principal.ts';

export const CSRF_HEADER = 'X-CSRF-Token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export const requireCsrfToken: RequestHandler = (req, _res, next) => {
  // the login itself opens a new session (and JSON bodies cannot come from a cross-site form)
  if (!req.authSession || !UNSAFE.has(req.method) || (req.method === 'POST' && req.path === '/session')) return next();
  const sent = req.get(CSRF_HEADER);
  if (!sent || !same(sent, req.authSession.csrfToken)) throw new ForbiddenError(`缺少或错误的 ${CSRF_HEADER} 请求头，请刷新页面后重试`, 'CSRF_FAILED');
  next();
};
