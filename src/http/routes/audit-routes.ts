// The audit log search (issue 13 §1): admin everything, justice bureau its region.
//   GET /api/admin/audit?personId=&login=&action=&caseId=&from=YYYY-MM-DD&to=YYYY-MM-DD&limit=&offset=
//   → {total, items: [{id, at, personId, personName, login, action, method, path, status, caseId, ip, userAgent, details}]}
import { Router } from 'express';
import { z } from 'zod';
import { searchAuditLog } from '../../auth/audit-search.ts';
import { principalOf } from '../../auth/principal.ts';
import type { AppDeps } from '../app.ts';
import { accessGuards } from '../access.ts';
import { validate } from '../validate.ts';

const isoDate = z.iso.date({ message: '日期应为有效的 YYYY-MM-DD' });
const AuditQuery = z
  .object({
    personId: z.uuid('personId 应为 UUID').optional(),
    login: z.string().min(1).max(200).optional(),
    action: z.string().min(1).max(100).optional(),
    caseId: z.uuid('caseId 应为 UUID').optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    limit: z.coerce.number({ message: 'limit 应为数字' }).int().min(1, 'limit 至少为 1').max(200, 'limit 至多为 200').default(50),
    offset: z.coerce.number({ message: 'offset 应为数字' }).int().min(0).default(0),
  })
  // only when both dates are valid (an invalid one is named by itself)
  .refine((q) => !q.from || !q.to || Number.isNaN(Date.parse(q.from)) || Number.isNaN(Date.parse(q.to)) || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] });

export function auditRoutes({ db }: AppDeps): Router {
  const router = Router();
  const allow = accessGuards(db);
  router.get('/admin/audit', allow.roles('admin', 'justice-bureau'), validate({ query: AuditQuery }), async (req, res) => {
    res.json(await searchAuditLog(db, principalOf(req), req.query));
  });
  return router;
}
