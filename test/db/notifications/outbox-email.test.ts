import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { createChannelSenders, dispatchDue } from '../../../src/notifications/dispatcher.ts';
import { NotificationDeliveryError, sendNotificationsForJob } from '../../../src/notifications/job-notifications.ts';
import { startMailCatcher, type MailCatcher } from '../../../src/notifications/mail-catcher.ts';
import { queueNotification } from '../../../src/notifications/outbox.ts';
import { handle } from '../../../workers/notifications/send.ts';
import type { JobContext } from '../../../src/workers/worker-module.ts';
import { useTestDb } from '../../helpers/test-db.ts';
import { as, createTestUser } from '../../helpers/auth.ts';
import { createWorld, silentLogger, testConfig } from './fixtures.ts';

const shanghai = (local: string) => new Date(`${local}+08:00`);

const db = useTestDb();
let catcher: MailCatcher;

beforeAll(async () => {
  catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
});
afterAll(() => catcher.stop());

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function depsFor(smtpPort: number, overrides: Record<string, string> = {}) {
  const config = testConfig({ SMTP_PORT: String(smtpPort), ...overrides });
  return { config, db, logger: silentLogger, senders: createChannelSenders({ config, db, logger: silentLogger }) };
}

const mailsTo = (address: string) => catcher.mails().filter((m) => m.envelopeTo.includes(address));

function job(variables: Record<string, unknown>, key = String(2251799813685248n + BigInt(Math.floor(Math.random() * 1e9)))): JobContext<any> {
  return { key, type: 'notifications.send', processInstanceKey: '2251799813600001', bpmnProcessId: 'case', elementId: 'notify', retries: 3, variables, customHeaders: {}, activatedAt: new Date() };
}

describe('e-mail over real SMTP', () => {
  it('sends a Chinese subject with text and HTML bodies, user data escaped', async () => {
    const world = await createWorld(db, { cause: '<script>alert("x")</script>政府信息公开' });
    const deps = depsFor(catcher.smtpPort);
    const jobKey = randomUUID();
    await queueNotification(deps, {
      event: 'deadline.reminder-2',
      caseId: world.caseId,
      data: { deadlineName: '答辩举证期限', dueDate: '2026-12-07' },
      // the engine's day the reminder fired on: the text counts the days left from it
      asOf: shanghai('2026-12-05T09:00:00'),
      idempotencyKey: `test:${jobKey}`,
      sourceJobKey: jobKey,
    });
    const result = await dispatchDue(deps, { jobKey });
    // handler + legal-affairs, each in-app + e-mail
    expect(result.sent).toHaveLength(4);
    const [mail] = mailsTo(world.people.handler.email);
    expect(mail).toBeDefined();
    expect(mail!.subject).toBe(`【期限提醒】${world.caseNumber} 答辩举证期限还有2日届满`);
    expect(mail!.from).toContain('行政应诉系统');
    expect(mail!.to).toContain('王承办');
    expect(mail!.text).toContain('王承办：');
    expect(mail!.text).toContain('将于2026年12月7日届满，还有2日');
    expect(mail!.text).toContain('<script>alert("x")</script>政府信息公开');
    expect(mail!.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;政府信息公开');
    expect(mail!.html).not.toContain('<script>');
    expect(mail!.messageId).toMatch(/^<notification-\d+@yingsu\.local>$/);
    expect(mailsTo(world.people.legal.email)).toHaveLength(1);
  });

  it('serves the caught mails on a Chinese web page', async () => {
    const res = await fetch(`http://127.0.0.1:${catcher.httpPort}/`);
    const page = await res.text();
    expect(page).toContain('本地邮件收件箱');
    expect(page).toContain('【期限提醒】');
  });
});

describe('notifications.send worker', () => {
  it('sends once however often the same job is delivered', async () => {
    const world = await createWorld(db);
    const deps = depsFor(catcher.smtpPort);
    const j = job({ event: 'case.registered', caseId: world.caseId });
    const first = (await handle(j, deps)) as any;
    const again = (await handle(j, deps)) as any;
    expect(again.notificationIds).toEqual(first.notificationIds);
    expect(first.notifiedRecipients.map((r: any) => r.role).sort()).toEqual(['handler', 'legal-affairs']);
    expect(await db('notification_outbox').where({ source_job_key: j.key }).count({ n: '*' })).toEqual([{ n: '4' }]);
    expect(mailsTo(world.people.handler.email)).toHaveLength(1);
    expect(await db('notification_inbox').where({ person_id: world.people.handler.id })).toHaveLength(1);
  });

  it('rejects a job without an event or a case, naming the field', async () => {
    const deps = depsFor(catcher.smtpPort);
    await expect(handle(job({ caseId: randomUUID() }), deps)).rejects.toMatchObject({ issues: [{ field: 'variables.event' }] });
    await expect(handle(job({ event: 'case.registered' }), deps)).rejects.toMatchObject({ issues: [{ field: 'variables.caseId' }] });
  });
});

describe('retries', () => {
  it('loses nothing while the SMTP server is down and delivers when it is back', async () => {
    const world = await createWorld(db);
    const port = await freePort();
    const deps = depsFor(port);
    const jobKey = randomUUID();
    const t0 = new Date('2026-11-24T02:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    await queueNotification(deps, { event: 'case.assigned', caseId: world.caseId, roles: ['handler'], idempotencyKey: jobKey, sourceJobKey: jobKey }, t0);

    const first = await dispatchDue(deps, { jobKey, now: t0 });
    expect(first.sent).toHaveLength(1); // in-app does not need SMTP
    expect(first.retrying).toHaveLength(1);
    const [row] = await db('notification_outbox').where({ source_job_key: jobKey, channel: 'email' });
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(new Date(row.next_attempt_at)).toEqual(at(1000)); // base back-off

    expect(await dispatchDue(deps, { jobKey, now: at(999) })).toEqual({ sent: [], retrying: [], failed: [] });
    expect((await dispatchDue(deps, { jobKey, now: at(1000) })).retrying).toHaveLength(1);
    const [second] = await db('notification_outbox').where({ source_job_key: jobKey, channel: 'email' });
    expect(new Date(second.next_attempt_at)).toEqual(at(3000)); // doubled

    const revived = await startMailCatcher({ smtpPort: port, httpPort: null });
    try {
      const last = await dispatchDue(deps, { jobKey, now: at(3000) });
      expect(last.sent).toHaveLength(1);
      expect(revived.mails()).toHaveLength(1);
      expect(revived.mails()[0]!.subject).toContain('已确定承办单位');
      const [sent] = await db('notification_outbox').where({ source_job_key: jobKey, channel: 'email' });
      expect(sent).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    } finally {
      await revived.stop();
    }
  });

  it('a kept SMTP connection the server dropped is not reused: the next mail is retried and then delivered', async () => {
    const world = await createWorld(db);
    const port = await freePort();
    const deps = depsFor(port);
    const t0 = new Date('2026-11-24T02:00:00Z');
    const queueAndSend = async (event: 'case.assigned' | 'case.registered', now: Date) => {
      const jobKey = randomUUID();
      await queueNotification(deps, { event, caseId: world.caseId, roles: ['handler'], idempotencyKey: jobKey, sourceJobKey: jobKey }, now);
      return { jobKey, result: await dispatchDue(deps, { jobKey, now }) };
    };
    const server = await startMailCatcher({ smtpPort: port, httpPort: null });
    const before = await queueAndSend('case.assigned', t0); // opens the kept connection
    expect(before.result.sent).toHaveLength(2);
    expect(server.mails()).toHaveLength(1);
    await server.stop(); // drops the kept connection, as a server that goes down does

    const during = await queueAndSend('case.registered', t0);
    expect(during.result.retrying).toHaveLength(1);
    const [row] = await db('notification_outbox').where({ source_job_key: during.jobKey, channel: 'email' });
    expect(row.last_error).toMatch(/ECONNREFUSED|connect|closed/i);

    const revived = await startMailCatcher({ smtpPort: port, httpPort: null });
    try {
      const retried = await dispatchDue(deps, { jobKey: during.jobKey, now: new Date(t0.getTime() + 1000) });
      expect(retried.sent).toHaveLength(1);
      expect(revived.mails().map((m) => m.messageId)).toEqual([`<notification-${row.id}@yingsu.local>`]);
    } finally {
      await revived.stop();
      deps.senders.close();
    }
  });

  it('after the last attempt the row is failed, the job that asked fails (incident) and admins see it', async () => {
    const world = await createWorld(db);
    const port = await freePort();
    const deps = depsFor(port, { NOTIFY_JOB_WAIT_MS: '600000' });
    let clock = new Date('2026-11-24T02:00:00Z').getTime();
    const jobKey = String(4503599627370496n + BigInt(Math.floor(Math.random() * 1e9)));
    const slept: number[] = [];
    const run = () =>
      sendNotificationsForJob(
        { ...deps, now: () => new Date(clock), sleep: async (ms) => void (slept.push(ms), (clock += ms)) },
        { event: 'judgment.received', caseId: world.caseId, roles: ['handler'], idempotencyKey: `job:${jobKey}`, sourceJobKey: jobKey },
      );
    const error = await run().catch((e) => e);
    expect(error).toBeInstanceOf(NotificationDeliveryError);
    expect(error.message).toContain('通知投递失败');
    expect(error.message).toContain(world.people.handler.email);
    expect(slept).toEqual([1000, 2000]); // the job waited for the retries, on the injected clock

    const app = as(createApp({ config: deps.config, db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: silentLogger }), await createTestUser(db, { roles: ['admin'] }));
    const res = await app.get('/api/admin/notifications').query({ status: 'failed', jobKey });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ channel: 'email', status: 'failed', attempts: 3, address: world.people.handler.email, sourceJobKey: jobKey });
    expect(res.body.items[0].lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(res.body.counts.failed).toBeGreaterThanOrEqual(1);

    // The mail server comes back; retrying the job in Operate re-delivers the failed message.
    const revived = await startMailCatcher({ smtpPort: port, httpPort: null });
    try {
      const result = await run();
      expect(result.delivery).toEqual({ sent: 2, pending: 0, deferred: 0 });
      expect(revived.mails()).toHaveLength(1);
    } finally {
      await revived.stop();
    }

    // an admin can requeue a failed row directly too; a row that did not fail is refused
    const notFailed = await app.post(`/api/admin/notifications/${res.body.items[0].id}/retry`);
    expect(notFailed.status).toBe(409);
    expect((await app.post('/api/admin/notifications/abc/retry')).status).toBe(400);
  });
});

describe('do-not-disturb hours', () => {

  it('holds a non-urgent e-mail queued at 23:00 until 07:30; the inbox gets it at once', async () => {
    const world = await createWorld(db);
    const deps = depsFor(catcher.smtpPort, { NOTIFY_DND_START: '22:00', NOTIFY_DND_END: '07:30' });
    const jobKey = randomUUID();
    const night = shanghai('2026-11-23T23:00:00');
    const queued = await queueNotification(deps, { event: 'deadline.reminder-5', caseId: world.caseId, data: { deadlineName: '答辩举证期限', dueDate: '2026-11-28' }, idempotencyKey: jobKey, sourceJobKey: jobKey }, night);
    expect(queued.deferredUntil).toBe(shanghai('2026-11-24T07:30:00').toISOString());

    const atNight = await dispatchDue(deps, { jobKey, now: night });
    expect(atNight.sent).toHaveLength(1); // the in-app message
    expect(mailsTo(world.people.handler.email)).toHaveLength(0);
    expect(await dispatchDue(deps, { jobKey, now: shanghai('2026-11-24T07:29:00') })).toEqual({ sent: [], retrying: [], failed: [] });
    const morning = await dispatchDue(deps, { jobKey, now: shanghai('2026-11-24T07:30:00') });
    expect(morning.sent).toHaveLength(1);
    expect(mailsTo(world.people.handler.email)).toHaveLength(1);
  });

  it('sends an overdue escalation at 23:00 at once, to the heads and the justice bureau (督办)', async () => {
    const world = await createWorld(db);
    const deps = depsFor(catcher.smtpPort, { NOTIFY_DND_START: '22:00', NOTIFY_DND_END: '07:30' });
    const jobKey = randomUUID();
    const night = shanghai('2026-11-23T23:00:00');
    const queued = await queueNotification(deps, { event: 'deadline.overdue', caseId: world.caseId, data: { deadlineName: '答辩举证期限', dueDate: '2026-11-23' }, idempotencyKey: jobKey, sourceJobKey: jobKey }, night);
    expect(queued.urgent).toBe(true);
    expect(queued.deferredUntil).toBeNull();
    expect(Object.fromEntries(queued.recipients.map((r) => [r.name, r.role]))).toEqual({
      王承办: 'handler',
      赵法制: 'legal-affairs',
      钱副局长: 'deputy-head',
      孙局长: 'principal-head',
      周督查: 'justice-bureau',
    });
    await dispatchDue(deps, { jobKey, now: night });
    for (const who of ['deputy', 'principal', 'supervisor'] as const) {
      const [mail] = mailsTo(world.people[who].email);
      expect(mail?.subject).toBe(`【逾期督办】${world.caseNumber} 答辩举证期限已逾期`);
      expect(mail?.text).toContain('现予督办');
    }
  });

  it('a 督办 the evening before the last day waits for the morning; on the last day it goes at once (days left counted on the engine\'s day)', async () => {
    const world = await createWorld(db);
    const deps = depsFor(catcher.smtpPort, { NOTIFY_DND_START: '22:00', NOTIFY_DND_END: '07:30' });
    const data = { deadlineName: '答辩举证期限', dueDate: '2026-11-24' };
    const night = shanghai('2026-11-23T23:00:00');
    const early = randomUUID();
    // the engine handed the job out at 22:59 on the 23rd: one day left, do-not-disturb holds the pushes
    const before = await queueNotification(deps, { event: 'deadline.escalation', caseId: world.caseId, data, asOf: shanghai('2026-11-23T22:59:00'), idempotencyKey: early, sourceJobKey: early }, night);
    expect(before.urgent).toBe(false);
    expect(before.deferredUntil).toBe(shanghai('2026-11-24T07:30:00').toISOString());
    const [row] = await db('notification_outbox').where({ source_job_key: early, channel: 'email' }).limit(1);
    expect(row.subject).toBe(`【督办】${world.caseNumber} 答辩举证期限还有1日届满，尚未办结`);
    // on the last day itself (engine's day 11-24), even at 06:00, it is urgent
    const late = randomUUID();
    const onTheDay = await queueNotification(deps, { event: 'deadline.escalation', caseId: world.caseId, data, asOf: shanghai('2026-11-24T06:00:00'), idempotencyKey: late, sourceJobKey: late }, shanghai('2026-11-24T06:00:00'));
    expect(onTheDay.urgent).toBe(true);
    expect(onTheDay.deferredUntil).toBeNull();
  });
});

describe('startOutboxDispatcher', () => {
  it('polls the outbox and sends what is due, and stops cleanly', async () => {
    const { startOutboxDispatcher } = await import('../../../src/notifications/index.ts');
    const world = await createWorld(db);
    const config = testConfig({ SMTP_PORT: String(catcher.smtpPort), NOTIFY_POLL_MS: '50' });
    const jobKey = randomUUID();
    const past = new Date('2000-01-03T04:00:00Z');
    await queueNotification({ db, config }, { event: 'performance.due', caseId: world.caseId, roles: ['handler'], data: { performanceDue: '2026-12-31', performanceContent: '重新作出答复' }, idempotencyKey: jobKey, sourceJobKey: jobKey }, past);
    // The dispatcher's clock is set in the past, where only this test's row is due, so parallel
    // test files sharing the database are not disturbed.
    const dispatcher = startOutboxDispatcher({ config, db, logger: silentLogger, clock: () => past });
    try {
      await catcher.waitFor(catcher.mails().length + 1, 5000);
      await expect.poll(async () => (await db('notification_outbox').where({ source_job_key: jobKey, status: 'sent' })).length).toBe(2);
      expect(mailsTo(world.people.handler.email)[0]!.text).toContain('确定的“重新作出答复”应于2026年12月31日前履行');
    } finally {
      await dispatcher.stop();
    }
  });
});
