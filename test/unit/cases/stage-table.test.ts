import { describe, expect, it } from 'vitest';
import { COURT_EVENT_OF } from '../../../src/cases/case-stages.ts';
import { STAGE_TABLE, type StageRow } from '../../../src/cases/stage-table.ts';

describe('the stage table', () => {
  it('the diagrams take in a stage only events the court may send there (settlement-outcome and public-opinion-incident are the agency’s own)', () => {
    for (const [stage, row] of Object.entries(STAGE_TABLE) as [string, StageRow][]) {
      if (!row.courtMaySend || !row.processTakes) continue;
      for (const event of row.processTakes) {
        if (event === 'settlement-outcome' || event === 'public-opinion-incident') continue;
        expect(row.courtMaySend, `${stage}: ${event}`).toContain(COURT_EVENT_OF[event]);
      }
    }
  });

  it('every stage takes a judicial recommendation, and the law allows one in every stage it names', () => {
    for (const row of Object.values(STAGE_TABLE) as StageRow[]) {
      if (row.processTakes) expect(row.processTakes).toEqual(expect.arrayContaining(['judicial-recommendation', 'public-opinion-incident']));
      if (row.courtMaySend) expect(row.courtMaySend).toEqual(expect.arrayContaining(['judicial-recommendation', 'procuratorial-recommendation']));
    }
  });
});
