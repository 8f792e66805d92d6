// The two sizes of a chaos run (docs/chaos.md, "Sizes", says why these numbers).
import type { ChaosOptions } from './run-chaos.ts';

export type ChaosProfile = Pick<ChaosOptions, 'suits' | 'concurrency' | 'outageMs' | 'driveTimeoutMs' | 'startBudgetMs'>;
// Full: the 1,000 suits, 24 driven at a time, SMTP and webhook down for 3 minutes.
export const FULL: ChaosProfile = { suits: 1000, concurrency: 24, outageMs: 180_000, driveTimeoutMs: 6 * 3600_000 };
// Reduced (vitest project chaos, part of npm test; npm run chaos -- --reduced): the 200 suits,
// 24 at a time, outages of 20 s. No suit starts after the first 12 minutes of the drive: the 200 start
// within about 9 minutes on a two-core machine like the one of 2026-12-02 morning (200 suits with
// 2-minute outages: 11.9 min in all), and a machine five times slower runs the suits that started in
// time (the report says how many) and still ends within CI's 90 minutes.
export const REDUCED: ChaosProfile = { suits: 200, concurrency: 24, outageMs: 20_000, driveTimeoutMs: 30 * 60_000, startBudgetMs: 12 * 60_000 };
