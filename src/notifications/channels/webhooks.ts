// Group robots: WeCom (企业微信群机器人) and DingTalk (钉钉自定义机器人, signed). Plain text messages,
// so user data cannot inject markdown; the recipients' mobiles are @-mentioned.
import { signedDingTalkUrl } from '../dingtalk-sign.ts';
import type { OutboxRow } from '../outbox-row.ts';
import type { ChannelSender } from './channel-sender.ts';

export interface WebhookOptions {
  timeoutMs: number;
  /** the DingTalk secret of the robot that the row names (payload.robotAgencyId) */
  secretFor(row: OutboxRow): Promise<string | null>;
  now?: () => number;
  fetch?: typeof fetch;
}

async function postJson(url: string, body: unknown, options: WebhookOptions): Promise<void> {
  const response = await (options.fetch ?? fetch)(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(options.timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`机器人接口返回 HTTP ${response.status}: ${text.slice(0, 200)}`);
  // Both robots answer 200 with {"errcode":0,"errmsg":"ok"}; anything else is a failure.
  let parsed: { errcode?: number; errmsg?: string } = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`机器人接口返回的不是 JSON: ${text.slice(0, 200)}`);
  }
  if (parsed.errcode !== 0) throw new Error(`机器人接口返回错误 ${parsed.errcode}: ${parsed.errmsg ?? ''}`);
}

function content(row: OutboxRow): string {
  return `${row.subject}\n${row.bodyText}`;
}

function mentionedMobiles(row: OutboxRow): string[] {
  const mobiles = row.payload.mentionMobiles;
  return Array.isArray(mobiles) ? mobiles.map(String) : [];
}

export function createWeComSender(options: WebhookOptions): ChannelSender {
  return {
    async send(row) {
      if (!row.address) throw new Error('未配置企业微信机器人地址');
      await postJson(row.address, { msgtype: 'text', text: { content: content(row), mentioned_mobile_list: mentionedMobiles(row) } }, options);
    },
  };
}

export function createDingTalkSender(options: WebhookOptions): ChannelSender {
  return {
    async send(row) {
      if (!row.address) throw new Error('未配置钉钉机器人地址');
      const url = signedDingTalkUrl(row.address, await options.secretFor(row), (options.now ?? Date.now)());
      const mobiles = mentionedMobiles(row);
      await postJson(url, { msgtype: 'text', text: { content: content(row) }, at: { atMobiles: mobiles, isAtAll: false } }, options);
    },
  };
}
