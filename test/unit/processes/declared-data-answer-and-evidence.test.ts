// processes/answer-and-evidence.bpmn: the data its document, ledger, report and notification tasks
// declare (headers, or the builders in src/workers/data-builders/answer-and-evidence.ts) equals the
// FEEL expressions they mapped before the conversion (copied from the diagram on main).
import { describe, expect, it } from 'vitest';
import { hasDeclaredData } from '../../../src/workers/declared-data.ts';
import { renderDocument } from '../../../workers/documents/render.ts';
import { sampleDocumentData } from '../../fixtures/sample-case.ts';
import { dataBuilders } from '../../../src/workers/data-builders/index.ts';
import { declaredDataDrift, withJsonStrings } from '../../helpers/declared-data-drift.ts';
import { taskHeaders } from '../../helpers/diagram-headers.ts';

const FILE = 'processes/answer-and-evidence.bpmn';
const brief = sampleDocumentData['answer-brief'];

// what the forms answer-draft, evidence-extension and justice-bureau-filing produce, with the
// dates the deadline engine computed and the documents rendered so far
const full = {
  answerDue: '2026-03-17',
  answerPreparationDue: '2026-03-12',
  answerFilingDue: '2026-03-24',
  leadersReportedOn: '2026-03-11',
  leadersReportedTo: '区人民政府分管副区长',
  leadersReportSummary: '答辩准备工作已完成，法定代表人身份证明书、授权委托书已制作。',
  evidenceExtensionApplicationDue: '2026-03-17',
  extensionAppliedOn: '2026-03-10',
  extensionReason: '相关执法记录仪视频存储于省级平台，因系统升级暂时无法调取。',
  extensionRequestedUntil: '2026-03-31',
  pendingEvidence: [{ name: '现场执法记录仪视频' }, { name: '抽样检验报告原件' }],
  extensionDocumentId: '3f1c2a9e-5b7d-4c1e-9a2f-6d8e0b4c7a11',
  // the answer brief and evidence list of the sample case, as the answer-draft form holds them
  claims: brief.claims,
  facts: brief.facts,
  objections: ['no-standing', 'out-of-time'],
  objectionReasoning: '原告并非被诉行政行为的相对人，且起诉已超过法定起诉期限。',
  legalBasis: brief.legalBasis,
  answerArguments: brief.arguments,
  answerRequest: brief.request,
  evidenceItems: (sampleDocumentData['evidence-list'].groups as { items: unknown[] }[]).flatMap((g) => g.items),
  agents: brief.agents,
  answerBriefDocumentId: '0b9e6f0e-1c55-4a8e-8d0e-7f5f3b8d2a01',
  evidenceListDocumentId: '0b9e6f0e-1c55-4a8e-8d0e-7f5f3b8d2a02',
  legalRepresentativeCertificateDocumentId: '0b9e6f0e-1c55-4a8e-8d0e-7f5f3b8d2a03',
  powerOfAttorneyDocumentId: '0b9e6f0e-1c55-4a8e-8d0e-7f5f3b8d2a04',
  filedOn: '2026-03-13',
  filingMethod: 'platform',
  filedMaterials: ['answer', 'evidence-list'],
};
// optional fields left empty: no objection reasoning, no pending evidence, no agents, no documents yet
const sparse = {
  answerDue: '2026-03-17',
  claims: '请求确认被告不予受理行为违法。',
  objections: ['wrong-defendant'],
  extensionReason: '不可抗力',
  answerBriefDocumentId: '0b9e6f0e-1c55-4a8e-8d0e-7f5f3b8d2a01',
  filingMethod: 'email',
};
// edge cases of the expressions' logic: an empty reasoning is still a reasoning, empty lists stay
// lists, a list item without a name gives null
const edges = { objections: [], objectionReasoning: '', pendingEvidence: [{ name: '鉴定意见' }, {}], agents: [], evidenceItems: [], filedMaterials: [] };
const edges2 = { objections: ['duplicate-suit', 'other-requirements'], objectionReasoning: '', pendingEvidence: [] };

const deadline = (element: string, name: string, variable: string) => ({ element, feel: `={deadlineName: "${name}", dueDate: ${variable}}`, samples: [full, {}] });

declaredDataDrift(FILE, [
  {
    element: 'w_ext_doc',
    feel: '={reason: extensionReason, evidencePeriodEnds: evidenceExtensionApplicationDue, requestedUntil: extensionRequestedUntil, pendingEvidence: (for p in pendingEvidence return p.name), date: extensionAppliedOn}',
    samples: [full, sparse, edges, edges2, {}],
  },
  {
    element: 'w_ext_record',
    feel: '={appliedOn: extensionAppliedOn, requestedUntil: extensionRequestedUntil, evidencePeriodEnds: evidenceExtensionApplicationDue, documentId: extensionDocumentId}',
    samples: [full, sparse],
  },
  {
    element: 'w_doc_answer',
    feel: '={claims: claims, facts: facts, legalBasis: legalBasis, arguments: answerArguments, objections: (for o in objections return {ground: o, reasoning: (if objectionReasoning != null then objectionReasoning else "详见答辩理由")}), request: answerRequest, agents: agents}',
    samples: [full, sparse, edges, edges2, {}],
  },
  {
    // since issue 12: grouped by category (items without one under 其他证据), the legal basis as the 法律依据清单
    element: 'w_doc_evidence',
    feel: '={groups: (for c in [{key: "authority", title: "职权依据"}, {key: "facts", title: "事实证据"}, {key: "procedure", title: "程序证据"}, {key: "other", title: "其他证据"}] return {title: c.title, items: evidenceItems[(if list contains(["authority", "facts", "procedure"], item.category) then item.category else "other") = c.key]})[count(item.items) > 0], normativeBasis: legalBasis}',
    samples: { full, categorised: { ...full, evidenceItems: [{ name: '询问笔录', category: 'facts' }, { name: '职权文件', category: 'authority' }, { name: '送达回证', category: 'procedure' }, { name: '照片', category: 'facts' }] }, empty: edges },
  },
  {
    // Hunan (HN 四、（二）): the proposed head and the principal head's decision
    element: 'w_head_record',
    feel: '={proposedName: headCandidateName, proposedPost: headCandidatePost, proposalReason: headCandidateReason, decision: headCandidateDecision, decidedName: decidedHeadName, decidedPost: decidedHeadPost}',
    samples: [{ headCandidateName: '刘建华', headCandidatePost: '副厅长', headCandidateReason: '分管被诉征收工作', headCandidateDecision: 'approve', decidedHeadName: '刘建华', decidedHeadPost: '副厅长' }, {}],
  },
  { element: 'w_doc_rep', feel: '={}', samples: [full, {}] },
  { element: 'w_doc_poa', feel: '={agents: agents}', samples: [full, sparse, edges] },
  {
    element: 'w_prepared',
    feel: '={documents: [answerBriefDocumentId, evidenceListDocumentId, legalRepresentativeCertificateDocumentId, powerOfAttorneyDocumentId]}',
    samples: [full, sparse],
  },
  { element: 'w_file_record', feel: '={method: filingMethod, materials: filedMaterials}', samples: [full, sparse, edges] },
  { element: 'w_leaders_record', feel: '={reportedOn: leadersReportedOn, reportedTo: leadersReportedTo, summary: leadersReportSummary, due: answerPreparationDue}', samples: [full, {}] },
  deadline('w_n5', '答辩举证期限', 'answerDue'),
  deadline('w_n2', '答辩举证期限', 'answerDue'),
  deadline('w_n0', '答辩举证期限', 'answerDue'),
  deadline('w_escalate', '答辩举证期限', 'answerDue'),
  deadline('w_prep_escalate', '答辩准备期限', 'answerPreparationDue'),
  deadline('w_prep_remind', '答辩准备参照期限（可以参照区人民政府时限）', 'answerPreparationDue'),
  deadline('ae_post_escalate', '答辩后备案期限', 'answerFilingDue'),
  { element: 'ae_post_record', feel: '={method: filingMethod, materials: filedMaterials}', samples: [full, sparse, edges] },
]);

describe(`${FILE}: w_doc_rep (法定代表人身份证明书) declares no data`, () => {
  it('leaves documentData unset, which the render module reads as the {} the diagram mapped', async () => {
    const headers = await taskHeaders(FILE, 'w_doc_rep');
    expect(hasDeclaredData(headers)).toBe(false);
    expect(renderDocument.variables!.parse({ caseId: '8d1f4a52-2b1e-4f7c-9c3e-0a6b5d4e3f21' })).toMatchObject({ documentData: {} });
  });
});

describe(`${FILE}: w_doc_answer with the objection rows of the form`, () => {
  it('gives each objection its own reasoning; a row without one falls back to the shared text or the stock phrase', () => {
    const rows = [
      { ground: 'out-of-time', reasoning: '补偿决定于2026年5月25日送达，原告于9月22日起诉，已超过六个月。' },
      { ground: 'no-standing', reasoning: null },
    ];
    const data = dataBuilders.answerBrief!(withJsonStrings({ ...full, objections: rows, objectionReasoning: null }));
    expect(data.objections).toEqual([
      { ground: 'out-of-time', reasoning: rows[0]!.reasoning },
      { ground: 'no-standing', reasoning: '详见答辩理由' },
    ]);
  });
});
