// The append-only case event log. Every write is keyed: a redelivered job or a retried request
// with the same idempotency key returns the first event instead of writing a second one.
import type { Db } from '../db/database.ts';
import { unnestRows, type UnnestColumn } from '../db/unnest.ts';

export interface CaseEvent {
  id: string;
  caseId: string | null;
  type: string;
  payload: Record<string, unknown>;
  actor: string;
  sourceJobKey: string | null;
  processInstanceKey: string | null;
  idempotencyKey: string | null;
  occurredAt: Date;
  recordedAt: Date;
}

export interface NewCaseEvent {
  caseId?: string | null;
  type: string;
  payload?: Record<string, unknown>;
  actor: string;
  sourceJobKey?: string | null;
  processInstanceKey?: string | null;
  /** defaults to `job:<sourceJobKey>:<type>` when a job key is given */
  idempotencyKey?: string | null;
  occurredAt?: Date;
}

function toEvent(row: any): CaseEvent {
  return {
    id: String(row.id),
    caseId: row.case_id,
    type: row.type,
    payload: row.payload,
    actor: row.actor,
    sourceJobKey: row.source_job_key,
    processInstanceKey: row.process_instance_key,
    idempotencyKey: row.idempotency_key,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
  };
}

function rowOf(event: NewCaseEvent) {
  return {
    case_id: event.caseId ?? null,
    type: event.type,
    payload: JSON.stringify(event.payload ?? {}),
    actor: event.actor,
    source_job_key: event.sourceJobKey ?? null,
    process_instance_key: event.processInstanceKey ?? null,
    idempotency_key: event.idempotencyKey ?? (event.sourceJobKey ? `job:${event.sourceJobKey}:${event.type}` : null),
    occurred_at: event.occurredAt ?? new Date(),
  };
}

/** Appends an event; returns it and whether it was new. */
export async function appendCaseEvent(db: Db, event: NewCaseEvent): Promise<{ event: CaseEvent; created: boolean }> {
  const row = rowOf(event);
  const idempotencyKey = row.idempotency_key;
  const inserted = await db('case_events').insert(row).onConflict('idempotency_key').ignore().returning('*');
  if (inserted.length) return { event: toEvent(inserted[0]), created: true };
  const existing = await db('case_events').where({ idempotency_key: idempotencyKey }).first();
  return { event: toEvent(existing), created: false };
}

const EVENT_COLUMNS: readonly UnnestColumn<ReturnType<typeof rowOf>>[] = [
  ['case_id', 'uuid', (r) => r.case_id],
  ['type', 'text', (r) => r.type],
  ['payload', 'jsonb', (r) => r.payload],
  ['actor', 'text', (r) => r.actor],
  ['source_job_key', 'text', (r) => r.source_job_key],
  ['process_instance_key', 'text', (r) => r.process_instance_key],
  ['idempotency_key', 'text', (r) => r.idempotency_key],
  ['occurred_at', 'timestamptz', (r) => r.occurred_at],
];

/**
 * Appends many events in a few statements (a calendar change writes one per changed deadline of
 * 100,000 cases), each one array per column (src/db/unnest.ts); an event whose idempotency key is
 * already there is skipped, as appendCaseEvent does. Returns how many were new.
 */
export async function appendCaseEvents(db: Db, events: readonly NewCaseEvent[], batchSize = 5000): Promise<number> {
  let created = 0;
  for (let i = 0; i < events.length; i += batchSize) {
    const { names, select, bindings } = unnestRows(EVENT_COLUMNS, events.slice(i, i + batchSize).map(rowOf));
    const inserted = await db.raw(`insert into case_events (${names}) ${select} on conflict (idempotency_key) do nothing returning id`, bindings);
    created += inserted.rows.length;
  }
  return created;
}

export async function listCaseEvents(db: Db, filter: { caseId?: string; processInstanceKey?: string }): Promise<CaseEvent[]> {
  const q = db('case_events').orderBy('id');
  if (filter.caseId) q.where({ case_id: filter.caseId });
  if (filter.processInstanceKey) q.where({ process_instance_key: filter.processInstanceKey });
  return (await q).map(toEvent);
}
