// The outbox dispatcher: claims due rows (FOR UPDATE SKIP LOCKED, so several dispatchers never
// take the same row), sends them, and marks them sent, or schedules a retry with exponential
// back-off, or — after the last attempt — failed. Delivery is at-least-once: a crash between
// sending and marking resends after the lease (e-mails carry a stable Message-ID).
import { openSecret, secretKeyFrom } from '../crypto/secret-box.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { retryDelayMs } from './backoff.ts';
import type { ChannelSenders } from './channels/channel-sender.ts';
import { createEmailSender } from './channels/email.ts';
import { createInAppSender } from './channels/in-app.ts';
import { createSmsSender, LoggingSmsAdapter, type SmsAdapter } from './channels/sms.ts';
import { createDingTalkSender, createWeComSender } from './channels/webhooks.ts';
import { isWithinDnd } from './do-not-disturb.ts';
import { dndWindowOf } from './outbox.ts';
import { toOutboxRow, type OutboxRow } from './outbox-row.ts';

export interface DispatcherDeps {
  config: Config;
  db: Db;
  logger: Logger;
  senders: ChannelSenders;
}

export interface DispatchResult {
  sent: string[];
  retrying: string[];
  failed: string[];
}

/** Claims due rows: pending and due, or stuck in 'sending' past their lease. */
async function claimDue(deps: DispatcherDeps, now: Date, options: { jobKey?: string; limit: number }): Promise<OutboxRow[]> {
  const { db, config } = deps;
  // During do-not-disturb hours only urgent messages and the silent inbox are due.
  const quiet = isWithinDnd(now, dndWindowOf(config));
  const result = await db.raw(
    `UPDATE notification_outbox o
        SET status = 'sending', attempts = o.attempts + 1, lease_until = :leaseUntil
      WHERE o.id IN (
        SELECT id FROM notification_outbox
         WHERE ((status = 'pending' AND next_attempt_at <= :now) OR (status = 'sending' AND lease_until < :now))
           ${quiet ? `AND (urgent OR channel = 'in-app')` : ''}
           ${options.jobKey ? 'AND source_job_key = :jobKey' : ''}
         ORDER BY urgent DESC, next_attempt_at, id
         LIMIT :limit
         FOR UPDATE SKIP LOCKED)
      RETURNING o.*`,
    { now, leaseUntil: new Date(now.getTime() + config.NOTIFY_LEASE_MS), limit: options.limit, jobKey: options.jobKey ?? null },
  );
  return result.rows.map(toOutboxRow);
}

async function deliver(deps: DispatcherDeps, row: OutboxRow, now: Date): Promise<'sent' | 'retrying' | 'failed'> {
  const { db, config, logger } = deps;
  try {
    await deps.senders[row.channel].send(row);
    await db('notification_outbox').where({ id: row.id }).update({ status: 'sent', sent_at: now, lease_until: null, last_error: null });
    return 'sent';
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    if (row.attempts >= row.maxAttempts) {
      await db('notification_outbox').where({ id: row.id }).update({ status: 'failed', failed_at: now, lease_until: null, last_error: message });
      logger.error(
        { notificationId: row.id, channel: row.channel, attempts: row.attempts, jobKey: row.sourceJobKey, err: error },
        '通知投递最终失败 / notification failed after the last attempt',
      );
      return 'failed';
    }
    const next = new Date(now.getTime() + retryDelayMs(row.attempts, { baseMs: config.NOTIFY_RETRY_BASE_MS, maxMs: config.NOTIFY_RETRY_MAX_MS }));
    await db('notification_outbox').where({ id: row.id }).update({ status: 'pending', next_attempt_at: next, lease_until: null, last_error: message });
    logger.warn({ notificationId: row.id, channel: row.channel, attempts: row.attempts, nextAttemptAt: next, error: message }, 'notification delivery failed; will retry');
    return 'retrying';
  }
}

/** One pass: claims and sends due rows (of one job, when jobKey is given) until none is due. */
export async function dispatchDue(deps: DispatcherDeps, options: { now?: Date; jobKey?: string; maxBatches?: number } = {}): Promise<DispatchResult> {
  const now = options.now ?? new Date();
  const result: DispatchResult = { sent: [], retrying: [], failed: [] };
  for (let batch = 0; batch < (options.maxBatches ?? 50); batch++) {
    const rows = await claimDue(deps, now, { jobKey: options.jobKey, limit: deps.config.NOTIFY_BATCH_SIZE });
    if (!rows.length) break;
    const outcomes = await Promise.all(rows.map((row) => deliver(deps, row, now)));
    outcomes.forEach((outcome, i) => result[outcome === 'sent' ? 'sent' : outcome].push(rows[i]!.id));
  }
  return result;
}

export interface ChannelSenderOptions {
  config: Config;
  db: Db;
  logger: Logger;
  sms?: SmsAdapter;
  fetch?: typeof fetch;
}

/** The product's channels from the configuration (SMTP, robots, the SMS adapter). */
export function createChannelSenders(options: ChannelSenderOptions): ChannelSenders & { close(): void } {
  const { config, db } = options;
  const email = createEmailSender(config);
  const webhook = {
    timeoutMs: config.NOTIFY_WEBHOOK_TIMEOUT_MS,
    fetch: options.fetch,
    // The secret stays in the settings table, sealed; rows only name the robot's agency.
    async secretFor(row: OutboxRow) {
      const agencyId = row.payload.robotAgencyId as string | undefined;
      if (!agencyId) return null;
      const setting = await db('agency_notification_channels').where({ agency_id: agencyId, channel: row.channel }).first('webhook_secret');
      // sealed in the table (src/crypto/secret-box.ts)
      return setting?.webhook_secret ? openSecret(setting.webhook_secret, secretKeyFrom(config)) : null;
    },
  };
  return {
    'in-app': createInAppSender(db),
    email,
    wecom: createWeComSender(webhook),
    dingtalk: createDingTalkSender(webhook),
    sms: createSmsSender(options.sms ?? new LoggingSmsAdapter(options.logger)),
    close: () => email.close(),
  };
}

export interface OutboxDispatcher {
  /** runs a pass now instead of waiting for the next poll */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Polls the outbox every NOTIFY_POLL_MS and sends what is due. The lead wires it into `npm start`;
 * any number of processes may run one.
 */
export function startOutboxDispatcher(deps: {
  config: Config;
  db: Db;
  logger: Logger;
  senders?: ChannelSenders;
  sms?: SmsAdapter;
  clock?: () => Date;
}): OutboxDispatcher {
  const logger = deps.logger.child({ component: 'notification-dispatcher' });
  const created = deps.senders ? null : createChannelSenders({ config: deps.config, db: deps.db, logger, sms: deps.sms });
  const senders = deps.senders ?? created!;
  const clock = deps.clock ?? (() => new Date());
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  const pass = async () => {
    try {
      const result = await dispatchDue({ config: deps.config, db: deps.db, logger, senders }, { now: clock() });
      if (result.sent.length || result.retrying.length || result.failed.length) {
        logger.debug({ sent: result.sent.length, retrying: result.retrying.length, failed: result.failed.length }, 'outbox pass');
      }
    } catch (error) {
      logger.error({ err: error }, 'outbox pass failed');
    }
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(run, delay);
  };
  const run = () => {
    if (stopped || running) return;
    if (timer) clearTimeout(timer);
    timer = null;
    running = pass().finally(() => {
      running = null;
      schedule(deps.config.NOTIFY_POLL_MS);
    });
  };
  schedule(0);
  logger.info({ pollMs: deps.config.NOTIFY_POLL_MS }, 'notification dispatcher started');
  return {
    wake: run,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      created?.close();
    },
  };
}
