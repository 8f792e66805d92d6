// Message templates (消息模板): one per event, Chinese, Handlebars. Each template is written once as
// plain text lines; the HTML body is the same template rendered by an HTML-escaping instance and
// wrapped in a layout, so user data (case numbers, names, causes) can never inject markup.
import Handlebars from 'handlebars';
import type { NotificationEvent } from './rules.ts';

interface EventTemplate {
  subject: string;
  body: string;
}

const templates: Record<NotificationEvent, EventTemplate> = {
  'case.registered': {
    subject: '【案件登记】{{caseNumber}} {{cause}}',
    body: `{{recipientName}}：
{{agencyName}}收到{{court}}送达的应诉材料，案件已登记。
案号：{{caseNumber}}
案由：{{cause}}
被诉行政行为：{{actDescription}}
{{#if receivedOn}}收到起诉状副本日期：{{date receivedOn}}，答辩举证期限自次日起算15日。{{/if}}
请及时确定应诉承办单位和承办人员。`,
  },
  'case.assigned': {
    subject: '【应诉承办】{{caseNumber}} 已确定承办单位',
    body: `{{recipientName}}：
{{court}}{{caseNumber}}（案由：{{cause}}）已确定应诉承办单位{{#if unitName}}为{{unitName}}{{/if}}{{#if handlerName}}，承办人{{handlerName}}{{/if}}。
{{#if answerDue}}答辩举证期限：{{date answerDue}}（逾期视为没有相应证据）。{{/if}}
请按“谁承办、谁应诉”的原则做好答辩举证准备。`,
  },
  // daysLeft: the real count from the reminder's day (a reminder moved back off a rest day has more left)
  'deadline.reminder-5': {
    subject: '【期限提醒】{{caseNumber}} {{deadlineName}}{{left daysLeft}}届满',
    body: `{{recipientName}}：
{{court}}{{caseNumber}}（案由：{{cause}}）的“{{deadlineName}}”将于{{date dueDate}}届满{{#if daysLeft}}，还有{{daysLeft}}日{{/if}}。
{{#if explanation}}计算说明：{{explanation}}{{/if}}
请合理安排，按期办理。`,
  },
  'deadline.reminder-2': {
    subject: '【期限提醒】{{caseNumber}} {{deadlineName}}{{left daysLeft}}届满',
    body: `{{recipientName}}：
{{court}}{{caseNumber}}（案由：{{cause}}）的“{{deadlineName}}”将于{{date dueDate}}届满{{#if daysLeft}}，还有{{daysLeft}}日{{/if}}。
请承办单位抓紧办理，法制机构予以督促。`,
  },
  // a last day on a rest day that does not roll over (a fixed date) is reminded on the working day before
  'deadline.due-today': {
    subject: '【{{#if daysLeft}}期限提醒{{else}}今日届满{{/if}}】{{caseNumber}} {{deadlineName}}{{#if daysLeft}}{{left daysLeft}}{{else}}今日{{/if}}届满',
    body: `{{recipientName}}：
{{court}}{{caseNumber}}（案由：{{cause}}）的“{{deadlineName}}”于{{#if daysLeft}}{{date dueDate}}（还有{{daysLeft}}日）{{else}}今日（{{date dueDate}}）{{/if}}24时届满。
尚未办理的，请立即办理；确有正当理由的，请在期限届满前依法提出书面申请。`,
  },
  'deadline.escalation': {
    subject: '【督办】{{caseNumber}} {{deadlineName}}{{left daysLeft}}届满，尚未办结',
    body: `{{recipientName}}：
{{agencyName}}应诉的{{court}}{{caseNumber}}（案由：{{cause}}）“{{deadlineName}}”将于{{date dueDate}}24时届满{{#if daysLeft}}，还有{{daysLeft}}日{{/if}}，至今尚未办结，现予督办。
请督促承办单位在期限内办结；确有正当理由不能按期办理的，请在期限届满前依法向人民法院书面申请。逾期不答辩、不举证可能导致败诉，相关人员可能被追究责任。`,
  },
  'deadline.overdue': {
    subject: '【逾期督办】{{caseNumber}} {{deadlineName}}已逾期',
    body: `{{recipientName}}：
{{agencyName}}应诉的{{court}}{{caseNumber}}（案由：{{cause}}）“{{deadlineName}}”已于{{date dueDate}}届满，至今未办结，现予督办。
请立即督促承办单位办理并说明逾期原因。逾期不答辩、不举证可能导致败诉，相关人员可能被追究责任。`,
  },
  'hearing.summons': {
    subject: '【开庭传票】{{caseNumber}} {{date hearingDate}}开庭',
    body: `{{recipientName}}：
收到{{court}}传票：{{caseNumber}}（案由：{{cause}}）定于{{date hearingDate}}{{#if hearingTime}} {{hearingTime}}{{/if}}{{#if hearingPlace}}在{{hearingPlace}}{{/if}}开庭。
{{#if headName}}应出庭负责人：{{headName}}{{#if headPost}}（{{headPost}}）{{/if}}。{{/if}}
请负责人按时出庭应诉，开庭前向法院提交出庭负责人身份证明；负责人可另委托1至2名诉讼代理人，不得仅委托律师出庭。`,
  },
  'hearing.head-unable': {
    subject: '【紧急】{{caseNumber}} 负责人不能出庭',
    body: `{{recipientName}}：
{{court}}{{caseNumber}}（案由：{{cause}}）{{#if hearingDate}}定于{{date hearingDate}}开庭，{{/if}}{{#if headName}}负责人{{headName}}{{else}}原定出庭负责人{{/if}}不能出庭。
{{#if reason}}原因：{{reason}}{{/if}}
{{fallbackAdvice}}`,
  },
  'judgment.received': {
    subject: '【裁判文书】{{caseNumber}} 已收到{{#if documentKind}}{{documentKind}}{{else}}裁判文书{{/if}}',
    body: `{{recipientName}}：
已收到{{court}}{{caseNumber}}（案由：{{cause}}）的{{#if documentKind}}{{documentKind}}{{else}}裁判文书{{/if}}{{#if receivedOn}}（收到日期：{{date receivedOn}}）{{/if}}。
{{#if outcome}}裁判结果：{{outcome}}{{/if}}
{{#if appealProposalDue}}上诉（申请再审）建议应于{{date appealProposalDue}}前提出，经负责人批准后报司法局备案。{{/if}}
{{#if appealDue}}法定上诉期限届满日：{{date appealDue}}。{{/if}}
请承办单位及时研究是否上诉，并向负责人提出工作建议。`,
  },
  'performance.due': {
    subject: '【履行提醒】{{caseNumber}} 生效裁判履行期限',
    body: `{{recipientName}}：
{{court}}{{caseNumber}}（案由：{{cause}}）生效裁判{{#if performanceContent}}确定的“{{performanceContent}}”{{/if}}{{#if performanceDue}}应于{{date performanceDue}}前履行{{else}}应依法自觉履行{{/if}}。
拒不履行的，法院可对负责人按日处五十元至一百元罚款、予以公告或提出司法建议。`,
  },
  'recommendation.reply-due': {
    subject: '【{{#if recommendationName}}{{recommendationName}}{{else}}司法建议{{/if}}】{{caseNumber}} 回复期限{{#if replyDue}} {{date replyDue}}{{/if}}',
    body: `{{recipientName}}：
{{#if issuer}}{{issuer}}{{else}}{{court}}{{/if}}提出的{{#if recommendationName}}{{recommendationName}}{{else}}司法建议{{/if}}{{#if receivedOn}}（{{date receivedOn}}收到）{{/if}}{{#if replyDue}}应于{{date replyDue}}前书面回复{{else}}应在规定期限内书面回复{{/if}}。
{{#if subjectMatter}}建议事项：{{subjectMatter}}{{/if}}
{{#if copyNote}}{{copyNote}}{{/if}}`,
  },
  'site-investigation.department': {
    subject: '【现场调查、协调会】{{caseNumber}} 通知{{department}}参加',
    body: `{{recipientName}}：
{{court}}{{caseNumber}}（案由：{{cause}}）{{#if organizedByCourt}}人民法院组织现场调查{{else}}本单位召集协调会或赴现场调查{{/if}}，定于{{date investigationDate}}{{#if investigationTime}} {{investigationTime}}{{/if}}{{#if place}}在{{place}}{{/if}}进行。
请于此前通知并协调{{department}}派员参加，并记录参加人员（聊城市行政应诉工作管理办法第十三条第三款）。`,
  },
  // the quota monitor (src/assessment/quota-monitor.ts) names the quota, its requirement and the state;
  // the older form (caseCount, appearances, required) is the principal-head count alone
  'quota.at-risk': {
    subject: '【出庭指标预警】{{year}}年{{#if quotaName}}{{quotaName}}{{else}}主要负责人出庭应诉{{/if}}',
    body: `{{recipientName}}：
{{#if quotaName}}{{agencyName}}{{year}}年度“{{quotaName}}”指标{{statusLabel}}。
要求：{{requirement}}
现状：{{explanation}}
请主要负责人和法制机构研究落实，在后续开庭的案件中安排负责人出庭应诉。{{else}}{{agencyName}}{{year}} 年已有行政诉讼案件 {{caseCount}} 件，主要负责人出庭应诉 {{appearances}} 次，低于年度要求的 {{required}} 次。
请主要负责人在后续案件中安排出庭应诉。{{/if}}`,
  },
};

const LAYOUT = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{subject}}</title></head>
<body style="font-family: 'PingFang SC','Microsoft YaHei',sans-serif; line-height: 1.6; color: #222">
<h2 style="font-size: 18px">{{subject}}</h2>
{{{body}}}
{{#if link}}<p><a href="{{link}}">在行政应诉系统中查看</a></p>{{/if}}
<p style="color: #888; font-size: 12px">本邮件由行政应诉系统自动发送，请勿直接回复。</p>
</body></html>`;

function formatDate(value: unknown): string {
  if (typeof value !== 'string') return value == null ? '' : String(value);
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : value;
}

/** How much is left before a deadline, to precede "届满": 还有4日 / 今日 / 已于1日前 / 即将 (count unknown); no space between figures and Chinese. */
function left(daysLeft: unknown): string {
  if (typeof daysLeft !== 'number') return '即将';
  if (daysLeft > 0) return `还有${daysLeft}日`;
  return daysLeft === 0 ? '今日' : `已于${-daysLeft}日前`;
}

// Own instances: helpers registered here never leak into other modules' Handlebars use.
const textEngine = Handlebars.create();
const htmlEngine = Handlebars.create();
for (const engine of [textEngine, htmlEngine]) {
  engine.registerHelper('date', formatDate);
  engine.registerHelper('left', left);
}

type Compiled = { subject: HandlebarsTemplateDelegate; text: HandlebarsTemplateDelegate; html: HandlebarsTemplateDelegate };
const compiled = new Map<NotificationEvent, Compiled>();
const layout = htmlEngine.compile(LAYOUT, { strict: false });

function compiledFor(event: NotificationEvent): Compiled {
  let entry = compiled.get(event);
  if (!entry) {
    const t = templates[event];
    entry = {
      subject: textEngine.compile(t.subject, { noEscape: true }),
      text: textEngine.compile(t.body, { noEscape: true }),
      html: htmlEngine.compile(t.body),
    };
    compiled.set(event, entry);
  }
  return entry;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/** Drops the empty lines that unset {{#if}} blocks leave behind. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.length > 0)
    .join('\n');
}

export function renderMessage(event: NotificationEvent, data: Record<string, unknown>): RenderedMessage {
  const t = compiledFor(event);
  const subject = tidy(t.subject(data)).replace(/\s*\n\s*/g, ' ');
  const text = tidy(t.text(data));
  const paragraphs = tidy(t.html(data))
    .split('\n')
    .map((line) => `<p style="margin: 0 0 8px">${line}</p>`)
    .join('\n');
  const html = layout({ subject, body: paragraphs, link: data.link });
  return { subject, text: data.link ? `${text}\n查看：${String(data.link)}` : text, html };
}
