// Pure formatting used by the document templates: dates, amounts in capital numerals, case numbers.

const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** '2026-10-08' (or a Date, read in Asia/Shanghai) → '2026年10月8日'. Arabic numerals, as GB/T 9704-2012 prescribes for 成文日期. */
export function chineseDate(value: string | Date): string {
  const iso = value instanceof Date ? SHANGHAI_DATE.format(value) : String(value);
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) throw new Error(`日期格式错误 / not a date (YYYY-MM-DD): "${iso}"`);
  return `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日`;
}

const SHANGHAI_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** '2026-11-12T09:30:00+08:00' → '2026年11月12日9时30分' (read in Asia/Shanghai, whatever offset the value carries). */
export function chineseDateTime(value: string | Date): string {
  const at = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(at.getTime()) || (typeof value === 'string' && !/T\d{2}:\d{2}/.test(value))) throw new Error(`日期时间格式错误 / not a date-time: "${String(value)}"`);
  const [hour, minute] = SHANGHAI_TIME.format(at).split(':').map(Number);
  return `${chineseDate(at)}${hour}时${String(minute).padStart(2, '0')}分`;
}

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const SECTION_UNITS = ['', '万', '亿', '万亿'];

/** Parses a decimal amount in yuan without floating point: '15000000.00' | 15000000 → cents. */
export function toCents(amount: string | number | bigint): bigint {
  if (typeof amount === 'bigint') return amount * 100n;
  const text = typeof amount === 'number' ? amount.toFixed(2) : amount.trim().replace(/,/g, '');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new Error(`金额格式错误 / not a non-negative amount in yuan: "${amount}"`);
  return BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

/** Four digits of one section (0..9999) in capital numerals; zeros inside collapse to one 零. */
function sectionInCapitals(section: number): string {
  let out = '';
  let pendingZero = false;
  for (let position = 3; position >= 0; position--) {
    const digit = Math.floor(section / 10 ** position) % 10;
    if (digit === 0) {
      if (out) pendingZero = true;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += DIGITS[digit]! + SMALL_UNITS[position]!;
  }
  return out;
}

/**
 * Amount in Chinese capital numerals as financial and legal documents write it (人民币大写):
 * 15000000 → 壹仟伍佰万元整, 10010.5 → 壹万零壹拾元伍角整, 10.05 → 壹拾元零伍分.
 */
export function chineseCapitalAmount(amount: string | number | bigint): string {
  const cents = toCents(amount);
  let yuan = cents / 100n;
  const jiao = Number((cents / 10n) % 10n);
  const fen = Number(cents % 10n);
  if (yuan >= 10n ** 16n) throw new Error(`金额过大 / amount too large: ${amount}`);

  const sections: number[] = [];
  while (yuan > 0n) {
    sections.push(Number(yuan % 10000n));
    yuan /= 10000n;
  }
  let integer = '';
  for (let i = sections.length - 1; i >= 0; i--) {
    const section = sections[i]!;
    if (section === 0) {
      // a zero section leaves one 零 before the next non-zero digit
      if (integer && !integer.endsWith('零')) integer += '零';
      continue;
    }
    // a section below 1000 after a higher one needs a 零 (壹万零伍拾)
    if (integer && section < 1000 && !integer.endsWith('零')) integer += '零';
    integer += sectionInCapitals(section) + SECTION_UNITS[i]!;
  }
  integer = integer.replace(/零+$/, '');

  if (!integer && !jiao && !fen) return '零元整';
  let out = integer ? `${integer}元` : '';
  if (!jiao && !fen) return `${out}整`;
  if (jiao) out += `${DIGITS[jiao]}角`;
  else if (integer) out += '零';
  if (fen) out += `${DIGITS[fen]}分`;
  else out += '整';
  return out;
}

/** 15000000 → '15,000,000.00' (the amount in figures written beside the capitals). */
export function amountInFigures(amount: string | number | bigint): string {
  const cents = toCents(amount);
  const yuan = (cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${yuan}.${(cents % 100n).toString().padStart(2, '0')}`;
}

/**
 * Normalises a case number (案号) to the court's form: full-width brackets around the year, no
 * spaces, e.g. "(2026) 鲁15 行初 123 号" → "（2026）鲁15行初123号". Anything else is returned trimmed.
 */
export function formatCaseNumber(value: string): string {
  const compact = String(value).replace(/\s+/g, '').replace(/[(\[〔［【]/g, '（').replace(/[)\]〕］】]/g, '）');
  return /^（\d{4}）.+\d+号$/.test(compact) ? compact : String(value).trim();
}

/** Official document number (发文字号) with hexagonal brackets: "聊司[2026]3号" → "聊司〔2026〕3号". */
export function formatDocumentNumber(value: string): string {
  return String(value).replace(/\s+/g, '').replace(/[(\[（［【]\s*(\d{4})\s*[)\]）］】]/, '〔$1〕');
}

/** Share as a percentage with one decimal: (3, 12) → '25.0%'; no cases → '—'. */
export function percent(part: number, whole: number): string {
  if (!whole) return '—';
  return `${((part / whole) * 100).toFixed(1)}%`;
}

const CN_NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 1 → 一, 12 → 十二, 23 → 二十三 (outline numbering 一、二、...; up to 99). */
export function chineseOrdinal(n: number): string {
  if (n <= 10) return CN_NUMERALS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_NUMERALS[tens]}十${ones ? CN_NUMERALS[ones] : ''}`;
}
