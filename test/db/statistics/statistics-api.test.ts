// DB tier (PostgreSQL, the app on the fake engine): GET /api/statistics/figures and
// GET /api/statistics — the figures of an agency or a region for a year or a quarter, with the
// previous year and the cases behind each number, only for the agencies the principal may see.
// A database of its own: the generated agencies would change what other files count.
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { createDb, type Db } from '../../../src/db/database.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { agencySubtree, justiceBureauRegion } from '../../../src/process-engine/engine-directory.ts';
import { FIGURES } from '../../../src/statistics/figure-catalogue.ts';
import { computeFiguresSql } from '../../../src/statistics/figures-sql.ts';
import { generateLedger, insertGeneratedLedger } from '../../../src/statistics/ledger-generator.ts';
import { as, createTestUser, type AuthedClient } from '../../helpers/auth.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';

let db: Db;
let drop: () => Promise<void>;
const ledger = generateLedger({ seed: 1402, cases: 400, fromYear: 2025, toYear: 2026, asOf: '2026-11-30', label: 'api1402' });
const rows = ledger.agencies.map((a) => ({ id: a.id, parent_id: a.parentId }));
const subtree = agencySubtree(rows);
const city = ledger.agencies.find((a) => a.parentId === ledger.provinceId && a.kind === 'government' && a.profile === 'liaocheng')!;
const otherCity = ledger.agencies.find((a) => a.parentId === ledger.provinceId && a.kind === 'government' && a.profile === 'yantai')!;
const cityBureau = ledger.agencies.find((a) => a.parentId === city.id && a.kind === 'justice-bureau')!;
const cityDepartment = ledger.agencies.find((a) => a.parentId === city.id && a.kind === 'department')!;
const otherDepartment = ledger.agencies.find((a) => a.parentId === otherCity.id && a.kind === 'department')!;

let app: ReturnType<typeof createApp>;
let admin: AuthedClient;
let bureau: AuthedClient;
let department: AuthedClient;

beforeAll(async () => {
  const fresh = await freshLedgerDatabase('yingsu_test_stats_api');
  drop = fresh.drop;
  db = createDb(fresh.url, { min: 0, max: 4 });
  await insertGeneratedLedger(db, ledger);
  app = createApp({ config: loadConfig(), db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
  admin = as(app, await createTestUser(db, { roles: ['admin'], agencyId: ledger.provinceId }));
  bureau = as(app, await createTestUser(db, { roles: ['justice-bureau'], agencyId: cityBureau.id }));
  department = as(app, await createTestUser(db, { roles: ['legal-affairs'], agencyId: cityDepartment.id }));
});
afterAll(async () => {
  await db?.destroy();
  await drop?.();
});

describe('GET /api/statistics/figures', () => {
  it('serves the catalogue: every figure with its Chinese name, definition and cited sources', async () => {
    const res = await admin.get('/api/statistics/figures');
    expect(res.status).toBe(200);
    expect(res.body.map((f: any) => f.id)).toEqual(FIGURES.map((f) => f.id));
    const loss = res.body.find((f: any) => f.id === 'loss-rate');
    expect(loss).toMatchObject({ name: '败诉率', kind: 'rate', unit: 'case' });
    expect(loss.denominator).toContain('closed');
    expect(loss.definition).toContain('审结');
    expect(loss.sources.map((s: any) => s.text).join()).toContain('004_b8935aaaa4c0ff62.txt 二、（三）3');
  });
});

describe('GET /api/statistics', () => {
  it('a justice bureau sees its government\'s region for a year: each figure with numerator, denominator, the previous year and the cases behind it', async () => {
    const res = await bureau.get(`/api/statistics?scope=region:${city.id}&period=2026`);
    expect(res.status).toBe(200);
    const region = subtree(city.id);
    expect(res.body.scope).toMatchObject({ kind: 'region', agencyId: city.id, label: `${city.name}及所属单位` });
    expect([...res.body.scope.agencyIds].sort()).toEqual([...region].sort());
    expect(res.body.period).toMatchObject({ label: '2026', name: '2026年', from: '2026-01-01', to: '2026-12-31' });
    expect(res.body.previousPeriod).toMatchObject({ label: '2025', from: '2025-01-01' });
    expect(res.body.figures.map((f: any) => f.id)).toEqual(FIGURES.map((f) => f.id));

    const asOf = res.body.asOf;
    const now = await computeFiguresSql(db, { agencyIds: region, from: '2026-01-01', to: '2026-12-31', asOf });
    const before = await computeFiguresSql(db, { agencyIds: region, from: '2025-01-01', to: '2025-12-31', asOf });
    for (const f of res.body.figures) {
      expect(f, f.id).toMatchObject({ value: now[f.id]!.value, numerator: now[f.id]!.numerator, denominator: now[f.id]!.denominator, caseIds: now[f.id]!.caseIds });
      expect(f.previousYear, f.id).toEqual({ value: before[f.id]!.value, numerator: before[f.id]!.numerator, denominator: before[f.id]!.denominator });
    }
    const newCases = res.body.figures.find((f: any) => f.id === 'cases-new');
    expect(newCases.value).toBeGreaterThan(10);
    expect(newCases.change.difference).toBe(newCases.value - newCases.previousYear.value);
    expect(newCases.change.ratio).toBeCloseTo((newCases.value - newCases.previousYear.value) / newCases.previousYear.value, 10);
    const lossRate = res.body.figures.find((f: any) => f.id === 'loss-rate');
    expect(lossRate.change.ratio).toBeNull();
    // drill-down: every case behind a number is a case of the region
    const agencyOfCase = new Map(ledger.rows.cases.map((c) => [c.id as string, c.agency_id as string]));
    for (const f of res.body.figures) for (const id of f.caseIds) expect(region, f.id).toContain(agencyOfCase.get(id));
  });

  it('the bureau\'s own region by its id (region:<justice bureau>) is its government\'s, and a quarter is a quarter', async () => {
    const res = await bureau.get(`/api/statistics?scope=region:${cityBureau.id}&period=2026q2`);
    expect(res.status).toBe(200);
    expect(res.body.scope.label).toBe(`${city.name}及所属单位`);
    expect(res.body.period).toMatchObject({ label: '2026Q2', name: '2026年第二季度', from: '2026-04-01', to: '2026-06-30' });
    expect(res.body.previousPeriod).toMatchObject({ label: '2025Q2', from: '2025-04-01', to: '2025-06-30' });
  });

  it('refuses what the principal may not see (403) and agencies that do not exist (404)', async () => {
    const outside = await bureau.get(`/api/statistics?scope=agency:${otherDepartment.id}&period=2026`);
    expect(outside.status).toBe(403);
    expect(outside.body.error.code).toBe('STATISTICS_SCOPE_FORBIDDEN');
    expect((await bureau.get(`/api/statistics?scope=region:${ledger.provinceId}&period=2026`)).status).toBe(403);
    expect((await department.get(`/api/statistics?scope=region:${city.id}&period=2026`)).status).toBe(403);
    const own = await department.get(`/api/statistics?scope=agency:${cityDepartment.id}&period=2026`);
    expect(own.status).toBe(200);
    expect(own.body.scope.agencyIds).toEqual([cityDepartment.id]);
    const unknown = await admin.get('/api/statistics?scope=agency:00000000-0000-4000-8000-00000000dead&period=2026');
    expect(unknown.status).toBe(404);
  });

  it('an admin sees the whole province', async () => {
    const res = await admin.get(`/api/statistics?scope=region:${ledger.provinceId}&period=2025`);
    expect(res.status).toBe(200);
    expect(res.body.scope.agencyIds.length).toBe(ledger.agencies.length);
    expect(res.body.figures.find((f: any) => f.id === 'cases-new').value).toBeGreaterThan(100);
  });

  it('answers bad input with 400 naming the field, and no principal with 401', async () => {
    const badPeriod = await admin.get(`/api/statistics?scope=region:${city.id}&period=2026Q5`);
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.error.fields).toEqual([expect.objectContaining({ field: 'period' })]);
    const badScope = await admin.get('/api/statistics?scope=city:1&period=2026');
    expect(badScope.status).toBe(400);
    expect(badScope.body.error.fields).toEqual([expect.objectContaining({ field: 'scope' })]);
    const missing = await admin.get('/api/statistics?period=2026');
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.map((f: any) => f.field)).toContain('scope');
    expect((await request(app).get(`/api/statistics?scope=region:${city.id}&period=2026`)).status).toBe(401);
  });
});
