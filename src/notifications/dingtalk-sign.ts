// DingTalk custom robot (钉钉自定义机器人) "加签" security: sign = urlencode(base64(HMAC-SHA256(secret,
// timestamp + "\n" + secret))), sent as the query parameters timestamp and sign.
import { createHmac } from 'node:crypto';

export function dingTalkSignature(timestampMs: number, secret: string): string {
  const stringToSign = `${timestampMs}\n${secret}`;
  return createHmac('sha256', secret).update(stringToSign, 'utf8').digest('base64');
}

/** The webhook URL with timestamp and the URL-encoded sign appended (no secret: unchanged). */
export function signedDingTalkUrl(webhookUrl: string, secret: string | null | undefined, timestampMs: number): string {
  if (!secret) return webhookUrl;
  const separator = webhookUrl.includes('?') ? '&' : '?';
  return `${webhookUrl}${separator}timestamp=${timestampMs}&sign=${encodeURIComponent(dingTalkSignature(timestampMs, secret))}`;
}

/** Checks a received request as DingTalk does (used by tests and the local receiver); 1-hour skew allowed. */
export function verifyDingTalkSignature(timestamp: string, sign: string, secret: string, nowMs = Date.now()): boolean {
  const ts = Number(timestamp);
  if (!Number.isFinite(ts) || Math.abs(nowMs - ts) > 3_600_000) return false;
  return dingTalkSignature(ts, secret) === sign;
}
