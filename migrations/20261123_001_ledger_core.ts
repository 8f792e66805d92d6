// Ledger core (台账): agencies with their jurisdiction profile, people and roles, cases, parties,
// and the append-only case event log. DESIGN.md §6.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('agencies', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('code').notNullable().unique();
    t.text('name').notNullable();
    // government | department | justice-bureau | township ...
    t.text('kind').notNullable();
    // province | city | county | township
    t.text('level').notNullable();
    t.uuid('parent_id').references('agencies.id');
    // deadline-engine rule profile id: national | yantai | hunan | liaocheng | tengzhou | jinghai
    t.text('profile').notNullable().defaultTo('national');
    t.text('address');
    t.text('legal_representative');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('people', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('agency_id').notNullable().references('agencies.id');
    t.text('name').notNullable();
    t.text('post').notNullable(); // 职务
    // staff (在编工作人员) | lawyer (律师) | part-time-adviser (兼职法律顾问) | head (负责人)
    t.text('kind').notNullable().defaultTo('staff');
    t.text('in_charge_of'); // what a deputy head is in charge of (分管工作)
    t.text('email');
    t.text('phone');
    t.text('login').unique(); // the Camunda user / app login
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  // Roles map to user-task candidate groups: clerk 办公室收发, handler 承办单位, legal-affairs 法制机构,
  // legal-counsel 法律顾问, deputy-head 分管负责人, principal-head 主要负责人, justice-bureau 司法局.
  await knex.schema.createTable('person_roles', (t) => {
    t.uuid('person_id').notNullable().references('people.id').onDelete('CASCADE');
    t.text('role').notNullable();
    t.uuid('agency_id').notNullable().references('agencies.id');
    t.primary(['person_id', 'role', 'agency_id']);
  });

  await knex.schema.alterTable('agencies', (t) => {
    t.uuid('principal_head_id').references('people.id');
  });

  await knex.schema.createTable('cases', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('agency_id').notNullable().references('agencies.id');
    t.text('case_number').notNullable(); // 案号
    t.text('court').notNullable();
    t.text('level').notNullable(); // first | second | retrial
    t.text('cause').notNullable(); // 案由
    t.text('act_description').notNullable(); // 被诉行政行为
    t.uuid('act_agency_id').references('agencies.id');
    t.text('reconsideration_status').notNullable().defaultTo('none'); // none | organ-sole-defendant | organ-co-defendant
    t.uuid('reconsideration_organ_id').references('agencies.id');
    t.integer('plaintiff_count').notNullable().defaultTo(1);
    t.decimal('claim_amount', 18, 2);
    // enterpriseRelated, majorComplex, majorPublicInterest, groupSuit, highAttention, massIncidentRisk, procuratorate
    t.jsonb('flags').notNullable().defaultTo('{}');
    t.date('complaint_received_on').notNullable();
    t.text('stage').notNullable().defaultTo('registration');
    t.text('status').notNullable().defaultTo('open'); // open | settled | withdrawn | closed
    t.text('process_instance_key');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['agency_id', 'case_number', 'level']);
    t.index(['stage']);
  });

  await knex.schema.createTable('case_parties', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('case_id').notNullable().references('cases.id').onDelete('CASCADE');
    t.text('role').notNullable(); // plaintiff | third-party | co-defendant
    t.text('name').notNullable();
    t.text('type').notNullable(); // person | enterprise | organization | agency
    t.uuid('agency_id').references('agencies.id');
    t.integer('position').notNullable().defaultTo(0);
    t.index(['case_id']);
  });

  // Append-only: who, when, what, from which job. idempotency_key makes a redelivered job's write a no-op.
  await knex.schema.createTable('case_events', (t) => {
    t.bigIncrements('id');
    t.uuid('case_id').references('cases.id');
    t.text('type').notNullable();
    t.jsonb('payload').notNullable().defaultTo('{}');
    t.text('actor').notNullable(); // a login, "worker:<job type>", "api", "system"
    t.text('source_job_key');
    t.text('process_instance_key');
    t.text('idempotency_key').unique();
    t.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['case_id', 'id']);
  });
  await knex.raw(`
    CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'case_events is append-only (%, id %)', TG_OP, OLD.id; END $$;
    CREATE TRIGGER case_events_no_update BEFORE UPDATE OR DELETE ON case_events
      FOR EACH ROW EXECUTE FUNCTION case_events_append_only();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS case_events_no_update ON case_events; DROP FUNCTION IF EXISTS case_events_append_only()');
  for (const table of ['case_events', 'case_parties', 'cases']) await knex.schema.dropTableIfExists(table);
  await knex.schema.alterTable('agencies', (t) => t.dropColumn('principal_head_id'));
  for (const table of ['person_roles', 'people', 'agencies']) await knex.schema.dropTableIfExists(table);
}
