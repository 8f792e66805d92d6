import { describe, expect, it } from 'vitest';
import { seedDemoRegion } from '../../src/seed/demo-region.ts';
import { useTestDb } from '../helpers/test-db.ts';

const db = useTestDb();

describe('demo region seed', () => {
  it('binds agencies to all six profiles, gives each department its heads and roles, and is idempotent', async () => {
    await seedDemoRegion(db);
    const before = await db('people').count('* as n').first();
    await seedDemoRegion(db);
    expect(await db('people').count('* as n').first()).toEqual(before);

    const profiles = await db('agencies').where({ kind: 'department' }).distinct('profile').pluck('profile');
    expect(profiles.sort()).toEqual(['hunan', 'jinghai', 'liaocheng', 'national', 'tengzhou', 'yantai']);

    const liaocheng = await db('agencies').where({ code: 'liaocheng-dept' }).first();
    const head = await db('people').where({ id: liaocheng.principal_head_id }).first();
    expect(head.post).toBe('局长');
    const parent = await db('agencies').where({ id: liaocheng.parent_id }).first();
    expect(parent.name).toBe('聊城市人民政府');
    const justice = await db('agencies').where({ parent_id: parent.id, kind: 'justice-bureau' }).first();
    expect(justice.name).toBe('聊城市司法局');
    // the seed's own people (logins liaocheng-dept-…): other tests add people with other roles to the same agency
    const roles = await db('person_roles as r').join('people as p', 'p.id', 'r.person_id').where({ 'r.agency_id': liaocheng.id }).whereLike('p.login', 'liaocheng-dept%').pluck('r.role');
    expect(new Set(roles)).toEqual(new Set(['principal-head', 'deputy-head', 'legal-affairs', 'handler', 'clerk', 'legal-counsel']));
  });
});
