// processes/public-opinion-report.bpmn: the data its ledger record declares equals the FEEL expression
// it stands for (new with the process, LC Art. 48: no FEEL before it).
import { declaredDataDrift } from '../../helpers/declared-data-drift.ts';

declaredDataDrift('processes/public-opinion-report.bpmn', [
  {
    element: 'o_record',
    feel: '={incidentOn: opinionIncidentOn, reportedOn: opinionReportedOn, reportedTo: opinionReportedTo, handling: opinionHandling, due: opinionReportDue}',
    samples: [
      { opinionIncidentOn: '2026-05-06', opinionReportedOn: '2026-05-08', opinionReportedTo: '聊城市东昌府区人民政府', opinionHandling: '已发布情况说明，舆情平稳。', opinionReportDue: '2026-05-09' },
      { opinionIncidentOn: '2026-05-06', opinionReportedOn: '2026-05-10', opinionReportedTo: '区政府', opinionHandling: '持续关注。', opinionReportDue: '2026-05-09' },
    ],
  },
]);
