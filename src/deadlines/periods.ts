// Period arithmetic (期间计算), DESIGN.md §3. Every function returns the due date, whether it is
// PROVISIONAL (it touched a day whose year's holiday notice is not loaded) and the Chinese steps.
//
// Provisional policy (the agency can never be late because of a guess):
//  - calendar days / months: a last day in an unknown year is not rolled over (it might turn out to be
//    a make-up working day); the estimated roll-over is returned as mayExtendTo.
//  - working days forward: unknown days are estimated (weekends + the statutory days of the 放假办法,
//    which are rest days whatever the notice says; bridge days it may add are not deducted) and, when an
//    unknown weekend lies in the span, one working day earlier (a possible make-up working day).
//  - working days before X: unknown days are estimated (weekends + statutory days), then one more
//    working day back for the bridge days a notice usually adds.
import type { WorkCalendar } from './calendar.ts';
import { addMonths, epochDay, formatIsoDate, isWeekend, partsOf, weekdayZh, yearOf, type EpochDay } from './dates.ts';

export const PERIOD_UNITS = ['calendar-days', 'working-days', 'months', 'working-days-before', 'calendar-days-before', 'fixed-date-next-year'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

export interface PeriodSpec {
  unit: PeriodUnit;
  /** days or months; unused for fixed-date-next-year */
  amount: number;
  /** calendar-days / months: a last day on a rest day moves to the next working day (default true) */
  rollOffRestDay?: boolean;
  /** fixed-date-next-year: 'MM-DD' */
  monthDay?: string;
}

export interface PeriodResult {
  due: EpochDay;
  provisional: boolean;
  /** provisional calendar-day periods: the date the period may extend to once the notice is known */
  mayExtendTo?: EpochDay;
  /** provisional working-day periods: the estimate with the statutory days of the 放假办法 */
  estimatedDue?: EpochDay;
  steps: string[];
}

const fmt = formatIsoDate;

function label(cal: WorkCalendar, day: EpochDay): string {
  const c = cal.classify(day);
  const notes = [weekdayZh(day)];
  if (c.known && c.rest && c.name) notes.push(`${c.name}假期`);
  if (c.known && c.makeUpWorkday) notes.push(`${c.name ?? ''}调休上班日`);
  return `${fmt(day)}（${notes.join('，')}）`;
}

function restReason(cal: WorkCalendar, day: EpochDay): string {
  const name = cal.nameOf(day);
  return name && !cal.classify(day).makeUpWorkday ? `法定节假日（${name}）` : `休息日（${weekdayZh(day)}）`;
}

/**
 * Why the days are not settled, naming the notice that is really missing: a day of an uncovered year
 * waits for its own year's notice; a late-December day of a covered year waits for the next year's
 * notice, which may move it (its own year's notice is published and must not be called missing).
 */
function pendingNoticeText(cal: WorkCalendar, days: EpochDay[]): string {
  const missing = new Set<number>();
  const lateDecember = new Set<number>();
  for (const d of days) {
    const year = yearOf(d);
    if (cal.isCoveredYear(year)) {
      lateDecember.add(year);
      missing.add(year + 1);
    } else missing.add(year);
  }
  const years = [...missing].sort().map((y) => `${y}年`).join('、');
  const moved = [...lateDecember].sort().map((y) => `${y}年12月下旬的休息日可能随之调整`).join('，');
  return `${years}的国务院放假安排尚未公布${moved ? `（${moved}）` : ''}`;
}

/** The rest-day rule on a last day; shared by calendar-day and month periods. */
function rollForward(cal: WorkCalendar, last: EpochDay, steps: string[]): PeriodResult {
  const c = cal.classify(last);
  if (!c.known) {
    let estimate = last;
    while (cal.isRestEstimated(estimate)) estimate++;
    steps.push(
      `${pendingNoticeText(cal, [last])}，届满日暂不顺延，以${fmt(last)}为准（暂定）` +
        (estimate > last ? `；若该日确为休息日，可能顺延至${fmt(estimate)}` : '') +
        '；放假安排公布后将自动重新计算',
    );
    return { due: last, provisional: true, ...(estimate > last ? { mayExtendTo: estimate } : {}), steps };
  }
  if (!c.rest) {
    steps.push(c.makeUpWorkday ? `届满日为调休上班日（${c.name ?? ''}调休），视为工作日，不顺延` : '届满日为工作日，不顺延');
    return { due: last, provisional: false, steps };
  }
  let d = last + 1;
  while (cal.isKnown(d) && cal.isRest(d)) d++;
  if (!cal.isKnown(d)) {
    let estimate = d;
    while (cal.isRestEstimated(estimate)) estimate++;
    steps.push(
      `届满日为${restReason(cal, last)}，应顺延；顺延所及的${pendingNoticeText(cal, [d])}，暂以${fmt(d)}为届满日（暂定，不作未知的顺延）` +
        (estimate > d ? `，可能顺延至${fmt(estimate)}` : '') +
        '；放假安排公布后将自动重新计算',
    );
    return { due: d, provisional: true, ...(estimate > d ? { mayExtendTo: estimate } : {}), steps };
  }
  steps.push(`届满日为${restReason(cal, last)}，顺延至下一个工作日${label(cal, d)}`);
  return { due: d, provisional: false, steps };
}

function noRoll(cal: WorkCalendar, due: EpochDay, steps: string[]): PeriodResult {
  if (cal.isKnown(due) && cal.isRest(due)) steps.push(`该日为${restReason(cal, due)}，本规则不顺延，请在此前办理`);
  return { due, provisional: false, steps };
}

export function calendarDaysAfter(cal: WorkCalendar, trigger: EpochDay, days: number, roll = true): PeriodResult {
  const last = trigger + days;
  const steps = [`起算日${fmt(trigger)}不计入，自次日起算${days}日（期间内的节假日不扣除），届满日为${label(cal, last)}`];
  return roll ? rollForward(cal, last, steps) : noRoll(cal, last, steps);
}

export function monthsAfter(cal: WorkCalendar, trigger: EpochDay, months: number, roll = true): PeriodResult {
  const { day: last, clamped } = addMonths(trigger, months);
  const steps = [
    `自${fmt(trigger)}起算${months}个月，届满日为${clamped ? `届满月无对应日，取该月最后一日` : '届满月的对应日'}${label(cal, last)}`,
  ];
  return roll ? rollForward(cal, last, steps) : noRoll(cal, last, steps);
}

export function workingDaysAfter(cal: WorkCalendar, trigger: EpochDay, days: number): PeriodResult {
  const counted: EpochDay[] = [];
  const holidays = new Map<string, EpochDay[]>();
  const makeUps: EpochDay[] = [];
  const unknown: EpochDay[] = [];
  let unknownWeekends = 0;
  let d = trigger;
  while (counted.length < days) {
    d++;
    if (cal.isKnown(d)) {
      if (!cal.isRest(d)) {
        counted.push(d);
        if (isWeekend(d)) makeUps.push(d);
      } else {
        const name = cal.nameOf(d);
        if (name) holidays.set(name, [...(holidays.get(name) ?? []), d]);
      }
    } else {
      // the statutory days of the 放假办法 are rest days whatever the notice says; weekends might not be
      unknown.push(d);
      if (!cal.isRestEstimated(d)) counted.push(d);
      else if (isWeekend(d)) unknownWeekends++;
    }
  }
  const steps = [`起算日${fmt(trigger)}不计入，自次日起计算${days}个工作日（周六、周日和法定节假日不计，调休上班日计入）`];
  for (const [name, list] of holidays) steps.push(`期间内的${name}假期${fmt(list[0]!)}至${fmt(list.at(-1)!)}不计入`);
  if (makeUps.length) steps.push(`调休上班日${makeUps.map(fmt).join('、')}计为工作日`);
  if (!unknown.length) {
    steps.push(`第${days}个工作日为${label(cal, d)}`);
    return { due: d, provisional: false, steps };
  }
  // conservative: one day earlier when an unknown weekend might become a make-up working day
  const due = unknownWeekends > 0 && days > 1 ? counted[days - 2]! : d;
  steps.push(
    `${pendingNoticeText(cal, unknown)}：按周末和《全国年节及纪念日放假办法》规定的节日估算，第${days}个工作日为${fmt(d)}` +
      (due !== d ? `；因周末可能调休上班，提前一个工作日，暂定为${fmt(due)}` : `，暂定为${fmt(due)}`) +
      '；放假安排公布后将自动重新计算',
  );
  return { due, provisional: true, ...(due !== d ? { estimatedDue: d } : {}), steps };
}

export function workingDaysBefore(cal: WorkCalendar, anchor: EpochDay, days: number): PeriodResult {
  let count = 0;
  let d = anchor;
  const unknown: EpochDay[] = [];
  while (count < days) {
    d--;
    if (cal.isKnown(d)) {
      if (!cal.isRest(d)) count++;
    } else {
      unknown.push(d);
      if (!cal.isRestEstimated(d)) count++;
    }
  }
  const steps = [`以${fmt(anchor)}为基准日（不计入），向前倒数${days}个工作日（周六、周日和法定节假日不计，调休上班日计入），最迟日为${label(cal, d)}`];
  if (!unknown.length) return { due: d, provisional: false, steps };
  const estimated = d;
  do d--;
  while (cal.isKnown(d) ? cal.isRest(d) : cal.isRestEstimated(d));
  steps.push(
    `${pendingNoticeText(cal, unknown)}：按周末和法定节日估算为${fmt(estimated)}，为防放假安排增加休息日再提前一个工作日，暂定为${fmt(d)}；放假安排公布后将自动重新计算`,
  );
  return { due: d, provisional: true, estimatedDue: estimated, steps };
}

export function calendarDaysBefore(cal: WorkCalendar, anchor: EpochDay, days: number): PeriodResult {
  const due = anchor - days;
  return { due, provisional: false, steps: [`以${fmt(anchor)}为基准日，向前${days}日为${label(cal, due)}（不顺延）`] };
}

export function fixedDateNextYear(cal: WorkCalendar, trigger: EpochDay, monthDay: string): PeriodResult {
  const year = partsOf(trigger).year;
  const [m, d] = monthDay.split('-').map(Number) as [number, number];
  const due = epochDay(year + 1, m, d);
  const steps = [`${year}年度的情况应于${year + 1}年${m}月${d}日前报送（固定日期，当日24:00前）`];
  return noRoll(cal, due, steps);
}

export function computePeriod(cal: WorkCalendar, spec: PeriodSpec, trigger: EpochDay): PeriodResult {
  const roll = spec.rollOffRestDay ?? true;
  switch (spec.unit) {
    case 'calendar-days':
      return calendarDaysAfter(cal, trigger, spec.amount, roll);
    case 'months':
      return monthsAfter(cal, trigger, spec.amount, roll);
    case 'working-days':
      return workingDaysAfter(cal, trigger, spec.amount);
    case 'working-days-before':
      return workingDaysBefore(cal, trigger, spec.amount);
    case 'calendar-days-before':
      return calendarDaysBefore(cal, trigger, spec.amount);
    case 'fixed-date-next-year':
      return fixedDateNextYear(cal, trigger, spec.monthDay ?? '01-01');
  }
}
