// The statistics summaries (汇总表): per-case fact tables derived from the ledger, and per agency and
// quarter / year bucket totals derived from the facts, so a province's figures at 1,000,000 cases are
// a sum over a few thousand rows instead of a pass over 20,000,000 events. Both are kept correct by
// PostgreSQL statement triggers on the ledger tables, which refresh the changed cases in the same
// transaction (docs/decisions/0007-statistics-summaries.md). The SQL text is built here once and used
// by the migration (the refresh function), by the bulk loader (the full rebuild) and by
// figure-queries.ts (the queries).
//
// The facts follow the definitions of figures-sql.ts (which reads the ledger directly) and reference.ts;
// test/db/statistics proves all three agree.
import { ANSWER_RULE_LEVELS, RECONSIDERATION_LOSS_PROFILES, STATISTICS_EVENT_TYPES } from './ledger-facts.ts';

/** A scope predicate over a case id column: `= any(p_ids)` in the refresh function, `true` in the rebuild. */
export type Scope = (column: string) => string;
export const refreshScope: Scope = (column) => `${column} = any(p_ids)`;
export const everyCase: Scope = () => 'true';

const list = (items: readonly string[]) => items.map((i) => `'${i}'`).join(', ') || 'null';
const LOST = `('lost', 'partly-lost')`;
const payloadDate = (field: string) => `left(nullif(e.payload->>'${field}', ''), 10)::date`;

export const FACT_TABLES = ['stat_case', 'stat_hearing', 'stat_reconsideration', 'stat_performance', 'stat_recommendation', 'stat_answer'] as const;

/** The summary tables (created by migration 20261203_500). */
export const SUMMARY_DDL = `
create table stat_case (
  case_id uuid primary key,
  agency_id uuid not null,
  received_on date not null,
  closed_on date,
  closed_by text,
  lost boolean not null,          -- closed by a court decision the agency lost or partly lost
  settled boolean not null,       -- 和解调解结案: settled, withdrawn after a settlement, or a mediation document
  enterprise boolean not null,    -- 涉企
  cause text not null,
  court text not null
);
create index stat_case_agency_received on stat_case (agency_id, received_on);
create index stat_case_agency_closed on stat_case (agency_id, closed_on);
create table stat_hearing (
  case_id uuid not null,
  agency_id uuid not null,
  instance text not null,         -- <trial>|<level>: the trial instance of the hearing
  hearing_key text not null,
  held_on date not null,
  head boolean not null,
  principal boolean not null
);
create index stat_hearing_case on stat_hearing (case_id);
create index stat_hearing_agency_held on stat_hearing (agency_id, held_on);
create table stat_reconsideration (
  case_id uuid not null,
  agency_id uuid not null,
  on_day date not null,           -- effective, else served
  lost boolean not null
);
create index stat_reconsideration_case on stat_reconsideration (case_id);
create index stat_reconsideration_agency_day on stat_reconsideration (agency_id, on_day);
create table stat_performance (
  case_id uuid not null,
  agency_id uuid not null,
  performance text not null,
  due_on date not null,
  on_time boolean not null
);
create index stat_performance_case on stat_performance (case_id);
create index stat_performance_agency_due on stat_performance (agency_id, due_on);
create table stat_recommendation (
  case_id uuid not null,
  agency_id uuid not null,
  recommendation text not null,
  received_on date not null,
  on_time boolean not null
);
create index stat_recommendation_case on stat_recommendation (case_id);
create index stat_recommendation_agency_received on stat_recommendation (agency_id, received_on);
create table stat_answer (
  case_id uuid not null,
  agency_id uuid not null,
  level text not null,
  due_on date not null,
  submitted boolean not null,
  late_submitted boolean not null
);
create index stat_answer_case on stat_answer (case_id);
create index stat_answer_agency_due on stat_answer (agency_id, due_on);
create index stat_answer_unsubmitted on stat_answer (agency_id, due_on) where not submitted;
create table stat_buckets (
  agency_id uuid not null,
  kind text not null,             -- quarter | year
  bucket date not null,           -- first day of the quarter or year
  measure text not null,
  key text not null default '',   -- breakdowns: the cause or court
  num bigint not null,
  den bigint not null,
  ncase bigint not null,          -- distinct cases behind num (a case belongs to one agency, so this adds up)
  primary key (agency_id, kind, bucket, measure, key)
);
create index stat_buckets_measure on stat_buckets (measure, kind, bucket, agency_id) include (num);
`;

/** Deletes the facts of the scope's cases. */
export const deleteFactsSql = (s: Scope) => FACT_TABLES.map((t) => `delete from ${t} where ${s('case_id')}`);

/** Inserts the facts of the scope's cases from the ledger (stat_case first: the answers read its closure). */
export function insertFactsSql(s: Scope): string[] {
  const caseFacts = `
insert into stat_case (case_id, agency_id, received_on, closed_on, closed_by, lost, settled, enterprise, cause, court)
with status_days as (
  select e.case_id, e.payload->'to'->>'status' as status, min((e.occurred_at at time zone 'Asia/Shanghai')::date) as on_day
  from case_events e
  where ${s('e.case_id')} and e.type = 'stage-changed' and e.payload->'to'->>'status' in ('withdrawn', 'settled')
  group by 1, 2
),
decisions as (
  select distinct on (j.case_id) j.case_id, j.kind, j.outcome, j.effective_on
  from case_judgments j
  where ${s('j.case_id')} and j.level in ('first', 'second', 'retrial') and j.effective_on is not null
  order by j.case_id, j.effective_on desc, case j.level when 'retrial' then 3 when 'second' then 2 else 1 end desc
),
closure as (
  select c.id, c.agency_id, c.complaint_received_on, c.cause, c.court, c.flags, c.settlement_status, d.kind, d.outcome,
    case when c.status = 'withdrawn' then coalesce(c.withdrawn_on, sw.on_day)
         when c.status = 'settled' then ss.on_day
         else d.effective_on end as closed_on,
    case when c.status = 'withdrawn' then 'withdrawn'
         when c.status = 'settled' then 'settled'
         when d.case_id is not null then 'decided' end as closed_by
  from cases c
  left join decisions d on d.case_id = c.id
  left join status_days sw on sw.case_id = c.id and sw.status = 'withdrawn'
  left join status_days ss on ss.case_id = c.id and ss.status = 'settled'
  where ${s('c.id')}
),
enterprise_parties as (
  select distinct p.case_id from case_parties p
  where ${s('p.case_id')} and p.role in ('plaintiff', 'third-party') and p.type = 'enterprise'
)
select c.id, c.agency_id, c.complaint_received_on, c.closed_on, c.closed_by,
  coalesce(c.closed_by = 'decided' and c.outcome in ${LOST}, false),
  coalesce(c.closed_by = 'settled' or (c.closed_by = 'withdrawn' and c.settlement_status = 'withdrawn') or (c.closed_by = 'decided' and c.kind = 'mediation'), false),
  (c.flags->>'enterpriseRelated') = 'true' is true or ep.case_id is not null,
  c.cause, c.court
from closure c left join enterprise_parties ep on ep.case_id = c.id`;

  const hearings = `
insert into stat_hearing (case_id, agency_id, instance, hearing_key, held_on, head, principal)
select distinct on (h.case_id, h.trial, h.hearing_key)
  h.case_id, c.agency_id, h.trial || '|' || split_part(h.hearing_key, '_', 1), h.hearing_key,
  left(coalesce(nullif(h.payload->>'heldOn', ''), nullif(h.payload->>'hearingAt', '')), 10)::date,
  (h.payload->>'headAppeared') = 'true' is true, (h.payload->>'principalHeadAppeared') = 'true' is true
from (
  select e.id, e.case_id, e.type, e.payload, coalesce(nullif(e.payload->>'hearingKey', ''), 'first') as hearing_key,
    count(*) filter (where e.type = 'stage-changed' and (
      (jsonb_typeof(e.payload->'to'->'stage') = 'string' and e.payload->'to'->>'stage' in ('second-instance', 'retrial')
        and e.payload->'to'->>'stage' is distinct from e.payload->'from'->>'stage')
      or (jsonb_typeof(e.payload->'to'->'level') = 'string' and e.payload->'to'->>'level' is distinct from e.payload->'from'->>'level')))
      over (partition by e.case_id order by e.id) as trial
  from case_events e
  where ${s('e.case_id')} and e.type in ('hearing-held', 'stage-changed')
) h join cases c on c.id = h.case_id
where h.type = 'hearing-held' and coalesce(nullif(h.payload->>'heldOn', ''), nullif(h.payload->>'hearingAt', '')) is not null
order by h.case_id, h.trial, h.hearing_key, h.id desc`;

  const reconsiderations = `
insert into stat_reconsideration (case_id, agency_id, on_day, lost)
select j.case_id, c.agency_id, coalesce(j.effective_on, j.served_on), j.outcome in ${LOST}
from case_judgments j join cases c on c.id = j.case_id join agencies a on a.id = c.agency_id
where ${s('j.case_id')} and j.level = 'reconsideration' and a.profile in (${list(RECONSIDERATION_LOSS_PROFILES)})
  and coalesce(j.effective_on, j.served_on) is not null`;

  // a performance is one process instance (else the case); matched within the case
  const performances = `
insert into stat_performance (case_id, agency_id, performance, due_on, on_time)
with plans as (
  select distinct on (e.case_id, coalesce(e.process_instance_key, e.case_id::text)) e.case_id, coalesce(e.process_instance_key, e.case_id::text) as performance, ${payloadDate('dueOn')} as due_on
  from case_events e
  where ${s('e.case_id')} and e.type = 'performance-planned' and nullif(e.payload->>'dueOn', '') is not null
  order by e.case_id, coalesce(e.process_instance_key, e.case_id::text), e.id desc
),
completions as (
  select e.case_id, coalesce(e.process_instance_key, e.case_id::text) as performance, min(${payloadDate('completedOn')}) as completed_on
  from case_events e
  where ${s('e.case_id')} and e.type = 'performance-completed' and nullif(e.payload->>'completedOn', '') is not null
  group by 1, 2
)
select p.case_id, c.agency_id, p.performance, p.due_on, coalesce(d.completed_on <= p.due_on, false)
from plans p join cases c on c.id = p.case_id left join completions d on d.case_id = p.case_id and d.performance = p.performance`;

  // each court event is one recommendation (key r<event id>); its reply names the key, or the receipt date and kind
  const recommendations = `
insert into stat_recommendation (case_id, agency_id, recommendation, received_on, on_time)
with recs as (
  select e.case_id, 'r' || e.id as key, ${payloadDate('receivedOn')} as received_on,
    case when e.type = 'court-event:procuratorial-recommendation' then 'procuratorial' else coalesce(nullif(e.payload->>'kind', ''), 'judicial') end as kind
  from case_events e
  where ${s('e.case_id')} and e.type in ('court-event:judicial-recommendation', 'court-event:procuratorial-recommendation') and nullif(e.payload->>'receivedOn', '') is not null
),
replies as (
  select e.case_id, nullif(e.payload->>'recommendationKey', '') as key, ${payloadDate('receivedOn')} as received_on,
    coalesce(nullif(e.payload->>'kind', ''), 'judicial') as kind,
    coalesce(${payloadDate('repliedOn')} <= ${payloadDate('replyDue')}, false) as on_time
  from case_events e
  where ${s('e.case_id')} and e.type = 'judicial-recommendation-replied'
)
select r.case_id, c.agency_id, r.key, r.received_on,
  case when exists (select 1 from replies p where p.case_id = r.case_id and p.key = r.key)
       then exists (select 1 from replies p where p.case_id = r.case_id and p.key = r.key and p.on_time)
       else exists (select 1 from replies p where p.key is null and p.case_id = r.case_id and p.received_on = r.received_on and p.kind = r.kind and p.on_time) end
from recs r join cases c on c.id = r.case_id`;

  return [caseFacts, hearings, reconsiderations, performances, recommendations, answerFactsSql(s)];
}

/** The answer facts (stat_answer): the only facts that read case_deadlines (and stat_case, so after it). */
function answerFactsSql(s: Scope): string {
  const levelCase = `case d.rule_id ${Object.entries(ANSWER_RULE_LEVELS)
    .map(([rule, level]) => `when '${rule}' then '${level}'`)
    .join(' ')} end`;
  return `
insert into stat_answer (case_id, agency_id, level, due_on, submitted, late_submitted)
with answer_due as (
  select d.case_id, ${levelCase} as level, max(d.due_on) as due_on
  from case_deadlines d
  where ${s('d.case_id')} and d.superseded_at is null and d.rule_id in (${list(Object.keys(ANSWER_RULE_LEVELS))})
  group by 1, 2
)
select ad.case_id, sc.agency_id, ad.level, ad.due_on, a.submitted_on is not null, coalesce(a.submitted_on > ad.due_on, false)
from answer_due ad
join stat_case sc on sc.case_id = ad.case_id
left join case_answers a on a.case_id = ad.case_id and a.level = ad.level
where not (a.submitted_on is null and sc.closed_by in ('withdrawn', 'settled') and coalesce(sc.closed_on <= ad.due_on, false))`;
}

const KINDS = `(values ('quarter'::text), ('year'::text)) k(kind)`;
const bucketOf = (d: string) => `date_trunc(k.kind, (${d})::timestamp)::date`;
const bucketEnd = (d: string) => `((date_trunc(k.kind, (${d})::timestamp) + case k.kind when 'quarter' then interval '3 months' else interval '1 year' end)::date - 1)`;

/** The contributions of the answer facts: the measures a change of the answer deadlines alone can move. */
function answerContributions(s: Scope): string[] {
  return [
    // answers: late when submitted late, or not submitted and due before "today"; for a bucket wholly before today both count
    `select a.case_id, a.agency_id, k.kind, ${bucketOf('a.due_on')}, 'answers', '', count(*) filter (where a.late_submitted), count(*), bool_or(a.late_submitted)::int
       from stat_answer a cross join ${KINDS} where ${s('a.case_id')} group by 1, 2, 3, 4`,
    `select a.case_id, a.agency_id, k.kind, ${bucketOf('a.due_on')}, 'answers-unsubmitted', '', count(*) filter (where not a.submitted), 0, bool_or(a.late_submitted or not a.submitted)::int
       from stat_answer a cross join ${KINDS} where ${s('a.case_id')} group by 1, 2, 3, 4`,
  ];
}

/**
 * Every contribution of the scope's cases to the quarter and year buckets, from the facts: one row
 * per case, kind, bucket, measure and key with its numerator, denominator and whether the case is
 * behind the numerator. figure-queries.ts turns sums of these into the figures.
 */
export function contributionsSql(s: Scope): string {
  const cases = `stat_case c cross join ${KINDS}`;
  const b = (d: string) => bucketOf(d);
  const parts = [
    `select c.case_id, c.agency_id, k.kind, ${b('c.received_on')} as bucket, 'new' as measure, '' as key, 1 as num, 0 as den, 1 as ncase from ${cases} where ${s('c.case_id')}`,
    `select c.case_id, c.agency_id, k.kind, ${b('c.received_on')}, 'enterprise-new', '', 1, 0, 1 from ${cases} where ${s('c.case_id')} and c.enterprise`,
    `select c.case_id, c.agency_id, k.kind, ${b('c.received_on')}, 'cause', c.cause, 1, 0, 1 from ${cases} where ${s('c.case_id')}`,
    `select c.case_id, c.agency_id, k.kind, ${b('c.received_on')}, 'court', c.court, 1, 0, 1 from ${cases} where ${s('c.case_id')}`,
    `select c.case_id, c.agency_id, k.kind, ${b('c.closed_on')}, 'closed', '', 1, 0, 1 from ${cases} where ${s('c.case_id')} and c.closed_on is not null`,
    `select c.case_id, c.agency_id, k.kind, ${b('c.closed_on')}, 'withdrawn', '', 1, 0, 1 from ${cases} where ${s('c.case_id')} and c.closed_on is not null and c.closed_by = 'withdrawn'`,
    `select c.case_id, c.agency_id, k.kind, ${b('c.closed_on')}, 'settled', '', 1, 0, 1 from ${cases} where ${s('c.case_id')} and c.closed_on is not null and c.settled`,
    // pending at the end of a period = the sum of these changes up to it: +1 in the bucket the case is
    // received, −1 in the bucket it is closed (and received)
    `select c.case_id, c.agency_id, k.kind, ${b('c.received_on')}, 'pending-change', '', 1, 0, 0 from ${cases} where ${s('c.case_id')}`,
    `select c.case_id, c.agency_id, k.kind, ${b('greatest(c.received_on, c.closed_on)')}, 'pending-change', '', -1, 0, 0 from ${cases} where ${s('c.case_id')} and c.closed_on is not null`,
    `select h.case_id, h.agency_id, k.kind, ${b('h.held_on')}, 'sessions', '', count(*) filter (where h.head), count(*), bool_or(h.head)::int
       from stat_hearing h cross join ${KINDS} where ${s('h.case_id')} group by 1, 2, 3, 4`,
    `select h.case_id, h.agency_id, k.kind, ${b('h.held_on')}, 'principal-sessions', '', count(*) filter (where h.principal), count(*), bool_or(h.principal)::int
       from stat_hearing h cross join ${KINDS} where ${s('h.case_id')} group by 1, 2, 3, 4`,
    ...[
      ['instances', `count(*) filter (where i.head)`, `count(*)`, `bool_or(i.head)::int`],
      ['heard-cases', `bool_or(i.head)::int`, `1`, `bool_or(i.head)::int`],
      ['heard-cases-principal', `bool_or(i.principal)::int`, `1`, `bool_or(i.principal)::int`],
    ].map(
      ([measure, num, den, ncase]) => `select i.case_id, i.agency_id, i.kind, i.bucket, '${measure}', '', ${num}, ${den}, ${ncase} from (
         select x.case_id, x.agency_id, x.instance, x.kind, x.bucket,
           coalesce(min(f.head_first) <= x.bucket_end, false) as head, coalesce(min(f.principal_first) <= x.bucket_end, false) as principal
         from (select h.case_id, h.agency_id, h.instance, k.kind, ${b('h.held_on')} as bucket, ${bucketEnd('h.held_on')} as bucket_end
               from stat_hearing h cross join ${KINDS} where ${s('h.case_id')}) x
         join (select case_id, instance, min(held_on) filter (where head) as head_first, min(held_on) filter (where principal) as principal_first
               from stat_hearing where ${s('case_id')} group by 1, 2) f on f.case_id = x.case_id and f.instance = x.instance
         group by x.case_id, x.agency_id, x.instance, x.kind, x.bucket, x.bucket_end
       ) i group by 1, 2, 3, 4`,
    ),
    ...[
      ['loss', 'true'],
      ['enterprise-loss', 'u.enterprise'],
    ].map(
      ([measure, where]) => `select u.case_id, u.agency_id, k.kind, ${b('u.on_day')}, '${measure}', '', bool_or(u.lost)::int, 1, bool_or(u.lost)::int from (
         select c.case_id, c.agency_id, c.closed_on as on_day, c.lost, c.enterprise from stat_case c where ${s('c.case_id')} and c.closed_on is not null
         union all
         select r.case_id, r.agency_id, r.on_day, r.lost, c.enterprise from stat_reconsideration r join stat_case c on c.case_id = r.case_id where ${s('r.case_id')}
       ) u cross join ${KINDS} where ${where} group by 1, 2, 3, 4`,
    ),
    `select p.case_id, p.agency_id, k.kind, ${b('p.due_on')}, 'performances', '', count(*) filter (where p.on_time), count(*), bool_or(p.on_time)::int
       from stat_performance p cross join ${KINDS} where ${s('p.case_id')} group by 1, 2, 3, 4`,
    `select r.case_id, r.agency_id, k.kind, ${b('r.received_on')}, 'recommendations', '', count(*) filter (where r.on_time), count(*), bool_or(r.on_time)::int
       from stat_recommendation r cross join ${KINDS} where ${s('r.case_id')} group by 1, 2, 3, 4`,
    ...answerContributions(s),
  ];
  return parts.join('\nunion all\n');
}

/** Adds (sign 1) or removes (sign -1) the scope's contributions (by default all of them) to the bucket totals. */
export function applyContributionsSql(s: Scope, sign: 1 | -1, contributions = contributionsSql(s)): string {
  const m = sign === 1 ? '' : '-';
  return `insert into stat_buckets (agency_id, kind, bucket, measure, key, num, den, ncase)
select agency_id, kind, bucket, measure, key, ${m}sum(num), ${m}sum(den), ${m}sum(ncase)
from (${contributions}) x(case_id, agency_id, kind, bucket, measure, key, num, den, ncase)
group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
on conflict (agency_id, kind, bucket, measure, key) do update
  set num = stat_buckets.num + excluded.num, den = stat_buckets.den + excluded.den, ncase = stat_buckets.ncase + excluded.ncase`;
}

/** The full rebuild: every fact and bucket from the ledger (after a bulk load with the triggers deferred). */
export function rebuildSql(): string[] {
  return [`truncate ${FACT_TABLES.join(', ')}, stat_buckets`, ...insertFactsSql(everyCase), `analyze ${FACT_TABLES.join(', ')}`, applyContributionsSql(everyCase, 1), 'analyze stat_buckets'];
}

/** A refresh function's body: lock the cases (per-case advisory locks, in order), then the statements. */
function refreshBody(statements: string[]): string {
  return `declare
  v_id uuid;
begin
  if p_ids is null or cardinality(p_ids) = 0 then return; end if;
  select array_agg(distinct u order by u) into p_ids from unnest(p_ids) u where u is not null;
  if p_ids is null then return; end if;
  foreach v_id in array p_ids loop
    perform pg_advisory_xact_lock(20261203, hashtext(v_id::text));
  end loop;
${statements.map((sql) => `  ${sql};`).join('\n')}
end`;
}

/**
 * stat_refresh_answers(ids): the refresh of the answer facts of some cases alone, and of the bucket
 * measures they feed — all that a write of case_deadlines changes, since no other fact reads that
 * table. A deadline recomputation of thousands of cases calls it instead of stat_refresh_cases, which
 * recomputes every fact of the cases from their events. The same per-case locks as stat_refresh_cases.
 */
export function refreshAnswersFunctionSql(): string {
  const contributions = answerContributions(refreshScope).join('\nunion all\n');
  const statements = [
    applyContributionsSql(refreshScope, -1, contributions),
    `delete from stat_answer where ${refreshScope('case_id')}`,
    answerFactsSql(refreshScope),
    applyContributionsSql(refreshScope, 1, contributions),
  ];
  return `
create or replace function stat_refresh_answers(p_ids uuid[]) returns void language plpgsql volatile as $fn$
${refreshBody(statements)}
$fn$;
`;
}

/**
 * stat_refresh_cases(ids): the refresh of some cases — lock them (per-case advisory locks, in order),
 * remove their contributions, recompute their facts, add the new contributions — and the trigger
 * function that calls it with the cases a statement changed. A transaction that sets
 * yingsu.statistics_deferred to on (set local) skips the triggers and must rebuild itself.
 */
export function refreshFunctionSql(): string {
  const statements = [applyContributionsSql(refreshScope, -1), ...deleteFactsSql(refreshScope), ...insertFactsSql(refreshScope), applyContributionsSql(refreshScope, 1)];
  return `
create or replace function stat_refresh_cases(p_ids uuid[]) returns void language plpgsql volatile as $fn$
${refreshBody(statements)}
$fn$;

create or replace function stat_on_ledger_change() returns trigger language plpgsql as $fn$
declare
  v_ids uuid[];
begin
  if current_setting('yingsu.statistics_deferred', true) = 'on' then return null; end if;
  if TG_TABLE_NAME = 'cases' then
    if TG_OP = 'INSERT' then select array_agg(id) into v_ids from new_rows;
    elsif TG_OP = 'DELETE' then select array_agg(id) into v_ids from old_rows;
    else select array_agg(id) into v_ids from (select id from new_rows union select id from old_rows) x; end if;
  elsif TG_TABLE_NAME = 'agencies' then
    select array_agg(c.id) into v_ids from cases c
      join new_rows n on n.id = c.agency_id join old_rows o on o.id = n.id where n.profile is distinct from o.profile;
  elsif TG_TABLE_NAME = 'case_events' then
    select array_agg(distinct case_id) into v_ids from new_rows where case_id is not null and type in (${list(STATISTICS_EVENT_TYPES)});
  elsif TG_TABLE_NAME = 'case_deadlines' then
    -- only the answer deadlines count (answers filed late); a calendar change rewrites every other one
    if TG_OP = 'INSERT' then select array_agg(distinct case_id) into v_ids from new_rows where rule_id in (${list(Object.keys(ANSWER_RULE_LEVELS))});
    elsif TG_OP = 'DELETE' then select array_agg(distinct case_id) into v_ids from old_rows where rule_id in (${list(Object.keys(ANSWER_RULE_LEVELS))});
    else select array_agg(distinct case_id) into v_ids from (select case_id, rule_id from new_rows union select case_id, rule_id from old_rows) x
      where rule_id in (${list(Object.keys(ANSWER_RULE_LEVELS))}); end if;
  elsif TG_OP = 'INSERT' then select array_agg(distinct case_id) into v_ids from new_rows;
  elsif TG_OP = 'DELETE' then select array_agg(distinct case_id) into v_ids from old_rows;
  else select array_agg(case_id) into v_ids from (select case_id from new_rows union select case_id from old_rows) x; end if;
  if v_ids is not null then perform stat_refresh_cases(v_ids); end if;
  return null;
end
$fn$;
`;
}

/** The statement triggers: one per table and operation (transition tables allow one event per trigger). */
export function triggersSql(): string[] {
  const out: string[] = [];
  const tables: [string, string[]][] = [
    ['cases', ['INSERT', 'UPDATE', 'DELETE']],
    ['case_events', ['INSERT']],
    ['case_judgments', ['INSERT', 'UPDATE', 'DELETE']],
    ['case_deadlines', ['INSERT', 'UPDATE', 'DELETE']],
    ['case_answers', ['INSERT', 'UPDATE', 'DELETE']],
    ['case_parties', ['INSERT', 'UPDATE', 'DELETE']],
    ['agencies', ['UPDATE']],
  ];
  for (const [table, ops] of tables) {
    for (const op of ops) {
      const referencing = op === 'INSERT' ? 'NEW TABLE AS new_rows' : op === 'DELETE' ? 'OLD TABLE AS old_rows' : 'NEW TABLE AS new_rows OLD TABLE AS old_rows';
      out.push(`create trigger stat_${table}_${op.toLowerCase()} after ${op} on ${table} referencing ${referencing} for each statement execute function stat_on_ledger_change()`);
    }
  }
  return out;
}

export const TRIGGER_NAMES = (): { table: string; name: string }[] =>
  triggersSql().map((sql) => {
    const m = /create trigger (\S+) after \S+ on (\S+)/.exec(sql)!;
    return { name: m[1]!, table: m[2]! };
  });
