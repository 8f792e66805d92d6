// processes/case-registration.bpmn: the data its notification and report tasks declare equals the
// FEEL expressions they mapped before the conversion (copied from the diagram on main).
import { declaredDataDrift } from '../../helpers/declared-data-drift.ts';

const full = {
  complaintReceivedOn: '2026-03-02',
  respondingUnitNames: '示例市市场监督管理局（原行政行为）；示例市人民政府（复议程序）',
  handlerName: '刘海涛',
  answerDue: '2026-03-17',
  justiceBureauFilingDue: '2026-03-09',
  filedOn: '2026-03-06',
  filingMethod: 'email',
  filedMaterials: ['complaint', 'court-notice'],
  majorCaseReasons: ['重大复杂', '社会关注度高', '可能引发群体性事件'],
  reportSummary: '原告不服征收补偿决定提起诉讼，涉及三十余户被征收人，已引起当地媒体关注。',
  reportedTo: '示例市人民政府',
};
// optional form fields left empty (and the assignment before a handler is named)
const sparse = { complaintReceivedOn: '2026-03-02', answerDue: '2026-03-17', filingMethod: 'paper', majorCaseReasons: [] };

declaredDataDrift('processes/case-registration.bpmn', [
  { element: 'reg_notify_registered', feel: '={receivedOn: complaintReceivedOn}', samples: [full, {}] },
  { element: 'reg_notify_assigned', feel: '={unitName: respondingUnitNames, handlerName: handlerName, answerDue: answerDue}', samples: [full, sparse] },
  { element: 'reg_filing_escalate', feel: '={deadlineName: "向司法局备案期限", dueDate: justiceBureauFilingDue}', samples: [full, sparse] },
  { element: 'reg_filing_record', feel: '={method: filingMethod, materials: filedMaterials}', samples: [full, sparse] },
  { element: 'reg_major_record', feel: '={reasons: majorCaseReasons, summary: reportSummary, reportedTo: reportedTo}', samples: [full, sparse] },
  {
    element: 'reg_office_record',
    feel: '={unitAgencyId: agencyId, office: respondingOfficeName, handler: respondingOfficeHandler, designatedOn: respondingOfficeDesignatedOn, reason: respondingOfficeReason}',
    samples: [{ agencyId: 'a1', respondingOfficeName: '综合行政执法办公室', respondingOfficeHandler: '李某', respondingOfficeDesignatedOn: '2026-03-03', respondingOfficeReason: '被诉行为由综合行政执法办公室作出。' }, {}],
  },
]);
