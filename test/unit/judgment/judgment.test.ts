import { describe, expect, it } from 'vitest';
import { packagedCalendar } from '../../../src/deadlines/calendar.ts';
import { computeDeadline } from '../../../src/deadlines/engine.ts';
import { InputError } from '../../../src/errors.ts';
import { appealOutOfTime, assessJudgment, withServedParty } from '../../../src/judgment/assess.ts';
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

describe('when the decision takes effect: every party\'s appeal period, each from its own service (行政诉讼法85)', () => {
  const due = (trigger: string, rule = 'appeal-judgment') => computeDeadline(cal, { profile: 'national', rule, trigger }).due;
  const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const base = { profile: 'national', kind: 'judgment', outcome: 'lost', servedOn: '2026-03-10' } as const;

  it('the plaintiff served later: effective the day after ITS period, not the agency\'s; confirmed when every service date is known', () => {
    const a = assessJudgment(cal, { ...base, parties: [{ name: '张三', role: 'plaintiff', servedOn: '2026-03-16' }] });
    expect(due('2026-03-16') > due('2026-03-10')).toBe(true);
    expect(a.effectiveOnIfNoAppeal).toBe(dayAfter(due('2026-03-16')));
    expect(a.effectiveStatus).toBe('confirmed');
    expect(a.unservedParties).toEqual([]);
    expect(a.parties).toEqual([
      { name: '本机关', role: 'defendant', agency: true, servedOn: '2026-03-10', appealDue: due('2026-03-10') },
      { name: '张三', role: 'plaintiff', agency: false, servedOn: '2026-03-16', appealDue: due('2026-03-16') },
    ]);
    // the agency's own period (its tasks' due dates) stays its own
    expect(a.appealPeriod!.due).toBe(due('2026-03-10'));
    expect(a.effectiveReason.text).toContain('原告张三的上诉期于');
    expect(a.effectiveReason.text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日届满/);
    // the retrial window runs from the real effective date
    expect(a.retrialApplication.trigger).toBe(a.effectiveOnIfNoAppeal);
  });

  it('a party served earlier than the agency does not bring the date forward', () => {
    const a = assessJudgment(cal, { ...base, parties: [{ name: '张三', role: 'plaintiff', servedOn: '2026-03-05' }] });
    expect(a.effectiveOnIfNoAppeal).toBe(dayAfter(due('2026-03-10')));
  });

  it('a service date unknown: estimated from those known and flagged, naming whose date is missing; the later service moves it', () => {
    const parties = [
      { name: '张三', role: 'plaintiff', servedOn: '2026-03-12' },
      { name: '某某公司', role: 'third-party', servedOn: null },
    ] as const;
    const estimated = assessJudgment(cal, { ...base, parties: [...parties] });
    expect(estimated.effectiveStatus).toBe('estimated');
    expect(estimated.effectiveOnIfNoAppeal).toBe(dayAfter(due('2026-03-12')));
    expect(estimated.unservedParties).toEqual(['第三人某某公司']);
    expect(estimated.effectiveReason.text).toContain('第三人某某公司的送达日期尚不清楚');

    const later = withServedParty([...parties], { name: '某某公司', role: 'third-party', servedOn: '2026-03-20' });
    expect(later).toHaveLength(2);
    const moved = assessJudgment(cal, { ...base, parties: later });
    expect(moved.effectiveStatus).toBe('confirmed');
    expect(moved.effectiveOnIfNoAppeal).toBe(dayAfter(due('2026-03-20')));
    expect(moved.retrialApplication.trigger).toBe(moved.effectiveOnIfNoAppeal);
  });

  it('no party listed: the plaintiff\'s service is unknown, so the date from the agency\'s own period is only an estimate', () => {
    const a = assessJudgment(cal, base);
    expect(a.effectiveOnIfNoAppeal).toBe(dayAfter(due('2026-03-10')));
    expect(a.effectiveStatus).toBe('estimated');
    expect(a.unservedParties).toEqual(['原告']);
  });

  it('a ruling: 10 days for every party', () => {
    const a = assessJudgment(cal, { ...base, kind: 'ruling', parties: [{ name: '张三', role: 'plaintiff', servedOn: '2026-03-13' }] });
    expect(a.effectiveOnIfNoAppeal).toBe(dayAfter(due('2026-03-13', 'appeal-ruling')));
  });

  it('the court\'s certificate of effect (生效证明) confirms the date it states, also over an estimate', () => {
    const a = assessJudgment(cal, { ...base, certifiedOn: '2026-04-02' });
    expect([a.effectiveOnIfNoAppeal, a.effectiveStatus, a.effectiveReason.code]).toEqual(['2026-04-02', 'confirmed', 'effective-certified']);
    expect(a.effectiveReason.text).toContain('2026年4月2日');
    expect(a.unservedParties).toEqual([]);
  });

  it('a second-instance judgment takes effect on its service, whoever else is served when', () => {
    const a = assessJudgment(cal, { ...base, level: 'second', parties: [{ name: '张三', role: 'plaintiff', servedOn: '2026-03-20' }] });
    expect([a.effectiveOnIfNoAppeal, a.effectiveStatus]).toEqual(['2026-03-10', 'confirmed']);
    expect(a.parties[1]).toMatchObject({ servedOn: '2026-03-20', appealDue: null });
  });

  it('an appeal within the appellant\'s own period is in time; the plaintiff served later may appeal after the agency\'s period', () => {
    const a = assessJudgment(cal, { ...base, parties: [{ name: '张三', role: 'plaintiff', servedOn: '2026-03-16' }] });
    const agencyDue = due('2026-03-10');
    const plaintiffDue = due('2026-03-16');
    expect(appealOutOfTime(a, 'plaintiff', plaintiffDue)).toBeNull();
    expect(appealOutOfTime(a, 'plaintiff', dayAfter(plaintiffDue))).toMatch(/原告的上诉期已于.*届满/);
    expect(appealOutOfTime(a, 'agency', agencyDue)).toBeNull();
    expect(appealOutOfTime(a, 'agency', dayAfter(agencyDue))).toMatch(/本机关的上诉期已于/);
    // the plaintiff's service date unknown: its period cannot have run out
    expect(appealOutOfTime(assessJudgment(cal, base), 'plaintiff', '2026-06-01')).toBeNull();
    expect(appealOutOfTime(assessJudgment(cal, { ...base, kind: 'mediation' }), 'plaintiff', '2026-03-11')).toMatch(/不可上诉/);
  });

  it('bad parties name the field', () => {
    for (const [parties, field] of [
      [[{ name: '张三', role: 'appellant', servedOn: '2026-03-16' }], 'parties.0.role'],
      [[{ name: '', role: 'plaintiff' }], 'parties.0.name'],
      [[{ name: '张三', role: 'plaintiff', servedOn: '2026-02-30' }], 'parties.0.servedOn'],
    ] as const) {
      try {
        assessJudgment(cal, { ...base, parties });
        expect.unreachable();
      } catch (e) {
        expect((e as InputError).issues[0]!.field).toBe(field);
      }
    }
  });
});

describe('stage → accepted court events', () => {
  it.each<[string, string, boolean, RegExp?]>([
    ['archived', 'judicial-recommendation', true],
    ['registration', 'procuratorial-recommendation', true],
    ['answer', 'judgment-served', true],
    ['registration', 'judgment-served', false, /登记/],
    ['judgment', 'appeal-filed', true],
    // the case went on at an estimated effect: a party may still appeal within its own period (the case API checks the estimate and the period)
    ['performance', 'appeal-filed', true],
    ['archived', 'appeal-filed', false, /已经生效/],
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
