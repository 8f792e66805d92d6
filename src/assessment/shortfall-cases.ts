// The cases behind a deduction. Where the failing units are a figure's numerator (lost cases, late
// answers) they are figureCases (figure-queries.ts). Where they are what the numerator lacks of the
// denominator (hearings without a head, performances late, recommendations not replied on time)
// figure-queries.ts has no drill-down yet, so the cases with such a unit are read here from the same
// ledger events the figures read (figures-sql.ts): the deduction's count always comes from the
// figure's totals; these queries only name the cases, and the db test checks they agree with them.
import type { Knex } from 'knex';
import type { Db } from '../db/database.ts';
import { figureCases } from '../statistics/figure-queries.ts';

type Conn = Db | Knex.Transaction;

export interface CaseRef {
  id: string;
  caseNumber: string;
  court: string;
  cause: string;
}

export const SHORTFALL_FIGURES = ['head-appearance-rate-case', 'head-appearance-rate-instance', 'head-appearance-rate-hearing', 'performance-on-time', 'recommendations-replied-on-time'] as const;

const HEARINGS_WITHOUT_HEAD = `
  select distinct x.case_id from (
    select distinct on (e.case_id, coalesce(nullif(e.payload->>'hearingKey', ''), 'first'), left(coalesce(nullif(e.payload->>'heldOn', ''), nullif(e.payload->>'hearingAt', '')), 10))
      e.case_id, left(coalesce(nullif(e.payload->>'heldOn', ''), nullif(e.payload->>'hearingAt', '')), 10)::date as held_on, (e.payload->>'headAppeared') = 'true' as head
    from case_events e join cases c on c.id = e.case_id
    where c.agency_id = any(cast(:agencyIds as uuid[])) and e.type = 'hearing-held'
      and coalesce(nullif(e.payload->>'heldOn', ''), nullif(e.payload->>'hearingAt', '')) is not null
    order by e.case_id, coalesce(nullif(e.payload->>'hearingKey', ''), 'first'), left(coalesce(nullif(e.payload->>'heldOn', ''), nullif(e.payload->>'hearingAt', '')), 10), e.id desc
  ) x where x.held_on between :from and :to and not x.head`;

const PERFORMANCES_LATE = `
  with plans as (
    select distinct on (coalesce(e.process_instance_key, e.case_id::text)) coalesce(e.process_instance_key, e.case_id::text) as performance, e.case_id,
      left(nullif(e.payload->>'dueOn', ''), 10)::date as due_on
    from case_events e join cases c on c.id = e.case_id
    where c.agency_id = any(cast(:agencyIds as uuid[])) and e.type = 'performance-planned' and nullif(e.payload->>'dueOn', '') is not null
    order by coalesce(e.process_instance_key, e.case_id::text), e.id desc
  ),
  completions as (
    select coalesce(e.process_instance_key, e.case_id::text) as performance, min(left(nullif(e.payload->>'completedOn', ''), 10)::date) as completed_on
    from case_events e join cases c on c.id = e.case_id
    where c.agency_id = any(cast(:agencyIds as uuid[])) and e.type = 'performance-completed' and nullif(e.payload->>'completedOn', '') is not null
    group by 1
  )
  select distinct p.case_id from plans p left join completions d on d.performance = p.performance
  where p.due_on between :from and :to and not coalesce(d.completed_on <= p.due_on, false)`;

const RECOMMENDATIONS_RECEIVED = `
  select distinct e.case_id from case_events e join cases c on c.id = e.case_id
  where c.agency_id = any(cast(:agencyIds as uuid[]))
    and e.type in ('court-event:judicial-recommendation', 'court-event:procuratorial-recommendation')
    and nullif(e.payload->>'receivedOn', '') is not null
    and left(e.payload->>'receivedOn', 10)::date between :from and :to`;

export interface CasesQuery {
  agencyIds: readonly string[];
  from: string;
  to: string;
  asOf: string;
}

/** Every case id behind the numerator of a figure (all pages). */
async function numeratorCaseIds(db: Conn, figureId: string, q: CasesQuery): Promise<string[]> {
  const { caseIds } = await figureCases(db, { ...q, figureId, limit: 100_000, offset: 0 });
  return caseIds;
}

/** The cases with a failing unit of an item: the numerator's (side numerator) or the shortfall's. */
export async function failingCaseIds(db: Conn, figureId: string, side: 'numerator' | 'shortfall', q: CasesQuery): Promise<string[]> {
  if (side === 'numerator') return numeratorCaseIds(db, figureId, q);
  const params = { agencyIds: [...q.agencyIds], from: q.from, to: q.to };
  const ids = async (sql: string) => ((await db.raw(sql, params)).rows as { case_id: string }[]).map((r) => r.case_id);
  if (figureId === 'head-appearance-rate-hearing' || figureId === 'head-appearance-rate-instance') return (await ids(HEARINGS_WITHOUT_HEAD)).sort();
  if (figureId === 'head-appearance-rate-case') {
    // a case counts when no head appeared at any hearing of its instances heard in the year
    const appeared = new Set(await numeratorCaseIds(db, figureId, q));
    return (await ids(HEARINGS_WITHOUT_HEAD)).filter((id) => !appeared.has(id)).sort();
  }
  if (figureId === 'performance-on-time') return (await ids(PERFORMANCES_LATE)).sort();
  if (figureId === 'recommendations-replied-on-time') {
    const onTime = new Set(await numeratorCaseIds(db, figureId, q));
    return (await ids(RECOMMENDATIONS_RECEIVED)).filter((id) => !onTime.has(id)).sort();
  }
  throw new Error(`no shortfall drill-down for figure ${figureId}`);
}

/** 案号, court and cause of the cases, in the order given. */
export async function caseRefs(db: Conn, ids: readonly string[]): Promise<CaseRef[]> {
  if (!ids.length) return [];
  const rows = await db('cases').whereIn('id', ids).select('id', 'case_number', 'court', 'cause');
  const byId = new Map(rows.map((r: any) => [r.id as string, { id: r.id as string, caseNumber: r.case_number as string, court: r.court as string, cause: r.cause as string }]));
  return ids.map((id) => byId.get(id)).filter((r): r is CaseRef => r !== undefined);
}
