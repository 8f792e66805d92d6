// Security (issue 13 §1): local accounts on people, server-side sessions, API tokens, login
// throttling and the append-only audit log. Secrets are never stored: a session id and an API token
// are kept as their SHA-256 (both are 256-bit random values), a password as an argon2id PHC string.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('people', (t) => {
    t.text('password_hash'); // argon2id PHC string; null = no local password (SSO or token only)
    t.boolean('must_change_password').notNullable().defaultTo(false);
    t.timestamp('password_changed_at', { useTz: true });
    t.timestamp('disabled_at', { useTz: true });
    t.timestamp('last_login_at', { useTz: true });
  });

  await knex.schema.createTable('sessions', (t) => {
    t.text('id_hash').primary(); // SHA-256 (hex) of the cookie's session id
    t.uuid('person_id').notNullable().references('people.id').onDelete('CASCADE');
    t.text('csrf_token').notNullable();
    t.text('via').notNullable().defaultTo('session'); // session | oidc
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('idle_expires_at', { useTz: true }).notNullable();
    t.timestamp('absolute_expires_at', { useTz: true }).notNullable();
    t.timestamp('revoked_at', { useTz: true });
    t.text('ip');
    t.text('user_agent');
    t.index(['person_id']);
  });

  await knex.schema.createTable('api_tokens', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('person_id').notNullable().references('people.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('token_hash').notNullable().unique(); // SHA-256 (hex) of the whole token
    t.text('prefix').notNullable(); // the token's first characters, shown in lists to recognise it
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('created_by');
    t.timestamp('last_used_at', { useTz: true });
    t.timestamp('expires_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
    t.index(['person_id']);
  });

  // one row per throttled key: "login:<login>" and "ip:<address>"
  await knex.schema.createTable('login_throttle', (t) => {
    t.text('key').primary();
    t.integer('failures').notNullable().defaultTo(0);
    t.timestamp('window_started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('locked_until', { useTz: true });
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('person_id'); // no foreign key: the record outlives the person
    t.text('login');
    t.uuid('actor_agency_id');
    t.text('action').notNullable(); // login.success, login.failure, case.read, document.download, change, ...
    t.text('method');
    t.text('path');
    t.integer('status');
    t.uuid('case_id');
    t.uuid('case_agency_id');
    t.text('ip');
    t.text('user_agent');
    t.jsonb('details').notNullable().defaultTo('{}');
    t.index(['at']);
    t.index(['person_id', 'at']);
    t.index(['case_id', 'at']);
    t.index(['action', 'at']);
  });
  await knex.raw(`
    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit_log is append-only (%)', TG_OP; END $$;
    CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log; DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log; DROP FUNCTION IF EXISTS audit_log_append_only()');
  for (const table of ['audit_log', 'login_throttle', 'api_tokens', 'sessions']) await knex.schema.dropTableIfExists(table);
  await knex.schema.alterTable('people', (t) => {
    for (const c of ['password_hash', 'must_change_password', 'password_changed_at', 'disabled_at', 'last_login_at']) t.dropColumn(c);
  });
}
