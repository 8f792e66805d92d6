// cases.request-unit-answers: a responding unit that answers for a part of its own — the
// reconsideration organ as co-defendant (HN 二（二）; 行诉法 26(2), 67) — gets an answer process of its
// own (`unit-answer`), in its own tenant, with the level's answer deadline. The worker only writes the
// ledger fact and, in the same transaction, the engine outbox command whose message starts that
// process (message start `unit-answer-requested`, variables with agencyId = the unit, so the engine
// makes the unit its tenant); the outbox dispatcher carries it out. Keyed by case, level and unit:
// a redelivered job or a second run of the answer stage at the same level enqueues nothing new.
import { z } from 'zod';
import { InputError } from '../../src/errors.ts';
import { getCaseRow, listAgencies } from '../../src/cases/case-read-model.ts';
import { profileOf } from '../../src/cases/case-profile-read-model.ts';
import { AssignmentInputError, separateAnswers } from '../../src/cases/responding-units.ts';
import { agencyHeading } from '../../src/documents/document-service.ts';
import { enqueueEngineCommand } from '../../src/engine-commands/engine-command-store.ts';
import { appendCaseEvent } from '../../src/ledger/case-events.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';

export const UNIT_ANSWER_MESSAGE = 'unit-answer-requested';
/** a message start event always waits; the week covers an engine that is down for a deployment */
const UNIT_ANSWER_TTL_MS = 7 * 86_400_000;

const Variables = z.looseObject({
  caseId: z.uuid({ message: 'caseId 应为案件的 UUID' }),
  level: z.enum(['first', 'second', 'retrial']).default('first'),
  answerDue: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'answerDue 应为 YYYY-MM-DD'),
  answerDueAt: z.string().min(1, 'answerDueAt 不能为空'),
  answerEscalateAt: z.string().nullish(),
});

export const requestUnitAnswers: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'cases.request-unit-answers',
  description: '为另行答辩的应诉单位（作共同被告的复议机关）启动其答辩举证 / start the own answer of each unit that answers separately',
  variables: Variables,
  fetchVariables: ['caseId', 'level', 'answerDue', 'answerDueAt', 'answerEscalateAt'],
  async handle(job, { db }) {
    const { caseId, level, answerDue, answerDueAt, answerEscalateAt } = job.variables;
    const row = await getCaseRow(db, caseId);
    const units = await db('case_responding_units').where({ case_id: caseId }).orderBy('id').select('agency_id as agencyId', 'role', 'defends');
    let answers;
    try {
      answers = separateAnswers(await listAgencies(db), units);
    } catch (error) {
      if (error instanceof AssignmentInputError) throw new InputError([{ field: error.field, message: error.message }]);
      throw error;
    }
    const profile = (await profileOf(db, caseId)) ?? 'national';
    for (const answer of answers) {
      const { heading } = await agencyHeading(db, answer.answeringAgencyId);
      await db.transaction(async (trx) => {
        const { event, created } = await appendCaseEvent(trx, {
          caseId,
          type: 'unit-answer-requested',
          payload: { level, unitAgencyId: answer.unitAgencyId, unitAgencyName: answer.unitAgencyName, answeringAgencyId: answer.answeringAgencyId, defends: answer.defends, answerDue },
          actor: `worker:${job.type}`,
          processInstanceKey: job.processInstanceKey,
          idempotencyKey: `unit-answer:${caseId}:${level}:${answer.unitAgencyId}`,
        });
        if (!created) return;
        await enqueueEngineCommand(trx, {
          kind: 'correlate-message',
          idempotencyKey: `unit-answer:${caseId}:${level}:${answer.unitAgencyId}`,
          caseId,
          caseEventId: event.id,
          businessKey: caseId,
          messageName: UNIT_ANSWER_MESSAGE,
          variables: {
            caseId,
            caseNumber: row.case_number,
            // the tenant of the new instance: the unit that prepares the answer
            agencyId: answer.unitAgencyId,
            defendantAgencyId: row.agency_id,
            profile,
            level,
            unitAgencyName: answer.unitAgencyName,
            answeringAgencyId: answer.answeringAgencyId,
            answeringAgencyName: answer.answeringAgencyName,
            answeringAgency: heading,
            defendsLabel: answer.defendsLabel,
            unitDraftGroup: answer.draftGroup,
            unitApprovalGroup: answer.approvalGroup,
            answerDue,
            answerDueAt,
            answerEscalateAt: answerEscalateAt ?? null,
          },
          expiresAt: new Date(Date.now() + UNIT_ANSWER_TTL_MS),
        });
      });
    }
    return {
      unitAnswerCount: answers.length,
      unitAnswerUnitNames: answers.map((a) => `${a.unitAgencyName}（${a.defendsLabel}）`).join('；'),
    };
  },
};

export const { jobType, description, variables, fetchVariables, handle } = requestUnitAnswers;
