// The ledger side of part 2's rules: the repeated-loss analysis over an agency's history (LC Art. 37),
// the Liaocheng enterprise-case seminar (Art. 23, per city department and year), loss.assess idempotency, and the hearing workers
// reading the case facts from the ledger.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RuleError } from '../../../src/errors.ts';
import { enterpriseSeminarCheck, recordJudgmentOutcome, repeatedLossAnalysis } from '../../../src/loss-analysis/loss.ts';
import type { WorkerModule } from '../../../src/workers/worker-module.ts';
import { assessLossWorker } from '../../../workers/loss/assess.ts';
import { decideHeadAppearanceWorker } from '../../../workers/hearing/decide-appearance.ts';
import { validateAgentsWorker } from '../../../workers/hearing/validate-agents.ts';
import { assessJudgmentWorker } from '../../../workers/judgment/assess.ts';
import { useTestDb } from '../../helpers/test-db.ts';

const db = useTestDb();
const LC = '002_963c834d180c3dcb.txt';

async function agency(profile: string) {
  const [a] = await db('agencies').insert({ code: `loss-${randomUUID()}`, name: `测试机关-${profile}`, kind: 'department', level: 'city', profile }).returning('*');
  return a as { id: string };
}

async function caseOf(agencyId: string, over: Record<string, unknown> = {}) {
  const [c] = await db('cases')
    .insert({ agency_id: agencyId, case_number: `（2026）鲁15行初${Math.floor(Math.random() * 1e6)}号`, court: '聊城市中级人民法院', level: 'first', cause: '行政处罚', act_description: '罚款决定', complaint_received_on: '2026-01-05', ...over })
    .returning('*');
  return c as { id: string };
}

async function run<V>(worker: WorkerModule<V>, variables: Record<string, unknown>, key = String(Math.floor(Math.random() * 1e15))) {
  const parsed = worker.variables!.parse(variables);
  return worker.handle({ key, type: worker.jobType, processInstanceKey: 'pi-1', bpmnProcessId: 'test', elementId: 'task', retries: 3, variables: parsed, customHeaders: {}, activatedAt: new Date() }, { db } as never);
}

describe('repeated-loss analysis (LC Art. 37)', () => {
  it('two losses in one field within 12 months → analysis and report, with the citation', async () => {
    const a = await agency('liaocheng');
    const c1 = await caseOf(a.id);
    const c2 = await caseOf(a.id);
    const c3 = await caseOf(a.id, { cause: '政府信息公开' });
    await recordJudgmentOutcome(db, { caseId: c1.id, level: 'first', kind: 'judgment', outcome: 'lost', servedOn: '2025-06-01', effectiveOn: '2025-06-17' });
    await recordJudgmentOutcome(db, { caseId: c3.id, level: 'first', kind: 'judgment', outcome: 'lost', servedOn: '2026-01-01', effectiveOn: '2026-01-17' });
    const one = await repeatedLossAnalysis(db, { agencyId: a.id, profile: 'liaocheng', field: '行政处罚', asOf: '2026-03-10' });
    expect(one.repeated).toBe(false);
    expect(one.lossesInField).toHaveLength(1);
    await recordJudgmentOutcome(db, { caseId: c2.id, level: 'first', kind: 'judgment', outcome: 'partly-lost', servedOn: '2026-02-20', effectiveOn: '2026-03-10' });
    const two = await repeatedLossAnalysis(db, { agencyId: a.id, profile: 'liaocheng', field: '行政处罚', asOf: '2026-03-10' });
    expect(two.repeated).toBe(true);
    expect(two.reasons[0]).toMatchObject({ code: 'lc-repeated-loss-analysis', source: expect.stringContaining(`${LC} 第三十七条`) });
    expect(two.lossesInField.map((l) => l.caseId)).toEqual([c1.id, c2.id]);
    // the first loss falls out of the 12-month window later on
    expect((await repeatedLossAnalysis(db, { agencyId: a.id, profile: 'liaocheng', field: '行政处罚', asOf: '2026-07-01' })).repeated).toBe(false);
  });

  it('a case lost at two levels counts once', async () => {
    const a = await agency('liaocheng');
    const c = await caseOf(a.id);
    await recordJudgmentOutcome(db, { caseId: c.id, level: 'first', kind: 'judgment', outcome: 'lost', servedOn: '2026-01-10', effectiveOn: null });
    await recordJudgmentOutcome(db, { caseId: c.id, level: 'second', kind: 'judgment', outcome: 'lost', servedOn: '2026-03-01', effectiveOn: '2026-03-01' });
    await recordJudgmentOutcome(db, { caseId: (await caseOf(a.id)).id, level: 'first', kind: 'judgment', outcome: 'won', servedOn: '2026-03-01', effectiveOn: '2026-03-01' });
    const r = await repeatedLossAnalysis(db, { agencyId: a.id, profile: 'liaocheng', field: '行政处罚', asOf: '2026-03-10' });
    expect(r.repeated).toBe(false);
    expect(r.lossesInField).toHaveLength(2);
  });
});

describe('losses in administrative reconsideration count in Jinghai’s figures only (JH §2(3)3)', () => {
  it('two losses in one field, one of them in reconsideration: repeated in Jinghai, not in Liaocheng', async () => {
    for (const [profile, repeated] of [['jinghai', true], ['liaocheng', false]] as const) {
      const a = await agency(profile);
      const [court, review] = [await caseOf(a.id), await caseOf(a.id)];
      await recordJudgmentOutcome(db, { caseId: court.id, level: 'first', kind: 'judgment', outcome: 'lost', servedOn: '2026-02-01', effectiveOn: '2026-02-17' });
      await recordJudgmentOutcome(db, { caseId: review.id, level: 'reconsideration', kind: 'judgment', outcome: 'lost', servedOn: '2026-03-01', effectiveOn: '2026-03-01' });
      const r = await repeatedLossAnalysis(db, { agencyId: a.id, profile, field: '行政处罚', asOf: '2026-03-10' });
      expect([profile, r.repeated]).toEqual([profile, repeated]);
    }
  });

  it('loss.assess takes a reconsideration decision: a Jinghai loss with its 30-day report', async () => {
    const c = await caseOf((await agency('jinghai')).id);
    const out = await run(assessLossWorker, { caseId: c.id, judgmentKind: 'judgment', judgmentOutcome: 'lost', judgmentServedOn: '2026-03-10', judgmentLevel: 'reconsideration', effectiveOn: '2026-03-10' });
    expect(out).toMatchObject({ lossCase: true, lossAnalysisReportRequired: true, lossAnalysisReportDue: '2026-04-09' });
    expect((await db('case_judgments').where({ case_id: c.id })).map((j: any) => j.level)).toEqual(['reconsideration']);
  });
});

describe('Liaocheng enterprise-case seminar (LC Art. 23): per city department and calendar year', () => {
  const enterprise = { flags: { enterpriseRelated: true } };
  const lost = (caseId: string, effectiveOn: string) => recordJudgmentOutcome(db, { caseId, level: 'first', kind: 'judgment', outcome: 'lost', servedOn: effectiveOn, effectiveOn });
  const won = (caseId: string, effectiveOn: string) => recordJudgmentOutcome(db, { caseId, level: 'first', kind: 'judgment', outcome: 'won', servedOn: effectiveOn, effectiveOn });
  const assess = (caseId: string, effectiveOn: string, key?: string) =>
    run(assessLossWorker, { caseId, judgmentKind: 'judgment', judgmentOutcome: 'lost', judgmentServedOn: effectiveOn, judgmentLevel: 'first', effectiveOn }, key) as Promise<Record<string, unknown>>;

  it('not after one loss: the first lost enterprise case of the year calls no seminar', async () => {
    const a = await agency('liaocheng');
    const c = await caseOf(a.id, enterprise);
    expect(await assess(c.id, '2026-03-10')).toMatchObject({ lossCase: true, enterpriseSeminarRequired: false, enterpriseSeminarYear: null });
    const check = await enterpriseSeminarCheck(db, { agencyId: a.id, profile: 'liaocheng', asOf: '2026-03-10' });
    expect(check!.years.find((y) => y.year === 2026)).toMatchObject({ cases: 1, decided: 1, losses: 1, lossRate: 1, yearClosed: false, seminarRequired: false });
  });

  it('the closed year’s loss rate above 10 % calls one seminar for that year, asked for by the next loss analysis; a redelivered job gets the same answer', async () => {
    const a = await agency('liaocheng');
    const last = await Promise.all([0, 1, 2, 3, 4].map(() => caseOf(a.id, { ...enterprise, complaint_received_on: '2025-02-01' })));
    await lost(last[0]!.id, '2025-09-01');
    for (const c of last.slice(1)) await won(c.id, '2025-10-01');
    const next = await caseOf(a.id, enterprise);
    const first = await assess(next.id, '2026-02-10', 'job-1');
    expect(first).toMatchObject({ enterpriseSeminarRequired: true, enterpriseSeminarYear: 2025 });
    expect(first.enterpriseSeminarReason).toContain('2025年涉企行政案件5件；生效裁判5件，败诉1件（败诉率20%）：年度败诉率超过10%');
    expect(first.enterpriseSeminarReason).toContain(`${LC} 第二十三条`);
    expect(await assess(next.id, '2026-02-10', 'job-1')).toEqual(first);
    // the agency's next loss does not ask again for 2025
    const another = await caseOf(a.id, enterprise);
    expect(await assess(another.id, '2026-03-01')).toMatchObject({ enterpriseSeminarRequired: false });
  });

  it('more than 20 enterprise cases received in the year call the seminar at once; only city departments hold it', async () => {
    const a = await agency('liaocheng');
    const cases = await Promise.all(Array.from({ length: 21 }, () => caseOf(a.id, enterprise)));
    await lost(cases[0]!.id, '2026-05-01');
    expect(await enterpriseSeminarCheck(db, { agencyId: a.id, profile: 'liaocheng', asOf: '2026-05-01' })).toMatchObject({ seminarYear: 2026, reason: { code: 'lc-enterprise-seminar' } });
    const [county] = await db('agencies').insert({ code: `loss-${randomUUID()}`, name: '测试县局', kind: 'department', level: 'county', profile: 'liaocheng' }).returning('id');
    expect(await enterpriseSeminarCheck(db, { agencyId: county.id, profile: 'liaocheng', asOf: '2026-05-01' })).toBeNull();
    expect(await enterpriseSeminarCheck(db, { agencyId: (await agency('jinghai')).id, profile: 'jinghai', asOf: '2026-05-01' })).toBeNull();
  });
});

describe('workers against the ledger', () => {
  it('loss.assess (Jinghai): records the outcome once however often the job is delivered, and returns the report and letter dates', async () => {
    const a = await agency('jinghai');
    const c = await caseOf(a.id);
    const vars = { caseId: c.id, judgmentKind: 'judgment', judgmentOutcome: 'lost', judgmentServedOn: '2026-02-20', judgmentLevel: 'second', effectiveOn: '2026-03-10', decisionOn: '2026-03-10' };
    const first = await run(assessLossWorker, vars, '42');
    const again = await run(assessLossWorker, vars, '42');
    expect(again).toEqual(first);
    expect(first).toMatchObject({ lossCase: true, lossAnalysisReportRequired: true, lossAnalysisReportDue: '2026-04-09', accountabilityLetterDue: '2026-03-25', repeatedLoss: false });
    expect(await db('case_judgments').where({ case_id: c.id })).toHaveLength(1);
    expect(await db('case_events').where({ case_id: c.id, type: 'loss-assessed' })).toHaveLength(1);
  });

  it('hearing.decide-appearance reads the facts from the ledger (scenario 3: 12 plaintiffs, ¥15,000,000, Liaocheng)', async () => {
    const a = await agency('liaocheng');
    const c = await caseOf(a.id, { plaintiff_count: 12, claim_amount: 15_000_000 });
    const out = (await run(decideHeadAppearanceWorker, { caseId: c.id, hearingAt: '2026-04-15T09:00:00+08:00' })) as Record<string, any>;
    expect(out).toMatchObject({ headAppearanceRequired: 'principal-head', principalHeadRequired: true, headAppearanceProfile: 'liaocheng', plaintiffCount: 12, claimAmount: 15_000_000 });
    expect(out.headAppearance.reasons.map((r: { code: string }) => r.code)).toContain('lc-principal-group-suit');
    expect(await db('case_events').where({ case_id: c.id, type: 'head-appearance-decided' })).toHaveLength(1);
  });

  it('hearing.validate-agents throws AGENTS_INVALID with the Chinese message for two lawyers', async () => {
    const a = await agency('liaocheng');
    const c = await caseOf(a.id);
    await expect(run(validateAgentsWorker, { caseId: c.id, agents: [{ name: '甲', kind: 'lawyer' }, { name: '乙', kind: 'lawyer' }] })).rejects.toSatisfy(
      (e: unknown) => e instanceof RuleError && e.code === 'AGENTS_INVALID' && /委托代理人不能全部为律师/.test(e.message),
    );
    expect(await run(validateAgentsWorker, { caseId: c.id, agents: [{ name: '甲', kind: 'staff' }, { name: '乙', kind: 'lawyer' }] })).toMatchObject({ agentsValid: true });
  });

  it('judgment.assess: a ruling served under Liaocheng → 10 days, the 5-day proposal, effective the day after', async () => {
    const a = await agency('liaocheng');
    const c = await caseOf(a.id);
    const out = await run(assessJudgmentWorker, { caseId: c.id, judgmentKind: 'ruling', judgmentOutcome: 'lost', judgmentServedOn: '2026-03-10' });
    expect(out).toMatchObject({ appealPeriodRule: 'appeal-ruling', appealDue: '2026-03-20', appealProposalDue: '2026-03-16', effectiveOnIfNoAppeal: '2026-03-21', effectiveAtIfNoAppeal: '2026-03-21T00:00:00+08:00', judgmentLost: true });
  });
});
