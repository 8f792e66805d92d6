// The periodic reports and the upward export (issue 14 §3): the annual reports and quarterly
// circulars of the governments a user sees, one report with its figures snapshot, its filed PDF and
// DOCX, and the export of an agency's or a region's figures for the provincial platform
// (docs/statistics-export.md). Scope: a report is the government's; it is seen by whoever sees that
// government (its own staff, its justice bureau, an admin); 404 otherwise.
import { Router } from 'express';
import { z } from 'zod';
import { principalOf } from '../../auth/principal.ts';
import { getDocument } from '../../documents/document-service.ts';
import { exportStatistics, exportWorkbook } from '../../statistics/reports/upward-export.ts';
import { REPORT_KINDS } from '../../statistics/reports/report-kinds.ts';
import { listReports, reportDetail, reportDocumentId, requestReport } from '../../statistics/reports/report-service.ts';
import { resolveScope } from '../../statistics/statistics-service.ts';
import { shanghaiDateOf } from '../../deadlines/dates.ts';
import type { AppDeps } from '../app.ts';
import { accessGuards } from '../access.ts';
import { validate } from '../validate.ts';
import { contentDisposition } from './document-routes.ts';

const ListQuery = z.object({
  kind: z.enum(REPORT_KINDS as [string, ...string[]], { message: `报告种类 kind 应为 ${REPORT_KINDS.join('、')}` }).optional(),
  status: z.enum(['draft', 'approved', 'filed'], { message: '状态 status 应为 draft、approved 或 filed' }).optional(),
  period: z.string().regex(/^\d{4}(Q[1-4])?$/, { message: '统计期间 period 应为 2026 或 2026Q3' }).optional(),
});
const IdParams = z.object({ id: z.uuid({ message: '报告编号 id 应为 UUID' }) });
const FileParams = IdParams.extend({ format: z.enum(['pdf', 'docx'], { message: '格式 format 应为 pdf 或 docx' }) });
const DraftBody = z.object({
  kind: z.enum(REPORT_KINDS as [string, ...string[]], { message: `报告种类 kind 应为 ${REPORT_KINDS.join('、')}` }),
  period: z.string({ message: '缺少统计期间 period（如 2026 或 2026Q3）' }).regex(/^\d{4}(Q[1-4])?$/, { message: '统计期间 period 应为 2026 或 2026Q3' }),
  agencyId: z.uuid({ message: '单位 agencyId 应为人民政府或其司法局的编号（UUID）' }),
});
const ExportQuery = z.object({
  scope: z.string({ message: '缺少统计范围 scope（agency:<单位编号> 或 region:<单位编号>）' }),
  period: z.string({ message: '缺少统计期间 period（如 2026 或 2026Q3）' }),
  format: z.enum(['json', 'xlsx'], { message: '格式 format 应为 json 或 xlsx' }).default('json'),
});

export function statisticsReportRoutes(deps: Pick<AppDeps, 'db'>): Router {
  const router = Router();
  const allow = accessGuards(deps.db);
  const SCOPE_RULE = 'reports of the governments (agencies) in the user’s scope; 404 outside it';

  router.get('/statistics/reports', allow.byHandler(SCOPE_RULE), validate({ query: ListQuery }), async (req, res) => {
    const q = req.query as z.infer<typeof ListQuery>;
    res.json({ items: await listReports(deps.db, principalOf(req).visibleAgencyIds, { kind: q.kind as never, status: q.status, period: q.period }) });
  });

  // a draft on request: the same process as the timers' (202: it starts through the engine outbox)
  router.post('/statistics/reports', allow.roles('justice-bureau', 'admin'), validate({ body: DraftBody }), async (req, res) => {
    const body = req.body as z.infer<typeof DraftBody>;
    await resolveScope(deps.db, `region:${body.agencyId}`, principalOf(req)); // 403 outside the user's region
    const out = await requestReport(deps.db, { kind: body.kind as never, period: body.period, agencyId: body.agencyId }, shanghaiDateOf(new Date()));
    res.status(202).json(out);
  });

  router.get('/statistics/reports/:id', allow.byHandler(SCOPE_RULE), validate({ params: IdParams }), async (req, res) => {
    res.json(await reportDetail(deps.db, principalOf(req).visibleAgencyIds, req.params.id));
  });

  router.get('/statistics/reports/:id/:format', allow.byHandler(SCOPE_RULE), validate({ params: FileParams }), async (req, res) => {
    const params = req.params as z.infer<typeof FileParams>;
    const document = await getDocument(deps.db, await reportDocumentId(deps.db, principalOf(req).visibleAgencyIds, params.id, params.format));
    res.setHeader('Content-Type', document.contentType);
    res.setHeader('Content-Length', String(document.size));
    res.setHeader('Content-Disposition', contentDisposition(document.fileName));
    res.setHeader('ETag', `"${document.sha256}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, max-age=0, must-revalidate');
    res.end(document.content);
  });

  router.get('/statistics/export', allow.byHandler('every agency of the scope in the user’s scope (resolveScope), 403 otherwise'), validate({ query: ExportQuery }), async (req, res) => {
    const q = req.query as z.infer<typeof ExportQuery>;
    const out = await exportStatistics(deps.db, principalOf(req), { scope: q.scope, period: q.period });
    if (q.format === 'json') return void res.json(out);
    const file = await exportWorkbook(out);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', contentDisposition(`行政应诉统计报送_${out.scope.name}_${out.period.label}.xlsx`));
    res.end(file);
  });

  return router;
}
