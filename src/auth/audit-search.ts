// Searching the audit log (GET /api/admin/audit): an admin searches everything, a justice bureau
// the records of its region — done by its agencies' people or about its agencies' cases.
import type { Db } from '../db/database.ts';
import type { Principal } from './principal.ts';

export interface AuditFilter {
  personId?: string | undefined;
  login?: string | undefined;
  action?: string | undefined;
  caseId?: string | undefined;
  /** calendar dates in Asia/Shanghai, both included */
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

export async function searchAuditLog(db: Db, principal: Principal, f: AuditFilter) {
  const q = db('audit_log as l');
  const ids = principal.visibleAgencyIds;
  if (ids !== null) q.where((w) => w.whereIn('l.actor_agency_id', ids).orWhereIn('l.case_agency_id', ids));
  if (f.personId) q.where('l.person_id', f.personId);
  if (f.login) q.where('l.login', f.login);
  if (f.action) q.where('l.action', f.action);
  if (f.caseId) q.where('l.case_id', f.caseId);
  if (f.from) q.where('l.at', '>=', db.raw(`(?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`, [f.from]));
  if (f.to) q.where('l.at', '<', db.raw(`((?::date) + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`, [f.to]));
  const [counted] = await q.clone().count<{ total: string }[]>('* as total');
  const rows = await q.leftJoin('people as p', 'p.id', 'l.person_id').select('l.*', 'p.name as person_name').orderBy('l.id', 'desc').limit(f.limit).offset(f.offset);
  return {
    total: Number(counted?.total ?? 0),
    items: rows.map((r: any) => ({
      id: String(r.id),
      at: new Date(r.at).toISOString(),
      personId: r.person_id,
      personName: r.person_name ?? null,
      login: r.login,
      action: r.action,
      method: r.method,
      path: r.path,
      status: r.status,
      caseId: r.case_id,
      ip: r.ip,
      userAgent: r.user_agent,
      details: r.details,
    })),
  };
}
