// Rule-profile versions (规则版本) drafted at run time (issue 16 §1): list the versions of each profile
// (the base data and the database rows), draft a version, review its impact on the open cases, preview
// it on sample cases, activate it (recorded; the changes applied to the open cases as case events through
// the deadline recomputation, syncCaseDeadlines) or discard it. See docs/profiles.md and decision 0015.
import type { Db } from '../db/database.ts';
import { ConflictError, InputError, NotFoundError } from '../errors.ts';
import { computeCaseDeadlines } from './case-deadlines.ts';
import { formatIsoDate, parseIsoDate } from './dates.ts';
import { loadCalendar, syncCaseDeadlines, type DeadlineChange } from './ledger.ts';
import { activatedVersions, profileSetWith, refreshEffectiveProfiles } from './profile-registry.ts';
import { effectiveProfiles, withProfiles, type ProfileSet } from './profile-set.ts';
import { parseDraftVersion } from './profile-version-schema.ts';
import { projectDeadlines } from './projection.ts';
import type { Profile, ProfileVersion } from './rules.ts';

export type VersionStatus = 'base' | 'draft' | 'activated' | 'discarded';

export interface VersionSummary {
  /** a uuid for a database row; `base-<validFrom>` for a version of the base data */
  id: string;
  profileId: string;
  status: VersionStatus;
  validFrom: string;
  /** as the effective set closes it (a later activated version ends it the day before) */
  validTo: string | null;
  document: string;
  file: string | null;
  ruleCount: number;
  author: string | null;
  /** the author's and the decider's names as the people table has them (the page shows names, not logins) */
  authorName: string | null;
  note: string | null;
  decidedBy: string | null;
  decidedByName: string | null;
  decisionReason: string | null;
  createdAt: Date | null;
  activatedAt: Date | null;
  discardedAt: Date | null;
}

export interface VersionDetail extends VersionSummary {
  version: ProfileVersion;
}

interface VersionRow {
  id: string;
  profile_id: string;
  valid_from: string;
  status: Exclude<VersionStatus, 'base'>;
  version: ProfileVersion;
  author: string;
  note: string | null;
  decided_by: string | null;
  decision_reason: string | null;
  activation_result: ActivationResult | null;
  created_at: Date;
  activated_at: Date | null;
  discarded_at: Date | null;
}

const BASE_PREFIX = 'base-';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function requireKnownProfile(profileId: string): Profile {
  const profile = effectiveProfiles().byId.get(profileId);
  if (!profile) throw new NotFoundError('规则配置', profileId);
  return profile;
}

function rowSummary(r: VersionRow, effectiveTo: string | null | undefined): VersionSummary {
  return {
    id: r.id,
    profileId: r.profile_id,
    status: r.status,
    validFrom: r.version.validFrom,
    validTo: effectiveTo !== undefined ? effectiveTo : r.version.validTo,
    document: r.version.document,
    file: r.version.file ?? null,
    ruleCount: r.version.rules.length,
    author: r.author,
    authorName: null,
    note: r.note,
    decidedBy: r.decided_by,
    decidedByName: null,
    decisionReason: r.decision_reason,
    createdAt: r.created_at,
    activatedAt: r.activated_at,
    discardedAt: r.discarded_at,
  };
}

function baseSummary(profileId: string, v: ProfileVersion): VersionSummary {
  return {
    id: `${BASE_PREFIX}${v.validFrom}`,
    profileId,
    status: 'base',
    validFrom: v.validFrom,
    validTo: v.validTo,
    document: v.document,
    file: v.file ?? null,
    ruleCount: v.rules.length,
    author: null,
    authorName: null,
    note: null,
    decidedBy: null,
    decidedByName: null,
    decisionReason: null,
    createdAt: null,
    activatedAt: null,
    discardedAt: null,
  };
}

/** Every profile with its versions: base and activated ones as the effective set has them, then drafts and discarded ones. */
export async function listProfileVersions(db: Db) {
  await refreshEffectiveProfiles(db);
  const rows: VersionRow[] = await db('profile_versions').orderBy('created_at').select('*');
  const profiles = effectiveProfiles().profiles.map((profile) => {
    const own = rows.filter((r) => r.profile_id === profile.id);
    const activated = new Map(own.filter((r) => r.status === 'activated').map((r) => [r.version.validFrom, r]));
    const inForce = profile.versions.map((v) => {
      const row = activated.get(v.validFrom);
      return row ? rowSummary(row, v.validTo) : baseSummary(profile.id, v);
    });
    const pending = own.filter((r) => r.status !== 'activated').map((r) => rowSummary(r, undefined));
    return { id: profile.id, name: profile.name, parent: profile.parent, versions: [...inForce, ...pending] };
  });
  return Promise.all(profiles.map(async (p) => ({ ...p, versions: await withNames(db, p.versions) })));
}

/** Fills in the names of the authors and deciders (one query). */
async function withNames<T extends VersionSummary>(db: Db, versions: T[]): Promise<T[]> {
  const logins = [...new Set(versions.flatMap((v) => [v.author, v.decidedBy]).filter((l): l is string => !!l))];
  const people = logins.length ? await db('people').whereIn('login', logins).select('login', 'name') : [];
  const nameOf = new Map(people.map((p) => [p.login as string, p.name as string]));
  return versions.map((v) => ({ ...v, authorName: v.author ? (nameOf.get(v.author) ?? v.author) : null, decidedByName: v.decidedBy ? (nameOf.get(v.decidedBy) ?? v.decidedBy) : null }));
}

async function findRow(db: Db, profileId: string, versionId: string): Promise<VersionRow> {
  const row: VersionRow | undefined = UUID.test(versionId) ? await db('profile_versions').where({ id: versionId, profile_id: profileId }).first() : undefined;
  if (!row) throw new NotFoundError('规则版本', versionId);
  return row;
}

/** One version with its rules: a database row (uuid) or a base one (base-<validFrom>). */
export async function getProfileVersion(db: Db, profileId: string, versionId: string): Promise<VersionDetail> {
  await refreshEffectiveProfiles(db);
  const profile = requireKnownProfile(profileId);
  if (versionId.startsWith(BASE_PREFIX)) {
    const validFrom = versionId.slice(BASE_PREFIX.length);
    const base = profile.versions.find((v) => v.validFrom === validFrom);
    const activated = (await activatedVersions(db)).some((a) => a.profileId === profileId && a.version.validFrom === validFrom);
    if (!base || activated) throw new NotFoundError('规则版本', versionId);
    return { ...baseSummary(profileId, base), version: base };
  }
  const row = await findRow(db, profileId, versionId);
  const inSet = row.status === 'activated' ? profile.versions.find((v) => v.validFrom === row.version.validFrom) : undefined;
  const [named] = await withNames(db, [{ ...rowSummary(row, inSet?.validTo), version: inSet ?? row.version }]);
  return named!;
}

/** A new version must start after every version in force: old versions are never edited (README, 规则配置). */
function checkStartsAfter(profile: Profile, version: ProfileVersion, field: string): void {
  const latest = profile.versions.map((v) => v.validFrom).sort().at(-1);
  if (latest && version.validFrom <= latest) {
    throw new InputError([{ field, message: `生效日期应晚于现行版本的生效日期（${latest}）；旧版本不能修改，新规定请另立版本` }]);
  }
  if (version.validFrom < '2015-05-01') throw new InputError([{ field, message: '生效日期不能早于2015年5月1日（现行行政诉讼法施行之日）' }]);
}

/** Drafts a version after validating it (400 naming the field path). */
export async function createDraft(db: Db, profileId: string, input: { version: unknown; note?: string | undefined }, actor: string): Promise<VersionDetail> {
  await refreshEffectiveProfiles(db);
  const profile = requireKnownProfile(profileId);
  const version = parseDraftVersion(input.version);
  checkStartsAfter(profile, version, 'version.validFrom');
  const [row]: VersionRow[] = await db('profile_versions')
    .insert({ profile_id: profileId, valid_from: version.validFrom, version: JSON.stringify(version), author: actor, note: input.note ?? null })
    .returning('*');
  const [named] = await withNames(db, [{ ...rowSummary(row!, undefined), version: row!.version }]);
  return named!;
}

async function requireDraft(db: Db, profileId: string, versionId: string): Promise<VersionRow> {
  const row = await findRow(db, profileId, versionId);
  if (row.status !== 'draft') throw new ConflictError('VERSION_NOT_DRAFT', row.status === 'activated' ? '该版本已启用' : '该版本已放弃', { status: row.status });
  return row;
}

export async function discardDraft(db: Db, profileId: string, versionId: string, reason: string, actor: string): Promise<VersionSummary> {
  const row = await requireDraft(db, profileId, versionId);
  const [updated]: VersionRow[] = await db('profile_versions')
    .where({ id: row.id, status: 'draft' })
    .update({ status: 'discarded', decided_by: actor, decision_reason: reason, discarded_at: db.fn.now(), updated_at: db.fn.now() })
    .returning('*');
  if (!updated) throw new ConflictError('VERSION_NOT_DRAFT', '该版本已被他人处理', {});
  return rowSummary(updated, undefined);
}

// ---------------------------------------------------------------- impact

/** The profile and every profile that inherits from it (national: all of them). */
function profileFamily(set: ProfileSet, profileId: string): string[] {
  const inFamily = (p: Profile | undefined): boolean => !!p && (p.id === profileId || (!!p.parent && inFamily(set.byId.get(p.parent))));
  return set.profiles.filter((p) => inFamily(p)).map((p) => p.id);
}

async function openCasesOf(db: Db, profileIds: string[]) {
  return db('cases as c')
    .join('agencies as a', 'a.id', 'c.agency_id')
    .where('c.status', 'open')
    .whereIn('a.profile', profileIds)
    .orderBy('c.case_number')
    .select('c.id', 'c.case_number', 'a.name as agency_name');
}

/** The name of a rule as the profile's chain defines it in the set. */
function ruleNameIn(set: ProfileSet, profileId: string, ruleId: string): string {
  for (let p = set.byId.get(profileId); p; p = p.parent ? set.byId.get(p.parent) : undefined) {
    for (const v of [...p.versions].reverse()) {
      const rule = v.rules.find((r) => r.id === ruleId);
      if (rule) return rule.name;
    }
  }
  return ruleId;
}

export interface ImpactRow extends DeadlineChange {
  caseNumber: string;
  agencyName: string;
  ruleName: string;
  /** false: the current set gives the same change (the case's stored deadlines were stale), not this version */
  causedByVersion: boolean;
}

export interface Impact {
  versionId: string;
  profileId: string;
  validFrom: string;
  casesExamined: number;
  added: number;
  changed: number;
  removed: number;
  changes: ImpactRow[];
}

const CHUNK = 500;

/** Dry runs of the deadline recomputation over the cases, chunk by chunk. */
async function dryRun(db: Db, caseIds: string[], profiles: ProfileSet, calendar: Awaited<ReturnType<typeof loadCalendar>>): Promise<DeadlineChange[]> {
  const out: DeadlineChange[] = [];
  for (let i = 0; i < caseIds.length; i += CHUNK) {
    const chunk = caseIds.slice(i, i + CHUNK).map((caseId) => ({ caseId }));
    out.push(...(await syncCaseDeadlines(db, chunk, { calendar, reason: 'impact', actor: 'impact', profiles, dryRun: true })));
  }
  return out;
}

/** The effective set with the draft activated. */
async function candidateSet(db: Db, row: VersionRow): Promise<ProfileSet> {
  return profileSetWith([...(await activatedVersions(db)), { profileId: row.profile_id, version: row.version }]);
}

/**
 * What activating the draft would change on the open cases of the profile and its children: the
 * deadline recomputation (syncCaseDeadlines) run dry under the set with the draft, against the cases'
 * stored deadlines — exactly what activation writes. A change the current set gives as well is marked
 * `causedByVersion: false`.
 */
export async function draftImpact(db: Db, profileId: string, versionId: string): Promise<Impact> {
  await refreshEffectiveProfiles(db);
  const row = await requireDraft(db, profileId, versionId);
  const current = effectiveProfiles();
  const candidate = await candidateSet(db, row);
  const cases = await openCasesOf(db, profileFamily(candidate, profileId));
  const calendar = await loadCalendar(db);
  const ids = cases.map((c) => c.id as string);
  const [withDraft, withoutDraft] = [await dryRun(db, ids, candidate, calendar), await dryRun(db, ids, current, calendar)];
  const key = (c: DeadlineChange) => `${c.caseId}|${c.rule}|${c.triggerKey}|${c.change}|${c.oldDue}|${c.newDue}|${c.newStatus}`;
  const drift = new Set(withoutDraft.map(key));
  const caseOf = new Map(cases.map((c) => [c.id as string, c]));
  const changes = withDraft.map(
    (c): ImpactRow => ({
      ...c,
      caseNumber: caseOf.get(c.caseId)!.case_number,
      agencyName: caseOf.get(c.caseId)!.agency_name,
      ruleName: ruleNameIn(c.change === 'removed' ? current : candidate, profileId, c.rule),
      causedByVersion: !drift.has(key(c)),
    }),
  );
  return {
    versionId: row.id,
    profileId,
    validFrom: row.version.validFrom,
    casesExamined: cases.length,
    added: changes.filter((c) => c.change === 'added').length,
    changed: changes.filter((c) => c.change === 'changed').length,
    removed: changes.filter((c) => c.change === 'removed').length,
    changes,
  };
}

// ---------------------------------------------------------------- preview

export interface PreviewRow {
  step: string;
  rule: string;
  name: string;
  /** under the draft */
  due: string | null;
  /** under the current set */
  currentDue: string | null;
  source: string | null;
}

const addDays = (iso: string, days: number) => formatIsoDate(parseIsoDate(iso)! + days);

/** The sample trigger dates when none are given: the draft's first day, a month and three months on. */
export const defaultSampleDates = (validFrom: string) => [validFrom, addDays(validFrom, 30), addDays(validFrom, 90)];

/**
 * The deadlines a first-instance sample case gives under the draft and under the current set, for each
 * sample date on which the complaint copy is received: the deadlines of registration, then the usual
 * course (projectDeadlines). Nothing is written.
 */
export async function draftPreview(db: Db, profileId: string, versionId: string, dates?: string[]) {
  await refreshEffectiveProfiles(db);
  const row = await requireDraft(db, profileId, versionId);
  const candidate = await candidateSet(db, row);
  const current = effectiveProfiles();
  const calendar = await loadCalendar(db);
  const rowsUnder = (set: ProfileSet, date: string) =>
    withProfiles(set, () => {
      const triggers = { complaintReceivedOn: date };
      const start = computeCaseDeadlines(calendar, { profile: profileId, triggers, options: {} }, ['all']).map((d) => ({ step: '收到起诉状副本后', rule: d.rule, name: d.name, due: d.due, source: d.source, triggerKey: d.triggerKey }));
      const course = projectDeadlines(calendar, { profile: profileId, level: 'first', triggers, options: {} }).map((d) => ({ step: d.step, rule: d.rule, name: d.name, due: d.due, source: d.source, triggerKey: d.step }));
      return [...start, ...course];
    });
  return (dates ?? defaultSampleDates(row.version.validFrom)).map((date) => {
    const drafted = rowsUnder(candidate, date);
    const now = rowsUnder(current, date);
    const keyOf = (r: { rule: string; triggerKey: string }) => `${r.rule}|${r.triggerKey}`;
    const nowByKey = new Map(now.map((r) => [keyOf(r), r]));
    const rows: PreviewRow[] = drafted.map((r) => ({ step: r.step, rule: r.rule, name: r.name, due: r.due, currentDue: nowByKey.get(keyOf(r))?.due ?? null, source: r.source }));
    const draftKeys = new Set(drafted.map(keyOf));
    for (const r of now) if (!draftKeys.has(keyOf(r))) rows.push({ step: r.step, rule: r.rule, name: r.name, due: null, currentDue: r.due, source: r.source });
    return { complaintReceivedOn: date, deadlines: rows };
  });
}

// ---------------------------------------------------------------- activation

export interface ActivationResult {
  casesExamined: number;
  added: number;
  changed: number;
  removed: number;
}

/**
 * Activates a draft: records the decision (who, why, when, the activation number the processes key
 * their profile set by), then recomputes the open cases of the profile and its children with the
 * ordinary deadline recomputation, which writes a deadline.added / changed / removed case event per
 * change keyed by `profile:<version id>`. Activating again does nothing; a run that stopped before
 * the recomputation finished is completed by the next call.
 */
export async function activateDraft(db: Db, profileId: string, versionId: string, reason: string, actor: string): Promise<{ version: VersionSummary; result: ActivationResult; alreadyActivated: boolean }> {
  await refreshEffectiveProfiles(db);
  const profile = requireKnownProfile(profileId);
  const decided = await db.transaction(async (trx) => {
    const row: VersionRow | undefined = UUID.test(versionId) ? await trx('profile_versions').where({ id: versionId, profile_id: profileId }).forUpdate().first() : undefined;
    if (!row) throw new NotFoundError('规则版本', versionId);
    if (row.status === 'discarded') throw new ConflictError('VERSION_NOT_DRAFT', '该版本已放弃，不能启用', { status: row.status });
    if (row.status === 'activated') return { row, already: true };
    checkStartsAfter(profile, row.version, 'validFrom');
    const [updated]: VersionRow[] = await trx('profile_versions')
      .where({ id: row.id })
      .update({
        status: 'activated',
        activation_seq: trx.raw("nextval('profile_version_activation_seq')"),
        decided_by: actor,
        decision_reason: reason,
        activated_at: trx.fn.now(),
        updated_at: trx.fn.now(),
      })
      .returning('*');
    return { row: updated!, already: false };
  });
  if (decided.already && decided.row.activation_result) {
    return { version: rowSummary(decided.row, undefined), result: decided.row.activation_result, alreadyActivated: true };
  }
  await refreshEffectiveProfiles(db);
  const cases = await openCasesOf(db, profileFamily(effectiveProfiles(), profileId));
  const calendar = await loadCalendar(db);
  const changes: DeadlineChange[] = [];
  for (let i = 0; i < cases.length; i += CHUNK) {
    const chunk = cases.slice(i, i + CHUNK).map((c) => ({ caseId: c.id as string }));
    changes.push(...(await syncCaseDeadlines(db, chunk, { calendar, reason: `profile:${decided.row.id}`, actor })));
  }
  const result: ActivationResult = {
    casesExamined: cases.length,
    added: changes.filter((c) => c.change === 'added').length,
    changed: changes.filter((c) => c.change === 'changed').length,
    removed: changes.filter((c) => c.change === 'removed').length,
  };
  const [row]: VersionRow[] = await db('profile_versions').where({ id: decided.row.id }).update({ activation_result: JSON.stringify(result), updated_at: db.fn.now() }).returning('*');
  return { version: rowSummary(row!, undefined), result, alreadyActivated: decided.already };
}
