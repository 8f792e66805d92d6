// Several recommendations on one case (司法建议 / 检察建议 / 规范性文件处理建议书): each received event
// is one recommendation with its key, matched with its own reply deadline and its own reply.
import { describe, expect, it } from 'vitest';
import type { StoredDeadline } from '../../../src/deadlines/ledger.ts';
import { caseRecommendationsOf, recommendationKeyOf } from '../../../src/recommendations/case-recommendations.ts';

const deadline = (rule: string, triggerKey: string, trigger: string, due: string) => ({ rule, triggerKey, trigger, due, explanation: `自${trigger}起算` }) as StoredDeadline;

describe('the recommendations of a case', () => {
  const events = [
    { id: '11', type: 'court-event:judicial-recommendation', payload: { receivedOn: '2026-06-01', kind: 'judicial', issuer: '示例市中级人民法院' } },
    { id: '12', type: 'court-event:procuratorial-recommendation', payload: { receivedOn: '2026-06-10', replyWithinDays: 30, issuer: '示例区人民检察院' } },
    { id: '13', type: 'court-event:judicial-recommendation', payload: { receivedOn: '2026-06-12', kind: 'normative-document' } },
    { id: '20', type: 'judicial-recommendation-replied', payload: { recommendationKey: 'r12', kind: 'procuratorial', repliedOn: '2026-07-01', documentId: 'doc-12', copiedTo: null } },
  ];
  const deadlines = [
    deadline('judicial-recommendation-reply', 'recommendationReceivedOn:r11', '2026-06-01', '2026-09-01'),
    deadline('procuratorial-recommendation-reply', 'recommendationReceivedOn:r12', '2026-06-10', '2026-07-10'),
  ];

  it('lists each with its own deadline, reply letter and status', () => {
    const list = caseRecommendationsOf(events, deadlines, '2026-07-15');
    expect(list.map((r) => [r.key, r.name, r.replyDue, r.status, r.statusLabel, r.replyDocumentId])).toEqual([
      ['r11', '司法建议', '2026-09-01', 'open', '待回复', null],
      ['r12', '检察建议', '2026-07-10', 'replied', '已回复', 'doc-12'],
      ['r13', '规范性文件处理建议', null, 'open', '待回复', null], // no period yet (reply promptly)
    ]);
    expect(list[1]).toMatchObject({ issuer: '示例区人民检察院', replyWithinDays: 30, repliedOn: '2026-07-01' });
    expect(recommendationKeyOf('11')).toBe('r11');
  });

  it('overdue once its own deadline has passed unanswered; another one\'s reply does not answer it', () => {
    const list = caseRecommendationsOf(events, deadlines, '2026-09-02');
    expect(list.map((r) => [r.status, r.overdue, r.statusLabel])).toEqual([
      ['open', true, '已逾期未回复'],
      ['replied', false, '已回复'],
      ['open', false, '待回复'],
    ]);
  });

  it('a reply recorded before keys answers the earliest unanswered one of its kind received that day', () => {
    const old = [
      { id: '1', type: 'court-event:judicial-recommendation', payload: { receivedOn: '2026-03-02' } },
      { id: '2', type: 'court-event:judicial-recommendation', payload: { receivedOn: '2026-03-02' } },
      { id: '3', type: 'judicial-recommendation-replied', payload: { kind: 'judicial', receivedOn: '2026-03-02', repliedOn: '2026-04-01', documentId: 'doc-old' } },
    ];
    const plain = [deadline('judicial-recommendation-reply', 'recommendationReceivedOn', '2026-03-02', '2026-05-01')];
    const list = caseRecommendationsOf(old, plain, '2026-04-02');
    expect(list.map((r) => [r.status, r.replyDue, r.replyDocumentId])).toEqual([
      ['replied', '2026-05-01', 'doc-old'],
      ['open', '2026-05-01', null],
    ]);
  });
});
