// The shape of a notification_outbox row as the dispatcher and the channels see it.

export const channels = ['in-app', 'email', 'wecom', 'dingtalk', 'sms'] as const;
export type Channel = (typeof channels)[number];
/** channels addressed to one person; the others are agency group robots */
export const personalChannels = ['in-app', 'email', 'sms'] as const satisfies readonly Channel[];
export const groupChannels = ['wecom', 'dingtalk'] as const satisfies readonly Channel[];

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxRow {
  id: string;
  idempotencyKey: string;
  event: string;
  caseId: string | null;
  agencyId: string | null;
  recipientPersonId: string | null;
  recipientName: string | null;
  recipientRole: string | null;
  channel: Channel;
  address: string | null;
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  payload: Record<string, unknown>;
  urgent: boolean;
  status: OutboxStatus;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: Date;
  deferredUntil: Date | null;
  lastError: string | null;
  sourceJobKey: string | null;
  processInstanceKey: string | null;
  createdAt: Date;
  sentAt: Date | null;
  failedAt: Date | null;
}

export function toOutboxRow(r: any): OutboxRow {
  return {
    id: String(r.id),
    idempotencyKey: r.idempotency_key,
    event: r.event,
    caseId: r.case_id,
    agencyId: r.agency_id,
    recipientPersonId: r.recipient_person_id,
    recipientName: r.recipient_name,
    recipientRole: r.recipient_role,
    channel: r.channel,
    address: r.address,
    subject: r.subject,
    bodyText: r.body_text,
    bodyHtml: r.body_html,
    payload: r.payload ?? {},
    urgent: r.urgent,
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    nextAttemptAt: r.next_attempt_at,
    deferredUntil: r.deferred_until,
    lastError: r.last_error,
    sourceJobKey: r.source_job_key,
    processInstanceKey: r.process_instance_key,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    failedAt: r.failed_at,
  };
}
