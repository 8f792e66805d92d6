// Rule-profile versions (规则版本) created at run time (issue 16 §1): an analyst drafts a new version of
// a jurisdiction's profile (a city issues a new 办法), reviews its impact on open cases, then activates
// or discards it. The base versions stay in src/deadlines/ (code/data files); the effective profile set
// is the base plus every activated row (src/deadlines/profile-registry.ts). `activation_seq` orders the
// activations: the processes key their cached profile set by its maximum (decision 0015).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE IF NOT EXISTS profile_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      profile_id text NOT NULL,
      valid_from date NOT NULL,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'activated', 'discarded')),
      version jsonb NOT NULL,
      author text NOT NULL,
      note text,
      decided_by text,
      decision_reason text,
      activation_seq bigint,
      activation_result jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      activated_at timestamptz,
      discarded_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  await knex.raw('CREATE SEQUENCE IF NOT EXISTS profile_version_activation_seq');
  // one activated version per profile and start date: a second activation of the same date is refused
  await knex.raw(`CREATE UNIQUE INDEX IF NOT EXISTS profile_versions_activated ON profile_versions (profile_id, valid_from) WHERE status = 'activated'`);
  await knex.raw('CREATE INDEX IF NOT EXISTS profile_versions_profile ON profile_versions (profile_id, created_at)');
  // the processes' look at the latest activation (every request and job): an index-only max
  await knex.raw(`CREATE INDEX IF NOT EXISTS profile_versions_activation ON profile_versions (activation_seq) WHERE status = 'activated'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS profile_versions');
  await knex.raw('DROP SEQUENCE IF EXISTS profile_version_activation_seq');
}
