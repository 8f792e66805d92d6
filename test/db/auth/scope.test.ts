// Scope of a principal on the seeded demo region (real PostgreSQL): own agency, a justice bureau's
// region, an admin's everything, and cases visible through a responding unit.
import { beforeAll, describe, expect, it } from 'vitest';
import { assertCaseVisible, loadPrincipal, whereCaseVisible } from '../../../src/auth/scope.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { NotFoundError } from '../../../src/errors.ts';
import { createTestUser } from '../../helpers/auth.ts';
import { insertLedgerCase, useTestDb } from '../../helpers/test-db.ts';

const db = useTestDb();
const ids = new Map<string, string>();
const agency = (code: string) => ids.get(code)!;
const principalOf = async (login: string) => (await loadPrincipal(db, (await db('people').where({ login }).first('id')).id, 'session'))!;

beforeAll(async () => {
  await seedDemoRegion(db);
  for (const a of await db('agencies').select('id', 'code')) ids.set(a.code, a.id);
});

describe('scope', () => {
  it('an agency user sees its agency; a justice bureau its government’s region; an admin everything', async () => {
    const clerk = await principalOf('liaocheng-dept-clerk');
    expect(clerk).toMatchObject({ roles: ['clerk'], agencyId: agency('liaocheng-dept'), agencyName: '聊城市自然资源和规划局', visibleAgencyIds: [agency('liaocheng-dept')] });
    const bureau = await principalOf('liaocheng-justice-staff');
    expect(new Set(bureau.visibleAgencyIds)).toEqual(new Set(['liaocheng-gov', 'liaocheng-justice', 'liaocheng-dept'].map(agency)));
    const admin = await createTestUser(db, { roles: ['admin'], agencyId: agency('demo-gov') });
    expect((await loadPrincipal(db, admin.personId, 'token'))!.visibleAgencyIds).toBeNull();
    await db('people').where({ id: admin.personId }).update({ disabled_at: db.fn.now() });
    expect(await loadPrincipal(db, admin.personId, 'token')).toBeUndefined();
  });

  it('a case is visible to its agency, to a responding unit’s agency and to the region’s bureau; elsewhere it does not exist (404)', async () => {
    const own = await insertLedgerCase(db, { agency_id: agency('liaocheng-dept') });
    const joint = await insertLedgerCase(db, { agency_id: agency('yantai-dept') });
    await db('case_responding_units').insert({ case_id: joint.id, agency_id: agency('liaocheng-dept'), role: 'assisting', defends: 'original-act', rule: 'A07', explanation: '测试' });
    const elsewhere = await insertLedgerCase(db, { agency_id: agency('hunan-dept') });

    const visibleTo = async (login: string) => new Set(await whereCaseVisible(db('cases as c').whereIn('c.id', [own.id, joint.id, elsewhere.id]), await principalOf(login), 'c').pluck('c.id'));
    expect(await visibleTo('liaocheng-dept-clerk')).toEqual(new Set([own.id, joint.id]));
    expect(await visibleTo('liaocheng-justice-staff')).toEqual(new Set([own.id, joint.id]));
    expect(await visibleTo('yantai-dept-clerk')).toEqual(new Set([joint.id]));
    expect(await visibleTo('hunan-justice-staff')).toEqual(new Set([elsewhere.id]));

    const clerk = await principalOf('liaocheng-dept-clerk');
    await expect(assertCaseVisible(db, clerk, joint.id)).resolves.toMatchObject({ agencyId: agency('yantai-dept') });
    const hidden = await assertCaseVisible(db, clerk, elsewhere.id).catch((e) => e);
    const missing = await assertCaseVisible(db, clerk, '00000000-0000-4000-8000-000000000000').catch((e) => e);
    expect(hidden).toBeInstanceOf(NotFoundError);
    // the same answer as for a case that does not exist, apart from the id
    expect(hidden.message.replace(elsewhere.id, '?')).toBe(missing.message.replace('00000000-0000-4000-8000-000000000000', '?'));
  });
});
