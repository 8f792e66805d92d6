// The hearing workers on the ledger, with the variables the hearing diagram now gives them (plain
// variables, no FEEL): who must appear with the court's notice as a flat flag, the reasons as one
// line, which hearing this is and the next count for the life cycle; the head-unable form values;
// the agents checked against the plan's headAvailability.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendCaseEvent, listCaseEvents } from '../../../src/ledger/case-events.ts';
import { reasonsText } from '../../../src/policy-sources/citations.ts';
import { decideHeadAppearanceWorker } from '../../../workers/hearing/decide-appearance.ts';
import { headUnableFallbackWorker } from '../../../workers/hearing/head-unable-fallback.ts';
import { validateAgentsWorker } from '../../../workers/hearing/validate-agents.ts';
import type { WorkerModule } from '../../../src/workers/worker-module.ts';
import { insertLedgerCase, useTestDb } from '../../helpers/test-db.ts';

const db = useTestDb();
const hearingAt = '2026-04-15T09:30:00+08:00';

async function liaochengCase(profile = 'liaocheng') {
  const [agency] = await db('agencies').insert({ code: `hw-${randomUUID()}`, name: `测试局-${profile}`, kind: 'department', level: 'city', profile }).returning('*');
  const row = await insertLedgerCase(db, { agency_id: agency.id });
  return row.id as string;
}

let jobs = 0;
async function run(worker: WorkerModule, variables: Record<string, unknown>, elementId: string): Promise<Record<string, any>> {
  const key = String(2251799813800000 + ++jobs);
  const parsed = worker.variables ? worker.variables.parse(variables) : variables;
  return (await worker.handle({ key, type: worker.jobType, processInstanceKey: '2251799813600009', bpmnProcessId: 'hearing', elementId, retries: 3, variables: parsed, customHeaders: {}, activatedAt: new Date(hearingAt) }, { db } as never)) as Record<string, any>;
}

describe('hearing.decide-appearance (h_decide)', () => {
  it("the life cycle's second hearing, the court requiring the principal head: principal head, the reasons as one line, key first_2, next count 3", async () => {
    const caseId = await liaochengCase();
    // h_decide maps principalHeadRequiredByCourt to courtNoticePrincipalHead
    const out = await run(decideHeadAppearanceWorker, { caseId, level: 'first', hearingNumber: 2, hearingAt, courtNoticePrincipalHead: true }, 'h_decide');
    expect(out).toMatchObject({ headAppearanceRequired: 'principal-head', principalHeadRequired: true, hearingKey: 'first_2', nextHearingNumber: 3 });
    expect(out.headAppearance.reasons.map((r: any) => r.code)).toContain('lc-principal-court-notice');
    expect(out.headAppearanceReasonsText).toBe(reasonsText(out.headAppearance.reasons));
    expect(out.headAppearanceReasonsText).toContain('第二十二条第一款第（九）项');
    const decided = (await listCaseEvents(db, { caseId })).filter((e) => e.type === 'head-appearance-decided');
    expect(decided).toHaveLength(1);
    expect(decided[0]!.payload).toMatchObject({ required: 'principal-head' });
  });

  it('no notice from the court (the variable missing: null) is no notice; the first hearing of a level is the level', async () => {
    const caseId = await liaochengCase();
    const out = await run(decideHeadAppearanceWorker, { caseId, level: 'second', hearingNumber: 1, hearingAt, courtNoticePrincipalHead: null }, 'h_decide');
    expect(out).toMatchObject({ headAppearanceRequired: 'head', principalHeadRequired: false, hearingKey: 'second', nextHearingNumber: 2 });
    expect(out.headAppearanceReasonsText).toContain('第二十条');
  });

  it('the retrial gives its key; a courtNotice object as callers passed before still counts', async () => {
    const caseId = await liaochengCase();
    const out = await run(decideHeadAppearanceWorker, { caseId, level: 'retrial', hearingKey: 'retrial', hearingAt, courtNoticePrincipalHead: null, courtNotice: { principalHeadRequired: true } }, 'h_decide');
    expect(out).toMatchObject({ headAppearanceRequired: 'principal-head', hearingKey: 'retrial' });
  });
});

describe('one head appearance per instance (法释〔2020〕3号 Art. 7), from the ledger', () => {
  const held = (caseId: string, hearingKey: string, headAppeared: boolean) => appendCaseEvent(db, { caseId, type: 'hearing-held', payload: { hearingKey, headAppeared }, actor: 'test' });

  it('the head appeared at the first hearing: the second demands none, the second instance does again', async () => {
    const caseId = await liaochengCase();
    await held(caseId, 'first', true);
    const second = await run(decideHeadAppearanceWorker, { caseId, level: 'first', hearingNumber: 2, hearingAt, courtNoticePrincipalHead: null, courtNoticeHead: null }, 'h_decide');
    expect(second).toMatchObject({ hearingKey: 'first_2', headRequiredThisHearing: false, headAppearanceRequired: 'head' });
    expect(second.headAppearanceReasonsText).toContain('第七条');
    const decided = (await listCaseEvents(db, { caseId })).filter((e) => e.type === 'head-appearance-decided');
    expect(decided.at(-1)!.payload).toMatchObject({ headRequired: false, hearingKey: 'first_2' });

    const appeal = await run(decideHeadAppearanceWorker, { caseId, level: 'second', hearingNumber: 1, hearingAt, courtNoticePrincipalHead: null }, 'h_decide');
    expect(appeal).toMatchObject({ hearingKey: 'second', headRequiredThisHearing: true });
  });

  it('counted per trial instance, not per court level: a case sent back for a new first-instance trial demands the head again at its second session', async () => {
    const caseId = await liaochengCase();
    const stage = (from: object, to: object) => appendCaseEvent(db, { caseId, type: 'stage-changed', payload: { from, to, reason: null }, actor: 'test' });
    await held(caseId, 'first', true);
    await stage({ stage: 'judgment', level: 'first' }, { stage: 'second-instance', level: 'second' });
    await held(caseId, 'second', true);
    await stage({ stage: 'judgment', level: 'second' }, { stage: 'hearing', level: 'first' }); // 发回重审
    const retried = await run(decideHeadAppearanceWorker, { caseId, level: 'first', hearingNumber: 2, hearingAt }, 'h_decide');
    expect(retried).toMatchObject({ hearingKey: 'first_2', headRequiredThisHearing: true });
    await held(caseId, 'first_2', true);
    expect(await run(decideHeadAppearanceWorker, { caseId, level: 'first', hearingNumber: 3, hearingAt }, 'h_decide')).toMatchObject({ hearingKey: 'first_3', headRequiredThisHearing: false });
  });

  it('no head at the earlier hearing, or the court asks at this one: the head is demanded', async () => {
    const absent = await liaochengCase();
    await held(absent, 'first', false);
    expect((await run(decideHeadAppearanceWorker, { caseId: absent, level: 'first', hearingNumber: 2, hearingAt }, 'h_decide')).headRequiredThisHearing).toBe(true);

    const asked = await liaochengCase();
    await held(asked, 'first', true);
    const again = await run(decideHeadAppearanceWorker, { caseId: asked, level: 'first', hearingNumber: 3, hearingAt, courtNoticeHead: true }, 'h_decide');
    expect(again).toMatchObject({ hearingKey: 'first_3', headRequiredThisHearing: true });
    expect(again.headAppearance.reasons.map((r: any) => r.code)).toContain('court-asks-head-again');
  });
});

describe('hearing.head-unable-fallback (p_unable)', () => {
  it('Liaocheng: the form gets the two choices as {label, value} and the two lines', async () => {
    const caseId = await liaochengCase();
    const out = await run(headUnableFallbackWorker, { caseId, absenceReason: 'force-majeure', hearingAt }, 'p_unable');
    expect(out.headUnableChoices.map((c: any) => c.value)).toEqual(['temporary-head', 'request-postponement']);
    expect(out.headUnableChoices[0]).toEqual({ label: '由主要负责人确定临时出庭应诉负责人', value: 'temporary-head' });
    expect(out.headUnableFirstStepsText).toContain('第一时间报告本机关主要负责人');
    expect(out.headUnableOptionsText.split('；')).toHaveLength(2);
    expect(out.headUnableOptionsText).toMatch(/^由主要负责人确定临时出庭应诉负责人：/);
  });
});

describe('hearing.validate-agents (p_validate)', () => {
  const staff = { name: '孙丽', kind: 'staff', post: '法规科科长', employer: '聊城市测试局' };
  it("reads the plan's headAvailability (Yantai): the head unable, the agents appear instead", async () => {
    const caseId = await liaochengCase('yantai');
    const available = await run(validateAgentsWorker, { caseId, agents: [staff], headAvailability: 'available', hearingAt }, 'p_validate');
    const unable = await run(validateAgentsWorker, { caseId, agents: [staff], headAvailability: 'unable', hearingAt }, 'p_validate');
    expect(available.agentsValid).toBe(true);
    expect(unable.agentsValid).toBe(true);
    const codes = (out: Record<string, any>) => out.agentsRulesChecked.map((r: any) => r.code);
    expect(codes(available)).toContain('agents-min-staff');
    expect(codes(unable)).toContain('agents-staff-when-head-absent');
  });

  it('the head appears alone (no agents variable: Tasklist drops an emptied list); without a head none is refused', async () => {
    const caseId = await liaochengCase();
    expect((await run(validateAgentsWorker, { caseId, headAvailability: 'available', hearingAt }, 'p_validate')).agentsValid).toBe(true);
    await expect(run(validateAgentsWorker, { caseId, agents: [], headAvailability: 'unable', hearingAt }, 'p_validate')).rejects.toMatchObject({ code: 'AGENTS_INVALID' });
  });

  it('"not-required" only where the hearing demands no head', async () => {
    const caseId = await liaochengCase();
    await expect(run(validateAgentsWorker, { caseId, agents: [staff], headAvailability: 'not-required', headRequiredThisHearing: true, hearingAt }, 'p_validate')).rejects.toMatchObject({ code: 'AGENTS_INVALID', message: expect.stringContaining('第七条') });
    expect((await run(validateAgentsWorker, { caseId, agents: [staff], headAvailability: 'not-required', headRequiredThisHearing: false, hearingAt }, 'p_validate')).agentsValid).toBe(true);
  });

  it('D01: the head who appears must be a head of the defendant agency, not its staff nor a lower agency\'s head (法释〔2020〕3号 Art. 2)', async () => {
    const [agency] = await db('agencies').insert({ code: `hw-${randomUUID()}`, name: '聊城市测试局', kind: 'department', level: 'city', profile: 'liaocheng' }).returning('*');
    const [lower] = await db('agencies').insert({ code: `hw-${randomUUID()}`, name: '东昌府区测试所', kind: 'department', level: 'county', profile: 'liaocheng', parent_id: agency.id }).returning('*');
    const add = async (agencyId: string, name: string, post: string, kind: string, role: string) => {
      const [p] = await db('people').insert({ agency_id: agencyId, name, post, kind }).returning('id');
      await db('person_roles').insert({ person_id: p.id, agency_id: agencyId, role });
    };
    await add(agency.id, `局长${agency.code}`, '局长', 'head', 'principal-head');
    await add(agency.id, `科员${agency.code}`, '法规科科员', 'staff', 'handler');
    await add(lower.id, `所长${agency.code}`, '所长', 'head', 'principal-head');
    const caseId = (await insertLedgerCase(db, { agency_id: agency.id })).id as string;
    const plan = (headName: string, headAvailability = 'available') => run(validateAgentsWorker, { caseId, headName, agents: [staff], headAvailability, hearingAt }, 'p_validate');

    const ok = await plan(`局长${agency.code}`);
    expect(ok.agentsValid).toBe(true);
    expect(ok.agentsRulesChecked.map((r: any) => r.code)).toContain('head-scope');
    const refused = async (headName: string) => {
      const error = await plan(headName).then(() => null, (e) => e);
      expect(error).toMatchObject({ code: 'AGENTS_INVALID' });
      const issues = (error.details as any).issues;
      expect(issues[0].field).toBe('headName');
      expect((error.details as any).variables.agentsError).toBe(error.message);
      return error.message as string;
    };
    expect(await refused(`科员${agency.code}`)).toContain('是本机关工作人员，不是本机关负责人');
    expect(await refused(`所长${agency.code}`)).toContain(`是东昌府区测试所的负责人（所长），不是本机关负责人`);
    expect(await refused('无名氏')).toContain('本机关负责人名单中没有无名氏');
    // nobody appears as head: the name is not checked
    expect((await plan('无名氏', 'unable')).agentsValid).toBe(true);
  });
});

