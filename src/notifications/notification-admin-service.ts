// Administration of notifications: the outbox (filter, counts by status, retry a failed row) and the
// channel settings of agencies (group robots) and people.
import { sealSecret } from '../crypto/secret-box.ts';
import type { Db } from '../db/database.ts';
import { ConflictError, InputError, NotFoundError } from '../errors.ts';
import { requeueFailed } from './outbox.ts';
import { groupChannels, toOutboxRow, type Channel, type OutboxStatus } from './outbox-row.ts';
import type { NotificationEvent } from './rules.ts';

/** An outbox row as an admin sees it: no rendered HTML, no robot secrets or mention lists. */
function adminRow(r: ReturnType<typeof toOutboxRow>) {
  const { bodyHtml: _html, payload, ...rest } = r;
  return { ...rest, payload: { robotAgencyId: payload.robotAgencyId } };
}

export type AdminOutboxRow = ReturnType<typeof adminRow>;

export interface OutboxFilter {
  status?: OutboxStatus | undefined;
  caseId?: string | undefined;
  jobKey?: string | undefined;
  limit: number;
}

export interface AgencyChannelSetting {
  enabled: boolean;
  webhookUrl?: string | null | undefined;
  webhookSecret?: string | null | undefined;
  events?: NotificationEvent[] | null | undefined;
}

export interface NotificationAdminService {
  outbox(filter: OutboxFilter): Promise<{ counts: Record<string, number>; items: AdminOutboxRow[] }>;
  /** Requeues a failed row; 409 for a row in any other state. */
  retry(id: string): Promise<AdminOutboxRow>;
  setAgencyChannel(agencyId: string, channel: Channel, setting: AgencyChannelSetting): Promise<{ agencyId: string; channel: Channel; enabled: boolean; webhookUrl: string | null; hasSecret: boolean; events: NotificationEvent[] | null }>;
  setPersonChannel(personId: string, channel: Channel, enabled: boolean): Promise<{ personId: string; channel: Channel; enabled: boolean }>;
  /** every agency's channel settings (the secret only as hasSecret), for the admin page */
  agencyChannels(): Promise<{ agencyId: string; agencyName: string; channel: Channel; enabled: boolean; webhookUrl: string | null; hasSecret: boolean; events: NotificationEvent[] | null }[]>;
}

/** `secretKey`: the key robot secrets are sealed with (src/crypto/secret-box.ts); they are never stored in clear. */
export function createNotificationAdminService(db: Db, secretKey: () => Buffer): NotificationAdminService {
  return {
    async agencyChannels() {
      const rows = await db('agency_notification_channels as c').join('agencies as a', 'a.id', 'c.agency_id').orderBy([{ column: 'a.name' }, { column: 'c.channel' }]).select('c.*', 'a.name as agency_name');
      return rows.map((r: any) => ({ agencyId: r.agency_id, agencyName: r.agency_name, channel: r.channel, enabled: r.enabled, webhookUrl: r.webhook_url, hasSecret: Boolean(r.webhook_secret), events: r.events }));
    },

    async outbox(filter) {
      const q = db('notification_outbox').orderBy('id', 'desc').limit(filter.limit);
      if (filter.status) q.where({ status: filter.status });
      if (filter.caseId) q.where({ case_id: filter.caseId });
      if (filter.jobKey) q.where({ source_job_key: filter.jobKey });
      const counts = await db('notification_outbox').select('status').count({ n: '*' }).groupBy('status');
      return {
        counts: Object.fromEntries(counts.map((c: any) => [c.status, Number(c.n)])),
        items: (await q).map((r: any) => adminRow(toOutboxRow(r))),
      };
    },

    async retry(id) {
      const row = await db('notification_outbox').where({ id }).first('status');
      if (!row) throw new NotFoundError('通知', id);
      if (row.status !== 'failed') throw new ConflictError('NOT_FAILED', `通知 ${id} 的状态是 ${row.status}，只有投递失败的通知可以重新投递`);
      await requeueFailed(db, { ids: [id] });
      return adminRow(toOutboxRow(await db('notification_outbox').where({ id }).first()));
    },

    async setAgencyChannel(agencyId, channel, setting) {
      if (!(await db('agencies').where({ id: agencyId }).first('id'))) throw new NotFoundError('机关', agencyId);
      const isGroup = (groupChannels as readonly string[]).includes(channel);
      if (isGroup && setting.enabled && !setting.webhookUrl) throw new InputError([{ field: 'body.webhookUrl', message: '群机器人需要 webhook 地址' }]);
      const row = {
        agency_id: agencyId,
        channel,
        enabled: setting.enabled,
        webhook_url: isGroup ? (setting.webhookUrl ?? null) : null,
        webhook_secret: isGroup && setting.webhookSecret ? sealSecret(setting.webhookSecret, secretKey()) : null,
        events: setting.events ? JSON.stringify(setting.events) : null,
      };
      await db('agency_notification_channels').insert(row).onConflict(['agency_id', 'channel']).merge();
      return { agencyId, channel, enabled: setting.enabled, webhookUrl: row.webhook_url, hasSecret: Boolean(row.webhook_secret), events: setting.events ?? null };
    },

    async setPersonChannel(personId, channel, enabled) {
      if (!(await db('people').where({ id: personId }).first('id'))) throw new NotFoundError('人员', personId);
      await db('person_notification_channels').insert({ person_id: personId, channel, enabled }).onConflict(['person_id', 'channel']).merge();
      return { personId, channel, enabled };
    },
  };
}
