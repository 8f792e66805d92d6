// Notifications (通知): the outbox every message goes through, the in-app inbox, and the channel
// settings per agency and per person. src/notifications/.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // One row per (message, recipient, channel). idempotency_key = job key + recipient + template +
  // channel, so a redelivered job inserts nothing new.
  await knex.schema.createTable('notification_outbox', (t) => {
    t.bigIncrements('id');
    t.text('idempotency_key').notNullable().unique();
    t.text('event').notNullable(); // template id, e.g. deadline.overdue
    t.uuid('case_id').references('cases.id');
    t.uuid('agency_id').references('agencies.id'); // the agency whose settings chose the channel
    t.uuid('recipient_person_id').references('people.id');
    t.text('recipient_name');
    t.text('recipient_role'); // the role the person was resolved from (handler, justice-bureau, ...)
    t.text('channel').notNullable(); // in-app | email | wecom | dingtalk | sms
    t.text('address'); // e-mail address, phone, or webhook URL
    t.text('subject').notNullable();
    t.text('body_text').notNullable();
    t.text('body_html');
    t.jsonb('payload').notNullable().defaultTo('{}'); // channel-specific extras (webhook secret ref, mentions)
    t.boolean('urgent').notNullable().defaultTo(false);
    // pending → sending → sent | failed (after the last attempt); pending again after a retry
    t.text('status').notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.integer('max_attempts').notNullable();
    t.timestamp('next_attempt_at', { useTz: true }).notNullable();
    t.timestamp('deferred_until', { useTz: true }); // set when do-not-disturb postponed the first send
    t.timestamp('lease_until', { useTz: true });
    t.text('last_error');
    t.text('source_job_key');
    t.text('process_instance_key');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('sent_at', { useTz: true });
    t.timestamp('failed_at', { useTz: true });
    t.index(['status', 'next_attempt_at']);
    t.index(['source_job_key']);
    t.index(['case_id']);
  });
  await knex.raw(`ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_status_check
    CHECK (status IN ('pending', 'sending', 'sent', 'failed'))`);
  await knex.raw(`ALTER TABLE notification_outbox ADD CONSTRAINT notification_outbox_channel_check
    CHECK (channel IN ('in-app', 'email', 'wecom', 'dingtalk', 'sms'))`);

  // The in-app inbox (站内信): written by the dispatcher when an in-app outbox row is delivered.
  await knex.schema.createTable('notification_inbox', (t) => {
    t.bigIncrements('id');
    t.bigInteger('outbox_id').notNullable().unique().references('notification_outbox.id');
    t.uuid('person_id').notNullable().references('people.id');
    t.uuid('case_id').references('cases.id');
    t.text('event').notNullable();
    t.text('subject').notNullable();
    t.text('body_text').notNullable();
    t.boolean('urgent').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('read_at', { useTz: true });
    t.index(['person_id', 'read_at']);
  });

  // Per agency: which personal channels its people get by default (in-app, email, sms), and its
  // group robots (wecom, dingtalk) with webhook URL and signing secret. events = null means all.
  await knex.schema.createTable('agency_notification_channels', (t) => {
    t.uuid('agency_id').notNullable().references('agencies.id').onDelete('CASCADE');
    t.text('channel').notNullable();
    t.boolean('enabled').notNullable().defaultTo(true);
    t.text('webhook_url');
    t.text('webhook_secret');
    t.jsonb('events');
    t.primary(['agency_id', 'channel']);
  });

  // Per person: overrides the agency default for a personal channel.
  await knex.schema.createTable('person_notification_channels', (t) => {
    t.uuid('person_id').notNullable().references('people.id').onDelete('CASCADE');
    t.text('channel').notNullable();
    t.boolean('enabled').notNullable();
    t.primary(['person_id', 'channel']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['person_notification_channels', 'agency_notification_channels', 'notification_inbox', 'notification_outbox']) {
    await knex.schema.dropTableIfExists(table);
  }
}
