// Data builders of processes/judgment-and-appeal.bpmn (裁判与上诉): the notification data whose
// FEEL mapping chose a label or a deadline. Each reproduces the FEEL it replaced (a missing
// variable is null and takes the else branch), proven against it in
// test/unit/processes/declared-data-judgment-and-appeal.test.ts.
import { variableAt, type DataBuilder } from '../variable-values.ts';

export const judgmentAndAppealBuilders: Record<string, DataBuilder> = {
  /** j_notify (通知：收到裁判文书): the document kind and outcome in words */
  judgmentReceived: (v) => {
    const kind = variableAt(v, 'judgmentKind');
    const outcome = variableAt(v, 'judgmentOutcome');
    return {
      documentKind: kind === 'judgment' ? '判决书' : kind === 'ruling' ? '裁定书' : '调解书',
      receivedOn: variableAt(v, 'judgmentServedOn'),
      outcome: outcome === 'won' ? '胜诉' : outcome === 'lost' ? '败诉' : '部分败诉',
      appealDue: variableAt(v, 'appealDue'),
      appealProposalDue: variableAt(v, 'appealProposalDue'),
    };
  },

  /** w_consider_escalate (上诉建议逾期督办): the proposal deadline (Liaocheng) or else the appeal deadline */
  appealConsiderationOverdue: (v) => {
    const proposalDue = variableAt(v, 'appealProposalDue');
    return proposalDue !== null
      ? { deadlineName: '上诉或申请再审建议期限', dueDate: proposalDue }
      : { deadlineName: '上诉期限', dueDate: variableAt(v, 'appealDue') };
  },
};
