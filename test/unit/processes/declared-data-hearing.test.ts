// processes/hearing.bpmn declares its document, notification and ledger data (data.* headers or a
// named builder, src/workers/data-builders/hearing.ts) instead of FEEL: for every converted task,
// the headers in the diagram give what the FEEL expression of main gave.
import { describe } from 'vitest';
import { declaredDataDrift, without, type DriftCase } from '../../helpers/declared-data-drift.ts';

const caseId = '3f6c1a52-8d0e-4c1b-9a55-2b7d4e0f9c11';

/** The variables of a first-instance hearing in which the head appears (every variable the tasks read). */
const appears = {
  caseId,
  level: 'first',
  hearingKey: 'first',
  hearingAt: '2026-04-15T09:30:00+08:00',
  principalHeadRequired: true,
  headAppearanceRequired: 'principal-head',
  headName: '张建国',
  headPost: '局长',
  headInChargeOf: '全面工作（主要负责人）',
  headAvailability: 'available',
  agents: [
    { name: '孙丽', kind: 'staff', post: '法规科科长', employer: '聊城市市场监督管理局' },
    { name: '王磊', kind: 'lawyer', post: '专职律师', employer: '山东鲁西律师事务所' },
  ],
  documentsSubmittedOn: '2026-04-13',
  headCertificateDocumentId: '9b2e7c40-1f3a-4d8e-b6a2-5c0d9e8f7a61',
  hearingPowerOfAttorneyDocumentId: 'c4d5e6f7-0a1b-4c2d-8e3f-4a5b6c7d8e9f',
  hearingHeldOn: '2026-04-15',
  headAppeared: true,
  appearedHeadName: '张建国',
  principalHeadAppeared: true,
  attendees: '张建国（局长，出庭负责人）、孙丽（法规科科长，委托代理人）',
  transcriptChecked: true,
  transcriptCorrections: '第3页第2行“不予受理”应为“不予立案”。',
};

/** The head cannot appear: a temporary head (a deputy) appears instead, with the written explanation. */
const unable = {
  ...appears,
  principalHeadRequired: false,
  headAppearanceRequired: 'head',
  headName: '刘海涛',
  headPost: '副局长',
  headInChargeOf: '行政执法、法制工作',
  headAvailability: 'unable',
  absenceReason: 'force-majeure',
  absenceReasonText: '突发暴雨致高速封闭，无法按时到庭',
  fallbackOption: 'temporary-head',
  substituteName: '陈晓东',
  substitutePost: '副局长',
  substituteIsHead: true,
  explanationReason: '负责人因不可抗力不能出庭，经主要负责人确定由副局长陈晓东作为临时出庭负责人。',
  headAbsenceExplanationDocumentId: '0e1d2c3b-4a59-4687-9a1b-2c3d4e5f6a7b',
  headAppeared: false,
  appearedHeadName: null,
  principalHeadAppeared: false,
  headAbsenceReportDue: '2026-05-15',
  absenceReportedOn: '2026-05-06',
  absenceReportedTo: '中共聊城市委、聊城市人民政府主要负责人',
};

/** No head appears: the court refused to postpone, staff appear; the decision leaves substituteIsHead unticked. */
const staffAppear = { ...unable, fallbackOption: 'request-postponement', substituteName: '孙丽', substitutePost: '法规科科长', substituteIsHead: false };

/** Only what the call activity hands in: every optional variable is missing. */
const sparse = { caseId, level: 'second', hearingKey: 'second' };

const cases: DriftCase[] = [
  {
    // new with the Tengzhou filing of the head-appearance record (no FEEL before it)
    element: 'h_filing_record',
    feel: '={method: filingMethod, materials: filedMaterials, hearingKey: hearingKey}',
    samples: { filed: { ...appears, filedOn: '2026-04-17', filingMethod: 'email', filedMaterials: ['head-appearance'] }, sparse },
  },
  {
    element: 'h_summons',
    feel: '={hearingDate: substring(hearingAt, 1, 10), hearingTime: substring(hearingAt, 12, 5), requiredHead: if principalHeadRequired then "主要负责人" else "负责人"}',
    samples: {
      principalHead: appears,
      head: { ...appears, principalHeadRequired: false },
      operatonDateTime: { ...appears, hearingAt: '2026-04-15T14:00:00.000+0800' },
      dateOnly: { ...appears, hearingAt: '2026-04-15' },
      sparse,
    },
  },
  {
    element: 'p_unable_notify',
    feel: '={hearingDate: substring(hearingAt, 1, 10), headName: headName, reason: absenceReasonText}',
    samples: { unable, noReasonText: without(unable, 'absenceReasonText'), sparse },
  },
  {
    element: 'p_explanation',
    feel: '={head: {name: headName, post: headPost}, hearingDate: substring(hearingAt, 1, 10), reason: explanationReason, substitute: {name: substituteName, post: substitutePost}}',
    samples: { temporaryHead: unable, staffAppear, noSubstitute: without(unable, 'substituteName', 'substitutePost'), sparse },
  },
  {
    element: 'p_unable_record',
    feel: '={headName: headName, absenceReason: absenceReason, reason: absenceReasonText, fallbackOption: fallbackOption, substitute: {name: substituteName, post: substitutePost, isHead: substituteIsHead = true}, documentId: headAbsenceExplanationDocumentId}',
    samples: { temporaryHead: unable, staffAppear, unticked: without(unable, 'substituteIsHead'), sparse },
  },
  {
    element: 'p_cert',
    feel: '={head: if headAvailability = "available" then {name: headName, post: headPost, inChargeOf: headInChargeOf} else {name: substituteName, post: substitutePost}, hearingDate: substring(hearingAt, 1, 10)}',
    samples: { headAppears: appears, temporaryHead: unable, noInChargeOf: without(appears, 'headInChargeOf'), sparse },
  },
  {
    element: 'p_poa',
    feel: '={agents: for a in agents return {name: a.name, post: a.post, employer: a.employer, kind: a.kind}}',
    samples: {
      twoAgents: appears,
      oneAgentWithoutPost: { ...appears, agents: [{ name: '周强', kind: 'staff', employer: '聊城市市场监督管理局' }] },
      agentWithExtraFields: { ...appears, agents: [{ name: '孙丽', kind: 'staff', post: '法规科科长', employer: '聊城市市场监督管理局', idNumber: '371502198801012345' }] },
      noAgents: { ...appears, agents: [] },
      sparse,
    },
  },
  {
    element: 'p_submit_record',
    feel: '={hearingAt: hearingAt, submittedOn: documentsSubmittedOn, certificateDocumentId: headCertificateDocumentId, powerOfAttorneyDocumentId: hearingPowerOfAttorneyDocumentId}',
    samples: { headAppears: appears, noCertificate: without(staffAppear, 'headCertificateDocumentId'), sparse },
  },
  {
    element: 'p_remind_notify',
    feel: '={hearingDate: substring(hearingAt, 1, 10), hearingTime: substring(hearingAt, 12, 5), reminder: true}',
    samples: { appears, utc: { ...appears, hearingAt: '2026-04-15T01:30:00Z' }, sparse },
  },
  {
    element: 'h_moved_record',
    feel: '={hearingAt: hearingAt, hearingKey: hearingKey}',
    samples: { moved: { ...appears, hearingAt: '2026-04-22T14:30:00+08:00', hearingKey: 'first-2' }, sparse: { caseId } },
  },
  {
    element: 'h_record',
    feel: '={hearingAt: hearingAt, hearingKey: hearingKey, heldOn: hearingHeldOn, headAppearanceRequired: headAppearanceRequired, headAppeared: headAppeared, appearedHeadName: appearedHeadName, principalHeadAppeared: principalHeadAppeared = true, attendees: attendees, transcriptChecked: transcriptChecked, transcriptCorrections: transcriptCorrections}',
    samples: {
      principalHeadAppeared: appears,
      noHeadAppeared: staffAppear,
      temporaryHeadAppeared: { ...unable, headAppeared: true, appearedHeadName: '陈晓东' },
      checkboxesUntouched: without(appears, 'principalHeadAppeared', 'transcriptCorrections'),
      sparse,
    },
  },
  {
    element: 'h_report_remind',
    feel: '={deadlineName: "负责人未出庭情况报告期限", dueDate: headAbsenceReportDue}',
    samples: { unable, sparse },
  },
  {
    element: 'h_report_escalate',
    feel: '={deadlineName: "负责人未出庭情况报告期限", dueDate: headAbsenceReportDue}',
    samples: { unable, sparse },
  },
  {
    element: 'h_report_record',
    feel: '={reportedOn: absenceReportedOn, reportedTo: absenceReportedTo, due: headAbsenceReportDue}',
    samples: { reported: unable, noAddressee: without(unable, 'absenceReportedTo'), sparse },
  },
];

describe('processes/hearing.bpmn: declared data equals the FEEL it replaced', () => {
  declaredDataDrift('processes/hearing.bpmn', cases);
});
