// Notifications API.
// Inbox (站内信) of the signed-in user (the request's principal):
//   GET  /api/notifications[?unread=true&limit=50]   → { person, unreadCount, items }
//   POST /api/notifications/:id/read                 → the item, marked read
//   POST /api/notifications/read-all                 → { marked }
// Admin (outbox, failures, channel settings):
//   GET  /api/admin/notifications?status=failed&caseId=&jobKey=&limit=
//   POST /api/admin/notifications/:id/retry          → requeues a failed row
//   GET  /api/admin/notification-channels                            → every agency's channel settings
//   PUT  /api/admin/notification-channels/agencies/:agencyId/:channel  { enabled, webhookUrl?, webhookSecret?, events? }
//   PUT  /api/admin/notification-channels/people/:personId/:channel    { enabled }
import { isBigintId } from '../../db/ids.ts';
import { Router, type Request } from 'express';
import { principalOf } from '../../auth/principal.ts';
import { z } from 'zod';
import type { InboxService } from '../../notifications/inbox-service.ts';
import type { NotificationAdminService } from '../../notifications/notification-admin-service.ts';
import { channels, personalChannels } from '../../notifications/outbox-row.ts';
import { notificationEvents } from '../../notifications/rules.ts';
import type { AccessGuards } from '../access.ts';
import { validate } from '../validate.ts';

const InboxQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const IdParam = z.object({ id: z.string().refine(isBigintId, '应为数字编号') });

const OutboxQuery = z.object({
  status: z.enum(['pending', 'sending', 'sent', 'failed']).optional(),
  caseId: z.uuid().optional(),
  jobKey: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const AgencyChannelParams = z.object({ agencyId: z.uuid(), channel: z.enum(channels) });
const AgencyChannelBody = z.object({
  enabled: z.boolean(),
  webhookUrl: z.url().nullable().optional(),
  webhookSecret: z.string().min(1).nullable().optional(),
  events: z.array(z.enum(notificationEvents)).nullable().optional(),
});

const PersonChannelParams = z.object({ personId: z.uuid(), channel: z.enum(personalChannels) });
const PersonChannelBody = z.object({ enabled: z.boolean() });

// this API has always named fields after the request part ("query.limit", "body.enabled")
const prefixFields = { prefixFields: true };

export interface NotificationRouteDeps {
  inbox: InboxService;
  notificationAdmin: NotificationAdminService;
  allow: AccessGuards;
}

export function notificationRoutes({ inbox, notificationAdmin, allow }: NotificationRouteDeps): Router {
  const router = Router();
  const personOf = (req: Request<any, any, any, any>) => inbox.personOf(principalOf(req).personId);

  router.get('/notifications', allow.signedIn(), validate({ query: InboxQuery }, prefixFields), async (req, res) => {
    const person = await personOf(req);
    const [items, unreadCount] = await Promise.all([inbox.items(person.id, { unreadOnly: req.query.unread === 'true', limit: req.query.limit }), inbox.unreadCount(person.id)]);
    res.json({ person, unreadCount, items });
  });

  router.post('/notifications/read-all', allow.signedIn(), validate({ query: InboxQuery }, prefixFields), async (req, res) => {
    const person = await personOf(req);
    res.json({ marked: await inbox.markAllRead(person.id) });
  });

  router.post('/notifications/:id/read', allow.signedIn(), validate({ params: IdParam, query: InboxQuery }, prefixFields), async (req, res) => {
    const person = await personOf(req);
    res.json(await inbox.markRead(person.id, req.params.id));
  });

  router.get('/admin/notifications', allow.roles('admin'), validate({ query: OutboxQuery }, prefixFields), async (req, res) => {
    res.json(await notificationAdmin.outbox(req.query));
  });

  router.post('/admin/notifications/:id/retry', allow.roles('admin'), validate({ params: IdParam }, prefixFields), async (req, res) => {
    res.json(await notificationAdmin.retry(req.params.id));
  });

  router.get('/admin/notification-channels', allow.roles('admin'), async (_req, res) => {
    res.json({ items: await notificationAdmin.agencyChannels() });
  });

  router.put('/admin/notification-channels/agencies/:agencyId/:channel', allow.roles('admin'), validate({ params: AgencyChannelParams, body: AgencyChannelBody }, prefixFields), async (req, res) => {
    res.json(await notificationAdmin.setAgencyChannel(req.params.agencyId, req.params.channel, req.body));
  });

  router.put('/admin/notification-channels/people/:personId/:channel', allow.roles('admin'), validate({ params: PersonChannelParams, body: PersonChannelBody }, prefixFields), async (req, res) => {
    res.json(await notificationAdmin.setPersonChannel(req.params.personId, req.params.channel, req.body.enabled));
  });

  return router;
}
