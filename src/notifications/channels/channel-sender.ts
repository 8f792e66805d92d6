import type { Channel, OutboxRow } from '../outbox-row.ts';

/** Delivers one outbox row; throws when the delivery failed (the dispatcher retries). */
export interface ChannelSender {
  send(row: OutboxRow): Promise<void>;
}

export type ChannelSenders = Record<Channel, ChannelSender>;
