import { Router } from 'express';
import { z } from 'zod';
import { getDocument, listCaseDocuments } from '../../documents/document-service.ts';
import type { AppDeps } from '../app.ts';
import { validate } from '../validate.ts';

const CaseParams = z.object({ caseId: z.uuid('caseId 应为 UUID / caseId must be a UUID') });
const DocumentParams = z.object({ id: z.uuid('id 应为 UUID / id must be a UUID') });

/** RFC 6266 / RFC 5987: an ASCII fallback plus the UTF-8 Chinese file name. */
export function contentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * GET /api/cases/:caseId/documents  the case's documents (case file 案卷): every version, metadata only
 * GET /api/documents/:id            the file, with its content type and Chinese file name (?inline=1 to view)
 */
export function documentRoutes({ db }: AppDeps): Router {
  const router = Router();

  // this API has always named fields after the request part ("params.id")
  router.get('/cases/:caseId/documents', validate({ params: CaseParams }, { prefixFields: true }), async (req, res) => {
    const documents = await listCaseDocuments(db, req.params.caseId);
    res.json({
      documents: documents.map((d) => ({ ...d, url: `/api/documents/${d.id}` })),
    });
  });

  router.get('/documents/:id', validate({ params: DocumentParams }, { prefixFields: true }), async (req, res) => {
    const document = await getDocument(db, req.params.id);
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
