// Unit tier: the periods of a statistics trend (trendPeriods in src/statistics/statistics-service.ts):
// from … to, the last N quarters or years up to a period or up to the quarter of "today", and the
// field each bad input is reported against.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.ts';
import { trendPeriods } from '../../../src/statistics/statistics-service.ts';

const labels = (input: Parameters<typeof trendPeriods>[0], asOf = '2026-08-15') => trendPeriods(input, asOf).map((p) => p.label);
const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof InputError ? e.issues.map((i) => i.field) : e;
  }
  return null;
};

describe('trend periods', () => {
  it('from … to, quarters across a year end, and years', () => {
    expect(labels({ from: '2025Q3', to: '2026Q2' })).toEqual(['2025Q3', '2025Q4', '2026Q1', '2026Q2']);
    expect(labels({ from: '2023', to: '2026' })).toEqual(['2023', '2024', '2025', '2026']);
    expect(labels({ from: '2026Q2', to: '2026Q2' })).toEqual(['2026Q2']);
  });

  it('the last N periods up to `to`, or up to the period of the day asked for', () => {
    expect(labels({ last: 3, to: '2026Q1' })).toEqual(['2025Q3', '2025Q4', '2026Q1']);
    expect(labels({ last: 2, unit: 'year' })).toEqual(['2025', '2026']);
    // 2026-08-15 is in the third quarter; 8 quarters by default
    expect(labels({})).toEqual(['2024Q4', '2025Q1', '2025Q2', '2025Q3', '2025Q4', '2026Q1', '2026Q2', '2026Q3']);
    expect(labels({ unit: 'year' }, '2026-01-01')).toEqual(['2022', '2023', '2024', '2025', '2026']);
    expect(labels({ from: '2026Q1' }, '2026-05-20')).toEqual(['2026Q1', '2026Q2']);
  });

  it('names the field of bad input', () => {
    expect(fieldOf(() => trendPeriods({ from: '2026Q1', to: '2026' }, '2026-08-15'))).toEqual(['to']);
    expect(fieldOf(() => trendPeriods({ from: '2026Q3', to: '2026Q1' }, '2026-08-15'))).toEqual(['from']);
    expect(fieldOf(() => trendPeriods({ from: '2015Q1', to: '2026Q4' }, '2026-08-15'))).toEqual(['from']);
    expect(fieldOf(() => trendPeriods({ last: 41 }, '2026-08-15'))).toEqual(['last']);
    expect(fieldOf(() => trendPeriods({ to: '2026', unit: 'quarter' }, '2026-08-15'))).toEqual(['unit']);
    expect(fieldOf(() => trendPeriods({ from: 'Q3' }, '2026-08-15'))).toEqual(['from']);
  });
});
