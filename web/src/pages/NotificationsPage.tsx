// 通知: the in-app inbox (站内信), unread first marked; mark one or all read.
import { Alert, App, Button, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { get, post, query } from '../api.ts';
import { dateTimeZh } from '../format.ts';
import { useLoad } from '../useLoad.ts';

interface InboxItem {
  id: string;
  event: string;
  caseId: string | null;
  subject: string;
  body: string;
  urgent: boolean;
  createdAt: string;
  readAt: string | null;
}

/** The message's own "查看：<address>" line: the subject already links to the case. */
const withoutLink = (body: string) => body.replace(/^查看：\s*https?:\/\/\S+\s*$/gm, '').trim();

export function NotificationsPage() {
  const { message } = App.useApp();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const inbox = useLoad(() => get<{ unreadCount: number; items: InboxItem[] }>(`/api/notifications${query({ unread: unreadOnly ? 'true' : undefined, limit: 100 })}`), [unreadOnly]);
  const markRead = async (id: string) => {
    await post(`/api/notifications/${id}/read`);
    inbox.reload();
  };
  const markAll = async () => {
    const { marked } = await post<{ marked: number }>('/api/notifications/read-all');
    message.success(`已将${marked}条通知标为已读`);
    inbox.reload();
  };
  return (
    <>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }} wrap>
        <h1 className="page-title" style={{ margin: 0 }}>
          通知（未读{inbox.data?.unreadCount ?? 0}条）
        </h1>
        <Space>
          <Segmented options={[{ label: '全部', value: 'all' }, { label: '仅未读', value: 'unread' }]} value={unreadOnly ? 'unread' : 'all'} onChange={(v) => setUnreadOnly(v === 'unread')} />
          <Button onClick={() => void markAll()} disabled={!inbox.data?.unreadCount}>
            全部标为已读
          </Button>
        </Space>
      </Space>
      {inbox.error && <Alert type="error" showIcon message={inbox.error} role="alert" />}
      <List
        loading={inbox.loading}
        dataSource={inbox.data?.items ?? []}
        locale={{ emptyText: '暂无通知' }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        renderItem={(n) => (
          <List.Item actions={n.readAt ? [<span key="r" className="muted">已读</span>] : [<Button key="r" size="small" onClick={() => void markRead(n.id)}>标为已读</Button>]}>
            <List.Item.Meta
              title={
                <Typography.Text strong={!n.readAt}>
                  {!n.readAt && <Tag color="blue">未读</Tag>}
                  {n.urgent && <Tag color="red">紧急</Tag>}
                  {n.caseId ? <Link to={`/cases/${n.caseId}`}>{n.subject}</Link> : n.subject}
                </Typography.Text>
              }
              description={
                <>
                  <div className="explanation">{withoutLink(n.body)}</div>
                  <div className="muted">{dateTimeZh(n.createdAt)}</div>
                </>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}
