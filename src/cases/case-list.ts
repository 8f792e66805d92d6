// The ledger (台账, GET /api/cases and its .xlsx export): every case the principal may see, with
// filters, search by 案号 or party name, sort and paging, each case with its next pending deadline
// and warning colour (src/cases/ledger-warnings.ts). One query builder serves the page and the
// export, so both show the same cases.
import type { Knex } from 'knex';
import type { Principal } from '../auth/principal.ts';
import { whereCaseVisible } from '../auth/scope.ts';
import type { Db } from '../db/database.ts';
import { loadCalendar } from '../deadlines/ledger.ts';
import { shanghaiDateOf } from '../deadlines/dates.ts';
import { STAGE_LABELS } from './case-stages.ts';
import { ANSWER_RULES, dueRange, REGISTRATION_RULES, PENDING_DEADLINE_STAGES, warningOf, warningWindows, type Warning, type WarningWindows } from './ledger-warnings.ts';

export const LEDGER_SORTS = ['complaintReceivedOn', 'caseNumber', 'agencyName', 'court', 'level', 'stage', 'nextDeadline'] as const;
export type LedgerSort = (typeof LEDGER_SORTS)[number];
export const OUTCOMES = ['won', 'lost', 'partly-lost', 'none'] as const;

export interface LedgerFilter {
  agency?: string;
  stage?: string;
  level?: string;
  profile?: string;
  year?: number;
  /** overdue | 3d | week | <N>d */
  due?: string;
  enterpriseRelated?: boolean;
  /** the latest judgment's outcome; none: no judgment yet */
  outcome?: (typeof OUTCOMES)[number];
  /** a substring of the 案号 or of a party's name */
  q?: string;
  sort?: LedgerSort;
  order?: 'asc' | 'desc';
}

/** Whose ledger: the agencies the principal may see (Principal.visibleAgencyIds; null = every agency). */
export type LedgerScope = Pick<Principal, 'visibleAgencyIds'>;

export interface LedgerItem {
  id: string;
  caseNumber: string;
  agencyId: string;
  agencyName: string;
  profile: string;
  court: string;
  level: string;
  cause: string;
  stage: string;
  stageLabel: string;
  status: string;
  plaintiffNames: string[];
  complaintReceivedOn: string;
  nextDeadline: { ruleId: string; label: string; dueOn: string } | null;
  warning: Warning | null;
  enterpriseRelated: boolean;
  outcome: string | null;
}

export interface LedgerPage {
  items: LedgerItem[];
  total: number;
  limit: number;
  offset: number;
}

const sql = (s: string) => `'${s.replace(/'/g, "''")}'`;

// the case's deadline stages, as an SQL array expression over c.stage (constants only)
const PENDING_STAGES_SQL = `(CASE c.stage ${Object.entries(PENDING_DEADLINE_STAGES)
  .map(([stage, stages]) => `WHEN ${sql(stage)} THEN ARRAY[${stages.map(sql).join(',')}]`)
  .join(' ')} ELSE ARRAY[]::text[] END)`;

// the earliest pending deadline of an open case: its current stage's, the registration rules only until
// the case is registered, the answer rules only until the answer is in
const NEXT_DEADLINE_JOIN = `LEFT JOIN LATERAL (
  SELECT d.rule_id, d.name, d.due_on FROM case_deadlines d
   WHERE d.case_id = c.id AND d.superseded_at IS NULL AND c.status = 'open'
     AND d.stage = ANY(${PENDING_STAGES_SQL})
     AND NOT (c.answer_submitted_on IS NOT NULL AND d.rule_id IN (${ANSWER_RULES.map(sql).join(',')}))
     AND NOT (c.stage <> 'registration' AND d.trigger_key = 'complaintReceivedOn' AND d.rule_id IN (${REGISTRATION_RULES.map(sql).join(',')}))
   ORDER BY d.due_on, d.id LIMIT 1) nd ON true`;

// the outcome of the latest decision served (the court event the case API and the import record)
const LATEST_JUDGMENT_JOIN = `LEFT JOIN LATERAL (SELECT e.payload->>'outcome' AS outcome FROM case_events e WHERE e.case_id = c.id AND e.type = 'court-event:judgment-served' ORDER BY e.id DESC LIMIT 1) lj ON true`;

const ENTERPRISE_SQL = `((c.flags->>'enterpriseRelated')::boolean IS TRUE OR EXISTS (SELECT 1 FROM case_parties ep WHERE ep.case_id = c.id AND ep.role IN ('plaintiff', 'third-party') AND ep.type = 'enterprise'))`;

const SORT_COLUMNS: Record<LedgerSort, string> = {
  complaintReceivedOn: 'c.complaint_received_on',
  caseNumber: 'c.case_number',
  agencyName: 'a.name',
  court: 'c.court',
  level: 'c.level',
  stage: 'c.stage',
  nextDeadline: 'nd.due_on',
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The filtered query over `cases c` joined to `agencies a` (and the deadline / judgment laterals when asked). */
function filteredCases(db: Db | Knex.Transaction, scope: LedgerScope, f: LedgerFilter, w: WarningWindows, joins: { agency: boolean; deadline: boolean; judgment: boolean }) {
  const q = db('cases as c');
  if (joins.agency) q.join('agencies as a', 'a.id', 'c.agency_id');
  if (joins.deadline) q.joinRaw(NEXT_DEADLINE_JOIN);
  if (joins.judgment) q.joinRaw(LATEST_JUDGMENT_JOIN);
  whereCaseVisible(q, scope, 'c');
  if (f.agency) q.where('c.agency_id', f.agency);
  if (f.stage) q.where('c.stage', f.stage);
  if (f.level) q.where('c.level', f.level);
  if (f.profile) q.where('a.profile', f.profile);
  if (f.year) q.whereBetween('c.complaint_received_on', [`${f.year}-01-01`, `${f.year}-12-31`]);
  if (f.enterpriseRelated !== undefined) q.whereRaw(f.enterpriseRelated ? ENTERPRISE_SQL : `NOT ${ENTERPRISE_SQL}`);
  if (f.outcome === 'none') q.whereNull('lj.outcome');
  else if (f.outcome) q.where('lj.outcome', f.outcome);
  if (f.due) {
    const range = dueRange(f.due, w);
    q.where('nd.due_on', '<=', range.to);
    if (range.from) q.where('nd.due_on', '>=', range.from);
    // a case whose next deadline falls in the range has a current deadline in it: the due-date index
    // narrows the cases before their next deadline is worked out
    q.whereIn('c.id', (sub) => {
      sub.select('dd.case_id').from('case_deadlines as dd').whereNull('dd.superseded_at').where('dd.due_on', '<=', range.to);
      if (range.from) sub.where('dd.due_on', '>=', range.from);
    });
  }
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    // the matching ids first (each side of the UNION on its trigram index), then the cases by primary key
    q.whereRaw('c.id = ANY(ARRAY(SELECT qc.id FROM cases qc WHERE qc.case_number ILIKE ? UNION SELECT qp.case_id FROM case_parties qp WHERE qp.name ILIKE ?))', [like, like]);
  }
  return q;
}

function pageQuery(db: Db | Knex.Transaction, scope: LedgerScope, f: LedgerFilter, w: WarningWindows) {
  const q = filteredCases(db, scope, f, w, { agency: true, deadline: true, judgment: true })
    // per row of the page (a plain EXISTS here is planned as a hash of every enterprise party)
    .joinRaw(`LEFT JOIN LATERAL (SELECT true AS yes FROM case_parties ep WHERE ep.case_id = c.id AND ep.role IN ('plaintiff', 'third-party') AND ep.type = 'enterprise' LIMIT 1) ent ON true`)
    .select(
    'c.id',
    'c.case_number',
    'c.agency_id',
    'a.name as agency_name',
    'a.profile',
    'c.court',
    'c.level',
    'c.cause',
    'c.stage',
    'c.status',
    'c.complaint_received_on',
    'nd.rule_id as next_rule_id',
    'nd.name as next_label',
    'nd.due_on as next_due_on',
    'lj.outcome',
    db.raw(`((c.flags->>'enterpriseRelated')::boolean IS TRUE OR ent.yes IS TRUE) AS enterprise_related`),
    db.raw(`ARRAY(SELECT p.name FROM case_parties p WHERE p.case_id = c.id AND p.role = 'plaintiff' ORDER BY p.position, p.id) AS plaintiff_names`),
  );
  const sort = f.sort ?? 'complaintReceivedOn';
  const order = f.order ?? (sort === 'complaintReceivedOn' ? 'desc' : 'asc');
  // NULLS LAST only where a column can be null (the next deadline): elsewhere the plain order lets the indexes serve it
  q.orderByRaw(sort === 'nextDeadline' ? `${SORT_COLUMNS[sort]} ${order} NULLS LAST` : `${SORT_COLUMNS[sort]} ${order}`);
  if (sort !== 'caseNumber') q.orderBy('c.case_number', 'asc');
  return q.orderBy('c.id');
}

function toItem(r: any, w: WarningWindows): LedgerItem {
  return {
    id: r.id,
    caseNumber: r.case_number,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    profile: r.profile,
    court: r.court,
    level: r.level,
    cause: r.cause,
    stage: r.stage,
    stageLabel: STAGE_LABELS[r.stage] ?? r.stage,
    status: r.status,
    plaintiffNames: r.plaintiff_names ?? [],
    complaintReceivedOn: r.complaint_received_on,
    nextDeadline: r.next_due_on ? { ruleId: r.next_rule_id, label: r.next_label, dueOn: r.next_due_on } : null,
    warning: warningOf(r.next_due_on, w),
    enterpriseRelated: r.enterprise_related === true,
    outcome: r.outcome ?? null,
  };
}

export interface LedgerOptions {
  /** the Asia/Shanghai date the warnings are computed for (default: today) */
  today?: string;
}

async function windows(db: Db, options: LedgerOptions): Promise<WarningWindows> {
  return warningWindows(await loadCalendar(db), options.today ?? shanghaiDateOf(new Date()));
}

// The ledger's queries are short, but their cost estimates (a lateral join per case) cross
// PostgreSQL's JIT threshold, and compiling took longer than running them (≈ 1.2 s of 1.6 s at
// 100,000 cases, README "Benchmark"): they run with JIT off, in a read-only transaction.
async function withoutJit<T>(db: Db, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return db.transaction(
    async (trx) => {
      await trx.raw('SET LOCAL jit = off');
      return fn(trx);
    },
    { readOnly: true },
  );
}

/** GET /api/cases: one page of the ledger and the number of cases the filters match. */
export async function listCases(db: Db, scope: LedgerScope, f: LedgerFilter & { limit: number; offset: number }, options: LedgerOptions = {}): Promise<LedgerPage> {
  const w = await windows(db, options);
  return withoutJit(db, async (trx) => {
    const rows = await pageQuery(trx, scope, f, w).limit(f.limit).offset(f.offset);
    const counted = await filteredCases(trx, scope, f, w, { agency: Boolean(f.profile), deadline: Boolean(f.due), judgment: Boolean(f.outcome) }).count({ total: '*' });
    return { items: rows.map((r: any) => toItem(r, w)), total: Number((counted[0] as { total: string | number }).total), limit: f.limit, offset: f.offset };
  });
}

/**
 * The ledger rows of the given cases, in the order given (the statistics' drill-down turns the case
 * ids behind a number into the rows the ledger shows); cases the principal may not see are left out.
 */
export async function ledgerItemsByIds(db: Db, scope: LedgerScope, ids: readonly string[], options: LedgerOptions = {}): Promise<LedgerItem[]> {
  if (!ids.length) return [];
  const w = await windows(db, options);
  return withoutJit(db, async (trx) => {
    const rows = await pageQuery(trx, scope, {}, w).whereRaw('c.id = ANY(?::uuid[])', [[...ids]]);
    const byId = new Map(rows.map((r: any) => [r.id as string, toItem(r, w)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  });
}

/** The whole filtered ledger, row by row from a database cursor (the export): never all rows in memory. */
export async function* streamCases(db: Db, scope: LedgerScope, f: LedgerFilter, options: LedgerOptions = {}): AsyncGenerator<LedgerItem> {
  const w = await windows(db, options);
  const trx = await db.transaction({ readOnly: true });
  try {
    await trx.raw('SET LOCAL jit = off');
    const stream = pageQuery(trx, scope, f, w).stream({ highWaterMark: 500 }) as unknown as NodeJS.ReadableStream & { destroy(): void };
    try {
      for await (const row of stream) yield toItem(row, w);
    } finally {
      stream.destroy();
    }
  } finally {
    // read only: ending it by commit or rollback is the same; commit does not reject the transaction promise
    await trx.commit().catch(() => undefined);
  }
}
