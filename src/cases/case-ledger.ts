// The case rows of the ledger (台账) for part 1: registration with parties, stage and status
// changes, responding units, reports, the process instances of a case, and the case view.
import type { Knex } from 'knex';
import type { Db } from '../db/database.ts';
import { ConflictError, InputError, NotFoundError } from '../errors.ts';
import { appendCaseEvent, listCaseEvents } from '../ledger/case-events.ts';
import { listCaseDeadlines } from '../deadlines/ledger.ts';
import { listCaseDocuments } from '../documents/document-service.ts';
import { loadAppearanceFacts } from '../hearing/case-facts.ts';
import { decideHeadAppearance } from '../hearing/head-appearance.ts';
import { decisionDateOf } from '../policy-sources/profiles.ts';
import type { CreateCaseInput } from './case-input.ts';
import type { AgencyInfo, RespondingUnit } from './responding-units.ts';

export interface CaseRow {
  id: string;
  agency_id: string;
  case_number: string;
  court: string;
  level: string;
  cause: string;
  act_description: string;
  act_agency_id: string | null;
  reconsideration_status: string;
  reconsideration_organ_id: string | null;
  plaintiff_count: number;
  claim_amount: string | null;
  flags: Record<string, boolean>;
  complaint_received_on: string;
  stage: string;
  status: string;
  settlement_status: string;
  lead_agency_id: string | null;
  answer_submitted_on: string | null;
  withdrawn_on: string | null;
  process_instance_key: string | null;
  created_at: Date;
  updated_at: Date;
}

export async function listAgencies(db: Db | Knex.Transaction): Promise<(AgencyInfo & { level: string; code: string })[]> {
  const rows = await db('agencies').select('id', 'code', 'name', 'kind', 'level', 'profile', 'parent_id').orderBy('code');
  return rows.map((r: any) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, level: r.level, profile: r.profile, parentId: r.parent_id }));
}

export async function getCaseRow(db: Db | Knex.Transaction, id: string): Promise<CaseRow> {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await db('cases').where({ id }).first() : undefined;
  if (!row) throw new NotFoundError('案件 / case', id);
  return row;
}

/** Inserts the case and its parties; 409 for the same case number at the same agency and level. */
export async function insertCase(trx: Knex.Transaction, input: CreateCaseInput): Promise<CaseRow> {
  const ids = [input.agencyId, input.actUnderSuit.madeByAgencyId, input.reconsideration.organAgencyId, ...input.coDefendantAgencyIds, input.leadAgencyId].filter(Boolean) as string[];
  const known = new Set((await trx('agencies').whereIn('id', ids).select('id')).map((r: any) => r.id));
  const issues: { field: string; message: string }[] = [];
  const check = (id: string | undefined, field: string) => {
    if (id && !known.has(id)) issues.push({ field, message: `单位 ${id} 不存在` });
  };
  check(input.agencyId, 'agencyId');
  check(input.actUnderSuit.madeByAgencyId, 'actUnderSuit.madeByAgencyId');
  check(input.reconsideration.organAgencyId, 'reconsideration.organAgencyId');
  input.coDefendantAgencyIds.forEach((id, i) => check(id, `coDefendantAgencyIds.${i}`));
  check(input.leadAgencyId, 'leadAgencyId');
  if (issues.length) throw new InputError(issues);

  const existing = await trx('cases').where({ agency_id: input.agencyId, case_number: input.caseNumber, level: input.level }).first('id');
  if (existing) throw new ConflictError('CASE_EXISTS', `案号 ${input.caseNumber}（${input.level}）已在本单位登记`, { id: existing.id });
  const [row] = await trx('cases')
    .insert({
      agency_id: input.agencyId,
      case_number: input.caseNumber,
      court: input.court,
      level: input.level,
      cause: input.cause,
      act_description: input.actUnderSuit.description,
      act_agency_id: input.actUnderSuit.madeByAgencyId,
      reconsideration_status: input.reconsideration.status,
      reconsideration_organ_id: input.reconsideration.organAgencyId ?? null,
      plaintiff_count: input.plaintiffCount,
      claim_amount: input.claimAmount,
      flags: JSON.stringify({ ...input.flags, groupSuit: input.plaintiffCount >= 10 }),
      complaint_received_on: input.complaintReceivedOn,
      lead_agency_id: input.leadAgencyId ?? null,
    })
    .returning('*');
  const parties = [
    ...input.plaintiffs.map((p, i) => ({ case_id: row.id, role: 'plaintiff', name: p.name, type: p.type, position: i })),
    ...input.thirdParties.map((p, i) => ({ case_id: row.id, role: 'third-party', name: p.name, type: p.type, position: i })),
  ];
  const coDefendants = input.coDefendantAgencyIds.length ? await trx('agencies').whereIn('id', input.coDefendantAgencyIds).select('id', 'name') : [];
  coDefendants.forEach((a: any, i: number) => parties.push({ case_id: row.id, role: 'co-defendant', name: a.name, type: 'agency', position: i, agency_id: a.id } as any));
  if (parties.length) await trx('case_parties').insert(parties);
  await appendCaseEvent(trx as unknown as Db, { caseId: row.id, type: 'case-registered', payload: { caseNumber: input.caseNumber, level: input.level, complaintReceivedOn: input.complaintReceivedOn }, actor: 'api', idempotencyKey: `case:${row.id}:registered` });
  return row;
}

export interface StageChange {
  caseId: string;
  stage?: string;
  status?: string;
  settlementStatus?: string;
  /** the court level the case moves to (second instance 二审, retrial 再审) */
  level?: 'first' | 'second' | 'retrial';
  /** a retrial (再审) reopens an archived case (status closed → open); settled or withdrawn cases stay closed */
  reopen?: boolean;
  answerSubmittedOn?: string;
  withdrawnOn?: string;
  jobKey: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  reason?: string;
}

/**
 * Moves the case to a stage / status, records the change as an event and the process instance as
 * one of the case's. Keyed by job key: a redelivered job changes nothing and writes no second event.
 * A settled or withdrawn case never reopens; an archived (closed) one does for a retrial (reopen).
 */
export async function applyStageChange(db: Db, change: StageChange): Promise<{ changed: boolean; stage: string; status: string; level: string }> {
  return db.transaction(async (trx) => {
    const row = await trx('cases').where({ id: change.caseId }).forUpdate().first();
    if (!row) throw new NotFoundError('案件 / case', change.caseId);
    await trx('case_process_instances').insert({ process_instance_key: change.processInstanceKey, case_id: change.caseId, bpmn_process_id: change.bpmnProcessId, level: change.level ?? row.level }).onConflict('process_instance_key').ignore();
    const { event, created } = await appendCaseEvent(trx as unknown as Db, {
      caseId: change.caseId,
      type: 'stage-changed',
      payload: {
        from: { stage: row.stage, status: row.status, settlementStatus: row.settlement_status, level: row.level },
        to: { stage: change.stage, status: change.status, settlementStatus: change.settlementStatus, level: change.level },
        reason: change.reason ?? null,
      },
      actor: 'worker:cases.update-stage',
      sourceJobKey: change.jobKey,
      processInstanceKey: change.processInstanceKey,
    });
    if (!created) return { changed: false, stage: row.stage, status: row.status, level: row.level };
    const update: Record<string, unknown> = {};
    const reopening = change.reopen === true && row.status === 'closed';
    if (reopening) update.status = 'open';
    if (row.status === 'open' || reopening) {
      if (change.stage) update.stage = change.stage;
      if (change.status) update.status = change.status;
      if (change.level) update.level = change.level;
    }
    if (change.settlementStatus && !['settled', 'withdrawn'].includes(row.settlement_status)) update.settlement_status = change.settlementStatus;
    if (change.answerSubmittedOn) update.answer_submitted_on = change.answerSubmittedOn;
    if (change.withdrawnOn) update.withdrawn_on = change.withdrawnOn;
    if (Object.keys(update).length) await trx('cases').where({ id: change.caseId }).update({ ...update, updated_at: trx.fn.now() });
    void event;
    return { changed: true, stage: (update.stage as string) ?? row.stage, status: (update.status as string) ?? row.status, level: (update.level as string) ?? row.level };
  });
}

/** Replaces the case's responding units with the assignment (idempotent: same result, same rows). */
export async function saveRespondingUnits(db: Db, caseId: string, units: RespondingUnit[], jobKey: string, processInstanceKey: string): Promise<boolean> {
  return db.transaction(async (trx) => {
    const { created } = await appendCaseEvent(trx as unknown as Db, {
      caseId,
      type: 'responding-units-assigned',
      payload: { units: units.map((u) => ({ agencyId: u.agencyId, agencyName: u.agencyName, role: u.role, defends: u.defends })) },
      actor: 'worker:cases.assign-responding-units',
      sourceJobKey: jobKey,
      processInstanceKey,
    });
    if (!created) return false;
    await trx('case_responding_units').where({ case_id: caseId }).delete();
    if (units.length) {
      await trx('case_responding_units').insert(units.map((u) => ({ case_id: caseId, agency_id: u.agencyId, role: u.role, defends: u.defends, rule: u.rule, explanation: u.explanation })));
    }
    const lead = units.find((u) => u.role === 'lead' || u.role === 'sole') ?? units[0];
    if (lead) await trx('cases').where({ id: caseId }).update({ lead_agency_id: lead.agencyId, updated_at: trx.fn.now() });
    return true;
  });
}

export async function listRespondingUnits(db: Db, caseId: string) {
  const rows = await db('case_responding_units as u').join('agencies as a', 'a.id', 'u.agency_id').where({ 'u.case_id': caseId }).orderBy('u.id').select('u.*', 'a.name as agency_name');
  return rows.map((r: any) => ({ agencyId: r.agency_id, agencyName: r.agency_name, role: r.role, defends: r.defends, rule: r.rule, explanation: r.explanation }));
}

export async function caseProcessInstanceKeys(db: Db, caseId: string): Promise<{ key: string; bpmnProcessId: string }[]> {
  const row = await getCaseRow(db, caseId);
  const rows = await db('case_process_instances').where({ case_id: caseId }).orderBy('recorded_at');
  const keys = rows.map((r: any) => ({ key: r.process_instance_key, bpmnProcessId: r.bpmn_process_id }));
  if (row.process_instance_key && !keys.some((k) => k.key === row.process_instance_key)) keys.unshift({ key: row.process_instance_key, bpmnProcessId: 'case-lifecycle' });
  return keys;
}

export async function listCaseReports(db: Db, caseId: string) {
  const rows = await db('case_reports').where({ case_id: caseId }).orderBy('id');
  return rows.map((r: any) => ({ id: String(r.id), kind: r.kind, timing: r.timing, addresseeAgencyId: r.addressee_agency_id, rule: r.rule, dueOn: r.due_on, filedOn: r.filed_on, documentIds: r.document_ids, payload: r.payload }));
}

const todayShanghai = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** GET /api/cases/:id */
export async function caseView(db: Db, id: string) {
  const row = await getCaseRow(db, id);
  const [units, deadlines, documents, events, reports, parties, instances] = await Promise.all([
    listRespondingUnits(db, id),
    listCaseDeadlines(db, id),
    listCaseDocuments(db, id),
    listCaseEvents(db, { caseId: id }),
    listCaseReports(db, id),
    db('case_parties').where({ case_id: id }).orderBy(['role', 'position']),
    db('case_process_instances').where({ case_id: id }).orderBy('recorded_at'),
  ]);
  const hearings = events.filter((e) => e.type === 'court-event:hearing-scheduled').map((e) => ({ hearingAt: e.payload.hearingAt, courtNotice: e.payload.courtNotice ?? null, recordedAt: e.recordedAt }));
  return {
    id: row.id,
    caseNumber: row.case_number,
    agencyId: row.agency_id,
    court: row.court,
    level: row.level,
    cause: row.cause,
    actUnderSuit: { description: row.act_description, madeByAgencyId: row.act_agency_id },
    reconsideration: { status: row.reconsideration_status, organAgencyId: row.reconsideration_organ_id },
    plaintiffs: parties.filter((p: any) => p.role === 'plaintiff').map((p: any) => ({ name: p.name, type: p.type })),
    thirdParties: parties.filter((p: any) => p.role === 'third-party').map((p: any) => ({ name: p.name, type: p.type })),
    plaintiffCount: row.plaintiff_count,
    claimAmount: row.claim_amount === null ? null : Number(row.claim_amount),
    flags: row.flags,
    complaintReceivedOn: row.complaint_received_on,
    stage: row.stage,
    status: row.status,
    settlementStatus: row.settlement_status,
    answerSubmittedOn: row.answer_submitted_on,
    withdrawnOn: row.withdrawn_on,
    processInstanceKey: row.process_instance_key,
    processInstances: instances.map((i: any) => ({ key: i.process_instance_key, bpmnProcessId: i.bpmn_process_id })),
    respondingUnits: units,
    deadlines: deadlines.map((d) => ({ rule: d.rule, name: d.name, trigger: d.trigger, due: d.due, dueAt: d.dueAt, status: d.status, overdue: isOverdue(row, d.rule, d.due), explanation: d.explanation, source: d.source, basis: d.basis })),
    headAppearance: await headAppearanceOf(db, id, events, hearings),
    documents: documents.map((d) => ({ id: d.id, kind: d.kind, title: d.title, version: d.version, format: d.format, latest: d.latest })),
    reports,
    hearings,
    events: events.map((e) => ({ id: e.id, type: e.type, payload: e.payload, actor: e.actor, occurredAt: e.occurredAt })),
  };
}

/**
 * Who must appear in court (负责人 / 主要负责人) and why: the hearing process's decision once it has
 * run (it also weighs the court notice), before that the same rules on the case facts, so the answer
 * is there from registration on.
 */
async function headAppearanceOf(db: Db, caseId: string, events: { type: string; payload: any }[], hearings: { hearingAt: unknown; courtNotice: any }[]) {
  const decided = events.filter((e) => e.type === 'head-appearance-decided').at(-1);
  if (decided) return { required: decided.payload.required as string, reasons: decided.payload.reasons as unknown[], decidedBy: 'hearing' as const };
  const hearing = hearings.at(-1);
  const { facts } = await loadAppearanceFacts(db, caseId, decisionDateOf(hearing?.hearingAt as string | undefined));
  const decision = decideHeadAppearance({ ...facts, ...(hearing?.courtNotice?.principalHeadRequired ? { courtNoticePrincipalHead: true } : {}) });
  return { required: decision.required, reasons: decision.reasons.map((r) => ({ code: r.code, text: r.text, source: r.source })), decidedBy: 'case-facts' as const };
}

/** Part 1 knows when one deadline is met: the answer (answer_submitted_on). Others are not overdue here. */
function isOverdue(row: CaseRow, rule: string, due: string): boolean {
  if (row.status !== 'open') return false;
  if (rule === 'answer-and-evidence') return !row.answer_submitted_on && due < todayShanghai();
  return false;
}

export interface CaseListFilter {
  agency?: string;
  stage?: string;
  overdue?: boolean;
  year?: number;
  limit: number;
  offset: number;
}

/** GET /api/cases */
export async function listCases(db: Db, f: CaseListFilter) {
  const q = db('cases as c').join('agencies as a', 'a.id', 'c.agency_id').select('c.*', 'a.name as agency_name', 'a.profile');
  if (f.agency) q.where('c.agency_id', f.agency);
  if (f.stage) q.where('c.stage', f.stage);
  if (f.year) q.whereRaw('extract(year from c.complaint_received_on) = ?', [f.year]);
  const answerOverdue = `exists (select 1 from case_deadlines d where d.case_id = c.id and d.rule_id = 'answer-and-evidence' and d.due_on < ?::date) and c.answer_submitted_on is null and c.status = 'open'`;
  if (f.overdue === true) q.whereRaw(answerOverdue, [todayShanghai()]);
  if (f.overdue === false) q.whereRaw(`not (${answerOverdue})`, [todayShanghai()]);
  const rows = await q.orderBy([{ column: 'c.complaint_received_on', order: 'desc' }, { column: 'c.case_number' }]).limit(f.limit).offset(f.offset);
  return rows.map((r: any) => ({
    id: r.id,
    caseNumber: r.case_number,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    profile: r.profile,
    court: r.court,
    level: r.level,
    cause: r.cause,
    stage: r.stage,
    status: r.status,
    settlementStatus: r.settlement_status,
    complaintReceivedOn: r.complaint_received_on,
    processInstanceKey: r.process_instance_key,
  }));
}
