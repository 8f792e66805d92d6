// statistics.draft-report: drafts the periodic report of a government's region (statistics_reports)
// with every figure from the ledger (figureTotals of the region, figureTotalsByAgency for the
// ranking, the same period a year earlier) and its due date from the deadline engine. One report per
// kind, period and government: a redelivered job returns the same draft.
// Inputs: agencyId (the government), reportKind, reportPeriod (2026 / 2026Q4).
// Output: reportId, reportTitle, reportFiguresText (shown on the review form), reportDueOn,
// reportDueText, reportDueAt (the tasks' due date).
import { z } from 'zod';
import { shanghaiDateOf } from '../../src/deadlines/dates.ts';
import { REPORT_KINDS } from '../../src/statistics/reports/report-kinds.ts';
import { draftReport } from '../../src/statistics/reports/report-service.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';

const Variables = z.object({
  agencyId: z.uuid({ message: 'agencyId 应为政府的单位编号（UUID）' }),
  reportKind: z.enum(REPORT_KINDS as [string, ...string[]], { message: `reportKind 应为 ${REPORT_KINDS.join('、')}` }),
  reportPeriod: z.string().regex(/^\d{4}(Q[1-4])?$/, { message: 'reportPeriod 应为 2026 或 2026Q4' }),
});

export const draftStatisticsReport: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'statistics.draft-report',
  description: '起草定期报告：数据取自台账 / draft the periodic report with the figures from the ledger',
  variables: Variables,
  fetchVariables: ['agencyId', 'reportKind', 'reportPeriod'],
  timeoutMs: 120_000,
  async handle(job, { db }) {
    const v = job.variables;
    const out = await draftReport(db, {
      kind: v.reportKind as 'annual-report' | 'quarterly-circular',
      period: v.reportPeriod,
      agencyId: v.agencyId,
      asOf: shanghaiDateOf(job.activatedAt),
      jobKey: job.key,
      processInstanceKey: job.processInstanceKey,
    });
    const dueAt = 'reportDueAt' in out.variables ? out.variables.reportDueAt : out.report.dueOn ? `${out.report.dueOn}T23:59:59+08:00` : null;
    return { ...out.variables, reportDueAt: dueAt, reportDrafted: out.created };
  },
};

export const { jobType, description, variables, fetchVariables, handle } = draftStatisticsReport;
