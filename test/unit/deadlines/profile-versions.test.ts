// Unit tier: the effective rule-profile set (src/deadlines/profile-set.ts) — a version activated at run
// time closes the one it replaces and the deadline engine computes with it — and the validation of a
// drafted version (src/deadlines/profile-version-schema.ts), each error naming its field path.
import { describe, expect, it } from 'vitest';
import { packagedCalendar } from '../../../src/deadlines/calendar.ts';
import { computeCaseDeadlines } from '../../../src/deadlines/case-deadlines.ts';
import { computeDeadline, getProfile } from '../../../src/deadlines/engine.ts';
import { variableKey } from '../../../src/deadlines/process-variables.ts';
import { BASE_PROFILE_SET, effectiveProfiles, mergeProfileVersions, profileSetOf, withProfiles } from '../../../src/deadlines/profile-set.ts';
import { parseDraftVersion } from '../../../src/deadlines/profile-version-schema.ts';
import { InputError } from '../../../src/errors.ts';
import { DRAFT_FROM, liaochengDraft } from '../../fixtures/liaocheng-draft.ts';

const cal = packagedCalendar();
const withDraft = profileSetOf(mergeProfileVersions(BASE_PROFILE_SET.profiles, [{ profileId: 'liaocheng', version: liaochengDraft() }]));

function fieldsOf(data: unknown): string[] {
  try {
    parseDraftVersion(data);
  } catch (error) {
    if (error instanceof InputError) return error.issues.map((i) => i.field);
    throw error;
  }
  return [];
}

describe('effective profile set', () => {
  it('a new version ends the one in force the day before it starts; other profiles are untouched', () => {
    const liaocheng = withDraft.byId.get('liaocheng')!;
    expect(liaocheng.versions.map((v) => [v.validFrom, v.validTo])).toEqual([
      ['2022-02-01', '2026-08-31'],
      [DRAFT_FROM, null],
    ]);
    expect(withDraft.byId.get('jinghai')).toBe(BASE_PROFILE_SET.byId.get('jinghai'));
    // the base data itself is not changed
    expect(BASE_PROFILE_SET.byId.get('liaocheng')!.versions.map((v) => v.validTo)).toEqual(['2027-01-31']);
  });

  it('a version that starts after the old one ended leaves the old end date', () => {
    const later = { ...liaochengDraft(), validFrom: '2027-03-01' };
    const merged = mergeProfileVersions(BASE_PROFILE_SET.profiles, [{ profileId: 'liaocheng', version: later }]).find((p) => p.id === 'liaocheng')!;
    expect(merged.versions.map((v) => [v.validFrom, v.validTo])).toEqual([
      ['2022-02-01', '2027-01-31'],
      ['2027-03-01', null],
    ]);
  });

  it('the engine computes with the set in force: the draft applies to triggers from its first day only', () => {
    const registration = (trigger: string) => computeDeadline(cal, { profile: 'liaocheng', rule: 'registration', trigger }).due;
    // 2026-09-07 is a Monday: 3 days → Thursday 09-10; 5 days → Saturday 09-12, a rest day → Monday 09-14
    expect(registration('2026-09-07')).toBe('2026-09-10');
    expect(withProfiles(withDraft, () => registration('2026-09-07'))).toBe('2026-09-14');
    // before the draft's first day the old version applies: 2026-08-20 + 3 = Sunday 08-23 → Monday 08-24
    expect(withProfiles(withDraft, () => registration('2026-08-20'))).toBe('2026-08-24');
    // outside withProfiles the installed set is back
    expect(effectiveProfiles()).toBe(BASE_PROFILE_SET);
    expect(getProfile('liaocheng')).toBe(BASE_PROFILE_SET.byId.get('liaocheng'));
  });

  it('a case gets the added rule and the inherited national rules under the draft', () => {
    const compute = () => computeCaseDeadlines(cal, { profile: 'liaocheng', triggers: { complaintReceivedOn: '2026-09-07' }, options: {} }, ['registration', 'answer']);
    const before = new Map(compute().map((d) => [d.rule, d.due]));
    const after = new Map(withProfiles(withDraft, compute).map((d) => [d.rule, d.due]));
    expect(before.has('answer-preparation')).toBe(false);
    // 10 days from Monday 09-07 → Thursday 09-17
    expect(after.get('answer-preparation')).toBe('2026-09-17');
    // national answer period unchanged: 15 days → Tuesday 09-22
    expect(after.get('answer-and-evidence')).toBe(before.get('answer-and-evidence'));
    expect(after.get('answer-and-evidence')).toBe('2026-09-22');
  });

  it('withProfiles puts the installed set back when the computation throws', () => {
    expect(() => withProfiles(withDraft, () => computeDeadline(cal, { profile: 'nowhere', rule: 'registration', trigger: '2026-09-07' }))).toThrow(InputError);
    expect(effectiveProfiles()).toBe(BASE_PROFILE_SET);
  });

  it('process variable names stay those of the base data under a version that reorders triggers', () => {
    const reordered = liaochengDraft();
    reordered.rules = reordered.rules.map((r) => (r.id === 'answer-preparation' && r.kind === 'deadline' ? { ...r, triggers: ['appealCopyReceivedOn', 'complaintReceivedOn'] } : r));
    const set = profileSetOf(mergeProfileVersions(BASE_PROFILE_SET.profiles, [{ profileId: 'liaocheng', version: reordered }]));
    expect(withProfiles(set, () => variableKey('answer-preparation', 'complaintReceivedOn'))).toBe(variableKey('answer-preparation', 'complaintReceivedOn'));
    expect(variableKey('answer-preparation', 'complaintReceivedOn')).toBe('answerPreparation');
  });
});

describe('drafted version validation', () => {
  it('accepts the Liaocheng draft', () => {
    expect(parseDraftVersion(liaochengDraft()).rules).toHaveLength(liaochengDraft().rules.length);
  });

  it('names the field path of each error', () => {
    const draft = liaochengDraft() as any;
    draft.rules[0].period.amount = -1;
    draft.rules[1].triggers = ['courtFeePaidOn'];
    draft.rules[2].source.article = ' ';
    expect(fieldsOf(draft)).toEqual(expect.arrayContaining(['version.rules.0.period.amount', 'version.rules.1.triggers.0', 'version.rules.2.source.article']));
  });

  it('refuses a bad validFrom, an end before the start, duplicate rule ids and an empty rule list', () => {
    expect(fieldsOf({ ...liaochengDraft(), validFrom: '2026-02-30' })).toContain('version.validFrom');
    expect(fieldsOf({ ...liaochengDraft(), validTo: '2026-01-01' })).toContain('version.validTo');
    const dup = liaochengDraft();
    dup.rules.push(dup.rules[0]!);
    expect(fieldsOf(dup)).toContain(`version.rules.${dup.rules.length - 1}.id`);
    expect(fieldsOf({ ...liaochengDraft(), rules: [] })).toContain('version.rules');
    expect(fieldsOf('not a version')).toEqual(['version']);
  });
});
