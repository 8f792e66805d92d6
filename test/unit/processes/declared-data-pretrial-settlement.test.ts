// processes/pretrial-settlement.bpmn: the data its escalation, the risk-report and the court-liaison records declare equals
// the FEEL expression they stand for (the escalation's copied from the diagram on main).
import { declaredDataDrift } from '../../helpers/declared-data-drift.ts';

declaredDataDrift('processes/pretrial-settlement.bpmn', [
  {
    element: 'ps_report_escalate',
    feel: '={deadlineName: "败诉风险报告期限", dueDate: riskReportDue}',
    samples: [{ riskReportDue: '2026-03-12', riskLevel: 'high', riskFactors: ['证据不足', '程序瑕疵'] }, {}],
  },
  {
    // new with the planned submission date (no FEEL before it): the expression it would have been
    element: 'ps_report_record',
    feel: '={reportedOn: riskReportedOn, plannedSubmissionOn: plannedSubmissionOn, due: riskReportDue}',
    samples: [{ riskReportedOn: '2026-03-16', plannedSubmissionOn: '2026-03-20', riskReportDue: '2026-03-17' }, { riskReportedOn: '2026-03-16', riskReportDue: '2026-03-17' }],
  },
  {
    // Jinghai 府院联动 (JH 二、（二）): the court liaison after the analysis meeting (no FEEL before it)
    element: 'ps_court_liaison_record',
    feel: '={on: courtLiaisonOn, method: courtLiaisonMethod, contact: courtLiaisonContact, outcome: courtLiaisonOutcome, mediationAgreed: courtLiaisonMediation}',
    samples: [{ courtLiaisonOn: '2026-03-16', courtLiaisonMethod: 'in-person', courtLiaisonContact: '行政庭王法官', courtLiaisonOutcome: '法院同意组织协调。', courtLiaisonMediation: true }, { courtLiaisonOn: '2026-03-16', courtLiaisonMethod: 'phone', courtLiaisonContact: '王法官', courtLiaisonOutcome: '告知风险。', courtLiaisonMediation: false }],
  },
]);
