// Who is asking: the principal an authenticated request carries (issue 13). Set once per request
// by the authentication middleware (session cookie, API token or single sign-on); routes and
// services read it through principalOf and never from a header the client chose.
import type { Request } from 'express';
import { DomainError } from '../errors.ts';

/**
 * The user-task candidate groups, plus admin and analyst (流程分析员, edits and deploys the diagrams
 * in the browser modeler; issue 16 §2). One English name each (Chinese labels in notifications/rules.ts).
 */
export const ROLES = ['clerk', 'handler', 'legal-affairs', 'legal-counsel', 'deputy-head', 'principal-head', 'justice-bureau', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  personId: string;
  login: string;
  name: string;
  /** the agency the person works for */
  agencyId: string;
  agencyName: string;
  roles: Role[];
  /**
   * Agencies whose cases this user may see: the own agency (a justice bureau: every agency under
   * its government); null means every agency (admin). A case is visible when its agency or one of
   * its responding units is in this list.
   */
  visibleAgencyIds: string[] | null;
  via: 'session' | 'token' | 'oidc';
  /** a seeded or reset password that must be changed before anything else (403 PASSWORD_CHANGE_REQUIRED) */
  mustChangePassword?: boolean;
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

/** No valid session or token: 401. */
export class UnauthenticatedError extends DomainError {
  constructor(message = '请先登录') {
    super('UNAUTHENTICATED', message);
  }
}

/** Authenticated but not allowed (role, scope of a non-case resource, CSRF): 403. */
export class ForbiddenError extends DomainError {
  constructor(message = '无权执行此操作', code = 'FORBIDDEN') {
    super(code, message);
  }
}

export function principalOf(req: Pick<Request, 'principal'>): Principal {
  if (!req.principal) throw new UnauthenticatedError();
  return req.principal;
}

export const hasRole = (principal: Principal, ...roles: Role[]): boolean => roles.some((r) => principal.roles.includes(r));
