// Case life cycle, part 1: responding units (应诉承办单位) per case, reports to the justice bureau
// and to the government (备案、重大案件报告), the settlement status beside the stage, and the
// process instances of a case (the main one and the called ones) for the task API.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    // none | assessing | mediating | settled | withdrawn | failed | not-attempted
    t.text('settlement_status').notNullable().defaultTo('none');
    t.uuid('lead_agency_id');
    t.date('answer_submitted_on');
    t.date('withdrawn_on');
  });

  // A07–A10: who defends what. role lead | assisting | sole; defends original-act | reconsideration | whole-case
  await knex.schema.createTable('case_responding_units', (t) => {
    t.bigIncrements('id');
    t.uuid('case_id').notNullable().references('cases.id').onDelete('CASCADE');
    t.uuid('agency_id').notNullable().references('agencies.id');
    t.text('role').notNullable();
    t.text('defends').notNullable();
    t.text('rule').notNullable(); // catalog row and citation
    t.text('explanation').notNullable();
    t.timestamp('assigned_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['case_id', 'agency_id', 'defends']);
  });

  // Reports the case sends upward: justice-bureau-filing (备案) and major-case-report (重大案件报告).
  await knex.schema.createTable('case_reports', (t) => {
    t.bigIncrements('id');
    t.uuid('case_id').notNullable().references('cases.id').onDelete('CASCADE');
    t.text('kind').notNullable();
    t.text('timing').notNullable(); // after-receipt | before-answer | after-answer | on-identification
    t.uuid('addressee_agency_id').references('agencies.id');
    t.text('rule').notNullable();
    t.date('due_on');
    t.date('filed_on').notNullable();
    t.jsonb('document_ids').notNullable().defaultTo('[]');
    t.jsonb('payload').notNullable().defaultTo('{}');
    t.text('source_job_key');
    t.text('idempotency_key').notNullable().unique();
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['case_id']);
  });

  // Every process instance that works on a case (main, called), so its open user tasks can be found.
  await knex.schema.createTable('case_process_instances', (t) => {
    t.text('process_instance_key').primary();
    t.uuid('case_id').notNullable().references('cases.id').onDelete('CASCADE');
    t.text('bpmn_process_id').notNullable();
    t.text('level');
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['case_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['case_process_instances', 'case_reports', 'case_responding_units']) await knex.schema.dropTableIfExists(table);
  await knex.schema.alterTable('cases', (t) => {
    t.dropColumn('settlement_status');
    t.dropColumn('lead_agency_id');
    t.dropColumn('answer_submitted_on');
    t.dropColumn('withdrawn_on');
  });
}
