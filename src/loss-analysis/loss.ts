// Loss analysis and accountability (败诉分析与问责). Pure part: what a lost case needs per profile — the
// loss analysis report (Jinghai: 30 days from effect, rule loss-analysis-report), the accountability
// letter (15 days from the decision, rule accountability-letter), the loss report (Yantai). Ledger part:
// the repeated-loss analysis over the agency's history (LC Art. 37; TZ §2(1), §3(4)) and the Liaocheng
// enterprise-case seminar thresholds (LC Art. 23, profile rule enterprise-case-seminar).
import type { WorkCalendar } from '../deadlines/calendar.ts';
import { addMonths, formatIsoDate, requireIsoDate } from '../deadlines/dates.ts';
import { computeDeadline, requireProfile, resolveRule } from '../deadlines/engine.ts';
import type { Db } from '../db/database.ts';
import { jh, lc, reason, tz, yt, type Reason } from '../policy-sources/citations.ts';
import { jurisdictionInForce, thresholdParameters, type Jurisdiction } from '../policy-sources/profiles.ts';

export type Outcome = 'won' | 'lost' | 'partly-lost';

export interface LossDeadline {
  rule: string;
  due: string;
  dueAt: string;
  status: string;
  source: string;
  explanation: string;
}

export interface LossFollowUp {
  jurisdiction: Jurisdiction;
  loss: boolean;
  lossAnalysisReport: { required: boolean; deadline: LossDeadline | null; reason: Reason | null };
  /** the accountability letter: its period runs from the accountability decision (decisionOn) */
  accountabilityLetter: { applies: boolean; deadline: LossDeadline | null; reason: Reason | null };
  obligations: Reason[];
}

/** Who decided against the agency: a court, or (recorded as level 'reconsideration') a reconsideration organ. */
export type DecidedBy = 'court' | 'reconsideration';

/** The profiles whose loss figures include losses in administrative reconsideration (行政复议). */
const RECONSIDERATION_LOSSES_COUNT: Partial<Record<Jurisdiction, Reason>> = {
  jinghai: reason('jh-reconsideration-loss', '败诉案件包括人民法院和行政复议机关依法认定的败诉案件', jh('二、（三）3')),
};

/**
 * Whether a decision against the agency counts as a loss (败诉) under the profile in force: a court's
 * always; a reconsideration organ's only where the profile counts it (Jinghai 二、（三）3).
 */
export function countsAsLoss(jurisdiction: Jurisdiction, decision: { outcome: Outcome; decidedBy?: DecidedBy }): boolean {
  if (decision.outcome === 'won') return false;
  return (decision.decidedBy ?? 'court') === 'court' || RECONSIDERATION_LOSSES_COUNT[jurisdiction] !== undefined;
}

/** The decision levels (case_judgments.level) whose losses the jurisdiction's figures count. */
export function countedLevels(jurisdiction: Jurisdiction): string[] {
  return RECONSIDERATION_LOSSES_COUNT[jurisdiction] ? [...COURT_LEVELS, 'reconsideration'] : [...COURT_LEVELS];
}
const COURT_LEVELS = ['first', 'second', 'retrial'] as const;

const hasDeadlineRule = (profile: string, rule: string, date: string) => resolveRule(requireProfile(profile), rule, date)?.rule.kind === 'deadline';
const toDeadline = (cal: WorkCalendar, profile: string, rule: string, trigger: string): LossDeadline => {
  const r = computeDeadline(cal, { profile, rule, trigger });
  return { rule: r.rule, due: r.due, dueAt: r.dueAt, status: r.status, source: r.source, explanation: r.explanation };
};

/** What follows a decision for the loss analysis. `effectiveOn` is when the losing decision took effect. */
export function lossFollowUp(cal: WorkCalendar, input: { profile: string; outcome: Outcome; effectiveOn: string; decisionOn?: string | null; decidedBy?: DecidedBy }): LossFollowUp {
  const j = jurisdictionInForce(input.profile, input.effectiveOn, { profile: 'profile', date: 'effectiveOn' });
  const loss = countsAsLoss(j, input);
  const none: LossFollowUp = {
    jurisdiction: j,
    loss,
    lossAnalysisReport: { required: false, deadline: null, reason: null },
    accountabilityLetter: { applies: false, deadline: null, reason: null },
    obligations: [],
  };
  if (!loss) return none;
  const out = { ...none, obligations: [] as Reason[] };
  if (hasDeadlineRule(input.profile, 'loss-analysis-report', input.effectiveOn)) {
    out.lossAnalysisReport = {
      required: true,
      deadline: toDeadline(cal, input.profile, 'loss-analysis-report', input.effectiveOn),
      reason: reason('jh-loss-analysis-report', '败诉法律文书生效后30日内向区人民政府提交败诉分析报告（败诉案件包括人民法院和行政复议机关依法认定的败诉案件）', jh('二、（三）3')),
    };
  }
  if (hasDeadlineRule(input.profile, 'accountability-letter', input.effectiveOn)) {
    out.accountabilityLetter = {
      applies: true,
      deadline: input.decisionOn ? toDeadline(cal, input.profile, 'accountability-letter', input.decisionOn) : null,
      reason: reason('jh-accountability-letter', '区人民政府作出责任追究处理决定后15日内，区行政复议机构将问责追责意见函告区委组织部，并通报相关法院', jh('二、（三）3')),
    };
  }
  if (input.decidedBy === 'reconsideration') out.obligations.push(RECONSIDERATION_LOSSES_COUNT[j]!);
  if (j === 'yantai') out.obligations.push(reason('yt-loss-report', '建立败诉案件报告制度，认真分析查找问题原因，完善制度措施', yt('二、（六）')));
  if (j === 'tengzhou') out.obligations.push(reason('tz-loss-deduction', '出现行政应诉败诉案件的，在考核中给予扣分', tz('三、（三）')));
  return out;
}

// ---- ledger: outcomes and the repeated-loss analysis -----------------------------------------------

export interface JudgmentOutcomeRow {
  caseId: string;
  /** the court level, or 'reconsideration' for a reconsideration organ's decision (counted where the profile says so) */
  level: 'first' | 'second' | 'retrial' | 'reconsideration';
  kind: 'judgment' | 'ruling' | 'mediation';
  outcome: Outcome;
  servedOn: string;
  effectiveOn?: string | null;
  /** the administrative field; default the case's cause (案由) */
  field?: string | null;
  sourceJobKey?: string | null;
}

/** Records (or replaces) the outcome of a case at a level. Idempotent: a redelivered job changes nothing. */
export async function recordJudgmentOutcome(db: Db, row: JudgmentOutcomeRow): Promise<void> {
  const c = await db('cases').where({ id: row.caseId }).first('agency_id', 'cause', 'flags');
  if (!c) throw new Error(`case ${row.caseId} not found`);
  const parties = await db('case_parties').where({ case_id: row.caseId }).whereIn('role', ['plaintiff', 'third-party']).where({ type: 'enterprise' }).first('id');
  const enterprise = Boolean(parties) || (c.flags ?? {}).enterpriseRelated === true;
  await db('case_judgments')
    .insert({
      case_id: row.caseId,
      agency_id: c.agency_id,
      level: row.level,
      kind: row.kind,
      outcome: row.outcome,
      served_on: row.servedOn,
      effective_on: row.effectiveOn ?? null,
      field: (row.field ?? c.cause).trim(),
      enterprise_related: enterprise,
      source_job_key: row.sourceJobKey ?? null,
    })
    .onConflict(['case_id', 'level'])
    .merge(['kind', 'outcome', 'served_on', 'effective_on', 'field', 'enterprise_related', 'source_job_key', 'recorded_at']);
}

/** How many losses in one field within how long count as "多次" (LC Art. 37 sets no number). */
export const REPEATED_LOSS_POLICY = {
  minLosses: 2,
  windowMonths: 12,
  note: '聊城第三十七条未规定次数，本产品按“12个月内同一领域败诉2件以上”认定（参照滕州二、（一）“一年内发生多起”），可调整',
} as const;

export interface RepeatedLossAnalysis {
  jurisdiction: Jurisdiction;
  field: string;
  window: { from: string; to: string };
  lossesInField: { caseId: string; caseNumber: string; level: string; outcome: Outcome; effectiveOn: string | null }[];
  repeated: boolean;
  /** the analysis and improvement measures LC Art. 37 asks for (report to the agency, copy the justice bureau) */
  analysisRequired: boolean;
  reasons: Reason[];
}

/** The agency's losses in the case's field over the window ending `asOf` (effective or served date). */
export async function repeatedLossAnalysis(db: Db, input: { agencyId: string; profile: string; field: string; asOf: string }): Promise<RepeatedLossAnalysis> {
  const asOfDay = requireIsoDate(input.asOf, 'asOf');
  const j = jurisdictionInForce(input.profile, input.asOf, { profile: 'profile', date: 'asOf' });
  const from = formatIsoDate(addMonths(asOfDay, -REPEATED_LOSS_POLICY.windowMonths).day + 1);
  const rows = await db('case_judgments as j')
    .join('cases as c', 'c.id', 'j.case_id')
    .where('j.agency_id', input.agencyId)
    .where('j.field', input.field.trim())
    .whereIn('j.level', countedLevels(j))
    .whereIn('j.outcome', ['lost', 'partly-lost'])
    .whereRaw('coalesce(j.effective_on, j.served_on) between ? and ?', [from, input.asOf])
    .orderByRaw('coalesce(j.effective_on, j.served_on), j.id')
    .select('j.case_id', 'c.case_number', 'j.level', 'j.outcome', 'j.effective_on');
  // a case lost at two levels is one loss for "repeated" purposes
  const distinctCases = new Set(rows.map((r) => r.case_id));
  const repeated = distinctCases.size >= REPEATED_LOSS_POLICY.minLosses;
  const reasons: Reason[] = [];
  if (repeated) {
    reasons.push(
      j === 'liaocheng'
        ? reason('lc-repeated-loss-analysis', `“${input.field}”领域${REPEATED_LOSS_POLICY.windowMonths}个月内败诉${distinctCases.size}件：应诉承办单位应当分析研究、制定改进措施，报送应诉行政机关并抄送同级司法行政机关`, lc('第三十七条', REPEATED_LOSS_POLICY.note))
        : j === 'tengzhou'
          ? reason('tz-repeated-loss', `“${input.field}”领域一年内败诉${distinctCases.size}件：因同类问题未整改再次败诉的予以通报批评；造成不良社会影响的追究正职负责人责任`, tz('二、（一）；三、（四）', REPEATED_LOSS_POLICY.note))
          : reason('repeated-loss-review', `“${input.field}”领域${REPEATED_LOSS_POLICY.windowMonths}个月内败诉${distinctCases.size}件，建议分析原因、完善制度措施`, j === 'yantai' ? yt('二、（六）') : lc('第三十七条', '本辖区无对应规定，参照聊城第三十七条提示')),
    );
  }
  return {
    jurisdiction: j,
    field: input.field,
    window: { from, to: input.asOf },
    lossesInField: rows.map((r) => ({ caseId: r.case_id, caseNumber: r.case_number, level: r.level, outcome: r.outcome, effectiveOn: r.effective_on })),
    repeated,
    analysisRequired: repeated,
    reasons,
  };
}

// ---- Liaocheng enterprise-case seminar (LC Art. 23) -------------------------------------------------

/** An agency's enterprise cases (涉企行政案件: an enterprise is plaintiff or third party) in a calendar year. */
export interface EnterpriseCaseFigures {
  year: number;
  /** cases that arose (were received) in the year: "年度发生涉企行政案件" */
  cases: number;
  /** cases whose decision took effect in the year: the loss rate's denominator (the text does not define it) */
  decided: number;
  /** of those, the cases lost or partly lost */
  losses: number;
}

export interface EnterpriseSeminarDecision extends EnterpriseCaseFigures {
  lossRate: number | null;
  /** the year is over: its loss rate is final */
  yearClosed: boolean;
  seminarRequired: boolean;
  trigger: 'cases' | 'loss-rate' | null;
  reason: Reason | null;
}

const percent = (rate: number) => `${Number((rate * 100).toFixed(1))}%`;

/**
 * LC Art. 23: a city department whose enterprise cases in a calendar year number more than 20, or
 * whose loss rate that year is above 10 %, holds a case seminar. The count only grows, so passing 20
 * decides at once; the loss rate is the year's, so it decides only once the year is over (one lost
 * case in January is a rate of 100 % and says nothing about the year).
 */
export function enterpriseSeminarDecision(f: EnterpriseCaseFigures, at: { asOf: string; casesMoreThan?: number; lossRateMoreThan?: number }): EnterpriseSeminarDecision {
  const casesMoreThan = at.casesMoreThan ?? 20;
  const lossRateMoreThan = at.lossRateMoreThan ?? 0.1;
  requireIsoDate(at.asOf, 'asOf');
  const yearClosed = at.asOf > `${f.year}-12-31`;
  const lossRate = f.decided ? f.losses / f.decided : null;
  const trigger = f.cases > casesMoreThan ? 'cases' : yearClosed && lossRate !== null && lossRate > lossRateMoreThan ? 'loss-rate' : null;
  const figures = `${f.year}年涉企行政案件${f.cases}件；生效裁判${f.decided}件，败诉${f.losses}件${lossRate === null ? '' : `（败诉率${percent(lossRate)}）`}`;
  const why = trigger
    ? reason('lc-enterprise-seminar', `${figures}：${trigger === 'cases' ? `年度涉企行政案件超过${casesMoreThan}件` : `年度败诉率超过${percent(lossRateMoreThan)}`}，市直部门应当召开案件研讨会，研究解决涉企执法中存在的倾向性问题`, lc('第二十三条'))
    : null;
  return { ...f, lossRate, yearClosed, seminarRequired: trigger !== null, trigger, reason: why };
}

/** The agency's enterprise-case figures for a calendar year, from the ledger. */
export async function enterpriseCaseFigures(db: Db, agencyId: string, year: number): Promise<EnterpriseCaseFigures> {
  const [{ cases }] = await db('cases as c')
    .where('c.agency_id', agencyId)
    .whereRaw('extract(year from c.complaint_received_on) = ?', [year])
    .where((q) =>
      q
        .whereRaw("(c.flags->>'enterpriseRelated')::boolean is true")
        .orWhereExists((p) => p.from('case_parties as p').whereRaw('p.case_id = c.id').whereIn('p.role', ['plaintiff', 'third-party']).where('p.type', 'enterprise')),
    )
    .select(db.raw('count(*)::int as cases'));
  const [{ decided, losses }] = await db('case_judgments')
    .where({ agency_id: agencyId, enterprise_related: true })
    .whereIn('level', countedLevels('liaocheng'))
    .whereNotNull('effective_on')
    .whereRaw('extract(year from effective_on) = ?', [year])
    .select(db.raw('count(distinct case_id)::int as decided'), db.raw("count(distinct case_id) filter (where outcome <> 'won')::int as losses"));
  return { year, cases, decided, losses };
}

export interface EnterpriseSeminarCheck {
  /** the year the effective decision falls in (count so far) and the year before (final) */
  years: EnterpriseSeminarDecision[];
  /** the year a seminar is now due for, once per agency and year; null when none */
  seminarYear: number | null;
  reason: Reason | null;
}

/** The case event that carries a seminar's year once the loss analysis asked for it (one per agency and year). */
export const SEMINAR_EVENT = { type: 'loss-assessed', yearKey: 'enterpriseSeminarYear' } as const;

/**
 * Whether a Liaocheng city department must now hold the Art. 23 seminar: for the year of `asOf`
 * (the count so far) or the year before (complete, with its loss rate), unless an earlier loss
 * analysis of the agency already asked for that year's seminar. `jobKey`: the asking job, so a
 * redelivered job gets the same answer. null where Art. 23 does not apply (other profiles, other agencies).
 */
export async function enterpriseSeminarCheck(db: Db, input: { agencyId: string; profile: string; asOf: string; jobKey?: string | null }): Promise<EnterpriseSeminarCheck | null> {
  if (jurisdictionInForce(input.profile, input.asOf, { profile: 'profile', date: 'asOf' }) !== 'liaocheng') return null;
  const agency = await db('agencies').where({ id: input.agencyId }).first('kind', 'level');
  // "市直部门": the city government's departments
  if (agency?.kind !== 'department' || agency.level !== 'city') return null;
  const t = thresholdParameters(input.profile, 'enterprise-case-seminar', input.asOf)?.parameters;
  const thisYear = Number(input.asOf.slice(0, 4));
  const years: EnterpriseSeminarDecision[] = [];
  for (const year of [thisYear - 1, thisYear]) {
    if (jurisdictionInForce(input.profile, `${year}-12-31`, { profile: 'profile', date: 'asOf' }) !== 'liaocheng') continue;
    const figures = await enterpriseCaseFigures(db, input.agencyId, year);
    years.push(enterpriseSeminarDecision(figures, { asOf: input.asOf, casesMoreThan: Number(t?.casesMoreThan ?? 20), lossRateMoreThan: Number(t?.lossRateMoreThan ?? 0.1) }));
  }
  for (const d of years.filter((y) => y.seminarRequired)) {
    const asked = await db('case_events as e')
      .join('cases as c', 'c.id', 'e.case_id')
      .where('c.agency_id', input.agencyId)
      .where('e.type', SEMINAR_EVENT.type)
      .whereRaw(`e.payload->>'${SEMINAR_EVENT.yearKey}' = ?`, [String(d.year)])
      .whereRaw('e.source_job_key is distinct from ?', [input.jobKey ?? null])
      .first('e.id');
    if (!asked) return { years, seminarYear: d.year, reason: d.reason };
  }
  return { years, seminarYear: null, reason: null };
}

