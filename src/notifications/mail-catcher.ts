// A local mail catcher (邮件收件箱 for demos and tests): a real SMTP server (smtp-server) that keeps
// every mail it receives (parsed by mailparser) and a small web page listing them in Chinese.
// Default ports: SMTP 1025, web 1080 (MAIL_CATCHER_SMTP_PORT / MAIL_CATCHER_HTTP_PORT); 0 = any free port.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  id: number;
  receivedAt: Date;
  envelopeFrom: string | null;
  envelopeTo: string[];
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  messageId: string | null;
  headers: Record<string, string>;
}

export interface MailCatcher {
  smtpPort: number;
  httpPort: number | null;
  mails(): CaughtMail[];
  clear(): void;
  /** resolves when `count` mails have arrived (tests) */
  waitFor(count: number, timeoutMs?: number): Promise<CaughtMail[]>;
  stop(): Promise<void>;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function listPage(mails: CaughtMail[]): string {
  const rows = mails
    .slice()
    .reverse()
    .map(
      (m) => `<tr><td>${m.receivedAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</td><td>${escapeHtml(m.to)}</td>` +
        `<td><a href="/mails/${m.id}">${escapeHtml(m.subject || '（无主题）')}</a></td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>本地邮件收件箱</title>
<style>body{font-family:'PingFang SC','Microsoft YaHei',sans-serif;margin:24px}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:6px 8px;text-align:left}th{background:#f5f5f5}</style></head><body>
<h1>本地邮件收件箱</h1><p>系统发出的邮件都在这里（共 ${mails.length} 封，最新的在前）。本页仅用于演示和测试，不会真正投递到外部邮箱。</p>
<table><thead><tr><th>收到时间</th><th>收件人</th><th>主题</th></tr></thead><tbody>
${rows || '<tr><td colspan="3">暂无邮件</td></tr>'}</tbody></table></body></html>`;
}

function mailPage(m: CaughtMail): string {
  // The mail's own HTML is shown in a sandboxed frame: no scripts, no access to this page.
  const body = m.html
    ? `<iframe sandbox="" style="width:100%;height:60vh;border:1px solid #ddd" srcdoc="${escapeHtml(m.html)}"></iframe>`
    : `<pre style="white-space:pre-wrap">${escapeHtml(m.text)}</pre>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(m.subject)}</title>
<style>body{font-family:'PingFang SC','Microsoft YaHei',sans-serif;margin:24px}dt{color:#666}</style></head><body>
<p><a href="/">← 返回收件箱</a></p><h1>${escapeHtml(m.subject || '（无主题）')}</h1>
<dl><dt>发件人</dt><dd>${escapeHtml(m.from)}</dd><dt>收件人</dt><dd>${escapeHtml(m.to)}</dd>
<dt>收到时间</dt><dd>${m.receivedAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}</dd></dl>
${body}<h2>纯文本</h2><pre style="white-space:pre-wrap">${escapeHtml(m.text)}</pre></body></html>`;
}

export async function startMailCatcher(options: { smtpPort?: number; httpPort?: number | null; host?: string; keep?: number } = {}): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const keep = options.keep ?? 500;
  const mails: CaughtMail[] = [];
  let nextId = 1;
  const waiters: { count: number; resolve: (m: CaughtMail[]) => void }[] = [];

  const smtp = new SMTPServer({
    authOptional: true,
    // plain SMTP on localhost: no self-signed STARTTLS for clients to trip over
    disabledCommands: ['STARTTLS'],
    banner: 'yingsu mail catcher',
    // loopback clients: a reverse DNS lookup per connection only costs time
    disableReverseLookup: true,
    // stop() drops open (pooled) connections at once, as a server that goes down does, instead of
    // letting them deliver for another 30 s
    closeTimeout: 500,
    logger: false,
    size: 25 * 1024 * 1024,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'demo' }); // any credentials are accepted
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of parsed.headers) headers[k] = typeof v === 'string' ? v : JSON.stringify(v);
          mails.push({
            id: nextId++,
            receivedAt: new Date(),
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            from: parsed.from?.text ?? '',
            to: (Array.isArray(parsed.to) ? parsed.to.map((t) => t.text).join(', ') : parsed.to?.text) ?? '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            messageId: parsed.messageId ?? null,
            headers,
          });
          if (mails.length > keep) mails.splice(0, mails.length - keep);
          for (const w of waiters.splice(0)) {
            if (mails.length >= w.count) w.resolve(mails.slice());
            else waiters.push(w);
          }
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(options.smtpPort ?? 1025, host, () => resolve());
  });
  smtp.on('error', () => {}); // a client's broken connection must not crash the process
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  let web: http.Server | null = null;
  if (options.httpPort !== null) {
    web = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const send = (status: number, type: string, body: string) => {
        res.writeHead(status, { 'content-type': `${type}; charset=utf-8` });
        res.end(body);
      };
      if (url.pathname === '/') return send(200, 'text/html', listPage(mails));
      if (url.pathname === '/api/mails') return send(200, 'application/json', JSON.stringify(mails));
      const match = /^\/mails\/(\d+)$/.exec(url.pathname);
      const mail = match ? mails.find((m) => m.id === Number(match[1])) : undefined;
      if (mail) return send(200, 'text/html', mailPage(mail));
      send(404, 'text/html', '<!doctype html><meta charset="utf-8"><p>没有这封邮件。<a href="/">返回收件箱</a></p>');
    });
    await new Promise<void>((resolve, reject) => {
      web!.once('error', reject);
      web!.listen(options.httpPort ?? 1080, host, () => resolve());
    });
  }

  return {
    smtpPort,
    httpPort: web ? (web.address() as AddressInfo).port : null,
    mails: () => mails.slice(),
    clear: () => void mails.splice(0),
    waitFor(count, timeoutMs = 10_000) {
      if (mails.length >= count) return Promise.resolve(mails.slice());
      return new Promise((resolve, reject) => {
        const waiter = { count, resolve: (m: CaughtMail[]) => (clearTimeout(timer), resolve(m)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`只收到 ${mails.length} 封邮件，等待 ${count} 封超时`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    async stop() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      if (web) {
        web.closeAllConnections();
        await new Promise<void>((resolve) => web!.close(() => resolve()));
      }
    },
  };
}
