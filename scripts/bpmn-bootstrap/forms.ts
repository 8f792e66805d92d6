// The part-1 Camunda Forms (issue 6) as compact specs, written once to forms/*.form (schemaVersion 16,
// rendered by the 8.6 Tasklist). The .form files are the source of truth afterwards.
import { ANSWER_OBJECTIONS } from '../../src/documents/document-kinds.ts';

type C = Record<string, unknown>;
let counter = 0;
const id = (prefix: string) => `${prefix}_${(++counter).toString(36).padStart(4, '0')}`;
const req = (required: boolean, extra: C = {}) => (required || Object.keys(extra).length ? { validate: { ...(required ? { required: true } : {}), ...extra } } : {});

const text = (t: string): C => ({ type: 'text', text: t, id: id('Text') });
const textfield = (key: string, label: string, required = true, extra: C = {}, description?: string): C => ({ type: 'textfield', key, label, id: id('Field'), ...(description ? { description } : {}), ...req(required, extra) });
const textarea = (key: string, label: string, required = true, extra: C = {}): C => ({ type: 'textarea', key, label, id: id('Field'), ...req(required, { maxLength: 5000, ...extra }) });
const date = (key: string, label: string, required = true): C => ({ type: 'datetime', subtype: 'date', key, dateLabel: label, label, id: id('Field'), ...req(required) });
const checkbox = (key: string, label: string): C => ({ type: 'checkbox', key, label, defaultValue: false, id: id('Field') });
const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ label, value }));
const select = (key: string, label: string, values: Record<string, string>, required = true): C => ({ type: 'select', key, label, values: options(values), id: id('Field'), ...req(required) });
const radio = (key: string, label: string, values: Record<string, string>, required = true): C => ({ type: 'radio', key, label, values: options(values), id: id('Field'), ...req(required) });
const checklist = (key: string, label: string, values: Record<string, string>): C => ({ type: 'checklist', key, label, values: options(values), id: id('Field') });
const number = (key: string, label: string, min: number, required = true): C => ({ type: 'number', key, label, decimalDigits: 0, id: id('Field'), ...req(required, { min }) });
const list = (path: string, label: string, components: C[]): C => ({ type: 'dynamiclist', path, label, isRepeating: true, defaultRepetitions: 1, allowAddRemove: true, showOutline: true, id: id('List'), components });

export interface FormSpec {
  id: string;
  components: C[];
}

const FILING_METHODS = { email: '电子邮件', platform: '行政应诉管理平台', paper: '纸质报送' };
const FILED_MATERIALS = { complaint: '起诉状', 'court-notice': '应诉通知书', answer: '答辩状', 'evidence-list': '证据目录', judgment: '判决书、裁定书' };

export const FORMS: FormSpec[] = [
  {
    id: 'case-registration',
    components: [
      text('### 收件登记\n案号 {{caseNumber}}，收到起诉状副本日期 {{complaintReceivedOn}}。\n\n拟定应诉承办单位：{{respondingUnitNames}}'),
      date('registeredOn', '登记日期'),
      textfield('handlerName', '承办人员', true, { maxLength: 100 }),
      date('forwardedOn', '转交承办单位日期'),
      textarea('registrationNotes', '登记备注', false),
    ],
  },
  {
    id: 'assignment-decision',
    components: [
      text('### 确定应诉承办单位\n{{assignmentDecisionReason}}'),
      { type: 'select', key: 'leadAgencyId', label: '牵头应诉单位', valuesKey: 'candidateLeadAgencyOptions', id: id('Field'), validate: { required: true } },
      textarea('assignmentOpinion', '司法局意见'),
    ],
  },
  {
    id: 'justice-bureau-filing',
    components: [
      text('### 报司法局备案\n案号 {{caseNumber}}'),
      date('filedOn', '备案日期'),
      select('filingMethod', '报送方式', FILING_METHODS),
      checklist('filedMaterials', '报送材料', FILED_MATERIALS),
      textarea('filingRemarks', '备注', false),
    ],
  },
  {
    id: 'major-case-report',
    components: [
      text('### 重大案件报告\n报告事由：{{majorCaseReasons}}'),
      date('reportedOn', '报告日期'),
      textfield('reportedTo', '报告对象（同级人民政府）', true, { maxLength: 200 }),
      textarea('reportSummary', '报告内容摘要'),
    ],
  },
  {
    id: 'risk-assessment',
    components: [
      text('### 败诉风险评估\n答辩期限届满日 {{answerDue}}'),
      checkbox('lossRisk', '存在败诉风险'),
      textarea('riskAnalysis', '风险分析'),
      checkbox('mediationSuitable', '属于可调解范围（行政赔偿、补偿、自由裁量权）且适宜和解'),
      checkbox('writtenRecommendation', '法院、审前和解中心或司法局书面建议负责人参加和解'),
      select('recommendedBy', '书面建议单位', { court: '人民法院', centre: '行政争议审前和解中心', 'justice-bureau': '司法行政机关' }, false),
    ],
  },
  {
    id: 'risk-report',
    components: [
      text('### 败诉风险书面报告\n最迟报告日 {{riskReportDue}}（答辩期限届满前3个工作日）'),
      date('riskReportedOn', '报告日期'),
      textarea('riskReport', '报告内容'),
    ],
  },
  {
    id: 'case-analysis-meeting',
    components: [
      text('### 案件分析讨论会'),
      date('meetingOn', '会议日期'),
      textfield('meetingParticipants', '参会人员', true, { maxLength: 500 }),
      textarea('meetingConclusion', '会议意见'),
    ],
  },
  {
    id: 'settlement-session',
    components: [
      text('### 审前和解会谈'),
      date('sessionOn', '会谈日期'),
      textfield('sessionParticipants', '参加人员（负责人及代理人）', true, { maxLength: 500 }),
      textarea('sessionSummary', '会谈情况'),
      checkbox('needsWrittenReply', '需经研究后书面答复和解中心'),
      date('agreedReplyBy', '约定答复期限', false),
    ],
  },
  {
    id: 'settlement-reply',
    components: [text('### 向审前和解中心书面答复\n约定期限 {{agreedReplyBy}}'), date('repliedOn', '答复日期'), textarea('replySummary', '答复内容')],
  },
  {
    id: 'answer-draft',
    components: [
      text('### 起草答辩状和证据目录\n答辩期限届满日 {{answerDue}}'),
      textarea('claims', '原告诉讼请求'),
      textarea('facts', '事实与理由（被诉行政行为的事实）'),
      checklist('objections', '可提出的答辩意见（聊城办法第十五条第二款）', Object.fromEntries(Object.entries(ANSWER_OBJECTIONS))),
      textarea('objectionReasoning', '答辩意见的理由', false),
      list('legalBasis', '法律依据', [textfield('title', '法律、法规名称', true, { maxLength: 200 }), textfield('articles', '条款', false, { maxLength: 200 })]),
      list('answerArguments', '答辩理由', [textfield('heading', '要点', true, { maxLength: 200 }), textarea('text', '论述')]),
      textarea('answerRequest', '答辩请求'),
      list('evidenceItems', '证据', [
        textfield('name', '证据名称', true, { maxLength: 200 }),
        textfield('source', '证据来源', true, { maxLength: 200 }),
        textfield('provesWhat', '证明对象', true, { maxLength: 500 }),
        textfield('content', '证据内容', true, { maxLength: 1000 }),
        textfield('purpose', '证明目的', true, { maxLength: 1000 }),
        number('pages', '页数', 1),
      ]),
      list('agents', '委托代理人（1至2人）', [
        textfield('name', '姓名', true, { maxLength: 50 }),
        textfield('post', '职务', true, { maxLength: 100 }),
        textfield('employer', '工作单位', true, { maxLength: 200 }),
        select('kind', '身份', { staff: '工作人员', lawyer: '律师', 'part-time-adviser': '兼职法律顾问' }),
      ]),
      checkbox('needsEvidenceExtension', '因不可抗力等正当事由不能按期举证，需申请延期提供证据'),
    ],
  },
  {
    id: 'evidence-extension',
    components: [
      text('### 延期提供证据申请\n须在举证期限届满（{{evidenceExtensionApplicationDue}}）前提出'),
      date('extensionAppliedOn', '申请日期'),
      textarea('extensionReason', '申请理由（不可抗力或其他正当事由）'),
      date('extensionRequestedUntil', '申请延期至'),
      list('pendingEvidence', '暂不能提供的证据', [textfield('name', '证据名称', true, { maxLength: 200 })]),
    ],
  },
  {
    id: 'answer-review',
    components: [
      text('### 法律顾问审核答辩意见'),
      radio('counselDecision', '审核结论', { approve: '同意', revise: '退回修改' }),
      textarea('counselOpinion', '审核意见'),
    ],
  },
  {
    id: 'collective-study',
    components: [text('### 集体研究'), date('studiedOn', '研究日期'), textfield('studyParticipants', '参加人员', true, { maxLength: 500 }), textarea('studyConclusion', '研究意见')],
  },
  {
    id: 'answer-approval',
    components: [
      text('### 负责人审批答辩材料'),
      radio('approvalDecision', '审批结论', { approve: '批准', revise: '退回修改' }),
      textarea('approvalOpinion', '审批意见'),
    ],
  },
  {
    id: 'answer-submission',
    components: [
      text('### 向法院提交答辩材料\n答辩期限届满日 {{answerDue}}；邮寄的以交邮日期为准。'),
      date('answerSubmittedOn', '提交（交邮）日期'),
      select('submissionMethod', '提交方式', { ems: 'EMS 邮寄', direct: '直接送交', electronic: '电子送达' }),
      textfield('trackingNumber', '邮件号码', false, { maxLength: 50 }),
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
