// db tier: the worker cases.request-unit-answers on the ledger — for the reconsideration organ as
// co-defendant it writes one ledger event and one engine outbox command per unit and level (the
// command's variables make the unit the new instance's tenant); a redelivered job writes nothing new.
import { afterEach, describe, expect, it } from 'vitest';
import { assignUnits } from '../../../workers/cases/assign-responding-units.ts';
import { UNIT_ANSWER_MESSAGE, requestUnitAnswers } from '../../../workers/cases/request-unit-answers.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import type { WorkerModule } from '../../../src/workers/worker-module.ts';
import { applyStageChange } from '../../../src/cases/case-store.ts';
import { UNIT_ANSWER_ENDED_MESSAGE, pendingUnitAnswers } from '../../../src/cases/unit-answers.ts';
import { insertLedgerCase, useTestDb } from '../../helpers/test-db.ts';

const db = useTestDb();
let jobs = 0;
async function run(worker: WorkerModule, variables: Record<string, unknown>, key = String(2251799813900000 + ++jobs)) {
  const parsed = worker.variables ? worker.variables.parse(variables) : variables;
  return (await worker.handle({ key, type: worker.jobType, processInstanceKey: 'pi-1', bpmnProcessId: 'answer-and-evidence', elementId: 'ae_unit_answers', retries: 3, variables: parsed, customHeaders: {}, activatedAt: new Date() }, { db } as never)) as Record<string, any>;
}
// the database is shared by the db files of a run: the commands left pending here would be dispatched
// by the outbox tests, so each test removes the ones its cases enqueued
const cases: string[] = [];
afterEach(async () => {
  await db('engine_commands').whereIn('business_key', cases.splice(0)).delete();
});
const agency = async (code: string) => (await db('agencies').where({ code }).first('id', 'name')) as { id: string; name: string };
const answer = { answerDue: '2026-03-17', answerDueAt: '2026-03-17T23:59:59+08:00', answerEscalateAt: '2026-03-16T09:00:00+08:00' };

describe('cases.request-unit-answers (ae_unit_answers)', () => {
  it('the organ as co-defendant: one event and one outbox command per unit and level, in the unit\'s tenant; idempotent', async () => {
    await seedDemoRegion(db);
    const [dept, gov, justice] = await Promise.all([agency('hunan-dept'), agency('hunan-gov'), agency('hunan-justice')]);
    const row = await insertLedgerCase(db, { agency_id: dept.id, act_agency_id: dept.id, reconsideration_status: 'organ-co-defendant', reconsideration_organ_id: gov.id });
    cases.push(row.id);
    await run(assignUnits, { caseId: row.id });

    const out = await run(requestUnitAnswers, { caseId: row.id, level: 'first', ...answer });
    expect(out).toEqual({ unitAnswerCount: 1, unitAnswerUnitNames: `${justice.name}（行政复议决定及复议程序）` });
    await run(requestUnitAnswers, { caseId: row.id, level: 'first', ...answer }); // redelivered / run again
    const commands = await db('engine_commands').where({ business_key: row.id, message_name: UNIT_ANSWER_MESSAGE });
    expect(commands).toHaveLength(1);
    const variables = typeof commands[0].variables === 'string' ? JSON.parse(commands[0].variables) : commands[0].variables;
    expect(variables).toMatchObject({
      caseId: row.id,
      agencyId: justice.id,
      answeringAgencyId: gov.id,
      defendantAgencyId: dept.id,
      level: 'first',
      unitDraftGroup: 'justice-bureau',
      unitApprovalGroup: 'justice-bureau',
      answerDueAt: answer.answerDueAt,
      answeringAgency: { name: gov.name },
    });
    expect(await db('case_events').where({ case_id: row.id, type: 'unit-answer-requested' })).toHaveLength(1);

    // second instance: the organ answers the appeal too, its own instance
    await run(requestUnitAnswers, { caseId: row.id, level: 'second', ...answer, answerDue: '2026-09-22', answerDueAt: '2026-09-22T23:59:59+08:00' });
    expect(await db('engine_commands').where({ business_key: row.id, message_name: UNIT_ANSWER_MESSAGE })).toHaveLength(2);
  });

  it('no reconsideration: nothing is requested', async () => {
    await seedDemoRegion(db);
    const dept = await agency('hunan-dept');
    const row = await insertLedgerCase(db, { agency_id: dept.id });
    cases.push(row.id);
    await run(assignUnits, { caseId: row.id });
    expect(await run(requestUnitAnswers, { caseId: row.id, level: 'first', ...answer })).toEqual({ unitAnswerCount: 0, unitAnswerUnitNames: '' });
    expect(await db('engine_commands').where({ business_key: row.id })).toEqual([]);
    expect(await db('case_events').where({ case_id: row.id, type: 'unit-answer-requested' })).toEqual([]);
  });

  it('a case that ends early ends the answers still open — only those (settled here)', async () => {
    await seedDemoRegion(db);
    const [dept, gov, justice] = await Promise.all([agency('hunan-dept'), agency('hunan-gov'), agency('hunan-justice')]);
    const row = await insertLedgerCase(db, { agency_id: dept.id, act_agency_id: dept.id, reconsideration_status: 'organ-co-defendant', reconsideration_organ_id: gov.id });
    cases.push(row.id);
    await run(assignUnits, { caseId: row.id });
    await run(requestUnitAnswers, { caseId: row.id, level: 'first', ...answer });
    await run(requestUnitAnswers, { caseId: row.id, level: 'second', ...answer });
    // the first-instance answer was submitted; the second's is open
    await db('case_events').insert({ case_id: row.id, type: 'unit-answer-submitted', payload: JSON.stringify({ level: 'first', unitAgencyId: justice.id }), actor: 'test', occurred_at: new Date() });
    expect(await pendingUnitAnswers(db, row.id)).toEqual([{ level: 'second', unitAgencyId: justice.id }]);
    const change = { caseId: row.id, jobKey: 'job-settled', processInstanceKey: 'pi-main', bpmnProcessId: 'case-lifecycle', stage: 'closed', status: 'settled', settlementStatus: 'settled' };
    await applyStageChange(db, change);
    await applyStageChange(db, change); // redelivered
    const ended = await db('engine_commands').where({ business_key: row.id, message_name: UNIT_ANSWER_ENDED_MESSAGE });
    expect(ended).toHaveLength(1);
    expect(ended[0].idempotency_key).toBe(`unit-answer-ended:${row.id}:second:${justice.id}`);
  });
});

