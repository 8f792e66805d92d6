// db tier: GET /api/cases/export.xlsx on the real ledger database — N cases exported with the
// ledger's filters and scope, read back with exceljs: Chinese headers, one row per case in the
// ledger's order, dates as Excel dates, warnings in Chinese.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import request from 'supertest';
import { EXPORT_COLUMNS } from '../../../src/cases/ledger-export.ts';
import { loadConfig } from '../../../src/config.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { binaryBody } from '../../helpers/binary-body.ts';
import { userOf, withToken } from '../../helpers/principal.ts';
import { useTestDb } from '../../helpers/test-db.ts';

const db = useTestDb();
const app = createApp({ config: loadConfig(), db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
const token = `XLS${randomUUID().slice(0, 6)}`;
const N = 1_500;

async function readBack(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return { sheet, rows };
}

beforeAll(async () => {
  await seedDemoRegion(db);
  const agencyId = (await db('agencies').where({ code: 'demo-market' }).first('id')).id;
  const ids: string[] = [];
  for (let i = 0; i < N; i += 500) {
    const rows = Array.from({ length: Math.min(500, N - i) }, (_, k) => {
      const n = i + k;
      return {
        agency_id: agencyId,
        case_number: `（2026）示行初${token}${String(n).padStart(5, '0')}号`,
        court: '示例市中级人民法院',
        level: n % 3 === 0 ? 'second' : 'first',
        cause: '行政许可',
        act_description: '不予许可决定',
        complaint_received_on: `2026-0${1 + (n % 9)}-${String(1 + (n % 28)).padStart(2, '0')}`,
        stage: 'answer',
      };
    });
    ids.push(...(await db('cases').insert(rows).returning('id')).map((r: any) => r.id));
  }
  await db('case_parties').insert(ids.map((case_id, n) => ({ case_id, role: 'plaintiff', name: n % 2 ? `某某商贸有限公司${n}` : `刘${n}`, type: n % 2 ? 'enterprise' : 'person', position: 0 })));
  // one overdue answer deadline: shown as 逾期 with its date
  await db('case_deadlines').insert({ case_id: ids[0], rule_id: 'answer-and-evidence', trigger_key: 'complaintReceivedOn', profile: 'national', rule_profile: 'national', name: '答辩举证期限', stage: 'answer', basis: 'statutory', trigger_on: '2026-01-01', due_on: '2026-01-16', status: 'OK', explanation: 'x', source: 'x', computed_reason: 'test' });
});

describe('ledger export (.xlsx)', () => {
  it(`streams ${N} filtered cases with Chinese headers and real dates, in the ledger's order`, async () => {
    const market = withToken(app, await userOf(db, 'demo-market'));
    const res = await request(market).get('/api/cases/export.xlsx').query({ q: token }).buffer(true).parse(binaryBody);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(decodeURIComponent(res.headers['content-disposition']!)).toContain('行政应诉台账_');
    const { sheet, rows } = await readBack(res.body);
    expect(sheet.name).toBe('行政应诉台账');
    expect(rows[0]).toEqual(EXPORT_COLUMNS.map((c) => c.header));
    expect(rows[0]).toContain('案号');
    expect(rows).toHaveLength(N + 1);
    const col = (header: string) => EXPORT_COLUMNS.findIndex((c) => c.header === header);
    // newest complaint first, as the ledger page
    const received = rows.slice(1).map((r) => (r[col('收到起诉状日期')] as Date).toISOString().slice(0, 10));
    expect(received).toEqual([...received].sort().reverse());
    const first = rows.slice(1).find((r) => String(r[col('案号')]).endsWith('00000号'))!;
    expect(first[col('收到起诉状日期')]).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(first[col('期限届满日')]).toEqual(new Date('2026-01-16T00:00:00Z'));
    expect(first[col('预警')]).toBe('逾期');
    expect(first[col('下一期限')]).toBe('答辩举证期限');
    expect(first[col('审级')]).toBe('二审');
    expect(first[col('阶段')]).toBe('答辩举证');
    expect(first[col('原告')]).toBe('刘0');
    expect(sheet.getColumn(col('收到起诉状日期') + 1).numFmt).toContain('年');
  });

  it('applies the filters and the scope of the ledger page', async () => {
    const market = withToken(app, await userOf(db, 'demo-market'));
    const enterprise = await request(market).get('/api/cases/export.xlsx').query({ q: token, enterpriseRelated: 'true', level: 'second' }).buffer(true).parse(binaryBody);
    const { rows } = await readBack(enterprise.body);
    const expected = Array.from({ length: N }, (_, n) => n).filter((n) => n % 2 === 1 && n % 3 === 0).length;
    expect(rows).toHaveLength(expected + 1);
    expect(rows.slice(1).every((r) => r[EXPORT_COLUMNS.findIndex((c) => c.header === '涉企')] === '是')).toBe(true);
    const other = withToken(app, await userOf(db, 'demo-hrss'));
    const none = await request(other).get('/api/cases/export.xlsx').query({ q: token }).buffer(true).parse(binaryBody);
    expect((await readBack(none.body)).rows).toHaveLength(1);
    const bad = await request(market).get('/api/cases/export.xlsx').query({ due: 'tomorrow' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: any) => f.field)).toEqual(['due']);
  });
});
