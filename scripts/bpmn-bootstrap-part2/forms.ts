// The part-2 Camunda Forms (issue 7) as compact specs, written once to forms/*.form (schemaVersion 16,
// rendered by the 8.6 Tasklist). The .form files are the source of truth afterwards. Helpers as in
// the part-1 tool (scripts/bpmn-bootstrap/forms.ts), with ids of their own.
type C = Record<string, unknown>;
let counter = 0;
const id = (prefix: string) => `${prefix}_p2_${(++counter).toString(36).padStart(4, '0')}`;
const req = (required: boolean, extra: C = {}) => (required || Object.keys(extra).length ? { validate: { ...(required ? { required: true } : {}), ...extra } } : {});

const text = (t: string): C => ({ type: 'text', text: t, id: id('Text') });
const textfield = (key: string, label: string, required = true, extra: C = {}, description?: string): C => ({ type: 'textfield', key, label, id: id('Field'), ...(description ? { description } : {}), ...req(required, extra) });
const textarea = (key: string, label: string, required = true, extra: C = {}): C => ({ type: 'textarea', key, label, id: id('Field'), ...req(required, { maxLength: 5000, ...extra }) });
const date = (key: string, label: string, required = true): C => ({ type: 'datetime', subtype: 'date', key, dateLabel: label, label, id: id('Field'), ...req(required) });
const checkbox = (key: string, label: string, required = false): C => ({ type: 'checkbox', key, label, defaultValue: false, id: id('Field'), ...req(required) });
const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ label, value }));
const select = (key: string, label: string, values: Record<string, string>, required = true): C => ({ type: 'select', key, label, values: options(values), id: id('Field'), ...req(required) });
const radio = (key: string, label: string, values: Record<string, string>, required = true): C => ({ type: 'radio', key, label, values: options(values), id: id('Field'), ...req(required) });
const list = (path: string, label: string, components: C[]): C => ({ type: 'dynamiclist', path, label, isRepeating: true, defaultRepetitions: 1, allowAddRemove: true, showOutline: true, id: id('List'), components });

export interface FormSpec {
  id: string;
  components: C[];
}

const AGENT_KINDS = { staff: '本机关工作人员', lawyer: '律师', 'part-time-adviser': '兼职政府法律顾问' };
const ABSENCE_REASONS = { 'force-majeure': '不可抗力', accident: '意外事件', 'irreplaceable-official-duty': '需要履行他人不能代替的公务', other: '无法出庭的其他正当事由' };
const FILING_METHODS = { email: '电子邮件', platform: '行政应诉管理平台', paper: '纸质报送' };
const phone = { maxLength: 30, pattern: '[0-9+\\-() ]{5,30}' };

export const FORMS: FormSpec[] = [
  {
    id: 'hearing-appearance-plan',
    components: [
      text('### 确定出庭负责人和委托代理人\n开庭时间 {{hearingAt}}。应出庭：**{{if principalHeadRequired then "主要负责人" else "负责人"}}**。\n\n理由：{{headAppearanceReasonsText}}'),
      text('{{#if agentsError}}**退回修改：** {{agentsError}}{{/if}}'),
      textfield('headName', '出庭负责人姓名', true, { maxLength: 50 }),
      textfield('headPost', '职务', true, { maxLength: 100 }),
      textfield('headInChargeOf', '分管工作（谁分管、谁出庭）', false, { maxLength: 200 }),
      radio('headAvailability', '负责人能否出庭', { available: '能够出庭', unable: '不能出庭' }),
      select('absenceReason', '不能出庭的理由（法释〔2020〕3号第八条）', ABSENCE_REASONS, false),
      textarea('absenceReasonText', '不能出庭的具体情况', false, { maxLength: 2000 }),
      list('agents', '委托代理人（1至2名，至少1名本机关工作人员，不得仅委托律师）', [
        textfield('name', '姓名', true, { maxLength: 50 }),
        select('kind', '身份', AGENT_KINDS),
        textfield('post', '职务', true, { maxLength: 100 }),
        textfield('employer', '工作单位', true, { maxLength: 200 }),
      ]),
    ],
  },
  {
    id: 'head-unable-decision',
    components: [
      text('### 负责人不能出庭的处理决定\n负责人 {{headName}}（{{headPost}}）不能出席 {{hearingAt}} 的庭审。\n\n{{headUnableFirstStepsText}}\n\n可选方式：{{headUnableOptionsText}}'),
      { type: 'select', key: 'fallbackOption', label: '处理方式', valuesKey: 'headUnableChoices', id: id('Field'), validate: { required: true } },
      textfield('substituteName', '实际出庭人员姓名（临时负责人、其他负责人或工作人员）', true, { maxLength: 50 }),
      textfield('substitutePost', '实际出庭人员职务', true, { maxLength: 100 }),
      checkbox('substituteIsHead', '实际出庭人员为本机关负责人（临时出庭负责人或其他负责人）'),
      textarea('explanationReason', '向法院提交的情况说明（理由及证明材料）', true, { maxLength: 3000 }),
    ],
  },
  {
    id: 'hearing-documents-submission',
    components: [
      text('### 开庭前提交出庭材料\n开庭时间 {{hearingAt}}。身份证明不能在开庭前补正的，视为负责人未出庭（法释〔2020〕3号第六条）。'),
      date('documentsSubmittedOn', '提交日期'),
      select('documentsSubmissionMethod', '提交方式', { direct: '直接送交', ems: 'EMS 邮寄', electronic: '电子送达' }),
    ],
  },
  {
    id: 'hearing-attendance',
    components: [
      text('### 记录出庭情况\n开庭时间 {{hearingAt}}；应出庭：{{if principalHeadRequired then "主要负责人" else "负责人"}}。'),
      date('hearingHeldOn', '开庭日期'),
      checkbox('headAppeared', '负责人出庭应诉（含临时出庭负责人、其他负责人）'),
      textfield('appearedHeadName', '出庭负责人姓名', false, { maxLength: 50 }),
      checkbox('principalHeadAppeared', '主要负责人出庭'),
      textarea('attendees', '出庭人员（负责人、代理人）', true, { maxLength: 1000 }),
      textarea('hearingNotes', '庭审情况（争议焦点、负责人发言、实质性化解）', false),
    ],
  },
  {
    id: 'hearing-transcript',
    components: [
      text('### 核对庭审笔录\n发现遗漏或差错的，应当申请补正后再签字（聊城办法第三十一条）。'),
      checkbox('transcriptChecked', '已逐页核对庭审笔录', true),
      textarea('transcriptCorrections', '申请补正的内容', false),
      date('transcriptSignedOn', '签字日期'),
    ],
  },
  {
    id: 'head-absence-report',
    components: [
      text('### 负责人未出庭情况书面报告\n最迟报告日 {{headAbsenceReportDue}}（开庭后一个月内，聊城办法第二十条）。'),
      date('absenceReportedOn', '报告日期'),
      textfield('absenceReportedTo', '报告对象（本级党委和政府主要负责人）', true, { maxLength: 200 }),
      textarea('absenceReportContent', '报告内容'),
    ],
  },
  {
    id: 'appeal-consideration',
    components: [
      text('### 研究是否上诉\n收到{{judgmentKind}}：{{judgmentServedOn}}。上诉期限届满日 {{appealDue}}{{#if appealProposalDue}}；上诉建议须在 {{appealProposalDue}} 前提出{{/if}}。'),
      textfield('judgmentDocumentNumber', '裁判文书文号', true, { maxLength: 100 }),
      textarea('judgmentSummary', '裁判主要内容', true, { maxLength: 3000 }),
      radio('appealDecision', '研究意见', { appeal: '建议上诉', accept: '服从裁判，不上诉' }),
      textarea('appealReasons', '上诉理由', false),
      textarea('appealRecommendation', '工作建议', false),
    ],
  },
  {
    id: 'appeal-approval',
    components: [
      text('### 负责人审批\n{{#if appealDue}}上诉期限届满日 {{appealDue}}。{{/if}}{{#if retrialApplicationDue}}申请再审期限 {{retrialApplicationDue}}。{{/if}}'),
      radio('appealApproval', '审批意见', { approve: '同意', reject: '不同意' }),
      textarea('approvalOpinion', '审批说明', false),
    ],
  },
  {
    id: 'appeal-proposal-filing',
    components: [
      text('### 上诉建议报司法局备案\n须在上诉期限（{{appealDue}}）内完成。'),
      date('appealFilingOn', '备案日期'),
      select('appealFilingMethod', '报送方式', FILING_METHODS),
    ],
  },
  {
    id: 'appeal-lodging',
    components: [text('### 递交上诉状\n上诉期限届满日 {{appealDue}}；邮寄的以交邮日期为准。'), date('agencyAppealFiledOn', '递交（交邮）日期'), textfield('appealCourt', '上诉法院', true, { maxLength: 200 })],
  },
  {
    id: 'retrial-consideration',
    components: [
      text('### 研究是否申请再审\n裁判已生效（{{effectiveOn}}），申请再审期限 {{retrialApplicationDue}}；申请再审不停止履行。'),
      textfield('judgmentDocumentNumber', '裁判文书文号', true, { maxLength: 100 }),
      textarea('judgmentSummary', '裁判主要内容', true, { maxLength: 3000 }),
      radio('retrialDecision', '研究意见', { apply: '建议申请再审', accept: '服从裁判' }),
      textarea('retrialReasons', '申请再审理由', false),
    ],
  },
  {
    id: 'retrial-application',
    components: [text('### 提交再审申请\n申请期限 {{retrialApplicationDue}}。'), date('retrialAppliedOn', '提交日期'), date('retrialFilingOn', '报司法局备案日期')],
  },
  {
    id: 'performance-plan',
    components: [
      text('### 制定履行方案\n裁判生效日 {{effectiveOn}}。'),
      textarea('performanceContent', '裁判确定的履行内容', true, { maxLength: 3000 }),
      date('performanceDueOn', '履行期限（裁判确定或方案确定）'),
      textarea('planMeasures', '履行措施与分工'),
      checkbox('remakeOrdered', '判决撤销并责令重新作出行政行为'),
    ],
  },
  {
    id: 'remade-act',
    components: [
      text('### 拟重新作出的行政行为\n不得以同一事实和理由作出与原行政行为基本相同的行政行为。'),
      text('{{#if remadeActError}}**退回修改：** {{remadeActError}}{{/if}}'),
      textarea('newActDescription', '拟作出的行政行为', true, { maxLength: 3000 }),
      select('annulledFor', '原行为被撤销的理由', { substance: '事实或证据等实体问题', procedure: '程序违法', 'law-application': '法律适用问题' }),
      checkbox('sameFacts', '所依据的事实与原行为相同'),
      checkbox('sameReasons', '所依据的理由与原行为相同'),
      checkbox('substantiallySame', '与原行为基本相同'),
    ],
  },
  {
    id: 'performance-completion',
    components: [
      text('### 履行情况\n履行期限 {{performanceDueOn}}：{{performanceContent}}'),
      list('performanceActions', '履行措施', [textfield('description', '措施', true, { maxLength: 500 }), date('on', '日期')]),
      date('performanceCompletedOn', '履行完毕日期'),
      textarea('performanceSummary', '履行情况说明'),
    ],
  },
  {
    id: 'loss-analysis-report',
    components: [
      text('### 败诉分析报告\n裁判生效日 {{effectiveOn}}，报告最迟提交日 {{lossAnalysisReportDue}}。'),
      textfield('reportAddressee', '报送机关', true, { maxLength: 200 }),
      textfield('judgmentDocumentNumber', '裁判文书文号', true, { maxLength: 100 }),
      textarea('judgmentSummary', '裁判主要内容', true, { maxLength: 3000 }),
      list('lossReasons', '败诉原因', [textfield('reason', '原因', true, { maxLength: 500 })]),
      textarea('problems', '暴露的问题'),
      list('measures', '整改措施', [textfield('measure', '措施', true, { maxLength: 500 })]),
      textarea('responsibility', '责任分析', false),
    ],
  },
  {
    id: 'loss-analysis-report-submission',
    components: [text('### 报送败诉分析报告\n最迟提交日 {{lossAnalysisReportDue}}。'), date('reportSubmittedOn', '报送日期')],
  },
  {
    id: 'accountability-decision',
    components: [
      text('### 问责初步认定与处理决定\n根据败诉分析报告、案件事实、庭审及司法建议情况认定。'),
      radio('accountabilityFinding', '处理决定', { found: '存在应当追责的情形，作出问责决定', none: '不予问责' }),
      date('decisionOn', '决定日期'),
      textarea('accountabilityFindings', '认定的事实'),
      textarea('accountabilityBasis', '依据', false),
      textarea('accountabilityProposal', '处理意见', false),
      list('accountablePersons', '责任人员', [textfield('name', '姓名', true, { maxLength: 50 }), textfield('post', '职务', true, { maxLength: 100 }), textfield('unit', '单位', true, { maxLength: 200 })]),
    ],
  },
  {
    id: 'accountability-letter',
    components: [
      text('### 函告问责追责意见\n问责决定日 {{decisionOn}}，最迟函告日 {{accountabilityLetterDue}}。'),
      textfield('letterIssuer', '发函机构', true, { maxLength: 200 }),
      textfield('letterDocumentNumber', '文号', false, { maxLength: 100 }),
      textfield('letterAddressee', '主送（区委组织部）', true, { maxLength: 200 }),
      textfield('letterCopyTo', '通报（相关人民法院）', true, { maxLength: 200 }),
      date('letterSentOn', '发函日期'),
    ],
  },
  {
    id: 'repeated-loss-analysis',
    components: [text('### 多次败诉分析与整改'), textarea('repeatedLossAnalysis', '原因分析'), textarea('repeatedLossMeasures', '整改措施'), date('repeatedLossReportedOn', '报应诉机关并抄送司法局日期')],
  },
  {
    id: 'enterprise-case-seminar',
    components: [text('### 涉企行政案件研讨会'), date('seminarHeldOn', '会议日期'), textarea('seminarConclusion', '研讨结论')],
  },
  {
    id: 'recommendation-reply',
    components: [
      text('### 司法建议办理与回复\n收到日期 {{recommendationReceivedOn}}{{#if recommendationReplyDue}}，回复期限 {{recommendationReplyDue}}{{/if}}。\n\n{{recommendationObligationsText}}'),
      textfield('recommendationDocumentNumber', '建议书文号', true, { maxLength: 100 }),
      textarea('recommendationSummary', '建议内容'),
      list('replyMeasures', '整改措施', [textfield('measure', '措施', true, { maxLength: 500 })]),
      textarea('replyConclusion', '办理结果'),
      textfield('contactName', '联系人', true, { maxLength: 50 }),
      textfield('contactPost', '联系人职务', true, { maxLength: 100 }),
      textfield('contactPhone', '联系电话', true, phone),
    ],
  },
  {
    id: 'recommendation-reply-sending',
    components: [text('### 书面回复\n{{recommendationObligationsText}}'), date('repliedOn', '回复日期'), textfield('replyCopiedTo', '抄送', false, { maxLength: 200 })],
  },
  {
    id: 'case-archive-review',
    components: [
      text('### 整理案卷\n案卷包括全部文书（各版本）、台账事件、期限、裁判结果和报告，归档后固化不可更改。'),
      checkbox('archiveComplete', '已核对案卷材料齐全', true),
      textfield('archivedBy', '立卷人', true, { maxLength: 50 }),
      select('archiveRetention', '保管期限', { permanent: '永久', long: '长期', short: '短期' }),
      textarea('archiveNotes', '备注', false),
    ],
  },
];

export function toFormJson(spec: FormSpec): string {
  let row = 0;
  const withLayout = (cs: C[]): C[] => cs.map((c) => ({ ...c, layout: { row: `Row_${spec.id}_${++row}`, columns: null }, ...(Array.isArray(c.components) ? { components: withLayout(c.components as C[]) } : {}) }));
  return (
    JSON.stringify(
      {
        components: withLayout(spec.components),
        type: 'default',
        id: spec.id,
        executionPlatform: 'Camunda Cloud',
        executionPlatformVersion: '8.6.0',
        exporter: { name: 'Camunda Modeler', version: '5.28.0' },
        schemaVersion: 16,
      },
      null,
      2,
    ) + '\n'
  );
}
