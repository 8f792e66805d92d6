// What the notifications.send job does: queue (keyed by job key), send at once, and hold the job
// while its messages are being retried, so that a message that fails after its last attempt fails
// the job — an incident on the very job that asked for it. Messages held by do-not-disturb hours
// do not hold the job (the process must not wait for the morning); their fate is in the outbox.
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { ChannelSenders } from './channels/channel-sender.ts';
import { dispatchDue } from './dispatcher.ts';
import { outboxRowsOfJob, queueNotification, requeueFailed, type NotificationRequest, type QueueResult } from './outbox.ts';
import type { OutboxRow } from './outbox-row.ts';

export class NotificationDeliveryError extends Error {
  constructor(readonly failed: OutboxRow[]) {
    super(
      `通知投递失败（已重试 ${failed[0]?.attempts ?? 0} 次）：` +
        failed.map((r) => `#${r.id} ${r.channel} → ${r.recipientName ?? ''} ${r.address ?? ''}: ${r.lastError ?? ''}`).join('; ') +
        '。修复通道后在 Operate 中重试此作业即重新投递。',
    );
    this.name = 'NotificationDeliveryError';
  }
}

export interface JobNotificationDeps {
  config: Config;
  db: Db;
  logger: Logger;
  senders: ChannelSenders;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export type JobNotificationResult = QueueResult & {
  delivery: { sent: number; pending: number; deferred: number };
};

function isSettled(row: OutboxRow, now: Date): boolean {
  if (row.status === 'sent' || row.status === 'failed') return true;
  // never tried and waiting for the end of do-not-disturb hours
  return row.status === 'pending' && row.attempts === 0 && row.nextAttemptAt > now;
}

export async function sendNotificationsForJob(
  deps: JobNotificationDeps,
  request: NotificationRequest & { sourceJobKey: string },
): Promise<JobNotificationResult> {
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const queued = await queueNotification(deps, request, now());
  // A retry of this task (by the engine, or by an admin in Cockpit after an incident) is a fresh
  // delivery round for the messages that failed before.
  await requeueFailed(deps.db, { jobKey: request.sourceJobKey }, now());

  const startedAt = now().getTime();
  let rows: OutboxRow[] = [];
  for (;;) {
    await dispatchDue(deps, { now: now(), jobKey: request.sourceJobKey });
    rows = await outboxRowsOfJob(deps.db, request.sourceJobKey);
    const current = now();
    const failed = rows.filter((r) => r.status === 'failed');
    if (failed.length) throw new NotificationDeliveryError(failed);
    if (rows.every((r) => isSettled(r, current))) break;
    const waited = current.getTime() - startedAt;
    if (waited >= deps.config.NOTIFY_JOB_WAIT_MS) {
      deps.logger.warn({ jobKey: request.sourceJobKey }, 'notifications still retrying when the job stopped waiting; they stay in the outbox');
      break;
    }
    const nextDue = Math.min(...rows.filter((r) => !isSettled(r, current)).map((r) => r.nextAttemptAt.getTime()));
    const pause = Math.max(50, Math.min(nextDue - current.getTime(), deps.config.NOTIFY_POLL_MS, deps.config.NOTIFY_JOB_WAIT_MS - waited));
    await sleep(pause);
  }
  const current = now();
  return {
    ...queued,
    delivery: {
      sent: rows.filter((r) => r.status === 'sent').length,
      deferred: rows.filter((r) => r.status === 'pending' && r.attempts === 0 && r.nextAttemptAt > current).length,
      pending: rows.filter((r) => r.status !== 'sent' && !(r.status === 'pending' && r.attempts === 0 && r.nextAttemptAt > current)).length,
    },
  };
}
