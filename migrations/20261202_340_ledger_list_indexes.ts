// The ledger page (台账, GET /api/cases) and its .xlsx export at 100,000 cases: the default order
// (complaint received, newest first), the filters (agency, level, status, year), the scope check on
// responding units, the current deadlines per case, the latest decision served per case, and search by
// 案号 or party name (substring search: trigram indexes, extension pg_trgm).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  await knex.raw('CREATE INDEX cases_ledger_order ON cases (complaint_received_on DESC, case_number)');
  await knex.raw('CREATE INDEX cases_agency_order ON cases (agency_id, complaint_received_on DESC)');
  await knex.raw('CREATE INDEX cases_level ON cases (level)');
  await knex.raw('CREATE INDEX cases_status ON cases (status)');
  await knex.raw('CREATE INDEX cases_case_number_trgm ON cases USING gin (case_number gin_trgm_ops)');
  await knex.raw('CREATE INDEX case_parties_name_trgm ON case_parties USING gin (name gin_trgm_ops)');
  await knex.raw('CREATE INDEX case_responding_units_agency ON case_responding_units (agency_id, case_id)');
  await knex.raw(`CREATE INDEX case_events_judgment_served ON case_events (case_id, id DESC) WHERE type = 'court-event:judgment-served'`);
  await knex.raw('CREATE INDEX case_deadlines_current_case ON case_deadlines (case_id, due_on) WHERE superseded_at IS NULL');
}

export async function down(knex: Knex): Promise<void> {
  for (const index of [
    'case_deadlines_current_case',
    'case_events_judgment_served',
    'case_responding_units_agency',
    'case_parties_name_trgm',
    'cases_case_number_trgm',
    'cases_status',
    'cases_level',
    'cases_agency_order',
    'cases_ledger_order',
  ]) {
    await knex.raw(`DROP INDEX IF EXISTS ${index}`);
  }
}
