// The deadlines in the case ledger (台账): calendar additions, case deadline rows with history,
// recomputation when a trigger or the calendar changes. Every change is recorded as a case event.
import { profilesOf } from '../cases/case-profile-read-model.ts';
import type { Db } from '../db/database.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { unnestRows, type UnnestColumn } from '../db/unnest.ts';
import { appendCaseEvents } from '../ledger/case-events.ts';
import { ANSWER_RULE_LEVELS } from '../statistics/ledger-facts.ts';
import { calendarWith, PACKAGED_COVERED_YEARS, type CalendarDay, type CoveredYear, type WorkCalendar } from './calendar.ts';
import { requireIsoDate, shanghaiDateTime } from './dates.ts';
import {
  computeCaseDeadlines,
  mergeOptions,
  mergeTriggers,
  type CaseDeadline,
  type CaseOptions,
  type TriggerDates,
} from './case-deadlines.ts';
import { type DeadlineStatus } from './engine.ts';
import type { Stage } from './rules.ts';
import { effectiveProfiles, withProfiles, type ProfileSet } from './profile-set.ts';
import { refreshEffectiveProfiles } from './profile-registry.ts';

/** A deadline as GET /api/cases/:id lists it. */
export interface StoredDeadline {
  id: string;
  rule: string;
  triggerKey: string;
  name: string;
  stage: string;
  trigger: string;
  due: string;
  dueAt: string;
  status: DeadlineStatus;
  explanation: string;
  source: string;
  profile: string;
  ruleProfile: string;
  basis: string;
  mayExtendTo: string | null;
  estimatedDue: string | null;
  /** the last day is a make-up working day: a working day, shown as needing a check (checkNote) */
  lastDayMakeUpWorkday: boolean;
  checkNote: string | null;
  computedAt: Date;
}

export interface DeadlineChange {
  caseId: string;
  rule: string;
  triggerKey: string;
  change: 'added' | 'changed' | 'removed';
  oldDue: string | null;
  newDue: string | null;
  oldStatus: DeadlineStatus | null;
  newStatus: DeadlineStatus | null;
  oldTrigger: string | null;
  newTrigger: string | null;
}

interface DeadlineRow {
  id: string;
  case_id: string;
  rule_id: string;
  trigger_key: string;
  profile: string;
  rule_profile: string;
  name: string;
  stage: string;
  basis: string;
  trigger_on: string;
  due_on: string;
  status: DeadlineStatus;
  may_extend_to: string | null;
  estimated_due: string | null;
  last_day_make_up_workday: boolean;
  check_note: string | null;
  explanation: string;
  source: string;
  computed_at: Date;
}

/** The columns of a current row that syncCaseDeadlines compares (sameDeadline) and reports. */
const CURRENT_COLUMNS = ['id', 'case_id', 'rule_id', 'trigger_key', 'profile', 'rule_profile', 'trigger_on', 'due_on', 'status', 'may_extend_to', 'estimated_due', 'check_note', 'source'] as const;
type CurrentRow = Pick<DeadlineRow, (typeof CURRENT_COLUMNS)[number]>;

type NewDeadlineRow = Omit<DeadlineRow, 'id' | 'computed_at'> & { computed_reason: string };

const NEW_DEADLINE_COLUMNS: readonly UnnestColumn<NewDeadlineRow>[] = [
  ['case_id', 'uuid', (r) => r.case_id],
  ['rule_id', 'text', (r) => r.rule_id],
  ['trigger_key', 'text', (r) => r.trigger_key],
  ['profile', 'text', (r) => r.profile],
  ['rule_profile', 'text', (r) => r.rule_profile],
  ['name', 'text', (r) => r.name],
  ['stage', 'text', (r) => r.stage],
  ['basis', 'text', (r) => r.basis],
  ['trigger_on', 'date', (r) => r.trigger_on],
  ['due_on', 'date', (r) => r.due_on],
  ['status', 'text', (r) => r.status],
  ['may_extend_to', 'date', (r) => r.may_extend_to],
  ['estimated_due', 'date', (r) => r.estimated_due],
  ['last_day_make_up_workday', 'boolean', (r) => r.last_day_make_up_workday],
  ['check_note', 'text', (r) => r.check_note],
  ['explanation', 'text', (r) => r.explanation],
  ['source', 'text', (r) => r.source],
  ['computed_reason', 'text', (r) => r.computed_reason],
];

function toStored(r: DeadlineRow): StoredDeadline {
  return {
    id: String(r.id),
    rule: r.rule_id,
    triggerKey: r.trigger_key,
    name: r.name,
    stage: r.stage,
    trigger: r.trigger_on,
    due: r.due_on,
    dueAt: shanghaiDateTime(r.due_on, '23:59:59'),
    status: r.status,
    explanation: r.explanation,
    source: r.source,
    profile: r.profile,
    ruleProfile: r.rule_profile,
    basis: r.basis,
    mayExtendTo: r.may_extend_to,
    estimatedDue: r.estimated_due,
    lastDayMakeUpWorkday: r.last_day_make_up_workday,
    checkNote: r.check_note,
    computedAt: r.computed_at,
  };
}

// ---------------------------------------------------------------- calendar

/** The calendar: npm data plus the ledger's added years and corrections. */
export async function loadCalendar(db: Db): Promise<WorkCalendar> {
  const [years, days] = await Promise.all([
    db('calendar_years').select('year', 'notice'),
    db('calendar_days').select('date', 'is_off_day', 'name'),
  ]);
  return calendarWith(
    years.map((y) => ({ year: y.year, notice: y.notice, source: '台账（管理员录入）' })),
    days.map((d) => ({ date: d.date, isOffDay: d.is_off_day, name: d.name })),
  );
}

export async function listCoveredYears(db: Db): Promise<CoveredYear[]> {
  const added = await db('calendar_years').select('year', 'notice', 'added_by', 'added_at').orderBy('year');
  const byYear = new Map<number, CoveredYear & { addedAt?: Date; addedBy?: string }>(PACKAGED_COVERED_YEARS.map((y) => [y.year, y]));
  for (const y of added) byYear.set(y.year, { year: y.year, notice: y.notice, source: '台账（管理员录入）', addedAt: y.added_at, addedBy: y.added_by });
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

export interface RecomputeOptions {
  onProgress?: (done: number, total: number) => void;
  /** accumulates the time spent per phase (benchmark) */
  timings?: SyncTimings;
  chunkSize?: number;
  /** chunks written at the same time, each in its own transaction (their cases are disjoint) */
  concurrency?: number;
}

export interface SyncTimings {
  load: number;
  compute: number;
  write: number;
  events: number;
}

export interface CalendarChangeResult {
  changeId: string;
  casesExamined: number;
  changes: DeadlineChange[];
}

/**
 * Adds a year's holiday arrangement (holiday-cn's day format: {date, isOffDay, name}) and recomputes every
 * affected deadline. Days outside the year are allowed only in the previous December (a notice may move
 * those) — everything else is refused naming the field.
 */
export async function addCalendarYear(
  db: Db,
  input: { year: number; notice: string; days: CalendarDay[] },
  actor: string,
  opts: RecomputeOptions = {},
): Promise<CalendarChangeResult> {
  const { year } = input;
  input.days.forEach((d, i) => {
    requireIsoDate(d.date, `days.${i}.date`);
    if (!d.date.startsWith(`${year}-`) && !d.date.startsWith(`${year - 1}-12-`)) {
      throw new InputError([{ field: `days.${i}.date`, message: `${d.date} 不属于${year}年（只允许${year}年及${year - 1}年12月的日期）` }]);
    }
  });
  const dates = input.days.map((d) => d.date).sort();
  const changeId = await db.transaction(async (trx) => {
    const [change] = await trx('calendar_changes')
      .insert({ kind: 'year', year, payload: JSON.stringify(input), actor })
      .returning('id');
    const id = String(change.id ?? change);
    await trx('calendar_years')
      .insert({ year, notice: input.notice, added_by: actor, added_at: trx.fn.now() })
      .onConflict('year')
      .merge();
    if (input.days.length) {
      await trx('calendar_days')
        .insert(input.days.map((d) => ({ date: d.date, is_off_day: d.isOffDay, name: d.name, kind: 'year-data', reason: input.notice, change_id: id, updated_at: trx.fn.now() })))
        .onConflict('date')
        .merge();
    }
    return id;
  });
  // a new year settles every day of it, and the late December before it
  return recomputeAfterCalendarChange(db, changeId, { from: dates[0] && dates[0] < `${year}-01-01` ? dates[0] : `${year - 1}-12-20`, to: `${year}-12-31` }, actor, opts);
}

/** Corrects single days (a rest day or a working day) and recomputes the deadlines that touch them. */
export async function addCalendarCorrections(
  db: Db,
  input: { days: (CalendarDay & { reason?: string })[]; reason: string },
  actor: string,
): Promise<CalendarChangeResult> {
  input.days.forEach((d, i) => requireIsoDate(d.date, `days.${i}.date`));
  const dates = input.days.map((d) => d.date).sort();
  const changeId = await db.transaction(async (trx) => {
    const [change] = await trx('calendar_changes').insert({ kind: 'correction', payload: JSON.stringify(input), actor }).returning('id');
    const id = String(change.id ?? change);
    await trx('calendar_days')
      .insert(input.days.map((d) => ({ date: d.date, is_off_day: d.isOffDay, name: d.name, kind: 'correction', reason: d.reason ?? input.reason, change_id: id, updated_at: trx.fn.now() })))
      .onConflict('date')
      .merge();
    return id;
  });
  return recomputeAfterCalendarChange(db, changeId, { from: dates[0]!, to: dates.at(-1)! }, actor);
}

/**
 * Recomputes every case with a current PROVISIONAL deadline or a current deadline whose span
 * [trigger, due] overlaps the changed dates; records each change as a case event.
 */
export async function recomputeAfterCalendarChange(
  db: Db,
  changeId: string,
  range: { from: string; to: string },
  actor: string,
  { onProgress, timings, chunkSize = 500, concurrency = 3 }: RecomputeOptions = {},
): Promise<CalendarChangeResult> {
  const calendar = await loadCalendar(db);
  const caseIds: string[] = (
    await db('case_deadlines')
      .distinct('case_id')
      .whereNull('superseded_at')
      .andWhere((q) =>
        q
          .where('status', 'PROVISIONAL')
          .orWhere((q2) => q2.whereRaw('least(trigger_on, due_on) <= ?', [range.to]).andWhereRaw('greatest(trigger_on, due_on) >= ?', [range.from])),
      )
      .orderBy('case_id')
  ).map((r) => r.case_id);
  // chunks of disjoint cases, a few at a time: the database works on one while the next is computed
  const chunks: string[][] = [];
  for (let i = 0; i < caseIds.length; i += chunkSize) chunks.push(caseIds.slice(i, i + chunkSize));
  const changesOf: DeadlineChange[][] = new Array(chunks.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < chunks.length) {
      const k = next++;
      const chunk = chunks[k]!;
      changesOf[k] = await syncCaseDeadlines(db, chunk.map((caseId) => ({ caseId })), { calendar, reason: `calendar:${changeId}`, actor, ...(timings ? { timings } : {}) });
      done += chunk.length;
      onProgress?.(done, caseIds.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, chunks.length)) }, lane));
  const changes = changesOf.flat();
  const result = { changeId, casesExamined: caseIds.length, changes };
  await db('calendar_changes')
    .where({ id: changeId })
    .update({ result: JSON.stringify({ casesExamined: caseIds.length, changed: changes.length }) });
  return result;
}

// ---------------------------------------------------------------- case deadlines

export interface CaseSyncRequest {
  caseId: string;
  /** new or corrected trigger dates (normalised); null removes a trigger */
  triggerChanges?: Record<string, string | null>;
  optionChanges?: CaseOptions;
  /** a stage to add to the stages computed for this case */
  stage?: Stage | 'all';
}

export interface SyncContext {
  calendar: WorkCalendar;
  /** job:<key> | calendar:<change id> | recalc:<key>; keys the case events, so a retry writes none twice */
  reason: string;
  actor: string;
  sourceJobKey?: string;
  processInstanceKey?: string;
  /** filled per case with the timings of the phases (benchmark) */
  timings?: SyncTimings;
  /** the rule profiles to compute with (the impact review's candidate set); default: the effective set, refreshed */
  profiles?: ProfileSet;
  /** compute and return the changes, write nothing (the impact review of a draft profile version) */
  dryRun?: boolean;
}

function sameDeadline(row: CurrentRow, d: CaseDeadline): boolean {
  return (
    row.due_on === d.due &&
    row.status === d.status &&
    row.trigger_on === d.trigger &&
    row.rule_profile === d.ruleProfile &&
    row.profile === d.profile &&
    row.source === d.source &&
    (row.may_extend_to ?? undefined) === d.mayExtendTo &&
    (row.estimated_due ?? undefined) === d.estimatedDue &&
    row.check_note === d.checkNote
  );
}

/**
 * Runs deadline writes with the statistics triggers deferred. They would refresh every fact of the
 * written cases once per statement (the supersede, then the insert), when no fact but the answers reads
 * case_deadlines: the caller refreshes those once instead (stat_refresh_answers, summary-sql.ts;
 * decision 0007 lets a writer defer and refresh itself). Returns whether it must: not when its
 * transaction defers them already (a case import refreshes its cases itself).
 */
async function withStatisticsDeferred(trx: Db, write: () => Promise<void>): Promise<boolean> {
  const { rows } = await trx.raw(
    `with previous as materialized (select current_setting('yingsu.statistics_deferred', true) as value)
     select value = 'on' as deferred, set_config('yingsu.statistics_deferred', 'on', true) from previous`,
  );
  await write();
  if (rows[0].deferred) return false;
  await trx.raw(`select set_config('yingsu.statistics_deferred', 'off', true)`);
  return true;
}

/**
 * Recomputes the deadlines of the given cases from their stored inputs merged with the changes, and
 * writes the difference: new rows for added and changed deadlines, superseded old rows, one case event
 * per change. Returns the changes. Idempotent: the same inputs a second time write nothing.
 */
export async function syncCaseDeadlines(db: Db, requests: CaseSyncRequest[], ctx: SyncContext): Promise<DeadlineChange[]> {
  if (!requests.length) return [];
  const now = () => performance.now();
  return db.transaction(async (trx) => {
    let t0 = now();
    const ids = requests.map((r) => r.caseId);
    if (!ctx.dryRun) {
      await trx('case_deadline_inputs')
        .insert(ids.map((id) => ({ case_id: id })))
        .onConflict('case_id')
        .ignore();
    }
    // lock the cases' inputs: concurrent jobs of one case compute one after another (a dry run only reads).
    // One after another: a transaction is one connection, which runs one query at a time.
    const selectInputs = trx('case_deadline_inputs').whereIn('case_id', ids);
    const inputs = await (ctx.dryRun ? selectInputs : selectInputs.forUpdate()).select('*');
    // an activation committed in another process is seen here, after the lock: an activation's own
    // recomputation of these cases cannot be overwritten by a computation with the older set (decision 0015)
    if (!ctx.profiles) await refreshEffectiveProfiles(trx);
    const profiles = ctx.profiles ?? effectiveProfiles();
    const profileByCase = await profilesOf(trx, ids);
    // only what the comparison reads: the explanation and the other texts are most of a row's bytes
    const rows: CurrentRow[] = await trx('case_deadlines').whereIn('case_id', ids).whereNull('superseded_at').select(CURRENT_COLUMNS);
    const inputsOf = new Map(inputs.map((i) => [i.case_id, i]));
    const rowsOf = new Map<string, CurrentRow[]>();
    for (const r of rows) rowsOf.set(r.case_id, [...(rowsOf.get(r.case_id) ?? []), r]);
    if (ctx.timings) ctx.timings.load += now() - t0;

    const changes: DeadlineChange[] = [];
    const inserts: NewDeadlineRow[] = [];
    const superseded: { id: string; change: 'changed' | 'removed' }[] = [];
    // the cases whose statistics change: those with an answer deadline written (withStatisticsDeferred)
    const statisticsCases = new Set<string>();
    const inputUpdates: { case_id: string; triggers: string; options: string; stages: string }[] = [];
    t0 = now();
    // synchronous from here to the writes: the profile set cannot change under the computation
    withProfiles(profiles, () => {
      for (const req of requests) {
        const profile = profileByCase.get(req.caseId);
        if (!profile) throw new NotFoundError('案件', req.caseId);
        const stored = inputsOf.get(req.caseId) ?? { triggers: {}, options: {}, stages: [] };
        const triggers: TriggerDates = mergeTriggers(stored.triggers ?? {}, req.triggerChanges ?? {});
        const options: CaseOptions = mergeOptions(stored.options ?? {}, req.optionChanges ?? {});
        const storedStages: (Stage | 'all')[] = stored.stages ?? [];
        const stages = req.stage && !storedStages.includes(req.stage) ? [...storedStages, req.stage] : storedStages;
        if (req.triggerChanges || req.optionChanges || stages !== storedStages) {
          inputUpdates.push({ case_id: req.caseId, triggers: JSON.stringify(triggers), options: JSON.stringify(options), stages: JSON.stringify(stages) });
        }
        const computed = stages.length ? computeCaseDeadlines(ctx.calendar, { profile, triggers, options }, stages) : [];
        const current = new Map((rowsOf.get(req.caseId) ?? []).map((r) => [`${r.rule_id}|${r.trigger_key}`, r]));
        const seen = new Set<string>();
        for (const d of computed) {
          const key = `${d.rule}|${d.triggerKey}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const old = current.get(key);
          if (old && sameDeadline(old, d)) continue;
          if (old) superseded.push({ id: old.id, change: 'changed' });
          if (d.rule in ANSWER_RULE_LEVELS) statisticsCases.add(req.caseId);
          inserts.push({
            case_id: req.caseId,
            rule_id: d.rule,
            trigger_key: d.triggerKey,
            profile: d.profile,
            rule_profile: d.ruleProfile,
            name: d.name,
            stage: d.stage,
            basis: d.basis,
            trigger_on: d.trigger,
            due_on: d.due,
            status: d.status,
            may_extend_to: d.mayExtendTo ?? null,
            estimated_due: d.estimatedDue ?? null,
            last_day_make_up_workday: d.lastDayMakeUpWorkday,
            check_note: d.checkNote,
            explanation: d.explanation,
            source: d.source,
            computed_reason: ctx.reason,
          });
          changes.push({
            caseId: req.caseId,
            rule: d.rule,
            triggerKey: d.triggerKey,
            change: old ? 'changed' : 'added',
            oldDue: old?.due_on ?? null,
            newDue: d.due,
            oldStatus: old?.status ?? null,
            newStatus: d.status,
            oldTrigger: old?.trigger_on ?? null,
            newTrigger: d.trigger,
          });
        }
        // every stored stage is recomputed, so a current row not produced again has lost its trigger or rule
        for (const [key, old] of current) {
          if (seen.has(key)) continue;
          superseded.push({ id: old.id, change: 'removed' });
          if (old.rule_id in ANSWER_RULE_LEVELS) statisticsCases.add(req.caseId);
          changes.push({
            caseId: req.caseId,
            rule: old.rule_id,
            triggerKey: old.trigger_key,
            change: 'removed',
            oldDue: old.due_on,
            newDue: null,
            oldStatus: old.status,
            newStatus: null,
            oldTrigger: old.trigger_on,
            newTrigger: null,
          });
        }
      }
    });
    if (ctx.timings) ctx.timings.compute += now() - t0;
    if (ctx.dryRun) return changes;

    t0 = now();
    const refreshStatistics = await withStatisticsDeferred(trx, async () => {
      // one statement each for the chunk (now() is the transaction's time: one superseded_at for all)
      if (superseded.length) {
        await trx.raw(
          `update case_deadlines d set superseded_at = now(), superseded_change = u.change, superseded_reason = ?
           from unnest(?::bigint[], ?::text[]) as u(id, change) where d.id = u.id`,
          [ctx.reason, superseded.map((s) => s.id), superseded.map((s) => s.change)],
        );
      }
      if (inserts.length) {
        const { names, select, bindings } = unnestRows(NEW_DEADLINE_COLUMNS, inserts);
        await trx.raw(`insert into case_deadlines (${names}) ${select}`, bindings);
      }
    });
    // one statement for the chunk, not one per case
    for (let i = 0; i < inputUpdates.length; i += 1000) {
      const part = inputUpdates.slice(i, i + 1000);
      await trx.raw(
        `update case_deadline_inputs i set triggers = u.triggers, options = u.options, stages = u.stages, updated_at = now()
         from unnest(?::uuid[], ?::jsonb[], ?::jsonb[], ?::jsonb[]) as u(case_id, triggers, options, stages)
         where i.case_id = u.case_id`,
        [part.map((u) => u.case_id), part.map((u) => u.triggers), part.map((u) => u.options), part.map((u) => u.stages)],
      );
    }
    if (ctx.timings) ctx.timings.write += now() - t0;

    t0 = now();
    await appendCaseEvents(
      trx,
      changes.map((c) => ({
        caseId: c.caseId,
        type: `deadline.${c.change}`,
        payload: { ...c, reason: ctx.reason },
        actor: ctx.actor,
        sourceJobKey: ctx.sourceJobKey ?? null,
        processInstanceKey: ctx.processInstanceKey ?? null,
        idempotencyKey: `deadline:${ctx.reason}:${c.caseId}:${c.rule}:${c.triggerKey}`,
      })),
    );
    if (ctx.timings) ctx.timings.events += now() - t0;

    // last: the refresh locks the agencies' bucket rows, which every chunk writes, until the commit
    t0 = now();
    if (refreshStatistics && statisticsCases.size) await trx.raw('select stat_refresh_answers(cast(? as uuid[]))', [[...statisticsCases]]);
    if (ctx.timings) ctx.timings.write += now() - t0;
    return changes;
  });
}

/**
 * A trigger date changed (service date corrected, hearing moved, judgment date entered later): recompute
 * every deadline of the case and return what was removed, changed or added.
 */
export async function recalculateCaseDeadlines(
  db: Db,
  caseId: string,
  changes: { triggers?: Record<string, string | null>; options?: CaseOptions },
  ctx: { actor: string; idempotencyKey: string; calendar?: WorkCalendar },
): Promise<DeadlineChange[]> {
  const calendar = ctx.calendar ?? (await loadCalendar(db));
  return syncCaseDeadlines(
    db,
    [{ caseId, ...(changes.triggers ? { triggerChanges: changes.triggers } : {}), ...(changes.options ? { optionChanges: changes.options } : {}) }],
    { calendar, reason: `recalc:${ctx.idempotencyKey}`, actor: ctx.actor },
  );
}

/** The case's current deadlines, earliest first (for GET /api/cases/:id). */
export async function listCaseDeadlines(db: Db, caseId: string): Promise<StoredDeadline[]> {
  const rows: DeadlineRow[] = await db('case_deadlines').where({ case_id: caseId }).whereNull('superseded_at').orderBy([{ column: 'due_on' }, { column: 'rule_id' }]);
  return rows.map(toStored);
}

/** Every version of the case's deadlines, oldest first, with what superseded each. */
export async function caseDeadlineHistory(db: Db, caseId: string) {
  const rows = await db('case_deadlines').where({ case_id: caseId }).orderBy('id');
  return rows.map((r: DeadlineRow & { superseded_at: Date | null; superseded_change: string | null; superseded_reason: string | null; computed_reason: string }) => ({
    ...toStored(r),
    computedReason: r.computed_reason,
    supersededAt: r.superseded_at,
    supersededChange: r.superseded_change,
    supersededReason: r.superseded_reason,
  }));
}

export async function storedStages(db: Db, caseId: string): Promise<string[]> {
  const row = await db('case_deadline_inputs').where({ case_id: caseId }).first('stages');
  return row?.stages ?? [];
}
