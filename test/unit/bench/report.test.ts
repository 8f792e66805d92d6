// unit: the benchmark report's arithmetic and tables (test/bench/report.ts): percentiles, ratios
// against the same run's baseline, targets met or not, and the worst shortfall.
import { describe, expect, it } from 'vitest';
import { judge, markdownTable, percentile, ratioOf, textTable, worstRatio, type Figure } from '../../bench/report.ts';

describe('percentile', () => {
  it('takes the nearest rank of the sorted values, whatever their order', () => {
    const values = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(values[0]).toBe(9); // the input is not sorted in place
  });
  it('is NaN with no values and the value itself with one', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(percentile([42], 99)).toBe(42);
  });
});

describe('judge', () => {
  const lifeCycles: Figure = { bench: 'lifecycle', figure: 'life cycles per minute', value: 2.4, unit: '/min', baseline: 3, target: { on: 'ratio', op: '>=', bound: 0.8, text: '≥ 0.8×' } };
  it('judges a ratio target on value / baseline', () => {
    expect(judge(lifeCycles)).toMatchObject({ ratio: expect.closeTo(0.8, 9), met: true });
    expect(judge({ ...lifeCycles, value: 2.3 })).toMatchObject({ met: false });
  });
  it('judges a value target on the value, the ratio still shown', () => {
    const recompute: Figure = { bench: 'deadlines', figure: 'recompute', value: 12, unit: 's', baseline: 2, target: { on: 'value', op: '<', bound: 10, text: '< 10 s' } };
    expect(judge(recompute)).toMatchObject({ ratio: 6, met: false });
    expect(judge({ ...recompute, value: 9.9 })).toMatchObject({ met: true });
    expect(judge({ ...recompute, value: 10 })).toMatchObject({ met: false });
  });
  it('has no verdict without a target, or without a baseline for a ratio target', () => {
    expect(judge({ bench: 'ledger', figure: 'p95', value: 40, unit: 'ms', baseline: 20 })).toMatchObject({ ratio: 2, met: null });
    expect(judge({ ...lifeCycles, baseline: undefined })).toMatchObject({ ratio: null, met: null });
    expect(ratioOf(1, 0)).toBeNull();
  });
});

describe('worstRatio', () => {
  it('picks the missed target furthest from its bound, either direction', () => {
    const rows = [
      judge({ bench: 'documents', figure: 'pdf', value: 0.6, unit: '/s', baseline: 1, target: { on: 'ratio', op: '>=', bound: 0.7, text: '≥ 0.7×' } }),
      judge({ bench: 'deadlines', figure: 'recompute', value: 30, unit: 's', target: { on: 'value', op: '<', bound: 10, text: '< 10 s' } }),
      judge({ bench: 'lifecycle', figure: 'b', value: 0.9, unit: '/min', baseline: 1, target: { on: 'ratio', op: '>=', bound: 0.8, text: '≥ 0.8×' } }),
    ];
    expect(worstRatio(rows)?.bench).toBe('deadlines');
    expect(worstRatio([rows[2]!])).toBeUndefined();
  });
});

describe('tables', () => {
  it('prints one row per figure with the verdict, pipes escaped in markdown', () => {
    const rows = [judge({ bench: 'ledger', figure: 'a | b', value: 1234.5, unit: 'ms', baseline: 617.25, baselineLabel: '1,000 cases', target: { on: 'value', op: '<', bound: 1000, text: '< 1000 ms' } })];
    const md = markdownTable(rows).split('\n');
    expect(md).toHaveLength(3);
    expect(md[2]).toBe('| ledger | a \\| b | 1,235 ms | 617 ms (1,000 cases) | 2.00× | < 1000 ms | NO |');
    const text = textTable(rows).split('\n');
    expect(text[0]).toMatch(/^bench\s+figure\s+value/);
    expect(text[1]).toContain('2.00×');
  });
});
