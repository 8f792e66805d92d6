// The statistics queries the dashboards, the score sheets and the periodic reports use: totals of
// every figure for a scope and period (no case ids — a province has hundreds of thousands), the
// same per agency (ranking), per period (trend), and the cases behind one number (drill-down),
// one page at a time. They are defined by figure-catalogue.ts and must agree with reference.ts.
import type { Knex } from 'knex';
import type { Db } from '../db/database.ts';
import { computeFiguresSql } from './figures-sql.ts';
import type { FigureQuery, FigureValue, FigureValues } from './figure-values.ts';
import type { Period } from './periods.ts';

export interface FigureTotal {
  id: string;
  value: number | null;
  numerator: number;
  denominator: number | null;
  /** breakdown figures: one row per key, most cases first */
  breakdown?: { key: string; count: number }[];
}

export type FigureTotals = Record<string, FigureTotal>;

export interface FigureCasesQuery extends FigureQuery {
  figureId: string;
  /** breakdown figures: only the cases of this key (案由 or court) */
  breakdownKey?: string;
  limit: number;
  offset: number;
}

type Conn = Db | Knex.Transaction;

const totalOf = (v: FigureValue): FigureTotal => ({
  id: v.id,
  value: v.value,
  numerator: v.numerator,
  denominator: v.denominator,
  ...(v.breakdown ? { breakdown: v.breakdown.map((b) => ({ key: b.key, count: b.count })) } : {}),
});

const totalsOf = (values: FigureValues): FigureTotals => Object.fromEntries(Object.entries(values).map(([id, v]) => [id, totalOf(v)]));

/** Every figure of the catalogue for the cases of `q.agencyIds` in the period. */
export async function figureTotals(db: Conn, q: FigureQuery): Promise<FigureTotals> {
  return totalsOf(await computeFiguresSql(db, q));
}

/** Every figure for each agency of `q.agencyIds` on its own (the ranking of agencies). */
export async function figureTotalsByAgency(db: Conn, q: FigureQuery): Promise<Map<string, FigureTotals>> {
  const out = new Map<string, FigureTotals>();
  for (const agencyId of q.agencyIds) out.set(agencyId, await figureTotals(db, { ...q, agencyIds: [agencyId] }));
  return out;
}

/** Every figure for each period (the trend lines), oldest first as given. */
export async function figureSeries(db: Conn, q: { agencyIds: readonly string[]; periods: readonly Period[]; asOf: string }): Promise<{ period: Period; totals: FigureTotals }[]> {
  const out: { period: Period; totals: FigureTotals }[] = [];
  for (const period of q.periods) out.push({ period, totals: await figureTotals(db, { agencyIds: q.agencyIds, from: period.from, to: period.to, asOf: q.asOf }) });
  return out;
}

/** The cases behind the numerator of one figure (for a breakdown, behind one key), sorted by id, one page. */
export async function figureCases(db: Conn, q: FigureCasesQuery): Promise<{ total: number; caseIds: string[] }> {
  const v = (await computeFiguresSql(db, q))[q.figureId];
  if (!v) throw new Error(`unknown figure ${q.figureId}`);
  const ids = q.breakdownKey === undefined ? v.caseIds : (v.breakdown?.find((b) => b.key === q.breakdownKey)?.caseIds ?? []);
  return { total: ids.length, caseIds: ids.slice(q.offset, q.offset + q.limit) };
}
