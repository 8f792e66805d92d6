// Statistics periods: a year (2026) or a quarter (2026Q3) as a range of Asia/Shanghai calendar
// dates, and the same period a year earlier for the year-on-year change (同比).
import { InputError } from '../errors.ts';

export interface Period {
  /** 2026 or 2026Q3 */
  label: string;
  year: number;
  quarter: 1 | 2 | 3 | 4 | null;
  /** first and last day, inclusive, YYYY-MM-DD */
  from: string;
  to: string;
}

const QUARTER_START = ['01-01', '04-01', '07-01', '10-01'] as const;
const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'] as const;

export function periodOf(year: number, quarter: 1 | 2 | 3 | 4 | null): Period {
  if (quarter === null) return { label: String(year), year, quarter, from: `${year}-01-01`, to: `${year}-12-31` };
  return { label: `${year}Q${quarter}`, year, quarter, from: `${year}-${QUARTER_START[quarter - 1]}`, to: `${year}-${QUARTER_END[quarter - 1]}` };
}

/** "2026" or "2026Q3" (q in either case); InputError naming `field` otherwise. */
export function parsePeriod(text: string, field = 'period'): Period {
  const m = /^(\d{4})(?:[Qq]([1-4]))?$/.exec(text.trim());
  const year = m ? Number(m[1]) : NaN;
  if (!m || year < 2015 || year > 2099) throw new InputError([{ field, message: '统计期间应为年份（如 2026）或季度（如 2026Q3），2015年至2099年' }]);
  return periodOf(year, m[2] ? (Number(m[2]) as 1 | 2 | 3 | 4) : null);
}

/** The same period one year earlier. */
export const previousYear = (p: Period): Period => periodOf(p.year - 1, p.quarter);

/** 2026年 / 2026年第三季度 */
export function periodLabelZh(p: Period): string {
  return p.quarter === null ? `${p.year}年` : `${p.year}年第${'一二三四'[p.quarter - 1]}季度`;
}
