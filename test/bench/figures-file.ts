// How a benchmark hands its figures to npm run bench (scripts/bench.ts): when BENCH_FIGURES_FILE is
// set, the bench writes its figures there as JSON (Figure[]); run alone, it only prints its tables.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Figure } from './report.ts';

export function writeFigures(figures: Figure[], file = process.env.BENCH_FIGURES_FILE): void {
  if (!file) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(figures, null, 2));
}
