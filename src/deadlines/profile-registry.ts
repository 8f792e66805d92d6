// Keeps the process's effective profile set (profile-set.ts) in step with the activated rows of
// profile_versions (decision 0015): a cheap read of the latest activation number on every request and
// every job; the rows are loaded and merged only when that number changed. An activation in one
// process is seen by the web app and the workers on their next request or job, without a restart.
import type { Db } from '../db/database.ts';
import { BASE_PROFILE_SET, installProfiles, mergeProfileVersions, profileSetOf, type AddedVersion, type ProfileSet } from './profile-set.ts';
import type { ProfileVersion } from './rules.ts';

let loadedSeq: string | null = null;
let loading: Promise<void> | null = null;

/** The activated versions, in activation order. */
export async function activatedVersions(db: Db): Promise<AddedVersion[]> {
  const rows = await db('profile_versions').where({ status: 'activated' }).orderBy('activation_seq').select('profile_id', 'version');
  return rows.map((r) => ({ profileId: r.profile_id as string, version: r.version as ProfileVersion }));
}

/** The base set plus the given versions (the effective set, or a candidate with a draft activated). */
export function profileSetWith(added: readonly AddedVersion[]): ProfileSet {
  return added.length ? profileSetOf(mergeProfileVersions(BASE_PROFILE_SET.profiles, added)) : BASE_PROFILE_SET;
}

/**
 * Installs the effective set if an activation happened since the last look. One indexed aggregate
 * when nothing changed; concurrent callers share one load.
 */
export async function refreshEffectiveProfiles(db: Db): Promise<void> {
  const row = await db('profile_versions').where({ status: 'activated' }).max('activation_seq as seq').first();
  const seq = row?.seq == null ? '0' : String(row.seq);
  if (seq === loadedSeq) return;
  loading ??= (async () => {
    try {
      installProfiles(profileSetWith(await activatedVersions(db)));
      loadedSeq = seq;
    } finally {
      loading = null;
    }
  })();
  await loading;
}

/** Forgets what was loaded (tests that reset the database). */
export function resetProfileRegistry(): void {
  loadedSeq = null;
  installProfiles(BASE_PROFILE_SET);
}
