// statistics.file-report: after the head's approval, renders the report to PDF and DOCX (the annual
// report / quarterly circular templates, src/documents) from the draft's figures snapshot and the
// reviewer's sections, files both as documents of the report and marks it filed (已报送). Keyed by
// the job: a redelivered job returns the documents it made.
// Inputs: reportId, reportApprovedBy, reportApprovalOpinion. Output: reportPdfDocumentId,
// reportDocxDocumentId, reportDocumentVersion.
import { z } from 'zod';
import { shanghaiDateOf } from '../../src/deadlines/dates.ts';
import { documentServices } from '../../src/documents/document-service.ts';
import { fileReport } from '../../src/statistics/reports/report-service.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';

const optional = z.string().nullish().transform((s) => (s && s.trim() ? s.trim() : null));
const Variables = z.object({
  reportId: z.uuid({ message: 'reportId 应为报告编号（UUID）' }),
  reportApprovedBy: optional,
  reportApprovalOpinion: optional,
});

export const fileStatisticsReport: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'statistics.file-report',
  description: '定期报告审批后生成PDF和DOCX并归档报送 / render the approved report to PDF and DOCX and file it',
  variables: Variables,
  fetchVariables: ['reportId', 'reportApprovedBy', 'reportApprovalOpinion'],
  timeoutMs: 120_000,
  async handle(job, { config, db }) {
    const v = job.variables;
    const out = await fileReport(documentServices(config, db), {
      reportId: v.reportId,
      approver: v.reportApprovedBy ?? `worker:${job.type}`,
      opinion: v.reportApprovalOpinion,
      date: shanghaiDateOf(job.activatedAt),
      jobKey: job.key,
      processInstanceKey: job.processInstanceKey,
    });
    return { reportPdfDocumentId: out.pdfDocumentId, reportDocxDocumentId: out.docxDocumentId, reportDocumentVersion: out.version };
  },
};

export const { jobType, description, variables, fetchVariables, handle } = fileStatisticsReport;
