// DB tier: rule-profile versions (规则版本) on a hand-built ledger — a drafted Liaocheng version's impact
// on the open cases (worked out below by hand), its activation through the API (audited, the changes
// written once as case events, a second activation writes nothing), validation errors naming the
// field, discarding, and a process that had not seen the activation picking it up on its next request.
// A database of its own: an activated version would change the deadlines of every other file's cases.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { createDb, type Db } from '../../../src/db/database.ts';
import { loadCalendar, syncCaseDeadlines } from '../../../src/deadlines/ledger.ts';
import { resetProfileRegistry } from '../../../src/deadlines/profile-registry.ts';
import { createApp } from '../../../src/http/app.ts';
import { listCaseEvents } from '../../../src/ledger/case-events.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { as, createTestUser, type AuthedClient } from '../../helpers/auth.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';
import { insertLedgerCase } from '../../helpers/test-db.ts';
import { DRAFT_FROM, liaochengDraft } from '../../fixtures/liaocheng-draft.ts';

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let analyst: AuthedClient;
const cases: Record<'after' | 'before' | 'closed' | 'jinghai', { id: string; case_number: string }> = {} as never;

/** A case with its registration-stage deadlines computed and stored, as the deadline worker leaves it. */
async function caseWithDeadlines(agencyId: string, complaintReceivedOn: string, status = 'open') {
  const row = await insertLedgerCase(db, { agency_id: agencyId, complaint_received_on: complaintReceivedOn, status });
  await syncCaseDeadlines(db, [{ caseId: row.id, triggerChanges: { complaintReceivedOn }, stage: 'registration' }], { calendar: await loadCalendar(db), reason: `job:seed-${row.id}`, actor: 'test' });
  return row;
}

beforeAll(async () => {
  resetProfileRegistry();
  database = await freshLedgerDatabase('yingsu_test_profile_versions');
  db = createDb(database.url, { min: 0, max: 4 });
  const [lc] = await db('agencies').insert({ code: 'pv-lc', name: '聊城市测试局', kind: 'department', level: 'city', profile: 'liaocheng' }).returning('id');
  const [jh] = await db('agencies').insert({ code: 'pv-jh', name: '静海区测试局', kind: 'department', level: 'county', profile: 'jinghai' }).returning('id');
  cases.after = await caseWithDeadlines(lc.id, '2026-09-07');
  cases.before = await caseWithDeadlines(lc.id, '2026-08-20');
  cases.closed = await caseWithDeadlines(lc.id, '2026-09-07', 'closed');
  cases.jinghai = await caseWithDeadlines(jh.id, '2026-09-07');
  const app = createApp({ config: loadConfig(), db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
  analyst = as(app, await createTestUser(db, { roles: ['analyst'], login: 'pv-analyst' }));
}, 60_000);

afterAll(async () => {
  resetProfileRegistry();
  await db?.destroy();
  await database?.drop();
});

const registrationOf = async (caseId: string) => (await db('case_deadlines').where({ case_id: caseId, rule_id: 'registration' }).whereNull('superseded_at').first('due_on')).due_on;

describe('rule-profile versions', () => {
  let draftId: string;

  it('refuses a draft with an invalid rule or a start not after the current version, naming the field', async () => {
    const bad = liaochengDraft() as any;
    bad.rules[0].period.amount = 0;
    const res = await analyst.post('/api/profiles/liaocheng/versions').send({ version: bad });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain('version.rules.0.period.amount');
    const early = await analyst.post('/api/profiles/liaocheng/versions').send({ version: { ...liaochengDraft(), validFrom: '2021-01-01' } });
    expect(early.status).toBe(400);
    expect(early.body.error.fields).toEqual([expect.objectContaining({ field: 'version.validFrom' })]);
    expect((await analyst.post('/api/profiles/nowhere/versions').send({ version: liaochengDraft() })).status).toBe(404);
  });

  it('lists the impact of a draft on the open cases of the profile: the expected added and changed deadlines only', async () => {
    const created = await analyst.post('/api/profiles/liaocheng/versions').send({ version: liaochengDraft(), note: '2026年修订' });
    expect(created.status).toBe(201);
    draftId = created.body.id;
    expect(created.body).toMatchObject({ status: 'draft', validFrom: DRAFT_FROM, author: 'pv-analyst' });

    const impact = await analyst.get(`/api/profiles/liaocheng/versions/${draftId}/impact`);
    expect(impact.status).toBe(200);
    // the two open Liaocheng cases; the closed one and the Jinghai one are not looked at
    expect(impact.body.casesExamined).toBe(2);
    // the case received on Monday 2026-09-07: registration 3 days (Thursday 09-10) → 5 days (Saturday 09-12,
    // a rest day → Monday 09-14); answer preparation 10 days → Thursday 09-17, new. The case received on
    // 2026-08-20 is before the version's first day: nothing changes for it.
    const rows = impact.body.changes.map((c: any) => ({ caseNumber: c.caseNumber, rule: c.rule, ruleName: c.ruleName, change: c.change, oldDue: c.oldDue, newDue: c.newDue, causedByVersion: c.causedByVersion }));
    expect(rows).toEqual(
      expect.arrayContaining([
        { caseNumber: cases.after.case_number, rule: 'registration', ruleName: '收件登记期限', change: 'changed', oldDue: '2026-09-10', newDue: '2026-09-14', causedByVersion: true },
        { caseNumber: cases.after.case_number, rule: 'answer-preparation', ruleName: '答辩准备期限', change: 'added', oldDue: null, newDue: '2026-09-17', causedByVersion: true },
      ]),
    );
    expect(rows).toHaveLength(2);
    expect(impact.body).toMatchObject({ added: 1, changed: 1, removed: 0 });
    // nothing written
    expect(await registrationOf(cases.after.id)).toBe('2026-09-10');
  });

  it('previews the deadlines of sample cases under the draft and the current rules', async () => {
    const res = await analyst.get(`/api/profiles/liaocheng/versions/${draftId}/preview?dates=2026-09-07`);
    expect(res.status).toBe(200);
    const [sample] = res.body.samples;
    const registration = sample.deadlines.find((d: any) => d.rule === 'registration');
    expect(registration).toMatchObject({ due: '2026-09-14', currentDue: '2026-09-10' });
    expect(sample.deadlines.find((d: any) => d.rule === 'answer-preparation')).toMatchObject({ due: '2026-09-17', currentDue: null });
    // the usual course after the answer comes from the projection: the appeal period of an assumed judgment
    expect(sample.deadlines.some((d: any) => d.rule === 'appeal-judgment' && d.due === d.currentDue)).toBe(true);
    expect((await analyst.get(`/api/profiles/liaocheng/versions/${draftId}/preview?dates=2026-13-01`)).status).toBe(400);
  });

  it('activates with a reason: audited, the changes written once as case events, a second activation writes nothing', async () => {
    expect((await analyst.post(`/api/profiles/liaocheng/versions/${draftId}/activate`).send({})).status).toBe(400);
    const res = await analyst.post(`/api/profiles/liaocheng/versions/${draftId}/activate`).send({ reason: '聊城市政府发布2026年修订的办法' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ alreadyActivated: false, result: { casesExamined: 2, added: 1, changed: 1, removed: 0 }, version: { status: 'activated', decidedBy: 'pv-analyst' } });
    expect(await registrationOf(cases.after.id)).toBe('2026-09-14');
    expect(await registrationOf(cases.before.id)).toBe('2026-08-24');
    expect(await registrationOf(cases.closed.id)).toBe('2026-09-10');
    const eventsOf = async () => (await listCaseEvents(db, { caseId: cases.after.id })).filter((e) => e.payload.reason === `profile:${draftId}`);
    const events = await eventsOf();
    expect(events.map((e) => [e.type, e.payload.rule, e.payload.oldDue, e.payload.newDue]).sort()).toEqual([
      ['deadline.added', 'answer-preparation', null, '2026-09-17'],
      ['deadline.changed', 'registration', '2026-09-10', '2026-09-14'],
    ]);
    expect(events.every((e) => e.actor === 'pv-analyst')).toBe(true);
    // the audit row is written when the response has been sent: wait for it
    const audited = () => db('audit_log').whereRaw("details->>'change' = 'profile-version.activate'").select('login', 'status', 'details');
    await expect.poll(async () => (await audited()).length).toBeGreaterThan(0);
    const audit = await audited();
    expect(audit).toEqual([expect.objectContaining({ login: 'pv-analyst', status: 200, details: expect.objectContaining({ reason: '聊城市政府发布2026年修订的办法', changed: 1, added: 1 }) })]);

    const again = await analyst.post(`/api/profiles/liaocheng/versions/${draftId}/activate`).send({ reason: '重复点击启用' });
    expect(again.status).toBe(200);
    expect(again.body.alreadyActivated).toBe(true);
    expect(await eventsOf()).toHaveLength(2);
    expect(await db('case_deadlines').where({ case_id: cases.after.id, rule_id: 'registration' }).count('* as n').first()).toEqual({ n: '2' });
    // the impact of an activated version is not a draft's any more
    expect((await analyst.get(`/api/profiles/liaocheng/versions/${draftId}/impact`)).status).toBe(409);
  });

  it('lists the activated version after the base one it closed, and a process that had not seen it computes with it', async () => {
    const list = await analyst.get('/api/profiles/versions');
    const liaocheng = list.body.find((p: any) => p.id === 'liaocheng');
    expect(liaocheng.versions.map((v: any) => [v.status, v.validFrom, v.validTo])).toEqual([
      ['base', '2022-02-01', '2026-08-31'],
      ['activated', DRAFT_FROM, null],
    ]);
    // another process: its profile set is still the base one until its next request reads the activation number
    resetProfileRegistry();
    const computed = await analyst.post('/api/deadlines/compute').send({ profile: 'liaocheng', rule: 'registration', trigger: '2026-09-07' });
    expect(computed.body.due).toBe('2026-09-14');
    expect(computed.body.source).toContain('2026年修订');
    const rules = await analyst.get('/api/profiles/liaocheng/rules?on=2026-09-07');
    expect(rules.body.rules.map((r: any) => r.id)).toContain('answer-preparation');
  });

  it('discards a draft with a reason; a discarded draft cannot be activated', async () => {
    const later = { ...liaochengDraft(), validFrom: '2027-03-01' };
    const created = await analyst.post('/api/profiles/liaocheng/versions').send({ version: later });
    expect(created.status).toBe(201);
    const discarded = await analyst.post(`/api/profiles/liaocheng/versions/${created.body.id}/discard`).send({ reason: '征求意见稿，不再施行' });
    expect(discarded.status).toBe(200);
    expect(discarded.body).toMatchObject({ status: 'discarded', decisionReason: '征求意见稿，不再施行' });
    expect((await analyst.post(`/api/profiles/liaocheng/versions/${created.body.id}/activate`).send({ reason: '误操作的启用' })).status).toBe(409);
    expect((await analyst.get(`/api/profiles/liaocheng/versions/${created.body.id}`)).body).toMatchObject({ status: 'discarded', version: { validFrom: '2027-03-01' } });
  });
});
