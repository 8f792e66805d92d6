// processes/judgment-and-appeal.bpmn declares its document, notification and ledger data (data.*
// headers or a named builder, src/workers/data-builders/judgment-and-appeal.ts) instead of FEEL:
// for every converted task, the headers in the diagram give what the FEEL expression of main gave.
import { describe } from 'vitest';
import { declaredDataDrift, without, type DriftCase } from '../../helpers/declared-data-drift.ts';

const caseId = '7a1e5c3d-2b4f-4e6a-9c8d-0f1e2d3c4b5a';

/** A first-instance judgment the agency lost in Liaocheng: every variable the tasks read, up to the retrial. */
const lost = {
  caseId,
  level: 'first',
  judgmentKind: 'judgment',
  judgmentOutcome: 'lost',
  judgmentServedOn: '2026-06-02',
  appealable: true,
  appealDue: '2026-06-17',
  appealProposalDue: '2026-06-09',
  effectiveOnIfNoAppeal: '2026-06-18',
  effectiveStatus: 'estimated',
  judgmentDocumentNumber: '（2026）鲁1502行初45号',
  judgmentSummary: '撤销被告作出的聊市监罚〔2025〕112号行政处罚决定，责令被告在判决生效后六十日内重新作出行政行为。',
  appealDecision: 'appeal',
  appealReasons: '一审判决认定“未履行告知义务”与卷宗记载不符：听证告知书已于2025年9月3日直接送达原告并由其签收。',
  appealRecommendation: '建议在上诉期内向聊城市中级人民法院提起上诉，并补充提交送达回证原件。',
  appealFilingOn: '2026-06-08',
  appealFilingMethod: 'platform',
  appealProposalDocumentId: '5d6e7f80-9a1b-4c2d-8e3f-a0b1c2d3e4f5',
  agencyAppealFiledOn: '2026-06-12',
  appealBy: 'plaintiff',
  appealFiledOn: '2026-06-06',
  effectiveOn: '2026-06-18',
  retrialApplicationDue: '2026-12-18',
  retrialReasons: '终审判决适用法律错误，原行政处罚决定依据《中华人民共和国食品安全法》第一百二十四条作出，量罚适当。',
  retrialAppliedOn: '2026-07-20',
  retrialFilingOn: '2026-07-21',
  retrialProposalDocumentId: '8c9d0e1f-2a3b-4c5d-9e6f-7a8b9c0d1e2f',
};

/** A ruling the agency won outside Liaocheng: no proposal deadline. */
const wonRuling = without({ ...lost, judgmentKind: 'ruling', judgmentOutcome: 'won', appealDue: '2026-06-12', effectiveOnIfNoAppeal: '2026-06-13' }, 'appealProposalDue');

/** A mediation (partly lost), effective when served: not appealable. */
const mediation = { ...lost, judgmentKind: 'mediation', judgmentOutcome: 'partly-lost', appealable: false, appealDue: null, appealProposalDue: null, effectiveOnIfNoAppeal: '2026-06-02' };

/** effectiveOn as a parent process passed it, apart from this assessment's effectiveOnIfNoAppeal. */
const effectiveOnFromParent = { ...lost, effectiveOn: '2026-06-20', effectiveOnIfNoAppeal: null };

/** Only what the call activity hands in: every other variable is missing. */
const sparse = { caseId, level: 'first' };

const cases: DriftCase[] = [
  {
    element: 'j_notify',
    feel: '={documentKind: if judgmentKind = "judgment" then "判决书" else if judgmentKind = "ruling" then "裁定书" else "调解书", receivedOn: judgmentServedOn, outcome: if judgmentOutcome = "won" then "胜诉" else if judgmentOutcome = "lost" then "败诉" else "部分败诉", appealDue: appealDue, appealProposalDue: appealProposalDue}',
    samples: { lostJudgment: lost, wonRuling, mediation, sparse },
  },
  {
    element: 'j_record',
    feel: '={kind: judgmentKind, outcome: judgmentOutcome, servedOn: judgmentServedOn, level: level, appealable: appealable, appealDue: appealDue, appealProposalDue: appealProposalDue, effectiveOnIfNoAppeal: effectiveOnIfNoAppeal, effectiveStatus: effectiveStatus}',
    samples: { lostJudgment: lost, wonRuling, mediation, sparse },
  },
  {
    element: 'w_consider_escalate',
    feel: '={deadlineName: if appealProposalDue != null then "上诉或申请再审建议期限" else "上诉期限", dueDate: if appealProposalDue != null then appealProposalDue else appealDue}',
    samples: { proposalDeadline: lost, appealDeadlineOnly: wonRuling, proposalDueNull: { ...lost, appealProposalDue: null }, sparse },
  },
  {
    element: 'w_proposal_doc',
    feel: '={proposal: "appeal", judgment: {kind: judgmentKind, documentNumber: judgmentDocumentNumber, receivedOn: judgmentServedOn, outcome: judgmentSummary}, reasons: appealReasons, recommendation: appealRecommendation, appealDeadline: appealDue, addressee: "本机关负责人"}',
    samples: { lostJudgment: lost, noRecommendation: without(lost, 'appealRecommendation', 'judgmentDocumentNumber'), sparse },
  },
  {
    element: 'w_filing_record',
    feel: '={filedOn: appealFilingOn, method: appealFilingMethod, documentId: appealProposalDocumentId, rule: "002_963c834d180c3dcb.txt（聊城市行政应诉工作管理办法）第三十三条第（一）项"}',
    samples: { filed: lost, paper: { ...lost, appealFilingMethod: 'paper' }, sparse },
  },
  {
    element: 'w_lodged',
    feel: '={by: "agency", on: agencyAppealFiledOn, appealDue: appealDue, documentId: appealProposalDocumentId}',
    samples: { lodged: lost, noProposalDocument: without(lost, 'appealProposalDocumentId'), sparse },
  },
  {
    element: 'j_appeal_record',
    feel: '={by: appealBy, on: appealFiledOn}',
    samples: { plaintiff: lost, agency: { ...lost, appealBy: 'agency', appealFiledOn: '2026-06-12' }, sparse },
  },
  {
    element: 'j_effective_record',
    feel: '={effectiveOn: effectiveOn, kind: judgmentKind, outcome: judgmentOutcome, level: level, retrialApplicationDue: retrialApplicationDue, effectiveStatus: effectiveStatus}',
    samples: { lostJudgment: lost, effectiveOnFromParent, secondInstance: { ...wonRuling, level: 'second', effectiveOn: '2026-06-02' }, sparse },
  },
  {
    element: 'j_retrial_doc',
    feel: '={proposal: "retrial", judgment: {kind: judgmentKind, documentNumber: judgmentDocumentNumber, receivedOn: judgmentServedOn, effectiveOn: effectiveOn, outcome: judgmentSummary}, reasons: retrialReasons, recommendation: "建议依法申请再审", appealDeadline: retrialApplicationDue, addressee: "本机关负责人"}',
    samples: {
      lostJudgment: lost,
      effectiveOnFromParent,
      noSummary: without(lost, 'judgmentSummary', 'retrialReasons'),
      sparse,
    },
  },
  {
    element: 'j_retrial_record',
    feel: '={appliedOn: retrialAppliedOn, filedWithJusticeBureauOn: retrialFilingOn, due: retrialApplicationDue, documentId: retrialProposalDocumentId}',
    samples: { applied: lost, notFiled: without(lost, 'retrialFilingOn'), sparse },
  },
  {
    // new with the Tengzhou judgment filing (no FEEL before it): the expression it would have been
    element: 'j_filing_record',
    feel: '={method: filingMethod, materials: filedMaterials}',
    samples: { filed: { ...lost, filedOn: '2026-06-05', filingMethod: 'email', filedMaterials: ['judgment'] }, sparse },
  },
];

describe('processes/judgment-and-appeal.bpmn: declared data equals the FEEL it replaced', () => {
  declaredDataDrift('processes/judgment-and-appeal.bpmn', cases);
});
