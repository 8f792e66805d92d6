// The statistics a principal asks for: the scope (one agency, or a region — a government and every
// agency under it; a justice bureau's region is its government's), checked against what the
// principal may see, and every figure for the period with the same period a year earlier.
import type { Principal } from '../auth/principal.ts';
import { ForbiddenError } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { shanghaiDateOf } from '../deadlines/dates.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { agencySubtree, justiceBureauRegion } from '../process-engine/engine-directory.ts';
import { FIGURES } from './figure-catalogue.ts';
import type { BreakdownRow } from './figure-values.ts';
import { computeFiguresSql } from './figures-sql.ts';
import { parsePeriod, periodLabelZh, previousYear, type Period } from './periods.ts';

export interface StatisticsScope {
  kind: 'agency' | 'region';
  agencyId: string;
  agencyName: string;
  /** the agencies whose cases count */
  agencyIds: string[];
  /** 示例市司法局 / 示例市人民政府及所属单位 */
  label: string;
}

/** "agency:<id>" or "region:<id>" → the agencies it covers; 404 for an unknown agency, 403 when not all are visible. */
export async function resolveScope(db: Db, scope: string, principal: Pick<Principal, 'visibleAgencyIds'>): Promise<StatisticsScope> {
  const m = /^(agency|region):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(scope.trim());
  if (!m) throw new InputError([{ field: 'scope', message: '统计范围应为 agency:<单位编号> 或 region:<单位编号>' }]);
  const kind = m[1]!.toLowerCase() as 'agency' | 'region';
  const agencies = await db('agencies').select('id', 'name', 'kind', 'parent_id');
  const id = m[2]!.toLowerCase();
  const agency = agencies.find((a) => a.id === id);
  if (!agency) throw new NotFoundError('单位 / agency', id);
  const agencyIds = kind === 'agency' ? [agency.id] : agency.kind === 'justice-bureau' ? justiceBureauRegion(agencies)(agency.id) : agencySubtree(agencies)(agency.id);
  const visible = principal.visibleAgencyIds === null ? null : new Set(principal.visibleAgencyIds);
  if (visible && agencyIds.some((id) => !visible.has(id))) throw new ForbiddenError('无权查看该单位或区域的统计数据', 'STATISTICS_SCOPE_FORBIDDEN');
  const root = kind === 'region' && agency.kind === 'justice-bureau' ? (agencies.find((a) => a.id === agency.parent_id) ?? agency) : agency;
  return { kind, agencyId: agency.id, agencyName: agency.name, agencyIds, label: kind === 'agency' ? agency.name : `${root.name}及所属单位` };
}

export interface FigureReport {
  id: string;
  name: string;
  kind: string;
  value: number | null;
  numerator: number;
  denominator: number | null;
  caseIds: string[];
  breakdown?: BreakdownRow[];
  previousYear: { value: number | null; numerator: number; denominator: number | null };
  /** year on year: value − previous value (a rate's difference is in shares, 0.05 = 5 percentage points), and for counts the growth ratio */
  change: { difference: number | null; ratio: number | null };
}

const periodView = (p: Period) => ({ label: p.label, name: periodLabelZh(p), from: p.from, to: p.to });

/** GET /api/statistics */
export async function statisticsFor(db: Db, principal: Pick<Principal, 'visibleAgencyIds'>, input: { scope: string; period: string; asOf?: string }) {
  const period = parsePeriod(input.period);
  const scope = await resolveScope(db, input.scope, principal);
  const previous = previousYear(period);
  const asOf = input.asOf ?? shanghaiDateOf(new Date());
  const [now, before] = await Promise.all([
    computeFiguresSql(db, { agencyIds: scope.agencyIds, from: period.from, to: period.to, asOf }),
    computeFiguresSql(db, { agencyIds: scope.agencyIds, from: previous.from, to: previous.to, asOf }),
  ]);
  const figures: FigureReport[] = FIGURES.map((def) => {
    const v = now[def.id]!;
    const p = before[def.id]!;
    const difference = v.value !== null && p.value !== null ? v.value - p.value : null;
    const ratio = def.kind !== 'rate' && v.value !== null && p.value ? (v.value - p.value) / p.value : null;
    return {
      id: def.id,
      name: def.name,
      kind: def.kind,
      value: v.value,
      numerator: v.numerator,
      denominator: v.denominator,
      caseIds: v.caseIds,
      ...(v.breakdown ? { breakdown: v.breakdown } : {}),
      previousYear: { value: p.value, numerator: p.numerator, denominator: p.denominator },
      change: { difference, ratio },
    };
  });
  return { scope, period: periodView(period), previousPeriod: periodView(previous), asOf, figures };
}
