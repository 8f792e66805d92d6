// cases.file-report: records a report the case sends upward — filing with the justice bureau
// (备案; header reportKind=justice-bureau-filing, timing after-receipt | before-answer | after-answer)
// or the major-case report to the same-level government (reportKind=major-case-report) — with the
// addressee, the rule, the due date and the documents filed. Keyed by job key.
import { z } from 'zod';
import { InputError } from '../../src/errors.ts';
import { recordReport, REPORT_KINDS, REPORT_TIMINGS } from '../../src/cases/case-reports.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';

const Variables = z.looseObject({
  caseId: z.uuid({ message: 'caseId 应为案件的 UUID' }),
  reportFiledOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为日期 YYYY-MM-DD'),
  reportDueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().nullable(),
  reportRule: z.string().min(1, '缺少规则出处'),
  reportDocumentIds: z.array(z.string()).optional().nullable(),
  reportPayload: z.record(z.string(), z.unknown()).optional().nullable(),
});

const Headers = z.object({ reportKind: z.enum(REPORT_KINDS), timing: z.enum(REPORT_TIMINGS) });

export const fileReport: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'cases.file-report',
  description: '报司法局备案或向政府报告重大案件并记入台账 / file the case with the justice bureau or report a major case',
  variables: Variables,
  // declared data may name any variable: all are fetched
  declaredData: 'reportPayload',
  async handle(job, { db }) {
    const headers = Headers.safeParse(job.customHeaders);
    if (!headers.success) throw new InputError(headers.error.issues.map((i) => ({ field: `headers.${i.path.join('.')}`, message: i.message })));
    const v = job.variables;
    const result = await recordReport(db, {
      caseId: v.caseId,
      kind: headers.data.reportKind,
      timing: headers.data.timing,
      rule: v.reportRule,
      dueOn: v.reportDueOn ?? null,
      filedOn: v.reportFiledOn,
      documentIds: v.reportDocumentIds ?? [],
      payload: v.reportPayload ?? {},
      jobKey: job.key,
      processInstanceKey: job.processInstanceKey,
    });
    return { reportId: result.reportId, reportAddresseeAgencyId: result.addresseeAgencyId };
  },
};

export const { jobType, description, variables, declaredData, handle } = fileReport;
