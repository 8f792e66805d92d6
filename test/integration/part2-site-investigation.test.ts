// 配合现场调查与协调 (LC Art. 13 para 3, catalogue C12) on the real engine: a court site investigation
// is recorded as a court event; the responding unit calls each related department — one task each,
// due at the investigation, with a notification through the outbox — and the ledger records who attends.
import { describe, expect, it } from 'vitest';
import { caseInstanceIds, waitUntil } from '../helpers/engine.ts';
import { usePart2 } from '../helpers/part2-scenario.ts';
import { postCaseEvent } from '../../src/cases/case-service.ts';

const s = usePart2();

describe('court site investigation and coordination (现场调查、协调会, LC Art. 13 para 3)', () => {
  it('each related department: a notification in the outbox and a task due at the investigation; the ledger records who attends', async () => {
    const c = await s.createCase('liaocheng-dept', { stage: 'hearing' });
    const at = await s.at(6, '09:30');
    const departments = ['东昌府区自然资源局', '古楼街道办事处'];
    const posted = await s.courtEvent(c.caseId, { type: 'site-investigation', organizedBy: 'court', at, place: '东昌府区某村拆迁现场', departments });
    expect(posted.message).toEqual({ name: 'site-investigation', correlationKey: c.caseId });
    const instance = await waitUntil('the site-investigation process running', async () => (await caseInstanceIds(s.rest, c.caseId)).find((i) => i.processDefinitionKey === 'site-investigation' && i.state === 'ACTIVE'));

    const tasks = await waitUntil('a task for each department', async () => {
      const open = await s.engine.listTasks({ processInstanceId: instance.id, taskDefinitionKey: 's_call' });
      return open.length === departments.length ? open : undefined;
    });
    expect(tasks.map((t) => t.name).sort()).toEqual(departments.map((d) => `通知并协调有关部门参加：${d}`).sort());
    for (const t of tasks) expect(Date.parse(t.due!)).toBe(Date.parse(at));
    const notices = await waitUntil('the notifications', async () => {
      const rows = (await s.outbox(c.caseId)).filter((r: any) => r.event === 'site-investigation.department');
      return departments.every((d) => rows.some((r: any) => r.subject.includes(d))) ? rows : undefined;
    });
    for (const d of departments) {
      const mine = notices.filter((r: any) => r.subject.includes(d));
      // the rule's recipients: the handling unit and the legal-affairs body, each person of the case's agency in that role
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((r: any) => ['handler', 'legal-affairs'].includes(r.recipient_role))).toBe(true);
      expect(mine[0].body_text).toMatch(/人民法院组织现场调查，定于\d{4}年\d{1,2}月\d{1,2}日 09:30在东昌府区某村拆迁现场进行/);
    }

    const today = await s.today();
    for (const t of tasks) {
      const department = t.name!.split('：')[1]!;
      await s.engine.completeTask(t.id, { departmentNotifiedOn: today, departmentAttendees: `${department}王科长`, departmentNote: '已电话确认' });
    }
    await s.finished(instance.id);
    const called = (await s.events(c.caseId)).filter((e) => e.type === 'site-investigation-department-called');
    expect(called.map((e) => [e.payload.department, e.payload.attendees]).sort()).toEqual(departments.map((d) => [d, `${d}王科长`]).sort());
    expect(called.every((e) => e.payload.notifiedOn === today && e.payload.investigationAt === at)).toBe(true);
    // the court event is in the ledger; the case's stage does not change
    expect((await s.events(c.caseId)).some((e) => e.type === 'court-event:site-investigation')).toBe(true);
    expect((await s.db('cases').where({ id: c.caseId }).first()).stage).toBe('hearing');
  });

  it('is refused outside a trial with the reason', async () => {
    const c = await s.createCase('liaocheng-dept', { stage: 'judgment' });
    await expect(postCaseEvent(s.db, { kick: () => {} }, c.caseId, { type: 'site-investigation', organizedBy: 'court', at: await s.at(3), place: '现场', departments: ['某局'] })).rejects.toMatchObject({ code: 'EVENT_NOT_ACCEPTED' });
  });
});
