// The figures of figure-catalogue.ts computed in PostgreSQL, one query for a scope and a period:
// the common facts (closure of each case, hearings, performances, recommendations, answers) as CTEs,
// then one row per figure with its numerator, denominator and the case ids behind the numerator.
// reference.ts computes the same definitions in TypeScript; test/db/statistics proves they agree.
import type { Knex } from 'knex';
import type { Db } from '../db/database.ts';
import { FIGURES } from './figure-catalogue.ts';
import { definitionOf, figureValue, type BreakdownRow, type FigureQuery, type FigureValues } from './figure-values.ts';
import { ANSWER_RULE_LEVELS, RECONSIDERATION_LOSS_PROFILES } from './ledger-facts.ts';

const answerRules = Object.keys(ANSWER_RULE_LEVELS);
const answerLevelCase = `case d.rule_id ${Object.entries(ANSWER_RULE_LEVELS)
  .map(([rule, level]) => `when '${rule}' then '${level}'`)
  .join(' ')} end`;

/** Date text of a JSON payload field, null when missing or empty. */
const payloadDate = (field: string) => `left(nullif(e.payload->>'${field}', ''), 10)::date`;

const FACTS = `
with scope_cases as (
  select c.id, c.agency_id, c.court, c.cause, c.flags, c.complaint_received_on, c.status, c.settlement_status, c.withdrawn_on, a.profile
  from cases c join agencies a on a.id = c.agency_id
  where c.agency_id = any(cast(:agencyIds as uuid[]))
),
scope_events as (
  select e.* from case_events e join scope_cases c on c.id = e.case_id
  where e.type in ('hearing-held', 'performance-planned', 'performance-completed', 'court-event:judicial-recommendation',
                   'court-event:procuratorial-recommendation', 'judicial-recommendation-replied', 'stage-changed')
),
status_days as (
  select e.case_id, e.payload->'to'->>'status' as status, min((e.occurred_at at time zone 'Asia/Shanghai')::date) as on_day
  from scope_events e
  where e.type = 'stage-changed' and e.payload->'to'->>'status' in ('withdrawn', 'settled')
  group by 1, 2
),
decisions as (
  select distinct on (j.case_id) j.case_id, j.kind, j.outcome, j.effective_on
  from case_judgments j join scope_cases c on c.id = j.case_id
  where j.level in ('first', 'second', 'retrial') and j.effective_on is not null
  order by j.case_id, j.effective_on desc, case j.level when 'retrial' then 3 when 'second' then 2 else 1 end desc
),
closure as (
  select c.id as case_id, c.settlement_status, d.kind as decision_kind, d.outcome as decision_outcome,
    case when c.status = 'withdrawn' then coalesce(c.withdrawn_on, sw.on_day)
         when c.status = 'settled' then ss.on_day
         else d.effective_on end as closed_on,
    case when c.status = 'withdrawn' then 'withdrawn'
         when c.status = 'settled' then 'settled'
         when d.case_id is not null then 'decided' end as closed_by
  from scope_cases c
  left join decisions d on d.case_id = c.id
  left join status_days sw on sw.case_id = c.id and sw.status = 'withdrawn'
  left join status_days ss on ss.case_id = c.id and ss.status = 'settled'
),
closed as (select * from closure where closed_on between :from and :to),
received as (select * from scope_cases where complaint_received_on between :from and :to),
enterprise as (
  select c.id as case_id from scope_cases c
  where (c.flags->>'enterpriseRelated') = 'true'
     or exists (select 1 from case_parties p where p.case_id = c.id and p.role in ('plaintiff', 'third-party') and p.type = 'enterprise')
),
hearing_records as (
  -- the trial instance of a hearing: how many instance-opening stage changes of the case came before it
  select * from (
    select e.id, e.case_id, e.type, e.payload, coalesce(nullif(e.payload->>'hearingKey', ''), 'first') as hearing_key,
      count(*) filter (where e.type = 'stage-changed' and (
        (jsonb_typeof(e.payload->'to'->'stage') = 'string' and e.payload->'to'->>'stage' in ('second-instance', 'retrial')
          and e.payload->'to'->>'stage' is distinct from e.payload->'from'->>'stage')
        or (jsonb_typeof(e.payload->'to'->'level') = 'string' and e.payload->'to'->>'level' is distinct from e.payload->'from'->>'level')))
        over (partition by e.case_id order by e.id) as trial
    from scope_events e
    where e.type in ('hearing-held', 'stage-changed')
  ) x
  where x.type = 'hearing-held'
),
hearings as (
  select distinct on (e.case_id, e.trial, e.hearing_key)
    e.case_id,
    e.trial || '|' || split_part(e.hearing_key, '_', 1) as instance,
    left(coalesce(nullif(e.payload->>'heldOn', ''), nullif(e.payload->>'hearingAt', '')), 10)::date as held_on,
    (e.payload->>'headAppeared') = 'true' as head,
    (e.payload->>'principalHeadAppeared') = 'true' as principal
  from hearing_records e
  order by e.case_id, e.trial, e.hearing_key, e.id desc
),
held as (select * from hearings where held_on is not null),
heard_instances as (
  select case_id, instance,
    coalesce(bool_or(head) filter (where held_on <= :to), false) as head,
    coalesce(bool_or(principal) filter (where held_on <= :to), false) as principal
  from held group by case_id, instance
  having bool_or(held_on between :from and :to)
),
heard_cases as (select case_id, bool_or(head) as head, bool_or(principal) as principal from heard_instances group by case_id),
sessions as (select * from held where held_on between :from and :to),
loss_units as (
  select case_id, closed_by = 'decided' and decision_outcome in ('lost', 'partly-lost') as lost from closed
  union all
  select j.case_id, j.outcome in ('lost', 'partly-lost')
  from case_judgments j join scope_cases c on c.id = j.case_id
  where c.profile in (${RECONSIDERATION_LOSS_PROFILES.map((p) => `'${p}'`).join(', ') || 'null'}) and j.level = 'reconsideration' and coalesce(j.effective_on, j.served_on) between :from and :to
),
loss_cases as (select case_id, bool_or(lost) as lost from loss_units group by case_id),
plans as (
  select distinct on (coalesce(e.process_instance_key, e.case_id::text)) coalesce(e.process_instance_key, e.case_id::text) as performance, e.case_id, ${payloadDate('dueOn')} as due_on
  from scope_events e
  where e.type = 'performance-planned' and nullif(e.payload->>'dueOn', '') is not null
  order by coalesce(e.process_instance_key, e.case_id::text), e.id desc
),
completions as (
  select coalesce(e.process_instance_key, e.case_id::text) as performance, min(${payloadDate('completedOn')}) as completed_on
  from scope_events e
  where e.type = 'performance-completed' and nullif(e.payload->>'completedOn', '') is not null
  group by 1
),
due_performances as (
  select p.case_id, coalesce(c.completed_on <= p.due_on, false) as on_time
  from plans p left join completions c on c.performance = p.performance
  where p.due_on between :from and :to
),
recommendations as (
  select e.case_id, 'r' || e.id as key, ${payloadDate('receivedOn')} as received_on,
    case when e.type = 'court-event:procuratorial-recommendation' then 'procuratorial' else coalesce(nullif(e.payload->>'kind', ''), 'judicial') end as kind
  from scope_events e
  where e.type in ('court-event:judicial-recommendation', 'court-event:procuratorial-recommendation') and nullif(e.payload->>'receivedOn', '') is not null
),
replies as (
  select e.case_id, nullif(e.payload->>'recommendationKey', '') as key, ${payloadDate('receivedOn')} as received_on,
    coalesce(nullif(e.payload->>'kind', ''), 'judicial') as kind,
    coalesce(${payloadDate('repliedOn')} <= ${payloadDate('replyDue')}, false) as on_time
  from scope_events e
  where e.type = 'judicial-recommendation-replied'
),
received_recommendations as (
  select r.case_id,
    case when exists (select 1 from replies p where p.key = r.key)
         then exists (select 1 from replies p where p.key = r.key and p.on_time)
         else exists (select 1 from replies p where p.key is null and p.case_id = r.case_id and p.received_on = r.received_on and p.kind = r.kind and p.on_time) end as on_time
  from recommendations r
  where r.received_on between :from and :to
),
answer_due as (
  select d.case_id, ${answerLevelCase} as level, max(d.due_on) as due_on
  from case_deadlines d join scope_cases c on c.id = d.case_id
  where d.superseded_at is null and d.rule_id in (${answerRules.map((r) => `'${r}'`).join(', ')})
  group by 1, 2
),
answers as (
  select ad.case_id, coalesce(a.submitted_on > ad.due_on, ad.due_on < cast(:asOf as date)) as late
  from answer_due ad
  join closure cl on cl.case_id = ad.case_id
  left join case_answers a on a.case_id = ad.case_id and a.level = ad.level
  where ad.due_on between :from and :to
    and not (a.submitted_on is null and cl.closed_by in ('withdrawn', 'settled') and coalesce(cl.closed_on <= ad.due_on, false))
)`;

/** One row per figure: id, numerator, denominator (null for counts), the case ids behind the numerator. */
const FIGURE_ROWS: Record<string, string> = {
  'cases-new': `select count(*), null::int, array_agg(id) from received`,
  'cases-closed': `select count(*), null::int, array_agg(case_id) from closed`,
  'cases-pending': `select count(*), null::int, array_agg(c.id) from scope_cases c join closure cl on cl.case_id = c.id
                    where c.complaint_received_on <= :to and not coalesce(cl.closed_on <= :to, false)`,
  'head-appearance-rate-instance': `select count(*) filter (where head), count(*), array_agg(case_id) filter (where head) from heard_instances`,
  'head-appearance-rate-case': `select count(*) filter (where head), count(*), array_agg(case_id) filter (where head) from heard_cases`,
  'head-appearance-rate-hearing': `select count(*) filter (where head), count(*), array_agg(case_id) filter (where head) from sessions`,
  'principal-head-appearances': `select count(*) filter (where principal), null::int, array_agg(case_id) filter (where principal) from sessions`,
  'principal-head-appearance-rate': `select count(*) filter (where principal), count(*), array_agg(case_id) filter (where principal) from heard_cases`,
  'loss-rate': `select count(*) filter (where lost), count(*), array_agg(case_id) filter (where lost) from loss_cases`,
  'withdrawal-rate': `select count(*) filter (where closed_by = 'withdrawn'), count(*), array_agg(case_id) filter (where closed_by = 'withdrawn') from closed`,
  'settlement-rate': `select count(*) filter (where s), count(*), array_agg(case_id) filter (where s) from (
                        select case_id, closed_by = 'settled' or (closed_by = 'withdrawn' and settlement_status = 'withdrawn')
                                        or (closed_by = 'decided' and decision_kind = 'mediation') as s from closed) x`,
  'enterprise-cases': `select count(*), null::int, array_agg(r.id) from received r join enterprise e on e.case_id = r.id`,
  'enterprise-loss-rate': `select count(*) filter (where lost), count(*), array_agg(l.case_id) filter (where lost) from loss_cases l join enterprise e on e.case_id = l.case_id`,
  'performance-on-time': `select count(*) filter (where on_time), count(*), array_agg(case_id) filter (where on_time) from due_performances`,
  'recommendations-replied-on-time': `select count(*) filter (where on_time), count(*), array_agg(case_id) filter (where on_time) from received_recommendations`,
  'answers-late': `select count(*) filter (where late), count(*), array_agg(case_id) filter (where late) from answers`,
};

const BREAKDOWN_KEYS: Record<string, string> = { 'cases-by-cause': 'cause', 'cases-by-court': 'court' };

function figuresQuery(): string {
  const rows = Object.entries(FIGURE_ROWS).map(([id, sql]) => `select '${id}'::text as id, n::int as numerator, d::int as denominator, ids::text[] as case_ids from (${sql}) as f(n, d, ids)`);
  const breakdowns = Object.entries(BREAKDOWN_KEYS).map(
    ([id, column]) => `select '${id}'::text as id, count(*)::int as numerator, null::int as denominator, array_agg(id)::text[] as case_ids, ${column} as key from received group by ${column}`,
  );
  return `${FACTS}
select id, numerator, denominator, case_ids, null::text as key from (${rows.join('\nunion all\n')}) figures
union all
${breakdowns.join('\nunion all\n')}`;
}

const QUERY = figuresQuery();

/** Every figure of the catalogue for the cases of `q.agencyIds` in the period, computed by PostgreSQL. */
export async function computeFiguresSql(db: Db | Knex.Transaction, q: FigureQuery): Promise<FigureValues> {
  const result = await db.raw(QUERY, { agencyIds: [...q.agencyIds], from: q.from, to: q.to, asOf: q.asOf });
  const out: FigureValues = {};
  const breakdowns = new Map<string, BreakdownRow[]>();
  for (const r of result.rows as { id: string; numerator: number; denominator: number | null; case_ids: string[] | null; key: string | null }[]) {
    if (r.id in BREAKDOWN_KEYS) breakdowns.set(r.id, [...(breakdowns.get(r.id) ?? []), { key: r.key ?? '', count: r.numerator, caseIds: r.case_ids ?? [] }]);
    else out[r.id] = figureValue(definitionOf(r.id), r.numerator, r.denominator, r.case_ids ?? []);
  }
  for (const id of Object.keys(BREAKDOWN_KEYS)) {
    const rows = breakdowns.get(id) ?? [];
    out[id] = figureValue(definitionOf(id), rows.reduce((n, r) => n + r.count, 0), null, rows.flatMap((r) => r.caseIds), rows);
  }
  const missing = FIGURES.filter((f) => !(f.id in out)).map((f) => f.id);
  if (missing.length) throw new Error(`figures without SQL: ${missing.join(', ')}`);
  return out;
}
