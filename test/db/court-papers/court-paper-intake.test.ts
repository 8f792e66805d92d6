// db tier (the app on the fake engine; real Chromium and pdftotext): POST /api/court-papers/extract
// with a 应诉通知书 and a 起诉状副本 the test prints to PDF with Chromium → the fields the clerk
// confirms; and the 400s that name the field (not a PDF, too many, too big, no file, wrong field).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import request from 'supertest';
import { loadConfig } from '../../../src/config.ts';
import { PdfRenderer } from '../../../src/documents/pdf-renderer.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { complaintHtml, noticeHtml, PAPER_FACTS } from '../../fixtures/court-papers.ts';
import { userOf, withToken } from '../../helpers/principal.ts';
import { useTestDb } from '../../helpers/test-db.ts';

const db = useTestDb();
const config = loadConfig();
const bare = createApp({ config, db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
let app: typeof bare;
const renderer = new PdfRenderer({ executablePath: config.DOCUMENTS_CHROMIUM_PATH, maxPages: 2 });
let notice: Buffer;
let complaint: Buffer;

beforeAll(async () => {
  await seedDemoRegion(db);
  app = withToken(bare, await userOf(db, 'liaocheng-dept'));
  [notice, complaint] = await Promise.all([renderer.render(noticeHtml()), renderer.render(complaintHtml())]);
});
afterAll(() => renderer.close());

describe('court paper intake (POST /api/court-papers/extract)', () => {
  it('reads a notice and a complaint printed to PDF into the fields the clerk confirms', async () => {
    const res = await request(app).post('/api/court-papers/extract').attach('files', complaint, '起诉状副本.pdf').attach('files', notice, '应诉通知书.pdf');
    expect(res.status).toBe(200);
    expect(res.body.sources).toEqual([
      { fileName: '起诉状副本.pdf', kind: 'complaint', textLength: expect.any(Number) },
      { fileName: '应诉通知书.pdf', kind: 'notice', textLength: expect.any(Number) },
    ]);
    expect(res.body.sources.every((s: any) => s.textLength > 100)).toBe(true);
    expect(res.body.fields).toEqual({
      caseNumber: PAPER_FACTS.caseNumber,
      court: PAPER_FACTS.court,
      plaintiffs: PAPER_FACTS.plaintiffs,
      defendant: PAPER_FACTS.agency,
      cause: PAPER_FACTS.cause,
      servedOn: PAPER_FACTS.servedOn,
      issuedOn: PAPER_FACTS.issuedOn,
      actDescription: PAPER_FACTS.act,
      answerWithinDays: 15,
    });
  });

  it('refuses what is not 1–5 PDFs of at most 10 MB with a 400 naming the field', async () => {
    const notPdf = await request(app).post('/api/court-papers/extract').attach('files', notice, 'a.pdf').attach('files', Buffer.from('<html>not a pdf</html>'), '通知.html');
    expect(notPdf.status).toBe(400);
    expect(notPdf.body.error.fields).toEqual([{ field: 'files.1', message: '通知.html 不是 PDF 文件' }]);

    const broken = await request(app).post('/api/court-papers/extract').attach('files', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100, 120)]), 'broken.pdf');
    expect(broken.status).toBe(400);
    expect(broken.body.error.fields[0]).toMatchObject({ field: 'files.0', message: expect.stringContaining('broken.pdf 无法读取') });

    let tooMany = request(app).post('/api/court-papers/extract');
    for (let i = 0; i < 6; i++) tooMany = tooMany.attach('files', notice, `n${i}.pdf`);
    const many = await tooMany;
    expect(many.status).toBe(400);
    expect(many.body.error.fields).toEqual([{ field: 'files', message: '文件过多（最多 5 个）' }]);

    const big = await request(app).post('/api/court-papers/extract').attach('files', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024 + 1)]), 'big.pdf');
    expect(big.status).toBe(400);
    expect(big.body.error.fields).toEqual([{ field: 'files', message: '文件过大（每个文件最多 10 MB）' }]);

    const none = await request(app).post('/api/court-papers/extract').send({});
    expect(none.status).toBe(400);
    expect(none.body.error.fields[0].field).toBe('files');

    const wrongField = await request(app).post('/api/court-papers/extract').attach('file', notice, 'n.pdf');
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.error.fields[0]).toEqual({ field: 'files', message: '文件应放在表单字段 files 中（收到字段 file）' });

    expect((await request(bare).post('/api/court-papers/extract').attach('files', notice, 'n.pdf')).status).toBe(401);
  });
});
