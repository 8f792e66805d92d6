// "The product's users are the engine's users": every change of a person's password, roles or
// enabled state enqueues the sync of their engine user (Tasklist/Cockpit login) in the engine outbox,
// in the same transaction as the change — the engine is called later by the outbox's dispatcher,
// never inside a ledger transaction, and a down engine gets it when it is back.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { enqueueEngineCommand } from '../engine-commands/engine-command-store.ts';

/** The person's engine user follows the product (created, updated, or removed when disabled), with the password when one was set. */
export async function enqueueEngineUserSync(db: Db, person: { id: string; login: string }, password?: string): Promise<void> {
  await enqueueEngineCommand(db, {
    kind: 'sync-engine-user',
    idempotencyKey: `engine-user:${person.id}:${randomUUID()}`,
    businessKey: person.login,
    variables: password === undefined ? { personId: person.id } : { personId: person.id, password },
  });
}
