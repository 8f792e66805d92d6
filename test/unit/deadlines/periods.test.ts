import { describe, expect, it } from 'vitest';
import { calendarWith, packagedCalendar, statutoryRestDays } from '../../../src/deadlines/calendar.ts';
import { formatIsoDate, parseIsoDate } from '../../../src/deadlines/dates.ts';
import { calendarDaysAfter, monthsAfter, workingDaysAfter, workingDaysBefore } from '../../../src/deadlines/periods.ts';

const cal = packagedCalendar();
const d = (s: string) => parseIsoDate(s)!;
const run = (fn: typeof calendarDaysAfter, trigger: string, n: number) => {
  const r = fn(cal, d(trigger), n);
  return { due: formatIsoDate(r.due), provisional: r.provisional, text: r.steps.join('；') };
};

describe('calendar days over the 2026 holiday blocks (trigger day not counted, last rest day rolls over)', () => {
  it.each([
    // [block, trigger, days, due, a phrase the explanation must contain]
    ['元旦: last day on the holiday rolls to the Sunday make-up day', '2025-12-17', 15, '2026-01-04', '顺延至下一个工作日2026-01-04'],
    ['元旦: last day on the Saturday inside the block', '2025-12-19', 15, '2026-01-04', '法定节假日（元旦）'],
    ['春节: last day inside the nine-day block', '2026-01-31', 15, '2026-02-24', '顺延至下一个工作日2026-02-24'],
    ['春节: make-up Saturday before the block is a working day', '2026-01-30', 15, '2026-02-14', '调休上班日'],
    ['春节: make-up Saturday after the block is a working day', '2026-02-13', 15, '2026-02-28', '不顺延'],
    ['清明', '2026-03-20', 15, '2026-04-07', '法定节假日（清明）'],
    ['劳动节', '2026-04-16', 15, '2026-05-06', '法定节假日（劳动节）'],
    ['劳动节: make-up Saturday 5-9', '2026-04-24', 15, '2026-05-09', '调休上班日'],
    ['端午', '2026-06-04', 15, '2026-06-22', '法定节假日（端午）'],
    ['中秋', '2026-09-10', 15, '2026-09-25'.replace('25', '28'), '法定节假日（中秋）'],
    ['中秋/国庆: make-up Sunday 9-20 between the two blocks', '2026-09-05', 15, '2026-09-20', '调休上班日'],
    ['国庆', '2026-09-16', 15, '2026-10-08', '法定节假日（国庆节）'],
    ['国庆: make-up Saturday 10-10', '2026-09-25', 15, '2026-10-10', '调休上班日'],
    ['ordinary weekend', '2026-03-06', 15, '2026-03-23', '休息日（星期六）'],
    ['holidays inside the period are not deducted', '2026-09-28', 15, '2026-10-13', '届满日为工作日'],
  ])('%s', (_block, trigger, days, due, phrase) => {
    const r = run(calendarDaysAfter, trigger, days);
    expect(r.due).toBe(due);
    expect(r.provisional).toBe(false);
    expect(r.text).toContain(phrase);
    expect(r.text).toContain(`起算日${trigger}不计入`);
  });
});

describe('working days', () => {
  it.each([
    ['over National Day, ending on the make-up Saturday', '2026-09-28', 5, '2026-10-10'],
    ['over the Spring Festival with the make-up Saturday 2-14 counted', '2026-02-12', 5, '2026-02-26'],
    ['over New Year with the make-up Sunday 1-4 counted', '2025-12-31', 3, '2026-01-06'],
    ['over Labour Day, ending on the make-up Saturday 5-9', '2026-04-29', 5, '2026-05-09'],
    ['plain week', '2026-03-10', 5, '2026-03-17'],
  ])('%s', (_name, trigger, days, due) => {
    expect(run(workingDaysAfter, trigger, days)).toMatchObject({ due, provisional: false });
  });

  it.each([
    ['before the day after National Day', '2026-10-08', 3, '2026-09-28'],
    ['counting the make-up Saturday 10-10', '2026-10-12', 3, '2026-10-08'],
    ['plain week, X not counted', '2026-03-25', 3, '2026-03-20'],
  ])('N working days before X: %s', (_name, anchor, days, due) => {
    expect(run(workingDaysBefore, anchor, days)).toMatchObject({ due, provisional: false });
  });
});

describe('months', () => {
  it('31 January + 1 month is the last day of February (2026: a make-up Saturday, no roll-over)', () => {
    const r = monthsAfter(cal, d('2026-01-31'), 1);
    expect(formatIsoDate(r.due)).toBe('2026-02-28');
    expect(r.steps.join()).toContain('取该月最后一日');
    expect(r.steps.join()).toContain('调休上班日');
  });
  it('leap year: 2024-01-31 + 1 month = 2024-02-29; 2023-08-31 + 6 months = 2024-02-29', () => {
    expect(formatIsoDate(monthsAfter(cal, d('2024-01-31'), 1).due)).toBe('2024-02-29');
    expect(formatIsoDate(monthsAfter(cal, d('2023-08-31'), 6).due)).toBe('2024-02-29');
  });
  it('same date in the end month, then the rest-day rule', () => {
    // 2026-03-05 + 1 M = 2026-04-05 (清明) → 2026-04-07
    expect(formatIsoDate(monthsAfter(cal, d('2026-03-05'), 1).due)).toBe('2026-04-07');
  });
});

describe('provisional years (2027 not in the calendar)', () => {
  it('a last day in an unknown year is not rolled over; the estimate is mayExtendTo', () => {
    const r = calendarDaysAfter(cal, d('2026-12-17'), 15);
    expect(formatIsoDate(r.due)).toBe('2027-01-01');
    expect(r.provisional).toBe(true);
    expect(formatIsoDate(r.mayExtendTo!)).toBe('2027-01-04');
    expect(r.steps.join()).toContain('2027年的国务院放假安排尚未公布');
  });
  it('late December of a covered year is unsettled while next year is missing', () => {
    const r = calendarDaysAfter(cal, d('2026-12-11'), 15);
    expect(formatIsoDate(r.due)).toBe('2026-12-26');
    expect(r.provisional).toBe(true);
    expect(formatIsoDate(r.mayExtendTo!)).toBe('2026-12-28');
  });
  it('a working-day count into an unknown year is conservative (one day earlier for a possible make-up weekend)', () => {
    const r = workingDaysAfter(cal, d('2026-12-28'), 5);
    expect(r.provisional).toBe(true);
    expect(formatIsoDate(r.due)).toBe('2027-01-04');
    expect(formatIsoDate(r.estimatedDue!)).toBe('2027-01-05');
  });
  it('N working days before a date in an unknown year goes one more working day back', () => {
    const r = workingDaysBefore(cal, d('2027-02-10'), 3);
    expect(r.provisional).toBe(true);
    expect(formatIsoDate(r.estimatedDue!)).toBe('2027-02-03'); // 2-5..2-8 statutory estimate (除夕 to 初三)
    expect(formatIsoDate(r.due)).toBe('2027-02-02');
  });
  it('becomes OK once the year is added, and uses the added days', () => {
    const with2027 = calendarWith([{ year: 2027, notice: 'test notice', source: 'test' }], [
      { date: '2027-01-01', isOffDay: true, name: '元旦' },
      { date: '2027-01-02', isOffDay: true, name: '元旦' },
      { date: '2027-01-03', isOffDay: true, name: '元旦' },
    ]);
    const r = calendarDaysAfter(with2027, d('2026-12-17'), 15);
    expect(formatIsoDate(r.due)).toBe('2027-01-04');
    expect(r.provisional).toBe(false);
    expect(formatIsoDate(calendarDaysAfter(with2027, d('2026-12-11'), 15).due)).toBe('2026-12-28');
  });
  it('a day is never certain in a year without a notice, even a Tuesday', () => {
    expect(cal.isKnown(d('2027-03-09'))).toBe(false);
    expect(cal.isKnown(d('2026-03-10'))).toBe(true);
  });
});

describe('statutory rest days used for estimates', () => {
  it('2026 estimate matches the days the 2026 notice made rest days', () => {
    for (const s of statutoryRestDays(2026)) expect(cal.classify(d(s.date)).rest, s.date).toBe(true);
  });
});

describe('explanations name the notice that is really missing', () => {
  it('late December of a published year waits for the next year\'s notice, never "2026年…尚未公布"', () => {
    // 2026 is published (the package covers it); 2026-12-26 is unsettled only because 2027's notice may move it
    const r = calendarDaysAfter(cal, d('2026-12-11'), 15);
    expect(r.provisional).toBe(true);
    const text = r.steps.join('；');
    expect(text).not.toContain('2026年的国务院放假安排尚未公布');
    expect(text).toContain('2027年的国务院放假安排尚未公布（2026年12月下旬的休息日可能随之调整）');
  });
  it('a working-day count through late December into the next year names only the missing year', () => {
    const text = workingDaysAfter(cal, d('2026-12-21'), 10).steps.join('；');
    expect(text).not.toContain('2026年的国务院放假安排尚未公布');
    expect(text).not.toContain('2026年、2027年');
    expect(text).toContain('2027年的国务院放假安排尚未公布');
  });
});
