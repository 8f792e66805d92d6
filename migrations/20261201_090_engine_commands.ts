// Engine commands (the engine outbox): what the product must tell the engine — start a case's
// instance, deliver a court event — written in the same transaction as the fact it follows from,
// then carried out by a dispatcher outside any transaction (src/engine-commands/). A court event
// whose process does not wait for it yet stays pending and is tried again until it expires; an
// expired or failed command is listed for admins. Nothing accepted is lost.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('engine_commands', (t) => {
    t.bigIncrements('id');
    // start-case:<caseId>:<processKey> | event:<case_events.id>: a retried request adds nothing
    t.text('idempotency_key').notNullable().unique();
    t.text('kind').notNullable(); // start-instance | correlate-message
    t.uuid('case_id').references('cases.id');
    t.bigInteger('case_event_id').references('case_events.id');
    t.text('business_key').notNullable();
    t.text('process_key'); // start-instance
    t.text('message_name'); // correlate-message
    t.jsonb('variables').notNullable().defaultTo('{}');
    // pending → done | expired (nothing waited for it in time) | failed (the engine refused it); retried while pending
    t.text('status').notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('lease_until', { useTz: true });
    t.timestamp('expires_at', { useTz: true });
    t.text('last_error');
    t.jsonb('result'); // the instance ids the command reached
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('done_at', { useTz: true });
    t.index(['status', 'next_attempt_at']);
    t.index(['case_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('engine_commands');
}
