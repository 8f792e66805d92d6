// unit tier: reading the court's papers from their text (no PDF, no IO): the notice and the
// complaint of the fixtures as plain text, variants pdftotext produces (spaces between characters,
// ASCII brackets, page breaks), other wordings, and what is left out rather than guessed.
import { describe, expect, it } from 'vitest';
import { fieldsOf, findCaseNumber, kindOf, mergeCourtPaperFields, parseChineseDate, partyKindOf } from '../../../src/court-papers/court-paper-fields.ts';
import { complaintHtml, noticeHtml, PAPER_FACTS } from '../../fixtures/court-papers.ts';

/** The visible text of the fixture HTML, one line per block, as pdftotext gives it. */
const textOf = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<br>|<\/(p|div|h1)>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');

describe('court paper fields', () => {
  it('reads the notice to respond: 案号, court, plaintiffs, cause, service and signature dates, answer period', () => {
    const text = textOf(noticeHtml());
    expect(kindOf(text)).toBe('notice');
    expect(fieldsOf(text)).toEqual({
      caseNumber: PAPER_FACTS.caseNumber,
      court: PAPER_FACTS.court,
      plaintiffs: PAPER_FACTS.plaintiffs,
      cause: '行政处罚',
      servedOn: '2026-09-22',
      issuedOn: '2026-09-18',
      answerWithinDays: 15,
    });
  });

  it('reads the complaint: each plaintiff with its kind, the defendant, the act under suit, the court addressed', () => {
    const text = textOf(complaintHtml());
    expect(kindOf(text)).toBe('complaint');
    expect(fieldsOf(text)).toMatchObject({
      plaintiffs: PAPER_FACTS.plaintiffs,
      defendant: PAPER_FACTS.agency,
      actDescription: PAPER_FACTS.act,
      court: PAPER_FACTS.court,
      cause: '行政处罚',
    });
    expect(fieldsOf(text).servedOn).toBeUndefined();
  });

  it('merges the papers: the notice wins for the court facts, the complaint for the parties and the act', () => {
    const notice = textOf(noticeHtml());
    const complaint = textOf(complaintHtml());
    const merged = mergeCourtPaperFields([
      { kind: 'complaint', fields: fieldsOf(complaint) },
      { kind: 'notice', fields: fieldsOf(notice) },
    ]);
    expect(merged).toMatchObject({ caseNumber: PAPER_FACTS.caseNumber, court: PAPER_FACTS.court, servedOn: '2026-09-22', cause: '行政处罚', actDescription: PAPER_FACTS.act, defendant: PAPER_FACTS.agency });
    expect(merged.plaintiffs).toEqual(PAPER_FACTS.plaintiffs);
  });

  it('copes with the text pdftotext makes of other layouts: spaced characters, ASCII brackets, page breaks, 案由 line', () => {
    const text = ['聊 城 市 中 级 人 民 法 院', '应 诉 通 知 书', '(2026)鲁15行终 42号', '聊城市自然资源和规划局：', '本院受理上诉人某村村民委员会与你局', '\f案由：土地行政登记', '送达时间：二〇二六年十月九日'].join('\n');
    expect(kindOf(text)).toBe('notice');
    expect(fieldsOf(text)).toMatchObject({ caseNumber: '（2026）鲁15行终42号', court: '聊城市中级人民法院', cause: '土地行政登记', servedOn: '2026-10-09' });
  });

  it('leaves out what it cannot find, and knows an unrelated paper', () => {
    const text = '授权委托书\n委托人：某某\n受托人：某某律师';
    expect(kindOf(text)).toBe('unknown');
    expect(fieldsOf(text)).toEqual({});
    // a date that does not exist is no service date
    expect(fieldsOf('应诉通知书\n送达日期：2026年2月30日').servedOn).toBeUndefined();
  });

  it('parses dates and case numbers in the forms courts write them; tells enterprises, organisations and persons apart', () => {
    expect(parseChineseDate('二〇二六年九月二十二日')).toBe('2026-09-22');
    expect(parseChineseDate('2026年10月1日')).toBe('2026-10-01');
    expect(parseChineseDate('二〇二六年十二月三十一日')).toBe('2026-12-31');
    expect(parseChineseDate('2026年13月1日')).toBeUndefined();
    expect(findCaseNumber('案号：（2025）津0118行初7号')).toBe('（2025）津0118行初7号');
    expect(findCaseNumber('（2026）湘01行再3号')).toBe('（2026）湘01行再3号');
    expect(findCaseNumber('东市监罚〔2026〕156号')).toBeUndefined();
    expect(partyKindOf('聊城市鑫源食品有限公司')).toBe('enterprise');
    expect(partyKindOf('东关村民委员会')).toBe('organization');
    expect(partyKindOf('李德明')).toBe('person');
  });
});
