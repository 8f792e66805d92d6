// DB tier (PostgreSQL, the app on the fake engine): the assessment API on a generated ledger —
// a justice bureau's region ranked by score, each sheet's deductions equal to what figure-queries.ts
// counts and linked to the cases behind them, the own sheet read-only for an agency, another
// region or agency refused, an adjustment stored append-only and recorded in the audit log, and
// bad input answered 4xx naming the field. Year 2025 (over on any day the test runs).
// A database of its own: the generated agencies would change what other files count.
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemsFor } from '../../../src/assessment/scoring-items.ts';
import { loadConfig } from '../../../src/config.ts';
import { createDb, type Db } from '../../../src/db/database.ts';
import { createApp } from '../../../src/http/app.ts';
import { agencySubtree } from '../../../src/process-engine/engine-directory.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { figureCases, figureTotals } from '../../../src/statistics/figure-queries.ts';
import { generateLedger, insertGeneratedLedger } from '../../../src/statistics/ledger-generator.ts';
import { as, createTestUser, type AuthedClient, type TestUser } from '../../helpers/auth.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';

let db: Db;
let drop: () => Promise<void>;
const ledger = generateLedger({ seed: 1414, cases: 2500, fromYear: 2025, toYear: 2026, asOf: '2026-11-30', label: 'assess1414' });
const subtree = agencySubtree(ledger.agencies.map((a) => ({ id: a.id, parent_id: a.parentId })));
const cityOf = (profile: string) => ledger.agencies.find((a) => a.parentId === ledger.provinceId && a.kind === 'government' && a.profile === profile)!;
const city = cityOf('liaocheng');
const cityBureau = ledger.agencies.find((a) => a.parentId === city.id && a.kind === 'justice-bureau')!;
const cityDepartments = ledger.agencies.filter((a) => a.parentId === city.id && a.kind === 'department');
const otherCity = cityOf('tengzhou');
const otherDepartment = ledger.agencies.find((a) => a.parentId === otherCity.id && a.kind === 'department')!;
const YEAR = '2025';

let app: ReturnType<typeof createApp>;
let admin: AuthedClient;
let bureau: AuthedClient;
let bureauUser: TestUser;
let otherBureau: AuthedClient;
let department: AuthedClient;

beforeAll(async () => {
  const fresh = await freshLedgerDatabase('yingsu_test_assessment');
  drop = fresh.drop;
  db = createDb(fresh.url, { min: 0, max: 4 });
  await insertGeneratedLedger(db, ledger);
  app = createApp({ config: loadConfig(), db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
  admin = as(app, await createTestUser(db, { roles: ['admin'], agencyId: ledger.provinceId }));
  bureauUser = await createTestUser(db, { roles: ['justice-bureau'], agencyId: cityBureau.id });
  bureau = as(app, bureauUser);
  otherBureau = as(app, await createTestUser(db, { roles: ['justice-bureau'], agencyId: ledger.agencies.find((a) => a.parentId === otherCity.id && a.kind === 'justice-bureau')!.id }));
  department = as(app, await createTestUser(db, { roles: ['legal-affairs', 'principal-head'], agencyId: cityDepartments[0]!.id }));
}, 120_000);
afterAll(async () => {
  await db?.destroy();
  await drop?.();
});

const yearQuery = (agencyId: string) => ({ agencyIds: [agencyId], from: '2025-01-01', to: '2025-12-31', asOf: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10) });

describe('GET /api/assessment/score-sheets', () => {
  it('a justice bureau lists its region\'s agencies (not the bureaus) ranked by score, with the quotas', { timeout: 120_000 }, async () => {
    const res = await bureau.get(`/api/assessment/score-sheets?region=${cityBureau.id}&year=${YEAR}`);
    expect(res.status).toBe(200);
    const expected = subtree(city.id).filter((id) => ledger.agencies.find((a) => a.id === id)!.kind !== 'justice-bureau');
    expect(res.body.region.label).toBe(`${city.name}及所属单位`);
    expect(res.body.sheets.map((s: any) => s.agencyId).sort()).toEqual([...expected].sort());
    expect(res.body.canAdjust).toBe(true);
    const totals = res.body.sheets.map((s: any) => s.total);
    expect(totals).toEqual([...totals].sort((a: number, b: number) => b - a));
    expect(res.body.sheets[0].rank).toBe(1);
    for (const s of res.body.sheets) {
      expect(s.maxTotal).toBe(100);
      expect(s.total).toBeCloseTo(100 - s.deductions.reduce((n: number, d: any) => n + d.deduction, 0), 5);
      // Liaocheng: five quotas judged for each agency; a year that is over is met, missed or not applicable
      expect(s.quotas.map((q: any) => q.quotaId)).toHaveLength(5);
      for (const q of s.quotas) expect(['met', 'missed', 'not-applicable']).toContain(q.status);
    }
    // ranks: ties share a rank, the next one skips
    for (let i = 1; i < res.body.sheets.length; i++) {
      const [a, b] = [res.body.sheets[i - 1], res.body.sheets[i]];
      expect(b.rank).toBe(a.total === b.total ? a.rank : i + 1);
    }
    expect(res.body.sheets.some((s: any) => s.deductions.length > 0)).toBe(true);
  });

  it('refuses another region (403) and names bad fields (400)', { timeout: 120_000 }, async () => {
    expect((await otherBureau.get(`/api/assessment/score-sheets?region=${city.id}&year=${YEAR}`)).status).toBe(403);
    expect((await department.get(`/api/assessment/score-sheets?region=${city.id}&year=${YEAR}`)).status).toBe(403);
    const bad = await bureau.get(`/api/assessment/score-sheets?region=nope&year=20x5`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: any) => f.field).sort()).toEqual(['region', 'year']);
    const future = await bureau.get(`/api/assessment/score-sheets?region=${city.id}&year=2099`);
    expect(future.status).toBe(400);
    expect(future.body.error.fields[0].field).toBe('year');
  });
});

describe('GET /api/assessment/score-sheets/:agencyId/:year', () => {
  it('each deduction is the figure\'s count at the item\'s points, explained in Chinese and linked to its cases', { timeout: 120_000 }, async () => {
    let checkedNumerator = 0;
    let checkedShortfall = 0;
    for (const agency of cityDepartments) {
      const res = await bureau.get(`/api/assessment/score-sheets/${agency.id}/${YEAR}`);
      expect(res.status).toBe(200);
      expect(res.body.agency).toMatchObject({ id: agency.id, profile: 'liaocheng' });
      expect(res.body.items.map((i: any) => i.itemId)).toEqual(itemsFor('liaocheng').map((i) => i.id));
      const t = await figureTotals(db, yearQuery(agency.id));
      for (const item of res.body.items) {
        const def = itemsFor('liaocheng').find((i) => i.id === item.itemId)!;
        expect(item.sourceTexts[0]).toContain('002_963c834d180c3dcb.txt');
        if (def.basis !== 'per-unit') continue;
        const f = t[def.figureId!]!;
        const units = def.side === 'numerator' ? f.numerator : (f.denominator ?? 0) - f.numerator;
        expect(item.units, item.itemId).toBe(units);
        expect(item.deduction, item.itemId).toBe(Math.min(def.maxPoints, units * def.pointsPerUnit!));
        expect(item.explanation).toMatch(/[扣分]/);
        if (!units) {
          expect(item.cases).toBeUndefined();
          continue;
        }
        expect(item.explanation).toContain(`${units}${def.unitLabel}`);
        const linked: string[] = item.cases.items.map((c: any) => c.id);
        expect(linked.length).toBe(Math.min(50, item.cases.total));
        for (const c of item.cases.items) expect(c.caseNumber).toBeTruthy();
        if (def.side === 'numerator') {
          // the failing numerator: exactly figureCases
          const behind = await figureCases(db, { ...yearQuery(agency.id), figureId: def.figureId!, limit: 1000, offset: 0 });
          expect(item.cases.total, item.itemId).toBe(behind.total);
          checkedNumerator++;
        } else if (def.figureId === 'head-appearance-rate-case') {
          // by case: one case per unit, none of them among the cases where a head appeared
          expect(item.cases.total, item.itemId).toBe(units);
          const appeared = new Set((await figureCases(db, { ...yearQuery(agency.id), figureId: def.figureId!, limit: 1000, offset: 0 })).caseIds);
          expect(linked.filter((id) => appeared.has(id))).toEqual([]);
          checkedShortfall++;
        } else {
          // performances: a case may hold more than one
          expect(item.cases.total).toBeGreaterThan(0);
          expect(item.cases.total).toBeLessThanOrEqual(units);
          checkedShortfall++;
        }
      }
      const sum = res.body.items.reduce((n: number, i: any) => n + i.score, 0);
      expect(res.body.total).toBeCloseTo(sum, 5);
    }
    expect(checkedNumerator).toBeGreaterThan(0);
    expect(checkedShortfall).toBeGreaterThan(0);
  });

  it('an agency reads its own sheet (no adjusting), not another\'s; an unknown agency is a 404', { timeout: 120_000 }, async () => {
    const own = await department.get(`/api/assessment/score-sheets/${cityDepartments[0]!.id}/${YEAR}`);
    expect(own.status).toBe(200);
    expect(own.body.canAdjust).toBe(false);
    expect((await department.get(`/api/assessment/score-sheets/${cityDepartments[1]!.id}/${YEAR}`)).status).toBe(403);
    expect((await bureau.get(`/api/assessment/score-sheets/${otherDepartment.id}/${YEAR}`)).status).toBe(403);
    expect((await admin.get(`/api/assessment/score-sheets/${otherDepartment.id}/${YEAR}`)).body.agency.profile).toBe('tengzhou');
    expect((await admin.get(`/api/assessment/score-sheets/00000000-0000-4000-8000-00000000dead/${YEAR}`)).status).toBe(404);
  });
});

describe('POST /api/assessment/score-sheets/:agencyId/:year/adjustments', () => {
  it('a justice bureau sets an item\'s score with a reason: the sheet counts it, the row is append-only, the audit log has it', { timeout: 120_000 }, async () => {
    const agency = cityDepartments[1]!;
    const before = (await bureau.get(`/api/assessment/score-sheets/${agency.id}/${YEAR}`)).body;
    const capacity = before.items.find((i: any) => i.itemId === 'lc-capacity');
    expect(capacity).toMatchObject({ score: 15, adjustment: null });
    const res = await bureau.post(`/api/assessment/score-sheets/${agency.id}/${YEAR}/adjustments`).send({ itemId: 'lc-capacity', score: 11.5, reason: '全年未组织旁听庭审，扣3.5分' });
    expect(res.status).toBe(201);
    expect(res.body.adjustment).toMatchObject({ itemId: 'lc-capacity', score: 11.5, computedScore: 15, reason: '全年未组织旁听庭审，扣3.5分', adjustedBy: (await db('people').where({ id: bureauUser.personId }).first('name')).name });
    expect(res.body.sheet.total).toBeCloseTo(before.total - 3.5, 5);
    expect(res.body.sheet.items.find((i: any) => i.itemId === 'lc-capacity')).toMatchObject({ score: 11.5, computedScore: 15 });
    expect(res.body.sheet.adjustments).toHaveLength(1);

    // the region's list shows it too
    const list = (await bureau.get(`/api/assessment/score-sheets?region=${cityBureau.id}&year=${YEAR}`)).body;
    expect(list.sheets.find((s: any) => s.agencyId === agency.id)).toMatchObject({ adjusted: 1, total: res.body.sheet.total });

    // append-only
    await expect(db('assessment_adjustments').where({ agency_id: agency.id }).update({ score: 15 })).rejects.toThrow(/append-only/);
    await expect(db('assessment_adjustments').where({ agency_id: agency.id }).delete()).rejects.toThrow(/append-only/);

    const audit = await db('audit_log').where({ person_id: bureauUser.personId, action: 'change' }).orderBy('id', 'desc').first();
    expect(audit.path).toBe(`/api/assessment/score-sheets/${agency.id}/${YEAR}/adjustments`);
    expect(audit.status).toBe(201);
    expect(audit.details.assessment).toMatchObject({ agencyId: agency.id, year: 2025, itemId: 'lc-capacity', computedScore: 15, score: 11.5, reason: '全年未组织旁听庭审，扣3.5分' });
  });

  it('refuses an agency\'s own staff (403) and another region\'s bureau (403)', { timeout: 120_000 }, async () => {
    const body = { itemId: 'lc-capacity', score: 10, reason: '理由说明' };
    expect((await department.post(`/api/assessment/score-sheets/${cityDepartments[0]!.id}/${YEAR}/adjustments`).send(body)).status).toBe(403);
    expect((await otherBureau.post(`/api/assessment/score-sheets/${cityDepartments[0]!.id}/${YEAR}/adjustments`).send(body)).status).toBe(403);
    expect(await db('assessment_adjustments').where({ agency_id: cityDepartments[0]!.id })).toEqual([]);
  });

  it('answers bad input with a 400 naming the field', { timeout: 120_000 }, async () => {
    const path = `/api/assessment/score-sheets/${cityDepartments[2]!.id}/${YEAR}/adjustments`;
    const cases: [unknown, string[]][] = [
      [{}, ['itemId', 'reason', 'score']],
      [{ itemId: 'lc-capacity', score: '12', reason: '理由说明' }, ['score']],
      [{ itemId: 'lc-capacity', score: -1, reason: '理由说明' }, ['score']],
      [{ itemId: 'lc-capacity', score: 10.3, reason: '理由说明' }, ['score']],
      [{ itemId: 'lc-capacity', score: 10, reason: '短' }, ['reason']],
      [{ itemId: 'tz-loss', score: 10, reason: '理由说明' }, ['itemId']],
      [{ itemId: 'lc-capacity', score: 16, reason: '理由说明' }, ['score']],
    ];
    for (const [body, fields] of cases) {
      const res = await bureau.post(path).send(body as object);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields.map((f: any) => f.field).sort(), JSON.stringify(body)).toEqual(fields);
      expect(res.body.error.fields[0].message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const badPath = await bureau.post(`/api/assessment/score-sheets/not-an-id/2025/adjustments`).send({ itemId: 'lc-capacity', score: 10, reason: '理由说明' });
    expect(badPath.status).toBe(400);
    expect(badPath.body.error.fields[0].field).toBe('agencyId');
    expect(await db('assessment_adjustments').where({ agency_id: cityDepartments[2]!.id })).toEqual([]);
  });
});

describe('GET /api/assessment/items', () => {
  it('serves the scoring items and quotas with their sources', { timeout: 120_000 }, async () => {
    const res = await request(app).get('/api/assessment/items').set('Authorization', `Bearer ${bureauUser.token}`);
    expect(res.status).toBe(200);
    expect(res.body.items.find((i: any) => i.id === 'tz-loss').sourceTexts[0]).toBe('003_0e14abe5e5e19f52.txt 三、（三）（滕州市人民政府办公室关于进一步做好全市行政诉讼和行政机关负责人出庭应诉工作的通知）');
    expect(res.body.quotas.map((q: any) => q.id)).toContain('lc-principal-head-busy-rate');
    expect(res.body.quotaNotes.find((n: any) => n.profile === 'yantai').note).toContain('不得硬性设置');
  });
});
