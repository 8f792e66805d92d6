// The in-app inbox (站内信): delivering means writing the inbox row (once per outbox row).
import type { Db } from '../../db/database.ts';
import type { OutboxRow } from '../outbox-row.ts';
import type { ChannelSender } from './channel-sender.ts';

export function createInAppSender(db: Db): ChannelSender {
  return {
    async send(row: OutboxRow) {
      if (!row.recipientPersonId) throw new Error('站内信缺少收件人');
      await db('notification_inbox')
        .insert({
          outbox_id: row.id,
          person_id: row.recipientPersonId,
          case_id: row.caseId,
          event: row.event,
          subject: row.subject,
          body_text: row.bodyText,
          urgent: row.urgent,
        })
        .onConflict('outbox_id')
        .ignore();
    },
  };
}
