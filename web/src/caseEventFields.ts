// The court events the workspace form records (POST /api/cases/:id/events): each type's Chinese
// name and its inputs (body field → label and kind). test/unit/workspace/event-form-types.test.ts
// checks them against the API's event schema.

export const EVENT_TYPES: { value: string; label: string }[] = [
  { value: 'hearing-scheduled', label: '开庭通知（传票）' },
  { value: 'hearing-moved', label: '开庭时间变更' },
  { value: 'head-appearance-notice', label: '法院通知负责人出庭' },
  { value: 'settlement-outcome', label: '审前和解结果' },
  { value: 'withdrawn', label: '原告撤诉' },
  { value: 'judgment-served', label: '裁判文书送达' },
  { value: 'judgment-served-to-party', label: '向其他当事人送达裁判文书' },
  { value: 'judgment-effective', label: '裁判生效证明' },
  { value: 'appeal-filed', label: '提起上诉' },
  { value: 'appeal-copy-served', label: '上诉状副本送达' },
  { value: 'retrial-petition-served', label: '再审申请书副本送达' },
  { value: 'judicial-recommendation', label: '司法建议书' },
  { value: 'procuratorial-recommendation', label: '检察建议书' },
  { value: 'site-investigation', label: '现场调查、协调会' },
  { value: 'public-opinion-incident', label: '涉案舆情' },
];

/** which inputs each event type has: the body field → its label and kind */
export type FieldKind = 'date' | 'datetime' | 'text' | 'longtext' | 'list' | 'days' | 'bool' | { options: Record<string, string> };
export const FIELDS: Record<string, Record<string, { label: string; kind: FieldKind; required?: boolean }>> = {
  'hearing-scheduled': {
    hearingAt: { label: '开庭时间', kind: 'datetime', required: true },
    'courtNotice.principalHeadRequired': { label: '法院通知主要负责人出庭', kind: 'bool' },
    'courtNotice.headRequired': { label: '法院通知负责人出庭', kind: 'bool' },
  },
  'hearing-moved': { hearingAt: { label: '新的开庭时间', kind: 'datetime', required: true } },
  'head-appearance-notice': { principalHeadRequired: { label: '须主要负责人出庭', kind: 'bool' } },
  'settlement-outcome': { outcome: { label: '和解结果', kind: { options: { settled: '和解成功', withdrawn: '原告撤诉', failed: '和解未成' } }, required: true } },
  withdrawn: { on: { label: '撤诉日期', kind: 'date', required: true } },
  'judgment-served': {
    kind: { label: '文书种类', kind: { options: { judgment: '判决书', ruling: '裁定书', mediation: '调解书' } }, required: true },
    outcome: { label: '裁判结果', kind: { options: { won: '胜诉', lost: '败诉', 'partly-lost': '部分败诉' } }, required: true },
    servedOn: { label: '送达本机关日期', kind: 'date', required: true },
  },
  'judgment-served-to-party': {
    name: { label: '当事人名称', kind: 'text', required: true },
    role: { label: '诉讼地位', kind: { options: { plaintiff: '原告', 'third-party': '第三人' } }, required: true },
    servedOn: { label: '送达日期', kind: 'date', required: true },
  },
  'judgment-effective': { effectiveOn: { label: '生效日期', kind: 'date', required: true } },
  'appeal-filed': { by: { label: '上诉人', kind: { options: { plaintiff: '原告', agency: '本机关' } }, required: true }, on: { label: '上诉日期', kind: 'date', required: true } },
  'appeal-copy-served': { on: { label: '送达日期', kind: 'date', required: true } },
  'retrial-petition-served': { on: { label: '送达日期', kind: 'date', required: true }, by: { label: '申请人', kind: { options: { plaintiff: '原告申请', procuratorate: '检察院抗诉', court: '法院依职权' } } } },
  'judicial-recommendation': {
    kind: { label: '建议种类', kind: { options: { judicial: '司法建议书', 'normative-document': '规范性文件处理建议书' } } },
    receivedOn: { label: '收到日期', kind: 'date', required: true },
    replyWithinDays: { label: '建议书确定的回复天数', kind: 'days' },
    issuer: { label: '发出建议的法院', kind: 'text' },
  },
  'procuratorial-recommendation': {
    receivedOn: { label: '收到日期', kind: 'date', required: true },
    replyWithinDays: { label: '建议书确定的回复天数', kind: 'days' },
    issuer: { label: '发出建议的检察院', kind: 'text', required: true },
  },
  'site-investigation': {
    organizedBy: { label: '组织方', kind: { options: { court: '人民法院组织现场调查', agency: '本单位召集协调会或赴现场调查' } }, required: true },
    at: { label: '时间', kind: 'datetime', required: true },
    place: { label: '地点', kind: 'text', required: true },
    departments: { label: '需要配合的有关部门、单位（输入后回车，可填多个）', kind: 'list', required: true },
  },
  'public-opinion-incident': {
    on: { label: '舆情发生日期', kind: 'date', required: true },
    summary: { label: '舆情概况', kind: 'longtext', required: true },
    reportDueOn: { label: '按规定报告的期限', kind: 'date', required: true },
  },
};

