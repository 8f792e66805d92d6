// Unit tier: which periods figure-queries.ts answers from the quarter / year buckets (the rest are
// read from the fact tables), and that the summaries' SQL covers every figure and every ledger table.
import { describe, expect, it } from 'vitest';
import { FIGURES } from '../../../src/statistics/figure-catalogue.ts';
import { bucketOf } from '../../../src/statistics/figure-queries.ts';
import { periodOf } from '../../../src/statistics/periods.ts';
import { TRIGGER_NAMES, contributionsSql } from '../../../src/statistics/summary-sql.ts';

describe('bucketOf', () => {
  it('takes every year and quarter of parsePeriod to its bucket', () => {
    expect(bucketOf(periodOf(2025, null).from, periodOf(2025, null).to)).toEqual({ kind: 'year', bucket: '2025-01-01' });
    for (const q of [1, 2, 3, 4] as const) {
      const p = periodOf(2026, q);
      expect(bucketOf(p.from, p.to)).toEqual({ kind: 'quarter', bucket: p.from });
    }
  });

  it('leaves any other range to the fact tables', () => {
    expect(bucketOf('2026-04-02', '2026-06-30')).toBeNull();
    expect(bucketOf('2026-04-01', '2026-04-30')).toBeNull();
    expect(bucketOf('2026-01-01', '2026-06-30')).toBeNull();
    expect(bucketOf('2025-01-01', '2026-12-31')).toBeNull();
    expect(bucketOf('2026-02-01', '2026-04-30')).toBeNull();
  });
});

describe('summary SQL', () => {
  it('has a trigger on every ledger table the figures read', () => {
    const tables = new Set(TRIGGER_NAMES().map((t) => t.table));
    for (const t of ['cases', 'case_events', 'case_judgments', 'case_deadlines', 'case_answers', 'case_parties', 'agencies']) expect(tables, t).toContain(t);
  });

  it('writes the measures figure-queries.ts reads', () => {
    const sql = contributionsSql((c) => `${c} = any(p_ids)`);
    for (const m of ['new', 'closed', 'withdrawn', 'settled', 'pending-change', 'sessions', 'principal-sessions', 'instances', 'heard-cases', 'heard-cases-principal', 'loss', 'enterprise-loss', 'enterprise-new', 'performances', 'recommendations', 'answers', 'answers-unsubmitted', 'cause', 'court']) {
      expect(sql, m).toContain(`'${m}'`);
    }
    expect(FIGURES.length).toBe(18);
  });
});
