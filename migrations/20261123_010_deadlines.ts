// Deadline engine ledger tables (DESIGN.md §3, §6): the admin's calendar additions and corrections,
// the covered-years list beyond the npm data, and the case deadlines with their history.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Years added by an admin (the npm package's years are listed in src/deadlines/calendar.ts).
  await knex.schema.createTable('calendar_years', (t) => {
    t.integer('year').primary();
    t.text('notice').notNullable(); // 国务院办公厅关于YYYY年部分节假日安排的通知 (document number)
    t.text('added_by').notNullable();
    t.timestamp('added_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  // Days that differ from the Monday–Friday rule, added with a year or as a correction. Later entries
  // override the npm data for the same date.
  await knex.schema.createTable('calendar_days', (t) => {
    t.date('date').primary();
    t.boolean('is_off_day').notNullable();
    t.text('name').notNullable(); // 春节, 国庆节 … (the holiday a make-up day belongs to)
    t.text('kind').notNullable(); // year-data | correction
    t.text('reason');
    t.bigInteger('change_id').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  // One row per admin calendar change; its id keys the case events of the recomputation it caused.
  await knex.schema.createTable('calendar_changes', (t) => {
    t.bigIncrements('id');
    t.text('kind').notNullable(); // year | correction
    t.integer('year');
    t.jsonb('payload').notNullable();
    t.text('actor').notNullable();
    t.jsonb('result'); // summary of the recomputation
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  // What the deadlines of a case were computed from, so a changed trigger recomputes its dependants.
  await knex.schema.createTable('case_deadline_inputs', (t) => {
    t.uuid('case_id').primary().references('cases.id').onDelete('CASCADE');
    t.jsonb('triggers').notNullable().defaultTo('{}'); // {complaintReceivedOn: 'YYYY-MM-DD', 'hearingAt:2': …}
    t.jsonb('options').notNullable().defaultTo('{}'); // {judgmentKind, procedure, headAppeared, replyWithinDays}
    t.jsonb('stages').notNullable().defaultTo('[]'); // stages computed so far
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  // Current row: superseded_at IS NULL (one per case, rule, trigger key). A change supersedes the row and
  // inserts a new one; a removal only supersedes it. Rows are never deleted: they are the history.
  await knex.schema.createTable('case_deadlines', (t) => {
    t.bigIncrements('id');
    t.uuid('case_id').notNullable().references('cases.id').onDelete('CASCADE');
    t.text('rule_id').notNullable(); // answer-and-evidence …
    t.text('trigger_key').notNullable(); // complaintReceivedOn, judgmentServedOn, hearingAt:2 …
    t.text('profile').notNullable(); // the case's profile
    t.text('rule_profile').notNullable(); // the profile that supplied the rule (overlay or national)
    t.text('name').notNullable();
    t.text('stage').notNullable();
    t.text('basis').notNullable(); // statutory | internal | court
    t.date('trigger_on').notNullable();
    t.date('due_on').notNullable(); // ends 24:00 Asia/Shanghai
    t.text('status').notNullable(); // OK | PROVISIONAL
    t.date('may_extend_to');
    t.date('estimated_due');
    t.text('explanation').notNullable();
    t.text('source').notNullable(); // citation
    t.timestamp('computed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('computed_reason').notNullable(); // job:<key> | calendar:<change id> | recalc:<key>
    t.timestamp('superseded_at', { useTz: true });
    t.text('superseded_change'); // changed | removed
    t.text('superseded_reason');
    t.index(['case_id', 'rule_id', 'trigger_key', 'id']);
  });
  await knex.raw(`ALTER TABLE case_deadlines ADD CONSTRAINT case_deadlines_status_check CHECK (status IN ('OK', 'PROVISIONAL'))`);
  await knex.raw(`CREATE UNIQUE INDEX case_deadlines_current ON case_deadlines (case_id, rule_id, trigger_key) WHERE superseded_at IS NULL`);
  await knex.raw(`CREATE INDEX case_deadlines_provisional ON case_deadlines (case_id) WHERE superseded_at IS NULL AND status = 'PROVISIONAL'`);
  await knex.raw(`CREATE INDEX case_deadlines_current_due ON case_deadlines (due_on) WHERE superseded_at IS NULL`);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['case_deadlines', 'case_deadline_inputs', 'calendar_changes', 'calendar_days', 'calendar_years']) {
    await knex.schema.dropTableIfExists(table);
  }
}
