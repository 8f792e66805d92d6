import { Router } from 'express';
import { z } from 'zod';
import { DOCUMENT_KINDS, documentKinds, type DocumentKind } from '../../documents/document-kinds.ts';
import { documentServices, generateDocument, getDocument, listCaseDocuments } from '../../documents/document-service.ts';
import type { AppDeps } from '../app.ts';
import { principalOf } from '../../auth/principal.ts';
import { agencyVisible, assertCaseVisible } from '../../auth/scope.ts';
import { NotFoundError } from '../../errors.ts';
import { accessGuards } from '../access.ts';
import { validate } from '../validate.ts';

const CaseParams = z.object({ caseId: z.uuid('caseId 应为 UUID / caseId must be a UUID') });
const DocumentParams = z.object({ id: z.uuid('id 应为 UUID / id must be a UUID') });

/** The kinds a person may draft for a case at any time (the periodic reports come from their own processes). */
const CASE_KINDS = documentKinds.filter((k) => !('periodic' in DOCUMENT_KINDS[k]));
const DraftBody = z.object({
  kind: z.enum(CASE_KINDS as [DocumentKind, ...DocumentKind[]], { message: `kind 应为案件文书种类之一 / one of: ${CASE_KINDS.join(', ')}` }),
  // the drafted parts; court, case number, parties and agency come from the ledger (and may be overridden)
  data: z.record(z.string(), z.unknown()).default({}),
  formats: z.array(z.enum(['pdf', 'docx'])).min(1).optional(),
  // a retried request with the same id returns the documents it made instead of a new version
  requestId: z.string().trim().min(8, 'requestId 至少 8 个字符 / at least 8 characters').max(100).optional(),
});

/** RFC 6266 / RFC 5987: an ASCII fallback plus the UTF-8 Chinese file name. */
export function contentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  // no path separators in either form: a stored name like "../x.pdf" must not steer where it is saved
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\/]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * GET /api/cases/:caseId/documents  the case's documents (case file 案卷): every version, metadata only
 * POST /api/cases/:caseId/documents {kind, data} drafts a case document now (e.g. 延期开庭申请书): 201 with its files
 * GET /api/documents/:id            the file, with its content type and Chinese file name (?inline=1 to view)
 */
/** Who drafts case documents. */
const DRAFTING_ROLES = ['handler', 'legal-affairs', 'legal-counsel', 'admin'] as const;

export function documentRoutes({ db, config }: AppDeps): Router {
  const router = Router();
  const allow = accessGuards(db);

  router.post('/cases/:caseId/documents', validate({ params: CaseParams }, { prefixFields: true }), allow.case('caseId', ...DRAFTING_ROLES), validate({ body: DraftBody }, { prefixFields: true }), async (req, res) => {
    const body = req.body as z.infer<typeof DraftBody>;
    const result = await generateDocument(documentServices(config, db), {
      kind: body.kind,
      caseId: req.params.caseId,
      data: body.data,
      formats: body.formats,
      createdBy: principalOf(req).login,
      sourceJobKey: body.requestId ? `api:${req.params.caseId}:${body.requestId}` : null,
    });
    res.status(result.created ? 201 : 200).json({ created: result.created, version: result.version, documents: result.documents.map((d) => ({ ...d, url: `/api/documents/${d.id}` })) });
  });

  // this API has always named fields after the request part ("params.id")
  router.get('/cases/:caseId/documents', validate({ params: CaseParams }, { prefixFields: true }), allow.case('caseId'), async (req, res) => {
    req.auditRead = 'case.read';
    const documents = await listCaseDocuments(db, req.params.caseId);
    res.json({
      documents: documents.map((d) => ({ ...d, url: `/api/documents/${d.id}` })),
    });
  });

  router.get('/documents/:id', allow.byHandler('the document’s case (or, for a periodic report, its agency) in scope'), validate({ params: DocumentParams }, { prefixFields: true }), async (req, res) => {
    const document = await getDocument(db, req.params.id);
    const principal = principalOf(req);
    // outside the scope the document does not exist
    if (document.caseId) {
      req.auditCase = await assertCaseVisible(db, principal, document.caseId).catch(() => {
        throw new NotFoundError('文书 / document', req.params.id);
      });
    } else if (!agencyVisible(principal, document.agencyId)) throw new NotFoundError('文书 / document', req.params.id);
    req.auditRead = 'document.download';
    res.setHeader('Content-Type', document.contentType);
    res.setHeader('Content-Length', String(document.size));
    res.setHeader('Content-Disposition', contentDisposition(document.fileName, req.query.inline ? 'inline' : 'attachment'));
    res.setHeader('ETag', `"${document.sha256}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, max-age=0, must-revalidate');
    res.end(document.content);
  });

  return router;
}
