// Dates and labels as the staff read them: 2026年3月12日, 9时30分, Chinese names for every code.
import dayjs from 'dayjs';

/** 2026年3月12日 (a date 'YYYY-MM-DD' is a calendar date, never shifted by the browser's zone) */
export function dateZh(value: string | Date | null | undefined): string {
  if (!value) return '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number);
    return `${y}年${m}月${d}日`;
  }
  const t = shanghai(value);
  return t ? `${t.y}年${t.m}月${t.d}日` : '—';
}

/** 2026年3月12日 9时30分 in Asia/Shanghai */
export function dateTimeZh(value: string | Date | null | undefined): string {
  if (!value) return '—';
  const t = shanghai(value);
  if (!t) return '—';
  return `${t.y}年${t.m}月${t.d}日 ${t.h}时${String(t.min).padStart(2, '0')}分`;
}

function shanghai(value: string | Date) {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms + 8 * 3600_000);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes() };
}

/** today in Asia/Shanghai, YYYY-MM-DD */
export const todayIso = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export const daysFromToday = (iso: string) => dayjs(iso).diff(dayjs(todayIso()), 'day');

export const LEVELS: Record<string, string> = { first: '一审', second: '二审', retrial: '再审' };
export const STATUS: Record<string, string> = { open: '办理中', closed: '已结案', settled: '和解结案', withdrawn: '撤诉结案', archived: '已归档' };
export const ROLES: Record<string, string> = {
  clerk: '办公室收发',
  handler: '承办人',
  'legal-affairs': '法制机构',
  'legal-counsel': '法律顾问',
  'deputy-head': '分管负责人',
  'principal-head': '主要负责人',
  'justice-bureau': '司法局',
  analyst: '流程分析员',
  admin: '管理员',
};
export const PROFILES: Record<string, string> = { national: '全国通用', yantai: '烟台', hunan: '湖南', liaocheng: '聊城', tengzhou: '滕州', jinghai: '天津静海' };
export const PARTY_TYPES: Record<string, string> = { person: '自然人', enterprise: '企业', organization: '其他组织' };
export const OUTCOMES: Record<string, string> = { won: '胜诉', lost: '败诉', 'partly-lost': '部分败诉', none: '尚无裁判' };
export const JUDGMENT_KINDS: Record<string, string> = { judgment: '判决书', ruling: '裁定书', mediation: '调解书' };
export const WARNINGS: Record<string, { label: string; color: string }> = {
  overdue: { label: '逾期', color: 'red' },
  'due-3d': { label: '3日内到期', color: 'orange' },
  'due-week': { label: '本周到期', color: 'gold' },
};
export const RECONSIDERATION: Record<string, string> = { none: '未经复议', 'organ-sole-defendant': '复议机关单独作被告', 'organ-co-defendant': '复议机关作共同被告' };
export const CHANNELS: Record<string, string> = { 'in-app': '站内信', email: '电子邮件', wecom: '企业微信', dingtalk: '钉钉', sms: '短信' };
export const SEND_STATUS: Record<string, string> = { pending: '待发送', sending: '发送中', sent: '已发送', failed: '发送失败' };
export const DEFENDS: Record<string, string> = {};

export const label = (map: Record<string, string>, key: string | null | undefined) => (key ? (map[key] ?? '其他') : '—');

export const STAGES: Record<string, string> = {
  registration: '收件登记',
  settlement: '审前和解',
  answer: '答辩举证',
  'awaiting-hearing': '答辩完毕，等待开庭',
  hearing: '出庭应诉',
  judgment: '裁判与上诉',
  'second-instance': '二审',
  retrial: '再审',
  performance: '履行',
  'loss-analysis': '败诉分析与问责',
  'awaiting-effect': '等待裁判生效确认',
  archived: '结案归档',
  closed: '已结案',
};

/**
 * A citation or explanation as staff read it: without the seed file's name the rule data keeps
 * (002_963c….txt), and its dates written 2026年3月2日 (the deadline engine writes 2026-03-02).
 */
export const citation = (text: string | null | undefined) =>
  (text ?? '')
    .replace(/\b\d{3}_[0-9a-f]{16}\.txt\s*/g, '')
    .replace(/(\d{4})-(\d{2})-(\d{2})/g, (_, y: string, m: string, d: string) => `${y}年${Number(m)}月${Number(d)}日`)
    .trim();
