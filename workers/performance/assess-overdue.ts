// performance.assess-overdue: whom to tell about performance on the date of the job — a reminder
// before the due date, the principal head once overdue, the upper-level agency's performance
// recommendation (LC Art. 35) after a court recommendation. Feed the outputs to notifications.send.
import { z } from 'zod';
import { decideOverduePerformance } from '../../src/performance/performance.ts';
import { decisionDateOf } from '../../src/policy-sources/profiles.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';
import { profileOf } from '../../src/cases/case-profile-read-model.ts';

const Variables = z.looseObject({
  caseId: z.uuid({ message: 'caseId 应为案件的 UUID' }),
  performanceDueOn: z.string({ message: '缺少履行期限 performanceDueOn' }),
  performanceCompleted: z.boolean().optional(),
  courtRecommendationReceived: z.boolean().optional(),
  /** the date to judge on (the engine clock's date from the diagram, e.g. = today()); default today */
  asOf: z.string().optional(),
});

export const assessOverduePerformanceWorker: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'performance.assess-overdue',
  description: '履行期限届满提醒与逾期升级 / overdue performance escalation',
  variables: Variables,
  fetchVariables: ['caseId', 'performanceDueOn', 'performanceCompleted', 'courtRecommendationReceived', 'asOf'],
  async handle(job, { db }) {
    const v = job.variables;
    const d = decideOverduePerformance({
      profile: (await profileOf(db, v.caseId)) ?? 'national',
      dueOn: v.performanceDueOn,
      today: decisionDateOf(v.asOf, job.activatedAt),
      completed: v.performanceCompleted ?? false,
      courtRecommendationReceived: v.courtRecommendationReceived,
    });
    return {
      performanceEscalation: d.level,
      performanceDaysOverdue: d.daysOverdue,
      // map these onto notifications.send's inputs (event, recipients, urgent, notificationData) in the diagram
      performanceNotificationEvent: d.notificationEvent,
      performanceRecipients: d.recipients,
      performanceUrgent: d.urgent,
      performanceNotificationData: { daysOverdue: d.daysOverdue, performanceDue: v.performanceDueOn, reasons: d.reasons.map((r) => `${r.text}（${r.source}）`) },
    };
  },
};

export const { jobType, description, variables, fetchVariables, handle } = assessOverduePerformanceWorker;
