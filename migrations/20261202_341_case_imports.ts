// Import of cases already in progress (存量案件导入): an uploaded ledger (.xlsx) becomes a job whose
// validated rows are stored before the upload is answered, so a restart loses nothing accepted; a
// background runner registers each row's case and starts its process at the stage it has reached
// (the engine outbox's start command names the activity to start before).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('import_jobs', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('file_name').notNullable();
    t.text('file_sha256').notNullable();
    // importing → done | failed (a row could not be registered); invalid: refused at upload, nothing imported
    t.text('status').notNullable();
    t.integer('total').notNullable().defaultTo(0);
    t.integer('processed').notNullable().defaultTo(0);
    // [{row, column, field, message}]: every bad cell (invalid) or every row that failed (failed)
    t.jsonb('errors').notNullable().defaultTo('[]');
    t.text('created_by').notNullable(); // login of the principal
    // the agencies the uploader could see (null: all): the runner registers nothing outside them
    t.jsonb('visible_agency_ids');
    t.timestamp('lease_until', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true });
    t.index(['status']);
    t.index(['file_sha256']);
  });
  await knex.schema.createTable('import_job_rows', (t) => {
    t.uuid('job_id').notNullable().references('import_jobs.id').onDelete('CASCADE');
    t.integer('row_number').notNullable(); // the spreadsheet's row
    t.jsonb('data').notNullable(); // the validated case
    t.text('status').notNullable().defaultTo('pending'); // pending | done | failed
    t.uuid('case_id').references('cases.id');
    // true: the case was already in the ledger (a file imported twice)
    t.boolean('existed').notNullable().defaultTo(false);
    t.text('error');
    t.primary(['job_id', 'row_number']);
  });
  await knex.schema.alterTable('engine_commands', (t) => {
    // start-instance only: start the instance before this activity instead of at its start event
    t.text('start_before_activity');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('engine_commands', (t) => t.dropColumn('start_before_activity'));
  await knex.schema.dropTableIfExists('import_job_rows');
  await knex.schema.dropTableIfExists('import_jobs');
}
