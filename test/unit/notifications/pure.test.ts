import { describe, expect, it } from 'vitest';
import { retryDelayMs, totalRetrySpanMs } from '../../../src/notifications/backoff.ts';
import { dingTalkSignature, signedDingTalkUrl, verifyDingTalkSignature } from '../../../src/notifications/dingtalk-sign.ts';
import { dndReleaseTime, earliestSendTime, isWithinDnd } from '../../../src/notifications/do-not-disturb.ts';
import { personalChannelsFor } from '../../../src/notifications/outbox.ts';
import { daysLeft, expandRoles, findJusticeBureau, isUrgent, notificationEvents, ruleFor } from '../../../src/notifications/rules.ts';
import { renderMessage } from '../../../src/notifications/templates.ts';

const shanghai = (local: string) => new Date(`${local}+08:00`);
const window = { start: '22:00', end: '07:30', timeZone: 'Asia/Shanghai' };

describe('exponential back-off', () => {
  const policy = { baseMs: 30_000, maxMs: 300_000 };
  it('doubles after each failed attempt and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, policy))).toEqual([30_000, 60_000, 120_000, 240_000, 300_000, 300_000]);
  });
  it('sums the span of a row that fails every attempt', () => {
    expect(totalRetrySpanMs(5, policy)).toBe(30_000 + 60_000 + 120_000 + 240_000);
    expect(totalRetrySpanMs(1, policy)).toBe(0);
  });
  it('does not overflow for absurd attempt counts', () => {
    expect(retryDelayMs(10_000, policy)).toBe(300_000);
  });
});

describe('do-not-disturb window (Asia/Shanghai)', () => {
  it('holds 23:00 until 07:30 the next morning', () => {
    expect(isWithinDnd(shanghai('2026-11-23T23:00:00'), window)).toBe(true);
    expect(dndReleaseTime(shanghai('2026-11-23T23:00:00'), window)).toEqual(shanghai('2026-11-24T07:30:00'));
  });
  it('holds 06:59:30 until 07:30 the same morning', () => {
    expect(dndReleaseTime(shanghai('2026-11-24T06:59:30'), window)).toEqual(shanghai('2026-11-24T07:30:00'));
  });
  it('lets 07:30 and 21:59 through, and starts at 22:00 sharp', () => {
    expect(isWithinDnd(shanghai('2026-11-24T07:30:00'), window)).toBe(false);
    expect(isWithinDnd(shanghai('2026-11-24T21:59:59'), window)).toBe(false);
    expect(isWithinDnd(shanghai('2026-11-24T22:00:00'), window)).toBe(true);
  });
  it('works off the local time, whatever the process time zone (15:00 UTC is 23:00 in Shanghai)', () => {
    expect(isWithinDnd(new Date('2026-11-23T15:00:00Z'), window)).toBe(true);
  });
  it('supports a window inside one day and an empty window (off)', () => {
    const noon = { start: '12:00', end: '13:30', timeZone: 'Asia/Shanghai' };
    expect(dndReleaseTime(shanghai('2026-11-24T12:10:00'), noon)).toEqual(shanghai('2026-11-24T13:30:00'));
    expect(isWithinDnd(shanghai('2026-11-24T23:00:00'), noon)).toBe(false);
    expect(isWithinDnd(shanghai('2026-11-24T23:00:00'), { ...window, end: '22:00' })).toBe(false);
  });
  it('never holds urgent messages or the silent inbox', () => {
    const night = shanghai('2026-11-23T23:00:00');
    expect(earliestSendTime(night, window, { urgent: true, channel: 'email' })).toEqual(night);
    expect(earliestSendTime(night, window, { urgent: false, channel: 'in-app' })).toEqual(night);
    expect(earliestSendTime(night, window, { urgent: false, channel: 'dingtalk' })).toEqual(shanghai('2026-11-24T07:30:00'));
  });
});

describe('DingTalk signature', () => {
  // Reference value computed as DingTalk documents it: base64(HMAC-SHA256(secret, ts + "\n" + secret)).
  it('matches an independently computed HMAC', async () => {
    const { createHmac } = await import('node:crypto');
    const expected = createHmac('sha256', 'SEC123').update('1700000000000\nSEC123').digest('base64');
    expect(dingTalkSignature(1_700_000_000_000, 'SEC123')).toBe(expected);
  });
  it('appends timestamp and the URL-encoded sign', () => {
    const url = signedDingTalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', 'SEC123', 1_700_000_000_000);
    const parsed = new URL(url);
    expect(parsed.searchParams.get('access_token')).toBe('abc');
    expect(parsed.searchParams.get('timestamp')).toBe('1700000000000');
    expect(parsed.searchParams.get('sign')).toBe(dingTalkSignature(1_700_000_000_000, 'SEC123'));
    expect(url).not.toMatch(/sign=[^&]*[+/=]/); // base64 characters are percent-encoded
  });
  it('verifies, and rejects a wrong secret or an old timestamp', () => {
    const sign = dingTalkSignature(1_700_000_000_000, 'SEC123');
    expect(verifyDingTalkSignature('1700000000000', sign, 'SEC123', 1_700_000_000_000)).toBe(true);
    expect(verifyDingTalkSignature('1700000000000', sign, 'other', 1_700_000_000_000)).toBe(false);
    expect(verifyDingTalkSignature('1700000000000', sign, 'SEC123', 1_700_000_000_000 + 2 * 3_600_000)).toBe(false);
  });
  it('leaves the URL alone without a secret', () => {
    expect(signedDingTalkUrl('https://x/robot?access_token=a', null, 1)).toBe('https://x/robot?access_token=a');
  });
});

describe('who is told what', () => {
  it('tells the handler at T-5, the legal-affairs body too at T-2 and T-0', () => {
    expect(ruleFor('deadline.reminder-5', 'national').recipients).toEqual(['handler']);
    expect(ruleFor('deadline.reminder-2', 'national').recipients).toEqual(['handler', 'legal-affairs']);
    expect(ruleFor('deadline.due-today', 'national').recipients).toEqual(['handler', 'legal-affairs']);
  });
  it('escalates an overdue deadline to the heads and the justice bureau, urgently (督办)', () => {
    const rule = ruleFor('deadline.overdue', 'jinghai');
    expect(rule.recipients).toEqual(expect.arrayContaining(['head', 'principal-head', 'justice-bureau']));
    expect(rule.urgent).toBe(true);
  });
  it('tells the principal head at once when the head cannot appear, with the profile’s fallback', () => {
    for (const profile of ['national', 'liaocheng', 'hunan', 'yantai']) {
      const rule = ruleFor('hearing.head-unable', profile);
      expect(rule.recipients[0]).toBe('principal-head');
      expect(rule.urgent).toBe(true);
    }
    expect(ruleFor('hearing.head-unable', 'liaocheng').data?.fallbackAdvice).toMatch(/临时负责人/);
    expect(ruleFor('hearing.head-unable', 'hunan').data?.fallbackAdvice).toMatch(/其他负责人/);
    expect(ruleFor('hearing.head-unable', 'yantai').data?.fallbackAdvice).toMatch(/书面说明/);
  });
  it('sends no quota warning in Yantai (no hard-set rate) and adds the justice bureau in Liaocheng', () => {
    expect(ruleFor('quota.at-risk', 'yantai').disabledReason).toMatch(/不得硬性设置/);
    expect(ruleFor('quota.at-risk', 'liaocheng').recipients).toContain('justice-bureau');
    expect(ruleFor('quota.at-risk', 'national').disabledReason).toBeUndefined();
  });
  it('has a rule and a template for every event', () => {
    for (const event of notificationEvents) {
      expect(ruleFor(event, 'national').recipients.length).toBeGreaterThan(0);
      expect(renderMessage(event, { caseNumber: '（2026）鲁01行初1号' }).subject.length).toBeGreaterThan(0);
    }
  });
  it('reads "head" as the deputy head in charge, else the principal head, without duplicates', () => {
    expect(expandRoles(['handler', 'head', 'principal-head'], { hasDeputyHead: true })).toEqual(['handler', 'deputy-head', 'principal-head']);
    expect(expandRoles(['handler', 'head', 'principal-head'], { hasDeputyHead: false })).toEqual(['handler', 'principal-head']);
  });
  it('finds the justice bureau up the parent chain', () => {
    const agencies = [
      { id: 'city', kind: 'government', parentId: null },
      { id: 'city-jb', kind: 'justice-bureau', parentId: 'city' },
      { id: 'county', kind: 'government', parentId: 'city' },
      { id: 'county-jb', kind: 'justice-bureau', parentId: 'county' },
      { id: 'county-env', kind: 'department', parentId: 'county' },
      { id: 'town', kind: 'township', parentId: 'county' },
      { id: 'orphan', kind: 'department', parentId: null },
    ];
    expect(findJusticeBureau(agencies, 'county-env')).toBe('county-jb');
    expect(findJusticeBureau(agencies, 'county')).toBe('county-jb');
    expect(findJusticeBureau(agencies, 'city')).toBe('city-jb');
    expect(findJusticeBureau(agencies, 'county-jb')).toBe('county-jb');
    expect(findJusticeBureau(agencies, 'orphan')).toBeNull();
  });
});

describe('channels per person and agency', () => {
  const base = { personSettings: [], agencySettings: [], hasEmail: true, hasPhone: true };
  it('defaults to in-app and e-mail', () => {
    expect(personalChannelsFor(base)).toEqual(['in-app', 'email']);
  });
  it('lets the agency switch SMS on and the person switch e-mail off', () => {
    expect(personalChannelsFor({ ...base, agencySettings: [{ channel: 'sms', enabled: true }], personSettings: [{ channel: 'email', enabled: false }] })).toEqual(['in-app', 'sms']);
  });
  it('lets the person override the agency', () => {
    expect(personalChannelsFor({ ...base, agencySettings: [{ channel: 'email', enabled: false }], personSettings: [{ channel: 'email', enabled: true }] })).toEqual(['in-app', 'email']);
  });
  it('skips channels without an address', () => {
    expect(personalChannelsFor({ ...base, hasEmail: false, agencySettings: [{ channel: 'sms', enabled: true }], hasPhone: false })).toEqual(['in-app']);
  });
});

describe('templates', () => {
  it('escapes user data in HTML and keeps it verbatim in text', () => {
    const m = renderMessage('deadline.overdue', {
      recipientName: '张三',
      caseNumber: '（2026）鲁0102行初<b>1</b>号',
      court: '济南市历下区人民法院',
      cause: '<script>alert(1)</script>',
      agencyName: '某局 & 某办',
      deadlineName: '答辩举证',
      dueDate: '2026-12-01',
    });
    expect(m.subject).toBe('【逾期督办】（2026）鲁0102行初<b>1</b>号 答辩举证已逾期');
    expect(m.text).toContain('案由：<script>alert(1)</script>');
    expect(m.text).toContain('2026年12月1日');
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(m.html).toContain('某局 &amp; 某办');
    expect(m.html).toContain('<title>【逾期督办】（2026）鲁0102行初&lt;b&gt;1&lt;/b&gt;号 答辩举证已逾期</title>');
  });
  it('drops the lines of absent optional data', () => {
    const m = renderMessage('judgment.received', { recipientName: '李四', caseNumber: 'X', court: '法院', cause: '行政处罚', appealDue: '2026-12-10' });
    expect(m.text).toContain('法定上诉期限届满日：2026年12月10日');
    expect(m.text).not.toContain('上诉（申请再审）建议');
    expect(m.text.split('\n').every((l) => l.trim().length > 0)).toBe(true);
  });
});

describe('督办 before the last day respects do-not-disturb unless the deadline is today', () => {
  const escalation = ruleFor('deadline.escalation', 'liaocheng');
  const sendAt = (now: Date, dueDate: string) => earliestSendTime(now, window, { urgent: isUrgent(escalation, { dueDate }, now), channel: 'email' });
  it('tells the heads and the justice bureau, like the overdue escalation', () => {
    expect(escalation.recipients).toEqual(ruleFor('deadline.overdue', 'liaocheng').recipients);
    expect(ruleFor('deadline.escalation', 'jinghai').source).toMatch(/JH/);
  });
  it('a 督办 fired at night before the last day waits for the morning', () => {
    const night = shanghai('2026-03-16T22:30:00');
    expect(isUrgent(escalation, { dueDate: '2026-03-17' }, night)).toBe(false);
    expect(sendAt(night, '2026-03-17')).toEqual(shanghai('2026-03-17T07:30:00'));
  });
  it('on the last day (or later) it goes at once, even at night', () => {
    expect(sendAt(shanghai('2026-03-17T06:00:00'), '2026-03-17')).toEqual(shanghai('2026-03-17T06:00:00'));
    expect(sendAt(shanghai('2026-03-18T23:00:00'), '2026-03-17')).toEqual(shanghai('2026-03-18T23:00:00'));
  });
  it('the overdue escalation stays urgent; an explicit urgent request wins', () => {
    expect(isUrgent(ruleFor('deadline.overdue', 'national'), {}, shanghai('2026-03-16T23:00:00'))).toBe(true);
    expect(isUrgent(escalation, { urgent: true, dueDate: '2026-03-20' }, shanghai('2026-03-16T23:00:00'))).toBe(true);
    expect(isUrgent(escalation, {}, shanghai('2026-03-16T23:00:00'))).toBe(false);
  });
});

describe('reminder texts say the real number of days left', () => {
  it('counts calendar days from the reminder\'s Shanghai date', () => {
    // the answer due Tuesday 2026-03-17: T-2 is Sunday 03-15, so the reminder goes on Friday 03-13
    expect(daysLeft('2026-03-17', shanghai('2026-03-13T09:00:00'))).toBe(4);
    expect(daysLeft('2026-03-17', new Date('2026-03-12T17:00:00Z'))).toBe(4); // 01:00 on 03-13 in Shanghai
    expect(daysLeft('2026-03-17', shanghai('2026-03-17T09:00:00'))).toBe(0);
  });
  it('the T-2 reminder moved to Friday says 4 days, not 2', () => {
    const m = renderMessage('deadline.reminder-2', { caseNumber: '（2026）鲁15行初1号', deadlineName: '答辩举证期限', dueDate: '2026-03-17', daysLeft: 4 });
    expect(m.subject).toBe('【期限提醒】（2026）鲁15行初1号 答辩举证期限还有4日届满');
    expect(m.text).toContain('将于2026年3月17日届满，还有4日。');
    expect(m.text).not.toContain('还有2日');
  });
  it('the last-day reminder says "today" only on the last day (a Sunday fixed date is reminded on Friday)', () => {
    const base = { caseNumber: '（2027）鲁15行初1号', deadlineName: '年度报告期限', dueDate: '2027-01-10' };
    expect(renderMessage('deadline.due-today', { ...base, daysLeft: 0 }).subject).toBe('【今日届满】（2027）鲁15行初1号 年度报告期限今日届满');
    const friday = renderMessage('deadline.due-today', { ...base, daysLeft: 2 });
    expect(friday.subject).toBe('【期限提醒】（2027）鲁15行初1号 年度报告期限还有2日届满');
    expect(friday.text).toContain('于2027年1月10日（还有2日）24时届满');
    expect(friday.text).not.toContain('今日');
  });
  it('the 督办 names the last day and what is left, in Chinese dates', () => {
    const m = renderMessage('deadline.escalation', { caseNumber: '（2026）鲁15行初1号', deadlineName: '答辩举证期限', dueDate: '2026-03-17', daysLeft: 1 });
    expect(m.subject).toBe('【督办】（2026）鲁15行初1号 答辩举证期限还有1日届满，尚未办结');
    expect(m.text).toContain('将于2026年3月17日24时届满，还有1日，至今尚未办结，现予督办');
    expect(m.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
