// cases.update-stage: moves the case in the ledger (台账) to the stage / status the diagram step
// names in its task headers (stage, status, settlementStatus, level; Modeler-editable), records the
// change as a case event and the running process instance as one of the case's. Keyed by job key.
import { z } from 'zod';
import { InputError } from '../../src/errors.ts';
import { applyStageChange } from '../../src/cases/case-store.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/, '应为日期 YYYY-MM-DD');
const Variables = z.looseObject({
  caseId: z.uuid({ message: 'caseId 应为案件的 UUID' }),
  answerSubmittedOn: isoDate.optional().nullable(),
  withdrawnOn: isoDate.optional().nullable(),
});

const Headers = z.object({
  stage: z.string().min(1).optional(),
  status: z.enum(['open', 'settled', 'withdrawn', 'closed']).optional(),
  settlementStatus: z.enum(['none', 'assessing', 'mediating', 'settled', 'withdrawn', 'failed', 'not-attempted']).optional(),
  /** the court level the case moves to: second (二审) or retrial (再审) */
  level: z.enum(['first', 'second', 'retrial']).optional(),
  /** "true": a retrial reopens an archived case */
  reopen: z.enum(['true', 'false']).optional(),
  /** "answerSubmittedOn" / "withdrawnOn": copy that variable's date into the case row */
  recordDate: z.enum(['answerSubmittedOn', 'withdrawnOn']).optional(),
  reason: z.string().optional(),
});

export const updateCaseStage: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'cases.update-stage',
  description: '更新台账中的案件阶段与状态 / move the case to a stage or status in the ledger',
  variables: Variables,
  fetchVariables: ['caseId', 'answerSubmittedOn', 'withdrawnOn', 'settlementOutcome'],
  async handle(job, { db }) {
    const headers = Headers.safeParse(job.customHeaders);
    if (!headers.success) throw new InputError(headers.error.issues.map((i) => ({ field: `headers.${i.path.join('.')}`, message: i.message })));
    const h = headers.data;
    if (!h.stage && !h.status && !h.settlementStatus && !h.level) throw new InputError([{ field: 'headers.stage', message: '任务头至少需要 stage、status、settlementStatus 或 level 之一' }]);
    const v = job.variables;
    const date = h.recordDate ? v[h.recordDate] : undefined;
    if (h.recordDate && !date) throw new InputError([{ field: `variables.${h.recordDate}`, message: `缺少 ${h.recordDate}` }]);
    const result = await applyStageChange(db, {
      caseId: v.caseId,
      stage: h.stage,
      status: h.status,
      settlementStatus: h.settlementStatus,
      level: h.level,
      reopen: h.reopen === 'true',
      answerSubmittedOn: h.recordDate === 'answerSubmittedOn' ? String(date).slice(0, 10) : undefined,
      withdrawnOn: h.recordDate === 'withdrawnOn' ? String(date).slice(0, 10) : undefined,
      reason: h.reason ?? job.elementId,
      jobKey: job.key,
      processInstanceKey: job.processInstanceKey,
      bpmnProcessId: job.bpmnProcessId,
    });
    return { caseStage: result.stage, caseStatus: result.status };
  },
};

export const { jobType, description, variables, fetchVariables, handle } = updateCaseStage;
