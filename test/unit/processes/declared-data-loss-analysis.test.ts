// processes/loss-analysis.bpmn declares its documents, notices and ledger events as data instead of
// FEEL maps: each converted element against the expression it had on main.
import { declaredDataDrift } from '../../helpers/declared-data-drift.ts';

// what the forms, the deadlines job and the judgment leave in a case that was lost
const lost = {
  judgmentKind: 'judgment',
  judgmentServedOn: '2026-02-09',
  effectiveOn: '2026-02-25',
  lossAnalysisReportDue: '2026-03-27',
  reportAddressee: '示例市司法局',
  judgmentDocumentNumber: '（2025）示01行初123号',
  judgmentSummary: '撤销被告作出的示市监罚〔2025〕112号行政处罚决定，责令被告于判决生效之日起六十日内重新作出行政行为。',
  lossReasons: [{ reason: '认定事实的主要证据不足' }, { reason: '未依法告知听证权利，程序违法' }],
  problems: '执法人员对证据规则掌握不够，法制审核流于形式。',
  measures: [{ measure: '组织执法人员开展证据规则专题培训' }, { measure: '修订重大执法决定法制审核办法' }, { measure: '对同类案件开展案卷评查' }],
  responsibility: '承办人员未履行告知义务，法制审核人员未发现程序问题。',
  reportSubmittedOn: '2026-03-20',
  lossAnalysisReportDocumentId: '0b7e2c1a-4f3d-4a8e-9c61-2d5f7a9e3b10',
  decisionOn: '2026-04-02',
  accountabilityFindings: '承办人员在作出处罚决定前未告知当事人听证权利，致使行政行为被撤销。',
  accountabilityBasis: '《行政机关工作人员行政过错责任追究办法》第十二条',
  accountabilityProposal: '建议对承办人员予以诫勉谈话，对法制审核人员予以批评教育。',
  accountablePersons: [
    { name: '张伟', post: '执法一大队科员', unit: '示例市市场监督管理局' },
    { name: '李娜', post: '法制科副科长', unit: '示例市市场监督管理局' },
  ],
  accountabilityLetterDue: '2026-04-16',
  letterIssuer: '示例市人民政府行政复议与应诉办公室',
  letterDocumentNumber: '示府应诉函〔2026〕7号',
  letterAddressee: '中共示例市委组织部',
  letterCopyTo: '示例市中级人民法院',
  letterSentOn: '2026-04-10',
  accountabilityLetterDocumentId: '5a1d9f0e-7c2b-4e6a-8f3d-1b9c0e7a2d44',
  repeatedLossAnalysis: '同一执法领域一年内三次败诉，主要集中在程序违法。',
  repeatedLossMeasures: '建立执法程序清单，重大案件一律经法制审核。',
  repeatedLossReportedOn: '2026-04-20',
  enterpriseSeminarYear: 2025,
  seminarHeldOn: '2026-04-28',
  seminarConclusion: '涉企处罚应先行教育提示，审慎适用顶格处罚。',
};
// a form submitted with only what it requires, the rest never entered
const sparse = { judgmentKind: 'ruling', lossAnalysisReportDue: '2026-03-27', decisionOn: '2026-04-02', letterSentOn: '2026-04-10' };
const common = { 'every variable present': lost, 'optional variables missing': sparse, 'nothing entered': {} };

declaredDataDrift('processes/loss-analysis.bpmn', [
  {
    element: 'l_report_escalate',
    feel: '={deadlineName: "败诉分析报告期限", dueDate: lossAnalysisReportDue}',
    samples: common,
  },
  {
    element: 'l_report_doc',
    feel: '={addressee: reportAddressee, judgment: {kind: if judgmentKind = "judgment" then "judgment" else "ruling", documentNumber: judgmentDocumentNumber, receivedOn: judgmentServedOn, effectiveOn: effectiveOn, outcome: judgmentSummary}, lossReasons: for r in lossReasons return r.reason, problems: problems, measures: for m in measures return m.measure, responsibility: responsibility}',
    samples: {
      ...common,
      'a mediation (not a judgment: a ruling)': { ...lost, judgmentKind: 'mediation' },
      'no kind known': { ...lost, judgmentKind: undefined },
      'empty lists': { ...lost, lossReasons: [], measures: [] },
      'list rows left blank': { ...lost, lossReasons: [{ reason: '事实不清' }, {}], measures: [{ measure: null }] },
      'one reason, no measures': { ...lost, lossReasons: [{ reason: '适用法律错误' }], measures: undefined },
    },
  },
  {
    element: 'l_report_record',
    feel: '={submittedOn: reportSubmittedOn, due: lossAnalysisReportDue, documentId: lossAnalysisReportDocumentId}',
    samples: common,
  },
  {
    element: 'l_letter_escalate',
    feel: '={deadlineName: "问责追责意见函告期限", dueDate: accountabilityLetterDue}',
    samples: common,
  },
  {
    element: 'l_letter_doc',
    feel: '={issuer: letterIssuer, documentNumber: letterDocumentNumber, addressee: letterAddressee, copyTo: [letterCopyTo], persons: accountablePersons, findings: accountabilityFindings, basis: accountabilityBasis, proposal: accountabilityProposal, date: letterSentOn}',
    samples: { ...common, 'one person, nobody copied': { ...lost, accountablePersons: [lost.accountablePersons[0]], letterCopyTo: undefined } },
  },
  {
    element: 'l_letter_record',
    feel: '={decisionOn: decisionOn, sentOn: letterSentOn, due: accountabilityLetterDue, addressee: letterAddressee, documentId: accountabilityLetterDocumentId}',
    samples: common,
  },
  {
    element: 'l_acc_none_record',
    feel: '={decisionOn: decisionOn, findings: accountabilityFindings}',
    samples: common,
  },
  {
    element: 'l_repeated_record',
    feel: '={analysis: repeatedLossAnalysis, measures: repeatedLossMeasures, reportedOn: repeatedLossReportedOn}',
    samples: common,
  },
  {
    element: 'l_seminar_record',
    feel: '={year: enterpriseSeminarYear, heldOn: seminarHeldOn, conclusion: seminarConclusion}',
    samples: common,
  },
]);
