import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../../src/errors.ts';
import { applyPerformanceEvent, checkRemadeAct, decideOverduePerformance, initialPerformance } from '../../../src/performance/performance.ts';

const HN = '001_43aff403179c4a24.txt';
const LC = '002_963c834d180c3dcb.txt';

describe('performance (履行) state machine', () => {
  it('plan → action → complete; nothing after completion', () => {
    let p = initialPerformance();
    expect(() => applyPerformanceEvent(p, { type: 'action', description: '退还罚款', on: '2026-04-01' })).toThrow(/尚未制定履行方案/);
    p = applyPerformanceEvent(p, { type: 'plan', content: '退还罚款并重新作出决定', dueOn: '2026-05-01' });
    expect(p.state).toBe('planned');
    p = applyPerformanceEvent(p, { type: 'action', description: '退还罚款', on: '2026-04-01' });
    expect(p.state).toBe('in-progress');
    p = applyPerformanceEvent(p, { type: 'complete', on: '2026-04-20', summary: '已履行' });
    expect(p).toMatchObject({ state: 'completed', completedOn: '2026-04-20', actions: [{ description: '退还罚款' }] });
    try {
      applyPerformanceEvent(p, { type: 'replan', content: 'x', dueOn: '2026-06-01', reason: 'y' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConflictError);
      expect((e as Error).message).toMatch(/履行已经完毕/);
    }
  });
});

describe('re-made act (重作) limit', () => {
  const base = { decisionDate: '2026-03-10', sameFacts: true, sameReasons: true, substantiallySame: true };
  it.each<[string, 'substance' | 'procedure' | 'law-application', Partial<typeof base>, boolean, string, string]>([
    ['hunan', 'substance', {}, false, 'remade-act-barred', `${HN} 五、（二）`],
    ['hunan', 'procedure', {}, true, 'remade-act-exception', `${HN} 五、（二）`],
    ['hunan', 'law-application', {}, true, 'remade-act-exception', `${HN} 五、（二）`],
    ['hunan', 'substance', { sameReasons: false }, true, 'remade-act-differs', `${HN} 五、（二）`],
    ['national', 'substance', {}, false, 'remade-act-barred', '第七十一条'],
  ])('%s, annulled for %s %j → allowed %s', (profile, annulledFor, over, allowed, code, source) => {
    const r = checkRemadeAct({ ...base, ...over, profile, annulledFor });
    expect(r.allowed).toBe(allowed);
    expect(r.reason.code).toBe(code);
    expect(r.reason.source).toContain(source);
  });
});

describe('overdue performance escalation', () => {
  it.each<[string, string, boolean, boolean, string, number]>([
    ['2026-03-01', '2026-04-01', false, false, 'none', 0],
    ['2026-03-28', '2026-04-01', false, false, 'remind', 0],
    ['2026-04-03', '2026-04-01', false, false, 'escalate-head', 2],
    ['2026-04-03', '2026-04-01', true, false, 'upper-agency-recommendation', 2],
    ['2026-04-03', '2026-04-01', false, true, 'none', 0],
  ])('today %s, due %s, court recommendation %s, completed %s → %s', (today, dueOn, courtRecommendationReceived, completed, level, days) => {
    const d = decideOverduePerformance({ profile: 'liaocheng', today, dueOn, courtRecommendationReceived, completed });
    expect(d.level).toBe(level);
    expect(d.daysOverdue).toBe(days);
    if (level !== 'none') expect(d.notificationEvent).toBe('performance.due');
  });

  it('Liaocheng: the upper-level agency’s performance recommendation (Art. 35 para 3) and ALL Art. 96', () => {
    const d = decideOverduePerformance({ profile: 'liaocheng', today: '2026-04-03', dueOn: '2026-04-01', courtRecommendationReceived: true, completed: false });
    expect(d.reasons.map((r) => r.code)).toEqual(['lc-upper-agency-recommendation', 'lc-head-urges-performance', 'all-96-sanctions']);
    expect(d.reasons[0]!.source).toContain(`${LC} 第三十五条第三款`);
    expect(d.recipients).toContain('principal-head');
    expect(d.urgent).toBe(true);
  });
});
