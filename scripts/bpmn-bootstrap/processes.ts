// The part-1 process models (issue 6) as builder code: main process 行政应诉案件 and the called
// processes 收件登记, 审前和解/败诉风险评估, 答辩举证. Used once to bootstrap processes/*.bpmn.
import { Container, type ProcessModel } from './model.ts';

const LC = '002_963c834d180c3dcb.txt（聊城市行政应诉工作管理办法）';
const JH = '004_b8935aaaa4c0ff62.txt（静海区实施方案）';
const TZ = '003_0e14abe5e5e19f52.txt（滕州市通知）';
const HN = '001_43aff403179c4a24.txt（湖南省实施意见）';
const YT = '000_7288109d50e53de4.txt（烟台市意见）';
const ALL = '《中华人民共和国行政诉讼法》';
const INTERP = '法释〔2018〕1号';

const stage = (headers: Record<string, string>) => ({ headers });
const notify = (event: string, data: string, urgent = false) => ({
  headers: { event, ...(urgent ? { urgent: 'true' } : {}) },
  inputs: [['=' + data, 'notificationData']] as [string, string][],
  // map the result: the worker's output "recipients" would otherwise become the next job's input
  outputs: [['=notificationIds', 'lastNotificationIds']] as [string, string][],
});
const compute = (stageName: string) => ({ inputs: [[`="${stageName}"`, 'stage']] as [string, string][] });

// ------------------------------------------------------------------ 收件登记

export function caseRegistration(): ProcessModel {
  const c = new Container('reg');
  c.start('reg_start', '收到应诉材料');
  c.service('reg_stage', '台账：进入收件登记', 'cases.update-stage', stage({ stage: 'registration' }));
  c.service('reg_deadlines', '计算登记阶段期限', 'deadlines.compute', {
    ...compute('registration'),
    doc: `答辩举证期限：${ALL}第六十七条（15日，自收到起诉状副本次日起算）；聊城登记期限：${LC}第三十八条（3日）；静海转交期限：${JH}一、（二）1（3日）；滕州备案期限：${TZ}二、（四）（5个工作日）。`,
  });
  c.service('reg_procedure', '确定本辖区程序步骤', 'cases.procedure-rules', {
    doc: `按机关绑定的规则版本确定：报司法局备案的时点（${TZ}二、（四）收件后；${LC}第十三条答辩前；${JH}一、（二）2答辩后）、重大案件报告（${LC}第四十三条第三款）、集体研究（${HN}三、（一））。`,
  });
  c.service('reg_notify_registered', '通知：案件已登记', 'notifications.send', notify('case.registered', '{receivedOn: complaintReceivedOn}'));
  c.xor('reg_assign_merge', '汇合：确定承办单位');
  c.service('reg_assign', '确定应诉承办单位', 'cases.assign-responding-units', {
    doc: `应诉承办单位矩阵（规则目录 A06–A10）：未经复议由作出行为的机关应诉；复议机关为唯一被告由其复议（法制）机构或同级司法行政机关应诉；复议机关为共同被告时原机关对原行为、复议机关对复议程序分别应诉（${YT}二、（二）；${HN}二、（一）（二）；${LC}第十条、第十四条；${JH}一、（一）1）；多个部门共同被告由牵头部门应诉（${YT}二、（二））。`,
  });
  c.xor('reg_assign_clear', '承办单位能否确定？');
  c.user('reg_bureau_proposal', '司法局提出承办单位意见', 'assignment-decision', 'justice-bureau', {
    due: '=registrationTaskDueAt',
    doc: `应诉承办单位不明确的，由司法行政机关提出意见、政府办公室确定（${LC}第十条第（三）项；${YT}二、（二）由政府法制机构确定）。规则目录 A08。`,
  });
  c.user('reg_register', '登记并转交承办单位', 'case-registration', 'clerk', {
    due: '=registrationTaskDueAt',
    doc: `办公室统一签收、登记（规则目录 A01、A02）：收到应诉法律文书后3日内登记并确定承办单位和承办人员，不得拒绝或拖延登记（${LC}第八条、第九条、第三十八条）；静海：3日内转交承办部门（${JH}一、（二）1）。到期日取本辖区的登记/转交期限，无此规则时取答辩期限。`,
  });
  c.service('reg_notify_assigned', '通知：已确定承办单位', 'notifications.send', notify('case.assigned', '{unitName: respondingUnitNames, handlerName: handlerName, answerDue: answerDue}'));
  c.xor('reg_filing_gw', '收件后须报司法局备案？');
  c.user('reg_filing', '扫描件报司法局备案', 'justice-bureau-filing', 'handler', {
    due: '=justiceBureauFilingDueAt',
    doc: `滕州：收到起诉状、应诉通知书后5个工作日内将扫描件通过电子邮件报市司法局备案（${TZ}二、（四）；规则目录 A05）。`,
  });
  c.boundaryTimer('reg_filing_overdue', '备案期限届满', 'reg_filing', '=justiceBureauFilingDueAt', false, { doc: `计算所得的备案期限（${TZ}二、（四））届满仍未备案时督办。` });
  c.service('reg_filing_escalate', '备案逾期督办', 'notifications.send', notify('deadline.overdue', '{deadlineName: "向司法局备案期限", dueDate: justiceBureauFilingDue}', true));
  c.end('reg_filing_escalated', '已督办');
  c.service('reg_filing_record', '记录备案', 'cases.file-report', {
    headers: { reportKind: 'justice-bureau-filing', timing: 'after-receipt' },
    inputs: [
      ['=filedOn', 'reportFiledOn'],
      ['=justiceBureauFilingDue', 'reportDueOn'],
      ['=justiceBureauFilingRule', 'reportRule'],
      ['={method: filingMethod, materials: filedMaterials}', 'reportPayload'],
    ],
  });
  c.xor('reg_filing_join', '汇合：备案');
  c.xor('reg_major_gw', '须向政府报告重大案件？');
  c.user('reg_major', '向同级政府报告重大案件', 'major-case-report', 'legal-affairs', {
    due: '=registrationTaskDueAt',
    doc: `重大复杂、社会关注度高或者可能引发群体性事件的案件，应诉机关主动及时向同级人民政府报告（${LC}第四十三条第三款；规则目录 A11）。`,
  });
  c.service('reg_major_record', '记录重大案件报告', 'cases.file-report', {
    headers: { reportKind: 'major-case-report', timing: 'on-identification' },
    inputs: [
      ['=reportedOn', 'reportFiledOn'],
      ['=majorCaseReportRule', 'reportRule'],
      ['={reasons: majorCaseReasons, summary: reportSummary, reportedTo: reportedTo}', 'reportPayload'],
    ],
  });
  c.xor('reg_major_join', '汇合：重大案件报告');
  c.end('reg_end', '登记完成');

  c.chain('reg_start', 'reg_stage', 'reg_deadlines', 'reg_procedure', 'reg_notify_registered', 'reg_assign_merge', 'reg_assign', 'reg_assign_clear');
  c.flow('reg_assign_clear', 'reg_register', { name: '已确定', isDefault: true });
  c.flow('reg_assign_clear', 'reg_bureau_proposal', { name: '需决定', condition: '=assignmentNeedsDecision = true' });
  c.flow('reg_bureau_proposal', 'reg_assign_merge');
  c.chain('reg_register', 'reg_notify_assigned', 'reg_filing_gw');
  c.flow('reg_filing_gw', 'reg_filing', { name: '是（滕州）', condition: '=justiceBureauFiling = "after-receipt"' });
  c.flow('reg_filing_gw', 'reg_filing_join', { name: '否', isDefault: true });
  c.chain('reg_filing', 'reg_filing_record', 'reg_filing_join');
  c.chain('reg_filing_overdue', 'reg_filing_escalate', 'reg_filing_escalated');
  c.chain('reg_filing_join', 'reg_major_gw');
  c.flow('reg_major_gw', 'reg_major', { name: '是', condition: '=majorCaseReportRequired = true' });
  c.flow('reg_major_gw', 'reg_major_join', { name: '否', isDefault: true });
  c.chain('reg_major', 'reg_major_record', 'reg_major_join', 'reg_end');
  return {
    id: 'case-registration',
    name: '收件登记',
    doc: '收件登记（DESIGN §5 第1阶段）：登记、确定应诉承办单位、转交、按辖区报司法局备案、重大案件报告。由主流程 case-lifecycle 调用；输入 caseId 等案件变量，输出期限变量（answerDueAt 等）、程序变量（justiceBureauFiling 等）和 respondingUnits。',
    body: c,
  };
}

// ------------------------------------------------------------------ 审前和解 / 败诉风险评估

export function pretrialSettlement(): ProcessModel {
  const c = new Container('ps');
  c.start('ps_start', '开始风险评估');
  c.service('ps_stage', '台账：风险评估中', 'cases.update-stage', stage({ settlementStatus: 'assessing' }));
  c.user('ps_assess', '败诉风险评估', 'risk-assessment', 'handler', {
    due: '=answerDueAt',
    doc: `评估败诉风险，属于调解范围的积极推动和解（${LC}第十八条；${JH}一、（六）；调解范围：${ALL}第六十条）。规则目录 B04–B07。`,
  });
  c.xor('ps_report_gw', '须书面报告败诉风险？');
  c.user('ps_report', '败诉风险书面报告', 'risk-report', 'handler', {
    due: '=riskReportDueAt',
    doc: `存在败诉风险的，于提交答辩材料前3个工作日向应诉机关报告（${LC}第十八条；规则目录 B04；期限以答辩期限届满日倒数3个工作日计算）。`,
  });
  c.boundaryTimer('ps_report_overdue', '风险报告期限届满', 'ps_report', '=riskReportDueAt', false, { doc: `计算所得的风险报告期限（${LC}第十八条）届满时督办。` });
  c.service('ps_report_escalate', '风险报告逾期督办', 'notifications.send', notify('deadline.overdue', '{deadlineName: "败诉风险报告期限", dueDate: riskReportDue}', true));
  c.end('ps_report_escalated', '已督办');
  c.xor('ps_report_join', '汇合：风险报告');
  c.xor('ps_meeting_gw', '须召开案件分析会？');
  c.user('ps_meeting', '案件分析讨论会', 'case-analysis-meeting', 'legal-affairs', {
    due: '=answerDueAt',
    doc: `经分析存在败诉风险的，及时召开案件分析讨论（处置）会议（${JH}一、（六）；规则目录 B05）。`,
  });
  c.xor('ps_meeting_join', '汇合：分析会');
  c.xor('ps_mediation_gw', '适宜和解？');
  c.service('ps_mediating', '台账：和解进行中', 'cases.update-stage', stage({ settlementStatus: 'mediating' }));
  c.xor('ps_head_gw', '书面建议负责人参加？');
  c.user('ps_session_head', '负责人参加审前和解', 'settlement-session', 'deputy-head,principal-head', {
    due: '=answerDueAt',
    doc: `法院、审前和解中心或司法行政机关书面建议的，涉案行政机关负责人应当参加审前和解，可另委托1至2名熟悉案情的代理人（${LC}第三十二条第一款；规则目录 B02）。`,
  });
  c.user('ps_session', '参加和解会谈', 'settlement-session', 'handler', {
    due: '=answerDueAt',
    doc: `行政机关负责人参与审前和解全过程（${LC}第三十二条第一款；${TZ}二、（二））；不得以欺骗、胁迫等手段迫使原告撤诉（${YT}二、（五）；${HN}三、（二））。`,
  });
  c.xor('ps_session_join', '汇合：会谈');
  c.xor('ps_reply_gw', '须书面答复和解中心？');
  c.user('ps_reply', '在约定期限内书面答复', 'settlement-reply', 'handler', {
    due: '=if agreedReplyBy != null then agreedReplyBy + "T23:59:59+08:00" else answerDueAt',
    doc: `需经领导研究或不能当场拟定方案的事项，在约定期限内向审前和解中心书面答复（${LC}第三十二条第一款；规则目录 B03）。到期日为会谈记录的约定日期。`,
  });
  c.xor('ps_reply_join', '汇合：书面答复');
  c.catchMessage('ps_outcome', '等待和解结果', 'settlement-outcome', { doc: '法院或和解中心通知和解结果（POST /api/cases/:id/events，type settlement-outcome：settled / withdrawn / failed），消息按 caseId 关联。' });
  c.end('ps_end', '和解程序结束');
  c.service('ps_not_attempted', '台账：未进行和解', 'cases.update-stage', stage({ settlementStatus: 'not-attempted' }));
  c.end('ps_end_none', '不进行和解');

  c.chain('ps_start', 'ps_stage', 'ps_assess', 'ps_report_gw');
  c.flow('ps_report_gw', 'ps_report', { name: '是（聊城）', condition: '=lossRisk = true and riskReportOnRisk = true' });
  c.flow('ps_report_gw', 'ps_report_join', { name: '否', isDefault: true });
  c.chain('ps_report', 'ps_report_join', 'ps_meeting_gw');
  c.chain('ps_report_overdue', 'ps_report_escalate', 'ps_report_escalated');
  c.flow('ps_meeting_gw', 'ps_meeting', { name: '是（静海）', condition: '=lossRisk = true and caseAnalysisMeetingOnRisk = true' });
  c.flow('ps_meeting_gw', 'ps_meeting_join', { name: '否', isDefault: true });
  c.chain('ps_meeting', 'ps_meeting_join', 'ps_mediation_gw');
  c.flow('ps_mediation_gw', 'ps_mediating', { name: '是', condition: '=mediationSuitable = true', main: true });
  c.flow('ps_mediation_gw', 'ps_not_attempted', { name: '否', isDefault: true });
  c.chain('ps_not_attempted', 'ps_end_none');
  c.chain('ps_mediating', 'ps_head_gw');
  c.flow('ps_head_gw', 'ps_session_head', { name: '是', condition: '=writtenRecommendation = true' });
  c.flow('ps_head_gw', 'ps_session', { name: '否', isDefault: true });
  c.chain('ps_session_head', 'ps_session_join');
  c.chain('ps_session', 'ps_session_join', 'ps_reply_gw');
  c.flow('ps_reply_gw', 'ps_reply', { name: '是', condition: '=needsWrittenReply = true' });
  c.flow('ps_reply_gw', 'ps_reply_join', { name: '否', isDefault: true });
  c.chain('ps_reply', 'ps_reply_join', 'ps_outcome', 'ps_end');
  return {
    id: 'pretrial-settlement',
    name: '审前和解与败诉风险评估',
    doc: '审前和解与败诉风险评估（DESIGN §5 第2阶段），与答辩举证并行（答辩期限不因和解而中止）。输出 settlementOutcome：settled / withdrawn / failed，未进行和解时为空。',
    body: c,
  };
}

// ------------------------------------------------------------------ 答辩举证

export function answerAndEvidence(): ProcessModel {
  const c = new Container('ae');
  c.start('ae_start', '开始答辩举证');
  c.service('ae_stage', '台账：进入答辩举证', 'cases.update-stage', stage({ stage: 'answer' }));
  c.service('ae_deadlines', '计算答辩举证期限', 'deadlines.compute', {
    ...compute('answer'),
    doc: `答辩举证15日（${ALL}第六十七条）；延期提供证据申请期限（${INTERP}第三十四条）；静海内部答辩准备10日（${JH}一、（二）2）；聊城风险报告（${LC}第十八条）。`,
  });
  c.service('ae_procedure', '确定本辖区程序步骤', 'cases.procedure-rules');
  c.sub(
    'ae_work',
    '答辩举证办理',
    (w) => {
      w.start('w_start', '开始办理');
      w.and('w_split', '办理与期限监控并行');
      // work
      w.xor('w_draft_merge', '汇合：起草');
      w.user('w_draft', '起草答辩状和证据目录', 'answer-draft', 'handler', {
        due: '=if answerPreparationDueAt != null then answerPreparationDueAt else answerDueAt',
        doc: `答辩状内容（${LC}第十五条第一款；规则目录 C06），可提出的八项答辩意见（${LC}第十五条第二款；C07），证据目录分类编号并注明来源、证明对象、内容和目的（${LC}第十六条；C08）。静海：10日内完成答辩准备（${JH}一、（二）2；C02），到期日取该期限。`,
      });
      w.xor('w_ext_gw', '需申请延期提供证据？');
      w.user('w_ext', '延期提供证据申请', 'evidence-extension', 'handler', {
        due: '=evidenceExtensionApplicationDueAt',
        doc: `因不可抗力等正当事由不能按期举证的，在举证期限届满前书面申请延期（${LC}第十七条第二款；${HN}三、（一）；${INTERP}第三十四条；${ALL}第三十六条）。规则目录 C10。`,
      });
      w.service('w_ext_doc', '生成延期提供证据申请书', 'documents.render', {
        headers: { documentKind: 'evidence-extension-application' },
        inputs: [['={reason: extensionReason, evidencePeriodEnds: evidenceExtensionApplicationDue, requestedUntil: extensionRequestedUntil, pendingEvidence: (for p in pendingEvidence return p.name), date: extensionAppliedOn}', 'documentData']],
        outputs: [['=documentId', 'extensionDocumentId']],
      });
      w.service('w_ext_record', '记录延期申请', 'ledger.record-event', {
        headers: { eventType: 'evidence-extension-requested' },
        inputs: [['={appliedOn: extensionAppliedOn, requestedUntil: extensionRequestedUntil, evidencePeriodEnds: evidenceExtensionApplicationDue, documentId: extensionDocumentId}', 'eventPayload']],
      });
      w.xor('w_ext_join', '汇合：延期申请');
      w.user('w_review', '法律顾问审核', 'answer-review', 'legal-counsel', {
        due: '=answerDueAt',
        doc: `法律顾问对答辩状把关（${JH}一、（二）3）；重大复杂案件可听取律师、专家意见（${HN}三、（一））。规则目录 C05。`,
      });
      w.xor('w_review_gw', '审核意见？');
      w.xor('w_study_gw', '重大复杂案件须集体研究？');
      w.user('w_study', '集体研究', 'collective-study', 'legal-affairs', {
        due: '=answerDueAt',
        doc: `重大、复杂案件的答辩意见经集体研究（${HN}三、（一）；规则目录 C05）。`,
      });
      w.xor('w_study_join', '汇合：集体研究');
      w.user('w_approve', '负责人审批', 'answer-approval', 'deputy-head', {
        due: '=answerDueAt',
        doc: `拟定答辩意见、提出代理人选，经批准后提交（${HN}三、（一）；${YT}二、（三）完善报批程序）。规则目录 C05。`,
      });
      w.xor('w_approve_gw', '审批意见？');
      w.service('w_doc_answer', '生成行政答辩状', 'documents.render', {
        headers: { documentKind: 'answer-brief' },
        inputs: [['={claims: claims, facts: facts, legalBasis: legalBasis, arguments: answerArguments, objections: (for o in objections return {ground: o, reasoning: (if objectionReasoning != null then objectionReasoning else "详见答辩理由")}), request: answerRequest, agents: agents}', 'documentData']],
        outputs: [['=documentId', 'answerBriefDocumentId']],
        doc: `答辩状格式与内容（${LC}第十五条），加盖应诉机关印章（${LC}第十七条第一款；C09）。`,
      });
      w.service('w_doc_evidence', '生成证据目录', 'documents.render', {
        headers: { documentKind: 'evidence-list' },
        inputs: [['={groups: [{title: "证明被诉行政行为合法的证据", items: evidenceItems}]}', 'documentData']],
        outputs: [['=documentId', 'evidenceListDocumentId']],
        doc: `证据目录（${LC}第十六条；C08）。`,
      });
      w.service('w_doc_rep', '生成法定代表人身份证明书', 'documents.render', {
        headers: { documentKind: 'legal-representative-certificate' },
        inputs: [['={}', 'documentData']],
        outputs: [['=documentId', 'legalRepresentativeCertificateDocumentId']],
        doc: `法定代表人身份证明书（${LC}第十七条第一款；${JH}一、（二）2）。`,
      });
      w.service('w_doc_poa', '生成授权委托书', 'documents.render', {
        headers: { documentKind: 'power-of-attorney' },
        inputs: [['={agents: agents}', 'documentData']],
        outputs: [['=documentId', 'powerOfAttorneyDocumentId']],
        doc: `授权委托书（${LC}第十七条第一款；${JH}一、（二）2）。`,
      });
      w.service('w_prepared', '记录答辩材料准备完毕', 'ledger.record-event', {
        headers: { eventType: 'answer-prepared' },
        inputs: [['={documents: [answerBriefDocumentId, evidenceListDocumentId, legalRepresentativeCertificateDocumentId, powerOfAttorneyDocumentId]}', 'eventPayload']],
        outputs: [['=true', 'answerPrepared']],
      });
      w.xor('w_file_gw', '答辩前须报司法局备案？');
      w.user('w_file', '答辩材料报司法局备案', 'justice-bureau-filing', 'handler', {
        due: '=answerDueAt',
        doc: `答辩状、证据目录报同级司法行政机关备案后，在法定期限内提交法院（${LC}第十三条第一款、第二款；规则目录 C04）。`,
      });
      w.service('w_file_record', '记录答辩前备案', 'cases.file-report', {
        headers: { reportKind: 'justice-bureau-filing', timing: 'before-answer' },
        inputs: [
          ['=filedOn', 'reportFiledOn'],
          ['=answerDue', 'reportDueOn'],
          ['=justiceBureauFilingRule', 'reportRule'],
          ['=[answerBriefDocumentId, evidenceListDocumentId]', 'reportDocumentIds'],
          ['={method: filingMethod, materials: filedMaterials}', 'reportPayload'],
        ],
      });
      w.xor('w_file_join', '汇合：答辩前备案');
      w.user('w_submit', '向法院提交答辩材料', 'answer-submission', 'handler', {
        due: '=answerDueAt',
        doc: `在收到起诉状副本之日起15日内提交答辩状、证据和依据（${ALL}第六十七条；规则目录 C01）；邮寄、直接送交或电子送达，邮寄在期限届满前交邮的不算过期（${LC}第三十九条；C11；${INTERP}第四十八条）。`,
      });
      w.service('w_submitted', '台账：记录答辩提交', 'cases.update-stage', stage({ stage: 'answer', recordDate: 'answerSubmittedOn' }));
      w.end('w_done', '答辩已提交', { terminate: true, doc: '终止本子流程中的期限监控分支。' });
      // reminders and escalation
      w.timer('w_t5', '届满前5日', '=answerRemindT5At', { doc: '提醒时间由期限引擎计算（届满日前5日，遇休息日提前到工作日 09:00）。' });
      w.service('w_n5', '提醒：还有5日', 'notifications.send', notify('deadline.reminder-5', '{deadlineName: "答辩举证期限", dueDate: answerDue}'));
      w.timer('w_t2', '届满前2日', '=answerRemindT2At');
      w.service('w_n2', '提醒：还有2日', 'notifications.send', notify('deadline.reminder-2', '{deadlineName: "答辩举证期限", dueDate: answerDue}'));
      w.timer('w_t0', '届满当日', '=answerRemindT0At');
      w.service('w_n0', '提醒：今日届满', 'notifications.send', notify('deadline.due-today', '{deadlineName: "答辩举证期限", dueDate: answerDue}'));
      w.timer('w_overdue', '答辩期限届满', '=answerDueAt', { doc: `答辩期限届满（${ALL}第六十七条）仍未提交：逾期未提供证据视为没有相应证据（${ALL}第三十四条）。` });
      w.service('w_escalate', '逾期督办', 'notifications.send', notify('deadline.overdue', '{deadlineName: "答辩举证期限", dueDate: answerDue}', true));
      w.end('w_escalated', '已督办');
      // Jinghai internal preparation period
      w.xor('w_prep_gw', '有内部答辩准备期限？');
      w.timer('w_prep_timer', '答辩准备期限届满', '=answerPreparationDueAt', { doc: `静海：收到应诉通知书和起诉状副本后10日内完成答辩准备（${JH}一、（二）2；规则目录 C02）。` });
      w.xor('w_prep_done_gw', '准备工作已完成？');
      w.service('w_prep_escalate', '答辩准备逾期督办', 'notifications.send', notify('deadline.overdue', '{deadlineName: "答辩准备期限", dueDate: answerPreparationDue}', true));
      w.end('w_prep_escalated', '已督办');
      w.end('w_prep_ok', '按期完成准备');
      w.end('w_no_prep', '无内部准备期限');

      w.chain('w_start', 'w_split', 'w_draft_merge', 'w_draft', 'w_ext_gw');
      w.flow('w_ext_gw', 'w_ext', { name: '是', condition: '=needsEvidenceExtension = true' });
      w.flow('w_ext_gw', 'w_ext_join', { name: '否', isDefault: true });
      w.chain('w_ext', 'w_ext_doc', 'w_ext_record', 'w_ext_join', 'w_review', 'w_review_gw');
      w.flow('w_review_gw', 'w_draft_merge', { name: '退回修改', condition: '=counselDecision = "revise"' });
      w.flow('w_review_gw', 'w_study_gw', { name: '同意', isDefault: true });
      w.flow('w_study_gw', 'w_study', { name: '是', condition: '=collectiveStudyRequired = true' });
      w.flow('w_study_gw', 'w_study_join', { name: '否', isDefault: true });
      w.chain('w_study', 'w_study_join', 'w_approve', 'w_approve_gw');
      w.flow('w_approve_gw', 'w_draft_merge', { name: '退回修改', condition: '=approvalDecision = "revise"' });
      w.flow('w_approve_gw', 'w_doc_answer', { name: '批准', isDefault: true });
      w.chain('w_doc_answer', 'w_doc_evidence', 'w_doc_rep', 'w_doc_poa', 'w_prepared', 'w_file_gw');
      w.flow('w_file_gw', 'w_file', { name: '是（聊城）', condition: '=justiceBureauFiling = "before-answer"' });
      w.flow('w_file_gw', 'w_file_join', { name: '否', isDefault: true });
      w.chain('w_file', 'w_file_record', 'w_file_join', 'w_submit', 'w_submitted', 'w_done');
      w.flow('w_split', 'w_t5');
      w.chain('w_t5', 'w_n5', 'w_t2', 'w_n2', 'w_t0', 'w_n0', 'w_overdue', 'w_escalate', 'w_escalated');
      w.flow('w_split', 'w_prep_gw');
      w.flow('w_prep_gw', 'w_prep_timer', { name: '是（静海）', condition: '=answerPreparationDueAt != null' });
      w.flow('w_prep_gw', 'w_no_prep', { name: '否', isDefault: true });
      w.chain('w_prep_timer', 'w_prep_done_gw');
      w.flow('w_prep_done_gw', 'w_prep_ok', { name: '已完成', condition: '=answerPrepared = true' });
      w.flow('w_prep_done_gw', 'w_prep_escalate', { name: '未完成', isDefault: true });
      w.chain('w_prep_escalate', 'w_prep_escalated');
    },
    { inputs: [['=false', 'answerPrepared']], doc: '起草、审核、审批、生成文书、提交；并行的期限提醒（T-5、T-2、T-0）与逾期督办，以及静海内部准备期限。提交后终止结束事件结束全部并行分支。' },
  );
  c.service('ae_deadlines_after', '按提交日计算备案期限', 'deadlines.compute', { ...compute('answer'), doc: `静海：提交答辩状后5日内报区司法局备案（${JH}一、（二）2；C03）。` });
  c.xor('ae_post_gw', '答辩后须报司法局备案？');
  c.user('ae_post_filing', '答辩后报区司法局备案', 'justice-bureau-filing', 'handler', {
    due: '=postAnswerFilingDueAt',
    doc: `部门、镇街作为被告的，提交答辩状后5日内将相关情况报区司法局备案（${JH}一、（二）2；规则目录 C03）。`,
  });
  c.boundaryTimer('ae_post_overdue', '备案期限届满', 'ae_post_filing', '=postAnswerFilingDueAt', false, { doc: `计算所得的答辩后备案期限（${JH}一、（二）2）届满时督办。` });
  c.service('ae_post_escalate', '备案逾期督办', 'notifications.send', notify('deadline.overdue', '{deadlineName: "答辩后备案期限", dueDate: postAnswerFilingDue}', true));
  c.end('ae_post_escalated', '已督办');
  c.service('ae_post_record', '记录答辩后备案', 'cases.file-report', {
    headers: { reportKind: 'justice-bureau-filing', timing: 'after-answer' },
    inputs: [
      ['=filedOn', 'reportFiledOn'],
      ['=postAnswerFilingDue', 'reportDueOn'],
      ['=justiceBureauFilingRule', 'reportRule'],
      ['=[answerBriefDocumentId, evidenceListDocumentId]', 'reportDocumentIds'],
      ['={method: filingMethod, materials: filedMaterials}', 'reportPayload'],
    ],
  });
  c.xor('ae_post_join', '汇合：答辩后备案');
  c.end('ae_end', '答辩举证完成');

  c.chain('ae_start', 'ae_stage', 'ae_deadlines', 'ae_procedure', 'ae_work', 'ae_deadlines_after', 'ae_post_gw');
  c.flow('ae_post_gw', 'ae_post_filing', { name: '是（静海）', condition: '=justiceBureauFiling = "after-answer"' });
  c.flow('ae_post_gw', 'ae_post_join', { name: '否', isDefault: true });
  c.chain('ae_post_filing', 'ae_post_record', 'ae_post_join', 'ae_end');
  c.chain('ae_post_overdue', 'ae_post_escalate', 'ae_post_escalated');
  return {
    id: 'answer-and-evidence',
    name: '答辩举证',
    doc: '答辩举证（DESIGN §5 第3阶段）。输入：caseId、level（first / second / retrial，第二部分在二审、再审时再次调用）、complaintReceivedOn（本审级的起算日）；输出：answerSubmittedOn 与生成的文书编号。',
    body: c,
  };
}

// ------------------------------------------------------------------ 行政应诉案件 (main)

export function caseLifecycle(): ProcessModel {
  const c = new Container('cl');
  c.start('cl_start', '收到起诉状副本', { doc: '由 POST /api/cases 启动，每个案件每个审级一个实例；变量 caseId 同时是所有消息的关联键。' });
  c.call('cl_registration', '收件登记', 'case-registration');
  c.and('cl_split', '和解与答辩并行');
  c.call('cl_settlement', '审前和解与败诉风险评估', 'pretrial-settlement', {
    propagateAllChildVariables: false,
    outputs: [['=settlementOutcome', 'settlementOutcome']],
    doc: `审前和解（${TZ}二、（五）；${LC}第三十二条）与败诉风险评估（${LC}第十八条）。答辩期限不因和解而中止（${ALL}第六十七条），故与答辩举证并行。`,
  });
  c.xor('cl_outcome_gw', '和解结果？');
  c.service('cl_settled', '台账：和解结案', 'cases.update-stage', stage({ stage: 'closed', status: 'settled', settlementStatus: 'settled' }));
  c.end('cl_settled_end', '和解结案', { terminate: true, doc: '终止答辩举证等并行分支。' });
  c.service('cl_withdrawn_settlement', '台账：和解后撤诉', 'cases.update-stage', stage({ stage: 'closed', status: 'withdrawn', settlementStatus: 'withdrawn' }));
  c.end('cl_withdrawn_end', '撤诉结案', { terminate: true, doc: '终止答辩举证等并行分支。' });
  c.service('cl_settlement_failed', '台账：和解未成', 'cases.update-stage', stage({ settlementStatus: 'failed' }));
  c.end('cl_failed_end', '和解未成，继续应诉');
  c.end('cl_no_settlement_end', '未进行和解');
  c.call('cl_answer', '答辩举证', 'answer-and-evidence', {
    propagateAllParentVariables: false,
    propagateAllChildVariables: false,
    inputs: [
      ['=caseId', 'caseId'],
      ['=caseNumber', 'caseNumber'],
      ['=agencyId', 'agencyId'],
      ['=profile', 'profile'],
      ['=level', 'level'],
      ['=complaintReceivedOn', 'complaintReceivedOn'],
      ['=caseFlags', 'caseFlags'],
    ],
    outputs: [
      ['=answerSubmittedOn', 'answerSubmittedOn'],
      ['=answerBriefDocumentId', 'answerBriefDocumentId'],
      ['=evidenceListDocumentId', 'evidenceListDocumentId'],
    ],
  });
  c.service('cl_awaiting', '台账：答辩完毕，等待开庭', 'cases.update-stage', stage({ stage: 'awaiting-hearing' }));
  c.catchMessage('cl_wait_hearing', '等待开庭通知', 'hearing-scheduled', {
    doc: '法院开庭通知（POST /api/cases/:id/events，type hearing-scheduled，变量 hearingAt、principalHeadRequiredByCourt）按 caseId 关联到此。',
  });
  c.service('cl_hearing', '台账：进入出庭应诉', 'cases.update-stage', stage({ stage: 'hearing' }));
  c.xor('cl_hearing_merge', '开庭');
  const caseInputs: [string, string][] = [
    ['=caseId', 'caseId'],
    ['=caseNumber', 'caseNumber'],
    ['=agencyId', 'agencyId'],
    ['=profile', 'profile'],
    ['=level', 'level'],
  ];
  c.call('cl_hearing_call', '出庭应诉', 'hearing', {
    propagateAllParentVariables: false,
    propagateAllChildVariables: false,
    inputs: [...caseInputs, ['=hearingAt', 'hearingAt'], ['={principalHeadRequired: principalHeadRequiredByCourt = true}', 'courtNotice']],
    outputs: [
      ['=headAppeared', 'headAppeared'],
      ['=hearingHeldOn', 'hearingHeldOn'],
      ['=headAppearanceRequired', 'headAppearanceRequired'],
    ],
    doc: '每次开庭调用一次（一审、二审各级；同一审级再次开庭时 hearingKey 默认取 level，期限按最新开庭日重算）。开庭时间变更（hearing-moved）由被调用流程自己接收。',
  });
  c.events('cl_after_hearing', '庭后');
  c.catchMessage('cl_next_hearing', '再次开庭通知', 'hearing-scheduled', { doc: '同一审级再次开庭：回到“开庭”。' });
  c.catchMessage('cl_judgment_served', '裁判文书送达', 'judgment-served', {
    doc: 'POST /api/cases/:id/events，type judgment-served（变量 judgmentKind、judgmentOutcome、judgmentServedOn）。',
  });
  c.service('cl_judgment_stage', '台账：裁判与上诉', 'cases.update-stage', stage({ stage: 'judgment' }));
  c.call('cl_judgment', '裁判与上诉', 'judgment-and-appeal', {
    propagateAllParentVariables: false,
    propagateAllChildVariables: false,
    inputs: [...caseInputs, ['=judgmentKind', 'judgmentKind'], ['=judgmentOutcome', 'judgmentOutcome'], ['=judgmentServedOn', 'judgmentServedOn']],
    outputs: ['secondInstance', 'appealBy', 'appealFiledOn', 'effectiveOn', 'judgmentLost', 'performanceExpected', 'retrialApplied', 'retrialApplicationDue'].map((v) => [`=${v}`, v] as [string, string]),
  });
  c.xor('cl_second_gw', '进入二审？');
  c.service('cl_second_stage', '台账：二审', 'cases.update-stage', {
    ...stage({ stage: 'second-instance' }),
    outputs: [['="second"', 'level']],
    doc: '二审：审级改为 second；二审裁判为终审，之后不再上诉。',
  });
  c.service('cl_second_deadlines', '计算二审答辩期限', 'deadlines.compute', {
    inputs: [['="second-instance"', 'stage'], ['=appealFiledOn', 'appealCopyReceivedOn']],
    doc: '二审答辩期限（appeal-answer，收到上诉状副本后15日）。案件 API 尚无“上诉状副本送达”事件，暂以上诉提起日（appealFiledOn）代替收到副本之日。',
  });
  c.call('cl_second_answer', '二审答辩举证', 'answer-and-evidence', {
    propagateAllParentVariables: false,
    propagateAllChildVariables: false,
    inputs: [...caseInputs, ['=if appealFiledOn = null then complaintReceivedOn else appealFiledOn', 'complaintReceivedOn'], ['=caseFlags', 'caseFlags']],
    outputs: [['=answerSubmittedOn', 'secondAnswerSubmittedOn']],
    doc: '二审答辩。已知不足：答辩举证子流程按 complaintReceivedOn 计算答辩期限（一审规则 answer-and-evidence），这里以上诉提起日代入；二审的法定规则是 appeal-answer（上诉状副本送达后15日），已由“计算二审答辩期限”写入台账。',
  });
  c.service('cl_second_awaiting', '台账：二审答辩完毕', 'cases.update-stage', stage({ stage: 'second-instance' }));
  c.catchMessage('cl_second_wait', '等待二审开庭通知', 'hearing-scheduled');
  c.and('cl_effective_split', '裁判生效');
  c.xor('cl_perf_gw', '需要履行？');
  c.service('cl_perf_stage', '台账：履行', 'cases.update-stage', stage({ stage: 'performance' }));
  c.call('cl_performance', '履行', 'performance', {
    propagateAllParentVariables: false,
    propagateAllChildVariables: false,
    inputs: [...caseInputs, ['=effectiveOn', 'effectiveOn'], ['=judgmentKind', 'judgmentKind'], ['=judgmentOutcome', 'judgmentOutcome']],
    outputs: [['=performanceCompletedOn', 'performanceCompletedOn']],
  });
  c.xor('cl_perf_merge', '履行完毕');
  c.call('cl_loss', '败诉分析与问责', 'loss-analysis', {
    propagateAllParentVariables: false,
    propagateAllChildVariables: false,
    inputs: [...caseInputs, ['=judgmentKind', 'judgmentKind'], ['=judgmentOutcome', 'judgmentOutcome'], ['=judgmentServedOn', 'judgmentServedOn'], ['=level', 'judgmentLevel'], ['=effectiveOn', 'effectiveOn']],
    outputs: [['=lossCase', 'lossCase']],
    doc: '每个生效案件都做（胜诉时记录无需分析）。',
  });
  c.and('cl_effective_join', '履行与分析完毕');
  c.service('cl_archive_stage', '台账：结案归档', 'cases.update-stage', stage({ stage: 'archived' }));
  c.call('cl_archive', '结案归档', 'case-archive', {
    propagateAllParentVariables: false,
    propagateAllChildVariables: false,
    inputs: [['=caseId', 'caseId']],
    outputs: [['=archiveId', 'archiveId']],
    doc: '再审（retrialApplied）尚未接入主流程：再审申请期限（retrialApplicationDue）记在台账，申请再审不停止履行，案件照常归档。',
  });
  c.service('cl_closed', '台账：已归档结案', 'cases.update-stage', stage({ stage: 'archived', status: 'closed' }));
  c.end('cl_end', '结案归档');
  c.sub(
    'cl_withdrawal',
    '原告撤诉',
    (e) => {
      e.start('cl_withdrawal_start', '收到撤诉', { message: 'withdrawn', doc: '原告撤诉（POST /api/cases/:id/events，type withdrawn），消息按 caseId 关联；中断型事件子流程，终止正在进行的登记、和解与答辩。' });
      e.service('cl_withdrawal_record', '台账：撤诉结案', 'cases.update-stage', { headers: { stage: 'closed', status: 'withdrawn', recordDate: 'withdrawnOn' }, doc: `人民法院准许原告撤诉的，案件终结（${ALL}第六十二条）。` });
      e.end('cl_withdrawal_end', '案件终结（撤诉）');
      e.chain('cl_withdrawal_start', 'cl_withdrawal_record', 'cl_withdrawal_end');
    },
    { triggeredByEvent: true },
  );

  c.chain('cl_start', 'cl_registration', 'cl_split');
  c.flow('cl_split', 'cl_answer');
  c.flow('cl_split', 'cl_settlement');
  c.chain('cl_answer', 'cl_awaiting', 'cl_wait_hearing', 'cl_hearing', 'cl_hearing_merge', 'cl_hearing_call', 'cl_after_hearing');
  c.flow('cl_after_hearing', 'cl_judgment_served', { main: true });
  c.flow('cl_after_hearing', 'cl_next_hearing');
  c.flow('cl_next_hearing', 'cl_hearing_merge');
  c.chain('cl_judgment_served', 'cl_judgment_stage', 'cl_judgment', 'cl_second_gw');
  c.flow('cl_second_gw', 'cl_effective_split', { name: '裁判生效', isDefault: true, main: true });
  c.flow('cl_second_gw', 'cl_second_stage', { name: '上诉', condition: '=secondInstance = true' });
  c.chain('cl_second_stage', 'cl_second_deadlines', 'cl_second_answer', 'cl_second_awaiting', 'cl_second_wait', 'cl_hearing_merge');
  c.flow('cl_effective_split', 'cl_loss', { main: true });
  c.flow('cl_effective_split', 'cl_perf_gw');
  c.flow('cl_perf_gw', 'cl_perf_stage', { name: '需要履行', condition: '=performanceExpected = true or judgmentLost = true' });
  c.flow('cl_perf_gw', 'cl_perf_merge', { name: '无需履行', isDefault: true });
  c.chain('cl_perf_stage', 'cl_performance', 'cl_perf_merge', 'cl_effective_join');
  c.chain('cl_loss', 'cl_effective_join', 'cl_archive_stage', 'cl_archive', 'cl_closed', 'cl_end');
  c.chain('cl_settlement', 'cl_outcome_gw');
  c.flow('cl_outcome_gw', 'cl_settled', { name: '和解', condition: '=settlementOutcome = "settled"' });
  c.flow('cl_outcome_gw', 'cl_withdrawn_settlement', { name: '撤诉', condition: '=settlementOutcome = "withdrawn"' });
  c.flow('cl_outcome_gw', 'cl_settlement_failed', { name: '未成', condition: '=settlementOutcome = "failed"' });
  c.flow('cl_outcome_gw', 'cl_no_settlement_end', { name: '未和解', isDefault: true });
  c.chain('cl_settled', 'cl_settled_end');
  c.chain('cl_withdrawn_settlement', 'cl_withdrawn_end');
  c.chain('cl_settlement_failed', 'cl_failed_end');
  return {
    id: 'case-lifecycle',
    name: '行政应诉案件',
    doc: '行政应诉案件主流程（DESIGN §5），每个案件每个审级一个实例。收件登记 → 审前和解与败诉风险评估（并行）/ 答辩举证 → 开庭（可多次）→ 裁判与上诉 →（上诉：二审答辩、开庭、终审裁判）→ 履行（需要时）与败诉分析并行 → 结案归档。原告撤诉可在裁判前任何时点发生；司法建议由独立流程 judicial-recommendation 接收。',
    body: c,
  };
}

export const ALL_PROCESSES = [caseLifecycle, caseRegistration, pretrialSettlement, answerAndEvidence];
