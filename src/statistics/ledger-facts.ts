// The ledger facts the statistics read, as plain rows: what the TypeScript reference computation
// works on, what the ledger generator produces and writes, and what loadLedgerFacts reads back
// from PostgreSQL. Each field names the column or event payload it comes from.
import type { Knex } from 'knex';
import type { Db } from '../db/database.ts';
import { countedLevels } from '../loss-analysis/loss.ts';
import { JURISDICTIONS } from '../policy-sources/profiles.ts';

export interface AgencyFact {
  id: string;
  code: string;
  name: string;
  kind: string;
  level: string;
  parentId: string | null;
  profile: string;
}

export interface CaseFact {
  id: string;
  agencyId: string;
  caseNumber: string;
  court: string;
  /** the instance the case is at now (cases.level) */
  level: string;
  cause: string;
  flags: Record<string, unknown>;
  complaintReceivedOn: string;
  status: string;
  settlementStatus: string;
  withdrawnOn: string | null;
}

export interface PartyFact {
  caseId: string;
  role: string;
  type: string;
}

export interface JudgmentFact {
  caseId: string;
  /** first | second | retrial | reconsideration */
  level: string;
  kind: string;
  outcome: string;
  servedOn: string;
  effectiveOn: string | null;
}

/** The case events the figures read (hearing-held, performance-*, recommendations, stage-changed). */
export interface EventFact {
  /** case_events.id: a recommendation's key is r<id> of its court event */
  id: string;
  caseId: string;
  type: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
  processInstanceKey: string | null;
}

/** Current (not superseded) deadline rows of the answer rules. */
export interface DeadlineFact {
  caseId: string;
  ruleId: string;
  dueOn: string;
}

export interface AnswerFact {
  caseId: string;
  level: string;
  submittedOn: string;
}

export interface LedgerFacts {
  agencies: AgencyFact[];
  cases: CaseFact[];
  parties: PartyFact[];
  judgments: JudgmentFact[];
  events: EventFact[];
  deadlines: DeadlineFact[];
  answers: AnswerFact[];
}

/**
 * The payload fields the statistics read from each event type the diagrams record (ledger.record-event):
 * a unit test checks that the diagrams still write them.
 */
export const STATISTICS_EVENT_FIELDS: Record<string, readonly string[]> = {
  'hearing-held': ['hearingKey', 'heldOn', 'hearingAt', 'headAppeared', 'principalHeadAppeared'],
  'performance-planned': ['dueOn'],
  'performance-completed': ['completedOn'],
  'judicial-recommendation-replied': ['receivedOn', 'replyDue', 'repliedOn', 'kind', 'recommendationKey'],
};

/** The event types the statistics read. */
export const STATISTICS_EVENT_TYPES = [
  'hearing-held',
  'performance-planned',
  'performance-completed',
  'court-event:judicial-recommendation',
  'court-event:procuratorial-recommendation',
  'judicial-recommendation-replied',
  'stage-changed',
] as const;

/**
 * The profiles whose loss figures count a reconsideration organ's decision against the agency
 * (Jinghai, JH 二、（三）3), as the loss analysis decides it (countedLevels in src/loss-analysis/loss.ts).
 */
export const RECONSIDERATION_LOSS_PROFILES: readonly string[] = JURISDICTIONS.filter((j) => countedLevels(j).includes('reconsideration'));

/** The deadline rule of the answer at each instance. */
export const ANSWER_RULE_LEVELS: Record<string, string> = {
  'answer-and-evidence': 'first',
  'appeal-answer': 'second',
  'retrial-response': 'retrial',
};

// src/db/database.ts makes pg return `date` columns as their YYYY-MM-DD text
const isoDate = (v: unknown): string => String(v).slice(0, 10);
const isoDateOrNull = (v: unknown) => (v === null || v === undefined ? null : isoDate(v));

/** Reads the facts of the cases of the given agencies (all agencies are read, for the region logic). */
export async function loadLedgerFacts(db: Db | Knex.Transaction, agencyIds: readonly string[]): Promise<LedgerFacts> {
  const ids = [...agencyIds];
  const agencies = (await db('agencies').select('id', 'code', 'name', 'kind', 'level', 'parent_id', 'profile')).map((a: any) => ({
    id: a.id,
    code: a.code,
    name: a.name,
    kind: a.kind,
    level: a.level,
    parentId: a.parent_id,
    profile: a.profile,
  }));
  const cases = (await db('cases').whereIn('agency_id', ids).select('id', 'agency_id', 'case_number', 'court', 'level', 'cause', 'flags', 'complaint_received_on', 'status', 'settlement_status', 'withdrawn_on')).map(
    (c: any): CaseFact => ({
      id: c.id,
      agencyId: c.agency_id,
      caseNumber: c.case_number,
      court: c.court,
      level: c.level,
      cause: c.cause,
      flags: c.flags ?? {},
      complaintReceivedOn: isoDate(c.complaint_received_on),
      status: c.status,
      settlementStatus: c.settlement_status,
      withdrawnOn: isoDateOrNull(c.withdrawn_on),
    }),
  );
  const inScope = (q: Knex.QueryBuilder, column: string) => q.whereIn(column, db('cases').whereIn('agency_id', ids).select('id'));
  const parties = (await inScope(db('case_parties').select('case_id', 'role', 'type'), 'case_id')).map((p: any) => ({ caseId: p.case_id, role: p.role, type: p.type }));
  const judgments = (await inScope(db('case_judgments').select('case_id', 'level', 'kind', 'outcome', 'served_on', 'effective_on'), 'case_id')).map((j: any) => ({
    caseId: j.case_id,
    level: j.level,
    kind: j.kind,
    outcome: j.outcome,
    servedOn: isoDate(j.served_on),
    effectiveOn: isoDateOrNull(j.effective_on),
  }));
  const events = (await inScope(db('case_events').whereIn('type', [...STATISTICS_EVENT_TYPES]).select('id', 'case_id', 'type', 'payload', 'occurred_at', 'process_instance_key').orderBy('id'), 'case_id')).map((e: any) => ({
    id: String(e.id),
    caseId: e.case_id,
    type: e.type,
    payload: e.payload ?? {},
    occurredAt: new Date(e.occurred_at),
    processInstanceKey: e.process_instance_key,
  }));
  const deadlines = (await inScope(db('case_deadlines').whereNull('superseded_at').whereIn('rule_id', Object.keys(ANSWER_RULE_LEVELS)).select('case_id', 'rule_id', 'due_on'), 'case_id')).map((d: any) => ({
    caseId: d.case_id,
    ruleId: d.rule_id,
    dueOn: isoDate(d.due_on),
  }));
  const answers = (await inScope(db('case_answers').select('case_id', 'level', 'submitted_on'), 'case_id')).map((a: any) => ({ caseId: a.case_id, level: a.level, submittedOn: isoDate(a.submitted_on) }));
  return { agencies, cases, parties, judgments, events, deadlines, answers };
}
