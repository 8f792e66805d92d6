// documents.render: renders one legal document (文书) to PDF and DOCX and files it with the case.
// ONE job type for every kind: the kind is the task header "documentKind" set in the Modeler (or the
// variable documentKind), so a new kind is a template + schema, not a new worker or job type, and all
// renders share one worker pool sized for the one Chromium.
// Inputs: caseId (case documents) or agencyId + period (annual report, quarterly circular);
// documentData (the job's part of the data: arguments, evidence, statistics ...; ledger facts are
// filled in); documentRequestedBy (login). Header "formats": "pdf,docx" (default both).
// Keyed by job key: a redelivered job returns the document it already made.
// Output: documentId (the PDF), docxDocumentId, version, sha256, documentKind, documentFiles, documentCreated.
import { z } from 'zod';
import { InputError } from '../../src/errors.ts';
import { documentKinds, isDocumentKind } from '../../src/documents/document-kinds.ts';
import { documentServices, generateDocument, type DocumentFormat } from '../../src/documents/document-service.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';

const Variables = z.looseObject({
  caseId: z.uuid().optional(),
  agencyId: z.uuid().optional(),
  period: z.string().regex(/^\d{4}(-Q[1-4])?$/, '期间应为 2026 或 2026-Q3 / period like 2026 or 2026-Q3').optional(),
  documentKind: z.string().optional(),
  documentData: z.record(z.string(), z.unknown()).default({}),
  documentRequestedBy: z.string().optional(),
});

const Formats = z
  .string()
  .transform((s) => s.split(',').map((f) => f.trim()).filter(Boolean))
  .pipe(z.array(z.enum(['pdf', 'docx'])).min(1));

export const renderDocument: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'documents.render',
  description: '生成文书（PDF/DOCX）并归入案卷 / render a legal document to PDF and DOCX and file it with the case',
  variables: Variables,
  // declared data may name any variable: all are fetched
  declaredData: 'documentData',
  timeoutMs: 120_000,
  async handle(job, { config, db }) {
    const kind = job.customHeaders.documentKind ?? job.variables.documentKind;
    if (!kind || !isDocumentKind(kind)) {
      throw new InputError([
        { field: 'documentKind', message: `${kind ? `未知的文书种类「${kind}」` : '缺少文书种类'} / task header documentKind must be one of: ${documentKinds.join(', ')}` },
      ]);
    }
    let formats: DocumentFormat[] | undefined;
    if (job.customHeaders.formats) {
      const parsed = Formats.safeParse(job.customHeaders.formats);
      if (!parsed.success) throw new InputError([{ field: 'headers.formats', message: '应为 pdf、docx 或 pdf,docx / expected pdf, docx or pdf,docx' }]);
      formats = parsed.data;
    }
    const result = await generateDocument(documentServices(config, db), {
      kind,
      caseId: job.variables.caseId ?? null,
      agencyId: job.variables.agencyId ?? null,
      period: job.variables.period ?? null,
      data: job.variables.documentData,
      formats,
      createdBy: job.variables.documentRequestedBy ?? `worker:${job.type}`,
      sourceJobKey: job.key,
      processInstanceKey: job.processInstanceKey,
    });
    const primary = result.documents.find((d) => d.format === 'pdf') ?? result.documents[0]!;
    return {
      documentId: primary.id,
      docxDocumentId: result.documents.find((d) => d.format === 'docx')?.id ?? null,
      version: result.version,
      sha256: primary.sha256,
      documentKind: kind,
      documentCreated: result.created,
      documentFiles: result.documents.map((d) => ({ id: d.id, format: d.format, fileName: d.fileName, sha256: d.sha256, size: d.size, templateVersion: d.templateVersion })),
    };
  },
};

export const { jobType, description, variables, declaredData, timeoutMs, handle } = renderDocument;
