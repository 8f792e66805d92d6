// Unit tier: docs/statistics.md is what `npm run docs:statistics` generates from the catalogue now,
// and the catalogue is complete: every figure has its definition parts and at least one source.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTPUT, renderStatisticsDoc } from '../../../scripts/statistics-table.ts';
import { SEED_FILES } from '../../../src/policy-sources/citations.ts';
import { FIGURES } from '../../../src/statistics/figure-catalogue.ts';

describe('statistics catalogue (统计指标)', () => {
  it('every figure has a Chinese name, its definition parts and a source', () => {
    expect(new Set(FIGURES.map((f) => f.id)).size).toBe(FIGURES.length);
    for (const f of FIGURES) {
      expect(f.name, f.id).toMatch(/[\u4e00-\u9fff]/);
      expect(f.definition, f.id).toMatch(/^[^a-zA-Z]*[\u4e00-\u9fff][^a-zA-Z]*。$/);
      expect(f.numerator.length, f.id).toBeGreaterThan(10);
      expect(f.denominator === null, f.id).toBe(f.kind !== 'rate');
      expect(f.sources.length, f.id).toBeGreaterThan(0);
      for (const s of f.sources) if (s.file) expect(Object.values(SEED_FILES), f.id).toContain(s.file);
    }
  });

  it('names the figures issue 14 §1 asks for', () => {
    const names = FIGURES.map((f) => f.name).join('、');
    for (const n of ['新收案件数', '审结案件数', '未结案件数', '负责人出庭应诉率（按审级）', '负责人出庭应诉率（按案件）', '主要负责人出庭次数', '主要负责人出庭应诉率', '败诉率', '撤诉率', '和解调解结案率', '涉企行政案件数', '涉企案件败诉率', '生效裁判按期履行率', '司法建议按期回复率', '逾期答辩数', '案由分布', '受案法院分布']) {
      expect(names).toContain(n);
    }
  });

  it('docs/statistics.md equals what `npm run docs:statistics` generates', () => {
    expect(readFileSync(OUTPUT, 'utf8'), 'run `npm run docs:statistics` and commit docs/statistics.md').toBe(renderStatisticsDoc());
  });
});
