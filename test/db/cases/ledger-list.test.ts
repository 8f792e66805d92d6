// db tier: the ledger (台账) on the real ledger database — scope (own agency, responding unit, every
// agency), each filter, search by 案号 and by party, warnings on a fixed day, sort and paging, and the
// HTTP contract of GET /api/cases (shape, 400s naming the field). The other db files share the
// database, so every query here is narrowed by a token in this file's case numbers.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import request from 'supertest';
import { listCases, type LedgerFilter, type LedgerScope } from '../../../src/cases/case-list.ts';
import { warningWindows } from '../../../src/cases/ledger-warnings.ts';
import { loadConfig } from '../../../src/config.ts';
import { loadCalendar } from '../../../src/deadlines/ledger.ts';
import { shanghaiDateOf } from '../../../src/deadlines/dates.ts';
import { createApp } from '../../../src/http/app.ts';
import { appendCaseEvent } from '../../../src/ledger/case-events.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { userOf, withToken } from '../../helpers/principal.ts';
import { insertLedgerCase, useTestDb } from '../../helpers/test-db.ts';

const db = useTestDb();
const app = createApp({ config: loadConfig(), db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
const token = `LDG${randomUUID().slice(0, 6)}`;
const ids = new Map<string, string>();
const cases = new Map<string, string>();
// a Monday: 3日内 runs to Thursday 2026-06-11 (3 working days), 本周 to Sunday 2026-06-14
const TODAY = '2026-06-08';

async function deadline(caseId: string, ruleId: string, stage: string, dueOn: string, name = '测试期限') {
  await db('case_deadlines').insert({ case_id: caseId, rule_id: ruleId, trigger_key: 'complaintReceivedOn', profile: 'national', rule_profile: 'national', name, stage, basis: 'statutory', trigger_on: '2026-01-05', due_on: dueOn, status: 'OK', explanation: 'x', source: 'x', computed_reason: 'test' });
}

const list = (scope: LedgerScope, f: LedgerFilter = {}, page = { limit: 100, offset: 0 }) => listCases(db, scope, { q: token, ...f, ...page }, { today: TODAY });
const names = async (scope: LedgerScope, f: LedgerFilter = {}) => (await list(scope, f)).items.map((i) => [...cases].find(([, id]) => id === i.id)?.[0]).sort();

beforeAll(async () => {
  await seedDemoRegion(db);
  for (const a of await db('agencies').select('id', 'code')) ids.set(a.code, a.id);
  const add = async (name: string, agency: string, columns: Record<string, unknown> = {}, plaintiffs?: { name: string; type: string }[]) => {
    const row = await insertLedgerCase(db, { agency_id: ids.get(agency)!, case_number: `（2026）鲁15行初${token}${name}号`, ...columns }, plaintiffs);
    cases.set(name, row.id);
    return row.id as string;
  };
  const overdue = await add('A', 'liaocheng-dept', { stage: 'answer', complaint_received_on: '2026-05-06' }, [{ name: `王${token}`, type: 'person' }]);
  await deadline(overdue, 'answer-and-evidence', 'answer', '2026-06-05', '答辩举证期限');
  // registered long ago: its 收件登记期限 is fulfilled, not overdue
  await deadline(overdue, 'registration', 'registration', '2026-05-09', '收件登记期限');
  const soon = await add('B', 'liaocheng-dept', { stage: 'hearing', level: 'second', complaint_received_on: '2025-11-03' }, [{ name: '聊城某某有限公司', type: 'enterprise' }]);
  await deadline(soon, 'head-appearance-notice', 'hearing', '2026-06-10');
  await deadline(soon, 'head-absence-report', 'hearing', '2026-07-01');
  // an answer deadline of a case whose answer is in: fulfilled, not pending
  const week = await add('C', 'yantai-dept', { stage: 'awaiting-hearing', answer_submitted_on: '2026-05-20', flags: JSON.stringify({ enterpriseRelated: true }) });
  await deadline(week, 'answer-and-evidence', 'answer', '2026-05-21');
  await deadline(week, 'post-answer-filing', 'answer', '2026-06-12');
  const later = await add('D', 'yantai-dept', { stage: 'judgment' });
  await deadline(later, 'appeal-judgment', 'judgment', '2026-06-20');
  await appendCaseEvent(db, { caseId: later, type: 'court-event:judgment-served', payload: { kind: 'judgment', outcome: 'lost', servedOn: '2026-06-05' }, actor: 'test' });
  // Yantai's case with Liaocheng's department as a responding unit: Liaocheng sees it too
  const shared = await add('E', 'yantai-dept', { stage: 'registration', status: 'open' });
  await db('case_responding_units').insert({ case_id: shared, agency_id: ids.get('liaocheng-dept'), role: 'assisting', defends: 'original-act', rule: 'test', explanation: 'test' });
  // closed: no pending deadline whatever its rows say
  const closed = await add('F', 'hunan-dept', { stage: 'archived', status: 'closed' });
  await deadline(closed, 'appeal-judgment', 'judgment', '2026-06-01');
});

describe('the ledger (GET /api/cases) on the ledger database', () => {
  it('shows the principal only the cases of the agencies it sees: own agency or a responding unit', async () => {
    expect(await names({ visibleAgencyIds: null })).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(await names({ visibleAgencyIds: [ids.get('liaocheng-dept')!] })).toEqual(['A', 'B', 'E']);
    expect(await names({ visibleAgencyIds: [ids.get('yantai-dept')!] })).toEqual(['C', 'D', 'E']);
    expect(await names({ visibleAgencyIds: [] })).toEqual([]);
  });

  it('gives each case its next pending deadline and warning colour, on the deadline calendar', async () => {
    const { items } = await list({ visibleAgencyIds: null });
    const of = (name: string) => items.find((i) => i.id === cases.get(name))!;
    expect(of('A')).toMatchObject({ nextDeadline: { ruleId: 'answer-and-evidence', label: '答辩举证期限', dueOn: '2026-06-05' }, warning: 'overdue', stage: 'answer', stageLabel: '答辩举证', plaintiffNames: [`王${token}`] });
    expect(of('B')).toMatchObject({ nextDeadline: { ruleId: 'head-appearance-notice', dueOn: '2026-06-10' }, warning: 'due-3d', enterpriseRelated: true, level: 'second' });
    // the answer deadline is fulfilled once the answer is in; the post-answer filing is due Friday
    expect(of('C')).toMatchObject({ nextDeadline: { ruleId: 'post-answer-filing', dueOn: '2026-06-12' }, warning: 'due-week', enterpriseRelated: true });
    expect(of('D')).toMatchObject({ nextDeadline: { dueOn: '2026-06-20' }, warning: null, outcome: 'lost', agencyName: expect.stringContaining('') });
    expect(of('F')).toMatchObject({ nextDeadline: null, warning: null, status: 'closed' });
    expect(of('A')).toMatchObject({ agencyId: ids.get('liaocheng-dept'), profile: 'liaocheng', court: '测试市中级人民法院', cause: '行政处罚', complaintReceivedOn: '2026-05-06', outcome: null, enterpriseRelated: false });
  });

  it('filters by due window, agency, stage, level, profile, year, enterprise and outcome', async () => {
    const all = { visibleAgencyIds: null };
    expect(await names(all, { due: 'overdue' })).toEqual(['A']);
    expect(await names(all, { due: '3d' })).toEqual(['B']);
    expect(await names(all, { due: 'week' })).toEqual(['B', 'C']);
    expect(await names(all, { due: '14d' })).toEqual(['B', 'C', 'D']);
    expect(await names(all, { due: '1d' })).toEqual([]);
    expect(await names(all, { agency: ids.get('yantai-dept') })).toEqual(['C', 'D', 'E']);
    expect(await names(all, { stage: 'hearing' })).toEqual(['B']);
    expect(await names(all, { level: 'second' })).toEqual(['B']);
    expect(await names(all, { profile: 'yantai' })).toEqual(['C', 'D', 'E']);
    expect(await names(all, { year: 2025 })).toEqual(['B']);
    expect(await names(all, { enterpriseRelated: true })).toEqual(['B', 'C']);
    expect(await names(all, { enterpriseRelated: false })).toEqual(['A', 'D', 'E', 'F']);
    expect(await names(all, { outcome: 'lost' })).toEqual(['D']);
    expect(await names(all, { outcome: 'none', agency: ids.get('yantai-dept') })).toEqual(['C', 'E']);
  });

  it('searches by a part of the 案号 or of a party name', async () => {
    const search = async (q: string) => (await listCases(db, { visibleAgencyIds: null }, { q, limit: 50, offset: 0 }, { today: TODAY })).items.map((i) => i.id);
    expect(await search(`${token}B`)).toEqual([cases.get('B')]);
    expect(await search(`王${token}`)).toEqual([cases.get('A')]);
    // LIKE wildcards are text, not patterns
    expect(await search(`${token}%`)).toEqual([]);
  });

  it('sorts and pages: the default is newest complaint first; pages do not overlap; total counts every match', async () => {
    const all = { visibleAgencyIds: null };
    const byDefault = (await list(all)).items.map((i) => i.complaintReceivedOn);
    expect(byDefault).toEqual([...byDefault].sort().reverse());
    const byDeadline = (await list(all, { sort: 'nextDeadline', order: 'asc' })).items.map((i) => i.nextDeadline?.dueOn ?? null);
    expect(byDeadline).toEqual(['2026-06-05', '2026-06-10', '2026-06-12', '2026-06-20', null, null]);
    const byNumber = (await list(all, { sort: 'caseNumber', order: 'desc' })).items.map((i) => i.caseNumber);
    expect(byNumber).toEqual([...byNumber].sort().reverse());
    const first = await list(all, { sort: 'caseNumber' }, { limit: 4, offset: 0 });
    const second = await list(all, { sort: 'caseNumber' }, { limit: 4, offset: 4 });
    expect(first).toMatchObject({ total: 6, limit: 4, offset: 0 });
    expect(first.items).toHaveLength(4);
    expect(second.items.map((i) => i.id)).toEqual([cases.get('E'), cases.get('F')]);
  });

  it('answers GET /api/cases with {items, total, limit, offset} for the signed-in user, warnings computed for today', async () => {
    const today = shanghaiDateOf(new Date());
    const w = warningWindows(await loadCalendar(db), today);
    const due = await insertLedgerCase(db, { agency_id: ids.get('demo-hrss')!, case_number: `（2026）示行初${token}G号`, stage: 'answer' });
    await deadline(due.id, 'answer-and-evidence', 'answer', w.within3dUntil);
    const hrss = withToken(app, await userOf(db, 'demo-hrss'));
    const res = await request(hrss).get('/api/cases').query({ q: token, limit: '10' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [expect.objectContaining({ id: due.id, warning: 'due-3d', nextDeadline: { ruleId: 'answer-and-evidence', label: '测试期限', dueOn: w.within3dUntil } })], total: 1, limit: 10, offset: 0 });
    const other = withToken(app, await userOf(db, 'demo-market'));
    expect((await request(other).get('/api/cases').query({ q: token })).body).toMatchObject({ items: [], total: 0, limit: 20, offset: 0 });
  });

  it('refuses bad filters with 400 naming each field, and anonymous requests with 401', async () => {
    const admin = withToken(app, await userOf(db, 'demo-gov', ['admin']));
    const bad = await request(admin).get('/api/cases').query({ due: 'soon', sort: 'plaintiff', order: 'up', limit: '0', level: 'third', enterpriseRelated: 'yes', outcome: 'draw' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: any) => f.field).sort()).toEqual(['due', 'enterpriseRelated', 'level', 'limit', 'order', 'outcome', 'sort']);
    expect(bad.body.error.fields.find((f: any) => f.field === 'due').message).toContain('逾期');
    expect((await request(app).get('/api/cases')).status).toBe(401);
  });
});
