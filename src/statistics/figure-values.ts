// The result of computing the figures for one scope and period: the same shape from the SQL
// computation and from the TypeScript reference, so the two can be compared value by value.
import { FIGURES, type FigureDefinition } from './figure-catalogue.ts';

export interface BreakdownRow {
  key: string;
  count: number;
  caseIds: string[];
}

export interface FigureValue {
  id: string;
  /** rate: numerator / denominator (null when nothing to divide by); count and breakdown: the count */
  value: number | null;
  numerator: number;
  denominator: number | null;
  /** the cases behind the numerator (drill-down), sorted */
  caseIds: string[];
  /** breakdown figures: one row per key, most cases first */
  breakdown?: BreakdownRow[];
}

export type FigureValues = Record<string, FigureValue>;

/** What a computation needs besides the ledger: which agencies, which days, and "today" for what is overdue. */
export interface FigureQuery {
  agencyIds: readonly string[];
  from: string;
  to: string;
  /** the day the computation is made for (Asia/Shanghai): an answer not submitted is late once its deadline is before it */
  asOf: string;
}

export function figureValue(def: FigureDefinition, numerator: number, denominator: number | null, caseIds: Iterable<string>, breakdown?: BreakdownRow[]): FigureValue {
  const value = def.kind === 'rate' ? (denominator ? numerator / denominator : null) : numerator;
  const out: FigureValue = { id: def.id, value, numerator, denominator: def.kind === 'rate' ? (denominator ?? 0) : null, caseIds: [...new Set(caseIds)].sort() };
  if (breakdown) out.breakdown = sortBreakdown(breakdown);
  return out;
}

export function sortBreakdown(rows: BreakdownRow[]): BreakdownRow[] {
  return rows.map((r) => ({ ...r, caseIds: [...r.caseIds].sort() })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export const definitionOf = (id: string): FigureDefinition => {
  const def = FIGURES.find((f) => f.id === id);
  if (!def) throw new Error(`unknown figure ${id}`);
  return def;
};
