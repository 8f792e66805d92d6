// Queues notifications into the outbox: resolves who is told (rules + roles), which channels each
// person and agency uses, renders the templates, and inserts one row per (recipient, channel),
// keyed so a redelivered job or a repeated request inserts nothing new.
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import { earliestSendTime, type DndWindow } from './do-not-disturb.ts';
import { groupChannels, toOutboxRow, type Channel, type OutboxRow } from './outbox-row.ts';
import { resolveRecipients, type Recipient } from './recipients.ts';
import { daysLeft, isUrgent, ruleFor, type NotificationEvent, type RecipientRole } from './rules.ts';
import { renderMessage } from './templates.ts';

export interface NotificationRequest {
  event: NotificationEvent;
  caseId?: string | null;
  /** the agency when there is no case (e.g. the yearly quota warning) */
  agencyId?: string | null;
  /**
   * The agency whose people the roles are resolved in, when not the case's: a co-defendant unit that
   * answers on its own (the reconsideration organ's body, HN 二（二）) is told about its own deadline.
   */
  recipientsAgencyId?: string | null;
  /** default: the event's rule for the agency's profile */
  roles?: RecipientRole[];
  /** people named directly, e.g. the head who must appear */
  personIds?: string[];
  urgent?: boolean;
  data?: Record<string, unknown>;
  /**
   * The instant rule decisions are taken at — the days left, whether the deadline is today — when not
   * `now`: the engine's clock when it handed out the job (a reminder fired late still counts right).
   */
  asOf?: Date;
  /** base of every row's key, e.g. `job:<job key>` */
  idempotencyKey: string;
  sourceJobKey?: string | null;
  processInstanceKey?: string | null;
}

export interface QueuedRecipient {
  personId: string;
  name: string;
  role: string;
  channels: Channel[];
}

export interface QueueResult {
  notificationIds: string[];
  recipients: QueuedRecipient[];
  groups: { agencyId: string; channel: Channel }[];
  unresolvedRoles: string[];
  urgent: boolean;
  /** set when do-not-disturb holds the pushes (in-app goes at once) */
  deferredUntil: string | null;
  /** set when the profile says this notice is not sent */
  skippedReason?: string;
}

export function dndWindowOf(config: Pick<Config, 'NOTIFY_DND_START' | 'NOTIFY_DND_END' | 'NOTIFY_TIME_ZONE'>): DndWindow {
  return { start: config.NOTIFY_DND_START, end: config.NOTIFY_DND_END, timeZone: config.NOTIFY_TIME_ZONE };
}

export interface ChannelSetting {
  channel: string;
  enabled: boolean;
}

/**
 * The personal channels of one person: the person's own setting, else the agency's default,
 * else the product default (in-app and e-mail on, SMS off). A channel needs an address.
 */
export function personalChannelsFor(input: {
  personSettings: ChannelSetting[];
  agencySettings: ChannelSetting[];
  hasEmail: boolean;
  hasPhone: boolean;
}): Channel[] {
  const defaults: Record<'in-app' | 'email' | 'sms', boolean> = { 'in-app': true, email: true, sms: false };
  const out: Channel[] = [];
  for (const channel of ['in-app', 'email', 'sms'] as const) {
    const own = input.personSettings.find((s) => s.channel === channel);
    const agency = input.agencySettings.find((s) => s.channel === channel);
    const enabled = own?.enabled ?? agency?.enabled ?? defaults[channel];
    if (!enabled) continue;
    if (channel === 'email' && !input.hasEmail) continue;
    if (channel === 'sms' && !input.hasPhone) continue;
    out.push(channel);
  }
  return out;
}

async function caseContext(db: Db, request: NotificationRequest) {
  if (request.caseId) {
    const row = await db('cases')
      .join('agencies', 'agencies.id', 'cases.agency_id')
      .where('cases.id', request.caseId)
      .first(
        'cases.id',
        'cases.agency_id',
        'cases.case_number',
        'cases.court',
        'cases.cause',
        'cases.act_description',
        'cases.complaint_received_on',
        'agencies.name as agency_name',
        'agencies.profile',
      );
    if (!row) throw new NotFoundError('案件', request.caseId);
    return {
      agencyId: row.agency_id as string,
      profile: row.profile as string,
      data: {
        caseId: row.id,
        caseNumber: row.case_number,
        court: row.court,
        cause: row.cause,
        actDescription: row.act_description,
        agencyName: row.agency_name,
        receivedOn: row.complaint_received_on,
      },
    };
  }
  if (!request.agencyId) throw new NotFoundError('案件或机关', '(未提供 caseId 或 agencyId)');
  const agency = await db('agencies').where({ id: request.agencyId }).first('id', 'name', 'profile');
  if (!agency) throw new NotFoundError('机关', request.agencyId);
  return { agencyId: agency.id as string, profile: agency.profile as string, data: { agencyName: agency.name } };
}

/** daysLeft for a deadline notice (data.dueDate), counted on the day of `asOf`. */
function deadlineTiming(data: Record<string, unknown> | undefined, asOf: Date): { daysLeft?: number } {
  const due = data?.dueDate;
  return typeof due === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(due) ? { daysLeft: daysLeft(due, asOf) } : {};
}

function publicBaseUrl(config: Config): string {
  return (config.PUBLIC_BASE_URL ?? `http://${config.HOST}:${config.PORT}`).replace(/\/$/, '');
}

/** Queues the notification; safe to call again with the same idempotency key. */
export async function queueNotification(
  deps: { db: Db; config: Config },
  request: NotificationRequest,
  now: Date = new Date(),
): Promise<QueueResult> {
  const { db, config } = deps;
  const context = await caseContext(db, request);
  const rule = ruleFor(request.event, context.profile);
  const asOf = request.asOf ?? now;
  const urgent = isUrgent(rule, { urgent: request.urgent, dueDate: request.data?.dueDate }, asOf);
  const empty = { notificationIds: [], recipients: [], groups: [], unresolvedRoles: [], urgent, deferredUntil: null };
  if (rule.disabledReason && !request.roles) return { ...empty, skippedReason: rule.disabledReason };

  const { recipients, unresolvedRoles } = await resolveRecipients(db, {
    agencyId: request.recipientsAgencyId ?? context.agencyId,
    roles: request.roles ?? rule.recipients,
    personIds: request.personIds,
  });

  const agencyIds = [...new Set([request.recipientsAgencyId ?? context.agencyId, ...recipients.map((r) => r.agencyId)])];
  const agencySettings = await db('agency_notification_channels').whereIn('agency_id', agencyIds);
  const personSettings = recipients.length ? await db('person_notification_channels').whereIn('person_id', recipients.map((r) => r.personId)) : [];

  const window = dndWindowOf(config);
  const link = request.caseId ? `${publicBaseUrl(config)}/cases/${request.caseId}` : undefined;
  const baseData = { ...rule.data, ...context.data, ...deadlineTiming(request.data, asOf), ...request.data, link };
  const rows: Record<string, unknown>[] = [];
  const row = (channel: Channel, key: string, fields: { person?: Recipient; agencyId: string; address: string | null; name: string; payload?: object }) => {
    const notBefore = earliestSendTime(now, window, { urgent, channel });
    const message = renderMessage(request.event, { ...baseData, recipientName: fields.name });
    rows.push({
      idempotency_key: `${request.idempotencyKey}|${key}|${request.event}|${channel}`,
      event: request.event,
      case_id: request.caseId ?? null,
      agency_id: fields.agencyId,
      recipient_person_id: fields.person?.personId ?? null,
      recipient_name: fields.name,
      recipient_role: fields.person?.role ?? 'group',
      channel,
      address: fields.address,
      subject: message.subject,
      body_text: message.text,
      body_html: channel === 'email' ? message.html : null,
      payload: JSON.stringify(fields.payload ?? {}),
      urgent,
      max_attempts: config.NOTIFY_MAX_ATTEMPTS,
      next_attempt_at: notBefore,
      deferred_until: notBefore > now ? notBefore : null,
      source_job_key: request.sourceJobKey ?? null,
      process_instance_key: request.processInstanceKey ?? null,
    });
  };

  const queuedRecipients: QueuedRecipient[] = [];
  for (const person of recipients) {
    const channels = personalChannelsFor({
      personSettings: personSettings.filter((s: any) => s.person_id === person.personId),
      agencySettings: agencySettings.filter((s: any) => s.agency_id === person.agencyId),
      hasEmail: Boolean(person.email),
      hasPhone: Boolean(person.phone),
    });
    for (const channel of channels) {
      const address = channel === 'email' ? person.email : channel === 'sms' ? person.phone : null;
      row(channel, `person:${person.personId}`, { person, agencyId: person.agencyId, address, name: person.name });
    }
    queuedRecipients.push({ personId: person.personId, name: person.name, role: person.role, channels });
  }

  // Group robots of every agency involved (the case's agency, and e.g. the justice bureau's group on
  // escalation), mentioning the recipients of that agency by mobile.
  const groups: { agencyId: string; channel: Channel }[] = [];
  for (const setting of agencySettings) {
    if (!(groupChannels as readonly string[]).includes(setting.channel) || !setting.enabled || !setting.webhook_url) continue;
    if (Array.isArray(setting.events) && !setting.events.includes(request.event)) continue;
    const members = recipients.filter((r) => r.agencyId === setting.agency_id);
    if (!members.length && setting.agency_id !== context.agencyId) continue;
    const agencyName = (await db('agencies').where({ id: setting.agency_id }).first('name'))?.name ?? '';
    row(setting.channel, `group:${setting.agency_id}`, {
      agencyId: setting.agency_id,
      address: setting.webhook_url,
      name: members.length ? members.map((m) => m.name).join('、') : `${agencyName}各位同事`,
      payload: { robotAgencyId: setting.agency_id, mentionMobiles: members.map((m) => m.phone).filter(Boolean) },
    });
    groups.push({ agencyId: setting.agency_id, channel: setting.channel });
  }

  if (rows.length) await db('notification_outbox').insert(rows).onConflict('idempotency_key').ignore();
  const stored = rows.length
    ? (await db('notification_outbox').whereIn('idempotency_key', rows.map((r) => r.idempotency_key as string)).orderBy('id')).map(toOutboxRow)
    : [];
  const deferred = stored.map((r) => r.deferredUntil).filter((d): d is Date => d !== null);
  return {
    notificationIds: stored.map((r) => r.id),
    recipients: queuedRecipients,
    groups,
    unresolvedRoles,
    urgent,
    deferredUntil: deferred.length ? new Date(Math.max(...deferred.map((d) => d.getTime()))).toISOString() : null,
  };
}

export async function outboxRowsOfJob(db: Db, jobKey: string): Promise<OutboxRow[]> {
  return (await db('notification_outbox').where({ source_job_key: jobKey }).orderBy('id')).map(toOutboxRow);
}

/** Puts failed rows back in the queue with a fresh set of attempts (admin retry, job retry). */
export async function requeueFailed(db: Db, filter: { ids?: string[]; jobKey?: string }, now: Date = new Date()): Promise<number> {
  const q = db('notification_outbox').where({ status: 'failed' });
  if (filter.ids) q.whereIn('id', filter.ids);
  if (filter.jobKey) q.where({ source_job_key: filter.jobKey });
  return q.update({ status: 'pending', attempts: 0, next_attempt_at: now, failed_at: null, lease_until: null });
}
