// Documents (文书) filed with the case: metadata in the ledger, content in PostgreSQL (bytea).
// Content lives in the database, not a directory, because documents are small (tens to hundreds of
// KB), the workers and the web app are stateless and scale out without a shared file system, and the
// row, its content and its idempotency key commit in one transaction (no orphan files, one backup).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('documents', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    // a case document has case_id; a periodic report (annual report, quarterly circular) has agency_id + period
    t.uuid('case_id').references('cases.id');
    t.uuid('agency_id').references('agencies.id');
    t.text('period'); // '2026', '2026-Q3' for periodic reports
    t.text('kind').notNullable(); // answer-brief, evidence-list, ... (src/documents/document-kinds.ts)
    t.text('title').notNullable(); // 行政答辩状
    // one version series per (case or agency+period, kind); both formats of one rendering share the version
    t.text('series_key').notNullable();
    t.integer('version').notNullable();
    t.text('format').notNullable(); // pdf | docx
    t.text('template_version').notNullable();
    t.text('sha256').notNullable();
    t.integer('size').notNullable();
    t.text('content_type').notNullable();
    t.text('file_name').notNullable(); // Chinese: 行政答辩状（2026）鲁15行初123号_v1.pdf
    t.text('status').notNullable().defaultTo('draft'); // draft | final (stamped and submitted)
    t.text('case_file_section').notNullable(); // 案卷 section it is archived under
    t.text('storage').notNullable().defaultTo('database'); // where the content is: documents.content
    t.binary('content').notNullable();
    t.jsonb('data').notNullable().defaultTo('{}'); // the validated data the document was rendered from
    t.text('created_by').notNullable(); // a login or "worker:documents.render"
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('source_job_key');
    t.text('process_instance_key');
    t.unique(['series_key', 'version', 'format']);
    t.index(['case_id', 'kind']);
    t.index(['agency_id', 'period']);
  });
  // a redelivered job finds its document instead of making a second one
  await knex.raw(
    'CREATE UNIQUE INDEX documents_source_job_kind_format ON documents (source_job_key, kind, format) WHERE source_job_key IS NOT NULL',
  );
  await knex.raw(`ALTER TABLE documents ADD CONSTRAINT documents_subject CHECK (case_id IS NOT NULL OR (agency_id IS NOT NULL AND period IS NOT NULL))`);
  await knex.raw(`ALTER TABLE documents ADD CONSTRAINT documents_format CHECK (format IN ('pdf', 'docx'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('documents');
}
