// 司法建议 on the real engine: a judicial recommendation after the judgment — here after the case is
// archived — starts its own process by message (correlation key caseId); the reply deadline follows
// the agency's profile (Yantai: 60 days when the court set none; Hunan: 3 months) unless the court set
// a period, which always wins; the reply letter is generated and the reply recorded.
import { describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/deadlines/ledger.ts';
import { reminderAt } from '../../src/deadlines/process-variables.ts';
import { caseInstanceIds, waitUntil } from '../helpers/engine.ts';
import { usePart2 } from '../helpers/part2-scenario.ts';

const s = usePart2();

async function recommend(caseId: string, receivedOn: string, extra: Record<string, unknown> = {}) {
  // a message start event: the correlation starts the process with the case id as its business key
  await s.publish('judicial-recommendation', caseId, { caseId, recommendationReceivedOn: receivedOn, ...extra });
  return waitUntil('the recommendation instance', async () =>
    (await caseInstanceIds(s.rest, caseId)).find((p) => p.processDefinitionKey === 'judicial-recommendation' && p.state === 'ACTIVE')?.id,
  );
}

describe('judicial recommendation (司法建议)', () => {
  it('after the case is archived: the reply deadline is 60 days in Yantai and 3 months in Hunan; the reply is generated and recorded', async () => {
    const yantai = await s.createCase('yantai-dept', { stage: 'archived' });
    const hunan = await s.createCase('hunan-dept', { stage: 'archived' });
    await s.db('cases').whereIn('id', [yantai.caseId, hunan.caseId]).update({ status: 'closed' });
    const receivedOn = await s.today();

    const yi = await recommend(yantai.caseId, receivedOn);
    const hi = await recommend(hunan.caseId, receivedOn);
    const yTask = await s.task(yi, 'r_reply');
    const hTask = await s.task(hi, 'r_reply');

    const yDue = await s.expectedDue('yantai', 'judicial-recommendation-reply', receivedOn);
    const hDue = await s.expectedDue('hunan', 'judicial-recommendation-reply', receivedOn);
    expect(yDue).not.toBe(hDue);
    const days = (due: string) => (new Date(due).getTime() - new Date(receivedOn).getTime()) / 86_400_000;
    expect(days(yDue)).toBeGreaterThanOrEqual(60); // 60 days, then the rest-day rule
    expect(days(yDue)).toBeLessThanOrEqual(67);
    expect(days(hDue)).toBeGreaterThanOrEqual(89); // 3 months
    expect(days(hDue)).toBeLessThanOrEqual(99);
    expect(yTask.dueDate!.slice(0, 10)).toBe(yDue);
    expect(hTask.dueDate!.slice(0, 10)).toBe(hDue);
    expect((await s.deadlines(yantai.caseId)).find((d) => d.rule === 'judicial-recommendation-reply')!.due).toBe(yDue);
    expect((await s.deadlines(hunan.caseId)).find((d) => d.rule === 'judicial-recommendation-reply')!.due).toBe(hDue);
    expect(await s.variable(yi, 'recommendationObligationsText')).toContain('抄送本级政府法制机构');
    expect(await s.variable(hi, 'recommendationObligationsText')).toContain('纠正违法行政行为');
    const yNotice = await waitUntil('Yantai reply notice', async () => (await s.outbox(yantai.caseId)).find((n: any) => n.event === 'recommendation.reply-due'));
    expect(yNotice.body_text).toContain('抄送同级政府法制机构');

    // the case stays archived; the reply is made and recorded
    await s.complete(yi, 'r_reply', {
      recommendationDocumentNumber: '（2026）鲁06司建3号', recommendationSummary: '建议规范行政处罚告知程序', replyMeasures: [{ measure: '修订行政处罚告知书格式' }],
      replyConclusion: '已按建议完成整改', contactName: '李晓燕', contactPost: '法规科科长', contactPhone: '0535-1234567',
    });
    await s.complete(yi, 'r_send', { repliedOn: s.dateAfter(receivedOn, 30), replyCopiedTo: '烟台市司法局' });
    await s.finished(yi);
    expect((await s.documents(yantai.caseId)).map((d: any) => d.kind)).toContain('judicial-recommendation-reply');
    expect((await s.events(yantai.caseId)).find((e) => e.type === 'judicial-recommendation-replied')!.payload).toMatchObject({ replyDue: yDue, repliedOn: s.dateAfter(receivedOn, 30), copiedTo: '烟台市司法局' });
    const row = await s.db('cases').where({ id: yantai.caseId }).first();
    expect([row.stage, row.status]).toEqual(['archived', 'closed']);
  });

  it('a period set by the court replaces Yantai\'s 60 days', async () => {
    const c = await s.createCase('yantai-dept', { stage: 'performance' });
    const receivedOn = await s.today();
    const pi = await recommend(c.caseId, receivedOn, { replyWithinDays: 30 });
    const t = await s.task(pi, 'r_reply');
    expect(t.dueDate!.slice(0, 10)).toBe(await s.expectedDue('yantai', 'judicial-recommendation-reply', receivedOn, 30));
  });

  it('Hunan: a period of 30 days set by the court wins over the 3 months — the task’s due date, both timers and the ledger follow the court', async () => {
    const c = await s.createCase('hunan-dept', { stage: 'performance' });
    const receivedOn = await s.today();
    const pi = await recommend(c.caseId, receivedOn, { replyWithinDays: 30 });
    const due = await s.expectedDue('hunan', 'judicial-recommendation-reply', receivedOn, 30);
    const days = (new Date(due).getTime() - new Date(receivedOn).getTime()) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(30); // 30 days, then the rest-day rule
    expect(days).toBeLessThan(40); // never the province's 3 months

    const t = await s.task(pi, 'r_reply');
    expect(t.dueDate!.slice(0, 10)).toBe(due);
    expect(await s.variable(pi, 'recommendationReplyDueAt')).toBe(`${due}T23:59:59+08:00`);
    expect(await s.variable(pi, 'recommendationReplySource')).toContain('人民法院司法建议书');
    expect(await s.variable(pi, 'recommendationObligationsText')).toContain('纠正违法行政行为'); // 七、（四）'s duties still apply
    expect((await s.deadlines(c.caseId)).filter((d) => d.rule === 'judicial-recommendation-reply').map((d) => d.due)).toEqual([due]);
    // the boundary timers of r_reply: 5 days before (09:00, moved back off rest days) and the end of the period
    const timers = await s.rest.json<{ dueDate: string }[]>('GET', `/job?processInstanceId=${pi}&timers=true`);
    const expected = [reminderAt(await loadCalendar(s.db), due, 5), `${due}T23:59:59+08:00`].map((d) => new Date(d).getTime());
    // the REST API writes the offset as +0800
    expect(timers.map((j) => new Date(j.dueDate.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).getTime()).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
  });
});
