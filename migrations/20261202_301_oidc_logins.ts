// Single sign-on (OIDC) logins under way: the state, nonce and PKCE verifier of an authorization
// request, bound to the browser that started it (a cookie whose SHA-256 is kept), for 10 minutes.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('oidc_logins', (t) => {
    t.text('state').primary();
    t.text('browser_hash').notNullable();
    t.text('nonce').notNullable();
    t.text('code_verifier').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('oidc_logins');
}
