// SMS (短信): an adapter interface; the product ships a logging implementation. A provider
// (Aliyun, Tencent Cloud, an operator gateway) implements SmsAdapter and is passed to the dispatcher.
import type { Logger } from '../../logger.ts';
import type { OutboxRow } from '../outbox-row.ts';
import type { ChannelSender } from './channel-sender.ts';

export interface SmsAdapter {
  sendSms(phone: string, text: string): Promise<void>;
}

export class LoggingSmsAdapter implements SmsAdapter {
  readonly sent: { phone: string; text: string }[] = [];
  constructor(private readonly logger: Logger) {}
  async sendSms(phone: string, text: string): Promise<void> {
    this.sent.push({ phone, text });
    this.logger.info({ phone, text }, 'SMS (logging adapter, not sent)');
  }
}

export function createSmsSender(adapter: SmsAdapter): ChannelSender {
  return {
    async send(row: OutboxRow) {
      if (!row.address) throw new Error('收件人没有手机号码');
      // SMS carries the subject only (length and cost); details are in the inbox and e-mail.
      await adapter.sendSms(row.address, `【行政应诉】${row.subject}`);
    },
  };
}
