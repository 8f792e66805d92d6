// processes/performance.bpmn declares its ledger events and its escalation notice as data instead of
// FEEL maps: each converted element against the expression it had on main.
import { declaredDataDrift } from '../../helpers/declared-data-drift.ts';

const plan = {
  performanceContent: '撤销被告作出的《行政处罚决定书》（示市监罚〔2025〕112号），责令被告在判决生效之日起六十日内重新作出行政行为',
  performanceDueOn: '2026-05-20',
  planMeasures: '一、法制科牵头，执法一大队重新调查取证；二、5月10日前完成告知与听证；三、5月15日前重新作出决定并送达。',
  remakeOrdered: true,
};
const remade = {
  newActDescription: '经重新调查，依据《中华人民共和国产品质量法》第五十条对原告作出警告并没收违法所得',
  annulledFor: 'procedure',
  remadeActReason: '原行为因程序违法被撤销，重新作出的行为已补正告知与听证程序，事实与理由不同于原行为',
};
const overdue = {
  performanceNotificationData: {
    daysOverdue: 3,
    performanceDue: '2026-05-20',
    reasons: [
      '行政机关负责人应当督促履行生效裁判（聊城市行政应诉工作管理办法 第三十五条第二款）',
      '拒不履行的，人民法院可以对负责人按日处五十元至一百元的罚款（中华人民共和国行政诉讼法 第九十六条）',
    ],
  },
};
const completion = {
  performanceCompletedOn: '2026-05-18',
  performanceActions: [
    { description: '重新作出行政处罚决定并直接送达原告', on: '2026-05-12' },
    { description: '向示例市中级人民法院书面报告履行情况', on: '2026-05-18' },
  ],
  performanceSummary: '已按生效判决重新作出行政行为并送达，履行完毕。',
};

declaredDataDrift('processes/performance.bpmn', [
  {
    element: 'f_plan_record',
    feel: '={content: performanceContent, dueOn: performanceDueOn, measures: planMeasures, remakeOrdered: remakeOrdered = true}',
    samples: {
      'plan with a remake ordered': plan,
      'no remake ordered': { ...plan, remakeOrdered: false },
      'box never ticked, no measures, no due date': { performanceContent: plan.performanceContent },
      'nothing entered': {},
    },
  },
  {
    element: 'f_remake_record',
    feel: '={description: newActDescription, annulledFor: annulledFor, reason: remadeActReason}',
    samples: { 'remade act checked': remade, 'no reason given': { newActDescription: remade.newActDescription }, 'nothing entered': {} },
  },
  {
    // performanceNotificationData is the whole output of performance.assess-overdue, which always
    // sets it with performanceNotificationEvent (the gateway before the task requires the event)
    element: 'f_overdue_notify',
    feel: '=performanceNotificationData',
    samples: {
      'overdue, escalated to the head': overdue,
      'reminder before the due date': { performanceNotificationData: { daysOverdue: 0, performanceDue: '2026-05-20', reasons: ['履行期限2026-05-20即将届满，应当自觉履行生效裁判（中华人民共和国行政诉讼法 第九十四条）'] } },
      'no reasons': { performanceNotificationData: { daysOverdue: 12, performanceDue: '2026-05-20', reasons: [] } },
      'not assessed (null, as the expression gave)': {},
    },
  },
  {
    // the due date the work ran against (the plan's date, or the court's period from effect when earlier)
    element: 'f_done',
    feel: '={completedOn: performanceCompletedOn, dueOn: performanceWorkDueOn, actions: performanceActions, summary: performanceSummary}',
    samples: {
      'completed with actions': { ...plan, performanceWorkDueOn: plan.performanceDueOn, ...completion },
      'one action, no summary': { performanceWorkDueOn: plan.performanceDueOn, performanceCompletedOn: '2026-05-18', performanceActions: [completion.performanceActions[0]] },
      'no actions listed': { performanceCompletedOn: '2026-05-18', performanceActions: [] },
      'nothing entered': {},
    },
  },
]);
