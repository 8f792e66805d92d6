// DB tier: the answer date of each instance is kept (case_answers), so the late-answer figure can
// compare the first-instance answer with its deadline after the second-instance answer replaced
// cases.answer_submitted_on.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applyStageChange } from '../../../src/cases/case-store.ts';
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
});
