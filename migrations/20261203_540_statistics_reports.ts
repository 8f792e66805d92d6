// The periodic statistics reports (issue 14 §3): the annual report (年度行政应诉工作报告, YT 四（一）,
// LC Art. 43 para 2) and the quarterly circular (季度通报, TZ 三（三）) of a government's region,
// drafted by a worker from the ledger's figures, reviewed and approved as user tasks, then rendered
// and filed. One row per report kind, period and scope agency: a redelivered draft job or a second
// timer firing finds the row and drafts nothing new. `figures` is the snapshot of the figures the
// draft was made from (numbers nobody types in); the reviewer's text goes to `sections`.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE IF NOT EXISTS statistics_reports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('annual-report', 'quarterly-circular')),
      period text NOT NULL,
      agency_id uuid NOT NULL REFERENCES agencies(id),
      profile text NOT NULL,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'filed')),
      due_on date,
      due_rule jsonb,
      figures jsonb NOT NULL,
      sections jsonb NOT NULL DEFAULT '[]'::jsonb,
      review_comments text,
      reviewed_by text,
      reviewed_at timestamptz,
      approved_by text,
      approval_opinion text,
      approved_at timestamptz,
      filed_at timestamptz,
      process_instance_key text,
      draft_job_key text,
      review_job_key text,
      file_job_key text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (kind, period, agency_id)
    )`);
  await knex.raw('CREATE INDEX IF NOT EXISTS statistics_reports_agency ON statistics_reports (agency_id, period)');
  // the report's filed documents (PDF and DOCX of each version): documents keeps them, this links them
  await knex.raw('ALTER TABLE documents ADD COLUMN IF NOT EXISTS statistics_report_id uuid REFERENCES statistics_reports(id)');
  await knex.raw('CREATE INDEX IF NOT EXISTS documents_statistics_report ON documents (statistics_report_id) WHERE statistics_report_id IS NOT NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS documents_statistics_report');
  await knex.raw('ALTER TABLE documents DROP COLUMN IF EXISTS statistics_report_id');
  await knex.schema.dropTableIfExists('statistics_reports');
}
