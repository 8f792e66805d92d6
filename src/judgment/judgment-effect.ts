// The case's latest judgment and when it takes effect, from the court events in the ledger (facts
// first): the last judgment-served, the services on further parties and the court's certificate of
// effect recorded after it. The same rule as the judgment diagram's judgment.assess, so the case view
// and the 409 on a late appeal agree with the engine's timer.
import type { Db } from '../db/database.ts';
import type { WorkCalendar } from '../deadlines/calendar.ts';
import { assessJudgment, withServedParty, type JudgmentAssessment, type ServedParty } from './assess.ts';

export interface CaseJudgment {
  kind: string;
  outcome: string;
  level: string;
  /** the agency's own service */
  servedOn: string;
  appealable: boolean;
  /** somebody appealed after service: the decision does not take effect at this level */
  appealed: boolean;
  /** null while an appeal is pending */
  effectiveOn: string | null;
  effectiveStatus: JudgmentAssessment['effectiveStatus'] | null;
  effectiveReason: { text: string; source: string };
  parties: JudgmentAssessment['parties'];
  unservedParties: string[];
  assessment: JudgmentAssessment;
}

interface EventRow {
  id: string | number;
  type: string;
  payload: Record<string, any>;
}

const JUDGMENT_EVENTS = ['court-event:judgment-served', 'court-event:judgment-served-to-party', 'court-event:judgment-effective', 'court-event:appeal-filed', 'appeal-filed', 'appeal-lodged'];

/** The latest judgment of the case with its effect; null before any judgment-served. */
export async function caseJudgment(db: Db, cal: WorkCalendar, caseId: string, profile: string, caseLevel: string): Promise<CaseJudgment | null> {
  const rows: EventRow[] = await db('case_events').where({ case_id: caseId }).whereIn('type', JUDGMENT_EVENTS).orderBy('id').select('id', 'type', 'payload');
  return judgmentFromEvents(cal, rows, profile, caseLevel);
}

/** Pure part of caseJudgment: the events in ledger order. */
export function judgmentFromEvents(cal: WorkCalendar, rows: readonly EventRow[], profile: string, caseLevel: string): CaseJudgment | null {
  const lastServed = rows.findLastIndex((r) => r.type === 'court-event:judgment-served');
  if (lastServed < 0) return null;
  const served = rows[lastServed]!.payload;
  let parties: ServedParty[] = served.parties ?? [];
  let certifiedOn: string | null = null;
  let appealed = false;
  for (const r of rows.slice(lastServed + 1)) {
    if (r.type === 'court-event:judgment-served-to-party') parties = withServedParty(parties, { name: r.payload.name, role: r.payload.role, servedOn: r.payload.servedOn });
    else if (r.type === 'court-event:judgment-effective') certifiedOn = r.payload.effectiveOn;
    else appealed = true;
  }
  // events recorded before the level was kept with them: the case's level now
  const level = served.level ?? caseLevel;
  const a = assessJudgment(cal, { profile, kind: served.kind, outcome: served.outcome, servedOn: served.servedOn, level, parties, certifiedOn });
  const pending = appealed && a.appealable && !certifiedOn;
  return {
    kind: served.kind,
    outcome: served.outcome,
    level,
    servedOn: served.servedOn,
    appealable: a.appealable,
    appealed,
    effectiveOn: pending ? null : a.effectiveOnIfNoAppeal,
    effectiveStatus: pending ? null : a.effectiveStatus,
    effectiveReason: { text: a.effectiveReason.text, source: a.effectiveReason.source },
    parties: a.parties,
    unservedParties: a.unservedParties,
    assessment: a,
  };
}
