// cases.file-report against the real ledger, through the job runner as the engine drives it: the
// documents named by the header reportDocuments are written to the report and its case event, in
// the header's order; a missing one fails the job without retries and writes nothing.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { runJob } from '../../../src/workers/job-outcome.ts';
import { fileReport } from '../../../workers/cases/file-report.ts';
import { insertSampleCase } from '../../fixtures/sample-case.ts';
import { useTestDb } from '../../helpers/test-db.ts';

const db = useTestDb();
const deps = { config: loadConfig(), db, logger: pino({ level: 'silent' }) };

function engineJob(key: string, variables: Record<string, unknown>, customHeaders: Record<string, string>) {
  const actions: { action: string; arg: any }[] = [];
  const record = (action: string) => async (arg: any) => void actions.push({ action, arg });
  const job = {
    key, type: 'cases.file-report', processInstanceKey: '2251799813000077', bpmnProcessId: 'answer-and-evidence', elementId: 'w_file_record', retries: 3,
    variables, customHeaders, complete: record('complete'), fail: record('fail'), error: record('error'),
  };
  return { job, actions };
}

// the headers of w_file_record in answer-and-evidence.bpmn
const headers = { reportKind: 'justice-bureau-filing', timing: 'before-answer', reportDocuments: 'answerBriefDocumentId,evidenceListDocumentId', 'data.method': '=filingMethod', 'data.materials': '=filedMaterials' };
const brief = '0b9e6f0e-1c55-4a8e-8d0e-7f5f3b8d2a01';
const evidence = '0b9e6f0e-1c55-4a8e-8d0e-7f5f3b8d2a02';

describe('cases.file-report worker', () => {
  it('records the documents the header names, in its order, with the declared payload', async () => {
    const { caseId } = await insertSampleCase(db, '9301');
    const variables = { caseId, reportFiledOn: '2026-03-13', reportDueOn: '2026-03-17', reportRule: 'LC Art. 13', answerBriefDocumentId: brief, evidenceListDocumentId: evidence, filingMethod: 'platform', filedMaterials: ['answer'] };
    const { job, actions } = engineJob('2251799813009301', variables, headers);
    await runJob(fileReport, job, deps);
    expect(actions.map((a) => a.action)).toEqual(['complete']);
    const report = await db('case_reports').where({ case_id: caseId }).first();
    expect(report.document_ids).toEqual([brief, evidence]);
    expect(report.payload).toEqual({ method: 'platform', materials: ['answer'] });
    expect(actions[0]!.arg).toMatchObject({ reportId: String(report.id) });
    const event = await db('case_events').where({ case_id: caseId, type: 'justice-bureau-filing' }).first();
    expect(event.payload.documentIds).toEqual([brief, evidence]);
  });

  it('a document the header names but the case lacks: an incident (no retries) naming it, nothing written', async () => {
    const { caseId } = await insertSampleCase(db, '9302');
    const variables = { caseId, reportFiledOn: '2026-03-13', reportRule: 'LC Art. 13', answerBriefDocumentId: brief };
    const { job, actions } = engineJob('2251799813009302', variables, headers);
    await runJob(fileReport, job, deps);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ action: 'fail', arg: { retries: 0 } });
    expect(actions[0]!.arg.errorMessage).toContain('evidenceListDocumentId');
    expect(await db('case_reports').where({ case_id: caseId })).toHaveLength(0);
  });

  it('without the header (case registration): no documents', async () => {
    const { caseId } = await insertSampleCase(db, '9303');
    const { job, actions } = engineJob('2251799813009303', { caseId, reportFiledOn: '2026-03-13', reportRule: 'LC Art. 13' }, { reportKind: 'justice-bureau-filing', timing: 'after-receipt' });
    await runJob(fileReport, job, deps);
    expect(actions.map((a) => a.action)).toEqual(['complete']);
    expect((await db('case_reports').where({ case_id: caseId }).first()).document_ids).toEqual([]);
  });
});
