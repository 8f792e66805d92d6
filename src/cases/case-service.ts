// The case API's operations that touch the engine: register a case and start its process, take a
// court event and publish its message (correlation key: the case id).
import type { Db } from '../db/database.ts';
import type { CamundaClients } from '../engine/camunda-client.ts';
import { ConflictError, EngineUnavailableError } from '../errors.ts';
import { appendCaseEvent } from '../ledger/case-events.ts';
import { messageVariables, type CaseEventInput, type CreateCaseInput } from './case-input.ts';
import { profileOf } from './case-profile-read-model.ts';
import { getCaseRow, type CaseRow } from './case-read-model.ts';
import { insertCase } from './case-store.ts';
import { eventRefusal } from './case-stages.ts';

export const MAIN_PROCESS_ID = 'case-lifecycle';

/** How long a court event waits for the step that takes it (the outcome may arrive before the talks end). */
const MESSAGE_TTL_MS: Record<string, number> = {
  'settlement-outcome': 30 * 86_400_000,
  'hearing-scheduled': 180 * 86_400_000,
  // the agency's appeal may be recorded before the judgment process waits for it
  'appeal-filed': 30 * 86_400_000,
  'hearing-moved': 86_400_000,
  // recorded a moment before the main process waits for it (the hearing process is still finishing)
  'judgment-served': 86_400_000,
  // the court may serve the appeal copy before the main process reaches second instance
  'appeal-copy-served': 30 * 86_400_000,
  // start their own processes (message start events); kept so a deployment gap does not lose them
  'judicial-recommendation': 180 * 86_400_000,
  'retrial-petition-served': 180 * 86_400_000,
};

/** Events whose message starts a process of its own: it needs the case's variables, not only the event's. */
const STARTS_PROCESS = new Set(['retrial-petition-served']);

/** Process variables a case's processes start with: the main process at registration, a process a court event starts later. */
export function caseStartVariables(row: { id: string; case_number: string; agency_id: string; level: string; complaint_received_on: string; reconsideration_status: string; plaintiff_count: number }, input: { claimAmount?: number | null; flags: unknown }, profile: string) {
  return {
    caseId: row.id,
    caseNumber: row.case_number,
    agencyId: row.agency_id,
    profile,
    level: row.level,
    complaintReceivedOn: row.complaint_received_on,
    reconsiderationStatus: row.reconsideration_status,
    plaintiffCount: row.plaintiff_count,
    claimAmount: input.claimAmount,
    caseFlags: input.flags,
  };
}

/** The start variables of a process a court event starts (retrial), from the ledger row; its level is the process's own. */
async function eventProcessVariables(db: Db, row: CaseRow) {
  const profile = (await profileOf(db, row.id)) ?? 'national';
  const { level: _caseLevel, ...variables } = caseStartVariables(row, { claimAmount: row.claim_amount === null ? undefined : Number(row.claim_amount), flags: row.flags ?? {} }, profile);
  return variables;
}

/**
 * Registers the case and starts its main process in one step: the ledger rows are committed only
 * when the engine has accepted the instance, so a failed start leaves nothing half-registered.
 */
export async function registerCase(db: Db, camunda: CamundaClients, input: CreateCaseInput): Promise<{ id: string; processInstanceKey: string }> {
  return db.transaction(async (trx) => {
    const row = await insertCase(trx, input);
    const agency = await trx('agencies').where({ id: input.agencyId }).first('profile');
    let processInstanceKey: string;
    try {
      const created = await camunda.rest.createProcessInstance({ processDefinitionId: MAIN_PROCESS_ID, variables: caseStartVariables(row, input, agency.profile) } as never);
      processInstanceKey = String((created as { processInstanceKey: string | number }).processInstanceKey);
    } catch (error) {
      throw new EngineUnavailableError(`流程引擎未能启动案件流程，案件未登记，请稍后重试：${(error as Error).message}`);
    }
    await trx('cases').where({ id: row.id }).update({ process_instance_key: processInstanceKey });
    await trx('case_process_instances').insert({ process_instance_key: processInstanceKey, case_id: row.id, bpmn_process_id: MAIN_PROCESS_ID, level: row.level });
    return { id: row.id, processInstanceKey };
  });
}

/** Records a court event and publishes its message; 409 with the reason when the case cannot take it now. */
export async function postCaseEvent(db: Db, camunda: CamundaClients, caseId: string, event: CaseEventInput, requestKey?: string) {
  const row = await getCaseRow(db, caseId);
  const appealBy = event.type === 'appeal-copy-served' ? await recordedAppellant(db, caseId) : undefined;
  const refusal = eventRefusal({ stage: row.stage, status: row.status, settlementStatus: row.settlement_status, appealBy, level: row.level }, event.type);
  if (refusal) throw new ConflictError('EVENT_NOT_ACCEPTED', refusal, { stage: row.stage, status: row.status, settlementStatus: row.settlement_status });
  const { type, ...payload } = event;
  const { event: recorded, created } = await appendCaseEvent(db, {
    caseId,
    type: `court-event:${type}`,
    payload,
    actor: 'api',
    processInstanceKey: row.process_instance_key,
    idempotencyKey: requestKey ? `api:${caseId}:${requestKey}` : null,
  });
  if (created) {
    try {
      await camunda.rest.publishMessage({
        name: type,
        correlationKey: caseId,
        variables: { ...(STARTS_PROCESS.has(type) ? await eventProcessVariables(db, row) : {}), ...messageVariables(event, caseId) },
        timeToLive: MESSAGE_TTL_MS[type] ?? 0,
        messageId: `case-event-${recorded.id}`,
      } as never);
    } catch (error) {
      throw new EngineUnavailableError(`事件已记录（#${recorded.id}），但未能发送到流程引擎：${(error as Error).message}`);
    }
  }
  return { eventId: recorded.id, type, message: { name: type, correlationKey: caseId }, duplicate: !created };
}

/** Who appealed, from the ledger: the plaintiff's appeal (court event) wins over the agency's own. */
async function recordedAppellant(db: Db, caseId: string): Promise<'plaintiff' | 'agency' | null> {
  const rows = await db('case_events').where({ case_id: caseId }).whereIn('type', ['court-event:appeal-filed', 'appeal-filed', 'appeal-lodged']).select('type', 'payload');
  const by = rows.map((r: any) => (r.type === 'appeal-lodged' ? 'agency' : r.payload?.by));
  return by.includes('plaintiff') ? 'plaintiff' : by.includes('agency') ? 'agency' : null;
}
