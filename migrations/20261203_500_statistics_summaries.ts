// The statistics summaries (汇总表, docs/decisions/0007-statistics-summaries.md): per-case fact tables
// and per agency and quarter / year totals, derived from the ledger and refreshed by statement
// triggers on the ledger tables in the same transaction as the write. Existing ledgers are summarized
// here once. The SQL comes from src/statistics/summary-sql.ts as it is when this migration runs; a
// later change of a definition needs a migration of its own that re-creates the function and rebuilds.
import type { Knex } from 'knex';
import { FACT_TABLES, SUMMARY_DDL, TRIGGER_NAMES, rebuildSql, refreshFunctionSql, triggersSql } from '../src/statistics/summary-sql.ts';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(SUMMARY_DDL);
  await knex.raw(refreshFunctionSql());
  for (const sql of triggersSql()) await knex.raw(sql);
  for (const sql of rebuildSql()) await knex.raw(sql);
}

export async function down(knex: Knex): Promise<void> {
  for (const { name, table } of TRIGGER_NAMES()) await knex.raw(`DROP TRIGGER IF EXISTS ${name} ON ${table}`);
  await knex.raw('DROP FUNCTION IF EXISTS stat_on_ledger_change(); DROP FUNCTION IF EXISTS stat_refresh_cases(uuid[])');
  for (const table of [...FACT_TABLES, 'stat_buckets']) await knex.schema.dropTableIfExists(table);
}
