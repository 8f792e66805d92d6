// Judgment outcomes (裁判结果) per case and instance level: the history the loss analysis reads
// (repeated losses in one field, LC Art. 37; enterprise-case loss rate, LC Art. 23). One row per case
// and level: a later decision at the same level (a corrected ruling) replaces the earlier one.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('case_judgments', (t) => {
    t.bigIncrements('id');
    t.uuid('case_id').notNullable().references('cases.id').onDelete('CASCADE');
    t.uuid('agency_id').notNullable().references('agencies.id');
    t.text('level').notNullable(); // first | second | retrial
    t.text('kind').notNullable(); // judgment | ruling | mediation
    t.text('outcome').notNullable(); // won | lost | partly-lost
    t.date('served_on').notNullable();
    t.date('effective_on');
    // the administrative field the repeated-loss analysis groups by (行政管理领域; defaults to the cause 案由)
    t.text('field').notNullable();
    t.boolean('enterprise_related').notNullable().defaultTo(false);
    t.text('source_job_key');
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['case_id', 'level']);
    t.index(['agency_id', 'field', 'effective_on']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('case_judgments');
}
