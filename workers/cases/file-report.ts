// cases.file-report: records a report the case sends upward — filing with the justice bureau
// (备案; header reportKind=justice-bureau-filing, timing after-receipt | before-answer | after-answer |
// after-hearing | after-judgment)
// or the major-case report to the same-level government (reportKind=major-case-report) — with the
// addressee, the rule, the due date and the documents filed. Keyed by job key.
//
// Contract:
//   headers    reportKind, timing (required); reportDocuments (optional): the variables that hold
//              the filed documents' ids, comma-separated; it wins over reportDocumentIds (e.g. answerBriefDocumentId,evidenceListDocumentId),
//              read in that order, a missing one as null (as the FEEL list [a, b] did, and then
//              rejected as not an id); data.* / dataBuilder: declared data → reportPayload
//   variables  caseId, reportFiledOn, reportRule, reportDueOn?, reportDocumentIds? (a list, used
//              when the task names no reportDocuments header), reportPayload?
//   returns    reportId, reportAddresseeAgencyId
import { z } from 'zod';
import { InputError } from '../../src/errors.ts';
import { recordReport, REPORT_KINDS, REPORT_TIMINGS } from '../../src/cases/case-reports.ts';
import { variableAt, type Variables as JobVariables } from '../../src/workers/variable-values.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';

const DocumentIds = z.array(z.string()).optional().nullable();

const Variables = z.looseObject({
  caseId: z.uuid({ message: 'caseId 应为案件的 UUID' }),
  reportFiledOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为日期 YYYY-MM-DD'),
  reportDueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().nullable(),
  reportRule: z.string().min(1, '缺少规则出处'),
  reportDocumentIds: DocumentIds,
  reportPayload: z.record(z.string(), z.unknown()).optional().nullable(),
});

const Headers = z.object({ reportKind: z.enum(REPORT_KINDS), timing: z.enum(REPORT_TIMINGS) });

/** the header naming the variables that hold the filed documents' ids */
export const REPORT_DOCUMENTS_HEADER = 'reportDocuments';

/**
 * The ids of the documents filed: the variables the header reportDocuments names, in its order (a
 * missing one is null and rejected, as the FEEL list was), else the (parsed) list variable reportDocumentIds.
 */
export function reportDocumentIdsOf(headers: Record<string, string>, variables: JobVariables): string[] {
  const header = headers[REPORT_DOCUMENTS_HEADER];
  if (header === undefined || !header.trim()) return (variables.reportDocumentIds as string[] | null | undefined) ?? [];
  const names = header.split(',').map((n) => n.trim());
  if (names.some((n) => !/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/.test(n))) {
    throw new InputError([{ field: `headers.${REPORT_DOCUMENTS_HEADER}`, message: '应为以英文逗号分隔的变量名，如 answerBriefDocumentId,evidenceListDocumentId' }]);
  }
  const ids = names.map((n) => variableAt(variables, n));
  const issues = ids.flatMap((id, i) => (typeof id === 'string' ? [] : [{ field: `variables.${names[i]}`, message: `缺少文书编号（任务头 ${REPORT_DOCUMENTS_HEADER} 第 ${i + 1} 项）` }]));
  if (issues.length) throw new InputError(issues);
  return ids as string[];
}

export const fileReport: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'cases.file-report',
  description: '报司法局备案或向政府报告重大案件并记入台账 / file the case with the justice bureau or report a major case',
  variables: Variables,
  // declared data and the reportDocuments header may name any variable: all are fetched
  declaredData: 'reportPayload',
  async handle(job, { db }) {
    const headers = Headers.safeParse(job.customHeaders);
    if (!headers.success) throw new InputError(headers.error.issues.map((i) => ({ field: `headers.${i.path.join('.')}`, message: i.message })));
    const v = job.variables;
    const documentIds = reportDocumentIdsOf(job.customHeaders, v);
    const result = await recordReport(db, {
      caseId: v.caseId,
      kind: headers.data.reportKind,
      timing: headers.data.timing,
      rule: v.reportRule,
      dueOn: v.reportDueOn ?? null,
      filedOn: v.reportFiledOn,
      documentIds,
      payload: v.reportPayload ?? {},
      jobKey: job.key,
      processInstanceKey: job.processInstanceKey,
    });
    return { reportId: result.reportId, reportAddresseeAgencyId: result.addresseeAgencyId };
  },
};

export const { jobType, description, variables, declaredData, handle } = fileReport;
