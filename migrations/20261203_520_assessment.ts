// Quotas and assessment (issue 14 §2, docs/assessment.md).
// quota_warnings: one row per agency, quota and year once the warning went out (the quota monitor
// inserts it in the same transaction as the notification, so a second sweep sends nothing).
// assessment_adjustments: a justice bureau's review of one scoring item of an agency's score sheet
// for a year — the score it sets and why; append-only (a new review is a new row, the latest counts).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE IF NOT EXISTS quota_warnings (
      id bigserial PRIMARY KEY,
      agency_id uuid NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
      quota_id text NOT NULL,
      year integer NOT NULL,
      status text NOT NULL,
      explanation text NOT NULL,
      facts jsonb NOT NULL DEFAULT '{}',
      judged_on date NOT NULL,
      warned_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (agency_id, quota_id, year)
    );
    CREATE TABLE IF NOT EXISTS assessment_adjustments (
      id bigserial PRIMARY KEY,
      agency_id uuid NOT NULL REFERENCES agencies(id),
      year integer NOT NULL,
      item_id text NOT NULL,
      score numeric(6, 2) NOT NULL,
      computed_score numeric(6, 2) NOT NULL,
      reason text NOT NULL,
      adjusted_by uuid REFERENCES people(id),
      adjusted_by_name text NOT NULL,
      adjusted_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX IF NOT EXISTS assessment_adjustments_sheet ON assessment_adjustments (agency_id, year, item_id, id);
    CREATE OR REPLACE FUNCTION assessment_adjustments_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'assessment_adjustments is append-only (%)', TG_OP; END $$;
    DROP TRIGGER IF EXISTS assessment_adjustments_no_change ON assessment_adjustments;
    CREATE TRIGGER assessment_adjustments_no_change BEFORE UPDATE OR DELETE ON assessment_adjustments
      FOR EACH ROW EXECUTE FUNCTION assessment_adjustments_append_only();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TRIGGER IF EXISTS assessment_adjustments_no_change ON assessment_adjustments;
    DROP TABLE IF EXISTS assessment_adjustments;
    DROP FUNCTION IF EXISTS assessment_adjustments_append_only();
    DROP TABLE IF EXISTS quota_warnings;
  `);
}
