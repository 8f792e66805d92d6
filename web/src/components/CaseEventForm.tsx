// Records a court event (POST /api/cases/:id/events): served papers, hearing set or moved, judgment
// served, recommendation received, withdrawal … The API's field errors appear under the fields.
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, post } from '../api.ts';
import { EVENT_TYPES, FIELDS } from '../caseEventFields.ts';
import { showFieldErrors } from './fieldErrors.ts';

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
