// 涉案舆情处置情况报告 (LC Art. 48, catalogue H11) on the real engine: public opinion about a case is
// recorded through the case API, which starts its own process; the legal-affairs body reports the
// handling to the government by the date its rules set (the task's due date), and the ledger records it.
import { describe, expect, it } from 'vitest';
import { caseInstanceIds, waitUntil } from '../helpers/engine.ts';
import { usePart2 } from '../helpers/part2-scenario.ts';
import { CaseEventBody } from '../../src/cases/case-input.ts';

const s = usePart2();

describe('public opinion about a case (舆情处置情况报告, LC Art. 48)', () => {
  it('recorded at any stage, it starts the report to the government: a task for the legal-affairs body due on the date set, then a ledger record', async () => {
    const c = await s.createCase('liaocheng-dept', { stage: 'hearing' });
    const on = await s.today();
    const reportDueOn = s.dateAfter(on, 3);
    const posted = await s.courtEvent(c.caseId, { type: 'public-opinion-incident', on, summary: '原告在短视频平台发布拆迁视频，转发量较大。', reportDueOn });
    expect(posted.message).toEqual({ name: 'public-opinion-incident', correlationKey: c.caseId });
    const instance = await waitUntil('the report process running', async () => (await caseInstanceIds(s.rest, c.caseId)).find((i) => i.processDefinitionKey === 'public-opinion-report' && i.state === 'ACTIVE'));
    const task = await s.task(instance.id, 'o_report');
    expect(Date.parse(task.dueDate!)).toBe(Date.parse(`${reportDueOn}T23:59:59+08:00`));
    const [open] = await s.engine.listTasks({ processInstanceId: instance.id, taskDefinitionKey: 'o_report' });
    expect(await s.rest.json<{ groupId: string }[]>('GET', `/task/${open!.id}/identity-links?type=candidate`).then((l) => l.map((x) => x.groupId))).toEqual(['legal-affairs']);
    // the case itself stays where it is
    expect((await s.db('cases').where({ id: c.caseId }).first()).stage).toBe('hearing');

    await s.complete(instance.id, 'o_report', { opinionReportedOn: s.dateAfter(on, 2), opinionReportedTo: '聊城市东昌府区人民政府', opinionHandling: '已发布情况说明并约谈原告，舆情平稳。' });
    await s.finished(instance.id);
    const reported = (await s.events(c.caseId)).find((e) => e.type === 'public-opinion-reported')!;
    expect(reported.payload).toMatchObject({ incidentOn: on, reportedOn: s.dateAfter(on, 2), reportedTo: '聊城市东昌府区人民政府', due: reportDueOn });
    expect((await s.events(c.caseId)).find((e) => e.type === 'court-event:public-opinion-incident')!.payload).toMatchObject({ on, reportDueOn });
  });

  it('a report date before the incident is refused, naming the field', () => {
    const parsed = CaseEventBody.safeParse({ type: 'public-opinion-incident', on: '2026-05-06', summary: '舆情', reportDueOn: '2026-05-05' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['reportDueOn', '报告期限不能早于舆情发生日']]);
  });
});
