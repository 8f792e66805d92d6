// Injection (issue 15 §2) — db tier: the app on the engine port's fake, real PostgreSQL (a database of
// its own), real Chromium for the workspace pages. XSS strings through user fields into the workspace
// pages, the documents' HTML (the source of the PDF) and DOCX, e-mail and IM messages; SQL
// metacharacters in every filter and search; path tricks in document downloads and the static files;
// formula injection in the ledger's .xlsx export (the only export: every exceljs writer of user data).
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import pino from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, projectRoot } from '../../../src/config.ts';
import { createDb, type Db } from '../../../src/db/database.ts';
import { createApp } from '../../../src/http/app.ts';
import { documentKinds, DOCUMENT_KINDS } from '../../../src/documents/document-kinds.ts';
import { renderDocx } from '../../../src/documents/docx-renderer.ts';
import { TemplateRegistry } from '../../../src/documents/template-registry.ts';
import { neutraliseFormula } from '../../../src/cases/ledger-export.ts';
import { renderMessage } from '../../../src/notifications/templates.ts';
import { createDingTalkSender, createWeComSender } from '../../../src/notifications/channels/webhooks.ts';
import type { OutboxRow } from '../../../src/notifications/outbox-row.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { as, createTestUser, type TestUser } from '../../helpers/auth.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';
import { binaryBody } from '../../helpers/binary-body.ts';
import { openWorkspace } from '../../helpers/workspace-browser.ts';
import { sampleDocumentData } from '../../fixtures/sample-case.ts';
import path from 'node:path';

const XSS = ['<script>window.__xss=1</script>', '"><img src=x onerror="window.__xss=2">', "'><svg onload=window.__xss=3>", '{{constructor.constructor("return process")()}}'];
const FORMULAS = ['=HYPERLINK("http://evil.example","点我")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'];

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let app: Express;
const engine = createFakeProcessEngine();
let clerk: TestUser;
let agencyId: string;

beforeAll(async () => {
  database = await freshLedgerDatabase('yingsu_test_injection');
  db = createDb(database.url, { min: 0, max: 4 });
  app = createApp({ config: loadConfig(), db, engine, engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
  await seedDemoRegion(db);
  agencyId = (await db('agencies').where({ code: 'liaocheng-dept' }).first('id')).id;
  clerk = await createTestUser(db, { roles: ['clerk', 'handler'], agencyId });
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

let serial = 0;
async function registerCase(over: { plaintiff?: string; cause?: string; caseNumber?: string; act?: string } = {}) {
  const res = await as(app, clerk)
    .post('/api/cases')
    .send({
      agencyId,
      caseNumber: over.caseNumber ?? `（2026）鲁1502行初${60000 + ++serial}号`,
      court: '聊城市东昌府区人民法院',
      level: 'first',
      cause: over.cause ?? '行政处罚',
      actUnderSuit: { description: over.act ?? '罚款', madeByAgencyId: agencyId },
      reconsideration: { status: 'none' },
      plaintiffs: [{ name: over.plaintiff ?? '某公司', type: 'enterprise' }],
      plaintiffCount: 1,
      complaintReceivedOn: '2026-05-06',
    });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** Tag names and attribute names in an HTML string (what markup it holds). */
function markupOf(html: string): { tags: Set<string>; attributes: Set<string> } {
  const tags = new Set<string>();
  const attributes = new Set<string>();
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
        tags.add((n as Element).name);
        for (const a of Object.keys((n as Element).attribs)) attributes.add(a);
        walk((n as Element).children);
      }
    }
  };
  walk(parseDocument(html).children);
  return { tags, attributes };
}
/** The injected HTML adds no element and no attribute the clean one lacks (no script, img, svg, on…). */
function expectNoNewMarkup(clean: string, injected: string, what: string) {
  const before = markupOf(clean);
  const after = markupOf(injected);
  expect([...after.tags].filter((t) => !before.tags.has(t)), `${what}: new elements`).toEqual([]);
  expect([...after.attributes].filter((a) => !before.attributes.has(a)), `${what}: new attributes`).toEqual([]);
  expect(injected, what).not.toMatch(/<script>window|<img src=x|<svg onload/);
}

/** Appends a payload to every text leaf of the data that is no date, number or identifier. */
function inject(value: unknown, payload: string): unknown {
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}|^[a-z0-9-]+$|^\d/.test(value) || value.length === 0 ? value : `${value}${payload}`;
  if (Array.isArray(value)) return value.map((v) => inject(v, payload));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inject(v, payload)]));
  return value;
}

describe('XSS in documents (the HTML Chromium prints, and the DOCX)', () => {
  const registry = new TemplateRegistry(path.join(projectRoot, 'src', 'documents', 'templates'));

  it.each(documentKinds)('%s: user text with markup is escaped in the HTML source of the PDF', (kind) => {
    const clean = registry.render(kind, sampleDocumentData[kind]).html;
    for (const payload of XSS) {
      const injected = registry.render(kind, inject(sampleDocumentData[kind], payload)).html;
      expectNoNewMarkup(clean, injected, `${kind} ${payload}`);
      // the text is shown, escaped: the reader sees what was typed
      if (payload.startsWith('<script')) expect(injected).toContain('&lt;script&gt;window.__xss&#x3D;1&lt;/script&gt;');
      if (payload.startsWith('{{')) expect(injected).toContain('{{constructor.constructor(');
    }
  });

  it('keeps markup in user text as text in the DOCX (document.xml escapes it, no field codes)', async () => {
    const kind = documentKinds.includes('answer-brief') ? 'answer-brief' : documentKinds[0]!;
    const { html, title } = registry.render(kind, inject(sampleDocumentData[kind], XSS.join('')));
    const docx = await renderDocx(html, { title: DOCUMENT_KINDS[kind].title ?? title });
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    expect(xml).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
    expect(xml).not.toMatch(/<script|<img |<svg /);
    expect(xml).not.toContain('w:fldSimple');
    expect(xml).not.toContain('w:instrText');
  });
});

describe('XSS in e-mail and IM messages', () => {
  const events = ['case.registered', 'case.assigned', 'deadline.due-today', 'deadline.escalation', 'deadline.overdue', 'hearing.summons', 'hearing.head-unable', 'judgment.received', 'performance.due', 'recommendation.reply-due', 'site-investigation.department', 'quota.at-risk'] as const;
  const data = (payload: string) => ({
    recipientName: `张三${payload}`,
    agencyName: `某局${payload}`,
    court: `某法院${payload}`,
    caseNumber: `（2026）鲁1502行初1号${payload}`,
    cause: `行政处罚${payload}`,
    actDescription: `罚款${payload}`,
    unitName: `法规科${payload}`,
    handlerName: `李四${payload}`,
    deadlineLabel: `答辩举证${payload}`,
    label: `答辩举证${payload}`,
    place: `第一法庭${payload}`,
    department: `某部门${payload}`,
    issuer: `某法院${payload}`,
    subjectMatter: `建议事项${payload}`,
    receivedOn: '2026-03-12',
    answerDue: '2026-03-27',
    dueOn: '2026-03-27',
    hearingDate: '2026-03-13',
    daysLeft: 3,
    link: 'http://127.0.0.1:3000/cases/x',
  });

  it.each(events)('%s: the HTML part escapes user text, the subject is one line', (event) => {
    const clean = renderMessage(event, data(''));
    for (const payload of [...XSS, 'a\r\nBcc: evil@example.com']) {
      const message = renderMessage(event, data(payload));
      expectNoNewMarkup(clean.html, message.html, `${event} ${payload}`);
      expect(message.subject).not.toMatch(/[\r\n]/);
    }
  });

  it('sends WeCom and DingTalk messages as plain text (msgtype text): markup and markdown stay characters', async () => {
    const bodies: any[] = [];
    const fakeFetch = (async (_url: string, init: { body: string }) => {
      bodies.push(JSON.parse(init.body));
      return new Response('{"errcode":0,"errmsg":"ok"}', { status: 200 });
    }) as unknown as typeof fetch;
    const text = `${XSS.join(' ')} [点我](http://evil.example) **粗体** <font color="red">红</font> @all`;
    const row = { subject: `【案件登记】${text}`, bodyText: text, payload: { mentionMobiles: [] }, address: 'http://127.0.0.1:9/robot' } as unknown as OutboxRow;
    await createWeComSender({ timeoutMs: 1000, secretFor: async () => null, fetch: fakeFetch }).send(row);
    await createDingTalkSender({ timeoutMs: 1000, secretFor: async () => 'SECx', fetch: fakeFetch }).send(row);
    for (const body of bodies) {
      expect(body.msgtype).toBe('text');
      expect(body.markdown).toBeUndefined();
      expect(body.text.content).toContain(text);
    }
    expect(bodies[1].at).toEqual({ atMobiles: [], isAtAll: false });
  });
});

describe('formula injection in the ledger export', () => {
  it('neutralises every cell that starts with = + - @, a tab or a carriage return', async () => {
    const marker = `公式${Date.now()}`;
    for (const [i, formula] of FORMULAS.entries()) await registerCase({ plaintiff: formula, cause: formula, caseNumber: `${formula}${marker}-${i}` });
    const res = await as(app, clerk).get(`/api/cases/export.xlsx?q=${encodeURIComponent(marker)}`).buffer(true).parse(binaryBody);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const cells: string[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      row.eachCell((cell) => {
        expect(cell.type, `${cell.address} is no formula`).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === 'string') cells.push(cell.value);
      });
    });
    expect(sheet.rowCount).toBe(FORMULAS.length + 1);
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    // the text is still there, after the apostrophe (the API trims the tab and CR of the last two)
    for (const formula of FORMULAS) expect(cells).toContain(`'${formula.trim()}`);
  });

  it('leaves ordinary text alone', () => {
    expect(neutraliseFormula('（2026）鲁1502行初1号')).toBe('（2026）鲁1502行初1号');
    expect(neutraliseFormula('张三-李四')).toBe('张三-李四');
    expect(neutraliseFormula('-5')).toBe("'-5");
  });
});

describe('SQL metacharacters in filters and searches', () => {
  const LIST_ROUTES: [string, string[]][] = [
    ['/api/cases', ['q', 'agencyId', 'year', 'status', 'stage', 'level', 'outcome', 'warning', 'sort', 'order', 'limit', 'offset', 'enterpriseRelated', 'dueFrom', 'dueTo']],
    ['/api/cases/export.xlsx', ['q', 'status', 'stage', 'sort']],
    ['/api/admin/audit', ['personId', 'login', 'action', 'caseId', 'from', 'to', 'limit', 'offset']],
    ['/api/admin/accounts', ['q', 'agencyId', 'status', 'limit', 'offset']],
    ['/api/notifications', ['unread', 'limit', 'offset']],
    ['/api/admin/notifications', ['status', 'channel', 'caseId', 'limit', 'offset']],
    ['/api/statistics', ['scope', 'period']],
  ];
  let admin: TestUser;
  beforeAll(async () => {
    admin = await createTestUser(db, { roles: ['admin'] });
  });

  it('answers every filter with every metacharacter string 200 or a 400 naming it, never a 5xx', { timeout: 300_000 }, async () => {
    const problems: string[] = [];
    const metacharacters = ["' OR '1'='1", "'; DROP TABLE cases; --", "1; SELECT pg_sleep(5)--", "' UNION SELECT password_hash FROM people--", '%_\\', '\\', '$1', '$$', '::text', ')', '"', '-1', '1e309', '__proto__'];
    for (const [route, params] of LIST_ROUTES) {
      for (const param of params) {
        for (const value of metacharacters) {
          const base: Record<string, string> = route === '/api/statistics' ? { scope: `agency:${agencyId}`, period: '2026' } : {};
          const query = new URLSearchParams({ ...base, [param]: value }).toString();
          const res = await as(app, admin).get(`${route}?${query}`);
          if (res.status >= 500 || (res.status === 400 && !JSON.stringify(res.body.error?.fields ?? res.body.error).includes(param))) problems.push(`${route}?${param}=${JSON.stringify(value)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          if (res.status === 200 && /password_hash|\$argon2/.test(res.text ?? '')) problems.push(`${route}?${param}: leaked a password hash`);
        }
      }
    }
    expect(problems.slice(0, 15)).toEqual([]);
  });

  it('searches % and _ as characters, and a quote as a quote', async () => {
    const marker = `元字符${Date.now()}`;
    await registerCase({ plaintiff: `百分之百%${marker}` });
    await registerCase({ plaintiff: `下划线_${marker}` });
    await registerCase({ plaintiff: `O'Brien${marker}` });
    const names = async (q: string) => ((await as(app, clerk).get(`/api/cases?q=${encodeURIComponent(q)}`)).body.items as { plaintiffNames: string[] }[]).flatMap((i) => i.plaintiffNames);
    expect(await names(`%${marker}`)).toEqual([`百分之百%${marker}`]);
    expect(await names(`_${marker}`)).toEqual([`下划线_${marker}`]);
    expect(await names(`'Brien${marker}`)).toEqual([`O'Brien${marker}`]);
    expect(await names(`' OR '1'='1`)).toEqual([]);
  });
});

describe('path tricks in downloads', () => {
  let documentId: string;
  beforeAll(async () => {
    const caseId = await registerCase();
    const [document] = await db('documents')
      .insert({ case_id: caseId, agency_id: agencyId, kind: 'answer-brief', title: '行政答辩状', series_key: `inj:${caseId}`, version: 1, format: 'pdf', template_version: 'test', sha256: 'a'.repeat(64), size: 8, content_type: 'application/pdf', file_name: '../../etc/passwd\r\nSet-Cookie: x=1.pdf', case_file_section: 'answer', content: Buffer.from('%PDF-1.7'), created_by: 'test' })
      .returning('id');
    documentId = document.id;
  });

  it('answers ../, %2e%2e, absolute paths and NUL bytes in the document id with a JSON 400/404 and no file', async () => {
    for (const trick of ['..', '..%2f..%2fetc%2fpasswd', '%2e%2e%2f%2e%2e%2fpackage.json', '%2fetc%2fpasswd', 'C:%5Cwindows%5Cwin.ini', `${documentId}%00.pdf`, `${documentId}%2f..`, '%00', `..%5c..%5c${documentId}`, `${documentId.replace(/-/g, '')}`]) {
      const res = await as(app, clerk).get(`/api/documents/${trick}`);
      expect([400, 404], `${trick}: ${res.status}`).toContain(res.status);
      expect(res.headers['content-type']).toMatch(/json/);
      expect(res.text).not.toContain('%PDF');
      expect(res.text).not.toMatch(/root:|"name":\s*"xingzheng-yingsu"/);
    }
    for (const url of [`/api/documents/../../package.json`, '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fpackage.json', '/assets/%2e%2e/%2e%2e/package.json', '/..%5c..%5cpackage.json', '/index.html%00.json']) {
      const res = await request(app).get(url).set('Authorization', `Bearer ${clerk.token}`);
      expect(res.status, url).toBeLessThan(500);
      expect(res.text, url).not.toMatch(/root:x:0|"name":\s*"xingzheng-yingsu"|"devDependencies"/);
    }
  });

  it('sends a stored file name with path and CR/LF characters as an inert Content-Disposition', async () => {
    const res = await as(app, clerk).get(`/api/documents/${documentId}`).buffer(true).parse(binaryBody);
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    const disposition = res.headers['content-disposition'] as string;
    expect(disposition).not.toMatch(/[\r\n]/);
    expect(disposition).toMatch(/^attachment; filename="[^"/\\]*"; filename\*=UTF-8''[^\s;]+$/);
    expect(disposition).not.toContain('../');
  });
});

describe('XSS in the workspace pages (Chromium)', () => {
  it('shows markup typed into user fields as text on the ledger and the case page: no element made, no script run', { timeout: 120_000 }, async () => {
    const payload = XSS.join(' ');
    const marker = `页面${Date.now()}`;
    const caseId = await registerCase({ plaintiff: `${marker}${payload}`, cause: `行政处罚${XSS[1]}`, act: `罚款${payload}` });
    const workspace = await openWorkspace(app);
    try {
      const page = await workspace.loginAs(clerk.login, clerk.password);
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      for (const url of [`/ledger?q=${encodeURIComponent(marker)}`, `/cases/${caseId}`]) {
        await page.goto(`${workspace.baseUrl}${url}`);
        await page.getByText(marker, { exact: false }).first().waitFor({ timeout: 30_000 });
        expect(await page.evaluate('window.__xss'), url).toBeUndefined();
        expect(await page.locator('img[src="x"], svg[onload], script:not([src])').count(), url).toBe(0);
        expect(await page.locator('body').innerText(), url).toContain('<script>window.__xss=1</script>');
      }
      expect(dialogs).toEqual([]);
    } finally {
      await workspace.close();
    }
  });
});
