// Notifications (通知): outbox, dispatcher, channels, templates, rules. See README "Notifications".
import type { Db } from '../db/database.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { ChannelSenders } from './channels/channel-sender.ts';
import { createChannelSenders } from './dispatcher.ts';

export { startOutboxDispatcher, dispatchDue, createChannelSenders, type OutboxDispatcher } from './dispatcher.ts';
export { startMailCatcher, type MailCatcher, type CaughtMail } from './mail-catcher.ts';
export { queueNotification, requeueFailed, personalChannelsFor, type NotificationRequest, type QueueResult } from './outbox.ts';
export { sendNotificationsForJob, NotificationDeliveryError } from './job-notifications.ts';
export { ruleFor, notificationEvents, recipientRoles, type NotificationEvent, type RecipientRole } from './rules.ts';
export { renderMessage } from './templates.ts';
export { resolveRecipients } from './recipients.ts';
export type { ChannelSenders } from './channels/channel-sender.ts';
export type { SmsAdapter } from './channels/sms.ts';

const sendersCache = new WeakMap<Config, WeakMap<Db, ChannelSenders>>();

/** The channel senders of this process (one SMTP transport per configuration and database handle). */
export function sendersFor(deps: { config: Config; db: Db; logger: Logger }): ChannelSenders {
  let byDb = sendersCache.get(deps.config);
  if (!byDb) sendersCache.set(deps.config, (byDb = new WeakMap()));
  let senders = byDb.get(deps.db);
  if (!senders) byDb.set(deps.db, (senders = createChannelSenders(deps)));
  return senders;
}
