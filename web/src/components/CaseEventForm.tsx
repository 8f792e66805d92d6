// Records a court event (POST /api/cases/:id/events): served papers, hearing set or moved, judgment
// served, recommendation received, withdrawal … The API's field errors appear under the fields.
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, post } from '../api.ts';
import { showFieldErrors } from './fieldErrors.ts';

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
type FieldKind = 'date' | 'datetime' | 'text' | 'longtext' | 'list' | 'days' | 'bool' | { options: Record<string, string> };
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

const toPath = (key: string) => key.split('.');

function bodyOf(type: string, values: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = { type };
  for (const [key, spec] of Object.entries(FIELDS[type] ?? {})) {
    const path = toPath(key);
    let v: unknown = path.reduce<unknown>((o, p) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[p] : undefined), values);
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (spec.kind === 'date') v = (v as Dayjs).format('YYYY-MM-DD');
    // the staff enter Beijing time
    if (spec.kind === 'datetime') v = `${(v as Dayjs).format('YYYY-MM-DDTHH:mm')}:00+08:00`;
    let target = body;
    for (const p of path.slice(0, -1)) target = (target[p] ??= {}) as Record<string, unknown>;
    target[path.at(-1)!] = v;
  }
  return body;
}

export function CaseEventForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [type, setType] = useState<string>('hearing-scheduled');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    try {
      await post(`/api/cases/${caseId}/events`, bodyOf(type, values));
      message.success('已录入，流程将据此继续');
      onDone();
    } catch (e) {
      if (e instanceof ApiError) {
        const rest = showFieldErrors(form, e.fields, (path) => path.join('.') in (FIELDS[type] ?? {}));
        setError(rest.length || !e.fields.length ? (rest.map((f) => f.message).join('；') || e.message) : null);
      } else setError('无法连接服务器，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form form={form} layout="vertical" onFinish={submit}>
      <Form.Item label="事件" required>
        <Select
          value={type}
          onChange={(t: string) => {
            setType(t);
            form.resetFields();
            setError(null);
          }}
          options={EVENT_TYPES}
          aria-label="事件"
        />
      </Form.Item>
      {Object.entries(FIELDS[type] ?? {}).map(([key, spec]) => {
        const rules = spec.required ? [{ required: true, message: `请填写${spec.label}` }] : [];
        const name = toPath(key);
        if (spec.kind === 'bool')
          return (
            <Form.Item key={key} name={name} valuePropName="checked">
              <Checkbox>{spec.label}</Checkbox>
            </Form.Item>
          );
        return (
          <Form.Item key={key} name={name} label={spec.label} rules={rules}>
            {spec.kind === 'date' ? (
              <DatePicker format="YYYY年M月D日" style={{ width: '100%' }} />
            ) : spec.kind === 'datetime' ? (
              <DatePicker showTime={{ format: 'H时mm分' }} format="YYYY年M月D日 H时mm分" style={{ width: '100%' }} />
            ) : spec.kind === 'text' ? (
              <Input />
            ) : spec.kind === 'longtext' ? (
              <Input.TextArea rows={3} maxLength={2000} showCount />
            ) : spec.kind === 'list' ? (
              <Select mode="tags" open={false} tokenSeparators={['，', ',', '、']} placeholder="如：市自然资源和规划局" />
            ) : spec.kind === 'days' ? (
              <InputNumber min={1} max={3650} addonAfter="日" style={{ width: '100%' }} />
            ) : (
              <Select options={Object.entries(spec.kind.options).map(([value, label]) => ({ value, label }))} placeholder="请选择" />
            )}
          </Form.Item>
        );
      })}
      {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit" loading={busy}>
        提交
      </Button>
    </Form>
  );
}
