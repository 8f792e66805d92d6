// The documents.render worker against the real ledger: facts from the case + the job's data,
// idempotent per job key, a new job key makes version n+1, and the download routes.
import { createHash } from 'node:crypto';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { InputError } from '../../../src/errors.ts';
import { closeSharedPdfRenderers } from '../../../src/documents/pdf-renderer.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import type { JobContext, WorkerDeps } from '../../../src/workers/worker-module.ts';
import { renderDocument } from '../../../workers/documents/render.ts';
import { answerBriefJobData, insertSampleCase, sampleDocumentData } from '../../fixtures/sample-case.ts';
import { binaryBody } from '../../helpers/binary-body.ts';
import { useTestDb } from '../../helpers/test-db.ts';
import { useAdminClient } from '../../helpers/auth.ts';

const db = useTestDb();
const config = loadConfig();
const logger = pino({ level: 'silent' });
const deps: WorkerDeps = { config, db, logger };
const app = createApp({ config, db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger });
const api = useAdminClient(db, app);

afterAll(() => closeSharedPdfRenderers());

let jobCounter = 0;
function job(variables: Record<string, unknown>, headers: Record<string, string>, key = `22517998136${String(++jobCounter).padStart(5, '0')}${Date.now() % 100000}`): JobContext<any> {
  const parsed = renderDocument.variables!.parse(variables);
  return { key, type: 'documents.render', processInstanceKey: '2251799813000001', bpmnProcessId: 'answer-and-evidence', elementId: 'render-answer', retries: 3, variables: parsed, customHeaders: headers, activatedAt: new Date() };
}


describe('documents.render worker', () => {
  it('renders from the ledger plus the job data, and a redelivered job returns the same document', async () => {
    const { caseId, caseNumber } = await insertSampleCase(db, '9101');
    const first = job({ caseId, documentData: answerBriefJobData }, { documentKind: 'answer-brief' });
    const out1 = await renderDocument.handle(first, deps);
    const out2 = await renderDocument.handle({ ...first }, deps);

    expect(out1).toMatchObject({ version: 1, documentKind: 'answer-brief', documentCreated: true });
    expect(out2).toMatchObject({ documentId: out1!.documentId, version: 1, sha256: out1!.sha256, documentCreated: false });
    const rows = await db('documents').where({ case_id: caseId });
    expect(rows.map((r) => r.format).sort()).toEqual(['docx', 'pdf']);
    const pdf = rows.find((r) => r.format === 'pdf');
    expect(pdf.sha256).toBe(createHash('sha256').update(pdf.content).digest('hex'));
    expect(pdf.size).toBe(pdf.content.length);
    expect(pdf.source_job_key).toBe(first.key);
    expect(pdf.file_name).toBe('行政答辩状_（2026）鲁15行初9101号_第1版.pdf');
    expect(pdf.template_version).toMatch(/^\d+\.\d+\+[0-9a-f]{8}$/);
    // the ledger supplied the facts the job did not
    expect(pdf.data.caseNumber).toBe(caseNumber);
    expect(pdf.data.agency.legalRepresentative).toEqual({ name: '李明', post: '区长' });
    expect(pdf.data.plaintiffs.map((p: any) => p.name)).toEqual(['王某某', '聊城某某置业有限公司']);
    expect(pdf.data.claimAmount).toBe('15000000.00');
    const events = await db('case_events').where({ case_id: caseId, type: 'document.generated' });
    expect(events).toHaveLength(1);
  });

  it('with DOCUMENTS_RENDER=off (the benchmark switch) files the document with a placeholder, numbered and recorded alike, without printing', async () => {
    const { caseId } = await insertSampleCase(db, '9109');
    const off: WorkerDeps = { ...deps, config: { ...config, DOCUMENTS_RENDER: 'off' } };
    const out = await renderDocument.handle(job({ caseId, documentData: answerBriefJobData }, { documentKind: 'answer-brief' }), off);
    expect(out).toMatchObject({ version: 1, documentKind: 'answer-brief', documentCreated: true });
    const rows = await db('documents').where({ case_id: caseId }).orderBy('format');
    expect(rows.map((r) => r.format)).toEqual(['docx', 'pdf']);
    for (const r of rows) {
      // says what it is instead of passing for a printed file
      expect(r.content.toString('utf8')).toMatch(new RegExp(`^DOCUMENTS_RENDER=off \\(benchmark\\): ${r.format} not rendered`));
      expect(r.sha256).toBe(createHash('sha256').update(r.content).digest('hex'));
    }
    expect(await db('case_events').where({ case_id: caseId, type: 'document.generated' })).toHaveLength(1);
  });

  it('makes version n+1 for a new job key and keeps the older versions', async () => {
    const { caseId } = await insertSampleCase(db, '9102');
    const v1 = await renderDocument.handle(job({ caseId, documentData: answerBriefJobData }, { documentKind: 'answer-brief' }), deps);
    const revised = { ...answerBriefJobData, request: '请求人民法院依法驳回原告的起诉。' };
    const v2 = await renderDocument.handle(job({ caseId, documentData: revised }, { documentKind: 'answer-brief', formats: 'pdf' }), deps);
    expect(v1!.version).toBe(1);
    expect(v2!.version).toBe(2);
    expect(v2!.docxDocumentId).toBeNull();
    expect(v2!.sha256).not.toBe(v1!.sha256);
    const other = await renderDocument.handle(job({ caseId, documentData: { agents: answerBriefJobData.agents } }, { documentKind: 'power-of-attorney' }), deps);
    expect(other!.version).toBe(1); // each kind has its own series

    const list = await api.get(`/api/cases/${caseId}/documents`).expect(200);
    const docs = list.body.documents as any[];
    expect(docs).toHaveLength(5); // brief v1 (pdf, docx), brief v2 (pdf), power of attorney v1 (pdf, docx)
    const briefs = docs.filter((d) => d.kind === 'answer-brief');
    expect(briefs.map((d) => [d.version, d.format, d.latest])).toEqual([
      [2, 'pdf', true],
      [1, 'pdf', false],
      [1, 'docx', false],
    ]);
    expect(briefs[0]).toMatchObject({ title: '行政答辩状', caseFileSection: '答辩举证', url: `/api/documents/${v2!.documentId}` });
    expect(briefs[0]).not.toHaveProperty('content');
  });

  it('serves the file with its content type and the Chinese file name (RFC 5987)', async () => {
    const { caseId } = await insertSampleCase(db, '9103');
    const out = await renderDocument.handle(job({ caseId, documentData: answerBriefJobData }, { documentKind: 'answer-brief' }), deps);

    const pdf = await api.get(`/api/documents/${out!.documentId}`).buffer(true).parse(binaryBody).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const disposition = pdf.headers['content-disposition'] as string;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('行政答辩状_（2026）鲁15行初9103号_第1版.pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(pdf.body as Buffer).digest('hex')).toBe(out!.sha256);

    const docx = await api.get(`/api/documents/${out!.docxDocumentId}`).buffer(true).parse(binaryBody).expect(200);
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect((docx.body as Buffer).subarray(0, 2).toString()).toBe('PK');

    const bad = await api.get('/api/documents/not-a-uuid').expect(400);
    expect(bad.body.error.fields[0].field).toBe('params.id');
    await api.get('/api/documents/00000000-0000-4000-8000-000000000000').expect(404);
    await api.get('/api/cases/00000000-0000-4000-8000-000000000000/documents').expect(404);
  });

  it('files periodic reports by agency and period', async () => {
    const { agencyId } = await insertSampleCase(db, '9104');
    const { agency: _a, ...report } = sampleDocumentData['annual-report'];
    const out = await renderDocument.handle(job({ agencyId, period: '2026', documentData: report }, { documentKind: 'annual-report' }), deps);
    const again = await renderDocument.handle(job({ agencyId, period: '2026', documentData: report }, { documentKind: 'annual-report' }), deps);
    expect([out!.version, again!.version]).toEqual([1, 2]);
    const row = await db('documents').where({ id: out!.documentId }).first();
    expect(row).toMatchObject({ case_id: null, agency_id: agencyId, period: '2026', file_name: '年度行政应诉工作报告_2026_第1版.pdf' });
  });

  it('fails with the missing fields named, and writes nothing', async () => {
    const { caseId } = await insertSampleCase(db, '9105');
    const { claims: _c, ...incomplete } = answerBriefJobData;
    const error = await renderDocument.handle(job({ caseId, documentData: incomplete }, { documentKind: 'answer-brief' }), deps).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.issues).toEqual([{ field: 'documentData.claims', message: '缺少必填数据 / required data is missing' }]);
    expect(await db('documents').where({ case_id: caseId })).toHaveLength(0);

    const unknown = await renderDocument.handle(job({ caseId }, { documentKind: 'summons' }), deps).catch((e) => e);
    expect(unknown).toBeInstanceOf(InputError);
    expect(unknown.issues[0].field).toBe('documentKind');
    expect(unknown.message).toContain('未知的文书种类「summons」');
  });
});
