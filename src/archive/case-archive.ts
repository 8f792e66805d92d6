// Case archive (结案归档, rules catalog H06; LC Art. 46; HN §2): assembles the case file — every
// document version, the event log, deadlines, judgments, reports, responding units — into a
// manifest, re-computes each document's SHA-256 from its stored content (a mismatch stops the
// freeze: the case file would not be what the ledger says), and records the manifest with its own
// SHA-256 in case_archives. Keyed by job key: a redelivered job returns the archive it made.
import { createHash } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { listCaseDeadlines } from '../deadlines/ledger.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { appendCaseEvent } from '../ledger/case-events.ts';

export interface ArchivedDocument {
  id: string;
  kind: string;
  title: string;
  version: number;
  format: string;
  fileName: string;
  caseFileSection: string;
  sha256: string;
  size: number;
  createdAt: string;
}

export interface ArchiveManifest {
  caseId: string;
  caseNumber: string;
  court: string;
  level: string;
  cause: string;
  agencyId: string;
  status: string;
  stage: string;
  /** the case file (案卷) by section, every version */
  documents: ArchivedDocument[];
  events: { count: number; lastEventId: string | null; types: Record<string, number>; sha256: string };
  deadlines: { rule: string; triggerKey: string; due: string; status: string }[];
  judgments: { level: string; kind: string; outcome: string; servedOn: string; effectiveOn: string | null }[];
  reports: { kind: string; timing: string; filedOn: string; dueOn: string | null }[];
  respondingUnits: { agencyId: string; role: string; defends: string }[];
}

export interface CaseArchive {
  id: string;
  caseId: string;
  version: number;
  manifestSha256: string;
  documentCount: number;
  eventCount: number;
  lastEventId: string | null;
  archivedBy: string;
  archivedAt: string;
  manifest: ArchiveManifest;
}

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

const isoDate = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));

/** Reads the case file from the ledger and checks every document's content against its SHA-256. */
export async function buildArchiveManifest(db: Db, caseId: string): Promise<ArchiveManifest> {
  const row = await db('cases').where({ id: caseId }).first();
  if (!row) throw new NotFoundError('案件', caseId);
  const docs = await db('documents')
    .where({ case_id: caseId })
    .orderBy([{ column: 'case_file_section' }, { column: 'kind' }, { column: 'version' }, { column: 'format' }])
    .select('id', 'kind', 'title', 'version', 'format', 'file_name', 'case_file_section', 'sha256', 'size', 'created_at', db.raw("encode(sha256(content), 'hex') as content_sha256"));
  const mismatched = docs.filter((d: any) => d.content_sha256 !== d.sha256);
  if (mismatched.length) {
    throw new ConflictError(
      'ARCHIVE_DOCUMENT_MISMATCH',
      `案卷中 ${mismatched.length} 份文书的内容与登记的 SHA-256 不一致，不能归档：${mismatched.map((d: any) => d.file_name).join('、')}`,
      { documentIds: mismatched.map((d: any) => d.id) },
    );
  }
  const events = await db('case_events').where({ case_id: caseId }).orderBy('id').select('id', 'type', 'payload', 'occurred_at');
  const types: Record<string, number> = {};
  for (const e of events) types[e.type] = (types[e.type] ?? 0) + 1;
  const deadlines = await listCaseDeadlines(db, caseId);
  const judgments = await db('case_judgments').where({ case_id: caseId }).orderBy('level').select('level', 'kind', 'outcome', 'served_on', 'effective_on');
  const reports = await db('case_reports').where({ case_id: caseId }).orderBy('id').select('kind', 'timing', 'filed_on', 'due_on');
  const units = await db('case_responding_units').where({ case_id: caseId }).orderBy('id').select('agency_id', 'role', 'defends');
  return {
    caseId,
    caseNumber: row.case_number,
    court: row.court,
    level: row.level,
    cause: row.cause,
    agencyId: row.agency_id,
    status: row.status,
    stage: row.stage,
    documents: docs.map((d: any) => ({
      id: d.id,
      kind: d.kind,
      title: d.title,
      version: Number(d.version),
      format: d.format,
      fileName: d.file_name,
      caseFileSection: d.case_file_section,
      sha256: d.sha256,
      size: Number(d.size),
      createdAt: isoDate(d.created_at)!,
    })),
    events: {
      count: events.length,
      lastEventId: events.length ? String(events[events.length - 1]!.id) : null,
      types,
      // the event log as it stood: any later edit of a frozen event would change this hash
      sha256: sha256Hex(canonicalJson(events.map((e: any) => ({ id: String(e.id), type: e.type, payload: e.payload, occurredAt: isoDate(e.occurred_at) })))),
    },
    deadlines: deadlines.map((d) => ({ rule: d.rule, triggerKey: d.triggerKey, due: d.due, status: d.status })),
    judgments: judgments.map((j: any) => ({ level: j.level, kind: j.kind, outcome: j.outcome, servedOn: String(j.served_on), effectiveOn: j.effective_on ? String(j.effective_on) : null })),
    reports: reports.map((r: any) => ({ kind: r.kind, timing: r.timing, filedOn: String(r.filed_on), dueOn: r.due_on ? String(r.due_on) : null })),
    respondingUnits: units.map((u: any) => ({ agencyId: u.agency_id, role: u.role, defends: u.defends })),
  };
}

const toArchive = (r: any): CaseArchive => ({
  id: String(r.id),
  caseId: r.case_id,
  version: Number(r.version),
  manifestSha256: r.manifest_sha256,
  documentCount: Number(r.document_count),
  eventCount: Number(r.event_count),
  lastEventId: r.last_event_id == null ? null : String(r.last_event_id),
  archivedBy: r.archived_by,
  archivedAt: isoDate(r.archived_at)!,
  manifest: r.manifest,
});

export interface FreezeRequest {
  caseId: string;
  archivedBy: string;
  retention?: string | null;
  notes?: string | null;
  jobKey: string;
  processInstanceKey?: string | null;
}

/**
 * Freezes the case file: a new archive version with the manifest and its SHA-256, then the event
 * case-archived. The same job key returns the archive it already made (created: false).
 */
export async function freezeCaseArchive(db: Db, r: FreezeRequest): Promise<{ archive: CaseArchive; created: boolean }> {
  const idempotencyKey = `job:${r.jobKey}:archive`;
  const existing = await db('case_archives').where({ idempotency_key: idempotencyKey }).first();
  if (existing) return { archive: toArchive(existing), created: false };
  return db.transaction(async (trx) => {
    // one freeze at a time per case (version numbering); a concurrent redelivery waits here
    await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [`case-archive:${r.caseId}`]);
    const again = await trx('case_archives').where({ idempotency_key: idempotencyKey }).first();
    if (again) return { archive: toArchive(again), created: false };
    const manifest = await buildArchiveManifest(trx, r.caseId);
    const manifestSha256 = sha256Hex(canonicalJson(manifest));
    const { max } = (await trx('case_archives').where({ case_id: r.caseId }).max('version as max').first()) ?? { max: null };
    const [row] = await trx('case_archives')
      .insert({
        case_id: r.caseId,
        version: Number(max ?? 0) + 1,
        manifest: JSON.stringify(manifest),
        manifest_sha256: manifestSha256,
        document_count: manifest.documents.length,
        event_count: manifest.events.count,
        last_event_id: manifest.events.lastEventId,
        retention: r.retention ?? null,
        archived_by: r.archivedBy,
        notes: r.notes ?? null,
        source_job_key: r.jobKey,
        process_instance_key: r.processInstanceKey ?? null,
        idempotency_key: idempotencyKey,
      })
      .returning('*');
    await appendCaseEvent(trx, {
      caseId: r.caseId,
      type: 'case-archived',
      payload: { archiveId: String(row.id), version: row.version, manifestSha256, documentCount: manifest.documents.length, eventCount: manifest.events.count, retention: r.retention ?? null },
      actor: r.archivedBy,
      sourceJobKey: r.jobKey,
      processInstanceKey: r.processInstanceKey ?? null,
    });
    return { archive: toArchive(row), created: true };
  });
}

/** Re-checks a frozen archive against the ledger: the documents it lists still have their content. */
export async function verifyCaseArchive(db: Db, archiveId: string): Promise<{ valid: boolean; manifestSha256Matches: boolean; problems: string[] }> {
  const row = await db('case_archives').where({ id: archiveId }).first();
  if (!row) throw new NotFoundError('归档案卷', archiveId);
  const manifest = row.manifest as ArchiveManifest;
  const problems: string[] = [];
  const manifestSha256Matches = sha256Hex(canonicalJson(manifest)) === row.manifest_sha256;
  if (!manifestSha256Matches) problems.push('归档清单的 SHA-256 与登记值不一致');
  const ids = manifest.documents.map((d) => d.id);
  const current = ids.length
    ? await db('documents').whereIn('id', ids).select('id', 'file_name', db.raw("encode(sha256(content), 'hex') as content_sha256"))
    : [];
  const byId = new Map(current.map((d: any) => [d.id, d]));
  for (const d of manifest.documents) {
    const now = byId.get(d.id) as any;
    if (!now) problems.push(`文书 ${d.fileName} 已不在台账中`);
    else if (now.content_sha256 !== d.sha256) problems.push(`文书 ${d.fileName} 的内容已被改动（SHA-256 不一致）`);
  }
  return { valid: problems.length === 0, manifestSha256Matches, problems };
}

/** The archives of a case, newest first. */
export async function listCaseArchives(db: Db, caseId: string): Promise<CaseArchive[]> {
  return (await db('case_archives').where({ case_id: caseId }).orderBy('version', 'desc')).map(toArchive);
}
