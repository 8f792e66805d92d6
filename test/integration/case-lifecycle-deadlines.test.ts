// Scenarios 5 and 6: no draft as the answer deadline approaches (reminders at T-5 and T-2, the 督办
// one working day before the last day, due today — all timers on computed dates); an evidence-period extension
// requested before the period expires, with its own path and document.
import { describe, expect, it } from 'vitest';
import { loadCalendar, listCaseDeadlines } from '../../src/deadlines/ledger.ts';
import { deadlineProcessVariables } from '../../src/deadlines/process-variables.ts';
import { DRAFT, NO_RISK, REGISTRATION, advanceTo, personIds, caseBody, caseView, complete, performer, createCase, documents, engineToday, outbox, passed, sendEvent, useCaseLifecycle, waitCase, waitPassed, waitTask } from '../helpers/case-lifecycle.ts';
import { caseInstanceIds, engineClock, waitUntil } from '../helpers/engine.ts';

const ctx = useCaseLifecycle();
/** Calendar days from the Shanghai date of a +08:00 instant to a date. */
const daysBetween = (at: string, due: string) => (Date.parse(`${due}T00:00:00Z`) - Date.parse(`${at.slice(0, 10)}T00:00:00Z`)) / 86_400_000;
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function untilOutbox(caseId: string, event: string) {
  return waitUntil(`${event} in the outbox`, async () => {
    const rows = (await outbox(ctx, caseId)).filter((r) => r.event === event);
    return rows.length ? rows : undefined;
  });
}

/** When the engine will fire a waiting timer: its job's due date. */
async function timerDue(caseId: string, elementId: string): Promise<Date | undefined> {
  for (const i of await caseInstanceIds(ctx.rest, caseId)) {
    const jobs = await ctx.rest.json<{ dueDate: string | null }[]>('GET', `/job?processInstanceId=${i.id}&activityId=${elementId}&timers=true`);
    // the engine writes the offset without a colon (+0800)
    if (jobs[0]?.dueDate) return new Date(jobs[0].dueDate.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  }
  return undefined;
}

/** The timer is waiting or has fired (two reminders can share an instant when a due date is a rest day). */
async function timerReached(caseId: string, elementId: string) {
  await waitUntil(`${elementId} reached`, async () => (await passed(ctx, caseId, elementId, 'ACTIVE')) + (await passed(ctx, caseId, elementId, 'COMPLETED')) > 0);
}

describe('case life cycle, part 1: deadlines', () => {
  it('5: no draft — reminders at T-5 and T-2 with the real days left, the 督办 one working day before the last day at 09:00 (not at its 23:59:59), then due today', async () => {
    const started = Date.now();
    const today = await engineToday(ctx);
    const { id } = await createCase(ctx, caseBody(ctx, 'liaocheng-dept', today));
    await complete(ctx, id, 'reg_register', REGISTRATION(today));
    await complete(ctx, id, 'ps_assess', NO_RISK);
    await waitTask(ctx, id, 'w_draft');
    // the timer instants are the deadline engine's: the same values the worker gave the process
    const vars = deadlineProcessVariables(await loadCalendar(ctx.db), await listCaseDeadlines(ctx.db, id)) as Record<string, string>;
    expect(vars.answerDue).toBe((await caseView(ctx, id)).deadlines.find((d: any) => d.rule === 'answer-and-evidence').due);
    const before = (await outbox(ctx, id)).map((r) => r.event);
    expect(before).not.toContain('deadline.reminder-5');

    await timerReached(id, 'w_t5');
    await advanceTo(ctx, vars.answerRemindT5At!);
    const t5 = await untilOutbox(id, 'deadline.reminder-5');
    expect(t5[0]!.subject).toContain(`答辩举证期限还有${daysBetween(vars.answerRemindT5At!, vars.answerDue!)}日届满`);
    expect((await outbox(ctx, id)).map((r) => r.event)).not.toContain('deadline.reminder-2');

    await timerReached(id, 'w_t2');
    await advanceTo(ctx, vars.answerRemindT2At!);
    const t2 = await untilOutbox(id, 'deadline.reminder-2');
    // T-2 moved back off a rest day says what is really left (from 2026-03-02: due Tuesday 03-17, T-2 on Friday 03-13: 4 days)
    expect(t2[0]!.subject).toContain(`答辩举证期限还有${daysBetween(vars.answerRemindT2At!, vars.answerDue!)}日届满`);
    // T-5 the handlers; T-2 the legal-affairs body as well (src/notifications/rules.ts)
    const [legal] = await personIds(ctx, 'liaocheng-dept-legal');
    expect(t2.map((r) => r.recipient_person_id)).toContain(legal);
    expect(t5.map((r) => r.recipient_person_id)).not.toContain(undefined);
    expect((await outbox(ctx, id)).map((r) => r.event)).not.toContain('deadline.escalation');

    // the 督办 timer waits for the profile's instant (national: the last working day before, 09:00), not the due instant
    await timerReached(id, 'w_escalation_timer');
    expect(vars.answerEscalateAt!.slice(11)).toBe('09:00:00+08:00');
    expect(vars.answerEscalateAt! < vars.answerRemindT0At!).toBe(true);
    expect(await timerDue(id, 'w_escalation_timer')).toEqual(new Date(vars.answerEscalateAt!));
    await advanceTo(ctx, vars.answerEscalateAt!);
    const escalation = await untilOutbox(id, 'deadline.escalation');
    // fired while the period still runs: the engine's clock is a minute past the 督办 instant, a day and more before 23:59:59
    expect((await engineClock.now(ctx.config)).getTime()).toBeLessThan(new Date(vars.answerDueAt!).getTime() - 12 * 3_600_000);
    expect(escalation[0]!.subject).toContain(`答辩举证期限还有${daysBetween(vars.answerEscalateAt!, vars.answerDue!)}日届满，尚未办结`);
    // the last day is tomorrow on the engine's clock: the 督办 respects do-not-disturb (urgent only from the last day)
    expect(escalation.every((r) => !r.urgent)).toBe(true);
    // 督办: the heads and the justice bureau are told too
    const heads = await personIds(ctx, 'liaocheng-dept-deputy', 'liaocheng-dept-head', 'liaocheng-justice-staff');
    expect(escalation.map((r) => r.recipient_person_id)).toEqual(expect.arrayContaining(heads));
    expect((await outbox(ctx, id)).map((r) => r.event)).not.toContain('deadline.due-today');

    await timerReached(id, 'w_t0');
    await advanceTo(ctx, vars.answerRemindT0At!);
    await untilOutbox(id, 'deadline.due-today');
    await waitPassed(ctx, id, 'w_escalated');
    // nothing waits for the due instant any more: no 23:59:59 escalation
    expect((await outbox(ctx, id)).map((r) => r.event)).not.toContain('deadline.overdue');
    // the draft is still open
    expect(await passed(ctx, id, 'w_draft', 'ACTIVE')).toBe(1);
    const view = await caseView(ctx, id);
    expect(view.deadlines.find((d: any) => d.rule === 'answer-and-evidence').status).toMatch(/OK|PROVISIONAL/);
    expect((await sendEvent(ctx, id, { type: 'withdrawn', on: await engineToday(ctx) })).status).toBe(202);
    await waitCase(ctx, id, 'withdrawn', (c) => c.status === 'withdrawn');
    console.log(`scenario 5 (reminders and escalation): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('6: an evidence-period extension is requested before the period expires, with its application document', async () => {
    const started = Date.now();
    const today = await engineToday(ctx);
    const { id } = await createCase(ctx, caseBody(ctx, 'liaocheng-dept', today));
    await complete(ctx, id, 'reg_register', REGISTRATION(today));
    await complete(ctx, id, 'ps_assess', NO_RISK);
    await complete(ctx, id, 'w_draft', { ...DRAFT, needsEvidenceExtension: true });
    const ext = await waitTask(ctx, id, 'w_ext', { withDue: true });
    const period = (await caseView(ctx, id)).deadlines.find((d: any) => d.rule === 'evidence-extension-application');
    expect(ext.due?.slice(0, 10)).toBe(period.due);
    expect(today <= period.due).toBe(true);

    // the form decides what the API accepts: missing fields and unknown keys are named
    const bad = await (await performer(ctx, id)).post(`/api/tasks/${ext.key}/complete`).send({ variables: { extensionAppliedOn: 'tomorrow', pendingEvidence: [{}], caseId: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: any) => f.field).sort()).toEqual(
      ['variables.caseId', 'variables.extensionAppliedOn', 'variables.extensionReason', 'variables.extensionRequestedUntil', 'variables.pendingEvidence.0.name'].sort(),
    );
    await complete(ctx, id, 'w_ext', {
      extensionAppliedOn: today,
      extensionReason: '部分执法档案因档案室搬迁暂无法调取，属于正当事由。',
      extensionRequestedUntil: addDays(today, 30),
      pendingEvidence: [{ name: '原始执法档案' }],
    });
    const view = await waitCase(ctx, id, 'the extension to be recorded', (c) => c.events.some((e: any) => e.type === 'evidence-extension-requested'));
    const event = view.events.find((e: any) => e.type === 'evidence-extension-requested');
    expect(event.payload).toMatchObject({ appliedOn: today, evidencePeriodEnds: period.due });
    const docs = await documents(ctx, id);
    expect(docs.filter((d) => d.kind === 'evidence-extension-application').map((d) => d.format).sort()).toEqual(['docx', 'pdf']);
    expect(event.payload.documentId).toBe(view.documents.find((d: any) => d.kind === 'evidence-extension-application' && d.format === 'pdf').id);
    // the extension path rejoins the answer: legal counsel reviews next
    await waitTask(ctx, id, 'w_review');
    await waitPassed(ctx, id, 'w_ext_doc');
    expect((await sendEvent(ctx, id, { type: 'withdrawn', on: today })).status).toBe(202);
    await waitCase(ctx, id, 'withdrawn', (c) => c.status === 'withdrawn');
    console.log(`scenario 6 (evidence extension): ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});
