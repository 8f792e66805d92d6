// Generates a document for a case (or a periodic report for an agency) and files it in the ledger:
// ledger facts + the caller's data → template → PDF and DOCX → documents table, as version n+1 of its
// series. Keyed by the source job key: a redelivered job gets the existing document back.
import { createHash } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { appendCaseEvent } from '../ledger/case-events.ts';
import { DOCUMENT_KINDS, type DocumentKind } from './document-kinds.ts';
import { renderDocx } from './docx-renderer.ts';
import { chineseDate, formatCaseNumber } from './formatting.ts';
import { sharedPdfRenderer, type PdfRenderer } from './pdf-renderer.ts';
import { templateRegistry, type TemplateRegistry } from './template-registry.ts';

export type DocumentFormat = 'pdf' | 'docx';
export const CONTENT_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export interface DocumentRecord {
  id: string;
  caseId: string | null;
  agencyId: string | null;
  period: string | null;
  kind: DocumentKind;
  title: string;
  version: number;
  format: DocumentFormat;
  templateVersion: string;
  sha256: string;
  size: number;
  contentType: string;
  fileName: string;
  status: string;
  caseFileSection: string;
  storage: string;
  createdBy: string;
  createdAt: Date;
  sourceJobKey: string | null;
  processInstanceKey: string | null;
}

const META_COLUMNS = [
  'id', 'case_id', 'agency_id', 'period', 'kind', 'title', 'version', 'format', 'template_version', 'sha256', 'size',
  'content_type', 'file_name', 'status', 'case_file_section', 'storage', 'created_by', 'created_at', 'source_job_key', 'process_instance_key',
];

function toRecord(row: any): DocumentRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    agencyId: row.agency_id,
    period: row.period,
    kind: row.kind,
    title: row.title,
    version: row.version,
    format: row.format,
    templateVersion: row.template_version,
    sha256: row.sha256,
    size: row.size,
    contentType: row.content_type,
    fileName: row.file_name,
    status: row.status,
    caseFileSection: row.case_file_section,
    storage: row.storage,
    createdBy: row.created_by,
    createdAt: row.created_at,
    sourceJobKey: row.source_job_key,
    processInstanceKey: row.process_instance_key,
  };
}

export interface DocumentServices {
  db: Db;
  templates: TemplateRegistry;
  pdf: PdfRenderer;
  /** DOCUMENTS_RENDER=off (benchmarks only): file a placeholder instead of printing the PDF and building the DOCX */
  skipRendering?: boolean;
}

/** The process's document services from the configuration (one template registry, one browser). */
export function documentServices(config: Config, db: Db): DocumentServices {
  return {
    db,
    templates: templateRegistry(config.DOCUMENTS_TEMPLATE_DIR),
    pdf: sharedPdfRenderer({ executablePath: config.DOCUMENTS_CHROMIUM_PATH, maxPages: config.DOCUMENTS_MAX_PAGES }),
    skipRendering: config.DOCUMENTS_RENDER === 'off',
  };
}

/** What DOCUMENTS_RENDER=off files instead of a printed document: says what it is, keyed to the rendered HTML. */
export function renderingSkippedPlaceholder(format: DocumentFormat, html: string): Buffer {
  const digest = createHash('sha256').update(html).digest('hex');
  return Buffer.from(`DOCUMENTS_RENDER=off (benchmark): ${format} not rendered; html sha256 ${digest}\n`, 'utf8');
}

/** Today in Asia/Shanghai, the default 落款日期. */
function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

const PARTY_KINDS: Record<string, string> = { person: 'person', enterprise: 'enterprise', organization: 'organization', agency: 'agency' };

/** An agency as a case document names it (答辩人 etc.): name, address, legal representative with post, telephone. */
export async function agencyHeading(db: Db, agencyId: string): Promise<{ profile: string; heading: Record<string, unknown> }> {
  const agency = await db('agencies').where({ id: agencyId }).first();
  const head = agency?.principal_head_id ? await db('people').where({ id: agency.principal_head_id }).first() : null;
  // the legal representative's post: the principal head's, or that of a person of the same name
  const representativeName: string | null = agency?.legal_representative ?? head?.name ?? null;
  const representative =
    head && head.name === representativeName
      ? head
      : representativeName
        ? await db('people').where({ agency_id: agencyId, name: representativeName }).first()
        : null;
  return {
    profile: agency?.profile ?? 'national',
    heading: {
      name: agency?.name,
      address: agency?.address ?? undefined,
      legalRepresentative: representativeName ? { name: representativeName, post: representative?.post } : undefined,
      phone: agency?.phone ?? null,
    },
  };
}

/** What the ledger knows about a case, in the shape the case-document schemas expect. */
export async function caseDocumentFacts(db: Db, caseId: string): Promise<Record<string, unknown>> {
  const row = await db('cases').where({ id: caseId }).first();
  if (!row) throw new NotFoundError('案件 / case', caseId);
  const { profile, heading } = await agencyHeading(db, row.agency_id);
  const parties = await db('case_parties').where({ case_id: caseId }).orderBy([{ column: 'position' }, { column: 'name' }]);
  const toParty = (p: any) => ({ name: p.name, kind: PARTY_KINDS[p.type] ?? 'organization', address: p.address ?? null, legalRepresentative: p.legal_representative ?? null });
  return {
    profile,
    court: row.court,
    caseNumber: row.case_number,
    cause: row.cause,
    level: row.level,
    actDescription: row.act_description,
    claimAmount: row.claim_amount ?? null,
    agency: heading,
    plaintiffs: parties.filter((p: any) => p.role === 'plaintiff').map(toParty),
    thirdParties: parties.filter((p: any) => p.role === 'third-party').map(toParty),
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The job's data over the ledger's facts; nested objects (agency, legalRepresentative) merge key by key. */
export function mergeData(facts: Record<string, unknown>, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...facts };
  for (const [key, value] of Object.entries(data)) {
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? mergeData(out[key] as Record<string, unknown>, value) : value;
  }
  return out;
}

export interface GenerateRequest {
  kind: DocumentKind;
  /** a case document; its facts come from the ledger and `data` adds to or overrides them */
  caseId?: string | null;
  /** a periodic report: the reporting agency and the period ('2026', '2026-Q3') */
  agencyId?: string | null;
  period?: string | null;
  data: Record<string, unknown>;
  formats?: DocumentFormat[];
  createdBy: string;
  sourceJobKey?: string | null;
  processInstanceKey?: string | null;
}

export interface GenerateResult {
  created: boolean;
  version: number;
  documents: DocumentRecord[];
}

function fileNameFor(title: string, subject: string, version: number, format: DocumentFormat): string {
  const safe = `${title}_${subject}_第${version}版`.replace(/[\\/:*?"<>|\s]+/g, '');
  return `${safe}.${format}`;
}

async function existingForJob(db: Db, sourceJobKey: string, kind: DocumentKind): Promise<DocumentRecord[]> {
  const rows = await db('documents').select(META_COLUMNS).where({ source_job_key: sourceJobKey, kind }).orderBy('format', 'desc');
  return rows.map(toRecord);
}

export async function generateDocument(services: DocumentServices, request: GenerateRequest): Promise<GenerateResult> {
  const { db, templates, pdf } = services;
  const info = DOCUMENT_KINDS[request.kind];
  const formats = request.formats?.length ? [...new Set(request.formats)] : (['pdf', 'docx'] as DocumentFormat[]);

  if (request.sourceJobKey) {
    const existing = await existingForJob(db, request.sourceJobKey, request.kind);
    if (existing.length) return { created: false, version: existing[0]!.version, documents: existing };
  }

  let seriesKey: string;
  let subject: string;
  let facts: Record<string, unknown> = {};
  let agencyId = request.agencyId ?? null;
  if (request.caseId) {
    facts = await caseDocumentFacts(db, request.caseId);
    seriesKey = `case:${request.caseId}:${request.kind}`;
    subject = formatCaseNumber(String(facts.caseNumber));
    agencyId = null;
  } else {
    if (!agencyId || !request.period) {
      throw new InputError([{ field: request.agencyId ? 'period' : 'caseId', message: '案件文书需要 caseId；定期报告需要 agencyId 和 period / a case document needs caseId, a periodic report agencyId and period' }]);
    }
    const agency = await db('agencies').where({ id: agencyId }).first();
    if (!agency) throw new NotFoundError('单位 / agency', agencyId);
    facts = { agency: { name: agency.name } };
    seriesKey = `agency:${agencyId}:${request.period}:${request.kind}`;
    subject = request.period;
  }
  const merged = mergeData({ ...facts, date: todayInShanghai() }, request.data);
  const rendered = templates.render(request.kind, merged);

  // render outside the transaction: Chromium takes a while, the lock below only covers numbering
  const contents: Record<DocumentFormat, Buffer | null> = { pdf: null, docx: null };
  for (const format of formats) {
    contents[format] = services.skipRendering
      ? renderingSkippedPlaceholder(format, rendered.html)
      : format === 'pdf'
        ? await pdf.render(rendered.html, rendered)
        : await renderDocx(rendered.html, { title: info.title, landscape: rendered.landscape });
  }

  return db.transaction(async (trx) => {
    // serialise numbering within one series; a concurrent delivery of the same job waits here too
    await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [seriesKey]);
    if (request.sourceJobKey) {
      const existing = await existingForJob(trx, request.sourceJobKey, request.kind);
      if (existing.length) return { created: false, version: existing[0]!.version, documents: existing };
    }
    const { max } = (await trx('documents').where({ series_key: seriesKey }).max('version as max').first()) ?? { max: null };
    const version = Number(max ?? 0) + 1;
    const rows = formats.map((format) => {
      const content = contents[format]!;
      return {
        case_id: request.caseId ?? null,
        agency_id: agencyId,
        period: request.caseId ? null : request.period,
        kind: request.kind,
        title: info.title,
        series_key: seriesKey,
        version,
        format,
        template_version: rendered.templateVersion,
        sha256: createHash('sha256').update(content).digest('hex'),
        size: content.length,
        content_type: CONTENT_TYPES[format],
        file_name: fileNameFor(info.title, subject, version, format),
        case_file_section: info.caseFileSection,
        storage: 'database',
        content,
        data: JSON.stringify(rendered.data),
        created_by: request.createdBy,
        source_job_key: request.sourceJobKey ?? null,
        process_instance_key: request.processInstanceKey ?? null,
      };
    });
    const inserted = (await trx('documents').insert(rows).returning(META_COLUMNS)).map(toRecord);
    if (request.caseId) {
      await appendCaseEvent(trx, {
        caseId: request.caseId,
        type: 'document.generated',
        payload: { kind: request.kind, title: info.title, version, documents: inserted.map((d) => ({ id: d.id, format: d.format, sha256: d.sha256 })) },
        actor: request.createdBy,
        sourceJobKey: request.sourceJobKey ?? null,
        processInstanceKey: request.processInstanceKey ?? null,
        idempotencyKey: request.sourceJobKey ? `job:${request.sourceJobKey}:document.generated:${request.kind}` : null,
      });
    }
    return { created: true, version, documents: inserted.sort((a, b) => formats.indexOf(a.format) - formats.indexOf(b.format)) };
  });
}

export interface CaseFileEntry extends DocumentRecord {
  /** the newest version of its series (older versions stay in the case file) */
  latest: boolean;
  createdOn: string;
}

/** The case's documents for the case file (案卷): every version, newest first, by section. */
export async function listCaseDocuments(db: Db, caseId: string): Promise<CaseFileEntry[]> {
  const found = await db('cases').where({ id: caseId }).first('id');
  if (!found) throw new NotFoundError('案件 / case', caseId);
  const rows = await db('documents')
    .select([...META_COLUMNS, db.raw('version = max(version) OVER (PARTITION BY series_key) AS latest')])
    .where({ case_id: caseId })
    .orderBy([{ column: 'case_file_section' }, { column: 'kind' }, { column: 'version', order: 'desc' }, { column: 'format', order: 'desc' }]);
  return rows.map((row: any) => ({ ...toRecord(row), latest: row.latest, createdOn: chineseDate(row.created_at) }));
}

export async function getDocument(db: Db, id: string): Promise<DocumentRecord & { content: Buffer }> {
  const row = await db('documents').select([...META_COLUMNS, 'content']).where({ id }).first();
  if (!row) throw new NotFoundError('文书 / document', id);
  return { ...toRecord(row), content: row.content };
}
