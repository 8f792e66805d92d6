import { describe, expect, it } from 'vitest';
import { amountInFigures, chineseCapitalAmount, chineseDate, chineseOrdinal, formatCaseNumber, formatDocumentNumber, percent } from '../../../src/documents/formatting.ts';

describe('document formatting', () => {
  it('writes dates the Chinese way, with Arabic numerals and no leading zeros', () => {
    expect(chineseDate('2026-10-08')).toBe('2026年10月8日');
    expect(chineseDate('2027-01-05')).toBe('2027年1月5日');
    // a Date is read in Asia/Shanghai: 2026-10-07T17:00Z is already 8 October there
    expect(chineseDate(new Date('2026-10-07T17:00:00Z'))).toBe('2026年10月8日');
    expect(() => chineseDate('8.10.2026')).toThrow(/YYYY-MM-DD/);
  });

  it('writes amounts in capital numerals (人民币大写)', () => {
    expect(chineseCapitalAmount('15000000.00')).toBe('壹仟伍佰万元整');
    expect(chineseCapitalAmount(15000000)).toBe('壹仟伍佰万元整');
    expect(chineseCapitalAmount('10010.5')).toBe('壹万零壹拾元伍角整');
    expect(chineseCapitalAmount('10.05')).toBe('壹拾元零伍分');
    expect(chineseCapitalAmount('1005')).toBe('壹仟零伍元整');
    expect(chineseCapitalAmount('100000')).toBe('壹拾万元整');
    expect(chineseCapitalAmount('1000050')).toBe('壹佰万零伍拾元整');
    expect(chineseCapitalAmount('100010000')).toBe('壹亿零壹万元整');
    expect(chineseCapitalAmount('300000000')).toBe('叁亿元整');
    expect(chineseCapitalAmount('0.5')).toBe('伍角整');
    expect(chineseCapitalAmount('0.05')).toBe('伍分');
    expect(chineseCapitalAmount('0')).toBe('零元整');
    expect(chineseCapitalAmount('1,234.56')).toBe('壹仟贰佰叁拾肆元伍角陆分');
    expect(() => chineseCapitalAmount('-5')).toThrow(/金额格式错误/);
    expect(amountInFigures('15000000')).toBe('15,000,000.00');
  });

  it('normalises case numbers and document numbers', () => {
    expect(formatCaseNumber('(2026) 鲁15 行初 123 号')).toBe('（2026）鲁15行初123号');
    expect(formatCaseNumber('〔2026〕鲁15行初123号')).toBe('（2026）鲁15行初123号');
    expect(formatCaseNumber('待立案')).toBe('待立案');
    expect(formatDocumentNumber('东司通[2026]3号')).toBe('东司通〔2026〕3号');
    expect(formatDocumentNumber('静复函（2027）3号')).toBe('静复函〔2027〕3号');
  });

  it('writes shares and outline numbers', () => {
    expect(percent(3, 12)).toBe('25.0%');
    expect(percent(1, 0)).toBe('—');
    expect([1, 10, 11, 20, 23].map(chineseOrdinal)).toEqual(['一', '十', '十一', '二十', '二十三']);
  });
});
