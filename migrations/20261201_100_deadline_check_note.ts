// A deadline whose last day is a make-up working day (调休上班日) carries a flag and a Chinese note
// asking the user to check it (rules catalogue §2.2 item 4; README "Legal deadlines").
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE case_deadlines ADD COLUMN IF NOT EXISTS last_day_make_up_workday boolean NOT NULL DEFAULT false');
  await knex.raw('ALTER TABLE case_deadlines ADD COLUMN IF NOT EXISTS check_note text');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE case_deadlines DROP COLUMN IF EXISTS check_note');
  await knex.raw('ALTER TABLE case_deadlines DROP COLUMN IF EXISTS last_day_make_up_workday');
}
