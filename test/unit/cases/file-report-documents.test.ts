// cases.file-report: the documents filed are named by the task header reportDocuments (variable
// names) instead of the FEEL list [answerBriefDocumentId, evidenceListDocumentId] the diagram mapped
// to reportDocumentIds before (copied from answer-and-evidence.bpmn on main).
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.ts';
import { fileReport, reportDocumentIdsOf } from '../../../workers/cases/file-report.ts';
import { feelValue } from '../../helpers/feel-drift.ts';
import { taskHeaders } from '../../helpers/diagram-headers.ts';

const FILE = 'processes/answer-and-evidence.bpmn';
const OLD_FEEL = '=[answerBriefDocumentId, evidenceListDocumentId]';
const both = { answerBriefDocumentId: '0b9e6f0e-1c55-4a8e-8d0e-7f5f3b8d2a01', evidenceListDocumentId: '0b9e6f0e-1c55-4a8e-8d0e-7f5f3b8d2a02', powerOfAttorneyDocumentId: 'x' };

describe('cases.file-report: the documents filed (header reportDocuments)', () => {
  it.each(['w_file_record', 'ae_post_record'])('%s names the answer brief and the evidence list, giving what the FEEL list gave', async (element) => {
    const headers = await taskHeaders(FILE, element);
    expect(headers.reportDocuments).toBe('answerBriefDocumentId,evidenceListDocumentId');
    expect(reportDocumentIdsOf(headers, both)).toEqual(feelValue(OLD_FEEL, both));
    expect(reportDocumentIdsOf(headers, both)).toEqual([both.answerBriefDocumentId, both.evidenceListDocumentId]);
  });

  it('a missing document is an input error naming the variable, where the FEEL list held a null the worker rejected', () => {
    const headers = { reportDocuments: 'answerBriefDocumentId,evidenceListDocumentId' };
    const only = { answerBriefDocumentId: both.answerBriefDocumentId };
    expect(feelValue(OLD_FEEL, only)).toEqual([both.answerBriefDocumentId, null]);
    expect(fileReport.variables!.safeParse({ caseId: '8d1f4a52-2b1e-4f7c-9c3e-0a6b5d4e3f21', reportFiledOn: '2026-03-13', reportRule: 'r', reportDocumentIds: [both.answerBriefDocumentId, null] }).success).toBe(false);
    expect(() => reportDocumentIdsOf(headers, only)).toThrow(InputError);
    const error = (() => {
      try {
        reportDocumentIdsOf(headers, { evidenceListDocumentId: 42 });
      } catch (e) {
        return e as InputError;
      }
      return null;
    })();
    expect(error?.issues.map((i) => i.field)).toEqual(['variables.answerBriefDocumentId', 'variables.evidenceListDocumentId']);
  });

  it('keeps the order of the header, trims spaces, reads dot paths and ids that arrived inside a JSON string', () => {
    expect(reportDocumentIdsOf({ reportDocuments: ' evidenceListDocumentId , answerBriefDocumentId ' }, both)).toEqual([both.evidenceListDocumentId, both.answerBriefDocumentId]);
    expect(reportDocumentIdsOf({ reportDocuments: 'docs.brief' }, { docs: '{"brief":"d-1"}' })).toEqual(['d-1']);
  });

  it('without the header: the list variable reportDocumentIds, else no documents (case registration)', () => {
    expect(reportDocumentIdsOf({}, { reportDocumentIds: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(reportDocumentIdsOf({ reportDocuments: '  ' }, { reportDocumentIds: ['a'] })).toEqual(['a']);
    expect(reportDocumentIdsOf({}, {})).toEqual([]);
    expect(reportDocumentIdsOf({}, { reportDocumentIds: null })).toEqual([]);
  });

  it('the header wins over a reportDocumentIds variable', () => {
    expect(reportDocumentIdsOf({ reportDocuments: 'answerBriefDocumentId' }, { ...both, reportDocumentIds: ['other'] })).toEqual([both.answerBriefDocumentId]);
  });

  it('a header that is not a list of variable names is an input error on the header', () => {
    for (const bad of ['[a, b]', 'a;b', 'a,,b', '=a']) {
      expect(() => reportDocumentIdsOf({ reportDocuments: bad }, both), bad).toThrow(/reportDocuments|变量名/);
    }
  });
});
