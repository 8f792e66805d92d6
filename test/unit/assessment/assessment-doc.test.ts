// Unit tier: docs/assessment.md is what `npm run docs:assessment` generates from the quota and
// scoring-item data now, and the data is complete (ids unique, Chinese names and rules, sources).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTPUT, renderAssessmentDoc } from '../../../scripts/assessment-table.ts';
import { quotasFor } from '../../../src/assessment/quotas.ts';
import { SCORING_ITEMS } from '../../../src/assessment/scoring-items.ts';
import { SEED_FILES } from '../../../src/policy-sources/citations.ts';

describe('assessment data (考核)', () => {
  it('every item and quota has a unique id, a Chinese name and rule, and sources in the seeds', () => {
    const quotas = ['liaocheng', 'tengzhou'].flatMap((p) => quotasFor(p, 2026));
    for (const list of [SCORING_ITEMS, quotas] as const) expect(new Set(list.map((x) => x.id)).size).toBe(list.length);
    for (const i of SCORING_ITEMS) {
      expect(i.name, i.id).toMatch(/^[\u4e00-\u9fff“”、（）]+$/);
      expect(i.rule, i.id).toMatch(/[\u4e00-\u9fff]/);
      for (const s of i.sources) if (s.file) expect(Object.values(SEED_FILES), i.id).toContain(s.file);
    }
    for (const q of quotas) expect(q.requirement, q.id).toMatch(/[\u4e00-\u9fff]/);
  });

  it('docs/assessment.md equals what `npm run docs:assessment` generates', () => {
    expect(readFileSync(OUTPUT, 'utf8'), 'run `npm run docs:assessment` and commit docs/assessment.md').toBe(renderAssessmentDoc());
  });
});
