// The figures computed in plain TypeScript from the ledger facts, following the written definitions
// of figure-catalogue.ts line by line. It is the reference the SQL computation (figures-sql.ts) is
// checked against, and what the unit tests of each definition run on a hand-built ledger.
import { shanghaiDateOf } from '../deadlines/dates.ts';
import { definitionOf, figureValue, type BreakdownRow, type FigureQuery, type FigureValues } from './figure-values.ts';
import { opensInstance } from '../hearing/case-facts.ts';
import { ANSWER_RULE_LEVELS, RECONSIDERATION_LOSS_PROFILES, type CaseFact, type EventFact, type JudgmentFact, type LedgerFacts } from './ledger-facts.ts';

const COURT_LEVELS = ['first', 'second', 'retrial'];
const LEVEL_RANK: Record<string, number> = { first: 1, second: 2, retrial: 3 };
const LOST = ['lost', 'partly-lost'];

const isTrue = (v: unknown) => v === true || v === 'true';
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const between = (day: string | null, from: string, to: string) => day !== null && day >= from && day <= to;

export interface Closure {
  closedOn: string | null;
  closedBy: 'withdrawn' | 'settled' | 'decided' | null;
  decision: JudgmentFact | null;
}

/** The latest effective court decision of a case (a retrial's replaces the earlier one). */
export function closingDecision(judgments: readonly JudgmentFact[]): JudgmentFact | null {
  const court = judgments.filter((j) => COURT_LEVELS.includes(j.level) && j.effectiveOn !== null);
  court.sort((a, b) => (a.effectiveOn! < b.effectiveOn! ? 1 : a.effectiveOn! > b.effectiveOn! ? -1 : (LEVEL_RANK[b.level] ?? 0) - (LEVEL_RANK[a.level] ?? 0)));
  return court[0] ?? null;
}

/** When and how a case closed (审结), per the catalogue's rule. */
export function closureOf(c: CaseFact, judgments: readonly JudgmentFact[], events: readonly EventFact[]): Closure {
  const statusDay = (status: string) => {
    const days = events.filter((e) => e.type === 'stage-changed' && (e.payload.to as any)?.status === status).map((e) => shanghaiDateOf(e.occurredAt));
    return days.sort()[0] ?? null;
  };
  const decision = closingDecision(judgments);
  if (c.status === 'withdrawn') return { closedOn: c.withdrawnOn ?? statusDay('withdrawn'), closedBy: 'withdrawn', decision };
  if (c.status === 'settled') return { closedOn: statusDay('settled'), closedBy: 'settled', decision };
  return decision ? { closedOn: decision.effectiveOn, closedBy: 'decided', decision } : { closedOn: null, closedBy: null, decision: null };
}

interface Hearing {
  caseId: string;
  key: string;
  /** the trial instance: how many instance-opening stage changes of the case came before, and the level */
  instance: string;
  heldOn: string;
  head: boolean;
  principal: boolean;
}

/**
 * One hearing per case, trial and hearing key (the latest record of it), with its date. A trial
 * instance opens with a stage change (opensInstance): a remanded first-instance trial is a new
 * instance, even with the same hearing keys.
 */
export function hearingsOf(events: readonly EventFact[]): Hearing[] {
  const opened = new Map<string, number>();
  const latest = new Map<string, { e: EventFact; trial: number }>();
  for (const e of [...events].sort((a, b) => Number(a.id) - Number(b.id))) {
    if (e.type === 'stage-changed' && opensInstance(e.payload)) opened.set(e.caseId, (opened.get(e.caseId) ?? 0) + 1);
    const trial = opened.get(e.caseId) ?? 0;
    if (e.type === 'hearing-held') latest.set(`${e.caseId}|${trial}|${text(e.payload.hearingKey) ?? 'first'}`, { e, trial });
  }
  const out: Hearing[] = [];
  for (const { e, trial } of latest.values()) {
    const key = text(e.payload.hearingKey) ?? 'first';
    const heldOn = (text(e.payload.heldOn) ?? text(e.payload.hearingAt))?.slice(0, 10) ?? null;
    if (!heldOn) continue;
    out.push({ caseId: e.caseId, key, instance: `${trial}|${key.split('_')[0] ?? key}`, heldOn, head: isTrue(e.payload.headAppeared), principal: isTrue(e.payload.principalHeadAppeared) });
  }
  return out;
}

const groupBy = <T>(items: readonly T[], key: (t: T) => string) => {
  const m = new Map<string, T[]>();
  for (const t of items) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
  return m;
};

/** Every figure of the catalogue for the cases of `q.agencyIds` in the period `q.from`–`q.to`. */
export function computeFiguresReference(facts: LedgerFacts, q: FigureQuery): FigureValues {
  const { from, to, asOf } = q;
  const agencies = new Set(q.agencyIds);
  const profileOf = new Map(facts.agencies.map((a) => [a.id, a.profile]));
  const cases = facts.cases.filter((c) => agencies.has(c.agencyId));
  const ids = new Set(cases.map((c) => c.id));
  const judgmentsOf = groupBy(facts.judgments.filter((j) => ids.has(j.caseId)), (j) => j.caseId);
  const events = facts.events.filter((e) => ids.has(e.caseId));
  const eventsOf = groupBy(events, (e) => e.caseId);
  const closure = new Map(cases.map((c) => [c.id, closureOf(c, judgmentsOf.get(c.id) ?? [], eventsOf.get(c.id) ?? [])]));
  const closedInPeriod = cases.filter((c) => between(closure.get(c.id)!.closedOn, from, to));
  const received = cases.filter((c) => between(c.complaintReceivedOn, from, to));
  const enterpriseParty = new Set(facts.parties.filter((p) => (p.role === 'plaintiff' || p.role === 'third-party') && p.type === 'enterprise').map((p) => p.caseId));
  const enterprise = new Set(cases.filter((c) => isTrue(c.flags.enterpriseRelated) || enterpriseParty.has(c.id)).map((c) => c.id));
  const out: FigureValues = {};
  const put = (id: string, numerator: number, denominator: number | null, caseIds: Iterable<string>, breakdown?: BreakdownRow[]) => {
    out[id] = figureValue(definitionOf(id), numerator, denominator, caseIds, breakdown);
  };

  // ---- cases -------------------------------------------------------------------------------------
  put('cases-new', received.length, null, received.map((c) => c.id));
  put('cases-closed', closedInPeriod.length, null, closedInPeriod.map((c) => c.id));
  const pending = cases.filter((c) => c.complaintReceivedOn <= to && !(closure.get(c.id)!.closedOn !== null && closure.get(c.id)!.closedOn! <= to));
  put('cases-pending', pending.length, null, pending.map((c) => c.id));

  // ---- head appearance ---------------------------------------------------------------------------
  const hearings = hearingsOf(events);
  const instances = [...groupBy(hearings, (h) => `${h.caseId}|${h.instance}`).values()]
    .filter((hs) => hs.some((h) => between(h.heldOn, from, to)))
    .map((hs) => ({ caseId: hs[0]!.caseId, head: hs.some((h) => h.heldOn <= to && h.head), principal: hs.some((h) => h.heldOn <= to && h.principal) }));
  const instanceAppeared = instances.filter((i) => i.head);
  put('head-appearance-rate-instance', instanceAppeared.length, instances.length, instanceAppeared.map((i) => i.caseId));
  const heardCases = [...groupBy(instances, (i) => i.caseId).entries()].map(([caseId, is]) => ({ caseId, head: is.some((i) => i.head), principal: is.some((i) => i.principal) }));
  const caseAppeared = heardCases.filter((c) => c.head);
  put('head-appearance-rate-case', caseAppeared.length, heardCases.length, caseAppeared.map((c) => c.caseId));
  const sessions = hearings.filter((h) => between(h.heldOn, from, to));
  const sessionAppeared = sessions.filter((h) => h.head);
  put('head-appearance-rate-hearing', sessionAppeared.length, sessions.length, sessionAppeared.map((h) => h.caseId));
  const principalSessions = sessions.filter((h) => h.principal);
  put('principal-head-appearances', principalSessions.length, null, principalSessions.map((h) => h.caseId));
  const principalCases = heardCases.filter((c) => c.principal);
  put('principal-head-appearance-rate', principalCases.length, heardCases.length, principalCases.map((c) => c.caseId));

  // ---- outcomes ----------------------------------------------------------------------------------
  const lossUnits = new Map<string, boolean>();
  for (const c of closedInPeriod) {
    const cl = closure.get(c.id)!;
    lossUnits.set(c.id, cl.closedBy === 'decided' && LOST.includes(cl.decision!.outcome));
  }
  for (const c of cases) {
    if (!RECONSIDERATION_LOSS_PROFILES.includes(profileOf.get(c.agencyId) ?? '')) continue;
    for (const j of judgmentsOf.get(c.id) ?? []) {
      if (j.level !== 'reconsideration' || !between(j.effectiveOn ?? j.servedOn, from, to)) continue;
      lossUnits.set(c.id, (lossUnits.get(c.id) ?? false) || LOST.includes(j.outcome));
    }
  }
  const lost = [...lossUnits].filter(([, l]) => l).map(([id]) => id);
  put('loss-rate', lost.length, lossUnits.size, lost);
  const withdrawn = closedInPeriod.filter((c) => closure.get(c.id)!.closedBy === 'withdrawn');
  put('withdrawal-rate', withdrawn.length, closedInPeriod.length, withdrawn.map((c) => c.id));
  const settled = closedInPeriod.filter((c) => {
    const cl = closure.get(c.id)!;
    return cl.closedBy === 'settled' || (cl.closedBy === 'withdrawn' && c.settlementStatus === 'withdrawn') || (cl.closedBy === 'decided' && cl.decision!.kind === 'mediation');
  });
  put('settlement-rate', settled.length, closedInPeriod.length, settled.map((c) => c.id));

  // ---- enterprise cases --------------------------------------------------------------------------
  const newEnterprise = received.filter((c) => enterprise.has(c.id));
  put('enterprise-cases', newEnterprise.length, null, newEnterprise.map((c) => c.id));
  const enterpriseUnits = [...lossUnits.keys()].filter((id) => enterprise.has(id));
  const enterpriseLost = enterpriseUnits.filter((id) => lossUnits.get(id));
  put('enterprise-loss-rate', enterpriseLost.length, enterpriseUnits.length, enterpriseLost);

  // ---- performance and recommendations -----------------------------------------------------------
  const performanceKey = (e: EventFact) => e.processInstanceKey ?? e.caseId;
  const plans = new Map<string, { caseId: string; dueOn: string }>();
  const completed = new Map<string, string>();
  for (const e of events) {
    const key = performanceKey(e);
    if (e.type === 'performance-planned' && text(e.payload.dueOn)) plans.set(key, { caseId: e.caseId, dueOn: text(e.payload.dueOn)!.slice(0, 10) });
    if (e.type === 'performance-completed' && text(e.payload.completedOn)) {
      const on = text(e.payload.completedOn)!.slice(0, 10);
      if (!completed.has(key) || on < completed.get(key)!) completed.set(key, on);
    }
  }
  const duePlans = [...plans].filter(([, p]) => between(p.dueOn, from, to));
  const onTimePlans = duePlans.filter(([key, p]) => completed.has(key) && completed.get(key)! <= p.dueOn);
  put('performance-on-time', onTimePlans.length, duePlans.length, onTimePlans.map(([, p]) => p.caseId));

  // each court event is one recommendation (key r<event id>); its reply names the key, or (recorded
  // before keys) the receipt date and kind — the matching of src/recommendations/case-recommendations.ts
  const kindOfReceived = (e: EventFact) => (e.type === 'court-event:procuratorial-recommendation' ? 'procuratorial' : (text(e.payload.kind) ?? 'judicial'));
  const replies = events
    .filter((e) => e.type === 'judicial-recommendation-replied')
    .map((e) => {
      const replied = text(e.payload.repliedOn)?.slice(0, 10);
      const due = text(e.payload.replyDue)?.slice(0, 10);
      return { caseId: e.caseId, key: text(e.payload.recommendationKey), receivedOn: text(e.payload.receivedOn)?.slice(0, 10) ?? null, kind: text(e.payload.kind) ?? 'judicial', onTime: Boolean(replied && due && replied <= due) };
    });
  const keyedReplies = new Set(replies.map((r) => r.key).filter((k): k is string => k !== null));
  const receivedRecommendations = events
    .filter((e) => (e.type === 'court-event:judicial-recommendation' || e.type === 'court-event:procuratorial-recommendation') && between(text(e.payload.receivedOn)?.slice(0, 10) ?? null, from, to))
    .map((e) => {
      const key = `r${e.id}`;
      const receivedOn = text(e.payload.receivedOn)!.slice(0, 10);
      const kind = kindOfReceived(e);
      const onTime = keyedReplies.has(key)
        ? replies.some((r) => r.key === key && r.onTime)
        : replies.some((r) => r.key === null && r.caseId === e.caseId && r.receivedOn === receivedOn && r.kind === kind && r.onTime);
      return { caseId: e.caseId, onTime };
    });
  const onTimeRecommendations = receivedRecommendations.filter((r) => r.onTime);
  put('recommendations-replied-on-time', onTimeRecommendations.length, receivedRecommendations.length, onTimeRecommendations.map((r) => r.caseId));

  // ---- answers -----------------------------------------------------------------------------------
  const answerDue = new Map<string, { caseId: string; level: string; dueOn: string }>();
  for (const d of facts.deadlines) {
    const level = ANSWER_RULE_LEVELS[d.ruleId];
    if (!ids.has(d.caseId) || !level) continue;
    const key = `${d.caseId}|${level}`;
    if (!answerDue.has(key) || d.dueOn > answerDue.get(key)!.dueOn) answerDue.set(key, { caseId: d.caseId, level, dueOn: d.dueOn });
  }
  const submitted = new Map(facts.answers.map((a) => [`${a.caseId}|${a.level}`, a.submittedOn]));
  const answers = [...answerDue].filter(([key, a]) => {
    if (!between(a.dueOn, from, to)) return false;
    const cl = closure.get(a.caseId)!;
    const endedWithoutAnswer = !submitted.has(key) && (cl.closedBy === 'withdrawn' || cl.closedBy === 'settled') && cl.closedOn !== null && cl.closedOn <= a.dueOn;
    return !endedWithoutAnswer;
  });
  const late = answers.filter(([key, a]) => (submitted.has(key) ? submitted.get(key)! > a.dueOn : a.dueOn < asOf));
  put('answers-late', late.length, answers.length, late.map(([, a]) => a.caseId));

  // ---- breakdowns --------------------------------------------------------------------------------
  const breakdown = (key: (c: CaseFact) => string): BreakdownRow[] => [...groupBy(received, key)].map(([k, cs]) => ({ key: k, count: cs.length, caseIds: cs.map((c) => c.id) }));
  put('cases-by-cause', received.length, null, received.map((c) => c.id), breakdown((c) => c.cause));
  put('cases-by-court', received.length, null, received.map((c) => c.id), breakdown((c) => c.court));
  return out;
}
