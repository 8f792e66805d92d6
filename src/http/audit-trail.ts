// Writes the audit log for the API: every change (POST, PUT, PATCH, DELETE) by a signed-in user,
// whatever its outcome, and every read of a case file or download of a document that succeeded.
// Logins, logouts and password changes are recorded by the session routes themselves.
import type { RequestHandler } from 'express';
import { recordAudit, requestContext } from '../auth/audit-log.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SELF_RECORDED = /^\/api\/sessions?(\/|$)/;

declare module 'express-serve-static-core' {
  interface Request {
    /** what a change did, in words the audit log keeps (never a secret), e.g. the roles before and after */
    auditDetails?: Record<string, unknown>;
    /**
     * a POST that changes nothing (the modeler's live check, migration plan and dry run): not a
     * change to record; set by the route's handler, so a request refused before it is still recorded
     */
    auditNoChange?: boolean;
  }
}

export function auditTrail(db: Db, logger: Logger): RequestHandler {
  return (req, res, next) => {
    res.on('finish', () => {
      const principal = req.principal;
      if (!principal) return;
      const context = requestContext(req);
      const action = UNSAFE.has(req.method) ? (SELF_RECORDED.test(context.path!) ? undefined : 'change') : res.statusCode < 400 ? req.auditRead : undefined;
      if (!action || (action === 'change' && req.auditNoChange && res.statusCode < 400)) return;
      recordAudit(db, {
        action,
        principal,
        ...context,
        status: res.statusCode,
        caseId: req.auditCase?.id ?? null,
        caseAgencyId: req.auditCase?.agencyId ?? null,
        details: { via: principal.via, ...(req.route?.path ? { route: `${req.method} ${req.baseUrl}${req.route.path}` } : {}), ...req.auditDetails },
      }).catch((error: unknown) => logger.error({ err: error, method: req.method, url: req.originalUrl }, 'audit log write failed'));
    });
    next();
  };
}
