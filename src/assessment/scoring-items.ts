// The assessment (考核) scoring items each policy lists, as data with points and sources, and how one
// item is scored for an agency and a year from the ledger's figures. The policies name what is
// assessed (YT 四（一）, HN 八（一）, LC 第七条/第二十六条, TZ 三（三）, JH 二、（三）4) but none sets point
// values: the points here are the product's defaults (each profile's items add up to 100), which
// a justice bureau reviews and adjusts item by item with a reason (score-sheets.ts).
import type { Citation } from '../deadlines/rules.ts';
import { ALL, HEAD_PROVISIONS, hn, jh, law, lc, tz, yt } from '../policy-sources/citations.ts';
import type { FigureTotals } from '../statistics/figure-queries.ts';
import type { QuotaResult } from './quotas.ts';

/**
 * per-unit: points off for each unit of a figure — its numerator when that is the failing (败诉、逾期答辩),
 *   or what the numerator lacks of the denominator (shortfall: hearings without a head, late performance);
 * quota: points off for each of the profile's quotas missed in the year (quotas.ts);
 * manual: not in the ledger (capacity building, …): full points until the justice bureau adjusts;
 * review: the ledger's figure is shown, but the policy forbids a hard-set rate, so it is judged by the justice bureau.
 */
export type ItemBasis = 'per-unit' | 'quota' | 'manual' | 'review';

export interface ScoringItem {
  id: string;
  profile: string;
  /** 负责人出庭应诉 */
  name: string;
  maxPoints: number;
  basis: ItemBasis;
  /** per-unit and review: the figure of figure-catalogue.ts */
  figureId?: string;
  /** per-unit: numerator = each unit of the numerator fails; shortfall = each unit of the denominator outside the numerator fails */
  side?: 'numerator' | 'shortfall';
  /** per-unit: points off per unit; quota: per quota missed */
  pointsPerUnit?: number;
  /** the unit in Chinese (件, 个审级, 庭次, 项) */
  unitLabel?: string;
  /** what one failing unit is, in Chinese (案件败诉, 负责人未出庭) */
  failing?: string;
  /** quota: the quotas counted */
  quotaIds?: string[];
  /** the scoring rule in one Chinese sentence (评分标准) */
  rule: string;
  sources: Citation[];
}

const NATIONAL_NOTE = '国家层面未规定考核分值，为产品默认项目';

const item = (i: ScoringItem) => i;

export const SCORING_ITEMS: readonly ScoringItem[] = [
  // ── national (the demo region and any agency without a local policy): a default set
  item({ id: 'national-head-appearance', profile: 'national', name: '负责人出庭应诉', maxPoints: 40, basis: 'per-unit', figureId: 'head-appearance-rate-instance', side: 'shortfall', pointsPerUnit: 4, unitLabel: '个审级', failing: '负责人未出庭应诉', rule: '开庭审理的审级中负责人未出庭应诉的，每个审级扣4分，扣完为止', sources: [law(ALL, '第三条第三款', NATIONAL_NOTE), law(HEAD_PROVISIONS, '第一条')] }),
  item({ id: 'national-answers', profile: 'national', name: '依法答辩举证', maxPoints: 20, basis: 'per-unit', figureId: 'answers-late', side: 'numerator', pointsPerUnit: 4, unitLabel: '次', failing: '逾期答辩或未答辩', rule: '逾期提交答辩状、证据或期限届满未答辩的，每次扣4分', sources: [law(ALL, '第六十七条', NATIONAL_NOTE)] }),
  item({ id: 'national-performance', profile: 'national', name: '履行生效裁判', maxPoints: 40, basis: 'per-unit', figureId: 'performance-on-time', side: 'shortfall', pointsPerUnit: 10, unitLabel: '项', failing: '未按期履行生效裁判', rule: '生效裁判未按计划期限履行完毕的，每项扣10分', sources: [law(ALL, '第九十四条', NATIONAL_NOTE), law(ALL, '第九十六条')] }),

  // ── Yantai 四（一）: 出庭应诉、履行法院生效裁判及调解书、败诉案件报告 into the yearly assessment; no hard-set rate
  item({ id: 'yt-appearance', profile: 'yantai', name: '出庭应诉情况', maxPoints: 30, basis: 'review', figureId: 'head-appearance-rate-case', rule: '负责人出庭应诉情况由司法局结合案件评定；不得硬性设置出庭应诉率，系统不按出庭率自动扣分', sources: [yt('四、（一）')] }),
  item({ id: 'yt-performance', profile: 'yantai', name: '履行法院生效裁判及调解书', maxPoints: 40, basis: 'per-unit', figureId: 'performance-on-time', side: 'shortfall', pointsPerUnit: 10, unitLabel: '项', failing: '未按期履行生效裁判或调解书', rule: '生效裁判、调解书未按期履行的，每项扣10分', sources: [yt('四、（一）'), yt('二、（六）')] }),
  item({ id: 'yt-loss-report', profile: 'yantai', name: '败诉案件报告', maxPoints: 30, basis: 'manual', figureId: 'loss-rate', rule: '败诉案件是否按规定报告，由司法局核实后评定（台账列出本年度败诉案件供核对）', sources: [yt('四、（一）')] }),

  // ── Hunan 八（一）
  item({ id: 'hn-head-appearance', profile: 'hunan', name: '行政机关负责人出庭应诉', maxPoints: 25, basis: 'per-unit', figureId: 'head-appearance-rate-instance', side: 'shortfall', pointsPerUnit: 3, unitLabel: '个审级', failing: '负责人未出庭应诉', rule: '开庭审理的审级中负责人未出庭应诉的，每个审级扣3分', sources: [hn('八、（一）'), hn('四、（一）')] }),
  item({ id: 'hn-outcome', profile: 'hunan', name: '行政诉讼案件裁判结果', maxPoints: 25, basis: 'per-unit', figureId: 'loss-rate', side: 'numerator', pointsPerUnit: 5, unitLabel: '件', failing: '败诉（含部分败诉）', rule: '本年度审结案件中败诉或部分败诉的，每件扣5分', sources: [hn('八、（一）')] }),
  item({ id: 'hn-performance', profile: 'hunan', name: '执行人民法院生效裁判', maxPoints: 20, basis: 'per-unit', figureId: 'performance-on-time', side: 'shortfall', pointsPerUnit: 5, unitLabel: '项', failing: '未按期履行生效裁判', rule: '生效裁判未按期履行的，每项扣5分', sources: [hn('八、（一）'), hn('五、（二）')] }),
  item({ id: 'hn-recommendations', profile: 'hunan', name: '研究落实人民法院司法建议', maxPoints: 15, basis: 'per-unit', figureId: 'recommendations-replied-on-time', side: 'shortfall', pointsPerUnit: 5, unitLabel: '份', failing: '司法建议未按期回复', rule: '司法建议未在期限内书面回复的，每份扣5分', sources: [hn('八、（一）'), hn('七、（四）')] }),
  item({ id: 'hn-capacity', profile: 'hunan', name: '行政应诉能力建设', maxPoints: 15, basis: 'manual', rule: '队伍、培训、经费等能力建设情况由司法局评定', sources: [hn('八、（一）')] }),

  // ── Liaocheng 第七条, 第二十六条 (deduction for heads not appearing), 第二十一、二十二条 (quotas)
  item({ id: 'lc-head-appearance', profile: 'liaocheng', name: '行政机关负责人出庭应诉', maxPoints: 25, basis: 'per-unit', figureId: 'head-appearance-rate-case', side: 'shortfall', pointsPerUnit: 5, unitLabel: '件', failing: '负责人未出庭应诉', rule: '开庭审理的案件负责人未出庭应诉的，每件扣5分（年底扣减考核分数）', sources: [lc('第七条'), lc('第二十条'), lc('第二十六条')] }),
  item({ id: 'lc-principal-head-quota', profile: 'liaocheng', name: '主要负责人出庭应诉指标', maxPoints: 15, basis: 'quota', quotaIds: ['lc-principal-head-annual', 'lc-principal-head-busy-count', 'lc-principal-head-busy-rate', 'lc-county-principal-head'], pointsPerUnit: 5, unitLabel: '项', failing: '年度指标未完成', rule: '主要负责人年度出庭次数、出庭率指标每有一项未完成扣5分', sources: [lc('第二十一条'), lc('第二十二条第二款'), lc('第二十六条')] }),
  item({ id: 'lc-court-support', profile: 'liaocheng', name: '支持人民法院受理和审理行政案件', maxPoints: 15, basis: 'per-unit', figureId: 'answers-late', side: 'numerator', pointsPerUnit: 3, unitLabel: '次', failing: '逾期答辩或未答辩', rule: '未在法定期限内答辩举证的，每次扣3分', sources: [lc('第七条'), lc('第十三条')] }),
  item({ id: 'lc-performance', profile: 'liaocheng', name: '执行人民法院生效裁判', maxPoints: 20, basis: 'per-unit', figureId: 'performance-on-time', side: 'shortfall', pointsPerUnit: 5, unitLabel: '项', failing: '未按期履行生效裁判', rule: '生效裁判未按期履行的，每项扣5分', sources: [lc('第七条'), lc('第三十五条')] }),
  item({ id: 'lc-procuratorate', profile: 'liaocheng', name: '配合人民检察院法律监督', maxPoints: 10, basis: 'manual', rule: '配合检察机关法律监督工作的情况由司法局评定', sources: [lc('第七条')] }),
  item({ id: 'lc-capacity', profile: 'liaocheng', name: '行政应诉能力建设', maxPoints: 15, basis: 'manual', rule: '队伍、培训、旁听庭审等能力建设情况由司法局评定', sources: [lc('第七条'), lc('第四十条'), lc('第四十一条')] }),

  // ── Tengzhou 三（三）: points off for each lost case and each time no head appeared (有庭必出)
  item({ id: 'tz-loss', profile: 'tengzhou', name: '行政应诉败诉', maxPoints: 50, basis: 'per-unit', figureId: 'loss-rate', side: 'numerator', pointsPerUnit: 5, unitLabel: '件', failing: '败诉（含部分败诉）', rule: '出现行政应诉败诉案件的，每件扣5分', sources: [tz('三、（三）')] }),
  item({ id: 'tz-head-appearance', profile: 'tengzhou', name: '行政机关负责人出庭应诉', maxPoints: 50, basis: 'per-unit', figureId: 'head-appearance-rate-hearing', side: 'shortfall', pointsPerUnit: 5, unitLabel: '庭次', failing: '负责人未出庭应诉', rule: '坚持“有庭必出”，负责人不出庭应诉的，每庭次扣5分', sources: [tz('三、（三）'), tz('一')] }),

  // ── Jinghai 二、（三）4 (losses include reconsideration losses, 二、（三）3)
  item({ id: 'jh-appearance', profile: 'jinghai', name: '行政机关出庭应诉', maxPoints: 25, basis: 'per-unit', figureId: 'head-appearance-rate-instance', side: 'shortfall', pointsPerUnit: 3, unitLabel: '个审级', failing: '负责人未出庭应诉', rule: '开庭审理的审级中负责人未出庭应诉的，每个审级扣3分', sources: [jh('二、（三）4'), jh('一、（4）')] }),
  item({ id: 'jh-court-support', profile: 'jinghai', name: '支持人民法院受理和审理行政案件', maxPoints: 15, basis: 'per-unit', figureId: 'answers-late', side: 'numerator', pointsPerUnit: 3, unitLabel: '次', failing: '逾期答辩或未答辩', rule: '未在法定期限内答辩举证的，每次扣3分', sources: [jh('二、（三）4'), jh('一、（二）2')] }),
  item({ id: 'jh-performance', profile: 'jinghai', name: '执行人民法院生效裁判', maxPoints: 20, basis: 'per-unit', figureId: 'performance-on-time', side: 'shortfall', pointsPerUnit: 5, unitLabel: '项', failing: '未按期履行生效裁判', rule: '生效裁判未按期履行的，每项扣5分', sources: [jh('二、（三）4'), jh('一、（七）')] }),
  item({ id: 'jh-capacity', profile: 'jinghai', name: '行政应诉能力建设', maxPoints: 15, basis: 'manual', rule: '队伍、培训、经费等能力建设情况由区行政复议机构评定', sources: [jh('二、（三）4'), jh('一、（8）')] }),
  item({ id: 'jh-loss', profile: 'jinghai', name: '行政案件败诉情况', maxPoints: 25, basis: 'per-unit', figureId: 'loss-rate', side: 'numerator', pointsPerUnit: 5, unitLabel: '件', failing: '败诉（含行政复议机关认定的败诉）', rule: '败诉案件（含人民法院和行政复议机关认定的败诉）每件扣5分', sources: [jh('二、（三）4'), jh('二、（三）3')] }),
];

export const itemsFor = (profile: string): ScoringItem[] => {
  const own = SCORING_ITEMS.filter((i) => i.profile === profile);
  return own.length ? own : SCORING_ITEMS.filter((i) => i.profile === 'national');
};

export interface ItemScore {
  itemId: string;
  name: string;
  basis: ItemBasis;
  maxPoints: number;
  /** points off computed from the ledger (0 for manual and review items) */
  deduction: number;
  /** maxPoints − deduction, before any adjustment */
  computedScore: number;
  /** failing units (lost cases, hearings without a head, quotas missed) */
  units: number;
  /** why, in Chinese, with the numbers */
  explanation: string;
  rule: string;
  figureId: string | null;
  side: 'numerator' | 'shortfall' | null;
  sources: Citation[];
}

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

/** Scores one item from the year's figures and quota results. Pure. */
export function scoreItem(item: ScoringItem, totals: FigureTotals, quotas: readonly QuotaResult[]): ItemScore {
  const base = { itemId: item.id, name: item.name, basis: item.basis, maxPoints: item.maxPoints, rule: item.rule, figureId: item.figureId ?? null, side: item.side ?? null, sources: item.sources };
  const done = (units: number, deduction: number, explanation: string): ItemScore => {
    const capped = Math.min(item.maxPoints, deduction);
    return { ...base, units, deduction: capped, computedScore: item.maxPoints - capped, explanation };
  };
  if (item.basis === 'per-unit') {
    const f = totals[item.figureId!];
    if (!f) throw new Error(`figure ${item.figureId} missing from the totals`);
    const units = item.side === 'numerator' ? f.numerator : Math.max(0, (f.denominator ?? 0) - f.numerator);
    const raw = units * item.pointsPerUnit!;
    const counted = item.side === 'numerator' ? `${f.denominator === null ? '' : `共${f.denominator}${item.unitLabel}，其中`}` : `共${f.denominator ?? 0}${item.unitLabel}，已达标${f.numerator}${item.unitLabel}，`;
    if (!units && !f.numerator && !f.denominator) return done(0, 0, '本年度台账中无应计入本项的记录，不扣分。');
    if (!units) return done(0, 0, `${counted}${item.failing}0${item.unitLabel}，不扣分。`);
    const capNote = raw > item.maxPoints ? `（应扣${raw}分，以本项满分${item.maxPoints}分为限）` : '';
    return done(units, raw, `${counted}${item.failing}${units}${item.unitLabel}，每${item.unitLabel}扣${item.pointsPerUnit}分，扣${Math.min(raw, item.maxPoints)}分${capNote}。`);
  }
  if (item.basis === 'quota') {
    const own = quotas.filter((q) => item.quotaIds!.includes(q.quotaId));
    const missed = own.filter((q) => q.status === 'missed');
    const atRisk = own.filter((q) => q.status === 'at-risk');
    const applicable = own.filter((q) => q.status !== 'not-applicable');
    const parts = [
      applicable.length ? `适用指标${applicable.length}项` : '本年度无适用的指标',
      ...missed.map((q) => `未完成：${q.name}（${q.explanation}）`),
      ...atRisk.map((q) => `存在风险（年度结束后未完成方扣分）：${q.name}`),
    ];
    const raw = missed.length * item.pointsPerUnit!;
    return done(missed.length, raw, `${parts.join('；')}${missed.length ? `，每项扣${item.pointsPerUnit}分，扣${Math.min(raw, item.maxPoints)}分` : '，不扣分'}。`);
  }
  if (item.basis === 'review') {
    const f = item.figureId ? totals[item.figureId] : undefined;
    const figure = f ? `本年度负责人出庭应诉率（按案件）${pct(f.value)}（${f.numerator}/${f.denominator ?? 0}）` : '';
    return done(0, 0, `${figure}；不得硬性设置出庭应诉率，系统不自动扣分，由司法局结合案件情况评定。`);
  }
  const f = item.figureId ? totals[item.figureId] : undefined;
  const hint = f ? `本年度败诉案件${f.numerator}件，请核对是否均已按规定报告；` : '';
  return done(0, 0, `${hint}台账中无此项数据，默认满分，由司法局评定后调整。`);
}
