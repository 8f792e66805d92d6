// 检察建议 and 规范性文件处理建议书 entered through the case API (POST /api/cases/:id/events) on the real
// engine, after the case is archived: each starts the recommendation process, whose reply deadline
// (the period the recommendation sets), task due date, wording, citation and reply letter follow the
// kind; the reply is made through the task API and recorded in the ledger.
import { describe, expect, it } from 'vitest';
import { computeDeadline } from '../../src/deadlines/engine.ts';
import { loadCalendar } from '../../src/deadlines/ledger.ts';
import { complete, engineToday, performer, outbox, sendEvent, useCaseLifecycle, waitCase, waitPassed, waitTask } from '../helpers/case-lifecycle.ts';
import { reminderAt } from '../../src/deadlines/process-variables.ts';
import { waitUntil } from '../helpers/engine.ts';
import { insertLedgerCase } from '../helpers/test-db.ts';
import { RECOMMENDATION_REPLY } from '../fixtures/recommendation-values.ts';

const ctx = useCaseLifecycle();

async function archivedCase(agencyCode: string): Promise<string> {
  const row = await insertLedgerCase(ctx.db, { agency_id: ctx.agencies.get(agencyCode)!, stage: 'archived', status: 'closed' });
  return row.id;
}

/** Runs the reply through the task API; returns the ledger's record of it and the case's documents. */
async function answer(caseId: string, documentNumber: string, repliedOn: string) {
  await complete(ctx, caseId, 'r_reply', RECOMMENDATION_REPLY(documentNumber));
  await complete(ctx, caseId, 'r_send', { repliedOn });
  await waitPassed(ctx, caseId, 'r_end');
  const event = await ctx.db('case_events').where({ case_id: caseId, type: 'judicial-recommendation-replied' }).first();
  const docs = await ctx.db('documents').where({ case_id: caseId }).select('kind', 'title', 'file_name', 'data');
  return { event, docs };
}

/** The date of the 5-day reminder before a due date (09:00 on a working day). */
const computeReminder = async (due: string) => reminderAt(await loadCalendar(ctx.db), due, 5).slice(0, 10);

const currentDeadlines = async (caseId: string) => ctx.db('case_deadlines').where({ case_id: caseId }).whereNull('superseded_at').select('rule_id', 'name', 'due_on', 'source');

describe('recommendations entered through the case API', () => {
  it('检察建议 (聊城 第三十六条): the procuratorate’s 60 days, its own rule and citation, the reply letter to the procuratorate', async () => {
    const id = await archivedCase('liaocheng-dept');
    const receivedOn = await engineToday(ctx);
    const res = await sendEvent(ctx, id, { type: 'procuratorial-recommendation', receivedOn, replyWithinDays: 60, issuer: '聊城市东昌府区人民检察院' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const due = computeDeadline(await loadCalendar(ctx.db), { profile: 'liaocheng', rule: 'procuratorial-recommendation-reply', trigger: receivedOn, courtSetDays: 60 }).due;

    const task = await waitTask(ctx, id, 'r_reply', { withDue: true });
    expect(task.bpmnProcessId).toBe('judicial-recommendation');
    expect(task.due!.slice(0, 10)).toBe(due);
    const [deadline] = await currentDeadlines(id);
    expect(deadline).toMatchObject({ rule_id: 'procuratorial-recommendation-reply', name: '检察建议回复期限', source: expect.stringContaining('人民检察院检察建议书') });
    expect(String(deadline.due_on)).toBe(due);
    const notice = await waitUntil('the reply notice', async () => (await outbox(ctx, id)).find((n: any) => n.event === 'recommendation.reply-due'));
    expect(notice.subject).toContain('【检察建议】');

    const { event, docs } = await answer(id, '东检行建〔2026〕2号', receivedOn);
    expect(event.payload).toMatchObject({ kind: 'procuratorial', issuer: '聊城市东昌府区人民检察院', replyDue: due, repliedOn: receivedOn });
    const letter = docs.find((d: any) => d.kind === 'procuratorial-recommendation-reply')!;
    expect(letter).toMatchObject({ title: '检察建议回复函', file_name: expect.stringContaining('检察建议回复函') });
    expect(letter.data.recommendation).toMatchObject({ issuer: '聊城市东昌府区人民检察院', documentNumber: '东检行建〔2026〕2号' });
    expect(docs.map((d: any) => d.kind)).not.toContain('judicial-recommendation-reply');
  });

  it('规范性文件处理建议书 (静海 一、（七）): the court’s 30 days, its own rule and citation, the duty to reply within the period, its own reply letter', async () => {
    const id = await archivedCase('jinghai-dept');
    const receivedOn = await engineToday(ctx);
    const res = await sendEvent(ctx, id, { type: 'judicial-recommendation', kind: 'normative-document', receivedOn, replyWithinDays: 30 });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const due = computeDeadline(await loadCalendar(ctx.db), { profile: 'jinghai', rule: 'normative-document-recommendation-reply', trigger: receivedOn, courtSetDays: 30 }).due;

    const task = await waitTask(ctx, id, 'r_reply', { withDue: true });
    expect(task.due!.slice(0, 10)).toBe(due);
    const [deadline] = await currentDeadlines(id);
    expect(deadline).toMatchObject({ rule_id: 'normative-document-recommendation-reply', name: '规范性文件处理建议回复期限', source: expect.stringContaining('规范性文件处理建议书') });
    expect(String(deadline.due_on)).toBe(due);

    const { event, docs } = await answer(id, '（2026）津01司建7号', receivedOn);
    expect(event.payload).toMatchObject({ kind: 'normative-document', replyDue: due });
    expect(docs.find((d: any) => d.kind === 'normative-document-recommendation-reply')).toMatchObject({ title: '规范性文件处理建议书回复函' });
  });

  it('several recommendations on one case (聊城): a 司法建议 and a 检察建议 run side by side, each with its own reply deadline, timers, reply letter and status', async () => {
    const id = await archivedCase('liaocheng-dept');
    const receivedOn = await engineToday(ctx);
    const judicial = await sendEvent(ctx, id, { type: 'judicial-recommendation', receivedOn, replyWithinDays: 45 });
    const procuratorial = await sendEvent(ctx, id, { type: 'procuratorial-recommendation', receivedOn, replyWithinDays: 20, issuer: '聊城市东昌府区人民检察院' });
    expect([judicial.status, procuratorial.status]).toEqual([202, 202]);
    const cal = await loadCalendar(ctx.db);
    const judicialDue = computeDeadline(cal, { profile: 'liaocheng', rule: 'judicial-recommendation-reply', trigger: receivedOn, courtSetDays: 45 }).due;
    const procuratorialDue = computeDeadline(cal, { profile: 'liaocheng', rule: 'procuratorial-recommendation-reply', trigger: receivedOn, courtSetDays: 20 }).due;

    // two reply tasks, one per recommendation, each due on its own date
    const tasks = await waitUntil('both reply tasks', async () => {
      const open = ((await ctx.api.get(`/api/cases/${id}/tasks`)).body as any[]).filter((t) => t.elementId === 'r_reply' && t.due);
      return open.length === 2 ? open : undefined;
    });
    expect(tasks.map((t) => t.due.slice(0, 10)).sort()).toEqual([judicialDue, procuratorialDue].sort());
    expect(new Set(tasks.map((t) => t.processInstanceKey)).size).toBe(2);
    // the ledger holds both deadlines, each on its own trigger key
    const rows = await currentDeadlines(id);
    expect(rows.map((r: any) => [r.rule_id, String(r.due_on)]).sort()).toEqual([['judicial-recommendation-reply', judicialDue], ['procuratorial-recommendation-reply', procuratorialDue]].sort());
    // each process's 5-day reminder timer is on its own date
    for (const t of tasks) {
      const jobs = await ctx.rest.json<{ dueDate: string }[]>('GET', `/job?processInstanceId=${t.processInstanceKey}&activityId=r_reply_t5&timers=true`);
      const due = t.due.slice(0, 10) === judicialDue ? judicialDue : procuratorialDue;
      expect(jobs.map((j) => j.dueDate.slice(0, 10))).toEqual([(await computeReminder(due))]);
    }

    // the 检察建议 is answered first: only its record changes
    const procuratorialTask = tasks.find((t) => t.due.slice(0, 10) === procuratorialDue)!;
    expect((await (await performer(ctx, id)).post(`/api/tasks/${procuratorialTask.key}/complete`).send({ variables: RECOMMENDATION_REPLY('东检行建〔2026〕5号') })).status).toBe(200);
    const send = await waitUntil('the sending task', async () => ((await ctx.api.get(`/api/cases/${id}/tasks`)).body as any[]).find((t) => t.elementId === 'r_send'));
    expect((await (await performer(ctx, id)).post(`/api/tasks/${send.key}/complete`).send({ variables: { repliedOn: receivedOn } })).status).toBe(200);
    const view = await waitCase(ctx, id, 'the 检察建议 replied', (c) => c.recommendations.some((r: any) => r.status === 'replied'));
    expect(view.recommendations.map((r: any) => [r.key, r.kind, r.replyDue, r.status])).toEqual([
      [judicial.body.recommendationKey, 'judicial', judicialDue, 'open'],
      [procuratorial.body.recommendationKey, 'procuratorial', procuratorialDue, 'replied'],
    ]);
    const letter = view.documents.find((d: any) => d.kind === 'procuratorial-recommendation-reply');
    expect(view.recommendations[1]).toMatchObject({ repliedOn: receivedOn, replyDocumentId: letter.id, statusLabel: '已回复' });
    expect(view.recommendations[0]).toMatchObject({ replyDocumentId: null, repliedOn: null });
    expect(((await ctx.api.get(`/api/cases/${id}/tasks`)).body as any[]).filter((t) => t.elementId === 'r_reply').map((t) => t.due.slice(0, 10))).toEqual([judicialDue]);
  });

  it('bad input is a 400 naming the field, and starts nothing', async () => {
    const id = await archivedCase('liaocheng-dept');
    const res = await sendEvent(ctx, id, { type: 'procuratorial-recommendation', receivedOn: await engineToday(ctx), replyWithinDays: 0 });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: any) => f.field).sort()).toEqual(['issuer', 'replyWithinDays']);
    expect(await ctx.db('engine_commands').where({ business_key: id })).toEqual([]);
  });
});
