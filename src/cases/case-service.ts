// The case API's operations that reach the engine: register a case and start its process, take a
// court event and deliver its message (business key: the case id). Both write the ledger fact and
// an engine outbox command in one transaction; the dispatcher (src/engine-commands) carries the
// command out afterwards, so no engine call happens inside a ledger transaction.
import type { Db } from '../db/database.ts';
import { enqueueEngineCommand } from '../engine-commands/engine-command-store.ts';
import { ConflictError } from '../errors.ts';
import { appendCaseEvent } from '../ledger/case-events.ts';
import { messageVariables, type CaseEventInput, type CreateCaseInput, type DERIVED_MESSAGES } from './case-input.ts';
import { profileOf } from './case-profile-read-model.ts';
import { getCaseRow, type CaseRow } from './case-read-model.ts';
import { insertCase } from './case-store.ts';
import { AFTER_EFFECT_STAGES, EFFECT_EVENTS, eventRefusal } from './case-stages.ts';
import type { WorkCalendar } from '../deadlines/calendar.ts';
import { loadCalendar, syncCaseDeadlines } from '../deadlines/ledger.ts';
import { appealOutOfTime } from '../judgment/assess.ts';
import { caseJudgment, type CaseJudgment } from '../judgment/judgment-effect.ts';
import { shanghaiDateOf } from '../deadlines/dates.ts';
import { recommendationKeyOf } from '../recommendations/case-recommendations.ts';

export const MAIN_PROCESS_ID = 'case-lifecycle';

/** The message that tells running performance and loss-analysis processes the effective date moved (not a court event of its own). */
export const EFFECTIVE_DATE_MOVED: (typeof DERIVED_MESSAGES)[number] = 'effective-date-moved';

/** How long a court event waits for the step that takes it (the outcome may arrive before the talks end). */
const MESSAGE_TTL_MS: Record<string, number> = {
  'settlement-outcome': 30 * 86_400_000,
  'hearing-scheduled': 180 * 86_400_000,
  // the agency's appeal may be recorded before the judgment process waits for it
  'appeal-filed': 30 * 86_400_000,
  'hearing-moved': 86_400_000,
  // taken while a hearing is being prepared (the hearing process's boundary event)
  'head-appearance-notice': 86_400_000,
  // a judgment pronounced at the hearing (当庭宣判) waits until the hearing process has finished its
  // records and filings (Tengzhou: the appearance record within 5 working days, longer over a holiday)
  'judgment-served': 30 * 86_400_000,
  // the appeal window waits for them; recorded while it re-computes, they wait a moment
  'judgment-served-to-party': 86_400_000,
  'judgment-effective': 86_400_000,
  // after an estimated effect: the performance and loss-analysis steps whose dates hang on the effective
  // date take it (their due dates and timers are set again); a step that does not wait reads the ledger
  [EFFECTIVE_DATE_MOVED]: 3_600_000,
  // the court may serve the appeal copy before the main process reaches second instance
  'appeal-copy-served': 30 * 86_400_000,
  // start their own processes (message start events); kept so a deployment gap does not lose them
  'judicial-recommendation': 180 * 86_400_000,
  'procuratorial-recommendation': 180 * 86_400_000,
  'retrial-petition-served': 180 * 86_400_000,
  'public-opinion-incident': 180 * 86_400_000,
  'site-investigation': 180 * 86_400_000,
};

/**
 * Events whose message starts a process of its own (message start events). Operaton gives the new
 * instance the correlation's business key (the case id); its variables come from the message only,
 * so it gets the case's start variables (agencyId makes the agency its tenant) besides the event's.
 */
const STARTS_PROCESS = new Set(['retrial-petition-served', 'judicial-recommendation', 'procuratorial-recommendation', 'public-opinion-incident', 'site-investigation']);

/** Recommendations: a case may receive several, each named by its key (src/recommendations/case-recommendations.ts). */
const RECOMMENDATION_EVENTS = new Set(['judicial-recommendation', 'procuratorial-recommendation']);

/** How long a court event without its own entry in MESSAGE_TTL_MS is kept waiting for a process. */
const DEFAULT_MESSAGE_TTL_MS = 86_400_000;

/** How long registration waits for the engine to start the case's instance before answering "pending". */
const START_WAIT_MS = 2_000;

/** The outbox's dispatcher as the case API sees it: told to run when a command was enqueued. */
export interface EngineCommandKicker {
  kick(): void;
}

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

/** The start variables of a process a court event starts (retrial, judicial recommendation), from the ledger row; its level is the process's own. */
async function eventProcessVariables(db: Db, row: CaseRow) {
  const profile = (await profileOf(db, row.id)) ?? 'national';
  const { level: _caseLevel, ...variables } = caseStartVariables(row, { claimAmount: row.claim_amount === null ? undefined : Number(row.claim_amount), flags: row.flags ?? {} }, profile);
  return variables;
}

export interface RegisteredCase {
  id: string;
  /** the main instance's id, or null while its start is still in the engine outbox (engine down or slow) */
  processInstanceKey: string | null;
  /** started: the instance runs; pending: the start command waits in the outbox and is retried until the engine takes it */
  engine: { status: 'started' | 'pending' };
}

/**
 * Registers the case: the ledger rows and the command to start its main process are written in ONE
 * transaction, and no engine call happens inside it. After the commit the outbox dispatcher is
 * kicked and the answer waits up to `startWaitMs` for the instance; if the engine is down or slow the
 * case is registered all the same (`processInstanceKey: null`, `engine.status: 'pending'`) and the
 * dispatcher starts the instance later — idempotent by business key = case id, so a re-run command
 * never starts a second one.
 */
export async function registerCase(db: Db, commands: EngineCommandKicker, input: CreateCaseInput, options: { startWaitMs?: number } = {}): Promise<RegisteredCase> {
  const { row, command } = await db.transaction(async (trx) => {
    const row = await insertCase(trx, input);
    const agency = await trx('agencies').where({ id: input.agencyId }).first('profile');
    const command = await enqueueEngineCommand(trx, {
      kind: 'start-instance',
      idempotencyKey: `start-case:${row.id}:${MAIN_PROCESS_ID}`,
      caseId: row.id,
      businessKey: row.id,
      processKey: MAIN_PROCESS_ID,
      variables: caseStartVariables(row, input, agency.profile),
    });
    return { row, command };
  });
  commands.kick();
  const started = await waitForCommand(db, command.id, options.startWaitMs ?? START_WAIT_MS);
  const instanceId = started?.status === 'done' ? ((started.result as { instanceId?: string } | null)?.instanceId ?? null) : null;
  return { id: row.id, processInstanceKey: instanceId, engine: { status: instanceId ? 'started' : 'pending' } };
}

/** Polls the outbox row until it is no longer pending or the time is up; the row as it then is. */
async function waitForCommand(db: Db, id: string, waitMs: number): Promise<{ status: string; result: unknown } | undefined> {
  const until = Date.now() + waitMs;
  for (let pause = 20; ; pause = Math.min(pause * 2, 200)) {
    const row = await db('engine_commands').where({ id }).first('status', 'result');
    if (!row || row.status !== 'pending' || Date.now() >= until) return row;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, Math.max(until - Date.now(), 0))));
  }
}

/**
 * Records a court event and, in the same transaction, the command that correlates its message by
 * business key = case id; 409 with the reason when the case cannot take it now. The engine outbox
 * delivers it when a process waits for it (retried until then, at most the event's time to live;
 * what expires is listed for admins), so an unreachable engine never fails the request.
 */
export async function postCaseEvent(db: Db, commands: EngineCommandKicker, caseId: string, event: CaseEventInput, requestKey?: string) {
  const row = await getCaseRow(db, caseId);
  // the retry of a request whose answer was lost gets the recorded event's answer, before the stage
  // check: the case may have moved on because of it (the chaos run found a judgment retried into 409s)
  if (requestKey) {
    const earlier = await db('case_events').where({ case_id: caseId, idempotency_key: `api:${caseId}:${requestKey}` }).first('id', 'type');
    if (earlier) return recordedEventAnswer(db, caseId, earlier);
  }
  const appealBy = event.type === 'appeal-copy-served' ? await recordedAppellant(db, caseId) : undefined;
  const calendar = event.type === 'appeal-filed' || EFFECT_EVENTS.includes(event.type) ? await loadCalendar(db) : undefined;
  const profile = calendar ? ((await profileOf(db, caseId)) ?? 'national') : '';
  const judgment = calendar ? await caseJudgment(db, calendar, caseId, profile, row.level) : null;
  const refusal = eventRefusal({ stage: row.stage, status: row.status, settlementStatus: row.settlement_status, appealBy, level: row.level, effectEstimated: judgment?.effectiveStatus === 'estimated', effectPending: effectPending(judgment) }, event.type);
  if (refusal) throw new ConflictError('EVENT_NOT_ACCEPTED', refusal, { stage: row.stage, status: row.status, settlementStatus: row.settlement_status });
  if (event.type === 'appeal-filed') {
    // each party appeals within its own period, counted from its own service (行诉法85)
    const late = judgment ? appealOutOfTime(judgment.assessment, event.by, event.on) : null;
    if (late) throw new ConflictError('APPEAL_OUT_OF_TIME', late, { stage: row.stage, by: event.by, on: event.on });
  }
  // after an estimated effect: the case's effective date and its deadlines move in the ledger, and the
  // running performance and loss-analysis processes are told (message effective-date-moved)
  const afterEffect = EFFECT_EVENTS.includes(event.type) && AFTER_EFFECT_STAGES.includes(row.stage);
  // an appeal after the case went on at an estimate: the decision does not take effect at this level
  const lateAppeal = event.type === 'appeal-filed' && AFTER_EFFECT_STAGES.includes(row.stage);
  const { type, ...fields } = event;
  // the level decides whether the decision can be appealed at all: kept with the fact
  const payload = type === 'judgment-served' ? { ...fields, level: row.level } : fields;
  const startVariables = STARTS_PROCESS.has(type) ? await eventProcessVariables(db, row) : {};
  const { recorded, created } = await db.transaction(async (trx) => {
    const { event: recorded, created } = await appendCaseEvent(trx, {
      caseId,
      type: `court-event:${type}`,
      payload,
      actor: 'api',
      processInstanceKey: row.process_instance_key,
      idempotencyKey: requestKey ? `api:${caseId}:${requestKey}` : null,
    });
    if (created && afterEffect) {
      const moved = await caseJudgment(trx, calendar!, caseId, profile, row.level);
      await syncCaseDeadlines(trx, [{ caseId, triggerChanges: { effectiveOn: moved!.effectiveOn! } }], { calendar: calendar!, reason: `event:${recorded.id}`, actor: 'api' });
      await enqueueEngineCommand(trx, {
        kind: 'correlate-message',
        idempotencyKey: `event:${recorded.id}`,
        caseId,
        caseEventId: recorded.id,
        businessKey: caseId,
        messageName: EFFECTIVE_DATE_MOVED,
        variables: { effectiveOn: moved!.effectiveOn, effectiveStatus: moved!.effectiveStatus },
        expiresAt: new Date(Date.now() + MESSAGE_TTL_MS[EFFECTIVE_DATE_MOVED]!),
      });
    } else if (created) {
      if (lateAppeal) await withdrawEffect(trx, calendar!, caseId, row.level, `event:${recorded.id}`);
      await enqueueEngineCommand(trx, {
        kind: 'correlate-message',
        idempotencyKey: `event:${recorded.id}`,
        caseId,
        caseEventId: recorded.id,
        businessKey: caseId,
        messageName: type,
        // a recommendation's key names it in its process, its reply deadline and its reply (several per case)
        variables: { ...startVariables, ...messageVariables(event, caseId), ...(RECOMMENDATION_EVENTS.has(type) ? { recommendationKey: recommendationKeyOf(recorded.id) } : {}) },
        expiresAt: new Date(Date.now() + (MESSAGE_TTL_MS[type] ?? DEFAULT_MESSAGE_TTL_MS)),
      });
    }
    return { recorded, created };
  });
  if (created) commands.kick();
  return eventAnswer(caseId, recorded.id, type, afterEffect ? EFFECTIVE_DATE_MOVED : type, !created);
}

/** What POST /api/cases/:id/events answers for a recorded event. */
function eventAnswer(caseId: string, eventId: string, type: CaseEventInput['type'], messageName: string, duplicate: boolean) {
  return {
    eventId,
    type,
    message: { name: messageName, correlationKey: caseId },
    ...(RECOMMENDATION_EVENTS.has(type) ? { recommendationKey: recommendationKeyOf(eventId) } : {}),
    duplicate,
  };
}

/** The answer postCaseEvent gave for a recorded event, for a retry with its Idempotency-Key. */
async function recordedEventAnswer(db: Db, caseId: string, recorded: { id: string; type: string }) {
  const type = recorded.type.replace(/^court-event:/, '') as CaseEventInput['type'];
  const command = await db('engine_commands').where({ case_event_id: recorded.id, kind: 'correlate-message' }).first('message_name');
  return eventAnswer(caseId, String(recorded.id), type, command?.message_name ?? type, true);
}

/** The decision has not taken effect yet: its effective date (confirmed or not) is still ahead, so a party's own period runs. */
function effectPending(judgment: CaseJudgment | null): boolean {
  return judgment?.effectiveOn != null && judgment.effectiveOn > shanghaiDateOf(new Date());
}

/**
 * An appeal lodged after the case went on at an estimated effective date: the deadlines counted from
 * effect (retrial window, performance period, loss-analysis report) are withdrawn, and the outcome
 * recorded for this level as effective is removed (the final decision's loss analysis records it).
 */
async function withdrawEffect(trx: Db, calendar: WorkCalendar, caseId: string, level: string, reason: string) {
  await syncCaseDeadlines(trx, [{ caseId, triggerChanges: { effectiveOn: null } }], { calendar, reason, actor: 'api' });
  await trx('case_judgments').where({ case_id: caseId, level }).delete();
}

/** Who appealed, from the ledger: the plaintiff's appeal (court event) wins over the agency's own. */
async function recordedAppellant(db: Db, caseId: string): Promise<'plaintiff' | 'agency' | null> {
  const rows = await db('case_events').where({ case_id: caseId }).whereIn('type', ['court-event:appeal-filed', 'appeal-filed', 'appeal-lodged']).select('type', 'payload');
  const by = rows.map((r: any) => (r.type === 'appeal-lodged' ? 'agency' : r.payload?.by));
  return by.includes('plaintiff') ? 'plaintiff' : by.includes('agency') ? 'agency' : null;
}
