// Reads the facts a clerk registers from the text of the court's papers (法院电子送达文书): the
// 应诉通知书 (notice to respond: 案号, court, plaintiffs, cause, the service date) and the copy of the
// 起诉状 (complaint: the plaintiffs with their kind, the act under suit). Pure text in, proposed
// fields out; the clerk confirms them on the registration form, so a field not found is left out
// rather than guessed.

export type CourtPaperKind = 'notice' | 'complaint' | 'unknown';
export type PartyKind = 'person' | 'enterprise' | 'organization';

export interface ProposedParty {
  name: string;
  type: PartyKind;
}

export interface CourtPaperFields {
  caseNumber?: string;
  court?: string;
  plaintiffs?: ProposedParty[];
  defendant?: string;
  cause?: string;
  /** the day the papers were served on the agency (送达日期), YYYY-MM-DD */
  servedOn?: string;
  /** the day the court signed the notice (落款日期), YYYY-MM-DD */
  issuedOn?: string;
  actDescription?: string;
  /** the period to answer the notice states, in days (十五日内 → 15) */
  answerWithinDays?: number;
}

/** Spaces pdftotext puts between CJK characters go; line breaks stay (the parsing reads lines). */
export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '\n')
    .replace(/[ \t\u3000\u00a0]+/g, ' ')
    .replace(/(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])/g, '')
    .split('\n')
    .map((l) => l.trim())
    .join('\n');
}

export function kindOf(text: string): CourtPaperKind {
  const t = text.replace(/\s/g, '');
  if (t.includes('应诉通知书')) return 'notice';
  if (/起诉状/.test(t) && /原告[：:]/.test(t)) return 'complaint';
  return 'unknown';
}

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, О: 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 十五 → 15, 二十 → 20, 三十一 → 31; Arabic figures as they are. */
function cnNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (!text) return undefined;
  const ten = text.indexOf('十');
  if (ten < 0) return text.length === 1 ? CN_DIGITS[text] : undefined;
  const tens = ten === 0 ? 1 : CN_DIGITS[text.slice(0, ten)];
  const ones = ten === text.length - 1 ? 0 : CN_DIGITS[text.slice(ten + 1)];
  return tens === undefined || ones === undefined ? undefined : tens * 10 + ones;
}

const DATE = /([0-9]{4}|[〇零一二三四五六七八九О]{4})\s*年\s*([0-9]{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日/;

/** A date written as 2026年9月22日 or 二〇二六年九月二十二日, as YYYY-MM-DD; undefined when not a real date. */
export function parseChineseDate(text: string): string | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const year = /^\d+$/.test(m[1]!) ? Number(m[1]) : Number([...m[1]!].map((c) => CN_DIGITS[c] ?? 'x').join(''));
  const month = cnNumber(m[2]!);
  const day = cnNumber(m[3]!);
  if (!Number.isInteger(year) || !month || !day) return undefined;
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : undefined;
}

const CASE_NUMBER = /[（(]\s*(\d{4})\s*[）)]\s*([\u4e00-\u9fa5]{1,2}\s*\d{0,4})\s*(行\s*[初终再申审赔监]\s*\d+\s*号)/;

/** （2026）鲁15行初123号, in the court's full-width form. */
export function findCaseNumber(text: string): string | undefined {
  const m = CASE_NUMBER.exec(text);
  return m ? `（${m[1]}）${m[2]!.replace(/\s/g, '')}${m[3]!.replace(/\s/g, '')}` : undefined;
}

const ENTERPRISE = /(公司|厂|企业|集团|合作社|商行|商店|超市|酒店|宾馆|农场|工作室|经营部|个体工商户)$/;
const ORGANIZATION = /(委员会|协会|学会|商会|基金会|学校|大学|学院|医院|研究所|研究院|事务所|中心|村民小组|社区|合作联社)$/;

export function partyKindOf(name: string): PartyKind {
  if (ENTERPRISE.test(name)) return 'enterprise';
  if (ORGANIZATION.test(name)) return 'organization';
  return 'person';
}

/** The name after a label such as 原告： up to the first comma, full stop or bracket. */
function labelled(line: string, label: string): string | undefined {
  const m = new RegExp(`^${label}\\s*[：:]\\s*([^，,。；;（(\\s]+)`).exec(line);
  return m?.[1];
}

function firstMatch(text: string, patterns: RegExp[]): string | undefined {
  for (const p of patterns) {
    const m = p.exec(text);
    if (m?.[1]) return m[1].trim();
  }
  return undefined;
}

/** The fields one paper of the given kind proposes. */
export function fieldsOf(rawText: string, kind: CourtPaperKind = kindOf(rawText)): CourtPaperFields {
  const text = normaliseText(rawText);
  const flat = text.replace(/\n/g, '');
  const lines = text.split('\n').filter(Boolean);
  const fields: CourtPaperFields = {};
  const caseNumber = findCaseNumber(flat);
  if (caseNumber) fields.caseNumber = caseNumber;

  const plaintiffs = lines.map((l) => labelled(l, '原告')).filter((n): n is string => Boolean(n));
  if (plaintiffs.length) fields.plaintiffs = [...new Set(plaintiffs)].map((name) => ({ name, type: partyKindOf(name) }));
  const defendant = lines.map((l) => labelled(l, '被告')).find(Boolean);
  if (defendant) fields.defendant = defendant;

  const served = firstMatch(flat, [/(?:送达日期|送达时间|签收日期|签收时间|送达之日)\s*[：:]\s*([^\n]{6,20}?日)/]);
  const servedOn = served ? parseChineseDate(served) : undefined;
  if (servedOn) fields.servedOn = servedOn;

  if (kind === 'notice') {
    // the court's name heads the notice: the first line that is only a court's name
    const court = lines.find((l) => /^[\u4e00-\u9fa5]{2,30}人民法院$/.test(l)) ?? firstMatch(flat, [/([\u4e00-\u9fa5]{2,30}人民法院)/]);
    if (court) fields.court = court;
    if (!fields.plaintiffs) {
      const names = firstMatch(flat, [/原告(.{1,200}?)(?:不服|诉你|诉被告|诉本)/]);
      if (names) fields.plaintiffs = names.split(/[、，,及和]/).map((n) => n.trim()).filter(Boolean).map((name) => ({ name, type: partyKindOf(name) }));
    }
    // 案由 on its own line (the line break ends it), else the notice's sentence 诉你单位…一案
    const cause = firstMatch(text, [/案由\s*[：:]\s*([^，,。；;\s]{2,40})/]) ?? firstMatch(flat, [/诉(?:你单位|你局|你委|你机关|你府|你办)([^，,。；;]{2,40}?)(?:纠纷)?一案/]);
    if (cause) fields.cause = cause;
    const within = /收到(?:起诉状副本|本通知)?之日起\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日内/.exec(flat);
    const days = within ? cnNumber(within[1]!) : undefined;
    if (days) fields.answerWithinDays = days;
    // 落款: the last date of the notice
    const dates = [...flat.matchAll(new RegExp(DATE.source, 'g'))].map((m) => parseChineseDate(m[0])).filter(Boolean) as string[];
    const issued = dates.filter((d) => d !== fields.servedOn).at(-1);
    if (issued) fields.issuedOn = issued;
  }

  if (kind === 'complaint') {
    // 此致 … 人民法院: the court the complaint is addressed to
    const court = firstMatch(flat, [/此致\s*([\u4e00-\u9fa5]{2,30}人民法院)/]);
    if (court) fields.court = court;
    // the first claim, across the line wraps of the page: up to its semicolon, the second claim or 事实与理由
    const claim = firstMatch(flat, [/诉讼请求\s*[：:]?\s*(?:[一1][、.．]\s*)?(.{4,300}?)(?:[；;。]|[二2][、.．]|事实与理由)/]);
    if (claim) fields.actDescription = claim;
    const cause = firstMatch(text, [/案由\s*[：:]\s*([^，,。；;\s]{2,40})/]) ?? firstMatch(flat, [/《([^》]{2,40}?)(?:决定书|告知书|通知书|答复书|答复)》/]);
    if (cause) fields.cause = cause.replace(/^(?:关于)?/, '');
  }
  return fields;
}

export interface CourtPaperSource {
  fileName: string;
  kind: CourtPaperKind;
  textLength: number;
}

/**
 * The fields of several papers of one case, merged: the notice wins for the court's own facts (案号,
 * court, service date, cause), the complaint for the plaintiffs and the act under suit.
 */
export function mergeCourtPaperFields(papers: { kind: CourtPaperKind; fields: CourtPaperFields }[]): CourtPaperFields {
  const rank = (preferred: CourtPaperKind) => [...papers].sort((a, b) => Number(b.kind === preferred) - Number(a.kind === preferred));
  const pick = <K extends keyof CourtPaperFields>(key: K, preferred: CourtPaperKind): CourtPaperFields[K] | undefined => rank(preferred).find((p) => p.fields[key] !== undefined)?.fields[key];
  const merged: CourtPaperFields = {};
  const set = <K extends keyof CourtPaperFields>(key: K, preferred: CourtPaperKind) => {
    const value = pick(key, preferred);
    if (value !== undefined) merged[key] = value;
  };
  set('caseNumber', 'notice');
  set('court', 'notice');
  set('plaintiffs', 'complaint');
  set('defendant', 'complaint');
  set('cause', 'notice');
  set('servedOn', 'notice');
  set('issuedOn', 'notice');
  set('actDescription', 'complaint');
  set('answerWithinDays', 'notice');
  return merged;
}
