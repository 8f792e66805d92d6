// The pure part of the benchmarks' reports (npm run bench and bench:lifecycle): percentiles, ratios
// against a baseline measured in the same run, whether a target is met, and the summary table as
// text and markdown. No I/O here, so it is unit-tested (test/unit/bench/report.test.ts).

/** The p-th percentile (nearest rank) of the values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** How a figure is judged against its target: a ratio or value at least / at most the bound. */
export interface Target {
  /** the ratio (value / baseline) when a baseline is given, else the value itself */
  on: 'ratio' | 'value';
  op: '>=' | '<=' | '<';
  bound: number;
  /** as printed, e.g. "≥ 0.8×" or "< 10 s" */
  text: string;
}

export interface Figure {
  /** which benchmark measured it */
  bench: string;
  figure: string;
  value: number;
  unit: string;
  baseline?: number;
  /** what the baseline is, e.g. "no-op workers" */
  baselineLabel?: string;
  target?: Target;
  /** how it was measured (one line) */
  method?: string;
}

export interface FigureRow extends Figure {
  ratio: number | null;
  met: boolean | null;
}

export function ratioOf(value: number, baseline: number | undefined): number | null {
  if (baseline === undefined || !Number.isFinite(baseline) || baseline === 0 || !Number.isFinite(value)) return null;
  return value / baseline;
}

export function judge(f: Figure): FigureRow {
  const ratio = ratioOf(f.value, f.baseline);
  if (!f.target) return { ...f, ratio, met: null };
  const x = f.target.on === 'ratio' ? ratio : f.value;
  if (x === null || !Number.isFinite(x)) return { ...f, ratio, met: null };
  // a ratio exactly at its bound (2.4 / 3 = 0.7999…) meets it: compare past floating-point noise
  const eps = 1e-9 * Math.max(1, Math.abs(f.target.bound));
  const met = f.target.op === '>=' ? x >= f.target.bound - eps : f.target.op === '<=' ? x <= f.target.bound + eps : x < f.target.bound - eps;
  return { ...f, ratio, met };
}

/** Numbers as the tables print them: 3 significant digits, thousands grouped. */
export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const metText = (met: boolean | null) => (met === null ? '–' : met ? 'yes' : 'NO');

function cells(r: FigureRow): string[] {
  return [
    r.bench,
    r.figure,
    `${formatNumber(r.value)} ${r.unit}`.trim(),
    r.baseline === undefined ? '–' : `${formatNumber(r.baseline)} ${r.unit}`.trim() + (r.baselineLabel ? ` (${r.baselineLabel})` : ''),
    r.ratio === null ? '–' : `${r.ratio.toFixed(2)}×`,
    r.target?.text ?? '–',
    metText(r.met),
  ];
}

const HEADER = ['bench', 'figure', 'value', 'baseline', 'ratio', 'target', 'met?'];

export function markdownTable(rows: FigureRow[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [`| ${HEADER.join(' | ')} |`, `|${HEADER.map((_, i) => (i >= 2 && i <= 4 ? '---:' : '---')).join('|')}|`, ...rows.map((r) => `| ${cells(r).map(esc).join(' | ')} |`)].join('\n');
}

/** The same table for a terminal: columns padded to their widest cell. */
export function textTable(rows: FigureRow[]): string {
  const all = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...all.map((r) => [...r[i]!].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0))));
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0)));
  return all.map((r) => r.map((c, i) => pad(c, widths[i]!)).join('  ').trimEnd()).join('\n');
}

/** The figure whose ratio is furthest below its target (the one to profile first). */
export function worstRatio(rows: FigureRow[]): FigureRow | undefined {
  const judged = rows.filter((r) => r.target && r.met === false);
  const shortfall = (r: FigureRow) => {
    const x = r.target!.on === 'ratio' ? r.ratio! : r.value;
    return r.target!.op === '>=' ? x / r.target!.bound : r.target!.bound / x;
  };
  return judged.sort((a, b) => shortfall(a) - shortfall(b))[0];
}
