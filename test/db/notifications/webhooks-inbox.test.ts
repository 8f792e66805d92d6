import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { LoggingSmsAdapter } from '../../../src/notifications/channels/sms.ts';
import { verifyDingTalkSignature } from '../../../src/notifications/dingtalk-sign.ts';
import { createChannelSenders, dispatchDue } from '../../../src/notifications/dispatcher.ts';
import { queueNotification } from '../../../src/notifications/outbox.ts';
import { resolveRecipients } from '../../../src/notifications/recipients.ts';
import request from 'supertest';
import { useTestDb } from '../../helpers/test-db.ts';
import { as, tokenFor, useAdminClient } from '../../helpers/auth.ts';
import { createWorld, silentLogger, testConfig } from './fixtures.ts';

const db = useTestDb();
const config = testConfig({ SMTP_PORT: '1' }); // no mail in these tests: e-mail is switched off per agency
const app = createApp({ config, db, engine: createFakeProcessEngine(), engineCommands: { kick() {} }, logger: silentLogger });
const api = useAdminClient(db, app);

interface Received {
  path: string;
  query: URLSearchParams;
  body: any;
  signatureValid?: boolean;
}
const received: Received[] = [];
const DING_SECRET = 'SECa1b2c3测试';
let receiver: http.Server;
let base = '';

beforeAll(async () => {
  // A local stand-in for the WeCom and DingTalk robot endpoints that checks what it is sent.
  receiver = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://localhost');
      const entry: Received = { path: url.pathname, query: url.searchParams, body: JSON.parse(raw) };
      let answer = { errcode: 0, errmsg: 'ok' };
      if (url.pathname === '/dingtalk') {
        entry.signatureValid = verifyDingTalkSignature(url.searchParams.get('timestamp') ?? '', url.searchParams.get('sign') ?? '', DING_SECRET);
        if (!entry.signatureValid) answer = { errcode: 310000, errmsg: 'sign not match' };
      }
      if (url.pathname === '/wecom' && (entry.body.msgtype !== 'text' || typeof entry.body.text?.content !== 'string')) {
        answer = { errcode: 40008, errmsg: 'invalid message type' };
      }
      received.push(entry);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

const put = (path: string, body: object) => api.put(`/api/admin/notification-channels/${path}`).send(body);

describe('group robots', () => {
  it('posts to the agency’s WeCom robot and its signed DingTalk robot, mentioning the recipients', async () => {
    const world = await createWorld(db);
    for (const id of [world.departmentId, world.countyId]) expect((await put(`agencies/${id}/email`, { enabled: false })).status).toBe(200);
    expect((await put(`agencies/${world.departmentId}/wecom`, { enabled: true, webhookUrl: `${base}/wecom?key=abc` })).status).toBe(200);
    const ding = await put(`agencies/${world.departmentId}/dingtalk`, { enabled: true, webhookUrl: `${base}/dingtalk?access_token=t1`, webhookSecret: DING_SECRET });
    expect(ding.body).toMatchObject({ hasSecret: true });
    expect(JSON.stringify(ding.body)).not.toContain(DING_SECRET);

    const jobKey = randomUUID();
    const senders = createChannelSenders({ config, db, logger: silentLogger });
    await queueNotification({ db, config }, { event: 'hearing.summons', caseId: world.caseId, data: { hearingDate: '2026-12-15', hearingPlace: '第三法庭', headName: '钱副局长' }, idempotencyKey: jobKey, sourceJobKey: jobKey });
    const result = await dispatchDue({ config, db, logger: silentLogger, senders }, { jobKey });
    expect(result.failed).toEqual([]);
    expect(result.retrying).toEqual([]);

    const wecom = received.filter((r) => r.path === '/wecom' && r.body.text.content.includes(world.caseNumber));
    expect(wecom).toHaveLength(1);
    expect(wecom[0]!.query.get('key')).toBe('abc');
    expect(wecom[0]!.body.text.content).toContain('【开庭传票】');
    expect(wecom[0]!.body.text.content).toContain('第三法庭');
    // the department's own people (handler, deputy head) are mentioned; the county's legal-affairs body is not in this group
    expect(wecom[0]!.body.text.mentioned_mobile_list.sort()).toEqual([world.people.handler.phone, world.people.deputy.phone].sort());

    const dingtalk = received.filter((r) => r.path === '/dingtalk' && r.body.text.content.includes(world.caseNumber));
    expect(dingtalk).toHaveLength(1);
    expect(dingtalk[0]!.signatureValid).toBe(true);
    expect(dingtalk[0]!.query.get('access_token')).toBe('t1');
    expect(dingtalk[0]!.body).toMatchObject({ msgtype: 'text', at: { isAtAll: false } });
  });

  it('retries when the robot rejects the message (wrong secret) and reports the robot’s error', async () => {
    const world = await createWorld(db);
    await put(`agencies/${world.departmentId}/email`, { enabled: false });
    await put(`agencies/${world.countyId}/email`, { enabled: false });
    await put(`agencies/${world.departmentId}/dingtalk`, { enabled: true, webhookUrl: `${base}/dingtalk?access_token=t2`, webhookSecret: 'wrong' });
    const jobKey = randomUUID();
    await queueNotification({ db, config }, { event: 'case.registered', caseId: world.caseId, idempotencyKey: jobKey, sourceJobKey: jobKey });
    const result = await dispatchDue({ config, db, logger: silentLogger, senders: createChannelSenders({ config, db, logger: silentLogger }) }, { jobKey });
    expect(result.retrying).toHaveLength(1);
    const [row] = await db('notification_outbox').where({ source_job_key: jobKey, channel: 'dingtalk' });
    expect(row.last_error).toContain('310000');
  });

  it('refuses a robot without a URL and an unknown channel, naming the field', async () => {
    const world = await createWorld(db);
    const res = await put(`agencies/${world.departmentId}/wecom`, { enabled: true });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ field: 'body.webhookUrl', message: expect.any(String) }]);
    expect((await put(`agencies/${world.departmentId}/fax`, { enabled: true })).status).toBe(400);
    expect((await put(`people/${world.people.handler.id}/wecom`, { enabled: true })).status).toBe(400);
  });
});

describe('SMS adapter and channel settings', () => {
  it('sends SMS to people whose agency switched it on, unless the person switched it off', async () => {
    const world = await createWorld(db);
    await put(`agencies/${world.departmentId}/email`, { enabled: false });
    await put(`agencies/${world.countyId}/email`, { enabled: false });
    await put(`agencies/${world.departmentId}/sms`, { enabled: true });
    expect((await put(`people/${world.people.deputy.id}/sms`, { enabled: false })).status).toBe(200);
    const sms = new LoggingSmsAdapter(silentLogger);
    const senders = createChannelSenders({ config, db, logger: silentLogger, sms });
    const jobKey = randomUUID();
    const queued = await queueNotification({ db, config }, { event: 'judgment.received', caseId: world.caseId, data: { documentKind: '判决书', appealProposalDue: '2026-12-06', appealDue: '2026-12-16' }, idempotencyKey: jobKey, sourceJobKey: jobKey });
    expect(Object.fromEntries(queued.recipients.map((r) => [r.name, r.channels]))).toEqual({
      王承办: ['in-app', 'sms'],
      赵法制: ['in-app'],
      钱副局长: ['in-app'],
    });
    await dispatchDue({ config, db, logger: silentLogger, senders }, { jobKey });
    expect(sms.sent).toEqual([{ phone: world.people.handler.phone, text: `【行政应诉】【裁判文书】${world.caseNumber} 已收到判决书` }]);
  });
});

describe('recipients by role', () => {
  it('resolves roles from the ledger, up the parent chain where the department has no such body', async () => {
    const world = await createWorld(db);
    const { recipients, unresolvedRoles } = await resolveRecipients(db, {
      agencyId: world.departmentId,
      roles: ['clerk', 'handler', 'legal-affairs', 'head', 'principal-head', 'justice-bureau', 'legal-counsel'],
    });
    expect(recipients.map((r) => [r.name, r.role])).toEqual([
      ['吴收发', 'clerk'],
      ['王承办', 'handler'],
      ['赵法制', 'legal-affairs'], // the county government's legal-affairs body
      ['钱副局长', 'deputy-head'], // "head" = the deputy head in charge
      ['孙局长', 'principal-head'], // agencies.principal_head_id
      ['周督查', 'justice-bureau'], // the county justice bureau, a child of the parent government
    ]);
    expect(unresolvedRoles).toEqual(['legal-counsel']);
  });

  it('reads "head" as the principal head when there is no deputy head, and adds named people', async () => {
    const world = await createWorld(db);
    await db('person_roles').where({ person_id: world.people.deputy.id }).del();
    const { recipients } = await resolveRecipients(db, { agencyId: world.departmentId, roles: ['head'], personIds: [world.people.clerk.id] });
    expect(recipients.map((r) => [r.name, r.role])).toEqual([
      ['吴收发', 'named'],
      ['孙局长', 'principal-head'],
    ]);
  });

  it('follows the profile: no quota warning in Yantai, the justice bureau too in Liaocheng', async () => {
    const yantai = await createWorld(db, { profile: 'yantai' });
    const skipped = await queueNotification({ db, config }, { event: 'quota.at-risk', agencyId: yantai.departmentId, data: { year: 2026, caseCount: 3, appearances: 0, required: 1 }, idempotencyKey: randomUUID() });
    expect(skipped.notificationIds).toEqual([]);
    expect(skipped.skippedReason).toContain('不得硬性设置');
    const liaocheng = await createWorld(db, { profile: 'liaocheng' });
    const queued = await queueNotification({ db, config }, { event: 'quota.at-risk', agencyId: liaocheng.departmentId, data: { year: 2026, caseCount: 12, appearances: 1, required: 2 }, idempotencyKey: randomUUID() });
    expect(queued.recipients.map((r) => r.role)).toEqual(['principal-head', 'legal-affairs', 'justice-bureau']);
  });
});

describe('in-app inbox API', () => {
  it('lists a user’s messages with the unread count and marks one read', async () => {
    const world = await createWorld(db);
    const jobKey = randomUUID();
    await queueNotification({ db, config }, { event: 'hearing.head-unable', caseId: world.caseId, data: { reason: '需要履行他人不能代替的公务', headName: '钱副局长' }, idempotencyKey: jobKey, sourceJobKey: jobKey });
    await dispatchDue({ config, db, logger: silentLogger, senders: createChannelSenders({ config, db, logger: silentLogger }) }, { jobKey });

    // the inbox is the signed-in person's (its API token): no header or parameter chooses another
    const principal = as(app, await tokenFor(db, world.people.principal.id));
    const clerk = as(app, await tokenFor(db, world.people.clerk.id));
    const inbox = await principal.get('/api/notifications');
    expect(inbox.status).toBe(200);
    expect(inbox.body.person.name).toBe('孙局长');
    expect(inbox.body.unreadCount).toBe(1);
    expect(inbox.body.items[0]).toMatchObject({ event: 'hearing.head-unable', urgent: true, readAt: null });
    expect(inbox.body.items[0].subject).toBe(`【紧急】${world.caseNumber} 负责人不能出庭`);
    expect(inbox.body.items[0].body).toContain('原因：需要履行他人不能代替的公务');
    // the clerk's inbox does not have it, even when the old X-User header names the head
    expect((await clerk.get('/api/notifications').set('X-User', world.people.principal.login)).body.items.map((i: any) => i.id)).not.toContain(inbox.body.items[0].id);

    const id = inbox.body.items[0].id;
    // someone else cannot mark it
    expect((await clerk.post(`/api/notifications/${id}/read`)).status).toBe(404);
    const read = await principal.post(`/api/notifications/${id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    const after = await principal.get('/api/notifications').query({ unread: 'true' });
    expect(after.body).toMatchObject({ unreadCount: 0, items: [] });
  });

  it('answers 401 without a login and names a bad parameter', async () => {
    const res = await request(app).get('/api/notifications').set('X-User', 'liaocheng-dept-clerk');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
    expect((await api.get('/api/notifications').query({ limit: '0' })).body.error.fields[0].field).toBe('query.limit');
  });
});
