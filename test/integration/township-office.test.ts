// Engine scenario (integration tier): a town government (乡镇人民政府) that is sued names its own
// responding office itself (A09: 聊城市行政应诉工作管理办法 第十二条; 静海区实施方案 一、（一）2) — a task of
// its own legal-affairs staff in registration, recorded in the ledger and shown on the case; a
// department's case has no such step.
import { beforeAll, describe, expect, it } from 'vitest';
import { REGISTRATION, caseBody, caseView, complete, createCase, engineToday, passed, sendEvent, useCaseLifecycle, waitCase, waitPassed, waitTask } from '../helpers/case-lifecycle.ts';

const ctx = useCaseLifecycle();

beforeAll(async () => {
  // the demo region has no town: one under the Jinghai district government
  const [town] = await ctx.db('agencies')
    .insert({ code: 'jinghai-town', name: '静海镇人民政府', kind: 'government', level: 'township', profile: 'jinghai', parent_id: ctx.agencies.get('jinghai-gov'), address: '天津市静海区静海镇胜利大街1号', legal_representative: '王镇长' })
    .returning('id');
  ctx.agencies.set('jinghai-town', town.id);
});

describe('A09: a town government that is sued names its own responding office', () => {
  it('the town’s legal-affairs staff designate the office; the ledger and the case show it, with the rule', async () => {
    const today = await engineToday(ctx);
    const town = ctx.agencies.get('jinghai-town')!;
    const { id } = await createCase(ctx, caseBody(ctx, 'jinghai-town', today));
    await waitTask(ctx, id, 'reg_register');
    const assigned = await caseView(ctx, id);
    expect(assigned.respondingUnits).toEqual([expect.objectContaining({ agencyId: town, role: 'sole', defends: 'whole-case', designatedOffice: null })]);
    expect(assigned.respondingUnits[0].rule).toContain('A09');
    expect(assigned.respondingUnits[0].explanation).toContain('自行确定应诉承办机构');
    await complete(ctx, id, 'reg_register', REGISTRATION(today));

    const office = await waitTask(ctx, id, 'reg_office', { withDue: true });
    expect(office.candidateGroups).toEqual(['legal-affairs']);
    expect(office.formId).toBe('responding-office-designation');
    // the form cites the town's own policy (Jinghai), not Liaocheng's
    const [rule] = await ctx.rest.json<{ value: string }[]>('GET', `/variable-instance?processInstanceIdIn=${office.processInstanceKey}&variableName=townshipRuleText`);
    expect(rule!.value).toBe('（静海区实施方案一、（一）2）');
    await complete(ctx, id, 'reg_office', { respondingOfficeName: '综合行政执法办公室', respondingOfficeHandler: '刘海', respondingOfficeDesignatedOn: today, respondingOfficeReason: '被诉行政处罚决定由综合行政执法办公室承办作出。' });
    const view = await waitCase(ctx, id, 'the designated office', (c) => c.respondingUnits[0]?.designatedOffice !== null);
    expect(view.respondingUnits[0].designatedOffice).toEqual({ name: '综合行政执法办公室', handler: '刘海', designatedOn: today });
    expect(view.events.find((e: any) => e.type === 'responding-office-designated').payload).toMatchObject({ unitAgencyId: town, office: '综合行政执法办公室' });
    await waitPassed(ctx, id, 'reg_end');
    expect((await sendEvent(ctx, id, { type: 'withdrawn', on: today })).status).toBe(202);
    await waitCase(ctx, id, 'withdrawn', (c) => c.status === 'withdrawn');
  });

  it('a department names no office: registration ends without the step', async () => {
    const today = await engineToday(ctx);
    const { id } = await createCase(ctx, caseBody(ctx, 'jinghai-dept', today));
    await complete(ctx, id, 'reg_register', REGISTRATION(today));
    await waitPassed(ctx, id, 'reg_end');
    expect(await passed(ctx, id, 'reg_office', 'ACTIVE')).toBe(0);
    expect(await passed(ctx, id, 'reg_office')).toBe(0);
    expect((await caseView(ctx, id)).respondingUnits[0].rule).not.toContain('A09');
    expect((await sendEvent(ctx, id, { type: 'withdrawn', on: today })).status).toBe(202);
    await waitCase(ctx, id, 'withdrawn', (c) => c.status === 'withdrawn');
  });
});
