import { describe, expect, it } from 'vitest';
import { packagedCalendar } from '../../../src/deadlines/calendar.ts';
import { computeDeadline } from '../../../src/deadlines/engine.ts';
import { InputError } from '../../../src/errors.ts';
import { assessJudgment } from '../../../src/judgment/assess.ts';
import { acceptsCourtEvent, CASE_STAGES, COURT_EVENTS, courtEventsByStage } from '../../../src/judgment/court-events.ts';

const cal = packagedCalendar();
const ALL = '《中华人民共和国行政诉讼法》';
const LC = '002_963c834d180c3dcb.txt';
const TZ = '003_0e14abe5e5e19f52.txt';

describe('judgment and appeal (裁判与上诉)', () => {
  it.each<[string, 'judgment' | 'ruling', string, string, string]>([
    ['a judgment: 15 days', 'judgment', 'appeal-judgment', '2026-03-25', '2026-03-26'],
    ['scenario 5, a ruling: 10 days', 'ruling', 'appeal-ruling', '2026-03-20', '2026-03-21'],
  ])('%s (served Tue 2026-03-10)', (_n, kind, rule, due, effective) => {
    const a = assessJudgment(cal, { profile: 'national', kind, outcome: 'lost', servedOn: '2026-03-10' });
    expect(a.appealable).toBe(true);
    expect(a.appealPeriod).toMatchObject({ rule, due, source: `${ALL}第八十五条` });
    expect(a.effectiveOnIfNoAppeal).toBe(effective);
    expect(a.effectiveReason.source).toBe(`${ALL}第八十五条`);
    // the retrial window runs 6 months from effect, computed by the deadline engine
    expect(a.retrialApplication).toMatchObject({ rule: 'retrial-application', trigger: effective, due: computeDeadline(cal, { profile: 'national', rule: 'retrial-application', trigger: effective }).due });
  });

  it('the period end rolls off a rest day first, then the decision takes effect the next day (2026 National Day)', () => {
    // served 2026-09-20: 15 days → 2026-10-05, a holiday → the period ends on the next working day
    const a = assessJudgment(cal, { profile: 'national', kind: 'judgment', outcome: 'won', servedOn: '2026-09-20' });
    const due = computeDeadline(cal, { profile: 'national', rule: 'appeal-judgment', trigger: '2026-09-20' }).due;
    expect(due > '2026-10-05').toBe(true);
    expect(a.appealPeriod!.due).toBe(due);
    expect(a.effectiveOnIfNoAppeal > due).toBe(true);
  });

  it('a mediation document: no appeal, effective on receipt', () => {
    const a = assessJudgment(cal, { profile: 'national', kind: 'mediation', outcome: 'partly-lost', servedOn: '2026-03-10' });
    expect(a.appealable).toBe(false);
    expect(a.appealPeriod).toBeNull();
    expect(a.effectiveOnIfNoAppeal).toBe('2026-03-10');
    expect(a.effectiveReason.code).toBe('effective-mediation');
  });

  it('a second-instance decision is final: no appeal, effective on service', () => {
    const a = assessJudgment(cal, { profile: 'jinghai', kind: 'judgment', outcome: 'lost', servedOn: '2026-03-10', level: 'second' });
    expect(a.appealable).toBe(false);
    expect(a.effectiveOnIfNoAppeal).toBe('2026-03-10');
    expect(a.effectiveReason.code).toBe('effective-final');
    expect(a.loss).toBe(true);
  });

  it('a retrial (再审) decision: effective on service under second-instance procedure (the default); appealable when re-tried under first-instance procedure', () => {
    const final = assessJudgment(cal, { profile: 'national', kind: 'judgment', outcome: 'won', servedOn: '2026-03-10', level: 'retrial' });
    expect([final.appealable, final.appealPeriod, final.effectiveOnIfNoAppeal]).toEqual([false, null, '2026-03-10']);
    expect(final.effectiveReason).toMatchObject({ code: 'effective-retrial-final' });
    expect(final.effectiveReason.source).toContain('第一百一十九条');
    const firstProcedure = assessJudgment(cal, { profile: 'national', kind: 'judgment', outcome: 'lost', servedOn: '2026-03-10', level: 'retrial', retrialProcedure: 'first-instance' });
    expect(firstProcedure.appealable).toBe(true);
    expect(firstProcedure.appealPeriod).toMatchObject({ rule: 'appeal-judgment', due: '2026-03-25' });
    expect(() => assessJudgment(cal, { profile: 'national', kind: 'judgment', outcome: 'lost', servedOn: '2026-03-10', level: 'retrial', retrialProcedure: 'third' } as never)).toThrow(/retrialProcedure/);
  });

  it('Liaocheng: the appeal proposal within 5 days (Art. 33 (1)), filing with the justice bureau, upload (Art. 44)', () => {
    const a = assessJudgment(cal, { profile: 'liaocheng', kind: 'judgment', outcome: 'lost', servedOn: '2026-03-10' });
    expect(a.appealProposal).toMatchObject({ applies: true, recommended: true, deadline: { rule: 'appeal-proposal', due: '2026-03-16' } });
    expect(a.appealProposal.reason!.source).toContain(`${LC} 第三十三条第（一）项`);
    expect(a.filings.map((f) => f.code)).toEqual(['lc-upload-judgment', 'lc-proposal-filing']);
    expect(a.notes.map((n) => n.code)).toEqual(['lc-performance-proposal']);
  });

  it('won in Liaocheng: the proposal rule applies but is not recommended', () => {
    const a = assessJudgment(cal, { profile: 'liaocheng', kind: 'judgment', outcome: 'won', servedOn: '2026-03-10' });
    expect(a.appealProposal).toMatchObject({ applies: true, recommended: false });
    expect(a.filings.map((f) => f.code)).toEqual(['lc-upload-judgment']);
    expect(a.performanceExpected).toBe(false);
  });

  it('Tengzhou: the judgment scan to the justice bureau within 5 working days', () => {
    const a = assessJudgment(cal, { profile: 'tengzhou', kind: 'ruling', outcome: 'won', servedOn: '2026-03-10' });
    expect(a.filings).toEqual([expect.objectContaining({ code: 'tz-judgment-filing', deadline: expect.objectContaining({ rule: 'justice-bureau-filing', due: '2026-03-17' }) })]);
    expect(a.filings[0]!.source).toContain(`${TZ} 二、（四）`);
    expect(a.appealProposal.applies).toBe(false);
  });

  it.each([['jinghai', 'jh-appeal-when-wrong'], ['hunan', 'hn-no-refusal'], ['yantai', 'yt-loss-report']])('%s: the profile’s note on a lost case', (profile, code) => {
    const a = assessJudgment(cal, { profile, kind: 'judgment', outcome: 'lost', servedOn: '2026-03-10' });
    expect(a.notes.map((n) => n.code)).toContain(code);
  });

  it('bad input names the field', () => {
    try {
      assessJudgment(cal, { profile: 'national', kind: 'verdict', outcome: 'lost', servedOn: '2026-03-10' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues[0]!.field).toBe('kind');
    }
    expect(() => assessJudgment(cal, { profile: 'national', kind: 'ruling', outcome: 'lost', servedOn: '2026-13-01' })).toThrow(/servedOn/);
  });
});

describe('stage → accepted court events', () => {
  it.each<[string, string, boolean, RegExp?]>([
    ['archived', 'judicial-recommendation', true],
    ['registration', 'procuratorial-recommendation', true],
    ['answer', 'judgment-served', true],
    ['registration', 'judgment-served', false, /登记/],
    ['judgment', 'appeal-filed', true],
    ['performance', 'appeal-filed', false, /已经生效/],
    ['hearing', 'appeal-filed', false, /尚无可上诉/],
    ['performance', 'retrial-petition-served', true],
    ['hearing', 'retrial-petition-served', false, /尚无生效裁判/],
    ['archived', 'hearing-moved', false, /没有待开的庭审/],
    ['hearing', 'hearing-moved', true],
    ['archived', 'case-withdrawn', false, /不能撤诉/],
    ['moon', 'hearing-moved', false, /未知的案件阶段/],
    ['hearing', 'party', false, /未知的法院事件/],
  ])('%s + %s → %s', (stage, event, accepted, reason) => {
    const r = acceptsCourtEvent(stage, event);
    expect(r.accepted).toBe(accepted);
    if (!r.accepted) expect(r.reason).toMatch(reason!);
  });

  it('every rejection has a Chinese reason, and recommendations are accepted in every stage', () => {
    for (const s of CASE_STAGES) for (const e of COURT_EVENTS) {
      const r = acceptsCourtEvent(s, e);
      if (!r.accepted) expect(r.reason).toMatch(/[\u4e00-\u9fa5]{4}/);
      else expect(r.why).toMatch(/[\u4e00-\u9fa5]{4}/);
    }
    const byStage = courtEventsByStage();
    for (const s of CASE_STAGES) expect(byStage[s]).toEqual(expect.arrayContaining(['judicial-recommendation', 'procuratorial-recommendation']));
  });
});
