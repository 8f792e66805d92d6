// E-mail over SMTP (nodemailer): Chinese subject, HTML and text bodies.
import nodemailer from 'nodemailer';
import type { Config } from '../../config.ts';
import type { OutboxRow } from '../outbox-row.ts';
import type { ChannelSender } from './channel-sender.ts';

export type SmtpSettings = Pick<Config, 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_SECURE' | 'SMTP_USER' | 'SMTP_PASSWORD' | 'SMTP_FROM'>;

export function createEmailSender(smtp: SmtpSettings): ChannelSender & { close(): void } {
  const transport = nodemailer.createTransport({
    host: smtp.SMTP_HOST,
    port: smtp.SMTP_PORT,
    secure: smtp.SMTP_SECURE,
    auth: smtp.SMTP_USER ? { user: smtp.SMTP_USER, pass: smtp.SMTP_PASSWORD ?? '' } : undefined,
    // A few kept connections instead of a connect, greeting and QUIT per message (≈ 100 ms each on
    // loopback); a connection the server drops is replaced, and a refused connect fails the message
    // at once, which the outbox retries.
    pool: true,
    maxConnections: 3,
    maxMessages: 100,
    // fail fast so a down server becomes a retry, not a hung dispatcher
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(row: OutboxRow) {
      if (!row.address) throw new Error('收件人没有电子邮箱地址');
      await transport.sendMail({
        from: smtp.SMTP_FROM,
        to: row.recipientName ? { name: row.recipientName, address: row.address } : row.address,
        subject: row.subject,
        text: row.bodyText,
        html: row.bodyHtml ?? undefined,
        // a stable Message-ID lets mail clients drop the duplicate of an at-least-once resend
        messageId: `<notification-${row.id}@yingsu.local>`,
        headers: { 'X-Yingsu-Notification': row.id, 'X-Yingsu-Event': row.event },
      });
    },
    close() {
      transport.close();
    },
  };
}
