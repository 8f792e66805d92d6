// cases.procedure-rules: which part-1 steps the case takes under its profile (src/cases/procedure-rules.ts):
// filing with the justice bureau (after receipt / before the answer / after it / none), the
// major-case report, collective study, the Jinghai analysis meeting and whether its 10-day answer
// preparation binds the defendant, the Liaocheng risk report.
// Gateways read these variables, so a profile without the rule skips the step. Pure: no writes.
import { z } from 'zod';
import { InputError } from '../../src/errors.ts';
import { procedureRules } from '../../src/cases/procedure-rules.ts';
import { getCaseRow } from '../../src/cases/case-read-model.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';
import { profileOf } from '../../src/cases/case-profile-read-model.ts';

const Variables = z.looseObject({
  caseId: z.uuid({ message: 'caseId 应为案件的 UUID' }),
  registrationDueAt: z.string().optional().nullable(),
  forwardingDueAt: z.string().optional().nullable(),
  answerDueAt: z.string().optional().nullable(),
});

export const evaluateProcedure: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'cases.procedure-rules',
  description: '按辖区规则确定本案的程序步骤（备案、重大案件报告、集体研究等）/ the procedural steps of the case under its profile',
  variables: Variables,
  fetchVariables: ['caseId', 'registrationDueAt', 'forwardingDueAt', 'answerDueAt'],
  async handle(job, { db }) {
    const row = await getCaseRow(db, job.variables.caseId);
    const profile = (await profileOf(db, row.id))!; // the case exists: getCaseRow found it
    const defendant = await db('agencies').where({ id: row.agency_id }).first('kind', 'level');
    const rules = procedureRules(profile, row.complaint_received_on, row.flags ?? {}, defendant);
    const v = job.variables;
    const registrationTaskDueAt = v.registrationDueAt ?? v.forwardingDueAt ?? v.answerDueAt;
    if (!registrationTaskDueAt) throw new InputError([{ field: 'variables.answerDueAt', message: '缺少答辩期限（先执行 deadlines.compute）' }]);
    return { ...rules, registrationTaskDueAt };
  },
};

export const { jobType, description, variables, fetchVariables, handle } = evaluateProcedure;
