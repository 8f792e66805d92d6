// recommendation.assess: the reply deadline, duties and wording for a recommendation (司法建议 /
// 检察建议 / 规范性文件处理建议书) received at any stage (also after archiving). The deadline itself is
// stored by deadlines.compute (trigger recommendationReceivedOn, options replyWithinDays and
// recommendationKind); this worker returns it for the diagram.
import { z } from 'zod';
import { NotFoundError } from '../../src/errors.ts';
import { loadCalendar } from '../../src/deadlines/ledger.ts';
import { RECOMMENDATION_KINDS, RECOMMENDATION_KIND_INFO, assessRecommendation, obligationsText } from '../../src/recommendations/reply.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';
import { profileOf } from '../../src/cases/case-profile-read-model.ts';

const Variables = z.looseObject({
  caseId: z.uuid({ message: 'caseId 应为案件的 UUID' }),
  recommendationKind: z.enum(RECOMMENDATION_KINDS, { message: `recommendationKind 应为 ${RECOMMENDATION_KINDS.join('、')} 之一` }).nullish(),
  recommendationReceivedOn: z.string({ message: '缺少收到建议书之日 recommendationReceivedOn' }),
  replyWithinDays: z.number().int().optional(),
});

export const assessRecommendationWorker: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'recommendation.assess',
  description: '司法建议 / 检察建议的回复期限与办理要求 / reply period of a recommendation',
  variables: Variables,
  fetchVariables: ['caseId', 'recommendationKind', 'recommendationReceivedOn', 'replyWithinDays'],
  async handle(job, { db }) {
    const v = job.variables;
    const profile = await profileOf(db, v.caseId);
    if (!profile) throw new NotFoundError('案件', v.caseId);
    const kind = v.recommendationKind ?? 'judicial';
    const info = RECOMMENDATION_KIND_INFO[kind];
    const a = assessRecommendation(await loadCalendar(db), {
      profile,
      kind,
      receivedOn: v.recommendationReceivedOn,
      replyWithinDays: v.replyWithinDays,
    });
    return {
      recommendationAssessment: a,
      recommendationReplyDue: a.reply?.due ?? null,
      recommendationReplyDueAt: a.reply?.dueAt ?? null,
      recommendationNeedsPeriod: a.needsPeriodFromRecommendation,
      // the duties as one line for the forms recommendation-reply and recommendation-reply-sending
      recommendationObligationsText: obligationsText(a.obligations),
      // the kind's wording for forms, notifications and the reply letter
      recommendationKind: kind,
      recommendationName: info.name,
      recommendationReplyDeadlineName: `${info.name}回复期限`,
      recommendationReplyDocumentKind: info.replyDocumentKind,
      recommendationReplySource: a.reply?.source ?? null,
    };
  },
};

export const { jobType, description, variables, fetchVariables, handle } = assessRecommendationWorker;
