// The periodic reports' life in the ledger (statistics_reports): which governments a timer's firing
// starts a report for (one engine-outbox start per region, keyed, so a second firing or a
// redelivered job starts nothing new), the draft with its figures snapshot and its due date from the
// deadline engine, the reviewer's text, and the filing of the rendered PDF and DOCX after approval.
import type { Db } from '../../db/database.ts';
import { loadCalendar } from '../../deadlines/ledger.ts';
import { computeDeadline } from '../../deadlines/engine.ts';
import { chineseDate } from '../../documents/formatting.ts';
import { generateDocument, type DocumentServices } from '../../documents/document-service.ts';
import { enqueueEngineCommand } from '../../engine-commands/engine-command-store.ts';
import { ConflictError, InputError, NotFoundError } from '../../errors.ts';
import { agencySubtree } from '../../process-engine/engine-directory.ts';
import { figureTotals, figureTotalsByAgency } from '../figure-queries.ts';
import { parsePeriod, periodLabelZh, previousYear } from '../periods.ts';
import { composeReportFigures, figuresText, reportDocumentData, type ReportFigures, type ReportSection } from './report-composition.ts';
import { REPORT_KIND_INFO, REPORT_STATUS_LABELS, profilesFor, reportKindName, reportPeriodOn, reportSourceText, type ReportKind, type ReportStatus } from './report-kinds.ts';

/** The process each region's report runs in (processes/statistics-report.bpmn). */
export const REPORT_PROCESS_KEY = 'statistics-report';

export interface ReportScope {
  agencyId: string;
  agencyName: string;
  profile: string;
}

/** The governments whose profile asks for the kind of report (one report per government's region). */
export async function reportScopes(db: Db, kind: ReportKind): Promise<ReportScope[]> {
  const rows = await db('agencies').where({ kind: 'government' }).whereIn('profile', profilesFor(kind)).orderBy('name').select('id', 'name', 'profile');
  return rows.map((r: any) => ({ agencyId: r.id, agencyName: r.name, profile: r.profile }));
}

export const reportBusinessKey = (kind: ReportKind, period: string, agencyId: string) => `statistics-report:${kind}:${period}:${agencyId}`;

/**
 * The timer fired on `today` (the engine's clock): one instance of statistics-report per region,
 * through the engine outbox (keyed by kind, period and government: a redelivered job or a second
 * firing for the same period enqueues nothing new).
 */
export async function scheduleReports(db: Db, input: { kind: ReportKind; today: string }): Promise<{ period: string; scopes: ReportScope[]; enqueued: number }> {
  const period = reportPeriodOn(input.kind, input.today);
  const scopes = await reportScopes(db, input.kind);
  let enqueued = 0;
  for (const scope of scopes) if (await enqueueReportStart(db, input.kind, period.label, scope.agencyId)) enqueued += 1;
  return { period: period.label, scopes, enqueued };
}

/** One statistics-report start through the engine outbox, keyed by kind, period and government; true when new. */
async function enqueueReportStart(db: Db, kind: ReportKind, period: string, governmentId: string): Promise<boolean> {
  const key = reportBusinessKey(kind, period, governmentId);
  const before = await db('engine_commands').where({ idempotency_key: key }).first('id');
  await enqueueEngineCommand(db, {
    kind: 'start-instance',
    idempotencyKey: key,
    businessKey: key,
    processKey: REPORT_PROCESS_KEY,
    // agencyId: the instance's tenant (the government), so its head and its justice bureau see the tasks
    variables: { agencyId: governmentId, reportKind: kind, reportPeriod: period },
  });
  return !before;
}

/**
 * A report drafted on request (POST /api/statistics/reports): a justice bureau or an admin asks for
 * the report of a government's region for a finished period, also where the profile sets no such
 * report (no due date then). The same outbox key as the timers: asking twice, or asking for a report
 * a timer already started, starts nothing new.
 */
export async function requestReport(db: Db, input: { kind: ReportKind; period: string; agencyId: string }, today: string): Promise<{ businessKey: string; enqueued: boolean; agencyId: string }> {
  const period = parsePeriod(input.period);
  if ((period.quarter === null) !== (input.kind === 'annual-report')) {
    throw new InputError([{ field: 'period', message: input.kind === 'annual-report' ? '年度报告的统计期间应为年份（如 2026）' : '季度通报的统计期间应为季度（如 2026Q3）' }]);
  }
  if (period.to >= today) throw new InputError([{ field: 'period', message: `统计期间尚未结束（截至${chineseDate(period.to)}），结束后才能起草报告` }]);
  const agencies = await db('agencies').select('id', 'kind', 'parent_id');
  const agency = agencies.find((a: { id: string }) => a.id === input.agencyId);
  if (!agency) throw new NotFoundError('单位 / agency', input.agencyId);
  // a justice bureau stands for its government's region, as in the statistics scopes
  const government = agency.kind === 'justice-bureau' ? agencies.find((a: { id: string }) => a.id === agency.parent_id) : agency;
  if (!government || government.kind !== 'government') throw new InputError([{ field: 'agencyId', message: '报告按人民政府的区域起草：请选择人民政府或其司法局' }]);
  const enqueued = await enqueueReportStart(db, input.kind, period.label, government.id);
  return { businessKey: reportBusinessKey(input.kind, period.label, government.id), enqueued, agencyId: government.id };
}

export interface ReportRow {
  id: string;
  kind: ReportKind;
  period: string;
  agencyId: string;
  profile: string;
  status: ReportStatus;
  dueOn: string | null;
  dueRule: { rule: string; name: string; source: string; explanation: string; basis: string } | null;
  figures: ReportFigures;
  sections: ReportSection[];
  reviewComments: string | null;
  reviewedBy: string | null;
  approvedBy: string | null;
  approvalOpinion: string | null;
  filedAt: Date | null;
  processInstanceKey: string | null;
  createdAt: Date;
}

const toRow = (r: any): ReportRow => ({
  id: r.id,
  kind: r.kind,
  period: r.period,
  agencyId: r.agency_id,
  profile: r.profile,
  status: r.status,
  dueOn: r.due_on ? String(r.due_on) : null,
  dueRule: r.due_rule,
  figures: r.figures,
  sections: r.sections ?? [],
  reviewComments: r.review_comments,
  reviewedBy: r.reviewed_by,
  approvedBy: r.approved_by,
  approvalOpinion: r.approval_opinion,
  filedAt: r.filed_at,
  processInstanceKey: r.process_instance_key,
  createdAt: r.created_at,
});

/** The figures of a region and period, composed (no write). */
export async function composeFor(db: Db, input: { kind: ReportKind; period: string; agencyId: string; asOf: string }): Promise<ReportFigures> {
  const period = parsePeriod(input.period);
  const previous = previousYear(period);
  const agencies = await db('agencies').select('id', 'name', 'kind', 'parent_id', 'profile');
  const root = agencies.find((a: any) => a.id === input.agencyId);
  if (!root) throw new NotFoundError('单位 / agency', input.agencyId);
  const agencyIds = agencySubtree(agencies)(root.id);
  const q = { agencyIds, asOf: input.asOf };
  const [totals, previousTotals, byAgency] = await Promise.all([
    figureTotals(db, { ...q, from: period.from, to: period.to }),
    figureTotals(db, { ...q, from: previous.from, to: previous.to }),
    figureTotalsByAgency(db, { ...q, from: period.from, to: period.to }),
  ]);
  return composeReportFigures({
    kind: input.kind,
    period,
    previous,
    scope: { agencyId: root.id, agencyName: root.name, label: `${root.name}及所属单位`, agencyIds },
    profile: root.profile,
    asOf: input.asOf,
    totals,
    previousTotals,
    byAgency,
    agencies: agencies.filter((a: any) => agencyIds.includes(a.id)),
  });
}

/**
 * The due date of a report from the deadline engine: the profile's rule, triggered by the period's
 * last day; none (due null) for a report a profile does not ask for, drafted on request.
 */
export async function reportDue(db: Db, kind: ReportKind, profile: string, periodLabel: string) {
  const period = parsePeriod(periodLabel);
  const info = REPORT_KIND_INFO[kind];
  if (!profilesFor(kind).includes(profile)) return { due: null, dueAt: null, rule: null };
  const result = computeDeadline(await loadCalendar(db), { profile, rule: info.deadlineRule, trigger: period.to });
  return { due: result.due, dueAt: result.dueAt, rule: { rule: result.rule, name: result.name, source: result.source, explanation: result.explanation, basis: result.basis } };
}

/** 聊城市人民政府2026年度行政应诉工作报告 / 滕州市人民政府2026年第四季度行政应诉工作季度通报 */
export function reportTitle(agencyName: string, kind: ReportKind, period: string): string {
  const name = periodLabelZh(parsePeriod(period));
  return `${agencyName}${kind === 'annual-report' ? name.replace(/年$/, '') : name}${reportKindName(kind)}`;
}

/** What the draft task returns to the process (the review form shows reportFiguresText; numbers are not fields). */
export function reportVariables(row: ReportRow, agencyName: string) {
  return {
    reportId: row.id,
    reportTitle: reportTitle(agencyName, row.kind, row.period),
    reportFiguresText: figuresText(row.figures),
    reportDueOn: row.dueOn,
    reportDueText: row.dueOn ? `${chineseDate(row.dueOn)}前（${reportSourceText(row.kind, row.profile) ?? '期限规则'}）` : '无规定期限',
  };
}

/**
 * Drafts the report of a region and period: the figures from the ledger, the due date from the
 * deadline engine. The report exists once per kind, period and government: a redelivered job or a
 * second start returns the existing draft (its snapshot unchanged).
 */
export async function draftReport(db: Db, input: { kind: ReportKind; period: string; agencyId: string; asOf: string; jobKey: string; processInstanceKey: string | null }) {
  const existing = await db('statistics_reports').where({ kind: input.kind, period: input.period, agency_id: input.agencyId }).first();
  const agency = await db('agencies').where({ id: input.agencyId }).first('name', 'profile');
  if (!agency) throw new NotFoundError('单位 / agency', input.agencyId);
  if (existing) return { created: false, report: toRow(existing), variables: reportVariables(toRow(existing), agency.name) };
  const figures = await composeFor(db, input);
  const due = await reportDue(db, input.kind, agency.profile, input.period);
  const [inserted] = await db('statistics_reports')
    .insert({
      kind: input.kind,
      period: input.period,
      agency_id: input.agencyId,
      profile: agency.profile,
      due_on: due.due,
      due_rule: JSON.stringify(due.rule),
      figures: JSON.stringify(figures),
      draft_job_key: input.jobKey,
      process_instance_key: input.processInstanceKey,
    })
    .onConflict(['kind', 'period', 'agency_id'])
    .ignore()
    .returning('*');
  const row = toRow(inserted ?? (await db('statistics_reports').where({ kind: input.kind, period: input.period, agency_id: input.agencyId }).first()));
  return { created: Boolean(inserted), report: row, variables: { ...reportVariables(row, agency.name), reportDueAt: due.dueAt } };
}

export async function getReportRow(db: Db, id: string): Promise<ReportRow> {
  const row = await db('statistics_reports').where({ id }).first();
  if (!row) throw new NotFoundError('统计报告 / statistics report', id);
  return toRow(row);
}

/** The reviewer's text (sections and comments); never a number. A filed report is not changed. */
export async function recordReview(db: Db, input: { reportId: string; sections: ReportSection[]; comments: string | null; reviewer: string; jobKey: string }) {
  const row = await getReportRow(db, input.reportId);
  if (row.status === 'filed') return row;
  await db('statistics_reports')
    .where({ id: input.reportId })
    .update({ sections: JSON.stringify(input.sections), review_comments: input.comments, reviewed_by: input.reviewer, reviewed_at: db.fn.now(), review_job_key: input.jobKey, status: 'draft', updated_at: db.fn.now() });
  return getReportRow(db, input.reportId);
}

/**
 * After the head's approval: the report is approved, rendered to PDF and DOCX from its snapshot and
 * the reviewer's sections, filed as documents of the report, and marked filed (已报送). Keyed by the
 * job: a redelivered job finds the documents it made and renders nothing new.
 */
export async function fileReport(services: DocumentServices, input: { reportId: string; approver: string; opinion: string | null; date: string; jobKey: string; processInstanceKey: string | null }) {
  const { db } = services;
  const row = await getReportRow(db, input.reportId);
  if (row.status === 'draft') {
    await db('statistics_reports').where({ id: row.id }).update({ status: 'approved', approved_by: input.approver, approval_opinion: input.opinion, approved_at: db.fn.now(), updated_at: db.fn.now() });
  }
  const issuer = await db('agencies').where({ id: row.agencyId }).first('name');
  const data = reportDocumentData(row.figures, { sections: row.sections, date: input.date, issuerName: issuer.name });
  const generated = await generateDocument(services, {
    kind: row.kind,
    agencyId: row.agencyId,
    period: row.period,
    data,
    formats: ['pdf', 'docx'],
    createdBy: input.approver,
    sourceJobKey: input.jobKey,
    processInstanceKey: input.processInstanceKey,
  });
  await db.transaction(async (trx) => {
    await trx('documents').whereIn('id', generated.documents.map((d) => d.id)).update({ statistics_report_id: row.id });
    await trx('statistics_reports').where({ id: row.id }).whereNot({ status: 'filed' }).update({ status: 'filed', filed_at: trx.fn.now(), file_job_key: input.jobKey, updated_at: trx.fn.now() });
  });
  const pdf = generated.documents.find((d) => d.format === 'pdf');
  const docx = generated.documents.find((d) => d.format === 'docx');
  return { created: generated.created, version: generated.version, pdfDocumentId: pdf?.id ?? null, docxDocumentId: docx?.id ?? null };
}

// ── reading (API) ──────────────────────────────────────────────────────────────────────────────

export interface ReportListItem {
  id: string;
  kind: ReportKind;
  kindName: string;
  period: string;
  periodName: string;
  agencyId: string;
  agencyName: string;
  scopeLabel: string;
  /** 聊城市人民政府2026年度行政应诉工作报告 */
  title: string;
  status: ReportStatus;
  statusName: string;
  dueOn: string | null;
  dueOnText: string | null;
  dueSource: string | null;
  filedAt: string | null;
  documents: { id: string; format: string; version: number; fileName: string }[];
}

async function documentsOf(db: Db, reportIds: string[]) {
  if (!reportIds.length) return new Map<string, ReportListItem['documents']>();
  const rows = await db('documents').whereIn('statistics_report_id', reportIds).orderBy([{ column: 'version', order: 'desc' }, { column: 'format', order: 'desc' }]).select('id', 'statistics_report_id', 'format', 'version', 'file_name');
  const out = new Map<string, ReportListItem['documents']>();
  for (const r of rows) out.set(r.statistics_report_id, [...(out.get(r.statistics_report_id) ?? []), { id: r.id, format: r.format, version: r.version, fileName: r.file_name }]);
  return out;
}

/** The reports a principal may see: those of a government in its visible agencies (null: every one). */
export async function listReports(db: Db, visibleAgencyIds: readonly string[] | null, filter: { kind?: ReportKind; status?: ReportStatus; period?: string } = {}): Promise<ReportListItem[]> {
  const q = db('statistics_reports as r').join('agencies as a', 'a.id', 'r.agency_id').select('r.*', 'a.name as agency_name');
  if (visibleAgencyIds !== null) q.whereIn('r.agency_id', visibleAgencyIds as string[]);
  if (filter.kind) q.where('r.kind', filter.kind);
  if (filter.status) q.where('r.status', filter.status);
  if (filter.period) q.where('r.period', filter.period);
  const rows = await q.orderBy([{ column: 'r.period', order: 'desc' }, { column: 'a.name' }, { column: 'r.kind' }]);
  const docs = await documentsOf(db, rows.map((r: any) => r.id));
  return rows.map((r: any) => {
    const row = toRow(r);
    return {
      id: row.id,
      kind: row.kind,
      kindName: reportKindName(row.kind),
      period: row.period,
      periodName: periodLabelZh(parsePeriod(row.period)),
      agencyId: row.agencyId,
      agencyName: r.agency_name,
      scopeLabel: row.figures.scope.label,
      title: reportTitle(r.agency_name, row.kind, row.period),
      status: row.status,
      statusName: REPORT_STATUS_LABELS[row.status],
      dueOn: row.dueOn,
      dueOnText: row.dueOn ? chineseDate(row.dueOn) : null,
      dueSource: row.dueOn ? reportSourceText(row.kind, row.profile) : null,
      filedAt: row.filedAt ? chineseDate(row.filedAt) : null,
      documents: docs.get(row.id) ?? [],
    };
  });
}

/** One report with its figures snapshot; 404 when unknown or not visible (no hint that it exists). */
export async function reportDetail(db: Db, visibleAgencyIds: readonly string[] | null, id: string) {
  const [item] = (await listReports(db, visibleAgencyIds)).filter((r) => r.id === id);
  if (!item) throw new NotFoundError('统计报告 / statistics report', id);
  const row = await getReportRow(db, id);
  return { ...item, figures: row.figures, figuresText: figuresText(row.figures), sections: row.sections, reviewComments: row.reviewComments, approvalOpinion: row.approvalOpinion, dueRule: row.dueRule };
}

/** The filed document of a report in one format (newest version); 404 when not filed yet. */
export async function reportDocumentId(db: Db, visibleAgencyIds: readonly string[] | null, id: string, format: 'pdf' | 'docx'): Promise<string> {
  const item = (await listReports(db, visibleAgencyIds)).find((r) => r.id === id);
  if (!item) throw new NotFoundError('统计报告 / statistics report', id);
  const doc = item.documents.find((d) => d.format === format);
  if (!doc) throw new ConflictError('REPORT_NOT_FILED', `报告尚未报送，没有${format.toUpperCase()}文件`);
  return doc.id;
}
