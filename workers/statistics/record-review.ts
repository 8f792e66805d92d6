// statistics.record-review: stores the reviewer's text of a report draft (the sections 主要做法,
// 存在的问题, 下一步工作打算 / 工作要求 and the review comments). Numbers are not taken from the form:
// the figures stay the draft's snapshot. Idempotent (the same text written again).
// Inputs: reportId, reportSectionPractices, reportSectionProblems, reportSectionPlans,
// reportReviewComments, reportReviewedBy. Output: reportSectionCount.
import { z } from 'zod';
import type { ReportSection } from '../../src/statistics/reports/report-composition.ts';
import { getReportRow, recordReview } from '../../src/statistics/reports/report-service.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';

const optional = z.string().nullish().transform((s) => (s && s.trim() ? s.trim() : null));
const Variables = z.object({
  reportId: z.uuid({ message: 'reportId 应为报告编号（UUID）' }),
  reportSectionPractices: optional,
  reportSectionProblems: optional,
  reportSectionPlans: optional,
  reportReviewComments: optional,
  reportReviewedBy: optional,
});

/** The section headings of each kind (the annual report's 主要做法 … ; the circular's 存在的问题 and 工作要求). */
const HEADINGS = {
  'annual-report': { practices: '主要做法', problems: '存在的问题', plans: '下一步工作打算' },
  'quarterly-circular': { practices: '主要做法', problems: '存在的问题', plans: '工作要求' },
} as const;

export const recordStatisticsReview: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'statistics.record-review',
  description: '记录定期报告的审核意见和文字部分 / store the reviewer\'s text of a report draft',
  variables: Variables,
  fetchVariables: ['reportId', 'reportSectionPractices', 'reportSectionProblems', 'reportSectionPlans', 'reportReviewComments', 'reportReviewedBy'],
  async handle(job, { db }) {
    const v = job.variables;
    const report = await getReportRow(db, v.reportId);
    const h = HEADINGS[report.kind];
    const sections: ReportSection[] = [
      [h.practices, v.reportSectionPractices],
      [h.problems, v.reportSectionProblems],
      [h.plans, v.reportSectionPlans],
    ]
      .filter((s): s is [string, string] => Boolean(s[1]))
      .map(([heading, text]) => ({ heading, text }));
    await recordReview(db, { reportId: v.reportId, sections, comments: v.reportReviewComments, reviewer: v.reportReviewedBy ?? `worker:${job.type}`, jobKey: job.key });
    return { reportSectionCount: sections.length };
  },
};

export const { jobType, description, variables, fetchVariables, handle } = recordStatisticsReview;
