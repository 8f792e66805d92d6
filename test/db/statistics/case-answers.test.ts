// DB tier: the facts the statistics read, as the ledger's own writer (applyStageChange) records
// them — the answer date of each instance (case_answers: the late-answer figure compares the
// first-instance answer with its deadline after the second-instance answer replaced
// cases.answer_submitted_on), and the stage change that dates a settlement.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyStageChange } from '../../../src/cases/case-store.ts';
import { shanghaiDateOf } from '../../../src/deadlines/dates.ts';
import { computeFiguresSql } from '../../../src/statistics/figures-sql.ts';
import { insertLedgerCase, useTestDb } from '../../helpers/test-db.ts';

const db = useTestDb();

describe('case_answers', () => {
  it('records the answer of each instance; a redelivered job changes nothing; the case row keeps the latest', async () => {
    const [agency] = await db('agencies').insert({ code: `answers-${randomUUID().slice(0, 8)}`, name: '答辩记录测试局', kind: 'department', level: 'city' }).returning('id');
    const row = await insertLedgerCase(db, { agency_id: agency.id });
    const step = { caseId: row.id, processInstanceKey: 'pi-answers', bpmnProcessId: 'answer-and-evidence' };
    await applyStageChange(db, { ...step, jobKey: `a1-${row.id}`, stage: 'hearing', answerSubmittedOn: '2026-03-14' });
    await applyStageChange(db, { ...step, jobKey: `a1-${row.id}`, stage: 'hearing', answerSubmittedOn: '2026-03-20' });
    await applyStageChange(db, { ...step, jobKey: `lv-${row.id}`, stage: 'second-instance', level: 'second' });
    await applyStageChange(db, { ...step, jobKey: `a2-${row.id}`, stage: 'hearing', answerSubmittedOn: '2026-07-02' });
    const answers = await db('case_answers').where({ case_id: row.id }).orderBy('level').select('level', 'submitted_on');
    expect(answers).toEqual([
      { level: 'first', submitted_on: '2026-03-14' },
      { level: 'second', submitted_on: '2026-07-02' },
    ]);
    expect((await db('cases').where({ id: row.id }).first('answer_submitted_on')).answer_submitted_on).toBe('2026-07-02');
  });

  it('a settlement recorded by the stage change closes the case that day (Shanghai) in the figures', async () => {
    const [agency] = await db('agencies').insert({ code: `settled-${randomUUID().slice(0, 8)}`, name: '和解统计测试局', kind: 'department', level: 'city' }).returning('id');
    const row = await insertLedgerCase(db, { agency_id: agency.id, complaint_received_on: '2025-12-20' });
    await applyStageChange(db, { caseId: row.id, processInstanceKey: 'pi-settled', bpmnProcessId: 'case-lifecycle', jobKey: `s-${row.id}`, stage: 'closed', status: 'settled', settlementStatus: 'settled' });
    const today = shanghaiDateOf(new Date());
    const figures = await computeFiguresSql(db, { agencyIds: [agency.id], from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31`, asOf: today });
    expect(figures['cases-closed']).toMatchObject({ value: 1, caseIds: [row.id] });
    expect(figures['settlement-rate']).toMatchObject({ numerator: 1, denominator: 1 });
    const day = await computeFiguresSql(db, { agencyIds: [agency.id], from: today, to: today, asOf: today });
    expect(day['cases-closed']?.caseIds).toEqual([row.id]);
  });
});
