// Hand-built figure totals for the assessment unit tests.
import { FIGURES } from '../../../src/statistics/figure-catalogue.ts';
import type { FigureTotals } from '../../../src/statistics/figure-queries.ts';

/** Every figure zero, then the given numerators / denominators (rates get their value). */
export function totals(values: Record<string, [number, number?]> = {}): FigureTotals {
  const out: FigureTotals = {};
  for (const f of FIGURES) {
    const [n, d] = values[f.id] ?? [0, f.kind === 'rate' ? 0 : undefined];
    const den = f.kind === 'rate' ? (d ?? 0) : null;
    out[f.id] = { id: f.id, numerator: n, denominator: den, value: f.kind === 'rate' ? (den ? n / den : null) : n };
  }
  return out;
}

