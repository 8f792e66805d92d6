// What a court accepts on an answer brief and an appeal: the parties' addresses and the legal
// representative of a company party (原告/第三人), and the answering agency's telephone.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('agencies', (t) => {
    t.text('phone');
  });
  await knex.schema.alterTable('case_parties', (t) => {
    t.text('address');
    t.text('legal_representative');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('case_parties', (t) => {
    t.dropColumn('legal_representative');
    t.dropColumn('address');
  });
  await knex.schema.alterTable('agencies', (t) => t.dropColumn('phone'));
}
