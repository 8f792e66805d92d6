// Accounts of the demo region (issue 13 §1): the `admin` account and a password for every seeded
// person who has none yet. In the local demo (`npm start`) the password is fixed and printed; with
// the production seed (`npm run seed`) every seeded account must change it at its first login.
import type { Db } from '../db/database.ts';
import { createApiToken } from '../auth/api-tokens.ts';
import { hashPassword } from '../auth/passwords.ts';
import { demoRegion } from './demo-region.ts';

export const ADMIN_LOGIN = 'admin';
/** The demo process analyst (流程分析员): edits, deploys and migrates the diagrams in the browser modeler. */
export const ANALYST_LOGIN = 'analyst';
/** The name of the token `npm start` prints; the one of the previous start is revoked. */
const DEMO_TOKEN_NAME = 'npm start（本地演示）';

/** The product's administrator (role admin, every agency), placed in the demo region's city government. */
async function ensureAdmin(db: Db): Promise<string> {
  const government = await db('agencies').where({ code: demoRegion[0]!.code }).first('id');
  if (!government) throw new Error('the demo region is not loaded: run the seed first');
  const [admin] = await db('people')
    .insert({ agency_id: government.id, name: '系统管理员', post: '系统管理员', kind: 'staff', login: ADMIN_LOGIN, email: 'admin@demo.gov.cn' })
    .onConflict('login')
    .merge(['name', 'post'])
    .returning(['id']);
  await db('person_roles').insert({ person_id: admin.id, role: 'admin', agency_id: government.id }).onConflict(['person_id', 'role', 'agency_id']).ignore();
  return admin.id;
}

/** The demo process analyst (role analyst), in the demo region's city government like the admin. */
async function ensureAnalyst(db: Db): Promise<void> {
  const government = await db('agencies').where({ code: demoRegion[0]!.code }).first('id');
  if (!government) throw new Error('the demo region is not loaded: run the seed first');
  const [analyst] = await db('people')
    .insert({ agency_id: government.id, name: '流程分析员', post: '流程分析员', kind: 'staff', login: ANALYST_LOGIN, email: 'analyst@demo.gov.cn' })
    .onConflict('login')
    .merge(['name', 'post'])
    .returning(['id']);
  await db('person_roles').insert({ person_id: analyst.id, role: 'analyst', agency_id: government.id }).onConflict(['person_id', 'role', 'agency_id']).ignore();
}

/** Gives the admin and every seeded person without a password this one; answers how many got it. */
export async function seedDemoAccounts(db: Db, options: { password: string; mustChangePassword: boolean }): Promise<number> {
  await ensureAdmin(db);
  await ensureAnalyst(db);
  const logins = [ADMIN_LOGIN, ANALYST_LOGIN, ...demoRegion.flatMap((a) => a.people.map((p) => p.code))];
  const people: { id: string }[] = await db('people').whereIn('login', logins).whereNull('password_hash').select('id');
  // one salt per account: hashed one by one (≈ 60 ms each, on the thread pool)
  await Promise.all(
    people.map(async (p) =>
      db('people')
        .where({ id: p.id })
        .update({ password_hash: await hashPassword(options.password), must_change_password: options.mustChangePassword, password_changed_at: db.fn.now() }),
    ),
  );
  return people.length;
}

/** A fresh API token of the admin for the local demo (the previous demo token is revoked). */
export async function issueDemoAdminToken(db: Db): Promise<string> {
  const adminId = await ensureAdmin(db);
  await db('api_tokens').where({ person_id: adminId, name: DEMO_TOKEN_NAME }).whereNull('revoked_at').update({ revoked_at: db.fn.now() });
  return (await createApiToken(db, adminId, { name: DEMO_TOKEN_NAME, createdBy: adminId })).token;
}
