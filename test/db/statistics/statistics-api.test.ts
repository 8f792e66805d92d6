// DB tier (PostgreSQL, the app on the fake engine): the statistics API — the catalogue, the scopes
// a user may pick, the figures of an agency, a region or every agency for a year or a quarter (totals
// without case-id arrays), the trend over periods, the ranking of a region's agencies, the cases
// behind one number as ledger rows, and every table as .xlsx — only for the agencies the principal
// may see. A database of its own: the generated agencies would change what other files count.
import ExcelJS from 'exceljs';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { createDb, type Db } from '../../../src/db/database.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { agencySubtree } from '../../../src/process-engine/engine-directory.ts';
import { FIGURES } from '../../../src/statistics/figure-catalogue.ts';
import { figureTotals } from '../../../src/statistics/figure-queries.ts';
import { computeFiguresSql } from '../../../src/statistics/figures-sql.ts';
import { loadLedgerFacts } from '../../../src/statistics/ledger-facts.ts';
import { generateLedger, insertGeneratedLedger } from '../../../src/statistics/ledger-generator.ts';
import { computeFiguresReference } from '../../../src/statistics/reference.ts';
import { neutraliseFormula } from '../../../src/cases/ledger-export.ts';
import { as, createTestUser, type AuthedClient } from '../../helpers/auth.ts';
import { binaryBody } from '../../helpers/binary-body.ts';
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
const region = subtree(city.id);
const agencyOfCase = new Map(ledger.rows.cases.map((c) => [c.id as string, c.agency_id as string]));

// a plaintiff whose name a spreadsheet would run as a formula: the exports must write it as text
const FORMULA = '=HYPERLINK("http://evil.example","点我")';
const formulaCase = ledger.rows.cases.find((c) => region.includes(c.agency_id as string) && String(c.complaint_received_on).startsWith('2026'))!;
ledger.rows.case_parties.find((p) => p.case_id === formulaCase.id && p.role === 'plaintiff')!.name = FORMULA;

let app: ReturnType<typeof createApp>;
let admin: AuthedClient;
let bureau: AuthedClient;
let department: AuthedClient;
const ASOF = '2026-11-30';

beforeAll(async () => {
  const fresh = await freshLedgerDatabase('yingsu_test_stats_api');
  drop = fresh.drop;
  db = createDb(fresh.url, { min: 0, max: 4 });
  await insertGeneratedLedger(db, ledger);
  app = createApp({ config: loadConfig(), db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
  admin = as(app, await createTestUser(db, { roles: ['admin'], agencyId: ledger.provinceId }));
  bureau = as(app, await createTestUser(db, { roles: ['justice-bureau'], agencyId: cityBureau.id }));
  department = as(app, await createTestUser(db, { roles: ['legal-affairs'], agencyId: cityDepartment.id }));
}, 120_000);
afterAll(async () => {
  await db?.destroy();
  await drop?.();
});

/** An .xlsx answer as a workbook. */
async function workbookOf(req: request.Test): Promise<{ res: request.Response; book: ExcelJS.Workbook }> {
  const res = await req.buffer(true).parse(binaryBody);
  const book = new ExcelJS.Workbook();
  if (res.status === 200) await book.xlsx.load(res.body as unknown as ArrayBuffer);
  return { res, book };
}

/** The rows of a sheet under its header line (the first line is the title): header text → cell value. */
function tableOf(sheet: ExcelJS.Worksheet): Record<string, unknown>[] {
  const header = (sheet.getRow(2).values as unknown[]).slice(1).map(String);
  const out: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n <= 2) return;
    const values = (row.values as unknown[]).slice(1);
    out.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  });
  return out;
}

describe('GET /api/statistics/figures and /api/statistics/scopes', () => {
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

  it('offers each user the scopes it may see and opens with its own: a bureau its region, a department itself, an admin the province', async () => {
    const b = await bureau.get('/api/statistics/scopes');
    expect(b.status).toBe(200);
    expect(b.body.default).toEqual({ scope: `region:${city.id}`, period: expect.stringMatching(/^\d{4}$/) });
    const bureauScopes = b.body.options.map((o: any) => o.scope);
    expect(bureauScopes).toContain(`region:${city.id}`);
    expect(bureauScopes).toContain(`agency:${cityDepartment.id}`);
    expect(bureauScopes).not.toContain(`region:${ledger.provinceId}`);
    expect(bureauScopes).not.toContain(`agency:${otherDepartment.id}`);
    expect(b.body.options.find((o: any) => o.scope === `region:${city.id}`).label).toBe(`${city.name}及所属单位`);

    const d = await department.get('/api/statistics/scopes');
    expect(d.body.default.scope).toBe(`agency:${cityDepartment.id}`);
    expect(d.body.options.map((o: any) => o.scope)).toEqual([`agency:${cityDepartment.id}`]);

    const a = await admin.get('/api/statistics/scopes');
    // other files' agencies are not in this database: the generated province is the one root
    expect(a.body.default.scope).toBe(`region:${ledger.provinceId}`);
  });
});

describe('GET /api/statistics', () => {
  it('a justice bureau sees its government\'s region for a year: each figure as totals (no case ids), with the previous year and the change', async () => {
    const res = await bureau.get(`/api/statistics?scope=region:${city.id}&period=2026`);
    expect(res.status).toBe(200);
    expect(res.body.scope).toMatchObject({ kind: 'region', agencyId: city.id, label: `${city.name}及所属单位` });
    expect([...res.body.scope.agencyIds].sort()).toEqual([...region].sort());
    expect(res.body.period).toMatchObject({ label: '2026', name: '2026年', from: '2026-01-01', to: '2026-12-31' });
    expect(res.body.previousPeriod).toMatchObject({ label: '2025', from: '2025-01-01' });
    expect(res.body.figures.map((f: any) => f.id)).toEqual(FIGURES.map((f) => f.id));

    const asOf = res.body.asOf;
    const now = await computeFiguresSql(db, { agencyIds: region, from: '2026-01-01', to: '2026-12-31', asOf });
    const before = await computeFiguresSql(db, { agencyIds: region, from: '2025-01-01', to: '2025-12-31', asOf });
    for (const f of res.body.figures) {
      expect(f, f.id).toMatchObject({ value: now[f.id]!.value, numerator: now[f.id]!.numerator, denominator: now[f.id]!.denominator });
      expect(f.previousYear, f.id).toEqual({ value: before[f.id]!.value, numerator: before[f.id]!.numerator, denominator: before[f.id]!.denominator });
      expect(f, `${f.id}: no case-id array at province scale`).not.toHaveProperty('caseIds');
    }
    const byCause = res.body.figures.find((f: any) => f.id === 'cases-by-cause');
    expect(byCause.breakdown).toEqual(now['cases-by-cause']!.breakdown!.map((b) => ({ key: b.key, count: b.count })));
    const newCases = res.body.figures.find((f: any) => f.id === 'cases-new');
    expect(newCases.value).toBeGreaterThan(10);
    expect(newCases.change.difference).toBe(newCases.value - newCases.previousYear.value);
    expect(newCases.change.ratio).toBeCloseTo((newCases.value - newCases.previousYear.value) / newCases.previousYear.value, 10);
    expect(res.body.figures.find((f: any) => f.id === 'loss-rate').change.ratio).toBeNull();
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
    expect((await bureau.get('/api/statistics?scope=all&period=2026')).status).toBe(403);
    expect((await department.get(`/api/statistics?scope=region:${city.id}&period=2026`)).status).toBe(403);
    const own = await department.get(`/api/statistics?scope=agency:${cityDepartment.id}&period=2026`);
    expect(own.status).toBe(200);
    expect(own.body.scope.agencyIds).toEqual([cityDepartment.id]);
    const unknown = await admin.get('/api/statistics?scope=agency:00000000-0000-4000-8000-00000000dead&period=2026');
    expect(unknown.status).toBe(404);
  });

  it('an admin sees the whole province, by its region or as every agency', async () => {
    const res = await admin.get(`/api/statistics?scope=region:${ledger.provinceId}&period=2025`);
    expect(res.status).toBe(200);
    expect(res.body.scope.agencyIds.length).toBe(ledger.agencies.length);
    const all = await admin.get('/api/statistics?scope=all&period=2025');
    expect(all.status).toBe(200);
    expect(all.body.scope).toMatchObject({ kind: 'all', label: '全部单位' });
    const count = (body: any) => body.figures.find((f: any) => f.id === 'cases-new').value;
    expect(count(res.body)).toBeGreaterThan(100);
    expect(count(all.body)).toBe(count(res.body));
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

describe('GET /api/statistics/trend', () => {
  it('gives every figure per quarter, oldest first, each value the totals of that quarter', async () => {
    const res = await bureau.get(`/api/statistics/trend?scope=region:${city.id}&from=2025Q3&to=2026Q2`);
    expect(res.status).toBe(200);
    expect(res.body.unit).toBe('quarter');
    expect(res.body.periods.map((p: any) => p.name)).toEqual(['2025年第三季度', '2025年第四季度', '2026年第一季度', '2026年第二季度']);
    expect(res.body.figures.map((f: any) => f.id)).toEqual(FIGURES.map((f) => f.id));
    for (const [i, p] of res.body.periods.entries()) {
      const totals = await figureTotals(db, { agencyIds: region, from: p.from, to: p.to, asOf: res.body.asOf });
      for (const f of res.body.figures) expect(f.values[i], `${f.id} ${p.label}`).toEqual({ period: p.label, value: totals[f.id]!.value, numerator: totals[f.id]!.numerator, denominator: totals[f.id]!.denominator });
    }
  });

  it('the last N years up to a year, only the figures asked for', async () => {
    const res = await admin.get(`/api/statistics/trend?scope=region:${ledger.provinceId}&last=2&to=2026&figures=cases-new,loss-rate`);
    expect(res.status).toBe(200);
    expect(res.body.unit).toBe('year');
    expect(res.body.periods.map((p: any) => p.label)).toEqual(['2025', '2026']);
    expect(res.body.figures.map((f: any) => f.id)).toEqual(['cases-new', 'loss-rate']);
    const totals2025 = await figureTotals(db, { agencyIds: subtree(ledger.provinceId), from: '2025-01-01', to: '2025-12-31', asOf: res.body.asOf });
    expect(res.body.figures[1].values[0].value).toBe(totals2025['loss-rate']!.value);
  });

  it('refuses a department the region, and bad periods name their field', async () => {
    expect((await department.get(`/api/statistics/trend?scope=region:${city.id}&from=2025&to=2026`)).status).toBe(403);
    const mixed = await admin.get(`/api/statistics/trend?scope=region:${city.id}&from=2025Q1&to=2026`);
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.fields).toEqual([expect.objectContaining({ field: 'to' })]);
    const reversed = await admin.get(`/api/statistics/trend?scope=region:${city.id}&from=2026Q3&to=2026Q1`);
    expect(reversed.body.error.fields).toEqual([expect.objectContaining({ field: 'from' })]);
    const tooMany = await admin.get(`/api/statistics/trend?scope=region:${city.id}&last=41`);
    expect(tooMany.body.error.fields).toEqual([expect.objectContaining({ field: 'last' })]);
    const badFigure = await admin.get(`/api/statistics/trend?scope=region:${city.id}&last=4&figures=cases-new,nope`);
    expect(badFigure.status).toBe(400);
    expect(badFigure.body.error.fields).toEqual([expect.objectContaining({ field: 'figures' })]);
  });
});

describe('GET /api/statistics/ranking', () => {
  it('ranks every agency of the region by a count, highest first, equal values sharing a rank', async () => {
    const res = await bureau.get(`/api/statistics/ranking?scope=region:${city.id}&period=2026&figure=cases-new`);
    expect(res.status).toBe(200);
    expect(res.body.order).toBe('desc');
    expect(res.body.rows.map((r: any) => r.agencyId).sort()).toEqual([...region].sort());
    const values = res.body.rows.map((r: any) => r.value);
    expect(values).toEqual([...values].sort((a: number, b: number) => b - a));
    for (const r of res.body.rows) {
      const own = ledger.rows.cases.filter((c) => c.agency_id === r.agencyId && String(c.complaint_received_on).startsWith('2026')).length;
      expect(r.value, r.agencyName).toBe(own);
    }
    for (const [i, r] of res.body.rows.entries()) {
      const firstEqual = res.body.rows.findIndex((x: any) => x.value === r.value);
      expect(r.rank).toBe(firstEqual + 1);
      if (i > 0) expect(r.rank).toBeGreaterThanOrEqual(res.body.rows[i - 1].rank);
    }
  });

  it('ranks a loss rate lowest first, the agencies without closed cases last and unranked', async () => {
    const res = await admin.get(`/api/statistics/ranking?scope=region:${ledger.provinceId}&period=2025&figure=loss-rate`);
    expect(res.status).toBe(200);
    expect(res.body.order).toBe('asc');
    const ranked = res.body.rows.filter((r: any) => r.value !== null);
    expect(ranked.length).toBeGreaterThan(5);
    expect(ranked.map((r: any) => r.value)).toEqual([...ranked.map((r: any) => r.value)].sort((a: number, b: number) => a - b));
    expect(res.body.rows.slice(ranked.length).every((r: any) => r.value === null && r.rank === null)).toBe(true);
    expect(ranked[0].rank).toBe(1);
    const one = ranked[ranked.length - 1];
    const totals = await figureTotals(db, { agencyIds: [one.agencyId], from: '2025-01-01', to: '2025-12-31', asOf: res.body.asOf });
    expect(one).toMatchObject({ value: totals['loss-rate']!.value, numerator: totals['loss-rate']!.numerator, denominator: totals['loss-rate']!.denominator });
  });

  it('refuses a department the region, and an unknown figure names the field', async () => {
    expect((await department.get(`/api/statistics/ranking?scope=region:${city.id}&period=2026&figure=cases-new`)).status).toBe(403);
    const bad = await admin.get(`/api/statistics/ranking?scope=region:${city.id}&period=2026&figure=happiness`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([expect.objectContaining({ field: 'figure' })]);
    const missing = await admin.get(`/api/statistics/ranking?scope=region:${city.id}&period=2026`);
    expect(missing.body.error.fields).toEqual([expect.objectContaining({ field: 'figure' })]);
  });
});

describe('GET /api/statistics/cases (drill-down)', () => {
  /** Every page of the drill-down, concatenated. */
  async function allPages(client: AuthedClient, query: string, limit: number) {
    const items: any[] = [];
    let total = -1;
    for (let offset = 0; total < 0 || offset < total; offset += limit) {
      const res = await client.get(`/api/statistics/cases?${query}&limit=${limit}&offset=${offset}`);
      expect(res.status).toBe(200);
      total = res.body.total;
      expect(res.body.items.length).toBe(Math.min(limit, total - offset));
      items.push(...res.body.items);
    }
    return { items, total };
  }

  it('pages through the cases behind a number: the same case ids as the TypeScript reference, as ledger rows', async () => {
    const facts = await loadLedgerFacts(db, region);
    const reference = computeFiguresReference(facts, { agencyIds: region, from: '2026-01-01', to: '2026-12-31', asOf: ASOF });
    for (const figure of ['cases-new', 'loss-rate', 'head-appearance-rate-case']) {
      const { items, total } = await allPages(bureau, `scope=region:${city.id}&period=2026&figure=${figure}`, 7);
      expect(reference[figure]!.caseIds.length, figure).toBeGreaterThan(0);
      expect(total, figure).toBe(reference[figure]!.caseIds.length);
      expect(items.map((i) => i.id), figure).toEqual(reference[figure]!.caseIds);
    }
    const { items } = await allPages(bureau, `scope=region:${city.id}&period=2026&figure=cases-new`, 50);
    const first = items[0];
    const row = ledger.rows.cases.find((c) => c.id === first.id)!;
    expect(first).toMatchObject({ caseNumber: row.case_number, agencyId: row.agency_id, cause: row.cause, court: row.court, complaintReceivedOn: row.complaint_received_on });
    expect(first.agencyName).toBe(ledger.agencies.find((a) => a.id === row.agency_id)!.name);
    expect(first.stageLabel).toEqual(expect.any(String));
  });

  it('a breakdown row: the cases of one cause, as the reference counts them', async () => {
    const facts = await loadLedgerFacts(db, region);
    const reference = computeFiguresReference(facts, { agencyIds: region, from: '2026-01-01', to: '2026-12-31', asOf: ASOF });
    const top = reference['cases-by-cause']!.breakdown![0]!;
    const res = await bureau.get(`/api/statistics/cases?scope=region:${city.id}&period=2026&figure=cases-by-cause&key=${encodeURIComponent(top.key)}&limit=200`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ key: top.key, total: top.count });
    expect(res.body.items.map((i: any) => i.id)).toEqual(top.caseIds);
    expect(res.body.items.every((i: any) => i.cause === top.key)).toBe(true);
  });

  it('shows a department its own cases only, and names bad fields', async () => {
    expect((await department.get(`/api/statistics/cases?scope=region:${city.id}&period=2026&figure=cases-new`)).status).toBe(403);
    const own = await department.get(`/api/statistics/cases?scope=agency:${cityDepartment.id}&period=2026&figure=cases-new&limit=200`);
    expect(own.status).toBe(200);
    expect(own.body.items.every((i: any) => agencyOfCase.get(i.id) === cityDepartment.id)).toBe(true);
    const key = await admin.get(`/api/statistics/cases?scope=region:${city.id}&period=2026&figure=loss-rate&key=x`);
    expect(key.status).toBe(400);
    expect(key.body.error.fields).toEqual([expect.objectContaining({ field: 'key' })]);
    const limit = await admin.get(`/api/statistics/cases?scope=region:${city.id}&period=2026&figure=loss-rate&limit=500`);
    expect(limit.body.error.fields).toEqual([expect.objectContaining({ field: 'limit' })]);
    const figure = await admin.get(`/api/statistics/cases?scope=region:${city.id}&period=2026&figure=nope`);
    expect(figure.body.error.fields).toEqual([expect.objectContaining({ field: 'figure' })]);
  });
});

describe('.xlsx exports', () => {
  it('the figures table: each figure with the value of the API, rates as percentages; the breakdowns on their own sheets', async () => {
    const json = (await bureau.get(`/api/statistics?scope=region:${city.id}&period=2026`)).body;
    const { res, book } = await workbookOf(bureau.get(`/api/statistics/export.xlsx?scope=region:${city.id}&period=2026`));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(res.headers['content-disposition']!)).toContain(`${city.name}及所属单位_2026年_统计指标.xlsx`);
    const sheet = book.getWorksheet('统计指标')!;
    expect(String(sheet.getCell('A1').value)).toContain('2026年');
    const table = tableOf(sheet);
    expect(table.map((r) => r['指标'])).toEqual(FIGURES.map((f) => f.name));
    for (const f of json.figures) {
      const r = table.find((x) => x['指标'] === f.name)!;
      expect(r['本期'], f.id).toBe(f.value);
      expect(r['上年同期'], f.id).toBe(f.previousYear.value);
    }
    const lossRow = 3 + FIGURES.findIndex((f) => f.id === 'loss-rate');
    expect(sheet.getCell(`C${lossRow}`).numFmt).toBe('0.0%');
    const causes = tableOf(book.getWorksheet('案由分布')!);
    const byCause = json.figures.find((f: any) => f.id === 'cases-by-cause');
    expect(causes.map((r) => [r['案由'], r['案件数']])).toEqual(byCause.breakdown.map((b: any) => [b.key, b.count]));
    expect(book.getWorksheet('受案法院分布')).toBeDefined();
  });

  it('the ranking and the trend, with the numbers of their JSON routes', async () => {
    const ranking = (await bureau.get(`/api/statistics/ranking?scope=region:${city.id}&period=2026&figure=cases-new`)).body;
    const r = await workbookOf(bureau.get(`/api/statistics/ranking.xlsx?scope=region:${city.id}&period=2026&figure=cases-new`));
    expect(r.res.status).toBe(200);
    expect(tableOf(r.book.getWorksheet('单位排名')!).map((x) => [x['排名'], x['单位'], x['新收案件数']])).toEqual(ranking.rows.map((x: any) => [x.rank, x.agencyName, x.value]));

    const trend = (await bureau.get(`/api/statistics/trend?scope=region:${city.id}&from=2025&to=2026`)).body;
    const t = await workbookOf(bureau.get(`/api/statistics/trend.xlsx?scope=region:${city.id}&from=2025&to=2026`));
    expect(t.res.status).toBe(200);
    const table = tableOf(t.book.getWorksheet('趋势')!);
    expect(table.map((x) => x['期间'])).toEqual(['2025年', '2026年']);
    const loss = trend.figures.find((f: any) => f.id === 'loss-rate');
    expect(table.map((x) => x['败诉率'])).toEqual(loss.values.map((v: any) => v.value));
  });

  it('the cases behind a number: every case (not one page), the ledger columns, a formula-like name written as text', async () => {
    const json = (await bureau.get(`/api/statistics/cases?scope=region:${city.id}&period=2026&figure=cases-new&limit=1`)).body;
    const { res, book } = await workbookOf(bureau.get(`/api/statistics/cases.xlsx?scope=region:${city.id}&period=2026&figure=cases-new`));
    expect(res.status).toBe(200);
    const table = tableOf(book.getWorksheet('案件清单')!);
    expect(table.length).toBe(json.total);
    const numbers = new Map(ledger.rows.cases.map((c) => [c.case_number as string, c.id as string]));
    expect(table.every((r) => numbers.has(String(r['案号'])))).toBe(true);
    const withFormula = table.find((r) => r['案号'] === formulaCase.case_number)!;
    expect(withFormula['原告']).toBe(`'${FORMULA}`);
    // nothing in the workbook is a formula
    book.getWorksheet('案件清单')!.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    expect(neutraliseFormula('+1')).toBe("'+1");
    expect(neutraliseFormula('-1')).toBe("'-1");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('示例')).toBe('示例');
  });

  it('the exports check the scope and the input as their JSON routes do', async () => {
    expect((await department.get(`/api/statistics/export.xlsx?scope=region:${city.id}&period=2026`)).status).toBe(403);
    expect((await department.get(`/api/statistics/cases.xlsx?scope=region:${city.id}&period=2026&figure=cases-new`)).status).toBe(403);
    const bad = await admin.get(`/api/statistics/ranking.xlsx?scope=region:${city.id}&period=20261`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: any) => f.field).sort()).toEqual(['figure']);
    const badPeriod = await admin.get(`/api/statistics/ranking.xlsx?scope=region:${city.id}&period=20261&figure=cases-new`);
    expect(badPeriod.body.error.fields).toEqual([expect.objectContaining({ field: 'period' })]);
  });
});
