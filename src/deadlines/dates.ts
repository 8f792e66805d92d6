// Calendar dates as integers (days since 1970-01-01), so period arithmetic never meets a time zone.
// A deadline is a date in Asia/Shanghai that ends at 24:00 local time; instants are derived at the edge.
import { InputError } from '../errors.ts';

export type EpochDay = number;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The earliest trigger the engine accepts: the first year of the holiday data. */
export const MIN_SUPPORTED_DATE = '2004-01-01';
/** The latest date the lunar and solar-term tables used for provisional estimates reach. */
export const MAX_SUPPORTED_DATE = '2099-12-31';

export function epochDay(year: number, month: number, day: number): EpochDay {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** 'YYYY-MM-DD' → EpochDay, or null when the text is not a real calendar date (2026-02-30). */
export function parseIsoDate(text: string): EpochDay | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return epochDay(y, mo, d);
}

// The period loops format and split days by the million in a recomputation: arithmetic, not a Date each.
export function formatIsoDate(day: EpochDay): string {
  const { year, month, date } = partsOf(day);
  return `${year < 1000 ? String(year).padStart(4, '0') : year}-${month < 10 ? '0' : ''}${month}-${date < 10 ? '0' : ''}${date}`;
}

export function yearOf(day: EpochDay): number {
  return partsOf(day).year;
}

/** The Gregorian date of an epoch day (H. Hinnant's civil_from_days). */
export function partsOf(day: EpochDay): { year: number; month: number; date: number } {
  const z = day + 719_468; // days since 0000-03-01
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100)); // from 1 March
  const m = Math.floor((5 * dayOfYear + 2) / 153);
  const month = m < 10 ? m + 3 : m - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, date: dayOfYear - Math.floor((153 * m + 2) / 5) + 1 };
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: EpochDay): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: EpochDay): boolean {
  const w = weekdayOf(day);
  return w === 0 || w === 6;
}

const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
export function weekdayZh(day: EpochDay): string {
  return WEEKDAY_ZH[weekdayOf(day)]!;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** Same date N months later, or that month's last day when it has no such date (SPC rule on month periods). */
export function addMonths(day: EpochDay, months: number): { day: EpochDay; clamped: boolean } {
  const { year, month, date } = partsOf(day);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = daysInMonth(y, m);
  return { day: epochDay(y, m, Math.min(date, last)), clamped: date > last };
}

/**
 * Validates a date field: a real calendar date within the supported range. Throws InputError naming the field.
 */
export function requireIsoDate(value: unknown, field: string): EpochDay {
  if (value === undefined || value === null || value === '') throw new InputError([{ field, message: '缺少日期（YYYY-MM-DD）' }]);
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new InputError([{ field, message: `日期格式应为 YYYY-MM-DD，收到 ${JSON.stringify(value)}` }]);
  }
  const day = parseIsoDate(value);
  if (day === null) throw new InputError([{ field, message: `${value} 不是有效的日历日期` }]);
  if (value < MIN_SUPPORTED_DATE) {
    throw new InputError([{ field, message: `${value} 早于 ${MIN_SUPPORTED_DATE}：节假日数据自2004年起，无法计算更早的期限` }]);
  }
  if (value > MAX_SUPPORTED_DATE) throw new InputError([{ field, message: `${value} 晚于支持的最后日期 ${MAX_SUPPORTED_DATE}` }]);
  return day;
}

/** The Asia/Shanghai calendar date of an instant (China has had no DST since 1991). */
export function shanghaiDateOf(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * An instant as Asia/Shanghai wall-clock time with the +08:00 offset ("2026-03-12T23:30:00-05:00" →
 * "2026-03-13T12:30:00+08:00"), so the first ten characters are the Shanghai date wherever a reader
 * takes the date of a stored date-time by its prefix.
 */
export function toShanghaiOffset(instant: Date): string {
  const local = new Date(instant.getTime() + 8 * 3_600_000).toISOString();
  const fraction = instant.getUTCMilliseconds() ? local.slice(19, 23) : '';
  return `${local.slice(0, 19)}${fraction}+08:00`;
}

/** An instant on a Shanghai calendar date, as an ISO date-time with the +08:00 offset (a timer date, a due date). */
export function shanghaiDateTime(date: string, time: string): string {
  return `${date}T${time}+08:00`;
}
