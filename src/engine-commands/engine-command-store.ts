// The engine outbox's rows: enqueued in the caller's transaction with the fact they follow from,
// claimed by dispatchers with FOR UPDATE SKIP LOCKED under a lease (several dispatchers never take
// the same row; a dispatcher that died leaves its rows to the others after the lease).
import type { Db } from '../db/database.ts';

export type EngineCommandKind = 'start-instance' | 'correlate-message' | 'sync-engine-user';
export type EngineCommandStatus = 'pending' | 'done' | 'expired' | 'failed';

export interface EngineCommand {
  id: string;
  idempotencyKey: string;
  kind: EngineCommandKind;
  caseId: string | null;
  caseEventId: string | null;
  businessKey: string;
  processKey: string | null;
  /** start-instance: the activity the instance starts before (an imported case); null: the start event */
  startBeforeActivity: string | null;
  messageName: string | null;
  variables: Record<string, unknown>;
  status: EngineCommandStatus;
  attempts: number;
  nextAttemptAt: Date;
  expiresAt: Date | null;
  lastError: string | null;
  result: unknown;
  createdAt: Date;
  doneAt: Date | null;
}

export type NewEngineCommand =
  | { kind: 'start-instance'; idempotencyKey: string; caseId?: string; businessKey: string; processKey: string; startBeforeActivity?: string; variables?: Record<string, unknown> }
  | {
      kind: 'correlate-message';
      idempotencyKey: string;
      caseId?: string;
      caseEventId?: string;
      businessKey: string;
      messageName: string;
      variables?: Record<string, unknown>;
      /** after this the event is no longer waited for: expired, listed for admins */
      expiresAt?: Date;
    }
  /**
   * The person's engine user made to match the product (businessKey = the login = the engine user id):
   * variables `{personId, password?}`. A password waits here only until the command is carried out or
   * given up; then it is erased from the row (redactSecrets).
   */
  | { kind: 'sync-engine-user'; idempotencyKey: string; businessKey: string; variables: { personId: string; password?: string } };

function toCommand(row: any): EngineCommand {
  return {
    id: String(row.id),
    idempotencyKey: row.idempotency_key,
    kind: row.kind,
    caseId: row.case_id,
    caseEventId: row.case_event_id === null ? null : String(row.case_event_id),
    businessKey: row.business_key,
    processKey: row.process_key,
    startBeforeActivity: row.start_before_activity ?? null,
    messageName: row.message_name,
    variables: row.variables ?? {},
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    expiresAt: row.expires_at,
    lastError: row.last_error,
    result: row.result,
    createdAt: row.created_at,
    doneAt: row.done_at,
  };
}

/** Adds a command (in the caller's transaction); a second call with the same key returns the first. */
export async function enqueueEngineCommand(db: Db, command: NewEngineCommand): Promise<EngineCommand> {
  const row = {
    idempotency_key: command.idempotencyKey,
    kind: command.kind,
    case_id: ('caseId' in command ? command.caseId : undefined) ?? null,
    case_event_id: command.kind === 'correlate-message' ? (command.caseEventId ?? null) : null,
    business_key: command.businessKey,
    process_key: command.kind === 'start-instance' ? command.processKey : null,
    start_before_activity: command.kind === 'start-instance' ? (command.startBeforeActivity ?? null) : null,
    message_name: command.kind === 'correlate-message' ? command.messageName : null,
    variables: JSON.stringify(command.variables ?? {}),
    expires_at: command.kind === 'correlate-message' ? (command.expiresAt ?? null) : null,
  };
  const [inserted] = await db('engine_commands').insert(row).onConflict('idempotency_key').ignore().returning('*');
  return toCommand(inserted ?? (await db('engine_commands').where({ idempotency_key: command.idempotencyKey }).first()));
}

/** When the next pending command this dispatcher could claim is due (null: none); leased ones are another dispatcher's. */
export async function nextCommandAttempt(db: Db, now: Date): Promise<Date | null> {
  const row = await db('engine_commands')
    .where({ status: 'pending' })
    .andWhere((q) => q.whereNull('lease_until').orWhere('lease_until', '<', now))
    .min<{ next: Date | null }>('next_attempt_at as next')
    .first();
  return row?.next ? new Date(row.next) : null;
}

/** Claims due pending commands (or ones whose dispatcher's lease ran out), oldest first. */
export async function claimDueCommands(db: Db, now: Date, options: { leaseMs: number; limit: number }): Promise<EngineCommand[]> {
  const result = await db.raw(
    `UPDATE engine_commands c
        SET attempts = c.attempts + 1, lease_until = :leaseUntil
      WHERE c.id IN (
        SELECT id FROM engine_commands
         WHERE status = 'pending' AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :now)
         ORDER BY next_attempt_at, id
         LIMIT :limit
         FOR UPDATE SKIP LOCKED)
      RETURNING c.*`,
    { now, leaseUntil: new Date(now.getTime() + options.leaseMs), limit: options.limit },
  );
  return result.rows.map(toCommand).sort((a: EngineCommand, b: EngineCommand) => Number(a.id) - Number(b.id));
}

/** A command's variables as they may be listed: the password (sync-engine-user) replaced by '[erased]'. */
export function redactSecrets(variables: Record<string, unknown>): Record<string, unknown> {
  return 'password' in variables ? { ...variables, password: '[erased]' } : variables;
}

export async function finishCommand(db: Db, id: string, outcome: { status: 'done'; result: unknown } | { status: 'expired' | 'failed'; error: string }, now: Date): Promise<void> {
  // a finished command's password (sync-engine-user) is erased with its outcome; the row is kept for the record
  await db('engine_commands')
    .where({ id })
    .update({
      ...(outcome.status === 'done'
        ? { status: 'done', result: JSON.stringify(outcome.result), done_at: now, lease_until: null, last_error: null }
        : { status: outcome.status, last_error: outcome.error.slice(0, 2000), done_at: now, lease_until: null }),
      variables: db.raw(`CASE WHEN jsonb_exists(variables, 'password') THEN jsonb_set(variables, '{password}', '"[erased]"') ELSE variables END`),
    });
}

export async function retryCommandLater(db: Db, id: string, nextAttemptAt: Date, error: string): Promise<void> {
  await db('engine_commands').where({ id }).update({ next_attempt_at: nextAttemptAt, lease_until: null, last_error: error.slice(0, 2000) });
}

/** What admins must look at: commands that expired or failed, and pending ones older than `staleAfterMs`. */
export async function listUnresolvedCommands(db: Db, now: Date, staleAfterMs = 3_600_000): Promise<EngineCommand[]> {
  const rows = await db('engine_commands')
    .whereIn('status', ['expired', 'failed'])
    .orWhere((q) => q.where({ status: 'pending' }).andWhere('created_at', '<', new Date(now.getTime() - staleAfterMs)))
    .orderBy('id');
  return rows.map(toCommand);
}
