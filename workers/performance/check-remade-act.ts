// performance.check-remade-act: after a judgment ordering the agency to re-make an annulled act, may
// the proposed new act be issued? Barred (same facts, same reasons, basically the same act, annulled
// on the substance) → BPMN error REMADE_ACT_BARRED with the reason (Hunan §5(2); ALL Art. 71).
import { z } from 'zod';
import { RuleError } from '../../src/errors.ts';
import { checkRemadeAct } from '../../src/performance/performance.ts';
import { decisionDateOf } from '../../src/policy-sources/profiles.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';
import { profileOf } from '../../src/cases/case-profile-read-model.ts';

export const REMADE_ACT_BARRED = 'REMADE_ACT_BARRED';

const Variables = z.looseObject({
  caseId: z.uuid({ message: 'caseId 应为案件的 UUID' }),
  annulledFor: z.string({ message: '缺少撤销理由 annulledFor' }),
  sameFacts: z.boolean({ message: '缺少 sameFacts' }),
  sameReasons: z.boolean({ message: '缺少 sameReasons' }),
  substantiallySame: z.boolean({ message: '缺少 substantiallySame' }),
});

export const checkRemadeActWorker: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'performance.check-remade-act',
  description: '重新作出行政行为的限制（不得以同一事实和理由作出基本相同的行为）/ check a re-made act',
  variables: Variables,
  fetchVariables: ['caseId', 'annulledFor', 'sameFacts', 'sameReasons', 'substantiallySame'],
  async handle(job, { db }) {
    const v = job.variables;
    const result = checkRemadeAct({ profile: (await profileOf(db, v.caseId)) ?? 'national', decisionDate: decisionDateOf(undefined, job.activatedAt), annulledFor: v.annulledFor, sameFacts: v.sameFacts, sameReasons: v.sameReasons, substantiallySame: v.substantiallySame });
    if (!result.allowed) {
      const message = `${result.reason.text}（依据：${result.reason.source}）`;
      // the form that comes back shows it (variables set with the error: no mapping on the boundary event)
      throw new RuleError(REMADE_ACT_BARRED, message, { variables: { remadeActError: message } });
    }
    return { remadeActAllowed: true, remadeActReason: { code: result.reason.code, text: result.reason.text, source: result.reason.source } };
  },
};

export const { jobType, description, variables, fetchVariables, handle } = checkRemadeActWorker;
