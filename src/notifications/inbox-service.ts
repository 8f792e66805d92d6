// The in-app inbox (站内信) of one person: whose inbox is asked for, its items, marking them read.
import type { Db } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';

export interface InboxItem {
  id: string;
  event: string;
  caseId: string | null;
  subject: string;
  body: string;
  urgent: boolean;
  createdAt: Date;
  readAt: Date | null;
}

function toInboxItem(r: any): InboxItem {
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

export interface InboxService {
  /** The person whose inbox it is (the signed-in principal's person). */
  personOf(personId: string): Promise<{ id: string; name: string }>;
  items(personId: string, filter: { unreadOnly: boolean; limit: number }): Promise<InboxItem[]>;
  unreadCount(personId: string): Promise<number>;
  /** Marks one item read (the first read time stays); someone else's item is reported as missing, not forbidden. */
  markRead(personId: string, id: string): Promise<InboxItem>;
  markAllRead(personId: string): Promise<number>;
}

export function createInboxService(db: Db): InboxService {
  return {
    async personOf(personId) {
      const person = await db('people').where({ id: personId }).first('id', 'name');
      if (!person) throw new NotFoundError('用户', personId);
      return person;
    },

    async items(personId, { unreadOnly, limit }) {
      const q = db('notification_inbox').where({ person_id: personId }).orderBy('id', 'desc').limit(limit);
      if (unreadOnly) q.whereNull('read_at');
      return (await q).map(toInboxItem);
    },

    async unreadCount(personId) {
      const [unread] = await db('notification_inbox').where({ person_id: personId }).whereNull('read_at').count({ n: '*' });
      return Number(unread?.n ?? 0);
    },

    async markRead(personId, id) {
      const [row] = await db('notification_inbox')
        .where({ id, person_id: personId })
        .update({ read_at: db.raw('coalesce(read_at, now())') })
        .returning('*');
      if (!row) throw new NotFoundError('通知', id);
      return toInboxItem(row);
    },

    markAllRead(personId) {
      return db('notification_inbox').where({ person_id: personId }).whereNull('read_at').update({ read_at: db.fn.now() });
    },
  };
}
