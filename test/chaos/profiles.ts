// The two sizes of a chaos run (docs/chaos.md, "Sizes", says why these numbers).
// Full: the 1,000 suits, 24 driven at a time, SMTP and webhook down for 3 minutes.
export const FULL = { suits: 1000, concurrency: 24, outageMs: 180_000, driveTimeoutMs: 6 * 3600_000 };
// Reduced (vitest project chaos, part of npm test; npm run chaos -- --reduced): 12 suits, four of each
// kind, six at a time, outages of 20 s — 6.8 minutes on the quiet two-core machine (2026-12-02). The
// issue's N = 200 is about 1.5 hours there at that pace (a 200-suit attempt under extra load reached 28
// suits in 24 minutes), more than CI's 90 minutes can carry next to the rest of npm test.
export const REDUCED = { suits: 12, concurrency: 6, outageMs: 20_000, driveTimeoutMs: 30 * 60_000 };
