import { defineConfig } from 'vitest/config';

// Five projects:
//  unit         pure domain code and static checks of diagrams, forms and manifests, no IO
//  db           real PostgreSQL (a fresh database per run), the port's fake engine
//  engine       the project's engine app (started once per run, shared with integration)
//  integration  the case life cycle on the engine app + PostgreSQL
//  chaos        the reduced fault run (test/chaos/), last (CHAOS=0 leaves it out): a deployment of its own, killed and restarted under load
// Files are independent of each other (each sets the engine clock it needs): no order is imposed.
// expect.poll waits for a page or a worker: 1 s (vitest's default) is a flake on a loaded two-core machine
const expectations = { poll: { timeout: 15_000, interval: 100 } };

export default defineConfig({
  test: {
    reporters: process.env.CI ? ['default'] : ['default'],
    projects: [
      // a loaded machine parses the diagrams slowly: a timeout here would be noise, not a finding
      { test: { name: 'unit', expect: expectations, include: ['test/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      {
        test: {
          name: 'db',
          expect: expectations,
          include: ['test/db/**/*.test.ts'],
          globalSetup: ['test/db/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'engine',
          expect: expectations,
          // after unit and db, before integration: the two engine tiers share one engine app and its clock
          sequence: { groupOrder: 1 },
          include: ['test/engine/**/*.test.ts'],
          globalSetup: ['test/engine/global-setup.ts'],
          // one engine app, one engine clock that each file sets for itself
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'integration',
          expect: expectations,
          sequence: { groupOrder: 2 },
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          // one engine clock: files run one after another (each sets it at its start)
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 600_000,
        },
      },
      // the reduced chaos run (docs/chaos.md): its own PostgreSQL cluster, engine, web app and
      // workers, killed and restarted under load — after integration, alone, so its load and its
      // faults touch no other tier. 200 suits, about 11 minutes on the two-core machine of 2026-12-02 (no
      // suit starts after 12 minutes of the drive); CHAOS=0 leaves it out of a local run (docs/chaos.md, "Sizes").
      ...(process.env.CHAOS === '0' ? [] : [{
        test: {
          name: 'chaos',
          expect: expectations,
          sequence: { groupOrder: 3 },
          include: ['test/chaos/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 40 * 60_000,
          hookTimeout: 60_000,
        },
      }]),
    ],
  },
});
