// Unit tier: the lookups the recomputation of 100,000 cases leans on give what the straightforward
// code gives — the tabulated deadline rules in force (deadlineRulesInForce) against rulesInForce, for
// each validity edge and profile, also under a set with a version activated; and the date arithmetic of
// dates.ts against JavaScript's Date.
import { describe, expect, it } from 'vitest';
import { daysInMonth, epochDay, formatIsoDate, parseIsoDate, partsOf, yearOf } from '../../../src/deadlines/dates.ts';
import { deadlineRulesInForce, rulesInForce } from '../../../src/deadlines/engine.ts';
import { BASE_PROFILE_SET, mergeProfileVersions, profileSetOf, withProfiles, effectiveProfiles } from '../../../src/deadlines/profile-set.ts';
import { TRIGGER_EVENTS } from '../../../src/deadlines/rules.ts';
import { liaochengDraft } from '../../fixtures/liaocheng-draft.ts';

const withDraft = profileSetOf(mergeProfileVersions(BASE_PROFILE_SET.profiles, [{ profileId: 'liaocheng', version: liaochengDraft() }]));

const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let day = parseIsoDate(from)!; day <= parseIsoDate(to)!; day++) out.push(formatIsoDate(day));
  return out;
};

/** The days where the rules in force can change: each validity date of the set, and the days either side. */
function validityEdges(): string[] {
  const edges = new Set<string>(['2004-01-01', '2099-12-31']);
  for (const profile of effectiveProfiles().profiles) {
    for (const version of profile.versions) {
      for (const { validFrom, validTo } of [version, ...version.rules]) {
        for (const date of [validFrom, validTo]) if (date) for (const d of [-1, 0, 1]) edges.add(formatIsoDate(parseIsoDate(date)! + d));
      }
    }
  }
  return [...edges];
}

/** The days, profiles and events where the two differ. */
function differences(dates: string[]): string[] {
  const ids = (list: readonly { rule: { id: string }; profile: { id: string } }[]) => list.map((r) => `${r.profile.id}/${r.rule.id}`).join(',');
  const out: string[] = [];
  for (const profile of effectiveProfiles().profiles) {
    for (const date of dates) {
      const inForce = rulesInForce(profile, date);
      for (const event of TRIGGER_EVENTS) {
        const expected = ids(inForce.filter((r) => r.rule.kind === 'deadline' && r.rule.triggers.includes(event)));
        const actual = ids(deadlineRulesInForce(profile, date, event));
        if (actual !== expected) out.push(`${profile.id} ${date} ${event}: ${actual} ≠ ${expected}`);
      }
    }
  }
  return out;
}

describe('deadlineRulesInForce', () => {
  it('equals rulesInForce narrowed to the event, on every validity edge and every day of 2026 and 2027', () => {
    expect(differences([...validityEdges(), ...days('2026-01-01', '2027-12-31')])).toEqual([]);
  });

  it('follows the profile set it is asked under (an activated version)', () => {
    expect(withProfiles(withDraft, () => differences([...validityEdges(), ...days('2026-08-01', '2026-10-31')]))).toEqual([]);
    const liaocheng = (set: typeof withDraft) => withProfiles(set, () => deadlineRulesInForce(set.byId.get('liaocheng')!, '2027-06-01', 'complaintReceivedOn'));
    expect(liaocheng(withDraft).map((r) => r.version.validFrom)).not.toEqual(liaocheng(BASE_PROFILE_SET).map((r) => r.version.validFrom));
  });
});

describe('date arithmetic', () => {
  it('splits and formats every day from 1900 to 2200 as Date does', () => {
    for (let day = epochDay(1900, 1, 1); day <= epochDay(2200, 12, 31); day++) {
      const d = new Date(day * 86_400_000);
      const expected = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
      // expect() only on a difference: a hundred thousand days
      if (formatIsoDate(day) !== d.toISOString().slice(0, 10)) expect(formatIsoDate(day)).toBe(d.toISOString().slice(0, 10));
      if (yearOf(day) !== expected.year) expect(yearOf(day)).toBe(expected.year);
      const parts = partsOf(day);
      if (parts.year !== expected.year || parts.month !== expected.month || parts.date !== expected.date) expect(parts).toEqual(expected);
    }
  });

  it('knows the length of every month, leap years included', () => {
    for (let year = 1900; year <= 2200; year++) {
      for (let month = 1; month <= 12; month++) expect(daysInMonth(year, month), `${year}-${month}`).toBe(new Date(Date.UTC(year, month, 0)).getUTCDate());
    }
    expect([daysInMonth(2000, 2), daysInMonth(2100, 2), daysInMonth(2024, 2)]).toEqual([29, 28, 29]);
  });
});
