import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { PACKAGED_COVERED_YEARS, calendarWith, packagedCalendar, statutoryRestDays } from '../../../src/deadlines/calendar.ts';
import { parseIsoDate } from '../../../src/deadlines/dates.ts';

const require = createRequire(import.meta.url);
const data = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };

describe('covered years', () => {
  it('lists exactly the years the chinese-days data carries (update the list when upgrading the package)', () => {
    const inData = [...new Set(Object.keys(data.holidays).map((k) => Number(k.slice(0, 4))))].sort();
    expect(PACKAGED_COVERED_YEARS.map((y) => y.year)).toEqual(inData);
    expect(inData[0]).toBe(2004);
    expect(inData.at(-1)).toBe(2026);
  });
  it('names the notice behind each year', () => {
    expect(PACKAGED_COVERED_YEARS.find((y) => y.year === 2025)!.notice).toContain('国办发明电〔2024〕12号');
  });
});

describe('2026 days', () => {
  const cal = packagedCalendar();
  it.each([
    ['2026-01-04', false, true],
    ['2026-02-14', false, true],
    ['2026-02-28', false, true],
    ['2026-05-09', false, true],
    ['2026-09-20', false, true],
    ['2026-10-10', false, true],
    ['2026-02-23', true, false],
    ['2026-10-07', true, false],
    ['2026-03-07', true, false],
    ['2026-03-09', false, false],
  ])('%s rest=%s make-up=%s', (date, rest, makeUp) => {
    const c = cal.classify(parseIsoDate(date)!);
    expect(c.rest).toBe(rest);
    expect(c.makeUpWorkday).toBe(makeUp);
    expect(c.known).toBe(true);
  });
});

describe('estimated years', () => {
  it('looks up a year’s statutory rest days in chinese-days once, however many calendars estimate it', async () => {
    // each request and each worker job builds its own calendar from the ledger; the lunar lookup per
    // calendar was a quarter of the web app's CPU under load (docs/chaos.md, issue 15)
    const chineseDays = (await import('chinese-days')).default;
    const lunar = vi.spyOn(chineseDays, 'getLunarFestivals');
    try {
      const day = parseIsoDate('2039-10-03')!;
      for (let i = 0; i < 5; i++) expect(calendarWith([], []).isRestEstimated(day)).toBe(true);
      expect(lunar.mock.calls.filter(([from]) => String(from).startsWith('2039')).length).toBe(1);
      // a caller's change to the list does not reach the next caller
      statutoryRestDays(2039).pop();
      expect(statutoryRestDays(2039).map((d) => d.date)).toContain('2039-10-03');
    } finally {
      lunar.mockRestore();
    }
  });
});
