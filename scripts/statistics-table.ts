// Writes docs/statistics.md from the figure catalogue (src/statistics/figure-catalogue.ts) and the
// ledger generator's distributions:   npm run docs:statistics
// test/unit/statistics/statistics-doc.test.ts compares the committed document with this rendering.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainModule } from '../src/cli.ts';
import { FIGURES, type FigureDefinition } from '../src/statistics/figure-catalogue.ts';
import { DISTRIBUTIONS, FILLER_EVENT_TYPES } from '../src/statistics/ledger-generator.ts';
import { citationShort } from './obligations-table.ts';

export const OUTPUT = 'docs/statistics.md';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const KIND: Record<string, string> = { count: 'count', rate: 'rate', breakdown: 'breakdown' };
const pct = (p: number) => `${Math.round(p * 1000) / 10} %`;
const weights = (list: readonly [string, number][]) => {
  const total = list.reduce((n, [, w]) => n + w, 0);
  return list.map(([k, w]) => `${k} ${pct(w / total)}`).join(', ');
};

function figureSection(f: FigureDefinition): string[] {
  const lines = [
    `### ${f.name} — \`${f.id}\``,
    '',
    `| | |`,
    `|---|---|`,
    `| 口径 | ${cell(f.definition)} |`,
    `| kind, unit | ${KIND[f.kind]} of ${f.unit}s |`,
    `| ${f.kind === 'rate' ? 'numerator' : 'counts'} | ${cell(f.numerator)} |`,
  ];
  if (f.denominator) lines.push(`| denominator | ${cell(f.denominator)} |`);
  lines.push(
    `| period | ${cell(f.period)} |`,
    `| instance level | ${cell(f.cases.level)} |`,
    `| withdrawn cases | ${cell(f.cases.withdrawn)} |`,
    `| settled cases | ${cell(f.cases.settled)} |`,
    `| reconsideration | ${cell(f.cases.reconsideration)} |`,
  );
  for (const p of f.profiles) lines.push(`| profile ${p.profiles.map((x) => `\`${x}\``).join(', ')} | ${cell(p.rule)} |`);
  lines.push(`| ledger | ${cell(f.ledger)} |`, `| sources | ${cell(f.sources.map(citationShort).join('; '))} |`, '');
  return lines;
}

/** The API of the figures and of the 统计分析 dashboard (src/http/routes/statistics-routes.ts). */
const API_SECTION = [
  '## API',
  '',
  'Every route needs a login; every scope is checked against what the caller may see (`resolveScope` in',
  '`src/statistics/statistics-service.ts`: 403 `STATISTICS_SCOPE_FORBIDDEN` when an agency of the scope is not',
  'visible, 404 for an unknown agency). `scope` is `agency:<id>`, `region:<id>` or `all` (every agency; an admin',
  'only). Bad input is 400 naming the field (`scope`, `period`, `figure`, `key`, `from`, `to`, `last`, `unit`,',
  '`figures`, `limit`, `offset`). The numbers come from `src/statistics/figure-queries.ts` (`figureTotals`,',
  '`figureTotalsByAgency`, `figureSeries`, `figureCases`).',
  '',
  '| route | answers |',
  '|---|---|',
  '| `GET /api/statistics/figures` | the catalogue below, each source with its text |',
  '| `GET /api/statistics/scopes` | the scopes the user may pick (`options`: `{scope, kind, label}`) and the one the dashboard opens with (`default`: a justice bureau its government\'s region, an admin `all` — or the one root region —, a government its region, anyone else the own agency; the current year) |',
  '| `GET /api/statistics?scope=&period=` | `{scope, period, previousPeriod, asOf, figures}`: each figure\'s `value`, `numerator`, `denominator`, `breakdown` (`{key, count}` rows), `previousYear` and `change` (`difference`; `ratio` for counts) — no case ids |',
  '| `GET /api/statistics/trend?scope=&from=2025Q1&to=2026Q4` | each figure per period, oldest first (`periods`, `figures[].values[]`: `{period, value, numerator, denominator}`); `from` and `to` both years or both quarters, or `last=N` periods (`unit=quarter` default 8, `unit=year` default 5) up to `to` or the current period; at most 40 periods; `figures=a,b` narrows the figures |',
  '| `GET /api/statistics/ranking?scope=region:<id>&period=&figure=` | every agency of the scope with its value, numerator and denominator, sorted and ranked (`rank` 1, 2, 2, 4 for equal values); `order` `asc` for the figures where lower is better (败诉率, 涉企案件败诉率, 逾期答辩数, 未结案件数), `desc` for the rest; agencies without a value (no denominator) last, `rank` null |',
  '| `GET /api/statistics/cases?scope=&period=&figure=&key=&limit=20&offset=0` | the cases behind the numerator (for a breakdown figure, behind the row `key`, a cause or a court), sorted by case id, `limit` ≤ 200: `{total, items}` with `items` the ledger\'s rows (`ledgerItemsByIds` in `src/cases/case-list.ts`: 案号, agency, court, cause, stage, next deadline …). A figure counted per hearing, instance, performance or recommendation lists each case once |',
  '| `GET /api/statistics/export.xlsx?scope=&period=` | the figures table (value, numerator, denominator, the previous year, 同比增减 — for a rate in percentage points —, 同比增长率), rates as Excel percentages; 案由分布 and 受案法院分布 on sheets of their own |',
  '| `GET /api/statistics/trend.xlsx`, `…/ranking.xlsx`, `…/cases.xlsx` | the same tables as their JSON routes (same parameters; the drill-down list with every case, not one page, in the ledger export\'s columns, streamed) |',
  '',
  'The workbooks (`src/statistics/statistics-workbooks.ts`, exceljs as the ledger export) have a title line (scope',
  'and period) above the header line. Every text cell a spreadsheet could take for a formula (starting with `=`,',
  '`+`, `-`, `@`, a tab or a carriage return: a plaintiff\'s or an agency\'s name is user data) is written with a',
  'leading apostrophe. The 统计分析 page of the workspace uses these routes (docs/workspace.md).',
  '',
];

/** docs/statistics.md (pure). */
export function renderStatisticsDoc(figures: readonly FigureDefinition[] = FIGURES): string {
  const d = DISTRIBUTIONS;
  const lines: string[] = [
    '# Statistics: figures with written definitions (统计指标)',
    '',
    '<!-- Generated by `npm run docs:statistics` from src/statistics/figure-catalogue.ts. Do not edit by hand. -->',
    '',
    'Every figure the product reports, with what it counts, over which cases and periods, and the policy text',
    'that asks for it. The same catalogue is served by `GET /api/statistics/figures`; `GET /api/statistics`',
    'computes the figures from the ledger (台账) for an agency or a region and a year or a quarter; the trend,',
    'the ranking of agencies, the cases behind a number and the .xlsx exports are described under *API*.',
    '',
    '## Computing the figures',
    '',
    '- **Scope.** `agency:<id>` is the cases whose defendant agency (`cases.agency_id`) is that agency;',
    '  `region:<id>` is a government and every agency under it; `region:<justice bureau id>` is the region the',
    '  bureau supervises, its government\'s. A principal sees a scope only when every agency of it is in its',
    '  `visibleAgencyIds` (403 otherwise; 404 for an unknown agency).',
    '- **Periods.** `2026` or `2026Q3`: Asia/Shanghai calendar dates, first and last day included. Ledger dates',
    '  are calendar dates already; the one instant used (the stage change that closes a settled case, or a',
    '  withdrawn one without `withdrawn_on`) is converted to its Shanghai date. The response carries the same',
    '  period a year earlier (`previousYear`) and the change: `difference` (for a rate in shares: 0.05 = 5',
    '  percentage points) and, for counts, `ratio` (growth, 同比).',
    '- **Per profile.** Where the profiles define a figure differently, the rule of each case\'s agency profile',
    '  (`agencies.profile`) applies to that case, so a region mixing profiles is counted case by case. Where',
    '  the policies want different figures (head appearance by instance, by case, by hearing), all are computed',
    '  and the catalogue says which one each profile reports.',
    '- **Drill-down.** The cases behind the numerator of any figure (for a breakdown, behind one row) are',
    '  listed one page at a time (`GET /api/statistics/cases`, `figureCases` in `src/statistics/figure-queries.ts`);',
    '  the totals carry no case-id arrays (a province has hundreds of thousands).',
    '- **Two computations.** `src/statistics/figures-sql.ts` computes every figure in one PostgreSQL query',
    '  (`computeFiguresSql`); `src/statistics/reference.ts` computes the same definitions in plain TypeScript',
    '  from the ledger facts (`computeFiguresReference`). The unit tests check each definition on a hand-built',
    '  ledger with the expected numbers worked out (`test/unit/statistics/figure-definitions.test.ts`); the db',
    '  tests check that both give the same numbers and cases on that ledger and on a generated ledger of',
    '  10,000 cases (`test/db/statistics/figures-sql.test.ts`). `test/unit/statistics/ledger-fields.test.ts`',
    '  checks that the diagrams still write the event fields the figures read (`STATISTICS_EVENT_FIELDS`).',
    '- **What the dashboards read.** `src/statistics/figure-queries.ts` (totals, ranking, trend, drill-down)',
    '  reads neither of those but the statistics summaries (see *Summaries* below), kept correct by triggers;',
    '  the same db tests check it against the reference, and `test/db/statistics/summaries-maintained.test.ts`',
    '  checks it while cases change through the product\'s write paths.',
    '',
    '**Closed (审结).** A case is closed when it was withdrawn (撤诉; on `cases.withdrawn_on`, else the day the',
    'ledger moved it to status withdrawn), settled (和解结案; the day the ledger moved it to status settled), or',
    'decided: its latest effective court decision in `case_judgments` (level first, second or retrial; a',
    'retrial\'s decision replaces the earlier one) on its `effective_on`. Archiving (status `closed`) comes later',
    'and is not the closing date. A reconsideration organ\'s decision (`case_judgments.level` reconsideration)',
    'never closes a lawsuit; Jinghai counts it as a loss (JH 二、（三）3).',
    '',
    '**Added to the ledger for the figures.** `case_answers` (migration `20261202_400_case_answers`): the',
    'answer\'s submission date per instance. `cases.answer_submitted_on` holds only the latest instance\'s (the',
    'second-instance answer overwrote the first), so a late first-instance answer could not be counted; the',
    'stage-change write (`applyStageChange`) now records each instance\'s date there too.',
    '',
    ...API_SECTION,
    '## Catalogue',
    '',
    '| Id | Figure | Kind | Counts / numerator | Denominator | Sources |',
    '|---|---|---|---|---|---|',
    ...figures.map((f) => `| \`${f.id}\` | ${f.name} | ${KIND[f.kind]} | ${cell(f.numerator)} | ${cell(f.denominator ?? '—')} | ${cell(f.sources.map(citationShort).join('; '))} |`),
    '',
    '## Definitions',
    '',
    ...figures.flatMap(figureSection),
    '## Generated ledgers',
    '',
    '`src/statistics/ledger-generator.ts` (`generateLedger({seed, cases, fromYear, toYear, asOf})`, then',
    '`insertGeneratedLedger(db, ledger)`) writes a realistic ledger into the real tables; the same seed gives the',
    'same ledger; `npm run ledger:generate -- --cases N --seed S` adds one to the ledger database. It is the',
    'data of the 10,000-case db test and of the benchmark (`npm run bench:stats`). Agencies: a',
    'province government and its justice department; six cities, one per profile (yantai, hunan, liaocheng,',
    'tengzhou, jinghai, national), each with its government, justice bureau, five departments and two counties',
    '(government, justice bureau, three departments each); three courts per city. Distributions:',
    '',
    '| what | distribution |',
    '|---|---|',
    `| receipt date | uniform over the years, never after \`asOf\` |`,
    `| defendant | ${weights(d.defendants)} (uniform within the kind) |`,
    `| cause (案由) | ${weights(d.causes)} |`,
    `| court | one of the city's three, uniform |`,
    `| enterprise party | plaintiff ${pct(d.enterprisePlaintiff)}, third party ${pct(d.enterpriseThirdParty)}; half of those also flagged \`enterpriseRelated\` |`,
    `| ending | closes 30–300 days after receipt (later than \`asOf\`: pending); settled ${pct(d.settled)}, withdrawn ${pct(d.withdrawn)} (${pct(d.withdrawnAfterSettlement)} of them after a settlement; \`withdrawn_on\` recorded for ${pct(d.withdrawnOnRecorded)}), the rest decided |`,
    `| first decision | ${weights(d.firstDecisionKind)}; outcome ${weights(d.outcome)} (mediation: won) |`,
    `| appeal | ${pct(d.appealed)} of judgments and rulings; half with an appeal answer due 15 days after the copy; 30 % of outcomes reversed |`,
    `| retrial | ${pct(d.retrial)} of decided cases, with its own answer deadline, hearing and reversed outcome |`,
    `| reconsideration decision | Jinghai cases ${pct(d.jinghaiReconsideration)} (40 % against the agency; 20 % without an effective date) |`,
    `| hearings | one per decided instance, for settled / withdrawn cases ${pct(d.hearingWhenNotDecided)}; a second session ${pct(d.secondSession)}; 10 % record only \`hearingAt\` |`,
    `| head appears | ${Object.entries(d.headAppears).map(([p, v]) => `${p} ${pct(v)}`).join(', ')}; the principal head at ${pct(d.principalHeadAppears)} of those |`,
    `| answer | due 15 days after receipt; submitted 5–18 days after receipt, never ${pct(d.answerMissing)}; ${pct(d.supersededDeadline)} of deadlines have a superseded earlier row |`,
    `| performance | lost cases ${pct(d.performancePlanned)}, due 30–90 days after effect; completed ${pct(d.performanceCompleted)}, 20 days early to 30 days late |`,
    `| recommendations | ${pct(d.recommendation)} of cases (20 % procuratorial), reply due in 60 days, replied ${pct(d.recommendationReplied)} after 10–80 days |`,
    `| event times | a random minute of the Shanghai day (before 08:00 it is the previous day in UTC) |`,
    `| further events (\`fillerEvents\`, benchmark only) | the volume of a real ledger: with a mean of m, ${Math.round(0.55 * 18)}–${Math.round(1.45 * 18)} a case for m = 18, uniform; types ${FILLER_EVENT_TYPES.map((t) => `\`${t}\``).join(', ')}; dated from receipt to 400 days later; the figures do not read them |`,
    '',
    'The statistics events per case come to about 2 (hearings 1.1, stage changes 0.5, performance,',
    'recommendations); with `fillerEvents` 18 a case has about 20 events, so 1,000,000 cases over five years',
    'make about 20,000,000 events (`npm run bench:stats`).',
    '',
    '**At scale.** `ledgerStream(options)` generates one case at a time (`generateLedger` is the same stream',
    'collected in memory; the same seed gives the same cases either way), and `bulkLoadLedger`',
    '(`src/statistics/bulk-load.ts`) pipes the rows through COPY — one `psql` per table fed through its stdin',
    'with back-pressure, 500 cases at a time — so memory stays flat at any size. It loads with',
    '`session_replication_role = replica` (no triggers, no foreign-key checks: for benchmark databases only)',
    'and then rebuilds the summaries once.',
    '',
    '## Summaries (汇总表)',
    '',
    'At 1,000,000 cases and 20,000,000 events one pass over the ledger takes minutes, so the figures the',
    'dashboards, score sheets and reports ask for are read from summaries (`src/statistics/summary-sql.ts`,',
    'migration `20261203_500_statistics_summaries`, decision record 0007):',
    '',
    '- **Facts, one row per unit counted**, each with its case and agency: `stat_case` (received, closing date and',
    '  kind, lost, settled, enterprise, cause, court), `stat_hearing` (trial instance, hearing key, date, head,',
    '  principal head: the latest record per key), `stat_reconsideration` (only for profiles that count them),',
    '  `stat_performance`, `stat_recommendation` (on time or not), `stat_answer` (due, submitted, late; answers a',
    '  withdrawal or settlement made unnecessary are left out). They are the definitions above, evaluated once.',
    '- **Buckets**: `stat_buckets` (agency, quarter or year, measure, key) holds what the facts of each case add to',
    '  each quarter and each year: numerator, denominator and the number of distinct cases behind the numerator',
    '  (a case has one agency, so these add up over agencies). A figure for a quarter or a year of any set of',
    '  agencies is a sum of a few rows per agency. Pending cases are a running sum of `pending-change` (+1 the',
    '  bucket a case is received, −1 the bucket it closes). An answer not submitted is late once due before',
    '  "today": for a period that reaches today those few answers are counted from `stat_answer` (partial index).',
    '- **Kept correct by triggers.** Statement-level triggers on `cases`, `case_events` (the event types the',
    '  figures read), `case_judgments`, `case_deadlines`, `case_answers`, `case_parties` and `agencies` (a',
    '  profile change) call `stat_refresh_cases(ids)` with the cases the statement touched, in the same',
    '  transaction: it takes a per-case advisory lock, subtracts the cases\' old contributions from the buckets,',
    '  recomputes their facts from the ledger and adds the new contributions. A bulk writer may',
    '  `set local yingsu.statistics_deferred = on` and refresh its cases once at the end',
    '  (`insertGeneratedLedger` does). `rebuildSql()` recomputes everything from scratch.',
    '- **Reading** (`figure-queries.ts`): `figureTotals`, `figureTotalsByAgency`, `figureSeries` sum buckets for',
    '  quarters and years, and use the fact tables for any other range of days; `figureCases` pages through the',
    '  fact tables (sorted by case id) and takes the total from the buckets.',
    '- **Changing a definition** means changing figures-sql.ts, reference.ts and summary-sql.ts together (the db',
    '  tests fail otherwise) and a new migration that re-creates `stat_refresh_cases` and runs `rebuildSql()`.',
    '',
  ];
  return lines.join('\n');
}

if (isMainModule(import.meta.url)) {
  writeFileSync(fileURLToPath(new URL(`../${OUTPUT}`, import.meta.url)), renderStatisticsDoc());
  console.log(`${OUTPUT}: ${FIGURES.length} figures`);
}
