// One file on purpose: it adds the year 2027 to the shared test database's calendar, which changes every
// provisional deadline; the tests before that step rely on 2027 being unknown.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { listCaseEvents } from '../../../src/ledger/case-events.ts';
import { caseDeadlineHistory, listCaseDeadlines, recalculateCaseDeadlines } from '../../../src/deadlines/ledger.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import * as worker from '../../../workers/deadlines/compute.ts';
import { useTestDb } from '../../helpers/test-db.ts';
import { as, createTestUser, useAdminClient } from '../../helpers/auth.ts';

const db = useTestDb();
const app = createApp({ config: loadConfig(), db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
const api = useAdminClient(db, app);

async function newCase(profile: string, complaintReceivedOn = '2026-09-22'): Promise<string> {
  const [agency] = await db('agencies')
    .insert({ code: `dl-${randomUUID()}`, name: `测试机关-${profile}`, kind: 'department', level: 'city', profile })
    .returning('id');
  const [row] = await db('cases')
    .insert({
      agency_id: agency.id,
      case_number: `（2026）鲁15行初${Math.floor(Math.random() * 1e9)}号`,
      court: '测试法院',
      level: 'first',
      cause: '行政处罚',
      act_description: '罚款',
      complaint_received_on: complaintReceivedOn,
    })
    .returning('id');
  return row.id;
}

let jobCounter = 0;
async function runWorker(variables: Record<string, unknown>, key = String(2251799813700000 + ++jobCounter)) {
  const parsed = worker.variables!.parse(variables);
  return worker.handle(
    { key, type: worker.jobType, processInstanceKey: '2251799813600001', bpmnProcessId: 'test', elementId: 'compute', retries: 3, variables: parsed, customHeaders: {}, activatedAt: new Date() },
    { db } as any,
  ) as Promise<Record<string, any>>;
}

describe('deadlines.compute worker', () => {
  it('writes one set of rows however often the same job is delivered, and returns the process variables', async () => {
    const caseId = await newCase('liaocheng');
    const vars = { caseId, stage: 'registration', complaintReceivedOn: '2026-09-22' };
    const first = await runWorker(vars, '2251799813699001');
    const again = await runWorker(vars, '2251799813699001');
    expect(first.deadlinesChanged).toBeGreaterThan(0);
    expect(again.deadlinesChanged).toBe(0);
    const rows = await db('case_deadlines').where({ case_id: caseId });
    expect(rows.map((r) => r.rule_id).sort()).toEqual(['answer-and-evidence', 'evidence-extension-application', 'registration', 'risk-report']);
    const events = await listCaseEvents(db, { caseId });
    expect(events.filter((e) => e.type === 'deadline.added')).toHaveLength(4);
    expect(first).toMatchObject({
      answerDueAt: '2026-10-08T23:59:59+08:00',
      registrationDueAt: '2026-09-28T23:59:59+08:00',
      riskReportDue: '2026-09-28',
      deadlines: { answerAndEvidence: { due: '2026-10-08', status: 'OK' } },
    });
    expect(again.deadlines).toEqual(first.deadlines);
  });

  it('a later stage adds its deadlines and keeps the earlier ones; a bad stage names the field', async () => {
    const caseId = await newCase('jinghai');
    await runWorker({ caseId, stage: 'registration', complaintReceivedOn: '2026-03-10' });
    const out = await runWorker({ caseId, stage: 'answer', answerSubmittedOn: '2026-03-20' });
    expect(out.postAnswerFilingDue).toBe('2026-03-25');
    expect(out.forwardingDue).toBe('2026-03-13');
    await expect(runWorker({ caseId, stage: 'nonsense' })).rejects.toMatchObject({ issues: [{ field: 'stage' }] });
    await expect(runWorker({ caseId, stage: 'answer', answerSubmittedOn: '2026-02-30' })).rejects.toMatchObject({ issues: [{ field: 'answerSubmittedOn' }] });
  });
});

describe('deadlines.compute for a hearing (hearingKey)', () => {
  it("returns this hearing's deadlines under plain names, the same as the keyed ones, null where a rule does not apply", async () => {
    const caseId = await newCase('liaocheng');
    const first = await runWorker({ caseId, stage: 'hearing', hearingAt: '2026-10-20T09:30:00+08:00', hearingKey: 'first', headAppeared: false });
    const notice = first.deadlines.headAppearanceNotice_first;
    const report = first.deadlines.headAbsenceReport_first;
    expect(first).toMatchObject({
      headAppearanceNoticeDue: notice.due,
      headAppearanceNoticeRemindT0At: notice.remindAt.t0,
      headAbsenceReportDue: report.due,
      headAbsenceReportDueAt: report.dueAt,
      headAbsenceReportRemindT5At: report.remindAt.t5,
    });
    expect(report.dueAt).toMatch(/T23:59:59\+08:00$/);

    // a second hearing: its own notice under the plain name; the first one's stays keyed
    const second = await runWorker({ caseId, stage: 'hearing', hearingAt: '2026-11-03T09:30:00+08:00', hearingKey: 'first_2' });
    expect(second.headAppearanceNoticeDue).toBe(second.deadlines.headAppearanceNotice_first_2.due);
    expect(second.headAppearanceNoticeDue).not.toBe(notice.due);
    expect(second.headAppearanceNotice_firstDue).toBe(notice.due);
    expect(second.headAbsenceReportDueAt).toBe(second.deadlines.headAbsenceReport_first_2?.dueAt ?? null);

    // a hearing without deadlines of its own yet: every plain name is there, null
    const other = await runWorker({ caseId, stage: 'hearing', hearingAt: null, hearingKey: 'second', complaintReceivedOn: '2026-09-22' });
    expect(other).toMatchObject({ headAppearanceNoticeDue: null, headAbsenceReportDue: null, headAbsenceReportDueAt: null, headAbsenceReportRemindT5At: null });
  });
});

describe('several recommendations on one case (recommendationKey)', () => {
  it('each keeps its own reply deadline, kind and court-set period; the plain names give the one asked for', async () => {
    const caseId = await newCase('hunan');
    // a 司法建议 without a period (Hunan: 3 months), then a 检察建议 setting 30 days
    const judicial = await runWorker({ caseId, stage: 'recommendation', recommendationKey: 'r1', recommendationReceivedOn: '2026-06-01', recommendationKind: 'judicial' });
    const procuratorial = await runWorker({ caseId, stage: 'recommendation', recommendationKey: 'r2', recommendationReceivedOn: '2026-06-10', recommendationKind: 'procuratorial', replyWithinDays: 30 });
    // the first one's process computes again (e.g. a later step): still its own deadline, the second's untouched
    const again = await runWorker({ caseId, stage: 'recommendation', recommendationKey: 'r1', recommendationReceivedOn: '2026-06-01', recommendationKind: 'judicial' });
    const rows = (await listCaseDeadlines(db, caseId)).filter((d) => d.triggerKey.startsWith('recommendationReceivedOn')).map((d) => [d.rule, d.triggerKey, d.due]);
    expect(rows.sort()).toEqual([
      ['judicial-recommendation-reply', 'recommendationReceivedOn:r1', '2026-09-01'],
      ['procuratorial-recommendation-reply', 'recommendationReceivedOn:r2', '2026-07-10'],
    ]);
    expect([judicial.recommendationReplyDue, procuratorial.recommendationReplyDue, again.recommendationReplyDue]).toEqual(['2026-09-01', '2026-07-10', '2026-09-01']);
    expect(procuratorial.recommendationReplyRemindT5At).toBe(procuratorial.deadlines['procuratorialRecommendationReply_r2'].remindAt.t5);
    const stored = await db('case_deadline_inputs').where({ case_id: caseId }).first('options');
    expect(stored.options.byTrigger).toEqual({ 'recommendationReceivedOn:r1': { recommendationKind: 'judicial' }, 'recommendationReceivedOn:r2': { recommendationKind: 'procuratorial', replyWithinDays: 30 } });
    expect(stored.options.replyWithinDays).toBeUndefined(); // nothing of one recommendation leaks to the case
    await expect(runWorker({ caseId, stage: 'recommendation', recommendationKey: 'r 3', recommendationReceivedOn: '2026-06-01' })).rejects.toThrow(/recommendationKey/);
  });
});

describe('the one-month report (LC Art. 20) only where a head was demanded', () => {
  it('no head at a hearing that demanded none (法释〔2020〕3号 Art. 7): no report deadline', async () => {
    const caseId = await newCase('liaocheng');
    const out = await runWorker({ caseId, stage: 'hearing', hearingAt: '2026-10-20T09:30:00+08:00', hearingKey: 'first_2', headAppeared: false, headRequiredThisHearing: false });
    expect(out.headAbsenceReportDueAt).toBeNull();
    expect((await listCaseDeadlines(db, caseId)).filter((d) => d.rule === 'head-absence-report')).toEqual([]);
    const demanded = await runWorker({ caseId, stage: 'hearing', hearingAt: '2026-10-20T09:30:00+08:00', hearingKey: 'first_2', headAppeared: false, headRequiredThisHearing: true });
    expect(demanded.headAbsenceReportDueAt).toMatch(/T23:59:59\+08:00$/);
  });
});

describe('recalculation when a trigger changes', () => {
  it('records changed, removed and added deadlines with old and new dates', async () => {
    const caseId = await newCase('liaocheng');
    await runWorker({ caseId, stage: 'registration', complaintReceivedOn: '2026-09-22' });
    await runWorker({ caseId, stage: 'judgment', judgmentServedOn: '2026-11-02', judgmentKind: 'judgment' });

    // service date corrected: the answer and the risk report move
    const corrected = await recalculateCaseDeadlines(db, caseId, { triggers: { complaintReceivedOn: '2026-09-10' } }, { actor: 'test', idempotencyKey: randomUUID() });
    const answer = corrected.find((c) => c.rule === 'answer-and-evidence')!;
    expect(answer).toMatchObject({ change: 'changed', oldDue: '2026-10-08', newDue: '2026-09-28' });
    expect(corrected.find((c) => c.rule === 'risk-report')).toMatchObject({ change: 'changed', oldDue: '2026-09-28', newDue: '2026-09-22' });

    // it was a ruling, not a judgment: 15-day appeal removed, 10-day appeal added
    const ruling = await recalculateCaseDeadlines(db, caseId, { options: { judgmentKind: 'ruling' } }, { actor: 'test', idempotencyKey: randomUUID() });
    expect(ruling).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'appeal-ruling', change: 'added', newDue: '2026-11-12' }),
        expect.objectContaining({ rule: 'appeal-judgment', change: 'removed', oldDue: '2026-11-17' }),
      ]),
    );
    const current = await listCaseDeadlines(db, caseId);
    expect(current.map((d) => d.rule)).not.toContain('appeal-judgment');
    const history = await caseDeadlineHistory(db, caseId);
    expect(history.filter((h) => h.rule === 'answer-and-evidence').map((h) => [h.due, h.supersededChange])).toEqual([
      ['2026-10-08', 'changed'],
      ['2026-09-28', null],
    ]);
    const events = await listCaseEvents(db, { caseId });
    expect(events.find((e) => e.type === 'deadline.removed')!.payload).toMatchObject({ rule: 'appeal-judgment', oldDue: '2026-11-17' });
  });

  it('the same recalculation key twice records nothing twice', async () => {
    const caseId = await newCase('national');
    await runWorker({ caseId, stage: 'hearing', hearingAt: '2026-11-03T09:30:00+08:00' });
    const key = randomUUID();
    const moved = await recalculateCaseDeadlines(db, caseId, { triggers: { hearingAt: '2026-11-20' } }, { actor: 'test', idempotencyKey: key });
    expect(moved).toEqual([expect.objectContaining({ rule: 'head-appearance-notice', oldDue: '2026-10-31', newDue: '2026-11-17' })]);
    expect(await recalculateCaseDeadlines(db, caseId, { triggers: { hearingAt: '2026-11-20' } }, { actor: 'test', idempotencyKey: key })).toEqual([]);
  });
});

describe('routes', () => {
  it('POST /api/deadlines/compute', async () => {
    const res = await api.post('/api/deadlines/compute').send({ profile: 'national', rule: 'answer-and-evidence', trigger: '2026-09-22' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ due: '2026-10-08', status: 'OK', rule: 'answer-and-evidence', profile: 'national', source: '《中华人民共和国行政诉讼法》第六十七条' });
    expect(res.body.explanation).toContain('顺延至下一个工作日2026-10-08');
  });

  it.each([
    [{ profile: 'nowhere', rule: 'answer-and-evidence', trigger: '2026-09-22' }, 'profile'],
    [{ profile: 'national', rule: 'nothing', trigger: '2026-09-22' }, 'rule'],
    [{ profile: 'national', rule: 'answer-and-evidence', trigger: '2026-02-30' }, 'trigger'],
    [{ profile: 'national', rule: 'answer-and-evidence', trigger: '2003-06-01' }, 'trigger'],
    [{ profile: 'liaocheng', rule: 'registration', trigger: '2027-03-01' }, 'trigger'],
    [[1, 2], '(body)'],
  ])('400 naming the field: %o', async (body, field) => {
    const res = await api.post('/api/deadlines/compute').send(body as object);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  it('400 for malformed JSON, never a 500', async () => {
    const res = await api.post('/api/deadlines/compute').set('content-type', 'application/json').send('{"profile":');
    expect(res.status).toBe(400);
  });

  it('GET /api/profiles and /api/profiles/:id/rules', async () => {
    const profiles = await api.get('/api/profiles');
    expect(profiles.body.map((p: { id: string }) => p.id)).toEqual(['national', 'yantai', 'hunan', 'liaocheng', 'tengzhou', 'jinghai']);
    expect(profiles.body.find((p: { id: string }) => p.id === 'liaocheng').versions[0]).toMatchObject({ validFrom: '2022-02-01', validTo: '2027-01-31' });
    const rules = await api.get('/api/profiles/liaocheng/rules?on=2026-06-01');
    expect(rules.status).toBe(200);
    const ids = rules.body.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['registration', 'risk-report', 'answer-and-evidence', 'appeal-judgment']));
    const after = await api.get('/api/profiles/liaocheng/rules?on=2027-02-01');
    expect(after.body.rules.map((r: { id: string }) => r.id)).not.toContain('registration');
    expect((await api.get('/api/profiles/nowhere/rules')).status).toBe(404);
    expect((await api.get('/api/profiles/national/rules?on=2026-13-01')).status).toBe(400);
  });

  it('GET /api/cases/:id/deadlines lists rule, due, status, explanation and source', async () => {
    const caseId = await newCase('tengzhou');
    await runWorker({ caseId, stage: 'registration', complaintReceivedOn: '2026-09-28' });
    const res = await api.get(`/api/cases/${caseId}/deadlines`);
    expect(res.body.deadlines).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'justice-bureau-filing', due: '2026-10-10', status: 'OK', source: expect.stringContaining('003_0e14abe5e5e19f52.txt'), explanation: expect.stringContaining('调休上班日') })]),
    );
    // 2026-10-10 is a make-up working Saturday: a working day, stored with the flag and the note to check it
    const filing = res.body.deadlines.find((d: any) => d.rule === 'justice-bureau-filing');
    expect(filing).toMatchObject({ lastDayMakeUpWorkday: true, checkNote: expect.stringContaining('届满日2026年10月10日（星期六）为国庆节调休上班日') });
    expect(res.body.deadlines.find((d: any) => d.rule === 'answer-and-evidence')).toMatchObject({ lastDayMakeUpWorkday: false, checkNote: null });
  });

  it('serves the admin calendar page in Chinese', async () => {
    const res = await api.get('/api/admin/calendar');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('节假日数据维护');
    expect(res.text).toContain('2026');
  });

  it('refuses a bad year entry naming the field', async () => {
    const res = await api.post('/api/admin/calendar/years').send({ year: 2027, notice: '国务院办公厅关于2027年部分节假日安排的通知', days: [{ date: '2028-01-01', isOffDay: true, name: '元旦' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].field).toBe('days.0.date');
  });
});

describe('adding a year recomputes the provisional deadlines (runs last: changes the shared calendar)', () => {
  it('moves PROVISIONAL deadlines to OK, records each change as a case event and lists what changed', async () => {
    const caseId = await newCase('national');
    const out = await runWorker({ caseId, stage: 'registration', complaintReceivedOn: '2026-12-17' });
    expect(out).toMatchObject({ answerDue: '2027-01-01', answerStatus: 'PROVISIONAL', deadlinesProvisional: true });

    // the actor is the signed-in admin; a client's X-User header is not trusted
    const calendarAdmin = await createTestUser(db, { roles: ['admin'] });
    const res = await as(app, calendarAdmin)
      .post('/api/admin/calendar/years')
      .set('x-user', 'admin-test')
      .send({
        year: 2027,
        notice: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）',
        days: [
          { date: '2027-01-01', isOffDay: true, name: '元旦' },
          { date: '2027-01-02', isOffDay: true, name: '元旦' },
          { date: '2027-01-03', isOffDay: true, name: '元旦' },
        ],
      });
    expect(res.status).toBe(200);
    const mine = res.body.changes.filter((c: { caseId: string }) => c.caseId === caseId);
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'answer-and-evidence', change: 'changed', oldDue: '2027-01-01', newDue: '2027-01-04', oldStatus: 'PROVISIONAL', newStatus: 'OK' }),
      ]),
    );
    const current = await listCaseDeadlines(db, caseId);
    expect(current.find((d) => d.rule === 'answer-and-evidence')).toMatchObject({ due: '2027-01-04', status: 'OK' });
    const events = await listCaseEvents(db, { caseId });
    expect(events.find((e) => e.type === 'deadline.changed')).toMatchObject({ actor: calendarAdmin.login, payload: expect.objectContaining({ reason: `calendar:${res.body.changeId}` }) });
    const years = await api.get('/api/calendar/years');
    expect(years.body.at(-1)).toMatchObject({ year: 2027 });

    // a correction of one day recomputes the deadlines that touch it
    const fix = await api.post('/api/admin/calendar/corrections').send({ reason: '测试：临时调整', days: [{ date: '2027-01-04', isOffDay: true, name: '元旦' }] });
    expect(fix.body.changes.filter((c: { caseId: string }) => c.caseId === caseId)).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'answer-and-evidence', oldDue: '2027-01-04', newDue: '2027-01-05' })]),
    );
  });
});
