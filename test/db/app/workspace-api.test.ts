// DB tier (real PostgreSQL, the engine port's fake): the workspace API — the task inbox by role and
// scope, claim/unclaim, the task's form with its prefill, the case diagrams, the home summary.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { loadCalendar, syncCaseDeadlines } from '../../../src/deadlines/ledger.ts';
import { shanghaiDateOf } from '../../../src/deadlines/dates.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { as, createTestAgency, createTestUser, type TestUser } from '../../helpers/auth.ts';
import { insertLedgerCase, useTestDb } from '../../helpers/test-db.ts';

const db = useTestDb();
const engine = createFakeProcessEngine();
const config = loadConfig();
const app = createApp({ config, db, engine, engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });

const FORM = { id: 'ws-form', type: 'default', components: [{ type: 'textfield', key: 'opinion', label: '意见', validate: { required: true } }] };
const XML = '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><bpmn:process id="case-lifecycle"><bpmn:userTask id="w_draft" /></bpmn:process></bpmn:definitions>';

let agencyA: string;
let agencyB: string;
let handlerA: TestUser;
let handlerA2: TestUser;
let clerkA: TestUser;
let handlerB: TestUser;
let caseA: { id: string; case_number: string };
let caseB: { id: string };
const tasks: Record<string, string> = {};

beforeAll(async () => {
  agencyA = await createTestAgency(db, { name: '工作台测试甲局' });
  agencyB = await createTestAgency(db, { name: '工作台测试乙局' });
  [handlerA, handlerA2, clerkA, handlerB] = await Promise.all([
    createTestUser(db, { roles: ['handler'], agencyId: agencyA }),
    createTestUser(db, { roles: ['handler'], agencyId: agencyA }),
    createTestUser(db, { roles: ['clerk'], agencyId: agencyA }),
    createTestUser(db, { roles: ['handler'], agencyId: agencyB }),
  ]);
  caseA = await insertLedgerCase(db, { agency_id: agencyA });
  caseB = await insertLedgerCase(db, { agency_id: agencyB });
  const add = (name: string, caseId: string, groups: string[], due?: string, form?: unknown, variables?: Record<string, unknown>) =>
    (tasks[name] = engine.addUserTask({ taskDefinitionKey: name, name, processInstanceId: `pi-${caseId}`, businessKey: caseId, candidateGroups: groups, ...(due ? { due } : {}), ...(form ? { formId: 'ws-form' } : {}) }, form, variables).id);
  // lists travel as JSON strings; a text that only starts with a bracket stays a text
  add('later', caseA.id, ['handler'], '2026-03-20T15:59:59.000Z', FORM, { caseNumber: caseA.case_number, agents: '[{"name":"田海涛"}]', note: '[见附件]' });
  add('sooner', caseA.id, ['handler'], '2026-03-10T15:59:59.000Z');
  add('undated', caseA.id, ['handler']);
  add('other-agency', caseB.id, ['handler'], '2026-03-01T15:59:59.000Z');
  add('clerks-only', caseA.id, ['clerk'], '2026-03-05T15:59:59.000Z');
});

describe('task inbox', () => {
  it("lists the tasks of the user's groups and scope, earliest due first, with the case number and agency", async () => {
    const res = await as(app, handlerA).get('/api/tasks');
    expect(res.status).toBe(200);
    expect(res.body.items.map((t: { name: string }) => t.name)).toEqual(['sooner', 'later', 'undated']);
    expect(res.body.items[0]).toMatchObject({ caseId: caseA.id, caseNumber: caseA.case_number, agencyName: '工作台测试甲局', due: '2026-03-10T23:59:59+08:00', candidateGroups: [{ id: 'handler', label: '承办单位' }], mine: false });
    expect((await as(app, handlerB).get('/api/tasks')).body.items.map((t: { name: string }) => t.name)).toEqual(['other-agency']);
    expect((await as(app, clerkA).get('/api/tasks')).body.items.map((t: { name: string }) => t.name)).toEqual(['clerks-only']);
  });

  it('claims and unclaims: only a candidate in scope, only the one who holds it gives it back', async () => {
    const id = tasks.sooner!;
    expect((await as(app, handlerB).post(`/api/tasks/${id}/claim`)).status).toBe(404); // another agency's case: as if absent
    expect((await as(app, clerkA).post(`/api/tasks/${id}/claim`)).status).toBe(403); // not a candidate group of the clerk
    const claimed = await as(app, handlerA).post(`/api/tasks/${id}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ assignee: handlerA.login, mine: true });
    expect((await engine.getTask(id))?.assignee).toBe(handlerA.login);
    // a task someone holds stays theirs (the completion rule of the case API)
    expect((await as(app, handlerA2).post(`/api/tasks/${id}/claim`)).body.error.code).toBe('TASK_CLAIMED_BY_OTHER');
    expect((await as(app, handlerA2).post(`/api/tasks/${id}/unclaim`)).status).toBe(403);
    // the colleague still sees it in the inbox, held by someone else
    expect((await as(app, handlerA2).get('/api/tasks')).body.items.find((t: { id: string }) => t.id === id)).toMatchObject({ assignee: handlerA.login, mine: false });
    expect((await as(app, handlerA).post(`/api/tasks/${id}/unclaim`)).body).toMatchObject({ assignee: null, mine: false });
    expect((await engine.getTask(id))?.assignee).toBeUndefined();
    expect((await as(app, handlerA).post('/api/tasks/no%20such/claim')).status).toBe(400);
    // the colleague may still open the form of a task someone else holds
    expect((await as(app, handlerA2).get(`/api/tasks/${tasks.later!}/form`)).status).toBe(200);
  });

  it("answers the task's form with the variables parsed for the prefill", async () => {
    const id = tasks.later!;
    const res = await as(app, handlerA).get(`/api/tasks/${id}/form`);
    expect(res.status).toBe(200);
    expect(res.body.form).toMatchObject({ id: 'ws-form', components: [{ key: 'opinion' }] });
    expect(res.body.variables).toEqual({ caseNumber: caseA.case_number, agents: [{ name: '田海涛' }], note: '[见附件]' });
    expect(res.body.task).toMatchObject({ id, name: 'later', formId: 'ws-form' });
    expect((await as(app, handlerB).get(`/api/tasks/${id}/form`)).status).toBe(404);
  });
});

describe('case diagram', () => {
  it("answers each instance's XML, the current steps and the Cockpit link, in scope only", async () => {
    const { instanceId } = await engine.startInstance('case-lifecycle', caseA.id);
    engine.instances.find((i) => i.id === instanceId)!.activeActivityIds = ['w_draft'];
    engine.definitions.set('case-lifecycle', XML);
    const res = await as(app, handlerA).get(`/api/cases/${caseA.id}/diagram`);
    expect(res.status).toBe(200);
    expect(res.body.instances).toEqual([
      expect.objectContaining({ instanceId, processDefinitionKey: 'case-lifecycle', state: 'running', xml: XML, activeActivityIds: ['w_draft'], cockpitUrl: `${config.engine.webUrl}/app/cockpit/default/#/process-instance/${instanceId}/runtime` }),
    ]);
    expect((await as(app, handlerB).get(`/api/cases/${caseA.id}/diagram`)).status).toBe(404);
    expect((await as(app, handlerA).get(`/api/cases/${randomUUID()}/diagram`)).status).toBe(404);
    expect((await as(app, handlerA).get('/api/cases/not-a-uuid/diagram')).status).toBe(404);
  });
});

describe('home', () => {
  it("sums up the user's tasks, its cases' warnings and unread messages", async () => {
    // a case served 40 days ago without an answer: the answer deadline is overdue
    const today = shanghaiDateOf(new Date());
    const servedOn = shanghaiDateOf(new Date(Date.now() - 40 * 86_400_000));
    const overdue = await insertLedgerCase(db, { agency_id: agencyA, complaint_received_on: servedOn, stage: 'answer' });
    await syncCaseDeadlines(db, [{ caseId: overdue.id, triggerChanges: { complaintReceivedOn: servedOn }, stage: 'answer' }], { calendar: await loadCalendar(db), reason: `test:${randomUUID()}`, actor: 'test' });
    const [outbox] = await db('notification_outbox')
      .insert({ idempotency_key: randomUUID(), event: 'deadline.escalation', case_id: overdue.id, channel: 'in-app', subject: '【督办】答辩期限已届满', body_text: '请督促', max_attempts: 1, next_attempt_at: new Date(), status: 'sent' })
      .returning('id');
    await db('notification_inbox').insert({ outbox_id: outbox.id, person_id: handlerA.personId, case_id: overdue.id, event: 'deadline.escalation', subject: '【督办】答辩期限已届满', body_text: '请督促' });

    const res = await as(app, handlerA).get('/api/home');
    expect(res.status).toBe(200);
    expect(res.body.today).toBe(today);
    expect(res.body.tasks.total).toBe(3);
    expect(res.body.tasks.items[0].name).toBe('sooner');
    expect(res.body.warnings.counts.overdue).toBe(1);
    expect(res.body.warnings.items).toEqual([expect.objectContaining({ caseId: overdue.id, warning: 'overdue', ruleId: 'answer-and-evidence' })]);
    expect(res.body.supervision).toEqual([expect.objectContaining({ caseId: overdue.id, subject: '【督办】答辩期限已届满' })]);
    expect(res.body.notifications).toMatchObject({ unreadCount: 1, items: [{ subject: '【督办】答辩期限已届满', caseId: overdue.id }] });

    // another agency sees none of it
    const other = (await as(app, handlerB).get('/api/home')).body;
    expect(other.warnings.items).toEqual([]);
    expect(other.supervision).toEqual([]);
    expect(other.notifications.unreadCount).toBe(0);
  });
});
