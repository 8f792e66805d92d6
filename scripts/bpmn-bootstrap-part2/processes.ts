// The part-2 process models (issue 7) as builder code: 出庭应诉, 裁判与上诉, 履行, 败诉分析与问责,
// 司法建议, 结案归档 — called processes of the main process 行政应诉案件 (the judicial recommendation
// is a process of its own, started by message). Used once to bootstrap processes/*.bpmn; the .bpmn
// files are the source of truth afterwards.
import { Container, type NodeSpec, type ProcessModel } from './model.ts';

const LC = '002_963c834d180c3dcb.txt（聊城市行政应诉工作管理办法）';
const JH = '004_b8935aaaa4c0ff62.txt（静海区实施方案）';
const TZ = '003_0e14abe5e5e19f52.txt（滕州市通知）';
const HN = '001_43aff403179c4a24.txt（湖南省实施意见）';
const YT = '000_7288109d50e53de4.txt（烟台市意见）';
const ALL = '《中华人民共和国行政诉讼法》';
const INTERP = '法释〔2018〕1号';
const HEAD = '法释〔2020〕3号（最高人民法院关于行政机关负责人出庭应诉若干问题的规定）';

type Pair = [string, string];
const stage = (headers: Record<string, string>, outputs: Pair[] = []): NodeSpec => ({ headers, ...(outputs.length ? { outputs } : {}) });
// notifications.send returns `recipients` (the people reached): keep it local, or the next notification
// task would read it as its own recipient roles
const NOTIFY_OUTPUTS: Pair[] = [['=notificationIds', 'lastNotificationIds']];
const notify = (event: string, data: string, urgent = false): NodeSpec => ({
  headers: { event, ...(urgent ? { urgent: 'true' } : {}) },
  inputs: [['=' + data, 'notificationData']],
  outputs: NOTIFY_OUTPUTS,
});
const event = (eventType: string, payload: string, outputs: Pair[] = []): NodeSpec => ({
  headers: { eventType },
  inputs: [['=' + payload, 'eventPayload']],
  ...(outputs.length ? { outputs } : {}),
});
const render = (documentKind: string, data: string, idVariable: string, extraOutputs: Pair[] = []): NodeSpec => ({
  headers: { documentKind },
  inputs: [['=' + data, 'documentData']],
  outputs: [['=documentId', idVariable], ...extraOutputs],
});
/** deadlines.compute for a stage; `outputs` keeps only the named results (the full map stays in the ledger) */
const compute = (stageName: string, inputs: Pair[] = [], outputs: Pair[] = [['=deadlinesChanged', 'deadlinesChanged']]): NodeSpec => ({
  inputs: [[`="${stageName}"`, 'stage'], ...inputs],
  outputs,
});
/** a deadline of the deadline worker's `deadlines` map by variable key (null when the rule does not apply) */
const dl = (key: string, path: string) => `(get value(deadlines, ${key})).${path}`;
const reasonsText = (list: string) => `string join(for r in ${list} return r.text + "（" + r.source + "）", "；")`;

// ------------------------------------------------------------------ 出庭应诉

export function hearing(): ProcessModel {
  const c = new Container('h');
  const noticeKey = '"headAppearanceNotice_" + hearingKey';
  const absenceKey = '"headAbsenceReport_" + hearingKey';
  c.start('h_start', '收到开庭传票', { doc: '由主流程在 hearing-scheduled 消息后调用（一审、二审、再审各调用一次，level 为审级）。输入 caseId、level、hearingAt（ISO 日期时间）、courtNotice（{principalHeadRequired}，可空）、hearingKey（可空，默认取 level，用于区分同一案件多次开庭的期限）。' });
  c.service('h_stage', '台账：进入出庭应诉', 'cases.update-stage', stage({ stage: 'hearing' }, [
    ['=false', 'appearancePlanned'],
    ['=if hearingKey != null then hearingKey else if level != null then level else "first"', 'hearingKey'],
    ['=null', 'agentsError'],
  ]));
  c.service('h_decide', '确定出庭负责人（负责人 / 主要负责人）', 'hearing.decide-appearance', {
    inputs: [['=if courtNotice = null then false else courtNotice.principalHeadRequired = true', 'courtNoticePrincipalHead']],
    outputs: [
      ['=headAppearanceRequired', 'headAppearanceRequired'],
      ['=principalHeadRequired', 'principalHeadRequired'],
      ['=headAppearance', 'headAppearance'],
      ['=' + reasonsText('headAppearance.reasons'), 'headAppearanceReasonsText'],
    ],
    doc: `规则工作者是“谁出庭”的唯一依据：负责人出庭义务（${ALL}第三条第三款；${HEAD}第一条，一审、二审、再审均适用），聊城十类主要负责人出庭情形（${LC}第二十二条第一款；规则目录 D03），共同被告规则（${LC}第二十四条；${HEAD}第三条；D12），法院书面通知（${HEAD}第四条、第五条）。决策表 head-appearance-principal（processes/head-appearance.dmn）与工作者同步测试，供分析人员对照。`,
  });
  c.xor('h_schedule_merge', '汇合：开庭时间');
  c.service('h_deadlines', '计算开庭相关期限', 'deadlines.compute', {
    ...compute('hearing', [], [
      [`=if get value(deadlines, ${noticeKey}) = null then hearingAt else ${dl(noticeKey, 'remindAt.t0')}`, 'hearingReminderAt'],
      [`=${dl(noticeKey, 'due')}`, 'headAppearanceNoticeDue'],
    ]),
    doc: `开庭日（hearingAt，按 hearingKey 区分多次开庭）触发的期限：法院出庭通知最迟送达日（开庭3日前，${HEAD}第五条），聊城负责人未出庭报告（一个月内，${LC}第二十条）。开庭变更后重新计算，依赖开庭日的期限与提醒随之变化。`,
  });
  c.service('h_summons', '通知：开庭传票', 'notifications.send', notify('hearing.summons', '{hearingDate: substring(hearingAt, 1, 10), hearingTime: substring(hearingAt, 12, 5), requiredHead: if principalHeadRequired then "主要负责人" else "负责人"}'));
  c.sub(
    'h_prep',
    '开庭准备',
    (p) => {
      p.start('p_start', '开始准备');
      p.and('p_split', '准备与开庭提醒并行');
      p.xor('p_planned_gw', '出庭人员已确定？');
      p.xor('p_plan_merge', '汇合：出庭人员');
      p.user('p_plan', '确定出庭负责人和委托代理人', 'hearing-appearance-plan', 'legal-affairs,handler', {
        due: '=hearingAt',
        doc: `“谁分管、谁出庭”（${LC}第二十条；${HN}四、（二）；规则目录 D06）；负责人可另委托1至2名代理人，至少1名熟悉业务的工作人员，不得仅委托律师（${INTERP}第一百二十八条第二款；${LC}第二十七条；${YT}二、（四）；静海：亦不得仅委托兼职政府法律顾问，${JH}一、（4）；D09、D10）。校验不通过时退回本任务并显示原因。`,
      });
      p.service('p_validate', '校验委托代理人', 'hearing.validate-agents', {
        inputs: [['=headAvailability = "available"', 'headAppears']],
        outputs: [
          ['=agentsValid', 'agentsValid'],
          ['=agentsRulesChecked', 'agentsRulesChecked'],
          ['=null', 'agentsError'],
        ],
        doc: `按规则配置校验人数、身份（${INTERP}第一百二十八条第二款；${LC}第二十七条；${JH}一、（三）（4））。不符合时抛出 BPMN 错误 AGENTS_INVALID，消息为中文原因。`,
      });
      p.boundaryError('p_invalid', '代理人不符合规定', 'p_validate', 'AGENTS_INVALID', {
        outputs: [
          ['=ruleError.message', 'agentsError'],
          ['=ruleError.issues', 'agentsIssues'],
        ],
      });
      p.xor('p_avail_gw', '负责人能否出庭？');
      p.service('p_unable', '负责人不能出庭的处理方式', 'hearing.head-unable-fallback', {
        outputs: [
          ['=headUnable', 'headUnable'],
          ['=for o in headUnable.options return {label: o.label, value: o.option}', 'headUnableChoices'],
          ['=' + reasonsText('headUnable.firstSteps'), 'headUnableFirstStepsText'],
          ['=string join(for o in headUnable.options return o.label + "：" + o.text + "（" + o.source + "）", "；")', 'headUnableOptionsText'],
          ['=headAbsenceReportApplies', 'headAbsenceReportApplies'],
        ],
        doc: `按规则配置给出处理方式（规则目录 D07）：聊城第一时间报告主要负责人，由其确定临时出庭负责人或申请延期开庭（${LC}第二十条）；湖南向法院说明情况并委托其他负责人（${HN}四、（二））；烟台书面说明理由并委托相应工作人员（${YT}二、（四））。正当理由见${HEAD}第八条，书面说明见第九条。`,
      });
      p.service('p_unable_notify', '通知：负责人不能出庭', 'notifications.send', {
        ...notify('hearing.head-unable', '{hearingDate: substring(hearingAt, 1, 10), headName: headName, reason: absenceReasonText}', true),
        doc: `聊城：第一时间报告本机关主要负责人（${LC}第二十条）。收件人按通知规则（主要负责人、法制机构）。`,
      });
      p.user('p_unable_decide', '决定负责人不能出庭的处理', 'head-unable-decision', 'principal-head,deputy-head', {
        due: '=hearingAt',
        doc: `主要负责人在规则配置给出的方式中决定（${LC}第二十条：临时出庭负责人或申请延期开庭；${HN}四、（二）；${YT}二、（四））。书面说明须加盖机关印章或由主要负责人签字（${HEAD}第九条）。`,
      });
      p.service('p_explanation', '生成负责人不能出庭情况说明', 'documents.render', {
        ...render(
          'head-absence-explanation',
          '{head: {name: headName, post: headPost}, hearingDate: substring(hearingAt, 1, 10), reason: explanationReason, substitute: {name: substituteName, post: substitutePost}}',
          'headAbsenceExplanationDocumentId',
        ),
        doc: `负责人不能出庭情况说明（${HEAD}第九条；${YT}二、（四））。`,
      });
      p.service('p_unable_record', '台账：记录负责人不能出庭', 'ledger.record-event', event('head-unable-to-appear', '{headName: headName, absenceReason: absenceReason, reason: absenceReasonText, fallbackOption: fallbackOption, substitute: {name: substituteName, post: substitutePost, isHead: substituteIsHead = true}, documentId: headAbsenceExplanationDocumentId}'));
      p.xor('p_avail_join', '汇合：出庭安排');
      p.xor('p_cert_gw', '有负责人出庭？');
      p.service('p_cert', '生成出庭应诉负责人身份证明书', 'documents.render', {
        ...render(
          'head-appearance-certificate',
          '{head: if headAvailability = "available" then {name: headName, post: headPost, inChargeOf: headInChargeOf} else {name: substituteName, post: substitutePost}, hearingDate: substring(hearingAt, 1, 10)}',
          'headCertificateDocumentId',
        ),
        doc: `开庭前向法院提交出庭负责人身份证明（姓名、职务，加盖机关印章）（${LC}第十九条第四款；${HEAD}第六条；规则目录 D11）。`,
      });
      p.xor('p_cert_join', '汇合：身份证明');
      p.service('p_poa', '生成授权委托书', 'documents.render', {
        ...render('power-of-attorney', '{agents: for a in agents return {name: a.name, post: a.post, employer: a.employer, kind: a.kind}}', 'hearingPowerOfAttorneyDocumentId', [['=true', 'appearancePlanned']]),
        doc: `出庭委托代理人的授权委托书（${LC}第十七条第一款、第二十七条）。`,
      });
      p.user('p_submit', '开庭前向法院提交身份证明和授权委托书', 'hearing-documents-submission', 'handler', {
        due: '=hearingAt',
        doc: `身份证明须在开庭前提交；不能补正的视为负责人未出庭（${HEAD}第六条）。开庭时间变更后重新生成（文书记载开庭日期）。`,
      });
      p.service('p_submit_record', '台账：记录提交出庭材料', 'ledger.record-event', event('hearing-documents-submitted', '{hearingAt: hearingAt, submittedOn: documentsSubmittedOn, certificateDocumentId: headCertificateDocumentId, powerOfAttorneyDocumentId: hearingPowerOfAttorneyDocumentId}'));
      p.and('p_join', '汇合：准备完毕');
      p.timer('p_remind', '开庭前提醒', '=hearingReminderAt', { doc: `提醒时间取期限引擎计算的“法院出庭通知最迟送达日”（开庭3日前，${HEAD}第五条）当日 09:00（遇休息日提前到工作日）；开庭时间变更后随之重算。` });
      p.service('p_remind_notify', '提醒：即将开庭', 'notifications.send', notify('hearing.summons', '{hearingDate: substring(hearingAt, 1, 10), hearingTime: substring(hearingAt, 12, 5), reminder: true}'));
      p.timer('p_hearing_time', '开庭时间', '=hearingAt', { doc: '法院确定的开庭时间（传票或变更通知）。' });
      p.end('p_end', '开庭');

      p.chain('p_start', 'p_split', 'p_planned_gw');
      p.flow('p_planned_gw', 'p_plan_merge', { name: '否', isDefault: true, main: true });
      p.flow('p_planned_gw', 'p_avail_join', { name: '已确定（开庭改期）', condition: '=appearancePlanned = true' });
      p.chain('p_plan_merge', 'p_plan', 'p_validate', 'p_avail_gw');
      p.flow('p_invalid', 'p_plan_merge');
      p.flow('p_avail_gw', 'p_avail_join', { name: '能出庭', isDefault: true, main: true });
      p.flow('p_avail_gw', 'p_unable', { name: '不能出庭', condition: '=headAvailability = "unable"' });
      p.chain('p_unable', 'p_unable_notify', 'p_unable_decide', 'p_explanation', 'p_unable_record', 'p_avail_join');
      p.chain('p_avail_join', 'p_cert_gw');
      p.flow('p_cert_gw', 'p_cert', { name: '有', condition: '=headAvailability = "available" or substituteIsHead = true', main: true });
      p.flow('p_cert_gw', 'p_cert_join', { name: '无（委托工作人员）', isDefault: true });
      p.chain('p_cert', 'p_cert_join', 'p_poa', 'p_submit', 'p_submit_record', 'p_join');
      p.flow('p_split', 'p_remind');
      p.chain('p_remind', 'p_remind_notify', 'p_join');
      p.chain('p_join', 'p_hearing_time', 'p_end');
    },
    { doc: '确定出庭人员、校验代理人、负责人不能出庭的处理、生成并提交身份证明和授权委托书；并行的开庭前提醒。开庭时间变更（消息 hearing-moved）中断本子流程，重算期限后重新进入，已确定的出庭人员不再重填，文书按新开庭日期重新生成。' },
  );
  c.boundaryMessage('h_moved', '开庭时间变更', 'h_prep', 'hearing-moved', true, { doc: '法院变更开庭时间（消息 hearing-moved，按 caseId 关联，变量 hearingAt 为新的开庭时间）。' });
  c.service('h_moved_record', '台账：记录开庭时间变更', 'ledger.record-event', event('hearing-moved', '{hearingAt: hearingAt, hearingKey: hearingKey}'));
  c.user('h_attendance', '记录出庭情况', 'hearing-attendance', 'handler,legal-affairs', {
    doc: `记录出庭负责人和代理人（台账，DESIGN §6）；遵守法庭纪律、围绕争议焦点质证、负责人就实质性化解发言（${HN}四、（一）；${JH}一、（5）2；${LC}第二十五条、第二十九条、第三十条；规则目录 D14、D15）。`,
  });
  c.user('h_transcript', '核对庭审笔录', 'hearing-transcript', 'handler', {
    doc: `庭审结束后认真核对庭审笔录，发现遗漏或差错的申请补正后签字（${LC}第三十一条；规则目录 D16）。`,
  });
  c.service('h_record', '台账：记录开庭与出庭情况', 'ledger.record-event', event('hearing-held', '{hearingAt: hearingAt, hearingKey: hearingKey, heldOn: hearingHeldOn, headAppearanceRequired: headAppearanceRequired, headAppeared: headAppeared, appearedHeadName: appearedHeadName, principalHeadAppeared: principalHeadAppeared = true, attendees: attendees, transcriptChecked: transcriptChecked, transcriptCorrections: transcriptCorrections}'));
  c.service('h_deadlines_after', '按出庭情况重算期限', 'deadlines.compute', {
    ...compute('hearing', [], [
      [`=${dl(absenceKey, 'due')}`, 'headAbsenceReportDue'],
      [`=${dl(absenceKey, 'dueAt')}`, 'headAbsenceReportDueAt'],
      [`=${dl(absenceKey, 'remindAt.t5')}`, 'headAbsenceReportRemindT5At'],
    ]),
    doc: `负责人未出庭的，聊城要求一个月内书面报告（${LC}第二十条；规则目录 D08；期限规则 head-absence-report，条件 headAppeared = false）。`,
  });
  c.xor('h_report_gw', '须书面报告负责人未出庭？');
  c.user('h_report', '负责人未出庭情况书面报告', 'head-absence-report', 'principal-head,deputy-head', {
    due: '=headAbsenceReportDueAt',
    doc: `负责人未出庭应诉的，相关负责人（含主要负责人）一个月内向本级党委和政府主要负责人书面报告情况（${LC}第二十条；规则目录 D08）。`,
  });
  c.boundaryTimer('h_report_t5', '届满前5日', 'h_report', '=headAbsenceReportRemindT5At', false);
  c.service('h_report_remind', '提醒：报告期限还有5日', 'notifications.send', notify('deadline.reminder-5', '{deadlineName: "负责人未出庭情况报告期限", dueDate: headAbsenceReportDue}'));
  c.end('h_report_reminded', '已提醒');
  c.boundaryTimer('h_report_overdue', '报告期限届满', 'h_report', '=headAbsenceReportDueAt', false);
  c.service('h_report_escalate', '报告逾期督办', 'notifications.send', notify('deadline.overdue', '{deadlineName: "负责人未出庭情况报告期限", dueDate: headAbsenceReportDue}', true));
  c.end('h_report_escalated', '已督办');
  c.service('h_report_record', '台账：记录未出庭情况报告', 'ledger.record-event', event('head-absence-reported', '{reportedOn: absenceReportedOn, reportedTo: absenceReportedTo, due: headAbsenceReportDue}'));
  c.xor('h_report_join', '汇合：未出庭报告');
  c.end('h_end', '出庭应诉完成');

  c.chain('h_start', 'h_stage', 'h_decide', 'h_schedule_merge', 'h_deadlines', 'h_summons', 'h_prep', 'h_attendance', 'h_transcript', 'h_record', 'h_deadlines_after', 'h_report_gw');
  c.chain('h_moved', 'h_moved_record', 'h_schedule_merge');
  c.flow('h_report_gw', 'h_report_join', { name: '否', isDefault: true, main: true });
  c.flow('h_report_gw', 'h_report', { name: '是（聊城，负责人未出庭）', condition: '=headAppeared = false and headAbsenceReportDueAt != null' });
  c.chain('h_report', 'h_report_record', 'h_report_join', 'h_end');
  c.chain('h_report_t5', 'h_report_remind', 'h_report_reminded');
  c.chain('h_report_overdue', 'h_report_escalate', 'h_report_escalated');
  return {
    id: 'hearing',
    name: '出庭应诉',
    doc: '出庭应诉（DESIGN §5 第4阶段；规则目录 D01–D17）。输入：caseId、level（first / second / retrial）、hearingAt、courtNotice、hearingKey。输出：headAppearanceRequired（head / principal-head）、headAppeared、hearingHeldOn、headAbsenceReportDue。开庭时间变更：消息 hearing-moved（关联键 caseId，变量 hearingAt）。',
    body: c,
  };
}

// ------------------------------------------------------------------ 裁判与上诉

export function judgmentAndAppeal(): ProcessModel {
  const c = new Container('j');
  const proposalDue = '=if appealProposalDueAt != null then appealProposalDueAt else appealDueAt';
  c.start('j_start', '收到裁判文书', { doc: '由主流程在 judgment-served 消息后调用。输入 caseId、level、judgmentKind（judgment / ruling / mediation）、judgmentOutcome（won / lost / partly-lost）、judgmentServedOn。' });
  c.service('j_stage', '台账：进入裁判与上诉', 'cases.update-stage', stage({ stage: 'judgment' }, [['=null', 'appealBy'], ['=false', 'retrialApplied']]));
  c.service('j_deadlines', '计算裁判相关期限', 'deadlines.compute', {
    ...compute('judgment'),
    doc: `上诉期限：判决15日、裁定10日（${ALL}第八十五条）；聊城上诉或申请再审建议5日（${LC}第三十三条第（一）项）；滕州收到裁判文书后5个工作日内扫描件报司法局（${TZ}二、（四））。`,
  });
  c.service('j_assess', '评估裁判：上诉期、建议期限、生效日', 'judgment.assess', {
    inputs: [['=level', 'judgmentLevel']],
    doc: `当事人均不上诉的，裁判自上诉期届满次日生效（${ALL}第八十五条）；调解书、二审裁判送达即生效；申请再审期限为生效后6个月（${INTERP}第一百一十条）。`,
  });
  c.service('j_notify', '通知：收到裁判文书', 'notifications.send', notify('judgment.received', '{documentKind: if judgmentKind = "judgment" then "判决书" else if judgmentKind = "ruling" then "裁定书" else "调解书", receivedOn: judgmentServedOn, outcome: if judgmentOutcome = "won" then "胜诉" else if judgmentOutcome = "lost" then "败诉" else "部分败诉", appealDue: appealDue, appealProposalDue: appealProposalDue}'));
  c.service('j_record', '台账：记录裁判评估', 'ledger.record-event', event('judgment-assessed', '{kind: judgmentKind, outcome: judgmentOutcome, servedOn: judgmentServedOn, level: level, appealable: appealable, appealDue: appealDue, appealProposalDue: appealProposalDue, effectiveOnIfNoAppeal: effectiveOnIfNoAppeal}'));
  c.xor('j_appealable_gw', '可以上诉？');
  c.sub(
    'j_window',
    '上诉期',
    (w) => {
      w.start('w_start', '上诉期开始');
      w.and('w_split', '研究上诉与上诉期并行');
      w.user('w_consider', '研究是否提出上诉建议', 'appeal-consideration', 'handler', {
        due: proposalDue,
        doc: `认为应当上诉的，在5日内提出上诉建议（${LC}第三十三条第（一）项；规则目录 E01），须在法定上诉期内（${ALL}第八十五条）；静海：一审确有错误确需上诉的依法上诉（${JH}一、（七））；湖南：可以上诉，但不得拒绝或拖延履行（${HN}五、（二））。到期日：聊城取建议期限，其他取上诉期限。`,
      });
      w.boundaryTimer('w_consider_due', '建议期限届满', 'w_consider', proposalDue, false);
      w.service('w_consider_escalate', '上诉建议逾期督办', 'notifications.send', notify('deadline.overdue', '{deadlineName: if appealProposalDue != null then "上诉或申请再审建议期限" else "上诉期限", dueDate: if appealProposalDue != null then appealProposalDue else appealDue}', true));
      w.end('w_consider_escalated', '已督办');
      w.xor('w_decision_gw', '提出上诉建议？');
      w.service('w_proposal_doc', '生成上诉建议', 'documents.render', {
        ...render(
          'appeal-proposal',
          '{proposal: "appeal", judgment: {kind: judgmentKind, documentNumber: judgmentDocumentNumber, receivedOn: judgmentServedOn, outcome: judgmentSummary}, reasons: appealReasons, recommendation: appealRecommendation, appealDeadline: appealDue, addressee: "本机关负责人"}',
          'appealProposalDocumentId',
        ),
        doc: `上诉（再审）建议书（${LC}第三十三条第（一）项）。`,
      });
      w.user('w_approve', '负责人审批上诉建议', 'appeal-approval', 'deputy-head,principal-head', {
        due: '=appealDueAt',
        doc: `上诉建议经本级行政机关负责人批准（${LC}第三十三条第（一）项）。`,
      });
      w.xor('w_approve_gw', '批准上诉？');
      w.xor('w_filing_gw', '须报司法局备案？');
      w.user('w_filing', '上诉建议报司法局备案', 'appeal-proposal-filing', 'handler', {
        due: '=appealDueAt',
        doc: `经批准的上诉或申请再审建议报司法行政机关备案后按法定程序办理（${LC}第三十三条第（一）项）。`,
      });
      w.service('w_filing_record', '台账：记录上诉建议备案', 'ledger.record-event', event('appeal-proposal-filed', `{filedOn: appealFilingOn, method: appealFilingMethod, documentId: appealProposalDocumentId, rule: "${LC}第三十三条第（一）项"}`));
      w.xor('w_filing_join', '汇合：备案');
      w.user('w_lodge', '向人民法院递交上诉状', 'appeal-lodging', 'handler', {
        due: '=appealDueAt',
        doc: `在法定上诉期限内提起上诉（${ALL}第八十五条：判决15日、裁定10日）。邮寄的以交邮日为准。`,
      });
      w.service('w_lodged', '台账：记录本机关上诉', 'ledger.record-event', event('appeal-lodged', '{by: "agency", on: agencyAppealFiledOn, appealDue: appealDue, documentId: appealProposalDocumentId}', [['="agency"', 'appealBy'], ['=agencyAppealFiledOn', 'appealFiledOn']]));
      w.end('w_appealed', '本机关已上诉', { terminate: true, doc: '终止上诉期等待。' });
      w.xor('w_no_appeal', '汇合：不上诉');
      w.end('w_accepted', '本机关不上诉');
      w.timer('w_lapse', '上诉期届满次日', '=effectiveAtIfNoAppeal', { doc: `上诉期（期限引擎计算的 appeal-judgment / appeal-ruling 届满日）届满次日 00:00，无人上诉即生效（${ALL}第八十五条）。` });
      w.end('w_lapsed', '上诉期届满', { terminate: true, doc: '终止尚未完成的上诉研究。' });

      w.chain('w_start', 'w_split', 'w_consider', 'w_decision_gw');
      w.flow('w_decision_gw', 'w_proposal_doc', { name: '建议上诉', condition: '=appealDecision = "appeal"', main: true });
      w.flow('w_decision_gw', 'w_no_appeal', { name: '服从裁判', isDefault: true });
      w.chain('w_proposal_doc', 'w_approve', 'w_approve_gw');
      w.flow('w_approve_gw', 'w_filing_gw', { name: '批准', condition: '=appealApproval = "approve"', main: true });
      w.flow('w_approve_gw', 'w_no_appeal', { name: '不批准', isDefault: true });
      w.flow('w_filing_gw', 'w_filing', { name: '是（聊城）', condition: '=appealProposalApplies = true', main: true });
      w.flow('w_filing_gw', 'w_filing_join', { name: '否', isDefault: true });
      w.chain('w_filing', 'w_filing_record', 'w_filing_join', 'w_lodge', 'w_lodged', 'w_appealed');
      w.chain('w_no_appeal', 'w_accepted');
      w.chain('w_consider_due', 'w_consider_escalate', 'w_consider_escalated');
      w.flow('w_split', 'w_lapse');
      w.chain('w_lapse', 'w_lapsed');
    },
    { doc: '上诉期内：本机关研究是否上诉（建议、审批、备案、递交上诉状）；原告也可上诉（消息 appeal-filed 中断本子流程）；无人上诉则上诉期届满次日终止。' },
  );
  c.boundaryMessage('j_appeal_msg', '一方提起上诉', 'j_window', 'appeal-filed', true, { doc: '上诉通知（消息 appeal-filed，按 caseId 关联，变量 appealBy：plaintiff / agency，appealFiledOn）。' });
  c.service('j_appeal_record', '台账：记录上诉', 'ledger.record-event', event('appeal-filed', '{by: appealBy, on: appealFiledOn}'));
  c.xor('j_after_gw', '有人上诉？');
  c.xor('j_second_merge', '汇合：二审');
  c.service('j_second_deadlines', '计算二审期限', 'deadlines.compute', {
    ...compute('second-instance', [['=if appealFiledOn != null then appealFiledOn else judgmentServedOn', 'appealFiledOn']]),
    doc: `二审审理期限3个月（${ALL}第八十八条，法院审限，供跟踪）。二审中负责人出庭义务同样适用（${HEAD}第一条、第七条）。`,
  });
  c.service('j_second_stage', '台账：进入二审', 'cases.update-stage', stage({ stage: 'second-instance' }, [['=true', 'secondInstance']]));
  c.end('j_end_second', '进入二审');
  c.xor('j_effective_merge', '汇合：生效');
  c.service('j_effective', '裁判生效：计算再审期限', 'deadlines.compute', {
    ...compute('judgment', [['=effectiveOnIfNoAppeal', 'effectiveOn']], [
      ['=effectiveOnIfNoAppeal', 'effectiveOn'],
      ['=retrialApplicationDue', 'retrialApplicationDue'],
      ['=retrialApplicationDueAt', 'retrialApplicationDueAt'],
      ['=false', 'secondInstance'],
    ]),
    doc: `申请再审期限：裁判生效后6个月（${INTERP}第一百一十条）。`,
  });
  c.service('j_effective_record', '台账：记录裁判生效', 'ledger.record-event', event('judgment-effective', '{effectiveOn: effectiveOn, kind: judgmentKind, outcome: judgmentOutcome, level: level, retrialApplicationDue: retrialApplicationDue}'));
  c.xor('j_retrial_gw', '终审败诉，研究再审？');
  c.user('j_retrial_consider', '研究是否申请再审', 'retrial-consideration', 'handler', {
    due: '=if appealProposalDueAt != null then appealProposalDueAt else retrialApplicationDueAt',
    doc: `认为应当申请再审的，5日内提出建议（${LC}第三十三条第（一）项）；申请再审在裁判生效后6个月内提出（${INTERP}第一百一十条），申请再审不停止履行。`,
  });
  c.xor('j_retrial_decision_gw', '建议申请再审？');
  c.service('j_retrial_doc', '生成申请再审建议', 'documents.render', render(
    'appeal-proposal',
    '{proposal: "retrial", judgment: {kind: judgmentKind, documentNumber: judgmentDocumentNumber, receivedOn: judgmentServedOn, effectiveOn: effectiveOn, outcome: judgmentSummary}, reasons: retrialReasons, recommendation: "建议依法申请再审", appealDeadline: retrialApplicationDue, addressee: "本机关负责人"}',
    'retrialProposalDocumentId',
  ));
  c.user('j_retrial_approve', '负责人审批申请再审建议', 'appeal-approval', 'deputy-head,principal-head', { due: '=retrialApplicationDueAt', doc: `经本级行政机关负责人批准并报司法行政机关备案（${LC}第三十三条第（一）项）。` });
  c.xor('j_retrial_approve_gw', '批准申请再审？');
  c.user('j_retrial_apply', '提交再审申请', 'retrial-application', 'handler', { due: '=retrialApplicationDueAt', doc: `申请再审期限（${INTERP}第一百一十条）；报司法局备案（${LC}第三十三条第（一）项）。` });
  c.service('j_retrial_record', '台账：记录申请再审', 'ledger.record-event', event('retrial-applied', '{appliedOn: retrialAppliedOn, filedWithJusticeBureauOn: retrialFilingOn, due: retrialApplicationDue, documentId: retrialProposalDocumentId}', [['=true', 'retrialApplied'], ['=retrialAppliedOn', 'retrialFiledOn']]));
  c.xor('j_retrial_join', '汇合：再审');
  c.end('j_end_effective', '裁判已生效');

  c.chain('j_start', 'j_stage', 'j_deadlines', 'j_assess', 'j_notify', 'j_record', 'j_appealable_gw');
  c.flow('j_appealable_gw', 'j_window', { name: '可以上诉', condition: '=appealable = true', main: true });
  c.flow('j_appealable_gw', 'j_effective_merge', { name: '不可上诉（调解书、终审）', isDefault: true });
  c.chain('j_window', 'j_after_gw');
  c.flow('j_after_gw', 'j_second_merge', { name: '本机关上诉', condition: '=appealBy != null' });
  c.flow('j_after_gw', 'j_effective_merge', { name: '无人上诉', isDefault: true, main: true });
  c.chain('j_appeal_msg', 'j_appeal_record', 'j_second_merge', 'j_second_deadlines', 'j_second_stage', 'j_end_second');
  c.chain('j_effective_merge', 'j_effective', 'j_effective_record', 'j_retrial_gw');
  c.flow('j_retrial_gw', 'j_retrial_join', { name: '否', isDefault: true, main: true });
  c.flow('j_retrial_gw', 'j_retrial_consider', { name: '是', condition: '=judgmentLost = true and appealable = false and judgmentKind != "mediation"' });
  c.chain('j_retrial_consider', 'j_retrial_decision_gw');
  c.flow('j_retrial_decision_gw', 'j_retrial_doc', { name: '建议申请再审', condition: '=retrialDecision = "apply"', main: true });
  c.flow('j_retrial_decision_gw', 'j_retrial_join', { name: '服从裁判', isDefault: true });
  c.chain('j_retrial_doc', 'j_retrial_approve', 'j_retrial_approve_gw');
  c.flow('j_retrial_approve_gw', 'j_retrial_apply', { name: '批准', condition: '=appealApproval = "approve"', main: true });
  c.flow('j_retrial_approve_gw', 'j_retrial_join', { name: '不批准', isDefault: true });
  c.chain('j_retrial_apply', 'j_retrial_record', 'j_retrial_join', 'j_end_effective');
  return {
    id: 'judgment-and-appeal',
    name: '裁判与上诉',
    doc: '裁判与上诉（DESIGN §5 第5阶段；规则目录 E01–E04）。输入：caseId、level、judgmentKind、judgmentOutcome、judgmentServedOn。输出：secondInstance（是否进入二审）、appealBy（plaintiff / agency / null）、appealFiledOn、effectiveOn（生效日，二审时为空）、judgmentLost、performanceExpected、retrialApplied、retrialApplicationDue。消息：appeal-filed（关联键 caseId）。',
    body: c,
  };
}

// ------------------------------------------------------------------ 履行

export function performance(): ProcessModel {
  const c = new Container('f');
  const overdueOn = 'string(date(performanceDueOn) + duration("P1D"))';
  c.start('f_start', '裁判生效', { doc: '输入 caseId、level、effectiveOn、judgmentKind、judgmentOutcome。' });
  c.service('f_stage', '台账：进入履行', 'cases.update-stage', stage({ stage: 'performance' }, [['=null', 'remadeActError']]));
  c.service('f_deadlines', '计算履行阶段期限', 'deadlines.compute', { ...compute('performance'), doc: `申请再审期限（${INTERP}第一百一十条，申请再审不停止履行）。` });
  c.user('f_plan', '制定履行方案', 'performance-plan', 'handler', {
    doc: `应诉承办单位组织履行生效裁判，其他部门配合（${YT}二、（六）；${HN}五、（二）；${LC}第三十三条第（二）项、第三十五条；${JH}一、（七）；${TZ}二、（二）；规则目录 F01、F04）。`,
  });
  c.service('f_plan_record', '台账：记录履行方案', 'ledger.record-event', event('performance-planned', '{content: performanceContent, dueOn: performanceDueOn, measures: planMeasures, remakeOrdered: remakeOrdered = true}'));
  c.xor('f_remake_gw', '判决责令重作？');
  c.xor('f_remake_merge', '汇合：重作');
  c.user('f_remake', '拟重新作出的行政行为', 'remade-act', 'handler,legal-affairs', {
    doc: `判决撤销并责令重作的，不得以同一事实和理由作出与原行为基本相同的行政行为（${HN}五、（二）；${ALL}第七十一条；规则目录 F02）。不符合时退回本任务并显示原因。`,
  });
  c.service('f_remake_check', '检查重作限制', 'performance.check-remade-act', { outputs: [['=remadeActAllowed', 'remadeActAllowed'], ['=remadeActReason', 'remadeActReason'], ['=null', 'remadeActError']] });
  c.boundaryError('f_remake_barred', '不得重复作出', 'f_remake_check', 'REMADE_ACT_BARRED', { outputs: [['=ruleError.message', 'remadeActError']] });
  c.service('f_remake_record', '台账：记录重作行为', 'ledger.record-event', event('remade-act-checked', '{description: newActDescription, annulledFor: annulledFor, reason: remadeActReason}'));
  c.xor('f_remake_join', '汇合：重作检查');
  c.user('f_work', '履行并记录履行情况', 'performance-completion', 'handler', {
    due: '=performanceDueOn + "T23:59:59+08:00"',
    doc: `到期日为履行方案确定的履行期限。不得拒绝或拖延履行（${HN}五、（二））；拒不履行的法律后果见${ALL}第九十六条。`,
  });
  c.boundaryTimer('f_overdue', '履行期限届满次日', 'f_work', `=${overdueOn} + "T09:00:00+08:00"`, false, { doc: '履行方案的期限（日期）届满次日 09:00 起为逾期。' });
  c.service('f_overdue_assess', '评估逾期履行', 'performance.assess-overdue', {
    inputs: [[`=${overdueOn}`, 'asOf'], ['=false', 'performanceCompleted']],
    doc: `逾期未履行：报主要负责人督促履行（${LC}第三十五条第二款；${HN}五、（二））；法院已提出司法建议的，上一级机关提出履行建议书（${LC}第三十五条第三款）。`,
  });
  c.xor('f_overdue_gw', '需要通知？');
  c.service('f_overdue_notify', '通知：逾期履行升级', 'notifications.send', {
    inputs: [
      ['=performanceNotificationEvent', 'event'],
      ['=performanceRecipients', 'recipients'],
      ['=performanceUrgent', 'urgent'],
      ['=performanceNotificationData', 'notificationData'],
    ],
    outputs: NOTIFY_OUTPUTS,
  });
  c.end('f_overdue_done', '已升级');
  c.end('f_overdue_none', '无需通知');
  c.service('f_done', '台账：记录履行完毕', 'ledger.record-event', event('performance-completed', '{completedOn: performanceCompletedOn, dueOn: performanceDueOn, actions: performanceActions, summary: performanceSummary}'));
  c.end('f_end', '履行完毕');

  c.chain('f_start', 'f_stage', 'f_deadlines', 'f_plan', 'f_plan_record', 'f_remake_gw');
  c.flow('f_remake_gw', 'f_remake_join', { name: '否', isDefault: true, main: true });
  c.flow('f_remake_gw', 'f_remake_merge', { name: '是', condition: '=remakeOrdered = true' });
  c.chain('f_remake_merge', 'f_remake', 'f_remake_check', 'f_remake_record', 'f_remake_join');
  c.flow('f_remake_barred', 'f_remake_merge');
  c.chain('f_remake_join', 'f_work', 'f_done', 'f_end');
  c.chain('f_overdue', 'f_overdue_assess', 'f_overdue_gw');
  c.flow('f_overdue_gw', 'f_overdue_notify', { name: '是', condition: '=performanceNotificationEvent != null' });
  c.flow('f_overdue_gw', 'f_overdue_none', { name: '否', isDefault: true });
  c.chain('f_overdue_notify', 'f_overdue_done');
  return {
    id: 'performance',
    name: '履行',
    doc: '履行生效裁判（DESIGN §5 第6阶段；规则目录 F01–F04）：履行方案、重作限制（湖南）、履行情况、逾期升级。输入：caseId、level、effectiveOn、judgmentKind、judgmentOutcome。输出：performanceCompletedOn。',
    body: c,
  };
}

// ------------------------------------------------------------------ 败诉分析与问责

export function lossAnalysis(): ProcessModel {
  const c = new Container('l');
  c.start('l_start', '裁判生效', { doc: '每个生效裁判都调用（胜诉也记录裁判结果，供败诉率与多次败诉分析）。输入 caseId、judgmentKind、judgmentOutcome、judgmentServedOn、judgmentLevel、effectiveOn。' });
  c.service('l_assess', '记录裁判结果并评估败诉后续', 'loss.assess', {
    doc: `裁判结果记入台账（case_judgments）；静海败诉分析报告30日（${JH}二、（三）3；规则目录 G02）、问责函告15日（G04）；多次败诉分析（${LC}第三十七条；G05）；涉企案件研讨会（${LC}第二十三条；D13）。`,
  });
  c.xor('l_loss_gw', '败诉？');
  c.end('l_end_won', '胜诉，无需败诉分析');
  c.service('l_stage', '台账：进入败诉分析与问责', 'cases.update-stage', stage({ stage: 'loss-analysis' }));
  c.service('l_deadlines', '计算败诉分析期限', 'deadlines.compute', { ...compute('loss-analysis'), doc: `败诉法律文书生效后30日内提交败诉分析报告（${JH}二、（三）3）。` });
  c.xor('l_report_gw', '须提交败诉分析报告？');
  c.user('l_report', '撰写败诉分析报告', 'loss-analysis-report', 'handler,legal-affairs', {
    due: '=lossAnalysisReportDueAt',
    doc: `败诉法律文书生效后30日内向区人民政府提交败诉分析报告（${JH}二、（三）3；规则目录 G02）；烟台建立败诉案件报告制度（${YT}二、（六）；G01）。`,
  });
  c.boundaryTimer('l_report_overdue', '报告期限届满', 'l_report', '=lossAnalysisReportDueAt', false);
  c.service('l_report_escalate', '败诉分析报告逾期督办', 'notifications.send', notify('deadline.overdue', '{deadlineName: "败诉分析报告期限", dueDate: lossAnalysisReportDue}', true));
  c.end('l_report_escalated', '已督办');
  c.service('l_report_doc', '生成败诉分析报告', 'documents.render', render(
    'loss-analysis-report',
    '{addressee: reportAddressee, judgment: {kind: if judgmentKind = "judgment" then "judgment" else "ruling", documentNumber: judgmentDocumentNumber, receivedOn: judgmentServedOn, effectiveOn: effectiveOn, outcome: judgmentSummary}, lossReasons: for r in lossReasons return r.reason, problems: problems, measures: for m in measures return m.measure, responsibility: responsibility}',
    'lossAnalysisReportDocumentId',
  ));
  c.user('l_report_submit', '报送败诉分析报告', 'loss-analysis-report-submission', 'handler', { due: '=lossAnalysisReportDueAt', doc: `报区人民政府（${JH}二、（三）3）。` });
  c.service('l_report_record', '台账：记录败诉分析报告', 'ledger.record-event', event('loss-analysis-report-submitted', '{submittedOn: reportSubmittedOn, due: lossAnalysisReportDue, documentId: lossAnalysisReportDocumentId}'));
  c.xor('l_report_join', '汇合：败诉分析报告');
  c.xor('l_acc_gw', '有问责程序？');
  c.user('l_acc_decide', '问责初步认定与处理决定', 'accountability-decision', 'justice-bureau', {
    doc: `区行政复议机构根据败诉分析报告、案件事实、庭审及司法建议，认定是否存在滥用职权、徇私舞弊、渎职、失职等情形，提出初步认定，区政府作出处理决定（${JH}二、（三）3；规则目录 G03）。`,
  });
  c.xor('l_acc_found_gw', '作出问责决定？');
  c.service('l_acc_deadlines', '计算问责函告期限', 'deadlines.compute', {
    ...compute('loss-analysis', [], [['=accountabilityLetterDue', 'accountabilityLetterDue'], ['=accountabilityLetterDueAt', 'accountabilityLetterDueAt']]),
    doc: `作出问责决定后15日内函告（${JH}二、（三）3；规则目录 G04）。`,
  });
  c.user('l_letter', '函告问责追责意见', 'accountability-letter', 'justice-bureau', {
    due: '=accountabilityLetterDueAt',
    doc: `区行政复议机构将问责追责意见函告区委组织部，并通报相关人民法院（${JH}二、（三）3；规则目录 G04）。`,
  });
  c.boundaryTimer('l_letter_overdue', '函告期限届满', 'l_letter', '=accountabilityLetterDueAt', false);
  c.service('l_letter_escalate', '问责函告逾期督办', 'notifications.send', notify('deadline.overdue', '{deadlineName: "问责追责意见函告期限", dueDate: accountabilityLetterDue}', true));
  c.end('l_letter_escalated', '已督办');
  c.service('l_letter_doc', '生成问责追责意见函', 'documents.render', render(
    'accountability-letter',
    '{issuer: letterIssuer, documentNumber: letterDocumentNumber, addressee: letterAddressee, copyTo: [letterCopyTo], persons: accountablePersons, findings: accountabilityFindings, basis: accountabilityBasis, proposal: accountabilityProposal, date: letterSentOn}',
    'accountabilityLetterDocumentId',
  ));
  c.service('l_letter_record', '台账：记录问责函告', 'ledger.record-event', event('accountability-letter-sent', '{decisionOn: decisionOn, sentOn: letterSentOn, due: accountabilityLetterDue, addressee: letterAddressee, documentId: accountabilityLetterDocumentId}'));
  c.service('l_acc_none_record', '台账：记录不予问责', 'ledger.record-event', event('accountability-not-found', '{decisionOn: decisionOn, findings: accountabilityFindings}'));
  c.xor('l_acc_join', '汇合：问责');
  c.xor('l_rep_gw', '多次败诉须分析？');
  c.user('l_repeated', '多次败诉分析与整改', 'repeated-loss-analysis', 'handler,legal-affairs', {
    doc: `同一领域多次败诉、具有普遍性的，分析原因、制定整改措施，报应诉机关并抄送司法行政机关（${LC}第三十七条；规则目录 G05）；滕州：同一问题未整改再次败诉的通报批评（${TZ}三、（四））。`,
  });
  c.service('l_repeated_record', '台账：记录多次败诉分析', 'ledger.record-event', event('repeated-loss-analysed', '{analysis: repeatedLossAnalysis, measures: repeatedLossMeasures, reportedOn: repeatedLossReportedOn}'));
  c.xor('l_rep_join', '汇合：多次败诉');
  c.xor('l_sem_gw', '须召开涉企案件研讨会？');
  c.user('l_seminar', '涉企行政案件研讨会', 'enterprise-case-seminar', 'legal-affairs', {
    doc: `市直部门系统内涉企行政案件年度超过20件或败诉率超过10%的，召开案件研讨会（${LC}第二十三条；规则目录 D13）。`,
  });
  c.service('l_seminar_record', '台账：记录研讨会', 'ledger.record-event', event('enterprise-seminar-held', '{heldOn: seminarHeldOn, conclusion: seminarConclusion}'));
  c.xor('l_sem_join', '汇合：研讨会');
  c.end('l_end', '败诉分析与问责完成');

  c.chain('l_start', 'l_assess', 'l_loss_gw');
  c.flow('l_loss_gw', 'l_stage', { name: '败诉 / 部分败诉', condition: '=lossCase = true', main: true });
  c.flow('l_loss_gw', 'l_end_won', { name: '胜诉', isDefault: true });
  c.chain('l_stage', 'l_deadlines', 'l_report_gw');
  c.flow('l_report_gw', 'l_report', { name: '是（静海）', condition: '=lossAnalysisReportRequired = true', main: true });
  c.flow('l_report_gw', 'l_report_join', { name: '否', isDefault: true });
  c.chain('l_report', 'l_report_doc', 'l_report_submit', 'l_report_record', 'l_report_join', 'l_acc_gw');
  c.chain('l_report_overdue', 'l_report_escalate', 'l_report_escalated');
  c.flow('l_acc_gw', 'l_acc_decide', { name: '是（静海）', condition: '=accountabilityLetterApplies = true', main: true });
  c.flow('l_acc_gw', 'l_acc_join', { name: '否', isDefault: true });
  c.chain('l_acc_decide', 'l_acc_found_gw');
  c.flow('l_acc_found_gw', 'l_acc_deadlines', { name: '问责', condition: '=accountabilityFinding = "found"', main: true });
  c.flow('l_acc_found_gw', 'l_acc_none_record', { name: '不予问责', isDefault: true });
  c.chain('l_acc_deadlines', 'l_letter', 'l_letter_doc', 'l_letter_record', 'l_acc_join');
  c.chain('l_acc_none_record', 'l_acc_join');
  c.chain('l_letter_overdue', 'l_letter_escalate', 'l_letter_escalated');
  c.chain('l_acc_join', 'l_rep_gw');
  c.flow('l_rep_gw', 'l_repeated', { name: '是（聊城）', condition: '=repeatedLossAnalysisRequired = true' });
  c.flow('l_rep_gw', 'l_rep_join', { name: '否', isDefault: true, main: true });
  c.chain('l_repeated', 'l_repeated_record', 'l_rep_join', 'l_sem_gw');
  c.flow('l_sem_gw', 'l_seminar', { name: '是（聊城）', condition: '=enterpriseSeminarRequired = true' });
  c.flow('l_sem_gw', 'l_sem_join', { name: '否', isDefault: true, main: true });
  c.chain('l_seminar', 'l_seminar_record', 'l_sem_join', 'l_end');
  return {
    id: 'loss-analysis',
    name: '败诉分析与问责',
    doc: '败诉分析与问责（DESIGN §5 第7阶段；规则目录 G01–G08）。输入：caseId、judgmentKind、judgmentOutcome、judgmentServedOn、judgmentLevel、effectiveOn。输出：lossCase、lossAnalysisReportDocumentId、accountabilityLetterDocumentId。',
    body: c,
  };
}

// ------------------------------------------------------------------ 司法建议

export function judicialRecommendation(): ProcessModel {
  const c = new Container('r');
  c.start('r_start', '收到司法建议书', {
    message: 'judicial-recommendation',
    doc: '独立流程，由消息 judicial-recommendation 启动（关联键为 caseId；变量 caseId、recommendationReceivedOn、replyWithinDays、recommendationKind），可在案件任何阶段、包括结案归档之后到达。同一案件已有进行中的司法建议流程时，引擎在其结束后再启动下一个（消息须设置存活时间）。',
  });
  c.service('r_assess', '确定回复期限与办理要求', 'recommendation.assess', {
    outputs: [
      ['=recommendationReplyDue', 'recommendationReplyDue'],
      ['=recommendationReplyDueAt', 'recommendationReplyDueAt'],
      ['=recommendationNeedsPeriod', 'recommendationNeedsPeriod'],
      ['=' + reasonsText('recommendationAssessment.obligations'), 'recommendationObligationsText'],
    ],
    doc: `回复期限按规则配置（规则目录 F05）：烟台为法院确定的期限，未确定的自收到之日起60日内，并抄送同级政府法制机构（${YT}三、（一））；湖南3个月内（${HN}七、（四））；聊城“及时”（${LC}第三十六条）；静海“在规定期限内”（${JH}一、（七））。`,
  });
  c.xor('r_period_gw', '有回复期限？');
  c.service('r_deadlines', '台账：记录回复期限', 'deadlines.compute', compute('recommendation', [], [['=judicialRecommendationReplyRemindT5At', 'recommendationReplyRemindT5At']]));
  c.xor('r_period_join', '汇合：回复期限');
  c.service('r_notify', '通知：司法建议回复期限', 'notifications.send', notify('recommendation.reply-due', '{receivedOn: recommendationReceivedOn, replyDue: recommendationReplyDue}'));
  c.xor('r_due_gw', '按期限办理？');
  c.user('r_reply', '研究办理并拟写书面回复', 'recommendation-reply', 'handler,legal-affairs', {
    due: '=recommendationReplyDueAt',
    doc: `认真研究、整改并书面回复（${HN}七、（四）：涉及违法行为的纠正或做好善后，涉及普遍性问题的完善制度；规则目录 F05、F06）。`,
  });
  c.boundaryTimer('r_reply_t5', '届满前5日', 'r_reply', '=recommendationReplyRemindT5At', false);
  c.service('r_reply_remind', '提醒：回复期限还有5日', 'notifications.send', notify('deadline.reminder-5', '{deadlineName: "司法建议回复期限", dueDate: recommendationReplyDue}'));
  c.end('r_reply_reminded', '已提醒');
  c.boundaryTimer('r_reply_overdue', '回复期限届满', 'r_reply', '=recommendationReplyDueAt', false);
  c.service('r_reply_escalate', '回复逾期督办', 'notifications.send', notify('deadline.overdue', '{deadlineName: "司法建议回复期限", dueDate: recommendationReplyDue}', true));
  c.end('r_reply_escalated', '已督办');
  c.user('r_reply_prompt', '及时研究办理并拟写书面回复', 'recommendation-reply', 'handler,legal-affairs', {
    doc: `规则未定天数、建议书也未载明期限的，及时书面回复（${LC}第三十六条）。`,
  });
  c.xor('r_reply_join', '汇合：回复');
  c.service('r_doc', '生成司法建议回复函', 'documents.render', render(
    'judicial-recommendation-reply',
    '{recommendation: {documentNumber: recommendationDocumentNumber, receivedOn: recommendationReceivedOn, summary: recommendationSummary}, measures: for m in replyMeasures return m.measure, conclusion: replyConclusion, contact: {name: contactName, post: contactPost, phone: contactPhone}}',
    'recommendationReplyDocumentId',
  ));
  c.user('r_send', '书面回复并抄送、备案', 'recommendation-reply-sending', 'handler', {
    doc: `书面回复人民法院；烟台抄送同级政府法制机构（${YT}三、（一））。`,
  });
  c.service('r_record', '台账：记录司法建议回复', 'ledger.record-event', event('judicial-recommendation-replied', '{kind: recommendationKind, receivedOn: recommendationReceivedOn, replyDue: recommendationReplyDue, repliedOn: repliedOn, copiedTo: replyCopiedTo, documentId: recommendationReplyDocumentId}'));
  c.end('r_end', '已回复');

  c.chain('r_start', 'r_assess', 'r_period_gw');
  c.flow('r_period_gw', 'r_deadlines', { name: '有', condition: '=recommendationReplyDueAt != null', main: true });
  c.flow('r_period_gw', 'r_period_join', { name: '无（及时回复）', isDefault: true });
  c.chain('r_deadlines', 'r_period_join', 'r_notify', 'r_due_gw');
  c.flow('r_due_gw', 'r_reply', { name: '有期限', condition: '=recommendationReplyDueAt != null', main: true });
  c.flow('r_due_gw', 'r_reply_prompt', { name: '及时', isDefault: true });
  c.chain('r_reply', 'r_reply_join', 'r_doc', 'r_send', 'r_record', 'r_end');
  c.chain('r_reply_prompt', 'r_reply_join');
  c.chain('r_reply_t5', 'r_reply_remind', 'r_reply_reminded');
  c.chain('r_reply_overdue', 'r_reply_escalate', 'r_reply_escalated');
  return {
    id: 'judicial-recommendation',
    name: '司法建议',
    doc: '司法建议、检察建议的办理与回复（DESIGN §5 事件流程；规则目录 F03、F05、F06）。由消息 judicial-recommendation 启动（关联键 caseId），任何时候均可，包括结案归档之后；不改变案件阶段。',
    body: c,
  };
}

// ------------------------------------------------------------------ 结案归档

export function caseArchive(): ProcessModel {
  const c = new Container('a');
  c.start('a_start', '案件审结', { doc: '输入 caseId。' });
  c.user('a_review', '整理案卷', 'case-archive-review', 'legal-affairs', {
    doc: `案件办结后立卷归档，尽可能保存电子卷宗（${LC}第四十六条；${HN}二、由法制机构统一管理应诉档案；规则目录 H06）。`,
  });
  c.service('a_close', '台账：结案', 'cases.update-stage', stage({ stage: 'archived', status: 'closed' }));
  c.service('a_freeze', '案卷固化归档', 'archive.freeze', {
    doc: `汇总全部文书（逐份 SHA-256 复核）、台账事件、期限、裁判结果、报告，生成不可变的归档清单并记入 case_archives（${LC}第四十六条：司法局定期案卷评查）。同一作业重投不会重复归档。`,
  });
  c.end('a_end', '已归档');
  c.chain('a_start', 'a_review', 'a_close', 'a_freeze', 'a_end');
  return {
    id: 'case-archive',
    name: '结案归档',
    doc: '结案归档（DESIGN §5 第8阶段；规则目录 H06）。输入：caseId。输出：archiveId、archiveVersion、archiveManifestSha256、archivedDocumentCount、archivedEventCount。归档后司法建议仍可到达（独立流程）。',
    body: c,
  };
}

export const PART2_PROCESSES = [hearing, judgmentAndAppeal, performance, lossAnalysis, judicialRecommendation, caseArchive];
