// judgment.assess: what applies once a judgment / ruling / mediation document is served — the appeal
// period (appeal-judgment 15 d / appeal-ruling 10 d), the Liaocheng appeal proposal (5 d), filings,
// the effective date if nobody appeals (every party's period, each from its own service), and the
// retrial window. The judgment diagram runs it again when the court serves one more party
// (servedParty, merged into judgmentParties) or certifies the effect (effectiveCertifiedOn), so the
// effect timer moves. Dates come from the deadline engine on the ledger's calendar; the worker writes
// nothing (deadlines.compute stores the deadlines), so a redelivered task only computes again.
import { z } from 'zod';
import { NotFoundError } from '../../src/errors.ts';
import { loadCalendar } from '../../src/deadlines/ledger.ts';
import { shanghaiDateTime } from '../../src/deadlines/dates.ts';
import { assessJudgment, ServedPartySchema, withServedParty } from '../../src/judgment/assess.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';
import { caseProfileOf } from '../../src/cases/case-profile-read-model.ts';

const Variables = z.looseObject({
  caseId: z.uuid({ message: 'caseId 应为案件的 UUID' }),
  judgmentKind: z.string({ message: '缺少裁判文书种类 judgmentKind' }),
  judgmentOutcome: z.string({ message: '缺少裁判结果 judgmentOutcome' }),
  judgmentServedOn: z.string({ message: '缺少收到裁判文书之日 judgmentServedOn' }),
  /** the instance that decided; default: the case's level */
  judgmentLevel: z.string().optional(),
  hasPerformanceContent: z.boolean().optional(),
  /** the other parties and their service dates (judgment-served), list */
  judgmentParties: z.array(ServedPartySchema, { message: 'judgmentParties 应为当事人列表' }).optional().nullable(),
  /** one more service (judgment-served-to-party) */
  servedParty: ServedPartySchema.optional().nullable(),
  /** the court's certificate of effect (judgment-effective) */
  effectiveCertifiedOn: z.iso.date({ message: 'effectiveCertifiedOn 应为 YYYY-MM-DD' }).optional().nullable(),
});

export const assessJudgmentWorker: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'judgment.assess',
  description: '裁判文书送达后的上诉期限、上诉建议、备案、生效日与再审期限 / assess a served judgment',
  variables: Variables,
  fetchVariables: ['caseId', 'judgmentKind', 'judgmentOutcome', 'judgmentServedOn', 'judgmentLevel', 'hasPerformanceContent', 'judgmentParties', 'servedParty', 'effectiveCertifiedOn'],
  async handle(job, { db }) {
    const v = job.variables;
    const caseProfile = await caseProfileOf(db, v.caseId);
    if (!caseProfile) throw new NotFoundError('案件', v.caseId);
    const parties = v.servedParty ? withServedParty(v.judgmentParties ?? [], v.servedParty) : (v.judgmentParties ?? []);
    const a = assessJudgment(await loadCalendar(db), {
      profile: caseProfile.profile,
      kind: v.judgmentKind,
      outcome: v.judgmentOutcome,
      servedOn: v.judgmentServedOn,
      level: v.judgmentLevel ?? caseProfile.level,
      hasPerformanceContent: v.hasPerformanceContent,
      parties,
      certifiedOn: v.effectiveCertifiedOn,
    });
    return {
      judgmentAssessment: a,
      appealable: a.appealable,
      appealPeriodRule: a.appealPeriod?.rule ?? null,
      appealDue: a.appealPeriod?.due ?? null,
      appealDueAt: a.appealPeriod?.dueAt ?? null,
      appealProposalApplies: a.appealProposal.applies,
      appealProposalRecommended: a.appealProposal.recommended,
      appealProposalDue: a.appealProposal.deadline?.due ?? null,
      appealProposalDueAt: a.appealProposal.deadline?.dueAt ?? null,
      effectiveOnIfNoAppeal: a.effectiveOnIfNoAppeal,
      effectiveAtIfNoAppeal: shanghaiDateTime(a.effectiveOnIfNoAppeal, '00:00:00'),
      effectiveStatus: a.effectiveStatus,
      judgmentParties: parties,
      retrialApplicationDue: a.retrialApplication.due,
      judgmentLost: a.loss,
      performanceExpected: a.performanceExpected,
    };
  },
};

export const { jobType, description, variables, fetchVariables, handle } = assessJudgmentWorker;
