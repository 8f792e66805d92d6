// 通知渠道: each agency's channels (in-app, e-mail, SMS, WeCom / DingTalk group robots with their
// webhook), and the delivery outbox with failed messages to retry.
import { Alert, App, Button, Card, Form, Input, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { ApiError, api, get, post } from '../../api.ts';
import { CHANNELS, dateTimeZh, label, SEND_STATUS } from '../../format.ts';
import type { Agency } from '../../types.ts';
import { useLoad } from '../../useLoad.ts';
import { showFieldErrors } from '../../components/fieldErrors.ts';

interface ChannelRow {
  agencyId: string;
  agencyName: string;
  channel: string;
  enabled: boolean;
  webhookUrl: string | null;
  hasSecret: boolean;
}
interface OutboxRow {
  id: string;
  subject: string;
  channel: string;
  status: string;
  recipientName?: string | null;
  lastError?: string | null;
  createdAt?: string;
}

export function ChannelsAdminPage() {
  const channels = useLoad(() => get<{ items: ChannelRow[] }>('/api/admin/notification-channels'), []);
  const agencies = useLoad(() => get<Agency[]>('/api/agencies'), []);
  const outbox = useLoad(() => get<{ counts: Record<string, number>; items: OutboxRow[] }>('/api/admin/notifications?limit=50'), []);
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const channel = Form.useWatch('channel', form);

  const save = async (v: { agencyId: string; channel: string; enabled: boolean; webhookUrl?: string; webhookSecret?: string }) => {
    setError(null);
    try {
      await api('PUT', `/api/admin/notification-channels/agencies/${v.agencyId}/${v.channel}`, { enabled: v.enabled, ...(v.webhookUrl ? { webhookUrl: v.webhookUrl } : {}), ...(v.webhookSecret ? { webhookSecret: v.webhookSecret } : {}) });
      message.success('已保存');
      channels.reload();
    } catch (e) {
      if (e instanceof ApiError) {
        const rest = showFieldErrors(form, e.fields.map((f) => ({ ...f, field: f.field.replace(/^body\./, '') })), (p) => ['enabled', 'webhookUrl', 'webhookSecret'].includes(String(p[0])));
        setError(rest.length || !e.fields.length ? e.message : null);
      } else setError('无法连接服务器，请稍后重试');
    }
  };

  return (
    <>
      <h1 className="page-title">通知渠道</h1>
      <Table<ChannelRow>
        rowKey={(r) => `${r.agencyId}:${r.channel}`}
        size="small"
        loading={channels.loading}
        dataSource={channels.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: '尚未设置，各单位使用默认渠道（站内信）' }}
        columns={[
          { title: '单位', dataIndex: 'agencyName' },
          { title: '渠道', dataIndex: 'channel', width: 110, render: (c: string) => label(CHANNELS, c) },
          { title: '启用', dataIndex: 'enabled', width: 80, render: (e: boolean) => (e ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
          { title: '机器人地址', dataIndex: 'webhookUrl', ellipsis: true, render: (u: string | null) => u ?? '—' },
          { title: '签名密钥', dataIndex: 'hasSecret', width: 100, render: (h: boolean) => (h ? '已设置' : '—') },
        ]}
      />
      <Card title="设置单位的通知渠道" size="small" style={{ marginTop: 16 }}>
        <Form form={form} layout="inline" onFinish={save} initialValues={{ enabled: true, channel: 'wecom' }} style={{ rowGap: 8 }}>
          <Form.Item label="单位" name="agencyId" rules={[{ required: true, message: '请选择单位' }]}>
            <Select showSearch optionFilterProp="label" style={{ width: 220 }} options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))} />
          </Form.Item>
          <Form.Item label="渠道" name="channel">
            <Select style={{ width: 120 }} options={Object.entries(CHANNELS).map(([value, l]) => ({ value, label: l }))} />
          </Form.Item>
          <Form.Item label="启用" name="enabled" valuePropName="checked">
            <Switch />
          </Form.Item>
          {(channel === 'wecom' || channel === 'dingtalk') && (
            <>
              <Form.Item label="机器人地址" name="webhookUrl">
                <Input style={{ width: 300 }} />
              </Form.Item>
              <Form.Item label="签名密钥" name="webhookSecret">
                <Input.Password style={{ width: 160 }} autoComplete="off" />
              </Form.Item>
            </>
          )}
          <Button type="primary" htmlType="submit">
            保存
          </Button>
        </Form>
        {error && <Alert type="error" showIcon message={error} role="alert" style={{ marginTop: 12 }} />}
      </Card>
      <Card title="最近的通知投递" size="small" style={{ marginTop: 16 }}>
        <Table<OutboxRow>
          rowKey="id"
          size="small"
          loading={outbox.loading}
          dataSource={outbox.data?.items ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: '暂无投递记录' }}
          columns={[
            { title: '主题', dataIndex: 'subject', ellipsis: true },
            { title: '接收人', dataIndex: 'recipientName', width: 120, render: (v?: string | null) => v ?? '—' },
            { title: '渠道', dataIndex: 'channel', width: 90, render: (c: string) => label(CHANNELS, c) },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: string) => label(SEND_STATUS, s) },
            { title: '时间', dataIndex: 'createdAt', width: 180, render: (v?: string) => dateTimeZh(v) },
            {
              title: '操作',
              key: 'retry',
              width: 90,
              render: (_: unknown, r) =>
                r.status === 'failed' ? (
                  <Button size="small" onClick={() => void post(`/api/admin/notifications/${r.id}/retry`).then(() => outbox.reload())}>
                    重新投递
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
    </>
  );
}
