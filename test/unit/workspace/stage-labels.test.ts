// unit tier: the workspace names every ledger stage as the API does (the pages keep their own copy
// of the labels for filters and tags; a new stage must get its Chinese name in both).
import { describe, expect, it } from 'vitest';
import { STAGE_LABELS } from '../../../src/cases/case-stages.ts';
import { STAGES } from '../../../web/src/format.ts';

describe('stage labels of the workspace', () => {
  it('are the ledger stage table’s labels, every stage named', () => {
    expect(STAGES).toEqual(STAGE_LABELS);
  });
});
