// DB tier (PostgreSQL, a real SMTP server: the product's mail catcher): the quota monitor
// (src/assessment/quota-monitor.ts) driven directly — on 1 December a Liaocheng department with
// cases and no principal-head appearance gets the warning (principal head, legal-affairs body,
// justice bureau) by e-mail, once: a second sweep sends nothing; before 1 November, with an
// appearance, or in Yantai (no hard-set rate) nothing is queued or sent.
// A database of its own, so no other file's outbox dispatcher takes (or sends) these rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quotaWarningKey, sweepQuotas } from '../../../src/assessment/quota-monitor.ts';
import { scoreSheetOf } from '../../../src/assessment/score-sheets.ts';
import { createDb, type Db } from '../../../src/db/database.ts';
import { createChannelSenders, dispatchDue } from '../../../src/notifications/dispatcher.ts';
import { startMailCatcher, type MailCatcher } from '../../../src/notifications/mail-catcher.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';
import { insertLedgerCase } from '../../helpers/test-db.ts';
import { createWorld, silentLogger, testConfig, type World } from '../notifications/fixtures.ts';

let db: Db;
let drop: () => Promise<void>;
let catcher: MailCatcher;
let config: ReturnType<typeof testConfig>;

const shanghai = (local: string) => new Date(`${local}+08:00`);
const QUOTA = 'lc-principal-head-annual';

beforeAll(async () => {
  const fresh = await freshLedgerDatabase('yingsu_test_quota');
  drop = fresh.drop;
  db = createDb(fresh.url, { min: 0, max: 4 });
  catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  config = testConfig({ SMTP_PORT: String(catcher.smtpPort) });
});
afterAll(async () => {
  await catcher?.stop();
  await db?.destroy();
  await drop?.();
});

const dispatch = (jobKey?: string) => dispatchDue({ config, db, logger: silentLogger, senders: createChannelSenders({ config, db, logger: silentLogger }) }, jobKey ? { jobKey } : {});
const mailsTo = (address: string) => catcher.mails().filter((m) => m.envelopeTo.includes(address));
const outboxOf = (key: string) => db('notification_outbox').where({ source_job_key: key });

async function hearing(caseId: string, heldOn: string, principalHeadAppeared: boolean) {
  await db('case_events').insert({ case_id: caseId, type: 'hearing-held', actor: 'test', occurred_at: shanghai(`${heldOn}T11:00:00`), payload: JSON.stringify({ hearingKey: 'first_1', heldOn, headAppeared: principalHeadAppeared, principalHeadAppeared }) });
}

/** A Liaocheng department with a second case received in March (the world's own is received in November). */
async function liaochengDepartment(): Promise<World> {
  const world = await createWorld(db, { profile: 'liaocheng' });
  await insertLedgerCase(db, { agency_id: world.departmentId, complaint_received_on: '2026-03-02' });
  return world;
}

describe('quota monitor', () => {
  it('warns the principal head, the legal-affairs body and the justice bureau by e-mail when no principal head appeared by 1 December', async () => {
    const world = await liaochengDepartment();
    const report = await sweepQuotas({ db, config }, { now: shanghai('2026-12-01T09:00:00'), agencyIds: [world.departmentId] });
    expect(report).toMatchObject({ year: 2026, asOf: '2026-12-01', agencies: 1 });
    expect(report.warned.map((w) => [w.quotaId, w.status])).toEqual([[QUOTA, 'at-risk']]);

    const key = quotaWarningKey(world.departmentId, QUOTA, 2026);
    const stored = await db('quota_warnings').where({ agency_id: world.departmentId });
    expect(stored.map((r) => [r.quota_id, r.year, r.status])).toEqual([[QUOTA, 2026, 'at-risk']]);

    const result = await dispatch(key);
    // three people, each in-app and by e-mail
    expect(result.sent).toHaveLength(6);
    expect(result.failed).toEqual([]);
    for (const person of [world.people.principal, world.people.legal, world.people.supervisor]) {
      const mails = mailsTo(person.email);
      expect(mails, person.name).toHaveLength(1);
      expect(mails[0]!.subject).toBe('【出庭指标预警】2026年主要负责人年度出庭次数');
      expect(mails[0]!.text).toContain(`${person.name}：`);
      expect(mails[0]!.text).toContain('某县生态环境局2026年度“主要负责人年度出庭次数”指标存在风险。');
      expect(mails[0]!.text).toContain('要求：年度发生行政案件的行政机关，主要负责人至少出庭应诉1次');
      expect(mails[0]!.text).toContain('现状：2026年主要负责人已出庭应诉0次，要求至少1次，截至2026年12月1日仍差1次');
    }
    expect(mailsTo(world.people.handler.email)).toEqual([]);

    // a second sweep (an hour later, or another replica) sends nothing more
    const again = await sweepQuotas({ db, config }, { now: shanghai('2026-12-01T10:00:00'), agencyIds: [world.departmentId] });
    expect(again.atRisk.map((r) => r.quotaId)).toEqual([QUOTA]);
    expect(again.warned).toEqual([]);
    expect(await outboxOf(key)).toHaveLength(6);
    expect((await dispatch()).sent).toEqual([]);
    expect(mailsTo(world.people.principal.email)).toHaveLength(1);

    // the score sheet's 指标完成情况 shows the state and when the warning went out
    const sheet = await scoreSheetOf(db, { visibleAgencyIds: null, roles: ['admin'] }, { agencyId: world.departmentId, year: 2026, asOf: '2026-12-01' });
    const quota = sheet.quotas.find((q) => q.quotaId === QUOTA)!;
    expect(quota).toMatchObject({ status: 'at-risk', statusLabel: '存在风险' });
    expect(quota.warnedAt).toBe(new Date(stored[0].warned_at).toISOString());
    expect(sheet.quotas.filter((q) => q.quotaId !== QUOTA).every((q) => q.warnedAt === null)).toBe(true);
  });

  it('two sweeps at the same moment queue the warning once', async () => {
    const world = await liaochengDepartment();
    const now = shanghai('2026-11-15T09:00:00');
    const [a, b] = await Promise.all([sweepQuotas({ db, config }, { now, agencyIds: [world.departmentId] }), sweepQuotas({ db, config }, { now, agencyIds: [world.departmentId] })]);
    expect(a.warned.length + b.warned.length).toBe(1);
    expect(await outboxOf(quotaWarningKey(world.departmentId, QUOTA, 2026))).toHaveLength(6);
  });

  it('sends nothing before 1 November, when the principal head appeared, or in Yantai', async () => {
    const early = await liaochengDepartment();
    const appeared = await liaochengDepartment();
    await hearing(appeared.caseId, '2026-11-25', true);
    const yantai = await createWorld(db, { profile: 'yantai' });
    await insertLedgerCase(db, { agency_id: yantai.departmentId, complaint_received_on: '2026-03-02' });

    const before = await sweepQuotas({ db, config }, { now: shanghai('2026-10-31T23:00:00'), agencyIds: [early.departmentId] });
    expect(before.atRisk).toEqual([]);
    const after = await sweepQuotas({ db, config }, { now: shanghai('2026-12-01T09:00:00'), agencyIds: [appeared.departmentId, yantai.departmentId] });
    // Yantai has no quota at all (YT 四（一）): not even judged
    expect(after.agencies).toBe(1);
    expect(after.atRisk).toEqual([]);
    expect(after.warned).toEqual([]);

    for (const world of [early, appeared, yantai]) {
      expect(await db('quota_warnings').where({ agency_id: world.departmentId })).toEqual([]);
      expect(await db('notification_outbox').where({ agency_id: world.departmentId, event: 'quota.at-risk' })).toEqual([]);
    }
    // everything queued in this database is sent now: still nothing for these principal heads
    await dispatch();
    for (const world of [early, appeared, yantai]) expect(mailsTo(world.people.principal.email)).toEqual([]);
  });
});
