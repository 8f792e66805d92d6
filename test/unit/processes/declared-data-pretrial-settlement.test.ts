// processes/pretrial-settlement.bpmn: the data its escalation declares equals the FEEL expression
// it mapped before the conversion (copied from the diagram on main).
import { declaredDataDrift } from '../../helpers/declared-data-drift.ts';

declaredDataDrift('processes/pretrial-settlement.bpmn', [
  {
    element: 'ps_report_escalate',
    feel: '={deadlineName: "败诉风险报告期限", dueDate: riskReportDue}',
    samples: [{ riskReportDue: '2026-03-12', riskLevel: 'high', riskFactors: ['证据不足', '程序瑕疵'] }, {}],
  },
]);
