// The statistics queries the dashboards, the score sheets and the periodic reports use: totals of
// every figure for a scope and period (no case ids — a province has hundreds of thousands), the
// same per agency (ranking), per period (trend), and the cases behind one number (drill-down),
// one page at a time. They are defined by figure-catalogue.ts and must agree with reference.ts.
//
// They read the summaries of summary-sql.ts, never the ledger: for a quarter or a year the totals are
// sums of the per agency bucket rows (stat_buckets); for any other range, and for the cases behind a
// number, the per-case fact tables (stat_case, stat_hearing, …). docs/statistics.md ("Summaries").
import type { Knex } from 'knex';
import type { Db } from '../db/database.ts';
import { FIGURES } from './figure-catalogue.ts';
import type { FigureQuery } from './figure-values.ts';
import type { Period } from './periods.ts';

export interface FigureTotal {
  id: string;
  value: number | null;
  numerator: number;
  denominator: number | null;
  /** breakdown figures: one row per key, most cases first */
  breakdown?: { key: string; count: number }[];
}

export type FigureTotals = Record<string, FigureTotal>;

export interface FigureCasesQuery extends FigureQuery {
  figureId: string;
  /** breakdown figures: only the cases of this key (案由 or court) */
  breakdownKey?: string;
  limit: number;
  offset: number;
}

type Conn = Db | Knex.Transaction;

// ---- the units of each figure over the fact tables ---------------------------------------------------
// One row per unit counted (case, instance, hearing, performance, recommendation, answer): the case,
// num 1 when the unit is in the numerator, den 1 (the unit is in the denominator), key for breakdowns.

const IN = 'agency_id = any(cast(:ids as uuid[]))';
const INSTANCES = `select h.case_id, h.instance,
    coalesce(bool_or(h.head) filter (where h.held_on <= :to), false) as head,
    coalesce(bool_or(h.principal) filter (where h.held_on <= :to), false) as principal
  from stat_hearing h
  where h.${IN} and (h.case_id, h.instance) in (select case_id, instance from stat_hearing where ${IN} and held_on between :from and :to)
  group by 1, 2`;
const LOSSES = `select case_id, bool_or(lost) as lost from (
    select case_id, lost from stat_case where ${IN} and closed_on between :from and :to
    union all
    select case_id, lost from stat_reconsideration where ${IN} and on_day between :from and :to
  ) u group by case_id`;
const RECEIVED = `from stat_case where ${IN} and received_on between :from and :to`;
const CLOSED = `from stat_case where ${IN} and closed_on between :from and :to`;

const UNITS: Record<string, string> = {
  'cases-new': `select case_id, 1 as num, 1 as den, '' as key ${RECEIVED}`,
  'cases-closed': `select case_id, 1, 1, '' ${CLOSED}`,
  'cases-pending': `select case_id, 1, 1, '' from stat_case where ${IN} and received_on <= :to and not coalesce(closed_on <= :to, false)`,
  'head-appearance-rate-instance': `select case_id, head::int, 1, '' from (${INSTANCES}) i`,
  'head-appearance-rate-case': `select case_id, bool_or(head)::int, 1, '' from (${INSTANCES}) i group by case_id`,
  'head-appearance-rate-hearing': `select case_id, head::int, 1, '' from stat_hearing where ${IN} and held_on between :from and :to`,
  'principal-head-appearances': `select case_id, principal::int, 1, '' from stat_hearing where ${IN} and held_on between :from and :to`,
  'principal-head-appearance-rate': `select case_id, bool_or(principal)::int, 1, '' from (${INSTANCES}) i group by case_id`,
  'loss-rate': `select case_id, lost::int, 1, '' from (${LOSSES}) l`,
  'withdrawal-rate': `select case_id, (closed_by = 'withdrawn')::int, 1, '' ${CLOSED}`,
  'settlement-rate': `select case_id, settled::int, 1, '' ${CLOSED}`,
  'enterprise-cases': `select case_id, 1, 1, '' ${RECEIVED} and enterprise`,
  'enterprise-loss-rate': `select l.case_id, l.lost::int, 1, '' from (${LOSSES}) l join stat_case c on c.case_id = l.case_id where c.enterprise`,
  'performance-on-time': `select case_id, on_time::int, 1, '' from stat_performance where ${IN} and due_on between :from and :to`,
  'recommendations-replied-on-time': `select case_id, on_time::int, 1, '' from stat_recommendation where ${IN} and received_on between :from and :to`,
  'answers-late': `select case_id, (late_submitted or (not submitted and due_on < cast(:asOf as date)))::int, 1, '' from stat_answer where ${IN} and due_on between :from and :to`,
  'cases-by-cause': `select case_id, 1, 1, cause ${RECEIVED}`,
  'cases-by-court': `select case_id, 1, 1, court ${RECEIVED}`,
};

const BREAKDOWNS = new Set(['cases-by-cause', 'cases-by-court']);

/**
 * The cases behind a numerator, where a shorter query than "units with num > 0" gives the same set and
 * lets PostgreSQL walk an index in case order and stop at the page: cases with a trial instance heard in
 * the period at which a head (the principal head) appeared on or before its end; cases with a lost unit.
 */
const heardWith = (column: 'head' | 'principal') => `select h.case_id from stat_hearing h
  where h.${IN} and h.held_on between :from and :to
    and exists (select 1 from stat_hearing x where x.case_id = h.case_id and x.instance = h.instance and x.${column} and x.held_on <= :to)`;
const lostUnits = (enterprise: boolean) => `select c.case_id from stat_case c
  where c.${IN}${enterprise ? ' and c.enterprise' : ''} and ((c.closed_on between :from and :to and c.lost)
    or exists (select 1 from stat_reconsideration r where r.case_id = c.case_id and r.on_day between :from and :to and r.lost))`;
const CASES_BEHIND: Record<string, string> = {
  'head-appearance-rate-instance': heardWith('head'),
  'head-appearance-rate-case': heardWith('head'),
  'principal-head-appearance-rate': heardWith('principal'),
  'loss-rate': lostUnits(false),
  'enterprise-loss-rate': lostUnits(true),
};

{
  const missing = FIGURES.filter((f) => !(f.id in UNITS)).map((f) => f.id);
  if (missing.length) throw new Error(`figures without summary SQL: ${missing.join(', ')}`);
}

const unitsSql = (figureId: string) => {
  const sql = UNITS[figureId];
  if (!sql) throw new Error(`unknown figure ${figureId}`);
  return `(${sql}) as u(case_id, num, den, key)`;
};

// ---- totals -----------------------------------------------------------------------------------------

interface Cell {
  num: number;
  den: number;
  /** distinct cases behind num */
  cases: number;
}

/** A figure's total with the number of distinct cases behind its numerator (the drill-down's total). */
interface TotalWithCases extends FigureTotal {
  /** null: not known from the buckets (counted from the facts when a drill-down asks) */
  cases: number | null;
  breakdownCases?: Map<string, number>;
}

const keyOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function totalOf(id: string, num: number, den: number, cases: number, breakdown?: { key: string; count: number; cases: number }[]): TotalWithCases {
  const def = FIGURES.find((f) => f.id === id)!;
  const out: TotalWithCases = {
    id,
    value: def.kind === 'rate' ? (den ? num / den : null) : num,
    numerator: num,
    denominator: def.kind === 'rate' ? den : null,
    cases,
  };
  if (breakdown) {
    const rows = breakdown.filter((r) => r.count > 0).sort((a, b) => b.count - a.count || keyOrder(a.key, b.key));
    out.breakdown = rows.map((r) => ({ key: r.key, count: r.count }));
    out.breakdownCases = new Map(rows.map((r) => [r.key, r.cases]));
  }
  return out;
}

const publicTotal = ({ cases: _c, breakdownCases: _b, ...t }: TotalWithCases): FigureTotal => t;
const publicTotals = (t: Record<string, TotalWithCases>): FigureTotals => Object.fromEntries(Object.entries(t).map(([id, v]) => [id, publicTotal(v)]));

/** Every figure from the fact tables, for any range of days (one query per figure). */
async function factTotals(db: Conn, q: FigureQuery, only?: string): Promise<Record<string, TotalWithCases>> {
  const params = { ids: [...q.agencyIds], from: q.from, to: q.to, asOf: q.asOf };
  const out: Record<string, TotalWithCases> = {};
  for (const f of FIGURES) {
    if (only && f.id !== only) continue;
    if (BREAKDOWNS.has(f.id)) {
      const rows = (await db.raw(`select key, count(*)::int as n from ${unitsSql(f.id)} group by key`, params)).rows as { key: string; n: number }[];
      out[f.id] = totalOf(f.id, rows.reduce((n, r) => n + r.n, 0), 0, rows.reduce((n, r) => n + r.n, 0), rows.map((r) => ({ key: r.key, count: r.n, cases: r.n })));
    } else {
      const [r] = (await db.raw(`select coalesce(sum(num), 0)::int as num, count(*)::int as den, count(distinct case_id) filter (where num > 0)::int as cases from ${unitsSql(f.id)}`, params)).rows;
      out[f.id] = totalOf(f.id, r.num, r.den, r.cases);
    }
  }
  return out;
}

/** The bucket of a period that is exactly a quarter or a year; null otherwise. */
export function bucketOf(from: string, to: string): { kind: 'quarter' | 'year'; bucket: string } | null {
  const m = /^(\d{4})-(\d{2})-01$/.exec(from);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month === 1 && to === `${year}-12-31`) return { kind: 'year', bucket: from };
  const ends: Record<number, string> = { 1: '03-31', 4: '06-30', 7: '09-30', 10: '12-31' };
  if (ends[month] && to === `${year}-${ends[month]}`) return { kind: 'quarter', bucket: from };
  return null;
}

interface Slot {
  from: string;
  to: string;
  kind: 'quarter' | 'year';
  bucket: string;
}

/**
 * The totals of aligned periods from the buckets, per group (the whole scope, or each agency):
 * one query for the bucket sums, one for the pending cases (a running sum), one per slot reaching "today".
 */
async function bucketTotals(db: Conn, agencyIds: readonly string[], slots: readonly Slot[], asOf: string, byAgency: boolean): Promise<Map<string, Map<string, Record<string, TotalWithCases>>>> {
  const ids = [...agencyIds];
  const group = byAgency ? 'agency_id::text' : `''`;
  // pending: the changes of the whole years before the slot's year, then of its quarters up to its end
  const maxTo = slots.reduce((m, s) => (s.to > m ? s.to : m), '0000-00-00');
  const minYear = slots.reduce((m, s) => (s.from.slice(0, 4) < m ? s.from.slice(0, 4) : m), '9999');
  // the three reads are independent: sent at once (on a pool, PostgreSQL runs them side by side)
  const [sumsResult, pendingResult, ...lateResults] = await Promise.all([
    db.raw(
      `select ${group} as grp, b.kind, b.bucket, b.measure, b.key, sum(b.num)::int as num, sum(b.den)::int as den, sum(b.ncase)::int as ncase
       from stat_buckets b join unnest(cast(:kinds as text[]), cast(:buckets as date[])) s(kind, bucket) on s.kind = b.kind and s.bucket = b.bucket
       where b.agency_id = any(cast(:ids as uuid[]))
       group by 1, 2, 3, 4, 5`,
      { ids, kinds: slots.map((s) => s.kind), buckets: slots.map((s) => s.bucket) },
    ),
    db.raw(
      `select ${group} as grp, kind, bucket, sum(num)::int as n from stat_buckets
       where measure = 'pending-change' and agency_id = any(cast(:ids as uuid[]))
         and ((kind = 'year' and bucket <= :maxTo) or (kind = 'quarter' and bucket between :minYearStart and :maxTo))
       group by 1, 2, 3`,
      { ids, maxTo, minYearStart: `${minYear}-01-01` },
    ),
    // an answer not submitted is late once due before "today": for a slot reaching today, those few rows
    ...slots
      .filter((sl) => asOf <= sl.to)
      .map((slot) =>
        db
          .raw(
            `select ${group} as grp, count(*)::int as n from stat_answer
             where agency_id = any(cast(:ids as uuid[])) and not submitted and due_on between :from and :to and due_on < cast(:asOf as date) group by 1`,
            { ids, from: slot.from, to: slot.to, asOf },
          )
          .then((r: { rows: { grp: string; n: number }[] }) => ({ slot, rows: r.rows })),
      ),
  ]);
  const sums = sumsResult.rows as { grp: string; kind: string; bucket: string; measure: string; key: string; num: number; den: number; ncase: number }[];
  const pendingRows = pendingResult.rows as { grp: string; kind: string; bucket: string; n: number }[];
  const pendingAt = (g: string, slot: Slot) => {
    const yearStart = `${slot.from.slice(0, 4)}-01-01`;
    let n = 0;
    for (const r of pendingRows) {
      if (r.grp !== g) continue;
      if (r.kind === 'year' ? r.bucket < yearStart : r.bucket >= yearStart && r.bucket <= slot.to) n += r.n;
    }
    return n;
  };
  const late = new Map<string, number>();
  for (const { slot, rows } of lateResults as { slot: Slot; rows: { grp: string; n: number }[] }[]) for (const r of rows) late.set(`${r.grp}|${slot.from}`, r.n);
  const groups = byAgency ? ids : [''];
  const cells = new Map<string, Map<string, Cell>>();
  const breakdownCells = new Map<string, { measure: string; key: string; num: number; cases: number }[]>();
  for (const r of sums) {
    const k = `${r.grp}|${r.kind}|${r.bucket}`;
    if (r.measure === 'cause' || r.measure === 'court') {
      breakdownCells.set(k, [...(breakdownCells.get(k) ?? []), { measure: r.measure, key: r.key, num: r.num, cases: r.ncase }]);
    } else {
      if (!cells.has(k)) cells.set(k, new Map());
      cells.get(k)!.set(r.measure, { num: r.num, den: r.den, cases: r.ncase });
    }
  }
  const out = new Map<string, Map<string, Record<string, TotalWithCases>>>();
  for (const g of groups) {
    const perSlot = new Map<string, Record<string, TotalWithCases>>();
    for (const slot of slots) {
      const k = `${g}|${slot.kind}|${slot.bucket}`;
      const c = (m: string): Cell => cells.get(k)?.get(m) ?? { num: 0, den: 0, cases: 0 };
      const pending = pendingAt(g, slot);
      const closed = c('closed');
      const heard = c('heard-cases');
      const t: Record<string, TotalWithCases> = {
        'cases-new': totalOf('cases-new', c('new').num, 0, c('new').cases),
        'cases-closed': totalOf('cases-closed', closed.num, 0, closed.cases),
        'cases-pending': totalOf('cases-pending', pending, 0, pending),
        'head-appearance-rate-instance': totalOf('head-appearance-rate-instance', c('instances').num, c('instances').den, c('instances').cases),
        'head-appearance-rate-case': totalOf('head-appearance-rate-case', heard.num, heard.den, heard.cases),
        'head-appearance-rate-hearing': totalOf('head-appearance-rate-hearing', c('sessions').num, c('sessions').den, c('sessions').cases),
        'principal-head-appearances': totalOf('principal-head-appearances', c('principal-sessions').num, 0, c('principal-sessions').cases),
        'principal-head-appearance-rate': totalOf('principal-head-appearance-rate', c('heard-cases-principal').num, c('heard-cases-principal').den, c('heard-cases-principal').cases),
        'loss-rate': totalOf('loss-rate', c('loss').num, c('loss').den, c('loss').cases),
        'withdrawal-rate': totalOf('withdrawal-rate', c('withdrawn').num, closed.num, c('withdrawn').cases),
        'settlement-rate': totalOf('settlement-rate', c('settled').num, closed.num, c('settled').cases),
        'enterprise-cases': totalOf('enterprise-cases', c('enterprise-new').num, 0, c('enterprise-new').cases),
        'enterprise-loss-rate': totalOf('enterprise-loss-rate', c('enterprise-loss').num, c('enterprise-loss').den, c('enterprise-loss').cases),
        'performance-on-time': totalOf('performance-on-time', c('performances').num, c('performances').den, c('performances').cases),
        'recommendations-replied-on-time': totalOf('recommendations-replied-on-time', c('recommendations').num, c('recommendations').den, c('recommendations').cases),
        // an answer not submitted is late once its deadline is before "today": for a period wholly before
        // today every unsubmitted answer is late; otherwise the facts decide (below)
        'answers-late': totalOf('answers-late', c('answers').num + c('answers-unsubmitted').num, c('answers').den, c('answers-unsubmitted').cases),
      };
      const bd = breakdownCells.get(k) ?? [];
      for (const [id, measure] of [
        ['cases-by-cause', 'cause'],
        ['cases-by-court', 'court'],
      ] as const) {
        t[id] = totalOf(id, c('new').num, 0, c('new').cases, bd.filter((r) => r.measure === measure).map((r) => ({ key: r.key, count: r.num, cases: r.cases })));
      }
      if (asOf <= slot.to) {
        // the period reaches "today": only the unsubmitted answers due before today are late (a few rows,
        // partial index); the distinct cases are then counted from the facts when a drill-down asks
        const unsubmitted = late.get(`${g}|${slot.from}`) ?? 0;
        t['answers-late'] = { ...totalOf('answers-late', c('answers').num + unsubmitted, c('answers').den, 0), cases: null };
      }
      perSlot.set(`${slot.from}|${slot.to}`, t);
    }
    out.set(g, perSlot);
  }
  return out;
}

async function totalsWithCases(db: Conn, q: FigureQuery): Promise<Record<string, TotalWithCases>> {
  const b = bucketOf(q.from, q.to);
  if (!b) return factTotals(db, q);
  const slot = { from: q.from, to: q.to, ...b };
  return (await bucketTotals(db, q.agencyIds, [slot], q.asOf, false)).get('')!.get(`${q.from}|${q.to}`)!;
}

/** Every figure of the catalogue for the cases of `q.agencyIds` in the period. */
export async function figureTotals(db: Conn, q: FigureQuery): Promise<FigureTotals> {
  return publicTotals(await totalsWithCases(db, q));
}

/** Every figure for each agency of `q.agencyIds` on its own (the ranking of agencies). */
export async function figureTotalsByAgency(db: Conn, q: FigureQuery): Promise<Map<string, FigureTotals>> {
  const out = new Map<string, FigureTotals>();
  const b = bucketOf(q.from, q.to);
  if (!b) {
    for (const agencyId of q.agencyIds) out.set(agencyId, publicTotals(await factTotals(db, { ...q, agencyIds: [agencyId] })));
    return out;
  }
  const totals = await bucketTotals(db, q.agencyIds, [{ from: q.from, to: q.to, ...b }], q.asOf, true);
  for (const agencyId of q.agencyIds) out.set(agencyId, publicTotals(totals.get(agencyId)!.get(`${q.from}|${q.to}`)!));
  return out;
}

/** Every figure for each period (the trend lines), oldest first as given. */
export async function figureSeries(db: Conn, q: { agencyIds: readonly string[]; periods: readonly Period[]; asOf: string }): Promise<{ period: Period; totals: FigureTotals }[]> {
  const slots: Slot[] = [];
  for (const p of q.periods) {
    const b = bucketOf(p.from, p.to);
    if (b) slots.push({ from: p.from, to: p.to, ...b });
  }
  const aligned = slots.length ? (await bucketTotals(db, q.agencyIds, slots, q.asOf, false)).get('')! : new Map<string, Record<string, TotalWithCases>>();
  const out: { period: Period; totals: FigureTotals }[] = [];
  for (const period of q.periods) {
    const t = aligned.get(`${period.from}|${period.to}`) ?? (await factTotals(db, { agencyIds: q.agencyIds, from: period.from, to: period.to, asOf: q.asOf }));
    out.push({ period, totals: publicTotals(t) });
  }
  return out;
}

/** The cases behind the numerator of one figure (for a breakdown, behind one key), sorted by id, one page. */
export async function figureCases(db: Conn, q: FigureCasesQuery): Promise<{ total: number; caseIds: string[] }> {
  if (!(q.figureId in UNITS)) throw new Error(`unknown figure ${q.figureId}`);
  const withKey = q.breakdownKey !== undefined && BREAKDOWNS.has(q.figureId);
  if (q.breakdownKey !== undefined && !BREAKDOWNS.has(q.figureId)) return { total: 0, caseIds: [] };
  const params = { ids: [...q.agencyIds], from: q.from, to: q.to, asOf: q.asOf, key: q.breakdownKey ?? '', limit: q.limit, offset: q.offset };
  const behind = CASES_BEHIND[q.figureId]
    ? `(${CASES_BEHIND[q.figureId]}) as u(case_id)`
    : `(select case_id from ${unitsSql(q.figureId)} where num > 0${withKey ? ' and key = :key' : ''}) as u(case_id)`;
  const rows = (await db.raw(`select case_id::text as id from ${behind} group by case_id order by case_id limit :limit offset :offset`, params)).rows as { id: string }[];
  const b = bucketOf(q.from, q.to);
  let total: number;
  const known = b ? (await totalsWithCases(db, q))[q.figureId]! : null;
  if (known && known.cases !== null) {
    total = withKey ? (known.breakdownCases?.get(q.breakdownKey!) ?? 0) : known.cases;
  } else {
    total = (await db.raw(`select count(distinct case_id)::int as n from ${behind}`, params)).rows[0].n;
  }
  return { total, caseIds: rows.map((r) => r.id) };
}
