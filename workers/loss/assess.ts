// loss.assess: records the decision's outcome in the ledger (case_judgments, one row per case and
// level, idempotent) and decides the loss follow-up — the loss analysis report (Jinghai 30 days from
// effect), the accountability letter (15 days from decisionOn), the repeated-loss analysis over the
// agency's history (LC Art. 37) and the Liaocheng enterprise-case seminar (Art. 23: once per city
// department and year, when the year's enterprise cases pass 20 or the closed year's loss rate 10 %).
import { z } from 'zod';
import { NotFoundError } from '../../src/errors.ts';
import { loadCalendar } from '../../src/deadlines/ledger.ts';
import { appendCaseEvent } from '../../src/ledger/case-events.ts';
import { enterpriseSeminarCheck, lossFollowUp, recordJudgmentOutcome, repeatedLossAnalysis, SEMINAR_EVENT } from '../../src/loss-analysis/loss.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';
import { caseProfileOf } from '../../src/cases/case-profile-read-model.ts';

const Variables = z.looseObject({
  caseId: z.uuid({ message: 'caseId 应为案件的 UUID' }),
  judgmentKind: z.enum(['judgment', 'ruling', 'mediation'], { message: 'judgmentKind 应为 judgment、ruling 或 mediation' }),
  judgmentOutcome: z.enum(['won', 'lost', 'partly-lost'], { message: 'judgmentOutcome 应为 won、lost 或 partly-lost' }),
  judgmentServedOn: z.iso.date({ message: 'judgmentServedOn 应为 YYYY-MM-DD' }),
  /** 'reconsideration': a reconsideration organ's decision against the agency (a loss in Jinghai's figures) */
  judgmentLevel: z.enum(['first', 'second', 'retrial', 'reconsideration']).optional(),
  effectiveOn: z.iso.date({ message: 'effectiveOn 应为 YYYY-MM-DD（裁判生效之日）' }),
  /** the accountability decision's date, once made (rule accountability-letter) */
  decisionOn: z.iso.date().optional(),
  /** the administrative field for the repeated-loss analysis; default the case's cause (案由) */
  lossField: z.string().optional(),
});

export const assessLossWorker: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'loss.assess',
  description: '败诉分析报告、问责函告与多次败诉分析 / loss analysis and accountability',
  variables: Variables,
  fetchVariables: ['caseId', 'judgmentKind', 'judgmentOutcome', 'judgmentServedOn', 'judgmentLevel', 'effectiveOn', 'decisionOn', 'lossField'],
  async handle(job, { db }) {
    const v = job.variables;
    const c = await caseProfileOf(db, v.caseId);
    if (!c) throw new NotFoundError('案件', v.caseId);
    const field = v.lossField ?? c.cause;
    await recordJudgmentOutcome(db, {
      caseId: v.caseId,
      level: v.judgmentLevel ?? c.level,
      kind: v.judgmentKind,
      outcome: v.judgmentOutcome,
      servedOn: v.judgmentServedOn,
      effectiveOn: v.effectiveOn,
      field,
      sourceJobKey: job.key,
    });
    const decidedBy = v.judgmentLevel === 'reconsideration' ? 'reconsideration' : 'court';
    const followUp = lossFollowUp(await loadCalendar(db), { profile: c.profile, outcome: v.judgmentOutcome, effectiveOn: v.effectiveOn, decisionOn: v.decisionOn, decidedBy });
    const repeated = followUp.loss ? await repeatedLossAnalysis(db, { agencyId: c.agencyId, profile: c.profile, field, asOf: v.effectiveOn }) : null;
    // the seminar task sits on the loss path of loss-analysis.bpmn: asked for only there
    const seminar = followUp.loss ? await enterpriseSeminarCheck(db, { agencyId: c.agencyId, profile: c.profile, asOf: v.effectiveOn, jobKey: job.key }) : null;
    const reasons = [...(repeated?.reasons ?? []), ...(seminar?.reason ? [seminar.reason] : [])];
    await appendCaseEvent(db, {
      caseId: v.caseId,
      type: 'loss-assessed',
      payload: {
        outcome: v.judgmentOutcome,
        lossAnalysisReportDue: followUp.lossAnalysisReport.deadline?.due ?? null,
        repeatedLoss: repeated?.repeated ?? false,
        [SEMINAR_EVENT.yearKey]: seminar?.seminarYear ?? null,
        reasons: reasons.map((r) => ({ code: r.code, text: r.text, source: r.source })),
      },
      actor: `worker:${job.type}`,
      sourceJobKey: job.key,
      processInstanceKey: job.processInstanceKey,
    });
    return {
      lossAssessment: { followUp, repeated, enterpriseSeminar: seminar },
      lossCase: followUp.loss,
      lossAnalysisReportRequired: followUp.lossAnalysisReport.required,
      lossAnalysisReportDue: followUp.lossAnalysisReport.deadline?.due ?? null,
      lossAnalysisReportDueAt: followUp.lossAnalysisReport.deadline?.dueAt ?? null,
      accountabilityLetterApplies: followUp.accountabilityLetter.applies,
      accountabilityLetterDue: followUp.accountabilityLetter.deadline?.due ?? null,
      accountabilityLetterDueAt: followUp.accountabilityLetter.deadline?.dueAt ?? null,
      repeatedLoss: repeated?.repeated ?? false,
      repeatedLossAnalysisRequired: repeated?.analysisRequired ?? false,
      enterpriseSeminarRequired: seminar?.seminarYear != null,
      enterpriseSeminarYear: seminar?.seminarYear ?? null,
      enterpriseSeminarReason: seminar?.reason ? `${seminar.reason.text}（${seminar.reason.source}）` : null,
    };
  },
};

export const { jobType, description, variables, fetchVariables, handle } = assessLossWorker;
