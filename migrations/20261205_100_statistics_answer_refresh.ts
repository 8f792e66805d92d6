// stat_refresh_answers(ids): the statistics refresh of the answer facts alone, for the deadline
// recomputation of thousands of cases (src/deadlines/ledger.ts; summary-sql.ts says why it is enough).
// The SQL comes from src/statistics/summary-sql.ts as it is when this migration runs.
import type { Knex } from 'knex';
import { refreshAnswersFunctionSql } from '../src/statistics/summary-sql.ts';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(refreshAnswersFunctionSql());
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP FUNCTION IF EXISTS stat_refresh_answers(uuid[])');
}
