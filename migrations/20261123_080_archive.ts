// Case archive (结案归档, rules catalog H06; LC Art. 46): the frozen manifest of a closed case — every
// document version with its SHA-256 (re-computed from the stored content at freezing), the event log
// up to the freeze, deadlines, judgments and reports — and the manifest's own SHA-256. A later
// supplement (e.g. the reply to a judicial recommendation that arrives after archiving) is a new
// version; a version is never changed.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('case_archives', (t) => {
    t.bigIncrements('id');
    t.uuid('case_id').notNullable().references('cases.id');
    t.integer('version').notNullable();
    t.jsonb('manifest').notNullable();
    t.text('manifest_sha256').notNullable();
    t.integer('document_count').notNullable();
    t.integer('event_count').notNullable();
    t.bigInteger('last_event_id'); // the newest case_events.id the manifest covers
    t.text('retention'); // permanent | long | short
    t.text('archived_by').notNullable();
    t.text('notes');
    t.text('source_job_key');
    t.text('process_instance_key');
    t.text('idempotency_key').notNullable().unique();
    t.timestamp('archived_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['case_id', 'version']);
  });
  // frozen means frozen: the rows can be added, never changed or removed
  await knex.raw(`
    CREATE FUNCTION case_archives_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '归档案卷不可修改或删除（case_archives %）', OLD.id; END $$;
    CREATE TRIGGER case_archives_no_update BEFORE UPDATE OR DELETE ON case_archives
      FOR EACH ROW EXECUTE FUNCTION case_archives_immutable();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('case_archives');
  await knex.raw('DROP FUNCTION IF EXISTS case_archives_immutable()');
}
