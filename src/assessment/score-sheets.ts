// Score sheets (考核评分表): an agency's scoring items for a year, computed from the ledger through
// figure-queries.ts, each deduction explained in Chinese and linked to its cases; a justice bureau's
// (or an admin's) adjustment of an item with a reason, stored append-only (the latest counts) and
// recorded in the audit log by the route; the sheets of a region with total and rank.
import type { Principal } from '../auth/principal.ts';
import { ForbiddenError } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { shanghaiDateOf } from '../deadlines/dates.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { citationText } from '../policy-sources/citations.ts';
import { figureTotals, figureTotalsByAgency, type FigureTotals } from '../statistics/figure-queries.ts';
import { periodOf } from '../statistics/periods.ts';
import { resolveScope } from '../statistics/statistics-service.ts';
import { evaluateQuotas, type AgencyOfQuota, type QuotaResult } from './quotas.ts';
import { itemsFor, scoreItem, type ItemScore } from './scoring-items.ts';
import { caseRefs, failingCaseIds, type CaseRef } from './shortfall-cases.ts';

export interface Adjustment {
  id: string;
  itemId: string;
  score: number;
  computedScore: number;
  reason: string;
  adjustedBy: string;
  adjustedAt: string;
}

export interface SheetItem extends ItemScore {
  /** the score that counts: the latest adjustment's, else the computed one */
  score: number;
  adjustment: Adjustment | null;
  sourceTexts: string[];
  /** the cases behind the deduction (detail only): the first 50 and how many in all */
  cases?: { total: number; items: CaseRef[] };
}

export interface ScoreSheet {
  agency: AgencyOfQuota;
  year: number;
  asOf: string;
  maxTotal: number;
  total: number;
  computedTotal: number;
  items: SheetItem[];
  quotas: QuotaResult[];
}

const LINKED_CASES = 50;

const toAdjustment = (r: any): Adjustment => ({
  id: String(r.id),
  itemId: r.item_id,
  score: Number(r.score),
  computedScore: Number(r.computed_score),
  reason: r.reason,
  adjustedBy: r.adjusted_by_name,
  adjustedAt: new Date(r.adjusted_at).toISOString(),
});

const round = (n: number) => Math.round(n * 100) / 100;

/** The sheet from the year's totals and the adjustments made (pure). */
export function buildScoreSheet(agency: AgencyOfQuota, year: number, asOf: string, totals: FigureTotals, adjustments: readonly Adjustment[]): ScoreSheet {
  const quotas = evaluateQuotas({ agency, year, asOf, totals });
  const latest = new Map<string, Adjustment>();
  for (const a of [...adjustments].sort((x, y) => Number(x.id) - Number(y.id))) latest.set(a.itemId, a);
  const items: SheetItem[] = itemsFor(agency.profile).map((def) => {
    const scored = scoreItem(def, totals, quotas);
    const adjustment = latest.get(def.id) ?? null;
    return { ...scored, score: adjustment ? adjustment.score : scored.computedScore, adjustment, sourceTexts: def.sources.map(citationText) };
  });
  return {
    agency,
    year,
    asOf,
    maxTotal: items.reduce((n, i) => n + i.maxPoints, 0),
    total: round(items.reduce((n, i) => n + i.score, 0)),
    computedTotal: round(items.reduce((n, i) => n + i.computedScore, 0)),
    items,
    quotas,
  };
}

export function parseYear(value: unknown, field = 'year', asOf = shanghaiDateOf(new Date())): number {
  const year = Number(value);
  const current = Number(asOf.slice(0, 4));
  if (!Number.isInteger(year) || year < 2015 || year > current) throw new InputError([{ field, message: `考核年度应为2015年至${current}年之间的年份` }]);
  return year;
}

async function agencyOf(db: Db, agencyId: string): Promise<AgencyOfQuota & { parentId: string | null }> {
  const row = /^[0-9a-f-]{36}$/i.test(agencyId) ? await db('agencies').where({ id: agencyId }).first('id', 'name', 'kind', 'level', 'profile', 'parent_id') : undefined;
  if (!row) throw new NotFoundError('单位 / agency', agencyId);
  return { id: row.id, name: row.name, kind: row.kind, level: row.level, profile: row.profile ?? 'national', parentId: row.parent_id };
}

function assertSees(principal: Pick<Principal, 'visibleAgencyIds'>, agencyId: string): void {
  if (principal.visibleAgencyIds !== null && !principal.visibleAgencyIds.includes(agencyId)) throw new ForbiddenError('无权查看该单位的考核评分', 'ASSESSMENT_SCOPE_FORBIDDEN');
}

/** Who may adjust: an admin, or a justice bureau whose region holds the agency. */
export const mayAdjust = (principal: Pick<Principal, 'roles' | 'visibleAgencyIds'>, agencyId: string): boolean =>
  principal.roles.includes('admin') || (principal.roles.includes('justice-bureau') && (principal.visibleAgencyIds === null || principal.visibleAgencyIds.includes(agencyId)));

async function adjustmentsOf(db: Db, agencyIds: readonly string[], year: number): Promise<Map<string, Adjustment[]>> {
  const rows = agencyIds.length ? await db('assessment_adjustments').whereIn('agency_id', agencyIds).andWhere({ year }).orderBy('id') : [];
  const out = new Map<string, Adjustment[]>();
  for (const r of rows) out.set(r.agency_id, [...(out.get(r.agency_id) ?? []), toAdjustment(r)]);
  return out;
}

/** When each quota's warning went out (quota-monitor.ts), by agency and quota. */
async function warningsOf(db: Db, agencyIds: readonly string[], year: number): Promise<Map<string, string>> {
  const rows = agencyIds.length ? await db('quota_warnings').whereIn('agency_id', agencyIds).andWhere({ year }).select('agency_id', 'quota_id', 'warned_at') : [];
  return new Map(rows.map((r: any) => [`${r.agency_id}|${r.quota_id}`, new Date(r.warned_at).toISOString()]));
}

const withWarnings = (agencyId: string, quotas: QuotaResult[], warned: Map<string, string>) => quotas.map((q) => ({ ...q, warnedAt: warned.get(`${agencyId}|${q.quotaId}`) ?? null }));

const yearQuery = (agencyIds: readonly string[], year: number, asOf: string) => {
  const p = periodOf(year, null);
  return { agencyIds, from: p.from, to: p.to, asOf };
};

/** One agency's sheet with the cases behind each deduction and the adjustment history. */
export async function scoreSheetOf(db: Db, principal: Pick<Principal, 'visibleAgencyIds' | 'roles'>, input: { agencyId: string; year: number; asOf?: string }) {
  const asOf = input.asOf ?? shanghaiDateOf(new Date());
  const agency = await agencyOf(db, input.agencyId);
  assertSees(principal, agency.id);
  const q = yearQuery([agency.id], input.year, asOf);
  const totals = await figureTotals(db, q);
  const history = (await adjustmentsOf(db, [agency.id], input.year)).get(agency.id) ?? [];
  const { parentId: _parent, ...plain } = agency;
  const sheet = buildScoreSheet(plain, input.year, asOf, totals, history);
  for (const item of sheet.items) {
    const linked = item.figureId && item.side && item.units > 0 ? { id: item.figureId, side: item.side } : item.basis === 'manual' && item.figureId ? { id: item.figureId, side: 'numerator' as const } : null;
    if (!linked) continue;
    const ids = await failingCaseIds(db, linked.id, linked.side, q);
    item.cases = { total: ids.length, items: await caseRefs(db, ids.slice(0, LINKED_CASES)) };
  }
  const warned = await warningsOf(db, [agency.id], input.year);
  return { ...sheet, quotas: withWarnings(agency.id, sheet.quotas, warned), canAdjust: mayAdjust(principal, agency.id), adjustments: [...history].reverse() };
}

/** The sheets of a region (a government and the agencies under it; a justice bureau's: its government's), ranked by total. */
export async function scoreSheetsOfRegion(db: Db, principal: Pick<Principal, 'visibleAgencyIds' | 'roles'>, input: { region: string; year: number; asOf?: string }) {
  const asOf = input.asOf ?? shanghaiDateOf(new Date());
  const scope = await resolveScope(db, `region:${input.region}`, principal);
  const rows = await db('agencies').whereIn('id', scope.agencyIds).whereNot('kind', 'justice-bureau').select('id', 'name', 'kind', 'level', 'profile').orderBy('name');
  const agencies: AgencyOfQuota[] = rows.map((r: any) => ({ id: r.id, name: r.name, kind: r.kind, level: r.level, profile: r.profile ?? 'national' }));
  const totals = await figureTotalsByAgency(db, yearQuery(agencies.map((a) => a.id), input.year, asOf));
  const adjustments = await adjustmentsOf(db, agencies.map((a) => a.id), input.year);
  const sheets = agencies.map((a) => buildScoreSheet(a, input.year, asOf, totals.get(a.id)!, adjustments.get(a.id) ?? []));
  const warned = await warningsOf(db, agencies.map((a) => a.id), input.year);
  const ranked = [...sheets].sort((x, y) => y.total / y.maxTotal - x.total / x.maxTotal || x.agency.name.localeCompare(y.agency.name, 'zh-CN'));
  const rankOf = new Map<string, number>();
  ranked.forEach((s, i) => {
    const prev = ranked[i - 1];
    rankOf.set(s.agency.id, prev && prev.total / prev.maxTotal === s.total / s.maxTotal ? rankOf.get(prev.agency.id)! : i + 1);
  });
  return {
    region: { agencyId: scope.agencyId, label: scope.label },
    year: input.year,
    asOf,
    canAdjust: principal.roles.includes('admin') || principal.roles.includes('justice-bureau'),
    sheets: ranked.map((s) => ({
      agencyId: s.agency.id,
      agencyName: s.agency.name,
      profile: s.agency.profile,
      rank: rankOf.get(s.agency.id)!,
      total: s.total,
      computedTotal: s.computedTotal,
      maxTotal: s.maxTotal,
      deductions: s.items.filter((i) => i.deduction > 0).map((i) => ({ itemId: i.itemId, name: i.name, deduction: i.deduction })),
      adjusted: s.items.filter((i) => i.adjustment).length,
      quotas: withWarnings(s.agency.id, s.quotas, warned).map(({ quotaId, name, status, statusLabel, actual, target, kind, explanation, warnedAt }) => ({ quotaId, name, status, statusLabel, actual, target, kind, explanation, warnedAt })),
    })),
  };
}

export interface AdjustmentInput {
  itemId: string;
  score: number;
  reason: string;
}

/** Records a justice bureau's (or admin's) score for one item, with the reason; answers the new sheet. */
export async function adjustScoreItem(db: Db, principal: Principal, input: { agencyId: string; year: number; asOf?: string } & AdjustmentInput) {
  const asOf = input.asOf ?? shanghaiDateOf(new Date());
  const agency = await agencyOf(db, input.agencyId);
  assertSees(principal, agency.id);
  if (!mayAdjust(principal, agency.id)) throw new ForbiddenError('只有司法局（本区域）或管理员可以调整考核评分', 'ASSESSMENT_ADJUST_FORBIDDEN');
  const def = itemsFor(agency.profile).find((i) => i.id === input.itemId);
  if (!def) throw new InputError([{ field: 'itemId', message: `该单位的考核项目中没有 ${input.itemId}` }]);
  if (input.score > def.maxPoints) throw new InputError([{ field: 'score', message: `得分不能超过该项满分${def.maxPoints}分` }]);
  const totals = await figureTotals(db, yearQuery([agency.id], input.year, asOf));
  const { parentId: _parent, ...plain } = agency;
  const computed = buildScoreSheet(plain, input.year, asOf, totals, []).items.find((i) => i.itemId === def.id)!;
  const [row] = await db('assessment_adjustments')
    .insert({ agency_id: agency.id, year: input.year, item_id: def.id, score: input.score, computed_score: computed.computedScore, reason: input.reason, adjusted_by: principal.personId, adjusted_by_name: principal.name })
    .returning('*');
  return { adjustment: toAdjustment(row), item: { itemId: def.id, name: def.name, maxPoints: def.maxPoints, computedScore: computed.computedScore } };
}
