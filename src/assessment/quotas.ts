// Yearly quotas (年度指标) per rule profile, as data with their sources, and how one is judged for an
// agency and a year from the ledger's figures (figure-queries.ts): met, on track, at risk, missed.
// The numbers are not repeated here: they are the threshold rules of the profile files (profiles/*.yaml) in
// force in that year (a new policy version changes them there). docs/assessment.md lists them.
import { getProfile, resolveRule } from '../deadlines/engine.ts';
import type { Citation } from '../deadlines/rules.ts';
import { hn, jh, lc, tz, yt } from '../policy-sources/citations.ts';
import type { FigureTotals } from '../statistics/figure-queries.ts';

export type QuotaKind = 'min-count' | 'min-rate';
export type QuotaStatus = 'met' | 'on-track' | 'at-risk' | 'missed' | 'not-applicable';

export const QUOTA_STATUS_LABELS: Record<QuotaStatus, string> = {
  met: '已完成',
  'on-track': '进度正常',
  'at-risk': '存在风险',
  missed: '未完成',
  'not-applicable': '不适用',
};

export interface AgencyOfQuota {
  id: string;
  name: string;
  kind: string;
  level: string;
  profile: string;
}

export interface QuotaDefinition {
  id: string;
  profile: string;
  /** 主要负责人年度出庭次数 */
  name: string;
  /** the requirement in one Chinese sentence, with the numbers */
  requirement: string;
  kind: QuotaKind;
  /** the figure (figure-catalogue.ts) whose value is compared: a count's numerator, a rate's value */
  figureId: string;
  /** a count, or a share (0.2 = 20 %) */
  target: number;
  /** who the quota binds: agency kinds and levels (none = every agency of the profile), and the cases received in the year it takes */
  appliesTo: { agencyKinds?: string[]; agencyLevels?: string[]; minCases?: number; note?: string };
  /**
   * From this day of the year (MM-DD) a count still short is at risk: too little of the year is left
   * to count on cases not yet heard. A product convention (the policies set no warning date); 11-01
   * is the example of issue 14.
   */
  warnFrom: string;
  /** the threshold rule of the profile file the numbers come from */
  thresholdRule: string;
  sources: Citation[];
}

/** Why a profile has no quota (or what it sets instead), shown with its empty list. */
export interface ProfileQuotaNote {
  profile: string;
  note: string;
  sources: Citation[];
}

/** Product convention: a count still short on 1 November is at risk (issue 14 §2). */
export const DEFAULT_WARN_FROM = '11-01';

const threshold = (profile: string, ruleId: string, year: number): Record<string, unknown> | null => {
  const p = getProfile(profile);
  const resolved = p ? resolveRule(p, ruleId, `${year}-12-31`) ?? resolveRule(p, ruleId, `${year}-01-01`) : undefined;
  return resolved && resolved.rule.kind === 'threshold' ? resolved.rule.parameters : null;
};

const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** The quotas of a profile in force in `year` (the threshold rules of that year). */
export function quotasFor(profile: string, year: number): QuotaDefinition[] {
  const out: QuotaDefinition[] = [];
  if (profile === 'liaocheng') {
    const head = threshold('liaocheng', 'head-appearance-rate', year);
    if (head && typeof head.targetRate === 'number') {
      out.push({
        id: 'lc-head-appearance-rate',
        profile,
        name: '负责人出庭应诉率',
        requirement: `行政机关负责人出庭应诉率实现${pct(head.targetRate)}（按案件计）`,
        kind: 'min-rate',
        figureId: 'head-appearance-rate-case',
        target: head.targetRate,
        appliesTo: {},
        warnFrom: DEFAULT_WARN_FROM,
        thresholdRule: 'head-appearance-rate',
        sources: [lc('第二十条'), lc('第二十六条')],
      });
    }
    const quota = threshold('liaocheng', 'principal-head-annual-quota', year);
    if (quota) {
      const min = Number(quota.minAppearances);
      const busy = Number(quota.busyAgencyCases);
      out.push({
        id: 'lc-principal-head-annual',
        profile,
        name: '主要负责人年度出庭次数',
        requirement: `年度发生行政案件的行政机关，主要负责人至少出庭应诉${min}次`,
        kind: 'min-count',
        figureId: 'principal-head-appearances',
        target: min,
        appliesTo: { minCases: 1, note: '本年度新收行政案件1件以上' },
        warnFrom: DEFAULT_WARN_FROM,
        thresholdRule: 'principal-head-annual-quota',
        sources: [lc('第二十二条第二款')],
      });
      out.push({
        id: 'lc-principal-head-busy-count',
        profile,
        name: `案件${busy}件以上的主要负责人出庭次数`,
        requirement: `年度发生行政案件${busy}件以上的行政机关，主要负责人至少出庭应诉${Number(quota.busyAgencyMinAppearances)}次`,
        kind: 'min-count',
        figureId: 'principal-head-appearances',
        target: Number(quota.busyAgencyMinAppearances),
        appliesTo: { minCases: busy, note: `本年度新收行政案件${busy}件以上` },
        warnFrom: DEFAULT_WARN_FROM,
        thresholdRule: 'principal-head-annual-quota',
        sources: [lc('第二十二条第二款')],
      });
      out.push({
        id: 'lc-principal-head-busy-rate',
        profile,
        name: '主要负责人出庭应诉率',
        requirement: `年度发生行政案件${busy}件以上的行政机关，全年主要负责人出庭应诉率不低于${pct(Number(quota.busyAgencyMinRate))}`,
        kind: 'min-rate',
        figureId: 'principal-head-appearance-rate',
        target: Number(quota.busyAgencyMinRate),
        appliesTo: { minCases: busy, note: `本年度新收行政案件${busy}件以上` },
        warnFrom: DEFAULT_WARN_FROM,
        thresholdRule: 'principal-head-annual-quota',
        sources: [lc('第二十二条第二款')],
      });
    }
    const county = threshold('liaocheng', 'county-principal-head-annual', year);
    if (county) {
      out.push({
        id: 'lc-county-principal-head',
        profile,
        name: '县级人民政府主要负责人年度出庭',
        requirement: `县（市、区）人民政府和市属开发区管委会主要负责人每年至少出庭应诉${Number(county.minAppearances)}次`,
        kind: 'min-count',
        figureId: 'principal-head-appearances',
        target: Number(county.minAppearances),
        // the ledger has no kind for a development-zone committee yet: county governments only
        appliesTo: { agencyKinds: ['government'], agencyLevels: ['county'], note: '县（市、区）人民政府（市属开发区管委会在台账中尚无单独类型）' },
        warnFrom: DEFAULT_WARN_FROM,
        thresholdRule: 'county-principal-head-annual',
        sources: [lc('第二十一条')],
      });
    }
  }
  if (profile === 'tengzhou') {
    const head = threshold('tengzhou', 'head-appearance-rate', year);
    if (head && typeof head.targetRate === 'number') {
      out.push({
        id: 'tz-every-hearing',
        profile,
        name: '有庭必出',
        requirement: `行政机关负责人有庭必出：负责人出庭应诉率（按庭次）${pct(head.targetRate)}`,
        kind: 'min-rate',
        figureId: 'head-appearance-rate-hearing',
        target: head.targetRate,
        appliesTo: {},
        warnFrom: DEFAULT_WARN_FROM,
        thresholdRule: 'head-appearance-rate',
        sources: [tz('一；三、（三）')],
      });
    }
  }
  return out;
}

/** What each profile says about quotas when it sets none, or in addition. */
export const PROFILE_QUOTA_NOTES: readonly ProfileQuotaNote[] = [
  { profile: 'national', note: '国家层面未规定年度出庭次数或出庭率指标；出庭率按审级统计（法释〔2020〕3号）。', sources: [] },
  { profile: 'yantai', note: '不得硬性设置行政机关负责人出庭应诉率，因此不设出庭指标、不发送指标预警；出庭应诉情况纳入依法行政考核。', sources: [yt('四、（一）')] },
  { profile: 'hunan', note: '未规定出庭次数或出庭率指标；负责人出庭应诉情况纳入法治政府建设考核。', sources: [hn('八、（一）')] },
  { profile: 'liaocheng', note: '负责人出庭应诉率100%；主要负责人每年至少出庭1次，案件10件以上的至少2次且出庭率不低于20%；县级政府主要负责人每年至少1次。', sources: [lc('第二十条'), lc('第二十一条'), lc('第二十二条第二款'), lc('第二十六条')] },
  { profile: 'tengzhou', note: '坚持“有庭必出”：每一庭次均应有负责人出庭。', sources: [tz('一；三、（三）')] },
  { profile: 'jinghai', note: '未规定出庭次数或出庭率指标；出庭应诉情况纳入绩效考核。', sources: [jh('二、（三）4')] },
];

export interface QuotaResult {
  quotaId: string;
  name: string;
  requirement: string;
  kind: QuotaKind;
  figureId: string;
  status: QuotaStatus;
  statusLabel: string;
  /** the count, or the rate (null: nothing to divide by) */
  actual: number | null;
  target: number;
  numerator: number;
  denominator: number | null;
  /** the state in Chinese, with the numbers */
  explanation: string;
  sources: Citation[];
}

export interface QuotaFacts {
  agency: AgencyOfQuota;
  year: number;
  /** the day judged on (Asia/Shanghai) */
  asOf: string;
  /** every figure of the agency for the whole year (figureTotals) */
  totals: FigureTotals;
}

const total = (totals: FigureTotals, id: string) => {
  const t = totals[id];
  if (!t) throw new Error(`figure ${id} missing from the totals`);
  return t;
};

function applies(def: QuotaDefinition, facts: QuotaFacts): string | null {
  const { agencyKinds, agencyLevels, minCases } = def.appliesTo;
  if (agencyKinds && !agencyKinds.includes(facts.agency.kind)) return `仅适用于${def.appliesTo.note ?? '特定单位'}`;
  if (agencyLevels && !agencyLevels.includes(facts.agency.level)) return `仅适用于${def.appliesTo.note ?? '特定单位'}`;
  const cases = total(facts.totals, 'cases-new').numerator;
  if (minCases !== undefined && cases < minCases) return `本年度新收行政案件${cases}件，未达到${minCases}件，不适用`;
  return null;
}

/** Judges one quota for an agency and a year on `facts.asOf`. Pure. */
export function evaluateQuota(def: QuotaDefinition, facts: QuotaFacts): QuotaResult {
  const figure = total(facts.totals, def.figureId);
  const base = { quotaId: def.id, name: def.name, requirement: def.requirement, kind: def.kind, figureId: def.figureId, target: def.target, numerator: figure.numerator, denominator: figure.denominator, sources: def.sources };
  const result = (status: QuotaStatus, actual: number | null, explanation: string): QuotaResult => ({ ...base, status, statusLabel: QUOTA_STATUS_LABELS[status], actual, explanation });
  const notApplicable = applies(def, facts);
  const actual = def.kind === 'min-count' ? figure.numerator : figure.value;
  if (notApplicable) return result('not-applicable', actual, notApplicable);

  const yearOver = facts.asOf > `${facts.year}-12-31`;
  const warnDay = `${facts.year}-${def.warnFrom}`;
  const pending = total(facts.totals, 'cases-pending').numerator;

  if (def.kind === 'min-count') {
    const have = figure.numerator;
    const short = def.target - have;
    const stated = `${facts.year}年主要负责人已出庭应诉${have}次，要求至少${def.target}次`;
    if (short <= 0) return result('met', have, `${stated}，已完成。`);
    if (yearOver) return result('missed', have, `${stated}，全年少${short}次，未完成。`);
    if (facts.asOf >= warnDay) return result('at-risk', have, `${stated}，截至${cnDate(facts.asOf)}仍差${short}次，年内剩余时间不多，请尽快安排主要负责人出庭应诉。`);
    return result('on-track', have, `${stated}，尚差${short}次，年内仍可完成。`);
  }

  const value = figure.value;
  const den = figure.denominator ?? 0;
  const stated = value === null ? `${facts.year}年尚无开庭审理的案件` : `${facts.year}年${nameOf(def)}为${pct(value)}（${figure.numerator}/${den}），要求不低于${pct(def.target)}`;
  if (value === null) return result(yearOver ? 'not-applicable' : 'on-track', null, `${stated}，暂无可计算的出庭率。`);
  if (value + 1e-9 >= def.target) return result(yearOver ? 'met' : 'on-track', value, `${stated}${yearOver ? '，已完成' : '，目前达标'}。`);
  if (yearOver) return result('missed', value, `${stated}，未完成。`);
  // the best the rest of the year can do: every pending case heard with the head (each adds at most one to the numerator)
  const best = Math.min(1, (figure.numerator + pending) / den);
  if (best + 1e-9 < def.target) {
    return result('at-risk', value, `${stated}；即使其余${pending}件未结案件均有${def.figureId === 'principal-head-appearance-rate' ? '主要负责人' : '负责人'}出庭，全年最高只能达到${pct(best)}，无法完成。`);
  }
  if (facts.asOf >= warnDay) return result('at-risk', value, `${stated}，截至${cnDate(facts.asOf)}仍未达标，年内剩余时间不多。`);
  return result('on-track', value, `${stated}，目前未达标，年内仍可提高。`);
}

const nameOf = (def: QuotaDefinition) => (def.figureId === 'principal-head-appearance-rate' ? '主要负责人出庭应诉率' : def.figureId === 'head-appearance-rate-hearing' ? '负责人出庭应诉率（按庭次）' : '负责人出庭应诉率（按案件）');

/** 2026年11月1日 */
export function cnDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Every quota of the agency's profile for the year, judged. */
export function evaluateQuotas(facts: QuotaFacts): QuotaResult[] {
  return quotasFor(facts.agency.profile, facts.year).map((def) => evaluateQuota(def, facts));
}

/** A result that warrants the warning to the principal head and the legal-affairs body. */
export const needsWarning = (r: QuotaResult): boolean => r.status === 'at-risk' || r.status === 'missed';
