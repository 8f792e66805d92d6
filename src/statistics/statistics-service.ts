// The statistics a principal asks for (issue 14 §1, §4): the scope (one agency, a region — a
// government and every agency under it; a justice bureau's region is its government's — or every
// agency for an admin), checked against what the principal may see; every figure for a period with
// the same period a year earlier; the trend over periods; the ranking of a region's agencies; and
// the cases behind one number. The numbers come from figure-queries.ts (no case-id arrays but in
// the drill-down, one page at a time).
import type { Principal } from '../auth/principal.ts';
import { ForbiddenError } from '../auth/principal.ts';
import { ledgerItemsByIds, type LedgerItem } from '../cases/case-list.ts';
import type { Db } from '../db/database.ts';
import { isUuid } from '../db/ids.ts';
import { shanghaiDateOf } from '../deadlines/dates.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { agencySubtree, justiceBureauRegion } from '../process-engine/engine-directory.ts';
import { FIGURES, type FigureDefinition, type FigureKind } from './figure-catalogue.ts';
import { figureCases, figureSeries, figureTotals, figureTotalsByAgency, type FigureTotal } from './figure-queries.ts';
import { parsePeriod, periodLabelZh, periodOf, previousYear, type Period } from './periods.ts';

export interface StatisticsScope {
  kind: 'agency' | 'region' | 'all';
  /** the agency named by the scope (for `all`: '' and 全部单位) */
  agencyId: string;
  agencyName: string;
  /** the agencies whose cases count */
  agencyIds: string[];
  /** 示例市司法局 / 示例市人民政府及所属单位 / 全部单位 */
  label: string;
}

type Viewer = Pick<Principal, 'visibleAgencyIds'>;

interface AgencyRow {
  id: string;
  name: string;
  kind: string;
  parent_id: string | null;
}

const loadAgencies = (db: Db): Promise<AgencyRow[]> => db('agencies').select('id', 'name', 'kind', 'parent_id').orderBy('name');

const SCOPE_MESSAGE = '统计范围应为 agency:<单位编号>、region:<单位编号> 或 all（全部单位，仅限管理员）';

function scopeOf(agencies: AgencyRow[], kind: 'agency' | 'region', agency: AgencyRow): StatisticsScope {
  const agencyIds = kind === 'agency' ? [agency.id] : agency.kind === 'justice-bureau' ? justiceBureauRegion(agencies)(agency.id) : agencySubtree(agencies)(agency.id);
  const root = kind === 'region' && agency.kind === 'justice-bureau' ? (agencies.find((a) => a.id === agency.parent_id) ?? agency) : agency;
  return { kind, agencyId: agency.id, agencyName: agency.name, agencyIds, label: kind === 'agency' ? agency.name : `${root.name}及所属单位` };
}

const visibleSet = (principal: Viewer) => (principal.visibleAgencyIds === null ? null : new Set(principal.visibleAgencyIds));

/** "agency:<id>", "region:<id>" or "all" → the agencies it covers; 404 for an unknown agency, 403 when not all are visible. */
export async function resolveScope(db: Db, scope: string, principal: Viewer): Promise<StatisticsScope> {
  const text = scope.trim();
  const agencies = await loadAgencies(db);
  if (text.toLowerCase() === 'all') {
    if (principal.visibleAgencyIds !== null) throw new ForbiddenError('只有管理员可以查看全部单位的统计数据', 'STATISTICS_SCOPE_FORBIDDEN');
    return { kind: 'all', agencyId: '', agencyName: '全部单位', agencyIds: agencies.map((a) => a.id), label: '全部单位' };
  }
  const m = /^(agency|region):(.+)$/i.exec(text);
  if (!m || !isUuid(m[2]!)) throw new InputError([{ field: 'scope', message: SCOPE_MESSAGE }]);
  const kind = m[1]!.toLowerCase() as 'agency' | 'region';
  const id = m[2]!.toLowerCase();
  const agency = agencies.find((a) => a.id === id);
  if (!agency) throw new NotFoundError('单位 / agency', id);
  const resolved = scopeOf(agencies, kind, agency);
  const visible = visibleSet(principal);
  if (visible && resolved.agencyIds.some((a) => !visible.has(a))) throw new ForbiddenError('无权查看该单位或区域的统计数据', 'STATISTICS_SCOPE_FORBIDDEN');
  return resolved;
}

export interface ScopeOption {
  scope: string;
  kind: 'agency' | 'region' | 'all';
  label: string;
}

const currentYear = () => Number(shanghaiDateOf(new Date()).slice(0, 4));

/**
 * GET /api/statistics/scopes: what the principal may choose, and what the page opens with — a
 * justice bureau its region, an admin every agency (or the one root region), anyone else the own agency.
 */
export async function scopeOptions(db: Db, principal: Pick<Principal, 'visibleAgencyIds' | 'agencyId' | 'roles'>) {
  const agencies = await loadAgencies(db);
  const visible = visibleSet(principal);
  const sees = (ids: string[]) => !visible || ids.every((id) => visible.has(id));
  const subtree = agencySubtree(agencies);
  const regions: ScopeOption[] = agencies
    .filter((a) => a.kind === 'government' && agencies.some((c) => c.parent_id === a.id) && sees(subtree(a.id)))
    .map((a) => ({ scope: `region:${a.id}`, kind: 'region', label: `${a.name}及所属单位` }));
  const own: ScopeOption[] = agencies.filter((a) => sees([a.id])).map((a) => ({ scope: `agency:${a.id}`, kind: 'agency', label: a.name }));
  const roots = agencies.filter((a) => !a.parent_id);
  const all: ScopeOption[] = visible === null && roots.length > 1 ? [{ scope: 'all', kind: 'all', label: '全部单位' }] : [];
  const mine = agencies.find((a) => a.id === principal.agencyId);
  let byDefault: string;
  if (visible === null) byDefault = all[0]?.scope ?? (roots[0] ? `region:${roots[0].id}` : 'all');
  else if (principal.roles.includes('justice-bureau') && mine?.kind === 'justice-bureau' && mine.parent_id) byDefault = `region:${mine.parent_id}`;
  else if (mine && mine.kind === 'government' && regions.some((r) => r.scope === `region:${mine.id}`)) byDefault = `region:${mine.id}`;
  else byDefault = `agency:${principal.agencyId}`;
  return { default: { scope: byDefault, period: String(currentYear()) }, options: [...all, ...regions, ...own] };
}

const periodView = (p: Period) => ({ label: p.label, name: periodLabelZh(p), from: p.from, to: p.to });

export interface FigureReport {
  id: string;
  name: string;
  kind: FigureKind;
  value: number | null;
  numerator: number;
  denominator: number | null;
  breakdown?: { key: string; count: number }[];
  previousYear: { value: number | null; numerator: number; denominator: number | null };
  /** year on year: value − previous value (a rate's difference is in shares, 0.05 = 5 percentage points), and for counts the growth ratio */
  change: { difference: number | null; ratio: number | null };
}

function reportOf(def: FigureDefinition, v: FigureTotal, p: FigureTotal): FigureReport {
  const difference = v.value !== null && p.value !== null ? v.value - p.value : null;
  const ratio = def.kind !== 'rate' && v.value !== null && p.value ? (v.value - p.value) / p.value : null;
  return {
    id: def.id,
    name: def.name,
    kind: def.kind,
    value: v.value,
    numerator: v.numerator,
    denominator: v.denominator,
    ...(v.breakdown ? { breakdown: v.breakdown } : {}),
    previousYear: { value: p.value, numerator: p.numerator, denominator: p.denominator },
    change: { difference, ratio },
  };
}

const today = (asOf?: string) => asOf ?? shanghaiDateOf(new Date());

/** GET /api/statistics: every figure of the scope for the period, with the same period a year earlier. */
export async function statisticsFor(db: Db, principal: Viewer, input: { scope: string; period: string; asOf?: string }) {
  const period = parsePeriod(input.period);
  const scope = await resolveScope(db, input.scope, principal);
  const previous = previousYear(period);
  const asOf = today(input.asOf);
  const [now, before] = await Promise.all([
    figureTotals(db, { agencyIds: scope.agencyIds, from: period.from, to: period.to, asOf }),
    figureTotals(db, { agencyIds: scope.agencyIds, from: previous.from, to: previous.to, asOf }),
  ]);
  const figures = FIGURES.map((def) => reportOf(def, now[def.id]!, before[def.id]!));
  return { scope, period: periodView(period), previousPeriod: periodView(previous), asOf, figures };
}

function figureDef(id: string, field = 'figure'): FigureDefinition {
  const def = FIGURES.find((f) => f.id === id);
  if (!def) throw new InputError([{ field, message: `没有这项统计指标：${id}（指标目录见 GET /api/statistics/figures）` }]);
  return def;
}

// ── trend ───────────────────────────────────────────────────────────────────────────────────────

export const MAX_TREND_PERIODS = 40;

const periodIndex = (p: Period) => (p.quarter === null ? p.year : p.year * 4 + p.quarter - 1);
const periodAt = (index: number, quarterly: boolean): Period => (quarterly ? periodOf(Math.floor(index / 4), ((index % 4) + 1) as 1 | 2 | 3 | 4) : periodOf(index, null));

/** The periods of a trend: from … to (both years or both quarters), or the last N years or quarters up to `to` (default: the current one). */
export function trendPeriods(input: { from?: string; to?: string; last?: number; unit?: 'quarter' | 'year' }, asOf: string): Period[] {
  const from = input.from ? parsePeriod(input.from, 'from') : null;
  let to = input.to ? parsePeriod(input.to, 'to') : null;
  const quarterly = from ? from.quarter !== null : to ? to.quarter !== null : input.unit !== 'year';
  if (input.unit && (input.unit === 'quarter') !== quarterly) throw new InputError([{ field: 'unit', message: '统计单位与期间不一致：季度如 2026Q3，年度如 2026' }]);
  if (to && (to.quarter !== null) !== quarterly) throw new InputError([{ field: 'to', message: '起止期间应同为年度或同为季度' }]);
  if (!to) {
    const year = Number(asOf.slice(0, 4));
    to = quarterly ? periodOf(year, (Math.floor((Number(asOf.slice(5, 7)) - 1) / 3) + 1) as 1 | 2 | 3 | 4) : periodOf(year, null);
  }
  const last = periodIndex(to);
  const first = from ? periodIndex(from) : last - (input.last ?? (quarterly ? 8 : 5)) + 1;
  if (first > last) throw new InputError([{ field: 'from', message: '起始期间不能晚于截止期间' }]);
  if (last - first + 1 > MAX_TREND_PERIODS) throw new InputError([{ field: from ? 'from' : 'last', message: `趋势最多 ${MAX_TREND_PERIODS} 个期间` }]);
  return Array.from({ length: last - first + 1 }, (_, i) => periodAt(first + i, quarterly));
}

/** GET /api/statistics/trend: each figure (or the ones asked for) per period, oldest first. */
export async function statisticsTrend(db: Db, principal: Viewer, input: { scope: string; from?: string; to?: string; last?: number; unit?: 'quarter' | 'year'; figures?: string[]; asOf?: string }) {
  const asOf = today(input.asOf);
  const periods = trendPeriods(input, asOf);
  const defs = input.figures?.length ? input.figures.map((id) => figureDef(id, 'figures')) : FIGURES;
  const scope = await resolveScope(db, input.scope, principal);
  const series = await figureSeries(db, { agencyIds: scope.agencyIds, periods, asOf });
  return {
    scope,
    asOf,
    unit: periods[0]!.quarter === null ? 'year' : 'quarter',
    periods: periods.map(periodView),
    figures: defs.map((def) => ({
      id: def.id,
      name: def.name,
      kind: def.kind,
      values: series.map(({ period, totals }) => {
        const t = totals[def.id]!;
        return { period: period.label, value: t.value, numerator: t.numerator, denominator: t.denominator };
      }),
    })),
  };
}

// ── ranking ─────────────────────────────────────────────────────────────────────────────────────

/** Figures where a lower value is the better one: their ranking is ascending (rank 1 = lowest). */
export const LOWER_IS_BETTER: readonly string[] = ['loss-rate', 'enterprise-loss-rate', 'answers-late', 'cases-pending'];

export interface RankingRow {
  /** 1, 2, 2, 4 … (equal values share a rank); null when the figure has no value (nothing to divide by) */
  rank: number | null;
  agencyId: string;
  agencyName: string;
  agencyKind: string;
  value: number | null;
  numerator: number;
  denominator: number | null;
}

/** GET /api/statistics/ranking: every agency of the scope with its value of one figure, ranked. */
export async function statisticsRanking(db: Db, principal: Viewer, input: { scope: string; period: string; figure: string; asOf?: string }) {
  const period = parsePeriod(input.period);
  const def = figureDef(input.figure);
  const scope = await resolveScope(db, input.scope, principal);
  const asOf = today(input.asOf);
  const byAgency = await figureTotalsByAgency(db, { agencyIds: scope.agencyIds, from: period.from, to: period.to, asOf });
  const agencies = new Map((await loadAgencies(db)).map((a) => [a.id, a]));
  const order: 'asc' | 'desc' = LOWER_IS_BETTER.includes(def.id) ? 'asc' : 'desc';
  const rows: RankingRow[] = scope.agencyIds.map((id) => {
    const t = byAgency.get(id)![def.id]!;
    const a = agencies.get(id)!;
    return { rank: null, agencyId: id, agencyName: a.name, agencyKind: a.kind, value: t.value, numerator: t.numerator, denominator: t.denominator };
  });
  const sign = order === 'asc' ? 1 : -1;
  rows.sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? a.agencyName.localeCompare(b.agencyName, 'zh-CN') : 1) : -1;
    return sign * (a.value - b.value) || b.denominator! - a.denominator! || a.agencyName.localeCompare(b.agencyName, 'zh-CN');
  });
  rows.forEach((r, i) => {
    if (r.value === null) return;
    const previous = rows[i - 1];
    r.rank = previous && previous.value === r.value ? previous.rank : i + 1;
  });
  return { scope, period: periodView(period), asOf, figure: { id: def.id, name: def.name, kind: def.kind }, order, rows };
}

// ── drill-down ──────────────────────────────────────────────────────────────────────────────────

/** GET /api/statistics/cases: the cases behind one number, one page, as the ledger lists them. */
export async function statisticsCases(db: Db, principal: Viewer, input: { scope: string; period: string; figure: string; key?: string; limit: number; offset: number; asOf?: string }) {
  const period = parsePeriod(input.period);
  const def = figureDef(input.figure);
  if (input.key !== undefined && def.kind !== 'breakdown') throw new InputError([{ field: 'key', message: '只有分布类指标（案由分布、受案法院分布）可以按 key 查看' }]);
  const scope = await resolveScope(db, input.scope, principal);
  const asOf = today(input.asOf);
  const page = await figureCases(db, {
    agencyIds: scope.agencyIds,
    from: period.from,
    to: period.to,
    asOf,
    figureId: def.id,
    ...(input.key !== undefined ? { breakdownKey: input.key } : {}),
    limit: input.limit,
    offset: input.offset,
  });
  const items: LedgerItem[] = await ledgerItemsByIds(db, principal, page.caseIds, { today: asOf });
  return {
    scope,
    period: periodView(period),
    asOf,
    figure: { id: def.id, name: def.name, kind: def.kind, unit: def.unit },
    key: input.key ?? null,
    total: page.total,
    limit: input.limit,
    offset: input.offset,
    items,
  };
}
