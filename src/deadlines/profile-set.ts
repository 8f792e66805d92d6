// The effective rule-profile set (规则配置): the base profiles (PROFILES, the data in the repository) plus
// the versions an analyst activated at run time (profile_versions). The deadline engine reads the set
// installed here; the runtime refreshes it (profile-registry.ts) and the impact review computes under
// a candidate set with `withProfiles`. Pure: no IO, so the engine stays testable without the database.
import { PROFILES } from './profiles.ts';
import type { Profile, ProfileVersion } from './rules.ts';
import { formatIsoDate, parseIsoDate } from './dates.ts';

export interface ProfileSet {
  readonly profiles: readonly Profile[];
  readonly byId: ReadonlyMap<string, Profile>;
}

/** A version activated at run time, for one profile. */
export interface AddedVersion {
  profileId: string;
  version: ProfileVersion;
}

export function profileSetOf(profiles: readonly Profile[]): ProfileSet {
  return { profiles, byId: new Map(profiles.map((p) => [p.id, p])) };
}

export const BASE_PROFILE_SET: ProfileSet = profileSetOf(PROFILES);

const dayBefore = (iso: string) => formatIsoDate(parseIsoDate(iso)! - 1);

/**
 * The base profiles with the added versions merged in. A version replaces the one in force on its
 * validFrom as a new 办法 replaces an old one: every earlier version of the profile that would still
 * be in force on that day ends the day before. Versions are kept in validFrom order. Unknown profile
 * ids are ignored (a profile removed from the base data leaves its rows inert).
 */
export function mergeProfileVersions(base: readonly Profile[], added: readonly AddedVersion[]): Profile[] {
  return base.map((profile) => {
    const own = added.filter((a) => a.profileId === profile.id).map((a) => a.version);
    if (!own.length) return profile;
    const versions = [...profile.versions, ...own].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    const closed = versions.map((v, i) => {
      const next = versions[i + 1];
      if (!next) return v;
      const end = dayBefore(next.validFrom);
      return v.validTo === null || v.validTo > end ? { ...v, validTo: end } : v;
    });
    return { ...profile, versions: closed };
  });
}

let installed: ProfileSet = BASE_PROFILE_SET;

/** The set the deadline engine computes with now. */
export function effectiveProfiles(): ProfileSet {
  return installed;
}

/** Installs a new effective set (the registry after an activation; tests). */
export function installProfiles(set: ProfileSet): void {
  installed = set;
}

/**
 * Runs a synchronous computation under another set (the impact review: the set with a draft
 * activated). Synchronous only: with no await inside, no other request sees the temporary set.
 */
export function withProfiles<T>(set: ProfileSet, compute: () => T extends PromiseLike<unknown> ? never : T): T {
  const previous = installed;
  installed = set;
  try {
    return compute();
  } finally {
    installed = previous;
  }
}
