// The case view of the case API (GET /api/cases/:id): the case row with its parties, responding
// units, deadlines, documents, reports, hearings, recommendations, events and who must appear in court.
import type { Db } from '../db/database.ts';
import { listCaseEvents } from '../ledger/case-events.ts';
import { listCaseDeadlines, loadCalendar } from '../deadlines/ledger.ts';
import { caseJudgment } from '../judgment/judgment-effect.ts';
import { profileOf } from './case-profile-read-model.ts';
import { shanghaiDateOf } from '../deadlines/dates.ts';
import { listCaseDocuments } from '../documents/document-service.ts';
import { loadAppearanceFacts } from '../hearing/case-facts.ts';
import { decideHeadAppearance } from '../hearing/head-appearance.ts';
import { decisionDateOf } from '../policy-sources/profiles.ts';
import { getCaseRow, type CaseRow } from './case-read-model.ts';
import { STAGE_LABELS } from './case-stages.ts';
import { eventLabel } from '../workspace/event-labels.ts';
import { projectDeadlines } from '../deadlines/projection.ts';
import { caseRecommendationsOf } from '../recommendations/case-recommendations.ts';
import { deadlineFulfilled } from './ledger-warnings.ts';

/** GET /api/cases/:id */
export async function caseView(db: Db, id: string) {
  const row = await getCaseRow(db, id);
  const [unitRows, deadlines, documents, events, reports, parties, instances, agency, notifications] = await Promise.all([
    listRespondingUnits(db, id),
    listCaseDeadlines(db, id),
    listCaseDocuments(db, id),
    listCaseEvents(db, { caseId: id }),
    listCaseReports(db, id),
    db('case_parties').where({ case_id: id }).orderBy(['role', 'position']),
    db('case_process_instances').where({ case_id: id }).orderBy('recorded_at'),
    db('agencies').where({ id: row.agency_id }).first('name'),
    db('notification_outbox').where({ case_id: id }).orderBy('id', 'desc').limit(200).select('id', 'event', 'channel', 'recipient_name', 'subject', 'status', 'created_at', 'sent_at'),
  ]);
  // the offices come from the same read of the events as the event list, so the two always agree
  const units = withDesignatedOffices(unitRows, events);
  const calendar = await loadCalendar(db);
  const profile = (await profileOf(db, id)) ?? 'national';
  const judgment = await caseJudgment(db, calendar, id, profile, row.level);
  // a projected deadline the case already has (computed from a known or stored date) is not repeated
  const current = new Set(deadlines.map((d) => d.rule));
  const projectedDeadlines = row.status === 'open' ? (await projectedDeadlinesOf(db, calendar, row, profile)).filter((d) => !current.has(d.rule)) : [];
  const hearings = events.filter((e) => e.type === 'court-event:hearing-scheduled').map((e) => ({ hearingAt: e.payload.hearingAt, courtNotice: e.payload.courtNotice ?? null, recordedAt: e.recordedAt }));
  return {
    id: row.id,
    caseNumber: row.case_number,
    agencyId: row.agency_id,
    agencyName: agency?.name ?? null,
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
    stageLabel: STAGE_LABELS[row.stage] ?? row.stage,
    status: row.status,
    settlementStatus: row.settlement_status,
    answerSubmittedOn: row.answer_submitted_on,
    withdrawnOn: row.withdrawn_on,
    processInstanceKey: row.process_instance_key,
    processInstances: instances.map((i: any) => ({ key: i.process_instance_key, bpmnProcessId: i.bpmn_process_id })),
    respondingUnits: units,
    deadlines: deadlines.map((d) => ({ rule: d.rule, triggerKey: d.triggerKey, name: d.name, trigger: d.trigger, due: d.due, dueAt: d.dueAt, status: d.status, overdue: isOverdue(row, d.rule, d.due), fulfilled: deadlineFulfilled({ stage: row.stage, answerSubmittedOn: row.answer_submitted_on }, d), explanation: d.explanation, source: d.source, basis: d.basis })),
    /** the deadlines ahead if the case follows its usual course, from the deadline engine (src/deadlines/projection.ts) */
    projectedDeadlines,
    headAppearance: await headAppearanceOf(db, id, events, hearings),
    documents: documents.map((d) => ({ id: d.id, kind: d.kind, title: d.title, version: d.version, format: d.format, latest: d.latest, sha256: d.sha256, size: d.size, fileName: d.fileName, createdAt: d.createdAt, url: `/api/documents/${d.id}` })),
    reports,
    hearings,
    /** what the hearing record (庭审记录) says: who appeared, the transcript */
    hearingsHeld: events.filter((e) => e.type === 'hearing-held').map((e) => ({ ...(e.payload as Record<string, unknown>), recordedAt: e.occurredAt })),
    /** notifications sent about the case, newest first */
    notifications: notifications.map((n: any) => ({ id: String(n.id), event: n.event, channel: n.channel, recipientName: n.recipient_name, subject: n.subject, status: n.status, createdAt: n.created_at, sentAt: n.sent_at })),
    /** every recommendation received (司法建议 / 检察建议 / 规范性文件处理建议书), each with its reply deadline, reply letter and status */
    recommendations: caseRecommendationsOf(events, deadlines, shanghaiDateOf(new Date())),
    /** the latest decision and when it takes effect: estimated while a party's service date is unknown */
    judgment: judgment && {
      kind: judgment.kind,
      outcome: judgment.outcome,
      level: judgment.level,
      servedOn: judgment.servedOn,
      appealable: judgment.appealable,
      appealed: judgment.appealed,
      effectiveOn: judgment.effectiveOn,
      effectiveStatus: judgment.effectiveStatus,
      effectiveReason: judgment.effectiveReason,
      unservedParties: judgment.unservedParties,
      parties: judgment.parties,
    },
    events: events.map((e) => ({ id: e.id, type: e.type, label: eventLabel(e.type), payload: e.payload, actor: e.actor, occurredAt: e.occurredAt })),
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

async function projectedDeadlinesOf(db: Db, calendar: Awaited<ReturnType<typeof loadCalendar>>, row: CaseRow, profile: string) {
  const inputs = await db('case_deadline_inputs').where({ case_id: row.id }).first('triggers', 'options');
  const triggers: Record<string, string> = { ...(inputs?.triggers ?? {}) };
  triggers.complaintReceivedOn ??= row.complaint_received_on;
  if (row.answer_submitted_on) triggers.answerSubmittedOn ??= row.answer_submitted_on;
  return projectDeadlines(calendar, { profile, level: row.level as 'first' | 'second' | 'retrial', triggers, options: inputs?.options ?? {} });
}

/** Part 1 knows when one deadline is met: the answer (answer_submitted_on). Others are not overdue here. */
function isOverdue(row: CaseRow, rule: string, due: string): boolean {
  if (row.status !== 'open') return false;
  if (rule === 'answer-and-evidence') return !row.answer_submitted_on && due < shanghaiDateOf(new Date());
  return false;
}


async function listRespondingUnits(db: Db, caseId: string) {
  const rows = await db('case_responding_units as u').join('agencies as a', 'a.id', 'u.agency_id').where({ 'u.case_id': caseId }).orderBy('u.id').select('u.*', 'a.name as agency_name');
  return rows.map((r: any) => ({ agencyId: r.agency_id as string, agencyName: r.agency_name as string, role: r.role, defends: r.defends, rule: r.rule, explanation: r.explanation }));
}

/** A09: a town / street office names its own responding office (承办机构); the latest designation counts. */
function withDesignatedOffices(units: Awaited<ReturnType<typeof listRespondingUnits>>, events: { type: string; payload: any }[]) {
  const designations = events.filter((e) => e.type === 'responding-office-designated').map((e) => e.payload).reverse();
  return units.map((u) => {
    const p = designations.find((d) => d?.unitAgencyId === u.agencyId);
    return { ...u, designatedOffice: p ? { name: p.office as string, handler: (p.handler ?? null) as string | null, designatedOn: p.designatedOn as string } : null };
  });
}

async function listCaseReports(db: Db, caseId: string) {
  const rows = await db('case_reports').where({ case_id: caseId }).orderBy('id');
  return rows.map((r: any) => ({ id: String(r.id), kind: r.kind, timing: r.timing, addresseeAgencyId: r.addressee_agency_id, rule: r.rule, dueOn: r.due_on, filedOn: r.filed_on, documentIds: r.document_ids, payload: r.payload }));
}
