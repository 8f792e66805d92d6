// The audit log (审计日志): who did what, when, from where. Append-only — a trigger refuses every
// UPDATE, DELETE and TRUNCATE — and written for logins, every change, every read of a case file and
// every document download.
import type { Request } from 'express';
import type { Db } from '../db/database.ts';
import type { Principal } from './principal.ts';

export type AuditAction =
  | 'login.success'
  | 'login.failure'
  | 'logout'
  | 'logout.everywhere'
  | 'password.change'
  | 'token.create'
  | 'token.revoke'
  | 'case.read'
  | 'document.download'
  | 'change';

export interface AuditEntry {
  action: AuditAction;
  principal?: Pick<Principal, 'personId' | 'login' | 'agencyId'> | undefined;
  /** the login typed on a failed login (no principal then) */
  login?: string;
  method?: string;
  path?: string;
  status?: number;
  caseId?: string | null;
  caseAgencyId?: string | null;
  ip?: string | undefined;
  userAgent?: string | undefined;
  details?: Record<string, unknown>;
}

/** The request's side of an entry: method, path (without query), IP, user agent. */
export function requestContext(req: Request): Pick<AuditEntry, 'method' | 'path' | 'ip' | 'userAgent'> {
  return { method: req.method, path: req.originalUrl.split('?')[0]!, ip: req.ip, userAgent: req.get('user-agent') };
}

export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db('audit_log').insert({
    action: entry.action,
    person_id: entry.principal?.personId ?? null,
    login: entry.principal?.login ?? entry.login?.slice(0, 200) ?? null,
    actor_agency_id: entry.principal?.agencyId ?? null,
    method: entry.method ?? null,
    path: entry.path?.slice(0, 1000) ?? null,
    status: entry.status ?? null,
    case_id: entry.caseId ?? null,
    case_agency_id: entry.caseAgencyId ?? null,
    ip: entry.ip ?? null,
    user_agent: entry.userAgent?.slice(0, 500) ?? null,
    details: entry.details ?? {},
  });
}
