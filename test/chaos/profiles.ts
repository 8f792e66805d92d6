// The two sizes of a chaos run (docs/chaos.md, "Sizes", says why these numbers).
// Full: the 1,000 suits, 24 driven at a time, SMTP and webhook down for 3 minutes.
export const FULL = { suits: 1000, concurrency: 24, outageMs: 180_000, driveTimeoutMs: 6 * 3600_000 };
// Reduced (vitest project chaos, part of npm test; npm run chaos -- --reduced): 3 suits, one of each kind, all
// at once. On the two-core machine the engine app alone needs 1–2 minutes to start and again after
// its kill -9, and an appeal suit renders ten PDFs: this size takes 8–15 minutes there; the issue's
// N = 200 would take hours.
export const REDUCED = { suits: 3, concurrency: 3, outageMs: 20_000, driveTimeoutMs: 30 * 60_000 };
