// The separate answers of co-defendant units (unit-answer process, HN 二（二）) as the ledger knows
// them: requested by cases.request-unit-answers, submitted by the process's last step. A case that
// ends early (settled, withdrawn) ends the answers still open: the fact and the outbox command that
// delivers `unit-answer-ended` to their instances are written in the stage change's transaction.
import type { Knex } from 'knex';
import type { Db } from '../db/database.ts';
import { enqueueEngineCommand } from '../engine-commands/engine-command-store.ts';

export const UNIT_ANSWER_ENDED_MESSAGE = 'unit-answer-ended';
/** the instance waits for it as long as it runs: a day covers an engine down for a deployment */
const ENDED_TTL_MS = 86_400_000;

export interface PendingUnitAnswer {
  level: string;
  unitAgencyId: string;
}

/** Requested and not yet submitted, per level and unit. */
export async function pendingUnitAnswers(db: Db | Knex.Transaction, caseId: string): Promise<PendingUnitAnswer[]> {
  const rows = await db('case_events').where({ case_id: caseId }).whereIn('type', ['unit-answer-requested', 'unit-answer-submitted', 'unit-answer-ended']).orderBy('id').select('type', 'payload');
  const key = (p: any) => `${p?.level}|${p?.unitAgencyId}`;
  const closed = new Set(rows.filter((r: any) => r.type !== 'unit-answer-requested').map((r: any) => key(r.payload)));
  return rows
    .filter((r: any) => r.type === 'unit-answer-requested' && !closed.has(key(r.payload)))
    .map((r: any) => ({ level: r.payload.level, unitAgencyId: r.payload.unitAgencyId }));
}

/** Enqueues the end of every open unit answer of a case that ended as `endedAs` (settled / withdrawn). */
export async function endPendingUnitAnswers(trx: Knex.Transaction, caseId: string, endedAs: string): Promise<number> {
  const pending = await pendingUnitAnswers(trx, caseId);
  for (const p of pending) {
    await enqueueEngineCommand(trx, {
      kind: 'correlate-message',
      idempotencyKey: `${UNIT_ANSWER_ENDED_MESSAGE}:${caseId}:${p.level}:${p.unitAgencyId}`,
      caseId,
      businessKey: caseId,
      messageName: UNIT_ANSWER_ENDED_MESSAGE,
      variables: { caseEndedAs: endedAs },
      expiresAt: new Date(Date.now() + ENDED_TTL_MS),
    });
  }
  return pending.length;
}
