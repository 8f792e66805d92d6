// judgment.effect-status: whether the case's latest decision has taken effect, read from the ledger
// (the judgment-served event, services recorded later, the court's certificate), not from process
// variables: a service or a certificate recorded while performance or the loss analysis ran reached
// those steps, not the main process. The main process checks it before archiving (cl_effect_check):
// estimated → it waits for the next effective-date-moved; confirmed → it waits until effectDueAt.
// Reads only, so a redelivered task computes again. Without a judgment in the ledger it returns
// nothing and the process keeps its own variables.
import { z } from 'zod';
import { NotFoundError } from '../../src/errors.ts';
import { loadCalendar } from '../../src/deadlines/ledger.ts';
import { shanghaiDateTime } from '../../src/deadlines/dates.ts';
import { caseJudgment } from '../../src/judgment/judgment-effect.ts';
import { caseProfileOf } from '../../src/cases/case-profile-read-model.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';

const Variables = z.looseObject({ caseId: z.uuid({ message: 'caseId 应为案件的 UUID' }) });

export const effectStatusWorker: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'judgment.effect-status',
  description: '按台账核对裁判是否已确认生效（送达日期、生效证明）/ whether the decision\'s effect is confirmed, from the ledger',
  variables: Variables,
  fetchVariables: ['caseId'],
  async handle(job, { db }) {
    const caseProfile = await caseProfileOf(db, job.variables.caseId);
    if (!caseProfile) throw new NotFoundError('案件', job.variables.caseId);
    const judgment = await caseJudgment(db, await loadCalendar(db), job.variables.caseId, caseProfile.profile, caseProfile.level);
    if (!judgment?.effectiveOn || !judgment.effectiveStatus) return {};
    return {
      effectiveOn: judgment.effectiveOn,
      effectiveStatus: judgment.effectiveStatus,
      effectDueAt: shanghaiDateTime(judgment.effectiveOn, '00:00:00'),
    };
  },
};

export const { jobType, description, variables, fetchVariables, handle } = effectStatusWorker;
