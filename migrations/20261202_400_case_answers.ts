// The answer's submission date per instance (答辩提交日, 一审 / 二审 / 再审): the statistics' late
// answers (逾期答辩) compare it with that instance's answer deadline. cases.answer_submitted_on keeps
// only the latest instance's date (the second-instance answer overwrites the first), so the
// first-instance answer was lost for the figures. Existing cases are carried over at their current level.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('case_answers', (t) => {
    t.uuid('case_id').notNullable().references('cases.id').onDelete('CASCADE');
    t.text('level').notNullable(); // first | second | retrial
    t.date('submitted_on').notNullable();
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['case_id', 'level']);
  });
  await knex.raw(`INSERT INTO case_answers (case_id, level, submitted_on) SELECT id, level, answer_submitted_on FROM cases WHERE answer_submitted_on IS NOT NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('case_answers');
}
