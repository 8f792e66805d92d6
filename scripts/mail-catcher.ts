// Runs the local mail catcher on its own: SMTP on MAIL_CATCHER_SMTP_PORT (1025), web page on
// MAIL_CATCHER_HTTP_PORT (1080). `npm run mail-catcher`.
import { loadConfig } from '../src/config.ts';
import { startMailCatcher } from '../src/notifications/mail-catcher.ts';

const config = loadConfig();
const catcher = await startMailCatcher({ smtpPort: config.MAIL_CATCHER_SMTP_PORT, httpPort: config.MAIL_CATCHER_HTTP_PORT, host: config.HOST });
console.log(`本地邮件收件箱已启动：SMTP ${config.HOST}:${catcher.smtpPort}，网页 http://${config.HOST}:${catcher.httpPort}/`);
const stop = async () => {
  await catcher.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
