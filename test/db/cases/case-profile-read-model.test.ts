import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { caseProfileOf, profileOf, profilesOf } from '../../../src/cases/case-profile-read-model.ts';
import { insertLedgerCase, useTestDb } from '../../helpers/test-db.ts';

const db = useTestDb();

async function insertAgency(profile: string, kind = 'government', level = 'county'): Promise<string> {
  const [agency] = await db('agencies').insert({ code: `profile-${randomUUID()}`, name: `测试机关-${profile}`, kind, level, profile }).returning('id');
  return agency.id;
}

describe('case profile read model', () => {
  it("reads the case's rule profile from its agency", async () => {
    const agencyId = await insertAgency('liaocheng');
    const c = await insertLedgerCase(db, { agency_id: agencyId });
    expect(await profileOf(db, c.id)).toBe('liaocheng');
  });

  it('returns the facts that pick a rule: agency kind and level, court level, cause', async () => {
    const agencyId = await insertAgency('yantai', 'government', 'county');
    const c = await insertLedgerCase(db, { agency_id: agencyId, level: 'second', cause: '行政许可' });
    expect(await caseProfileOf(db, c.id)).toEqual({
      caseId: c.id,
      agencyId,
      profile: 'yantai',
      agencyKind: 'government',
      agencyLevel: 'county',
      level: 'second',
      cause: '行政许可',
    });
  });

  it('returns undefined for a case that does not exist', async () => {
    expect(await profileOf(db, randomUUID())).toBeUndefined();
    expect(await caseProfileOf(db, randomUUID())).toBeUndefined();
  });

  it('reads the profiles of many cases in one call, leaving out unknown ids', async () => {
    const jinghai = await insertLedgerCase(db, { agency_id: await insertAgency('jinghai') });
    const national = await insertLedgerCase(db, { agency_id: await insertAgency('national', 'department', 'city') });
    const profiles = await profilesOf(db, [jinghai.id, national.id, randomUUID()]);
    expect(Object.fromEntries(profiles)).toEqual({ [jinghai.id]: 'jinghai', [national.id]: 'national' });
  });

  it('reads inside a transaction, seeing its uncommitted case', async () => {
    const agencyId = await insertAgency('hunan');
    const trx = await db.transaction();
    try {
      const c = await insertLedgerCase(trx, { agency_id: agencyId });
      expect(await profileOf(trx, c.id)).toBe('hunan');
    } finally {
      await trx.rollback();
    }
  });
});
