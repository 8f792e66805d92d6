// Who may call a route (issue 13 §1): every route declares its access with one of these guards as
// its first handler, e.g. `router.get('/admin/audit', allow.roles('admin', 'justice-bureau'), …)`.
// The guard enforces it, and carries the declaration (`accessPolicy`) so the authorisation matrix
// test (test/db/auth/authorization-matrix.test.ts) finds every route and what it declared.
import type { Request, RequestHandler } from 'express';
import { assertCaseVisible } from '../auth/scope.ts';
import { ForbiddenError, hasRole, principalOf, type Principal, type Role } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { roleLabels } from '../notifications/rules.ts';

export type AccessPolicy =
  /** reachable without a login (the login itself) */
  | { kind: 'public' }
  /** any signed-in user; what it returns is the user's own (own inbox, own tokens) or not case data */
  | { kind: 'signed-in' }
  /** users with one of the roles */
  | { kind: 'roles'; roles: Role[] }
  /** a case in the user's scope (404 outside), then one of the roles (403), or any role when none are given */
  | { kind: 'case'; param: string; roles: Role[] | null }
  /** checked by the handler itself (named in `rule`), e.g. the task's candidate groups */
  | { kind: 'handler'; rule: string };

// any request shape: the guard comes before validate(), which types the parts
export type AccessGuard = RequestHandler<any, any, any, any> & { accessPolicy: AccessPolicy };

const guard = (accessPolicy: AccessPolicy, handler: RequestHandler): AccessGuard => Object.assign(handler, { accessPolicy });

/** What the audit log records about the case a request touched (set by the case guard or a handler). */
export interface AuditedCase {
  id: string;
  agencyId: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** the case the request touched, for the audit log */
    auditCase?: AuditedCase;
    /** a read to record in the audit log (case file read, document download) */
    auditRead?: 'case.read' | 'document.download';
  }
}

export function requireRoles(principal: Principal, roles: readonly Role[]): void {
  if (!hasRole(principal, ...roles)) throw new ForbiddenError(`需要以下角色之一：${roles.map(roleLabel).join('、')}`);
}

/** Chinese names of the roles for messages (the candidate groups' labels, plus admin and analyst). */
export const roleLabel = (role: Role): string => (role === 'admin' ? '管理员' : role === 'analyst' ? '流程分析员' : roleLabels[role]);

/** The guards of one app (the case guard reads the ledger). */
export function accessGuards(db: Db) {
  return {
    public: () => guard({ kind: 'public' }, (_req, _res, next) => next()),
    signedIn: () =>
      guard({ kind: 'signed-in' }, (req, _res, next) => {
        principalOf(req);
        next();
      }),
    roles: (...roles: Role[]) =>
      guard({ kind: 'roles', roles }, (req, _res, next) => {
        requireRoles(principalOf(req), roles);
        next();
      }),
    /** `allow.case('id')` any role that sees the case; `allow.case('id', 'clerk', 'handler')` only those roles */
    case: (param: string, ...roles: Role[]) =>
      guard({ kind: 'case', param, roles: roles.length ? roles : null }, async (req: Request, _res, next) => {
        const principal = principalOf(req);
        req.auditCase = await assertCaseVisible(db, principal, String(req.params[param] ?? ''));
        if (roles.length) requireRoles(principal, roles);
        next();
      }),
    /** the handler checks (say which rule, for the docs and the matrix) */
    byHandler: (rule: string) =>
      guard({ kind: 'handler', rule }, (req, _res, next) => {
        principalOf(req);
        next();
      }),
  };
}

export type AccessGuards = ReturnType<typeof accessGuards>;
