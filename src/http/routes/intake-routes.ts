// Intake of existing paperwork: the court's electronic-service PDFs read for the registration form
// (POST /api/court-papers/extract) and the import of cases already in progress from an .xlsx ledger
// (GET /api/imports/template.xlsx, POST /api/imports, GET /api/imports/:id).
import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { principalOf } from '../../auth/principal.ts';
import { accessGuards } from '../access.ts';
import { CASE_WRITER_ROLES } from './case-routes.ts';
import { extractCourtPapers, MAX_COURT_PAPER_BYTES, MAX_COURT_PAPERS } from '../../court-papers/court-paper-intake.ts';
import { InputError } from '../../errors.ts';
import { createImportJob, getImportJob, ImportInvalidError } from '../../imports/case-import-jobs.ts';
import { importTemplate } from '../../imports/case-import-sheet.ts';
import { uploadedFiles, uploadFiles } from '../multipart.ts';
import { validate } from '../validate.ts';

const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const ImportParams = z.object({ id: z.uuid({ message: 'id 应为导入任务 ID（UUID）' }) });

export function intakeRoutes(deps: AppDeps): Router {
  const router = Router();
  const { db } = deps;
  const allow = accessGuards(db);

  // who registers a served suit reads its papers
  router.post('/court-papers/extract', allow.roles(...CASE_WRITER_ROLES), uploadFiles('files', { maxFiles: MAX_COURT_PAPERS, maxBytes: MAX_COURT_PAPER_BYTES }), async (req, res) => {
    res.json(await extractCourtPapers(uploadedFiles(req.files)));
  });

  router.get('/imports/template.xlsx', allow.signedIn(), async (_req, res) => {
    const content = await importTemplate();
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="case-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('存量案件导入模板.xlsx')}`);
    res.send(content);
  });

  // who registers cases imports them, for the agencies in their scope (checked per row)
  router.post('/imports', allow.roles(...CASE_WRITER_ROLES), uploadFiles('file', { maxFiles: 1, maxBytes: MAX_IMPORT_BYTES }), async (req, res) => {
    const principal = principalOf(req);
    const [file] = uploadedFiles(req.files);
    if (!file) throw new InputError([{ field: 'file', message: '请上传按导入模板填写的 .xlsx 文件（表单字段 file）' }]);
    try {
      const job = await createImportJob(db, principal, file);
      deps.caseImports?.kick();
      res.status(202).location(`/api/imports/${job.id}`).json({ id: job.id });
    } catch (error) {
      if (!(error instanceof ImportInvalidError)) throw error;
      res.status(400).json({ error: { code: error.code, message: error.message, importId: error.importId, rows: error.rows } });
    }
  });

  router.get('/imports/:id', allow.byHandler('the uploader of the import, or a user who sees every agency'), validate({ params: ImportParams }), async (req, res) => {
    const job = await getImportJob(db, principalOf(req), req.params.id);
    res.json({ id: job.id, fileName: job.fileName, status: job.status, total: job.total, processed: job.processed, errors: job.errors, caseIds: job.caseIds });
  });

  return router;
}
