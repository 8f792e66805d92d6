// The statutory working-day calendar (法定节假日与调休): chinese-days data, plus the ledger's admin
// additions and corrections, over an explicit list of covered years. A year outside that list is
// "not known": the engine never trusts a guess about it (see periods.ts for the provisional rules).
import { createRequire } from 'node:module';
import chineseDays from 'chinese-days';
import { epochDay, formatIsoDate, isWeekend, parseIsoDate, partsOf, yearOf, type EpochDay } from './dates.ts';

const require = createRequire(import.meta.url);

export interface CoveredYear {
  year: number;
  /** the State Council General Office notice the data follows */
  notice: string;
  /** where the data came from: the npm package or an admin entry in the ledger */
  source: string;
}

/** A day that differs from the Monday–Friday rule: a rest day on a weekday, or a make-up working day. */
export interface CalendarDay {
  date: string;
  isOffDay: boolean;
  name: string;
}

export const CHINESE_DAYS_VERSION: string = (require('chinese-days/package.json') as { version: string }).version;

// Explicit, not inferred: chinese-days silently treats an unknown year as "Monday–Friday work".
// When upgrading chinese-days, add the new year here (test/unit/deadlines/calendar.test.ts fails otherwise).
const PACKAGE_SOURCE = `npm chinese-days ${CHINESE_DAYS_VERSION}`;
const NOTICE_NUMBERS: Record<number, string> = {
  2024: '国办发明电〔2023〕7号',
  2025: '国办发明电〔2024〕12号',
};
export const PACKAGED_COVERED_YEARS: readonly CoveredYear[] = Array.from({ length: 2026 - 2004 + 1 }, (_, i) => {
  const year = 2004 + i;
  const number = NOTICE_NUMBERS[year];
  return {
    year,
    notice: `国务院办公厅关于${year}年部分节假日安排的通知${number ? `（${number}）` : ''}`,
    source: PACKAGE_SOURCE,
  };
});

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** chinese-days' day list: "English,中文,n" values keyed by date. */
export function packagedCalendarDays(): CalendarDay[] {
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  const zh = (v: string) => v.split(',')[1] ?? v;
  return [
    ...Object.entries(data.holidays).map(([date, v]) => ({ date, isOffDay: true, name: zh(v) })),
    ...Object.entries(data.workdays).map(([date, v]) => ({ date, isOffDay: false, name: zh(v) })),
  ];
}

// Day table over the whole supported range; one byte per day keeps the benchmark's inner loops cheap.
const FIRST_DAY = epochDay(2004, 1, 1);
const LAST_DAY = epochDay(2101, 12, 31);
const KNOWN_OFF = 1;
const KNOWN_WORK = 2;
const ESTIMATED_OFF = 4;

// statutoryRestDays per year: the lunar and solar-term lookups of chinese-days are slow (a profile of
// the web app under load put a quarter of its CPU there, once per case view), and the answer depends
// on the year and the packaged data only
const restDaysByYear = new Map<number, readonly { date: string; name: string }[]>();

/** Days of the 全国年节及纪念日放假办法 a year is sure to rest on, before its notice is published. */
export function statutoryRestDays(year: number): { date: string; name: string }[] {
  let days = restDaysByYear.get(year);
  if (!days) restDaysByYear.set(year, (days = computeStatutoryRestDays(year)));
  return days.map((d) => ({ ...d }));
}

function computeStatutoryRestDays(year: number): { date: string; name: string }[] {
  const days: { date: string; name: string }[] = [{ date: `${year}-01-01`, name: '元旦' }];
  const festivals = chineseDays.getLunarFestivals(`${year}-01-01`, `${year}-12-31`);
  const find = (name: string) => festivals.find((f) => f.name.includes(name))?.date;
  const springDay = find('春节');
  if (springDay) {
    const start = parseIsoDate(springDay)!;
    // 2025 revision: 除夕 + 初一 to 初三; before 2025: 初一 to 初三
    const from = year >= 2025 ? -1 : 0;
    for (let i = from; i <= 2; i++) days.push({ date: formatIsoDate(start + i), name: '春节' });
  }
  const qingming = chineseDays.getSolarTermsInRange(`${year}-04-01`, `${year}-04-10`).find((t) => t.name === '清明' && t.index === 1);
  if (qingming) days.push({ date: qingming.date, name: '清明' });
  days.push({ date: `${year}-05-01`, name: '劳动节' });
  if (year >= 2025) days.push({ date: `${year}-05-02`, name: '劳动节' });
  for (const [festival, name] of [['端午节', '端午'], ['中秋节', '中秋']] as const) {
    const date = find(festival);
    if (date) days.push({ date, name });
  }
  for (const d of [1, 2, 3]) days.push({ date: `${year}-10-0${d}`, name: '国庆节' });
  // a lunar day can fall into the next solar year only for 除夕 of the following spring; keep this year's days
  return days.filter((d) => d.date.startsWith(String(year)));
}

export interface DayClass {
  /** whether the day is a rest day, by the published data (known days) or by the Monday–Friday rule */
  rest: boolean;
  /** whether the published calendar settles this day */
  known: boolean;
  /** the holiday (or make-up day's holiday) name, when any */
  name: string | null;
  makeUpWorkday: boolean;
}

export class WorkCalendar {
  readonly coveredYears: ReadonlyMap<number, CoveredYear>;
  private readonly flags = new Uint8Array(LAST_DAY - FIRST_DAY + 1);
  private readonly names = new Map<EpochDay, string>();
  private readonly estimatedYears = new Set<number>();

  /** Later day lists win: pass the package data first, then the ledger's additions and corrections. */
  constructor(coveredYears: Iterable<CoveredYear>, ...dayLists: CalendarDay[][]) {
    this.coveredYears = new Map([...coveredYears].map((y) => [y.year, y]));
    for (const list of dayLists) {
      for (const d of list) {
        const day = parseIsoDate(d.date);
        if (day === null || day < FIRST_DAY || day > LAST_DAY) continue;
        const i = day - FIRST_DAY;
        this.flags[i] = (this.flags[i]! & ESTIMATED_OFF) | (d.isOffDay ? KNOWN_OFF : KNOWN_WORK);
        this.names.set(day, d.name);
      }
    }
  }

  isCoveredYear(year: number): boolean {
    return this.coveredYears.has(year);
  }

  /**
   * A day is settled when its year's notice is loaded — except late December (from the 20th) while the
   * next year's notice is missing: a notice can turn the previous year's last weekend into working days
   * (the 2007 notice did so for 2006-12-30/31).
   */
  isKnown(day: EpochDay): boolean {
    const { year, month, date } = partsOf(day);
    if (!this.coveredYears.has(year)) return false;
    return month !== 12 || date < 20 || this.coveredYears.has(year + 1);
  }

  /** Rest day by the data and the weekend rule; for unknown days this is the naive weekend-only answer. */
  isRest(day: EpochDay): boolean {
    const f = this.flags[day - FIRST_DAY] ?? 0;
    if (f & KNOWN_OFF) return true;
    if (f & KNOWN_WORK) return false;
    return isWeekend(day);
  }

  /** Rest day in the estimate used for unknown years: weekends plus the statutory days of the 放假办法. */
  isRestEstimated(day: EpochDay): boolean {
    if (this.isKnown(day)) return this.isRest(day);
    this.ensureEstimate(yearOf(day));
    return Boolean((this.flags[day - FIRST_DAY] ?? 0) & ESTIMATED_OFF) || isWeekend(day);
  }

  classify(day: EpochDay): DayClass {
    const f = this.flags[day - FIRST_DAY] ?? 0;
    return {
      rest: this.isRest(day),
      known: this.isKnown(day),
      name: this.names.get(day) ?? null,
      makeUpWorkday: Boolean(f & KNOWN_WORK) && isWeekend(day),
    };
  }

  nameOf(day: EpochDay): string | null {
    return this.names.get(day) ?? null;
  }

  private ensureEstimate(year: number): void {
    if (this.estimatedYears.has(year)) return;
    this.estimatedYears.add(year);
    for (const d of statutoryRestDays(year)) {
      const day = parseIsoDate(d.date)!;
      const i = day - FIRST_DAY;
      if (i < 0 || i >= this.flags.length) continue;
      this.flags[i] = this.flags[i]! | ESTIMATED_OFF;
    }
  }
}

let packaged: WorkCalendar | undefined;
let packagedDays: CalendarDay[] | undefined;

/** The calendar from the npm data alone (no ledger additions): the CLI's default and the tests'. */
export function packagedCalendar(): WorkCalendar {
  packaged ??= new WorkCalendar(PACKAGED_COVERED_YEARS, cachedPackagedDays());
  return packaged;
}

export function cachedPackagedDays(): CalendarDay[] {
  packagedDays ??= packagedCalendarDays();
  return packagedDays;
}

/** The package calendar with additional years and day corrections (from the ledger or a test). */
export function calendarWith(extraYears: CoveredYear[], extraDays: CalendarDay[]): WorkCalendar {
  const years = new Map(PACKAGED_COVERED_YEARS.map((y) => [y.year, y]));
  for (const y of extraYears) years.set(y.year, y);
  return new WorkCalendar(years.values(), cachedPackagedDays(), extraDays);
}
