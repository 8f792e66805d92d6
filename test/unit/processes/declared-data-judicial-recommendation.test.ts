// processes/judicial-recommendation.bpmn declares its notices, its reply letter and its ledger event as
// data instead of FEEL maps: each converted element against the expression it had on main (since
// issue 12 with the kind's wording and the issuer of the recommendation).
import { declaredDataDrift } from '../../helpers/declared-data-drift.ts';

const replied = {
  recommendationKey: 'r1042',
  recommendationKind: 'procuratorial',
  recommendationName: '检察建议',
  recommendationReplyDeadlineName: '检察建议回复期限',
  recommendationIssuer: '示例市人民检察院',
  recommendationReceivedOn: '2026-03-02',
  recommendationReplyDue: '2026-05-01',
  recommendationDocumentNumber: '（2026）示01司建3号',
  recommendationSummary: '建议规范行政处罚案件中听证权利的告知，加强法制审核。',
  replyMeasures: [{ measure: '印发《关于规范听证告知工作的通知》' }, { measure: '对2025年以来的处罚案卷开展专项评查' }],
  replyConclusion: '已完成整改，相关制度已印发执行。',
  contactName: '王芳',
  contactPost: '法制科科长',
  contactPhone: '0531-86012345',
  repliedOn: '2026-04-25',
  replyCopiedTo: '示例市人民检察院',
  recommendationReplyDocumentId: '9c3e1b7a-2d4f-4c8e-a1b5-6f0d2e8a7c93',
};
// a recommendation without a reply period, a reply with only what the form requires
const sparse = { recommendationKind: 'procuratorial', recommendationReceivedOn: '2026-03-02', repliedOn: '2026-04-25' };
const common = { 'every variable present': replied, 'optional variables missing': sparse, 'nothing entered': {} };
const deadline = '={deadlineName: recommendationReplyDeadlineName, dueDate: recommendationReplyDue}';

declaredDataDrift('processes/judicial-recommendation.bpmn', [
  { element: 'r_notify', feel: '={receivedOn: recommendationReceivedOn, replyDue: recommendationReplyDue, recommendationName: recommendationName, issuer: recommendationIssuer}', samples: common },
  { element: 'r_reply_remind', feel: deadline, samples: common },
  { element: 'r_reply_escalate', feel: deadline, samples: common },
  {
    element: 'r_doc',
    feel: '={recommendation: {documentNumber: recommendationDocumentNumber, receivedOn: recommendationReceivedOn, summary: recommendationSummary, issuer: recommendationIssuer}, measures: for m in replyMeasures return m.measure, conclusion: replyConclusion, contact: {name: contactName, post: contactPost, phone: contactPhone}}',
    samples: {
      ...common,
      'no measures listed': { ...replied, replyMeasures: [] },
      'a measure row left blank': { ...replied, replyMeasures: [{ measure: '完善制度' }, {}] },
      'no contact': { ...replied, contactName: undefined, contactPost: undefined, contactPhone: undefined },
    },
  },
  {
    element: 'r_record',
    feel: '={recommendationKey: recommendationKey, kind: recommendationKind, issuer: recommendationIssuer, receivedOn: recommendationReceivedOn, replyDue: recommendationReplyDue, repliedOn: repliedOn, copiedTo: replyCopiedTo, documentId: recommendationReplyDocumentId}',
    samples: common,
  },
]);
