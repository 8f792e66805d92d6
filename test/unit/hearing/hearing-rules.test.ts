// Who must appear, the agents, and the fallback when the head cannot appear: every rule with its citation.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.ts';
import { headAppearsOf, validateAgents } from '../../../src/hearing/agents.ts';
import { decideHeadAppearance, type AppearanceFacts } from '../../../src/hearing/head-appearance.ts';
import { decidedHeadOf, headAppearedInInstanceOf, opensInstance, planPrefillOf } from '../../../src/hearing/case-facts.ts';
import { headUnableFallback } from '../../../src/hearing/head-unable.ts';

const LC = '002_963c834d180c3dcb.txt';
const YT = '000_7288109d50e53de4.txt';
const HN = '001_43aff403179c4a24.txt';
const TZ = '003_0e14abe5e5e19f52.txt';
const JH = '004_b8935aaaa4c0ff62.txt';
const lcFacts = (f: Partial<AppearanceFacts>): AppearanceFacts => ({ profile: 'liaocheng', decisionDate: '2026-03-10', ...f });

describe('who must appear (出庭应诉)', () => {
  it('scenario 3: a group suit of 12 plaintiffs claiming ¥15,000,000 under Liaocheng → the principal head, LC Art. 22 (1)', () => {
    const d = decideHeadAppearance(lcFacts({ plaintiffCount: 12, claimAmount: 15_000_000 }));
    expect(d.required).toBe('principal-head');
    const r = d.reasons.find((x) => x.code === 'lc-principal-group-suit')!;
    expect(r.source).toBe(`${LC} 第二十二条第一款第（一）项（聊城市行政应诉工作管理办法）`);
    expect(r.text).toContain('原告12人');
    expect(r.text).toContain('15,000,000元');
  });

  it.each<[string, Partial<AppearanceFacts>, string, string]>([
    ['group suit', { plaintiffCount: 11, claimAmount: 10_000_001 }, 'lc-principal-group-suit', '第（一）项'],
    ['two units sue', { plaintiffs: [{ type: 'enterprise' }, { type: 'organization' }] }, 'lc-principal-multiple-organisations', '第（二）项'],
    ['enforcement impact', { flags: { majorEnforcementImpact: true } }, 'lc-principal-enforcement-impact', '第（三）项'],
    ['public interest', { flags: { majorPublicInterest: true } }, 'lc-principal-public-interest', '第（四）项'],
    ['high attention', { flags: { highAttention: true } }, 'lc-principal-high-attention', '第（五）项'],
    ['mass incident', { flags: { massIncidentRisk: true } }, 'lc-principal-mass-incident', '第（六）项'],
    ['procuratorate', { flags: { procuratorate: true } }, 'lc-principal-procuratorate', '第（七）项'],
    ['justice bureau', { flags: { justiceBureauRequiresPrincipalHead: true } }, 'lc-principal-justice-bureau', '第（八）项'],
    ['court notice', { courtNoticePrincipalHead: true }, 'lc-principal-court-notice', '第（九）项'],
    ['other', { otherPrincipalHeadReason: '市委督办' }, 'lc-principal-other', '第（十）项'],
  ])('Liaocheng case %s → %s (%s)', (_n, facts, code, item) => {
    const d = decideHeadAppearance(lcFacts(facts));
    expect(d.required).toBe('principal-head');
    const principal = d.reasons.filter((r) => r.code.startsWith('lc-principal-'));
    expect(principal.map((r) => r.code)).toEqual([code]);
    expect(principal[0]!.citation.file).toBe(LC);
    expect(principal[0]!.source).toContain(`第二十二条第一款${item}`);
  });

  it.each<[string, Partial<AppearanceFacts>]>([
    ['exactly 10 plaintiffs', { plaintiffCount: 10, claimAmount: 50_000_000 }],
    ['exactly ¥10,000,000', { plaintiffCount: 50, claimAmount: 10_000_000 }],
    ['many plaintiffs, no amount', { plaintiffCount: 50 }],
    ['one enterprise and persons', { plaintiffs: [{ type: 'enterprise' }, { type: 'person' }, { type: 'person' }] }],
    ['a blank other reason', { otherPrincipalHeadReason: '  ' }],
  ])('Liaocheng, not a principal-head case: %s → a head', (_n, facts) => {
    const d = decideHeadAppearance(lcFacts(facts));
    expect(d.required).toBe('head');
    expect(d.reasons[0]).toMatchObject({ code: 'lc-head-every-case', source: expect.stringContaining(`${LC} 第二十条`) });
  });

  it('the Liaocheng rules end with their validity (LC Art. 50): on 2027-02-01 the national rules apply', () => {
    const d = decideHeadAppearance(lcFacts({ decisionDate: '2027-02-01', plaintiffCount: 12, claimAmount: 15_000_000 }));
    expect(d.jurisdiction).toBe('national');
    expect(d.required).toBe('head');
    expect(d.reasons[0]!.code).toBe('head-duty');
  });

  it.each<[string, Partial<AppearanceFacts>, string[], string]>([
    ['national', { flags: { highAttention: true } }, ['head-duty', 'national-major-case'], '《中华人民共和国行政诉讼法》第三条第三款'],
    ['yantai', { flags: { majorPublicInterest: true }, courtNoticeHead: true }, ['yt-head-duty', 'yt-major-case', 'yt-court-suggestion'], `${YT} 二、（四）`],
    ['hunan', { flags: { massIncidentRisk: true } }, ['hn-head-duty', 'hn-major-case'], `${HN} 四、（一）`],
    ['jinghai', { courtNoticeHead: true }, ['jh-head-duty', 'jh-court-notice'], `${JH} 一、（4）`],
    ['tengzhou', {}, ['tz-head-every-hearing'], `${TZ} 一；三、（三）`],
  ])('%s: a head, with the profile’s reasons', (profile, facts, codes, source) => {
    const d = decideHeadAppearance({ profile, decisionDate: '2026-03-10', plaintiffCount: 12, claimAmount: 15_000_000, ...facts });
    expect(d.required).toBe('head');
    expect(d.reasons.map((r) => r.code)).toEqual(codes);
    expect(d.reasons[0]!.source).toContain(source);
  });

  it('outside Liaocheng the court’s written notice for the principal head is followed', () => {
    const d = decideHeadAppearance({ profile: 'hunan', decisionDate: '2026-03-10', courtNoticePrincipalHead: true });
    expect(d.required).toBe('principal-head');
    expect(d.reasons.at(-1)).toMatchObject({ code: 'court-notice-principal-head', source: expect.stringContaining('法释〔2020〕3号') });
  });

  it.each<[string, Partial<AppearanceFacts>, string[], boolean]>([
    ['reconsideration organ sole defendant', { reconsideration: 'organ-sole-defendant', agencyRole: 'reconsideration-organ' }, ['lc-codefendant-organ-sole'], false],
    ['original agency, organ co-defendant', { reconsideration: 'organ-co-defendant', agencyRole: 'original-agency' }, ['lc-codefendant-original-head'], false],
    ['the organ as co-defendant may send staff', { reconsideration: 'organ-co-defendant', agencyRole: 'reconsideration-organ' }, ['lc-codefendant-organ-staff'], true],
    ['several original agencies', { originalAgencyDefendants: 2 }, ['lc-codefendant-several-agencies'], false],
  ])('Liaocheng co-defendants (Art. 24): %s', (_n, facts, codes, staffOnly) => {
    const d = decideHeadAppearance(lcFacts(facts));
    expect(d.coDefendant.map((r) => r.code)).toEqual(codes);
    for (const r of d.coDefendant) expect(r.source).toBe(`${LC} 第二十四条（聊城市行政应诉工作管理办法）`);
    expect(d.staffOnlyAllowed).toBe(staffOnly);
  });

  it('co-defendants elsewhere: agree, or the court decides (法释〔2020〕3号 Art. 3)', () => {
    const d = decideHeadAppearance({ profile: 'national', decisionDate: '2026-03-10', originalAgencyDefendants: 3 });
    expect(d.coDefendant).toEqual([expect.objectContaining({ code: 'codefendant-agree', source: expect.stringContaining('第三条') })]);
  });

  it('enterprise cases in Liaocheng advise a larger principal-head share (Art. 23); the duty applies at every instance', () => {
    const d = decideHeadAppearance(lcFacts({ level: 'second', thirdParties: [{ type: 'enterprise' }] }));
    expect(d.advisories.map((a) => a.code)).toEqual(['lc-enterprise-case', 'head-duty-every-instance']);
    expect(d.required).toBe('head');
  });

  it('bad facts name the field', () => {
    expect(() => decideHeadAppearance({ profile: 'mars', decisionDate: '2026-03-10' })).toThrow(InputError);
    try {
      decideHeadAppearance({ profile: 'liaocheng', decisionDate: '2026-03-10', plaintiffCount: -1 });
    } catch (e) {
      expect((e as InputError).issues[0]!.field).toBe('plaintiffCount');
    }
    try {
      decideHeadAppearance({ profile: 'liaocheng', decisionDate: '2026-02-30' });
    } catch (e) {
      expect((e as InputError).issues[0]!.field).toBe('decisionDate');
    }
  });
});

const staff = (name: string) => ({ name, kind: 'staff' as const });
const lawyer = (name: string) => ({ name, kind: 'lawyer' as const });
const adviser = (name: string) => ({ name, kind: 'part-time-adviser' as const });

describe('agents (委托代理人)', () => {
  it('scenario 3: two lawyers are rejected under Liaocheng with a clear message naming the field', () => {
    const r = validateAgents({ profile: 'liaocheng', decisionDate: '2026-03-10', agents: [lawyer('甲律师'), lawyer('乙律师')] });
    expect(r.valid).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(['agents-not-only-lawyers', 'agents-min-staff']);
    expect(r.issues[0]).toMatchObject({ field: 'agents', source: expect.stringContaining(`${LC} 第二十七条`) });
    expect(r.issues[0]!.message).toMatch(/^委托代理人不能全部为律师/);
  });

  it.each<[string, { name: string; kind: 'staff' | 'lawyer' | 'part-time-adviser' }[], boolean, string[], string]>([
    ['national', [lawyer('甲'), lawyer('乙')], true, ['agents-not-only-lawyers', 'agents-min-staff'], '第一百二十八条第二款'],
    ['national', [staff('甲'), lawyer('乙')], true, [], ''],
    ['national', [staff('甲'), staff('乙'), staff('丙')], true, ['agents-count'], '第一百二十八条第二款'],
    ['national', [], true, [], ''],
    ['national', [], false, ['agents-count'], '第三条第三款'],
    ['national', [staff('甲'), staff('乙'), staff('丙')], false, ['agents-count'], '第三十一条'],
    ['national', [adviser('甲')], false, ['agents-staff-when-head-absent'], '第三条第三款'],
    ['yantai', [lawyer('甲')], true, ['agents-not-only-lawyers', 'agents-min-staff'], `${YT} 二、（四）`],
    ['hunan', [lawyer('甲'), lawyer('乙')], true, ['agents-not-only-lawyers', 'agents-min-staff'], `${HN} 四、（一）`],
    ['hunan', [staff('甲'), lawyer('乙')], true, [], ''],
    ['liaocheng', [adviser('甲'), lawyer('乙')], true, ['agents-min-staff'], `${LC} 第二十七条`],
    ['liaocheng', [staff('甲')], true, [], ''],
    ['jinghai', [adviser('甲'), adviser('乙')], true, ['agents-not-only-lawyers-or-advisers', 'agents-min-staff', 'agents-staff-only', 'agents-staff-only'], `${JH} 一、（4）`],
    ['jinghai', [staff('甲'), lawyer('乙')], true, ['agents-staff-only'], `${JH} 一、（三）`],
    ['jinghai', [staff('甲'), staff('乙')], true, [], ''],
    ['tengzhou', [lawyer('甲')], true, ['agents-not-only-lawyers', 'agents-min-staff'], '第一百二十八条第二款'],
  ])('%s %j (head appears: %s) → %j', (profile, agents, headAppears, codes, source) => {
    const r = validateAgents({ profile, decisionDate: '2026-03-10', agents, headAppears });
    expect(r.issues.map((i) => i.code)).toEqual(codes);
    expect(r.valid).toBe(codes.length === 0);
    if (codes.length) expect(r.issues[0]!.source).toContain(source);
    for (const i of r.issues) expect(i.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('Jinghai names the offending agent', () => {
    const r = validateAgents({ profile: 'jinghai', decisionDate: '2026-03-10', agents: [staff('甲'), lawyer('乙')] });
    expect(r.issues[0]!.field).toBe('agents.1.kind');
    expect(r.issues[0]!.message).toContain('乙');
  });

  it('the same person twice is an error on the second entry', () => {
    const r = validateAgents({ profile: 'national', decisionDate: '2026-03-10', agents: [staff('甲'), staff('甲')] });
    expect(r.issues).toEqual([expect.objectContaining({ field: 'agents.1', code: 'agents-duplicate' })]);
  });

  it('malformed input is an InputError naming the field', () => {
    try {
      validateAgents({ profile: 'national', decisionDate: '2026-03-10', agents: [{ name: '甲', kind: 'judge' }] });
      expect.unreachable();
    } catch (e) {
      expect((e as InputError).issues[0]!.field).toBe('agents.0.kind');
    }
  });
});

describe('a head who appears may come alone (法释〔2018〕1号 128(2); LC Art. 27)', () => {
  it.each(['national', 'liaocheng', 'yantai', 'hunan', 'tengzhou', 'jinghai'])('%s: the head appears with no agents → valid; the count rule says agents are optional', (profile) => {
    const r = validateAgents({ profile, decisionDate: '2026-03-10', agents: [], headAvailability: 'available' });
    expect(r.issues).toEqual([]);
    const count = r.rulesChecked.find((c) => c.code === 'agents-count')!;
    expect(count.text).toContain('也可以不委托');
    expect(count.source).toContain(profile === 'liaocheng' ? `${LC} 第二十七条` : '第一百二十八条第二款');
  });

  it('the head cannot appear: the entrusted agents are still 1–2, at least one staff member, never only lawyers', () => {
    const none = validateAgents({ profile: 'liaocheng', decisionDate: '2026-03-10', agents: [], headAppears: false });
    expect(none.issues).toEqual([expect.objectContaining({ field: 'agents', code: 'agents-count', message: expect.stringContaining('负责人不出庭的，应当委托1至2名相应的工作人员出庭，当前为0名') })]);
    expect(none.issues[0]!.source).toContain('《中华人民共和国行政诉讼法》第三条第三款');
    const lawyers = validateAgents({ profile: 'liaocheng', decisionDate: '2026-03-10', agents: [lawyer('甲律师')], headAppears: false });
    expect(lawyers.issues.map((i) => i.code)).toEqual(['agents-not-only-lawyers', 'agents-min-staff']);
    expect(validateAgents({ profile: 'liaocheng', decisionDate: '2026-03-10', agents: [staff('甲'), lawyer('乙')], headAppears: false }).valid).toBe(true);
    expect(validateAgents({ profile: 'national', decisionDate: '2026-03-10', agents: [staff('甲'), staff('乙'), staff('丙')], headAppears: false }).issues.map((i) => i.code)).toEqual(['agents-count']);
  });

  it('headAppearsOf: only "available" is the head in court', () => {
    expect(headAppearsOf({ headAvailability: 'available' })).toBe(true);
    expect(headAppearsOf({ headAvailability: 'unable' })).toBe(false);
    expect(headAppearsOf({ headAvailability: 'not-required' })).toBe(false);
  });
});

describe('one head appearance per instance (法释〔2020〕3号 Art. 7)', () => {
  const later = (f: Partial<AppearanceFacts> = {}) => decideHeadAppearance(lcFacts({ headAppearedEarlierInInstance: true, ...f }));

  it('the first hearing of an instance demands the head', () => {
    const d = decideHeadAppearance(lcFacts({}));
    expect(d.headRequired).toBe(true);
    expect(d.reasons[0]!.code).toBe('lc-head-every-case');
  });

  it('a later hearing after the head appeared: no head demanded, with Art. 7 as the only reason', () => {
    const d = later();
    expect(d.headRequired).toBe(false);
    expect(d.reasons).toEqual([expect.objectContaining({ code: 'head-appeared-this-instance', source: expect.stringContaining('法释〔2020〕3号）第七条') })]);
    expect(d.reasons[0]!.text).toContain('同一审级多次开庭的，负责人出庭一次即可');
  });

  it('also for a principal-head case (LC Art. 22 (1)): who would appear stays the principal head, but none is demanded', () => {
    const d = later({ plaintiffCount: 12, claimAmount: 15_000_000 });
    expect(d).toMatchObject({ required: 'principal-head', headRequired: false });
  });

  it.each<[string, Partial<AppearanceFacts>, 'head' | 'principal-head']>([
    ['the court asks for a head at this hearing', { courtAsksHeadThisHearing: true }, 'head'],
    ['the court asks for the principal head at this hearing (LC Art. 22 (9))', { courtAsksHeadThisHearing: true, courtNoticePrincipalHead: true }, 'principal-head'],
  ])('unless %s: the head is demanded again', (_n, facts, required) => {
    const d = later(facts);
    expect(d).toMatchObject({ headRequired: true, required });
    expect(d.reasons.at(-1)).toMatchObject({ code: 'court-asks-head-again', source: expect.stringContaining('第七条') });
  });

  it('Tengzhou keeps 有庭必出: every hearing demands the head', () => {
    const d = decideHeadAppearance({ profile: 'tengzhou', decisionDate: '2026-03-10', headAppearedEarlierInInstance: true });
    expect(d.headRequired).toBe(true);
    expect(d.reasons.map((r) => r.code)).toEqual(['tz-head-every-hearing', 'tz-head-every-session']);
    expect(d.reasons[1]!.source).toContain(`${TZ} 三、（三）`);
  });

  it('the plan may leave the head out only when the hearing demands none', () => {
    const refused = validateAgents({ profile: 'national', decisionDate: '2026-03-10', agents: [staff('甲')], headAvailability: 'not-required', headAppears: false, headRequired: true });
    expect(refused.issues).toEqual([expect.objectContaining({ field: 'headAvailability', code: 'head-required-this-hearing', source: expect.stringContaining('第七条') })]);
    const allowed = validateAgents({ profile: 'national', decisionDate: '2026-03-10', agents: [staff('甲')], headAvailability: 'not-required', headAppears: false, headRequired: false });
    expect(allowed.valid).toBe(true);
    // no head in court: the agents appear instead, so at least one is needed
    const alone = validateAgents({ profile: 'national', decisionDate: '2026-03-10', agents: [], headAvailability: 'not-required', headAppears: false, headRequired: false });
    expect(alone.issues.map((i) => i.code)).toEqual(['agents-count']);
  });
});

describe('the head cannot appear (负责人不能出庭)', () => {
  it.each<[string, string[], string[], boolean]>([
    ['liaocheng', ['temporary-head', 'request-postponement'], ['lc-report-principal-head'], true],
    ['hunan', ['another-head'], ['hn-explain-to-court'], false],
    ['yantai', ['entrust-staff'], [], false],
    ['jinghai', ['entrust-staff', 'request-postponement'], [], false],
    ['national', ['entrust-staff', 'request-postponement'], [], false],
    ['tengzhou', ['entrust-staff', 'request-postponement'], [], false],
  ])('scenario 4: %s → %j', (profile, options, firstSteps, report) => {
    const r = headUnableFallback({ profile, decisionDate: '2026-03-10', absenceReason: 'irreplaceable-official-duty' });
    expect(r.options.map((o) => o.option)).toEqual(options);
    expect(r.firstSteps.map((s) => s.code)).toEqual(firstSteps);
    expect(r.writtenExplanation.documentTitle).toBe('负责人不能出庭情况说明');
    expect(r.headAbsenceReport.applies).toBe(report);
    for (const o of r.options) expect(o.source).toMatch(/第|、/);
  });

  it('Liaocheng: the one-month report (rule head-absence-report, Art. 20) is required when no head appeared', () => {
    const after = headUnableFallback({ profile: 'liaocheng', decisionDate: '2026-03-10', absenceReason: 'accident', headAppeared: false });
    expect(after.headAbsenceReport).toMatchObject({ required: true, ruleId: 'head-absence-report', reason: { source: expect.stringContaining(`${LC} 第二十条`) } });
    const temporaryHead = headUnableFallback({ profile: 'liaocheng', decisionDate: '2026-03-10', absenceReason: 'accident', headAppeared: true });
    expect(temporaryHead.headAbsenceReport.required).toBe(false);
    expect(headUnableFallback({ profile: 'liaocheng', decisionDate: '2026-03-10' }).headAbsenceReport.required).toBeNull();
  });

  it('Yantai county-level governments may also entrust the handling body’s staff', () => {
    const r = headUnableFallback({ profile: 'yantai', decisionDate: '2026-03-10', absenceReason: 'irreplaceable-official-duty', agencyKind: 'government', agencyLevel: 'city' });
    expect(r.options.map((o) => o.option)).toEqual(['entrust-staff', 'entrust-handling-body-staff']);
    expect(r.writtenExplanation.reason.source).toContain(`${YT} 二、（四）`);
  });

  it('no justified reason given: warns of the judicial recommendation (法释〔2020〕3号 Art. 12)', () => {
    const r = headUnableFallback({ profile: 'hunan', decisionDate: '2026-03-10' });
    expect(r.reasonJustified).toBeNull();
    expect(r.warnings.map((w) => w.code)).toEqual(['absence-reason-missing']);
  });
});

describe('the head decided in the answer period prefills the hearing plan (湖南 四（二）)', () => {
  it('the proposed candidate when the principal head approved; the other head named otherwise; nothing without a name', () => {
    const proposal = { proposedName: '刘建华', proposedPost: '副厅长', proposalReason: '分管被诉征收工作' };
    expect(decidedHeadOf({ ...proposal, decision: 'approve' })).toEqual({ name: '刘建华', post: '副厅长' });
    expect(decidedHeadOf({ ...proposal, decision: 'approve', decidedName: '刘建华', decidedPost: '副厅长' })).toEqual({ name: '刘建华', post: '副厅长' });
    expect(decidedHeadOf({ ...proposal, decision: 'other', decidedName: ' 陈明 ', decidedPost: '厅长' })).toEqual({ name: '陈明', post: '厅长' });
    expect(decidedHeadOf({ ...proposal, decision: 'other' })).toBeNull(); // "another head" without a name decides nobody
    expect(decidedHeadOf(null)).toBeNull();
  });
  it('fills the plan form\'s head fields and the names its text shows; an empty prefill overwrites nothing', () => {
    expect(planPrefillOf({ name: '陈明', post: '厅长' })).toEqual({ headName: '陈明', headPost: '厅长', decidedHeadName: '陈明', decidedHeadPost: '厅长' });
    expect(planPrefillOf(null)).toEqual({});
  });
});

describe('one head appearance per trial instance, not per court level (法释〔2020〕3号 Art. 7)', () => {
  const held = (hearingKey: string, headAppeared = true) => ({ type: 'hearing-held', payload: { hearingKey, headAppeared } });
  const stage = (from: { stage: string; level: string }, to: { stage: string; level?: string }) => ({ type: 'stage-changed', payload: { from, to } });
  it('a later session of the same instance needs no head again; the next instance does', () => {
    const first = [stage({ stage: 'awaiting-hearing', level: 'first' }, { stage: 'hearing' }), held('first')];
    expect(headAppearedInInstanceOf(first, 'first', 'first_2')).toBe(true);
    expect(headAppearedInInstanceOf(first, 'first', 'first')).toBe(false); // the same hearing is not an earlier one
    const appeal = [...first, stage({ stage: 'judgment', level: 'first' }, { stage: 'second-instance' }), stage({ stage: 'second-instance', level: 'first' }, { stage: 'second-instance', level: 'second' })];
    expect(headAppearedInInstanceOf(appeal, 'second', 'second')).toBe(false);
  });
  it('a case sent back for a new first-instance trial (发回重审) is a new instance at the same court level', () => {
    const events = [
      held('first'),
      stage({ stage: 'judgment', level: 'first' }, { stage: 'second-instance', level: 'second' }),
      held('second'),
      stage({ stage: 'judgment', level: 'second' }, { stage: 'hearing', level: 'first' }),
    ];
    // counted by level alone, the first trial's appearance would excuse the new trial's second session
    expect(headAppearedInInstanceOf(events, 'first', 'first_2')).toBe(false);
    expect(headAppearedInInstanceOf([...events, held('first_2')], 'first', 'first_3')).toBe(true);
  });
  it('the second instance of a retrial is not the original second instance; a retrial is a new instance', () => {
    const events = [
      held('second'),
      held('second_2', false),
      stage({ stage: 'archived', level: 'second' }, { stage: 'retrial', level: 'retrial' }),
      held('retrial'),
      stage({ stage: 'judgment', level: 'retrial' }, { stage: 'second-instance', level: 'second' }),
    ];
    expect(headAppearedInInstanceOf(events, 'second', 'second_2')).toBe(false);
    const secondRetrial = [...events, held('second'), stage({ stage: 'archived', level: 'second' }, { stage: 'retrial', level: 'retrial' })];
    expect(headAppearedInInstanceOf(secondRetrial, 'retrial', 'retrial_2')).toBe(false);
  });
  it('which stage changes open an instance: entering second instance or a retrial, or a change of level', () => {
    expect(opensInstance({ from: { stage: 'judgment', level: 'first' }, to: { stage: 'second-instance' } })).toBe(true);
    expect(opensInstance({ from: { stage: 'second-instance', level: 'second' }, to: { stage: 'second-instance' } })).toBe(false);
    expect(opensInstance({ from: { stage: 'performance', level: 'first' }, to: { stage: 'retrial', level: 'retrial' } })).toBe(true);
    expect(opensInstance({ from: { stage: 'awaiting-hearing', level: 'first' }, to: { stage: 'hearing' } })).toBe(false);
    expect(opensInstance(null)).toBe(false);
  });
});

describe('agents act within their authority (授权范围, LC Art. 28; CPL Art. 59 (2017) through ALL Art. 101)', () => {
  const agent = (name: string, authority: 'general' | 'special', specialPowers: string[] = []) => ({ name, kind: 'staff' as const, authority, specialPowers });
  const fields = (r: ReturnType<typeof validateAgents>) => r.issues.map((i) => i.field);

  it('a special authority names its powers; a general one holds none', () => {
    const r = validateAgents({ profile: 'liaocheng', decisionDate: '2026-03-10', agents: [agent('甲', 'special'), agent('乙', 'general', ['settle'])] });
    expect(fields(r)).toEqual(['agents.0.specialPowers', 'agents.1.authority']);
    expect(r.issues[0]!.message).toContain('特别授权的具体事项');
    expect(r.issues[1]!.message).toMatch(/乙为一般授权，不能进行和解、调解/);
    expect(r.issues[1]!.source).toContain('第二十八条');
  });

  it('an act the plan expects at the hearing needs an agent with that special power when no head appears', () => {
    const base = { profile: 'liaocheng', decisionDate: '2026-03-10', headAppears: false, expectedActs: ['settle'] };
    const without = validateAgents({ ...base, agents: [agent('甲', 'general'), agent('乙', 'special', ['appeal'])] });
    expect(fields(without)).toEqual(['expectedActs']);
    expect(without.issues[0]!.message).toMatch(/可能需要进行和解、调解.*均无此项特别授权.*授权委托权限范围内/);
    expect(validateAgents({ ...base, agents: [agent('甲', 'general'), agent('乙', 'special', ['settle'])] }).valid).toBe(true);
    // the head who appears decides for the agency: no special power needed
    expect(validateAgents({ ...base, headAppears: true, agents: [agent('甲', 'general')] }).valid).toBe(true);
    // an agent without an authority given is a general one (the form's default)
    expect(fields(validateAgents({ ...base, agents: [{ name: '丙', kind: 'staff' }] }))).toEqual(['expectedActs']);
  });

  it('an unknown power is a field error naming the allowed ones', () => {
    expect(() => validateAgents({ profile: 'liaocheng', decisionDate: '2026-03-10', agents: [agent('甲', 'special', ['sell'])] })).toThrow(InputError);
  });
});
