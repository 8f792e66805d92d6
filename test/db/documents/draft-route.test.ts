// POST /api/cases/:caseId/documents against the real ledger and Chromium: a person drafts a case
// document (here a 延期开庭申请书) outside any process; a retried request makes no second version.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { closeSharedPdfRenderers } from '../../../src/documents/pdf-renderer.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { insertSampleCase, sampleDocumentData } from '../../fixtures/sample-case.ts';
import { binaryBody } from '../../helpers/binary-body.ts';
import { useTestDb } from '../../helpers/test-db.ts';
import { useAdminClient } from '../../helpers/auth.ts';

const db = useTestDb();
const app = createApp({ config: loadConfig(), db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
const api = useAdminClient(db, app);
afterAll(() => closeSharedPdfRenderers());

const { court: _c, caseNumber: _n, cause: _a, level: _l, actDescription: _d, agency: _g, plaintiffs: _p, claimAmount: _m, ...drafted } = sampleDocumentData['hearing-postponement-application'] as Record<string, unknown>;

describe('drafting a case document through the API', () => {
  it('renders it from the ledger plus the drafted parts, as PDF and DOCX, once per request id', async () => {
    const { caseId, caseNumber } = await insertSampleCase(db, '9401');
    const body = { kind: 'hearing-postponement-application', data: drafted, requestId: 'draft-9401-0001' };
    const first = await api.post(`/api/cases/${caseId}/documents`).send(body);
    expect(first.status).toBe(201);
    expect(first.body.documents.map((d: any) => d.format).sort()).toEqual(['docx', 'pdf']);
    const pdf = first.body.documents.find((d: any) => d.format === 'pdf');
    expect(pdf.fileName).toBe(`延期开庭申请书_${caseNumber.replace(/\(/g, '（').replace(/\)/g, '）')}_第1版.pdf`);

    const file = await api.get(pdf.url).buffer(true).parse(binaryBody);
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'draft-')), 'draft.pdf');
    writeFileSync(out, file.body);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', out, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('延期开庭申请书');
    expect(text).toContain('原定于2026年11月12日9时30分的开庭延期至2026年11月26日');

    const again = await api.post(`/api/cases/${caseId}/documents`).send(body);
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    expect(again.body.documents.map((d: any) => d.id).sort()).toEqual(first.body.documents.map((d: any) => d.id).sort());
  });

  it('names the missing or wrong field (400), and an unknown case is 404', async () => {
    const { caseId } = await insertSampleCase(db, '9402');
    const missing = await api.post(`/api/cases/${caseId}/documents`).send({ kind: 'hearing-postponement-application', data: { ...drafted, reason: undefined } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.map((f: any) => f.field)).toContain('documentData.reason');
    const kind = await api.post(`/api/cases/${caseId}/documents`).send({ kind: 'annual-report', data: {} });
    expect(kind.status).toBe(400);
    expect(kind.body.error.fields.map((f: any) => f.field)).toEqual(['body.kind']);
    const unknown = await api.post('/api/cases/7d0c7f51-6a2b-4e41-9f61-2b8f0d3a4c55/documents').send({ kind: 'hearing-postponement-application', data: drafted });
    expect(unknown.status).toBe(404);
  });
});
