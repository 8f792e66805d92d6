// hearing.head-unable-fallback: the head cannot appear — the profile's fallback options, the written
// explanation (负责人不能出庭情况说明) and whether the one-month report applies (Liaocheng, rule
// head-absence-report: compute it with deadlines.compute, option headAppeared=false); and what the
// decision form head-unable-decision shows (headUnableChoices, headUnableFirstStepsText, headUnableOptionsText).
import { z } from 'zod';
import { headUnableFallback, headUnableFormValues } from '../../src/hearing/head-unable.ts';
import { decisionDateOf } from '../../src/policy-sources/profiles.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';
import { caseProfileOf } from '../../src/cases/case-profile-read-model.ts';

const Variables = z.looseObject({
  caseId: z.uuid({ message: 'caseId 应为案件的 UUID' }),
  absenceReason: z.string().optional(),
  headAppeared: z.boolean().optional(),
  hearingAt: z.string().optional(),
});

export const headUnableFallbackWorker: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'hearing.head-unable-fallback',
  description: '负责人不能出庭时的处理方式（按规则配置）/ fallback when the head cannot appear',
  variables: Variables,
  fetchVariables: ['caseId', 'absenceReason', 'headAppeared', 'hearingAt'],
  async handle(job, { db }) {
    const v = job.variables;
    const caseProfile = await caseProfileOf(db, v.caseId);
    const result = headUnableFallback({
      profile: caseProfile?.profile ?? 'national',
      decisionDate: decisionDateOf(v.hearingAt, job.activatedAt),
      absenceReason: v.absenceReason,
      agencyKind: caseProfile?.agencyKind,
      agencyLevel: caseProfile?.agencyLevel,
      headAppeared: v.headAppeared,
    });
    return {
      headUnable: result,
      ...headUnableFormValues(result),
      headUnableOptions: result.options.map((o) => o.option),
      writtenExplanationRequired: true,
      writtenExplanationDocument: result.writtenExplanation.documentTitle,
      reportToPrincipalHeadImmediately: result.firstSteps.some((s) => s.code === 'lc-report-principal-head'),
      headAbsenceReportApplies: result.headAbsenceReport.applies,
      headAbsenceReportRequired: result.headAbsenceReport.required,
    };
  },
};

export const { jobType, description, variables, fetchVariables, handle } = headUnableFallbackWorker;
