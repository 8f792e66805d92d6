// Notifications API.
// Inbox (站内信) of one user — the user is identified by the X-User header (people.login), or by
// ?personId=<uuid> (for the app's own pages and tests):
//   GET  /api/notifications[?unread=true&limit=50]   → { person, unreadCount, items }
//   POST /api/notifications/:id/read                 → the item, marked read
//   POST /api/notifications/read-all                 → { marked }
// Admin (outbox, failures, channel settings):
//   GET  /api/admin/notifications?status=failed&caseId=&jobKey=&limit=
//   POST /api/admin/notifications/:id/retry          → requeues a failed row
//   PUT  /api/admin/notification-channels/agencies/:agencyId/:channel  { enabled, webhookUrl?, webhookSecret?, events? }
//   PUT  /api/admin/notification-channels/people/:personId/:channel    { enabled }
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { ConflictError, InputError, NotFoundError, inputErrorFromZod } from '../../errors.ts';
import { requeueFailed } from '../../notifications/outbox.ts';
import { channels, groupChannels, personalChannels, toOutboxRow } from '../../notifications/outbox-row.ts';
import { notificationEvents } from '../../notifications/rules.ts';
import type { AppDeps } from '../app.ts';

const InboxQuery = z.object({
  personId: z.uuid().optional(),
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const IdParam = z.object({ id: z.string().regex(/^\d+$/, '应为数字编号') });

const OutboxQuery = z.object({
  status: z.enum(['pending', 'sending', 'sent', 'failed']).optional(),
  caseId: z.uuid().optional(),
  jobKey: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const AgencyChannelBody = z.object({
  enabled: z.boolean(),
  webhookUrl: z.url().nullable().optional(),
  webhookSecret: z.string().min(1).nullable().optional(),
  events: z.array(z.enum(notificationEvents)).nullable().optional(),
});

const PersonChannelBody = z.object({ enabled: z.boolean() });

function parse<T>(schema: z.ZodType<T>, value: unknown, prefix: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw inputErrorFromZod(parsed.error, prefix);
  return parsed.data;
}

/** The person whose inbox is asked for. */
async function currentPerson(db: Db, req: Request): Promise<{ id: string; name: string }> {
  const query = parse(InboxQuery, req.query, 'query');
  const login = req.get('x-user');
  if (!query.personId && !login) {
    throw new InputError([{ field: 'X-User', message: '请在请求头 X-User 中提供登录名，或提供查询参数 personId' }]);
  }
  const person = query.personId ? await db('people').where({ id: query.personId }).first('id', 'name') : await db('people').where({ login }).first('id', 'name');
  if (!person) throw new NotFoundError('用户', query.personId ?? login!);
  return person;
}

function inboxItem(r: any) {
  return {
    id: String(r.id),
    event: r.event,
    caseId: r.case_id,
    subject: r.subject,
    body: r.body_text,
    urgent: r.urgent,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

function adminRow(r: ReturnType<typeof toOutboxRow>) {
  const { bodyHtml: _html, payload, ...rest } = r;
  // never hand out robot secrets or the mentions list beyond what an admin needs
  return { ...rest, payload: { robotAgencyId: payload.robotAgencyId } };
}

export function notificationRoutes({ db }: AppDeps): Router {
  const router = Router();

  router.get('/notifications', async (req, res) => {
    const query = parse(InboxQuery, req.query, 'query');
    const person = await currentPerson(db, req);
    const items = db('notification_inbox').where({ person_id: person.id }).orderBy('id', 'desc').limit(query.limit);
    if (query.unread === 'true') items.whereNull('read_at');
    const [unread] = await db('notification_inbox').where({ person_id: person.id }).whereNull('read_at').count({ n: '*' });
    res.json({ person, unreadCount: Number(unread?.n ?? 0), items: (await items).map(inboxItem) });
  });

  router.post('/notifications/read-all', async (req, res) => {
    const person = await currentPerson(db, req);
    const marked = await db('notification_inbox').where({ person_id: person.id }).whereNull('read_at').update({ read_at: db.fn.now() });
    res.json({ marked });
  });

  router.post('/notifications/:id/read', async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    const person = await currentPerson(db, req);
    // someone else's message is reported as missing, not as forbidden
    const [row] = await db('notification_inbox')
      .where({ id, person_id: person.id })
      .update({ read_at: db.raw('coalesce(read_at, now())') })
      .returning('*');
    if (!row) throw new NotFoundError('通知', id);
    res.json(inboxItem(row));
  });

  router.get('/admin/notifications', async (req, res) => {
    const query = parse(OutboxQuery, req.query, 'query');
    const q = db('notification_outbox').orderBy('id', 'desc').limit(query.limit);
    if (query.status) q.where({ status: query.status });
    if (query.caseId) q.where({ case_id: query.caseId });
    if (query.jobKey) q.where({ source_job_key: query.jobKey });
    const counts = await db('notification_outbox').select('status').count({ n: '*' }).groupBy('status');
    res.json({
      counts: Object.fromEntries(counts.map((c: any) => [c.status, Number(c.n)])),
      items: (await q).map((r: any) => adminRow(toOutboxRow(r))),
    });
  });

  router.post('/admin/notifications/:id/retry', async (req, res) => {
    const { id } = parse(IdParam, req.params, 'params');
    const row = await db('notification_outbox').where({ id }).first('status');
    if (!row) throw new NotFoundError('通知', id);
    if (row.status !== 'failed') throw new ConflictError('NOT_FAILED', `通知 ${id} 的状态是 ${row.status}，只有投递失败的通知可以重新投递`);
    await requeueFailed(db, { ids: [id] });
    res.json(adminRow(toOutboxRow(await db('notification_outbox').where({ id }).first())));
  });

  router.put('/admin/notification-channels/agencies/:agencyId/:channel', async (req, res) => {
    const params = parse(z.object({ agencyId: z.uuid(), channel: z.enum(channels) }), req.params, 'params');
    const body = parse(AgencyChannelBody, req.body, 'body');
    if (!(await db('agencies').where({ id: params.agencyId }).first('id'))) throw new NotFoundError('机关', params.agencyId);
    const isGroup = (groupChannels as readonly string[]).includes(params.channel);
    if (isGroup && body.enabled && !body.webhookUrl) throw new InputError([{ field: 'body.webhookUrl', message: '群机器人需要 webhook 地址' }]);
    const row = {
      agency_id: params.agencyId,
      channel: params.channel,
      enabled: body.enabled,
      webhook_url: isGroup ? (body.webhookUrl ?? null) : null,
      webhook_secret: isGroup ? (body.webhookSecret ?? null) : null,
      events: body.events ? JSON.stringify(body.events) : null,
    };
    await db('agency_notification_channels').insert(row).onConflict(['agency_id', 'channel']).merge();
    res.json({ agencyId: params.agencyId, channel: params.channel, enabled: body.enabled, webhookUrl: row.webhook_url, hasSecret: Boolean(row.webhook_secret), events: body.events ?? null });
  });

  router.put('/admin/notification-channels/people/:personId/:channel', async (req, res) => {
    const params = parse(z.object({ personId: z.uuid(), channel: z.enum(personalChannels) }), req.params, 'params');
    const body = parse(PersonChannelBody, req.body, 'body');
    if (!(await db('people').where({ id: params.personId }).first('id'))) throw new NotFoundError('人员', params.personId);
    await db('person_notification_channels').insert({ person_id: params.personId, channel: params.channel, enabled: body.enabled }).onConflict(['person_id', 'channel']).merge();
    res.json({ personId: params.personId, channel: params.channel, enabled: body.enabled });
  });

  return router;
}
