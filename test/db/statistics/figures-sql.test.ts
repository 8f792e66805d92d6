// DB tier (PostgreSQL): the SQL computation of every figure — straight from the ledger
// (figures-sql.ts) and through the summaries the dashboards read (figure-queries.ts: bucket totals
// for quarters and years, fact tables for other ranges and the drill-down) — gives the same numbers
// and the same drill-down cases as the plain-TypeScript reference — on the hand-built ledger of the unit tests,
// and on a generated ledger of 10,000 cases for a province, each city region, single agencies, every
// year and quarter, with the facts read back from the tables. The file has a database of its own:
// its 100-odd agencies would otherwise change what other files count in the run's database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../src/db/database.ts';
import { agencySubtree, justiceBureauRegion } from '../../../src/process-engine/engine-directory.ts';
import type { FigureValues } from '../../../src/statistics/figure-values.ts';
import { computeFiguresSql } from '../../../src/statistics/figures-sql.ts';
import { figureCases, figureSeries, figureTotals, figureTotalsByAgency } from '../../../src/statistics/figure-queries.ts';
import type { FigureQuery } from '../../../src/statistics/figure-values.ts';
import { generateLedger, insertGeneratedLedger, type GeneratedLedger } from '../../../src/statistics/ledger-generator.ts';
import { loadLedgerFacts, type LedgerFacts } from '../../../src/statistics/ledger-facts.ts';
import { periodOf } from '../../../src/statistics/periods.ts';
import { computeFiguresReference } from '../../../src/statistics/reference.ts';
import { ALL_AGENCIES, C, handBuiltLedger, insertLedgerFacts } from '../../fixtures/statistics-ledger.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';

/** Both computations, compared figure by figure so a failure names the figure. */
function expectSame(sql: FigureValues, reference: FigureValues, where: string) {
  expect(Object.keys(sql).sort(), where).toEqual(Object.keys(reference).sort());
  for (const id of Object.keys(reference)) expect(sql[id], `${id} (${where})`).toEqual(reference[id]);
}

/** The summary path (figure-queries.ts) against the reference: every total, and every drill-down list. */
async function expectSummariesSame(q: FigureQuery, reference: FigureValues, where: string) {
  const totals = await figureTotals(db, q);
  expect(Object.keys(totals).sort(), where).toEqual(Object.keys(reference).sort());
  for (const [id, r] of Object.entries(reference)) {
    const expected = { id, value: r.value, numerator: r.numerator, denominator: r.denominator, ...(r.breakdown ? { breakdown: r.breakdown.map((b) => ({ key: b.key, count: b.count })) } : {}) };
    expect(totals[id], `${id} totals (${where})`).toEqual(expected);
    const cases = await figureCases(db, { ...q, figureId: id, limit: 1_000_000, offset: 0 });
    expect(cases, `${id} cases (${where})`).toEqual({ total: r.caseIds.length, caseIds: r.caseIds });
    for (const b of (r.breakdown ?? []).slice(0, 2)) {
      expect(await figureCases(db, { ...q, figureId: id, breakdownKey: b.key, limit: 1_000_000, offset: 0 }), `${id} ${b.key} (${where})`).toEqual({ total: b.caseIds.length, caseIds: b.caseIds });
    }
  }
  if (r0(reference) > 3) {
    const page = await figureCases(db, { ...q, figureId: 'cases-new', limit: 2, offset: 1 });
    expect(page).toEqual({ total: reference['cases-new']!.caseIds.length, caseIds: reference['cases-new']!.caseIds.slice(1, 3) });
  }
}
const r0 = (reference: FigureValues) => reference['cases-new']!.caseIds.length;

let db: Db;
let drop: () => Promise<void>;
beforeAll(async () => {
  const fresh = await freshLedgerDatabase('yingsu_test_stats');
  drop = fresh.drop;
  db = createDb(fresh.url, { min: 0, max: 4 });
});
afterAll(async () => {
  await db?.destroy();
  await drop?.();
});

describe('statistics SQL on the hand-built ledger', () => {
  const facts = handBuiltLedger();
  beforeAll(() => insertLedgerFacts(db, facts));

  it('reads back the facts it was given (the loader is faithful)', async () => {
    const loaded = await loadLedgerFacts(db, ALL_AGENCIES);
    expect(loaded.cases.length).toBe(facts.cases.length);
    expect(loaded.events.length).toBe(facts.events.length);
    expect(loaded.answers).toEqual(expect.arrayContaining(facts.answers));
    const c3 = loaded.cases.find((c) => c.id === C.c3);
    expect(c3).toMatchObject({ complaintReceivedOn: '2026-03-01', status: 'settled' });
  });

  for (const [from, to, asOf] of [
    ['2026-01-01', '2026-12-31', '2027-01-10'],
    ['2026-07-01', '2026-09-30', '2027-01-10'],
    ['2026-10-01', '2026-12-31', '2027-01-10'],
    ['2026-04-01', '2026-06-30', '2027-01-10'],
    ['2026-04-02', '2026-06-30', '2027-01-10'],
    ['2026-04-01', '2026-04-30', '2027-01-10'],
    ['2026-01-01', '2026-12-31', '2026-07-10'],
    ['2025-01-01', '2025-12-31', '2027-01-10'],
    ['2024-01-01', '2024-12-31', '2027-01-10'],
  ] as const) {
    it(`equals the reference for ${from} – ${to} (as of ${asOf})`, async () => {
      const q = { agencyIds: ALL_AGENCIES, from, to, asOf };
      const reference = computeFiguresReference(facts, q);
      expectSame(await computeFiguresSql(db, q), reference, `${from}–${to}`);
      await expectSummariesSame(q, reference, `summaries ${from}–${to}`);
    });
  }

  it('gives the worked-out numbers of the unit tests: 败诉率 2/8 with the Jinghai reconsideration loss, 逾期答辩 3/5, 负责人出庭应诉率 4/6 by trial instance', async () => {
    const sql = await computeFiguresSql(db, { agencyIds: ALL_AGENCIES, from: '2026-01-01', to: '2026-12-31', asOf: '2027-01-10' });
    expect(sql['loss-rate']).toMatchObject({ numerator: 2, denominator: 8, caseIds: [C.c1, C.c6].sort() });
    expect(sql['answers-late']).toMatchObject({ numerator: 3, denominator: 5 });
    expect(sql['head-appearance-rate-instance']).toMatchObject({ numerator: 4, denominator: 6 });
    expect(sql['cases-closed']?.caseIds).toContain(C.c3);
  });
});

describe('statistics SQL against the reference on a generated ledger of 10,000 cases', () => {
  let ledger: GeneratedLedger;
  let facts: LedgerFacts;
  const asOf = '2026-11-20';

  beforeAll(async () => {
    ledger = generateLedger({ seed: 20261202, cases: 10_000, fromYear: 2023, toYear: 2026, asOf });
    await insertGeneratedLedger(db, ledger);
    facts = await loadLedgerFacts(db, ledger.agencies.map((a) => a.id));
  }, 180_000);

  it('holds 10,000 cases with every kind of fact the figures read', async () => {
    expect(facts.cases.length).toBe(10_000);
    const types = new Set(facts.events.map((e) => e.type));
    for (const t of ['hearing-held', 'performance-planned', 'performance-completed', 'court-event:judicial-recommendation', 'court-event:procuratorial-recommendation', 'judicial-recommendation-replied', 'stage-changed']) {
      expect(types, t).toContain(t);
    }
    expect(new Set(facts.judgments.map((j) => j.level))).toEqual(new Set(['first', 'second', 'retrial', 'reconsideration']));
    expect(new Set(facts.cases.map((c) => c.status))).toEqual(new Set(['open', 'closed', 'withdrawn', 'settled']));
  });

  it('is the same ledger for the same seed and another for another seed', () => {
    const again = generateLedger({ seed: 20261202, cases: 50, fromYear: 2023, toYear: 2026, asOf });
    const same = generateLedger({ seed: 20261202, cases: 50, fromYear: 2023, toYear: 2026, asOf });
    const other = generateLedger({ seed: 7, cases: 50, fromYear: 2023, toYear: 2026, asOf });
    expect(same.rows).toEqual(again.rows);
    expect(other.rows.cases).not.toEqual(again.rows.cases);
  });

  it('equals the reference for the province, every year and every quarter of 2025 and 2026', async () => {
    const all = ledger.agencies.map((a) => a.id);
    const periods = [periodOf(2023, null), periodOf(2024, null), periodOf(2025, null), periodOf(2026, null), ...([1, 2, 3, 4] as const).flatMap((q) => [periodOf(2025, q), periodOf(2026, q)])];
    for (const p of periods) {
      const q = { agencyIds: all, from: p.from, to: p.to, asOf };
      const sql = await computeFiguresSql(db, q);
      const reference = computeFiguresReference(facts, q);
      expectSame(sql, reference, `province ${p.label}`);
      await expectSummariesSame(q, reference, `summaries province ${p.label}`);
    }
    // the figures are not trivially empty: a year of the province has hundreds of each
    const y2025 = await computeFiguresSql(db, { agencyIds: all, from: '2025-01-01', to: '2025-12-31', asOf });
    expect(y2025['cases-new']?.value).toBeGreaterThan(2000);
    expect(y2025['loss-rate']?.numerator).toBeGreaterThan(100);
    expect(y2025['head-appearance-rate-instance']?.denominator).toBeGreaterThan(1000);
    expect(y2025['answers-late']?.numerator).toBeGreaterThan(50);
    expect(y2025['recommendations-replied-on-time']?.denominator).toBeGreaterThan(20);
    expect(y2025['performance-on-time']?.denominator).toBeGreaterThan(50);
  }, 120_000);

  it('equals the reference for each city region (Jinghai\'s reconsideration losses included), a justice bureau\'s region and single agencies', async () => {
    const rows = ledger.agencies.map((a) => ({ id: a.id, parent_id: a.parentId }));
    const tree = { subtree: agencySubtree(rows), justiceBureauRegion: justiceBureauRegion(rows) };
    const cities = ledger.agencies.filter((a) => a.parentId === ledger.provinceId && a.kind === 'government');
    const countyJusticeBureau = ledger.agencies.find((a) => a.kind === 'justice-bureau' && a.name.includes('乙县'))!;
    const scopes: [string, string[]][] = [
      ...cities.map((c): [string, string[]] => [`region ${c.name} (${c.profile})`, tree.subtree(c.id)]),
      [`justice bureau region ${countyJusticeBureau.name}`, tree.justiceBureauRegion(countyJusticeBureau.id)],
      ...ledger.agencies.filter((a) => a.kind === 'department').slice(0, 8).map((a): [string, string[]] => [`agency ${a.name}`, [a.id]]),
    ];
    for (const [name, agencyIds] of scopes) {
      for (const p of [periodOf(2025, null), periodOf(2026, 3)]) {
        const q = { agencyIds, from: p.from, to: p.to, asOf };
        const reference = computeFiguresReference(facts, q);
        expectSame(await computeFiguresSql(db, q), reference, `${name} ${p.label}`);
        await expectSummariesSame(q, reference, `summaries ${name} ${p.label}`);
      }
    }
    // the ranking and the trend line of the summaries: each agency, each quarter, as the reference
    const cityAgencies = tree.subtree(cities[0]!.id);
    const byAgency = await figureTotalsByAgency(db, { agencyIds: cityAgencies, from: '2025-01-01', to: '2025-12-31', asOf });
    for (const agencyId of cityAgencies) {
      const r = computeFiguresReference(facts, { agencyIds: [agencyId], from: '2025-01-01', to: '2025-12-31', asOf });
      for (const id of Object.keys(r)) expect(byAgency.get(agencyId)![id]!.numerator, `${id} of ${agencyId}`).toBe(r[id]!.numerator);
      for (const id of Object.keys(r)) expect(byAgency.get(agencyId)![id]!.denominator, `${id} of ${agencyId}`).toBe(r[id]!.denominator);
    }
    const quarters = ([1, 2, 3, 4] as const).map((n) => periodOf(2026, n));
    const series = await figureSeries(db, { agencyIds: cityAgencies, periods: [...quarters, { label: 'odd', year: 2026, quarter: null, from: '2026-02-03', to: '2026-05-06' }], asOf });
    for (const { period, totals } of series) {
      const r = computeFiguresReference(facts, { agencyIds: cityAgencies, from: period.from, to: period.to, asOf });
      for (const id of Object.keys(r)) expect([totals[id]!.numerator, totals[id]!.denominator], `${id} ${period.label}`).toEqual([r[id]!.numerator, r[id]!.denominator]);
    }
    const jinghai = cities.find((c) => c.profile === 'jinghai')!;
    const national = cities.find((c) => c.profile === 'national')!;
    const q = (agencyIds: string[]) => ({ agencyIds, from: '2025-01-01', to: '2025-12-31', asOf });
    // Jinghai counts reconsideration losses: its loss denominator exceeds its closed cases; elsewhere they are equal
    const jh = await computeFiguresSql(db, q(tree.subtree(jinghai.id)));
    expect(jh['loss-rate']!.denominator!).toBeGreaterThan(jh['cases-closed']!.numerator);
    const nat = await computeFiguresSql(db, q(tree.subtree(national.id)));
    expect(nat['loss-rate']!.denominator).toBe(nat['cases-closed']!.numerator);
  }, 120_000);
});
