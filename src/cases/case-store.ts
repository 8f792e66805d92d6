// The writes of the case ledger (台账): registration with parties, stage and status changes, the
// responding units. Each write records its case event; worker writes are keyed by job key.
import type { Knex } from 'knex';
import type { Db } from '../db/database.ts';
import { ConflictError, InputError, NotFoundError } from '../errors.ts';
import { appendCaseEvent } from '../ledger/case-events.ts';
import type { CreateCaseInput } from './case-input.ts';
import type { CaseRow } from './case-read-model.ts';
import { stageChangeUpdate, type CaseStateChange } from './case-stages.ts';
import type { RespondingUnit } from './responding-units.ts';
import { endPendingUnitAnswers } from './unit-answers.ts';

/** Inserts the case and its parties; 409 for the same case number at the same agency and level. */
export async function insertCase(trx: Knex.Transaction, input: CreateCaseInput): Promise<CaseRow> {
  const ids = [input.agencyId, input.actUnderSuit.madeByAgencyId, input.reconsideration.organAgencyId, ...input.coDefendantAgencyIds, input.leadAgencyId].filter(Boolean) as string[];
  const known = new Set((await trx('agencies').whereIn('id', ids).select('id')).map((r: any) => r.id));
  const issues: { field: string; message: string }[] = [];
  const check = (id: string | undefined, field: string) => {
    if (id && !known.has(id)) issues.push({ field, message: `单位 ${id} 不存在` });
  };
  check(input.agencyId, 'agencyId');
  check(input.actUnderSuit.madeByAgencyId, 'actUnderSuit.madeByAgencyId');
  check(input.reconsideration.organAgencyId, 'reconsideration.organAgencyId');
  input.coDefendantAgencyIds.forEach((id, i) => check(id, `coDefendantAgencyIds.${i}`));
  check(input.leadAgencyId, 'leadAgencyId');
  if (issues.length) throw new InputError(issues);

  const existing = await trx('cases').where({ agency_id: input.agencyId, case_number: input.caseNumber, level: input.level }).first('id');
  if (existing) throw new ConflictError('CASE_EXISTS', `案号 ${input.caseNumber}（${input.level}）已在本单位登记`, { id: existing.id });
  const [row] = await trx('cases')
    .insert({
      agency_id: input.agencyId,
      case_number: input.caseNumber,
      court: input.court,
      level: input.level,
      cause: input.cause,
      act_description: input.actUnderSuit.description,
      act_agency_id: input.actUnderSuit.madeByAgencyId,
      reconsideration_status: input.reconsideration.status,
      reconsideration_organ_id: input.reconsideration.organAgencyId ?? null,
      plaintiff_count: input.plaintiffCount,
      claim_amount: input.claimAmount,
      flags: JSON.stringify({ ...input.flags, groupSuit: input.plaintiffCount >= 10 }),
      complaint_received_on: input.complaintReceivedOn,
      lead_agency_id: input.leadAgencyId ?? null,
    })
    .returning('*');
  const parties = [
    ...input.plaintiffs.map((p, i) => ({ case_id: row.id, role: 'plaintiff', ...partyColumns(p), position: i })),
    ...input.thirdParties.map((p, i) => ({ case_id: row.id, role: 'third-party', ...partyColumns(p), position: i })),
  ];
  const coDefendants = input.coDefendantAgencyIds.length ? await trx('agencies').whereIn('id', input.coDefendantAgencyIds).select('id', 'name') : [];
  coDefendants.forEach((a: any, i: number) => parties.push({ case_id: row.id, role: 'co-defendant', name: a.name, type: 'agency', position: i, agency_id: a.id } as any));
  if (parties.length) await trx('case_parties').insert(parties);
  await appendCaseEvent(trx, { caseId: row.id, type: 'case-registered', payload: { caseNumber: input.caseNumber, level: input.level, complaintReceivedOn: input.complaintReceivedOn }, actor: 'api', idempotencyKey: `case:${row.id}:registered` });
  return row;
}

/**
 * The engine outbox started an instance for the case: the ledger knows it from now on (the main
 * process's id on the case row, every instance in case_process_instances). Repeating it changes nothing.
 */
export async function recordCaseInstance(db: Db | Knex.Transaction, change: { caseId: string; processKey: string; instanceId: string; main: boolean }): Promise<void> {
  const row = await db('cases').where({ id: change.caseId }).first('level');
  if (!row) return;
  if (change.main) await db('cases').where({ id: change.caseId }).whereNull('process_instance_key').update({ process_instance_key: change.instanceId });
  await db('case_process_instances').insert({ process_instance_key: change.instanceId, case_id: change.caseId, bpmn_process_id: change.processKey, level: row.level }).onConflict('process_instance_key').ignore();
}

export interface StageChange extends CaseStateChange {
  caseId: string;
  jobKey: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  reason?: string;
}

/**
 * Moves the case to a stage / status (by the rule in case-stages.ts), records the change as an event
 * and the process instance as one of the case's. Keyed by job key: a redelivered job changes nothing
 * and writes no second event.
 */
export async function applyStageChange(db: Db, change: StageChange): Promise<{ changed: boolean; stage: string; status: string; level: string }> {
  return db.transaction(async (trx) => {
    const row = await trx('cases').where({ id: change.caseId }).forUpdate().first();
    if (!row) throw new NotFoundError('案件 / case', change.caseId);
    await trx('case_process_instances').insert({ process_instance_key: change.processInstanceKey, case_id: change.caseId, bpmn_process_id: change.bpmnProcessId, level: change.level ?? row.level }).onConflict('process_instance_key').ignore();
    const { created } = await appendCaseEvent(trx, {
      caseId: change.caseId,
      type: 'stage-changed',
      payload: {
        from: { stage: row.stage, status: row.status, settlementStatus: row.settlement_status, level: row.level },
        to: { stage: change.stage, status: change.status, settlementStatus: change.settlementStatus, level: change.level },
        reason: change.reason ?? null,
      },
      actor: 'worker:cases.update-stage',
      sourceJobKey: change.jobKey,
      processInstanceKey: change.processInstanceKey,
    });
    if (!created) return { changed: false, stage: row.stage, status: row.status, level: row.level };
    const update = stageChangeUpdate(row, change);
    if (Object.keys(update).length) await trx('cases').where({ id: change.caseId }).update({ ...update, updated_at: trx.fn.now() });
    // the answer of this instance, kept per level for the statistics (the case row keeps only the latest)
    if (update.answer_submitted_on) {
      await trx('case_answers')
        .insert({ case_id: change.caseId, level: (update.level as string) ?? row.level, submitted_on: update.answer_submitted_on })
        .onConflict(['case_id', 'level'])
        .merge(['submitted_on', 'recorded_at']);
    }
    // a case that ends early ends the co-defendant units' own answers too (their instances are not called by this one)
    if (update.status === 'settled' || update.status === 'withdrawn') await endPendingUnitAnswers(trx, change.caseId, update.status as string);
    return { changed: true, stage: (update.stage as string) ?? row.stage, status: (update.status as string) ?? row.status, level: (update.level as string) ?? row.level };
  });
}

/** Replaces the case's responding units with the assignment (idempotent: same result, same rows). */
export async function saveRespondingUnits(db: Db, caseId: string, units: RespondingUnit[], jobKey: string, processInstanceKey: string): Promise<boolean> {
  return db.transaction(async (trx) => {
    const { created } = await appendCaseEvent(trx, {
      caseId,
      type: 'responding-units-assigned',
      payload: { units: units.map((u) => ({ agencyId: u.agencyId, agencyName: u.agencyName, role: u.role, defends: u.defends })) },
      actor: 'worker:cases.assign-responding-units',
      sourceJobKey: jobKey,
      processInstanceKey,
    });
    if (!created) return false;
    await trx('case_responding_units').where({ case_id: caseId }).delete();
    if (units.length) {
      await trx('case_responding_units').insert(units.map((u) => ({ case_id: caseId, agency_id: u.agencyId, role: u.role, defends: u.defends, rule: u.rule, explanation: u.explanation })));
    }
    const lead = units.find((u) => u.role === 'lead' || u.role === 'sole') ?? units[0];
    if (lead) await trx('cases').where({ id: caseId }).update({ lead_agency_id: lead.agencyId, updated_at: trx.fn.now() });
    return true;
  });
}

function partyColumns(p: CreateCaseInput['plaintiffs'][number]) {
  return { name: p.name, type: p.type, address: p.address ?? null, legal_representative: p.legalRepresentative ?? null };
}
