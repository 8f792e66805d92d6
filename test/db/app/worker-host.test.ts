import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/config.ts';
import { discoverWorkers, findMissingJobTypes } from '../../../src/workers/worker-host.ts';

const fixtures = path.join(projectRoot, 'test/fixtures/processes');

describe('worker host', () => {
  it('discovers one module per job type under workers/', async () => {
    const workers = await discoverWorkers();
    const types = workers.map((w) => w.jobType);
    expect(types).toContain('ledger.record-event');
    expect(new Set(types).size).toBe(types.length);
    for (const w of workers) expect(w.description, w.jobType).toBeTruthy();
  });

  it('names the job types a diagram uses that no worker implements, with the elements using them', async () => {
    expect(await findMissingJobTypes([], fixtures)).toEqual([{ jobType: 'ledger.record-event', usedBy: ['test-timer-chain.bpmn#record_event'] }]);
    expect(await findMissingJobTypes(await discoverWorkers(), fixtures)).toEqual([]);
  });

  it('every job type of the project diagrams has a worker', async () => {
    expect(await findMissingJobTypes(await discoverWorkers())).toEqual([]);
  });
});
