// The ledger's people, roles and agencies as the engine's directory (read model, real PostgreSQL).
import { describe, expect, it } from 'vitest';
import { engineUserOf, readEngineDirectory } from '../../../src/process-engine/engine-directory.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { createTestAgency, createTestUser } from '../../helpers/auth.ts';
import { useTestDb } from '../../helpers/test-db.ts';

const db = useTestDb();

describe('engine directory from the ledger', () => {
  it('makes every login a user in its role groups and its agency tenant; a justice bureau sees its region', async () => {
    await seedDemoRegion(db);
    const directory = await readEngineDirectory(db);
    const agency = async (code: string) => (await db('agencies').where({ code }).first('id')).id as string;

    expect(directory.groups.map((g) => g.id)).toEqual(expect.arrayContaining(['clerk', 'handler', 'legal-affairs', 'legal-counsel', 'deputy-head', 'principal-head', 'justice-bureau']));
    expect(directory.groups.find((g) => g.id === 'legal-affairs')?.name).toBe('法制机构');
    expect(directory.tenants.length).toBe(await db('agencies').count('* as n').first().then((r) => Number(r!.n)));

    const legal = directory.users.find((u) => u.id === 'liaocheng-dept-legal')!;
    expect(legal).toMatchObject({ groups: ['handler', 'legal-affairs'], tenants: [await agency('liaocheng-dept')] });
    expect(legal.firstName).toMatch(/\p{Script=Han}/u);

    const bureau = directory.users.find((u) => u.id === 'liaocheng-justice-staff')!;
    expect(bureau.groups).toEqual(['justice-bureau']);
    const region = [await agency('liaocheng-gov'), await agency('liaocheng-justice'), await agency('liaocheng-dept')];
    expect(bureau.tenants).toEqual(expect.arrayContaining(region));
    // nothing outside its government's region
    expect(bureau.tenants).not.toContain(await agency('yantai-dept'));
    expect(directory.cockpitGroups).toContain('justice-bureau');
  });

  it('gives a disabled person, a person without a login and an admin no engine user', async () => {
    // an agency of its own: the shared ledger's demo agencies keep their seeded roles (seed.test.ts)
    const agencyId = await createTestAgency(db);
    const handler = await createTestUser(db, { roles: ['handler'], agencyId });
    const admin = await createTestUser(db, { roles: ['admin'], agencyId });
    const [noLogin] = await db('people').insert({ agency_id: agencyId, name: '无账号', post: '科员' }).returning('id');
    expect(await engineUserOf(db, handler.personId)).toMatchObject({ id: handler.login, groups: ['handler'], tenants: [agencyId] });
    expect(await engineUserOf(db, admin.personId)).toBeNull();
    expect(await engineUserOf(db, noLogin.id)).toBeNull();
    await db('people').where({ id: handler.personId }).update({ disabled_at: db.fn.now() });
    expect(await engineUserOf(db, handler.personId)).toBeNull();
    expect((await readEngineDirectory(db)).users.map((u) => u.id)).not.toContain(handler.login);
  });
});
