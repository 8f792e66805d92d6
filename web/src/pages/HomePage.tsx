// 首页: my tasks due soonest, my cases' warnings, 督办 items, unread notifications.
import { Alert, Badge, Card, Col, List, Row, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { get } from '../api.ts';
import { dateTimeZh, dateZh, WARNINGS } from '../format.ts';
import { useSession } from '../session.tsx';
import type { HomeSummary } from '../types.ts';
import { useLoad } from '../useLoad.ts';
import { DueTag } from '../components/DueTag.tsx';

export function HomePage() {
  const { user } = useSession();
  const { data, error, loading } = useLoad(() => get<HomeSummary>('/api/home'), []);
  return (
    <>
      <h1 className="page-title">
        {user?.name}，您好 <span className="muted" style={{ fontSize: 14, fontWeight: 400 }}>今天是{data ? dateZh(data.today) : ''}</span>
      </h1>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Row gutter={[16, 16]}>
        {(['overdue', 'due-3d', 'due-week'] as const).map((w) => (
          <Col span={6} key={w}>
            <Card size="small" loading={loading}>
              <Statistic title={`案件预警：${WARNINGS[w]!.label}`} value={data?.warnings.counts[w] ?? 0} valueStyle={{ color: w === 'overdue' ? '#cf1322' : w === 'due-3d' ? '#d46b08' : '#ad8b00' }} suffix="项" />
            </Card>
          </Col>
        ))}
        <Col span={6}>
          <Card size="small" loading={loading}>
            <Statistic title="未读通知" value={data?.notifications.unreadCount ?? 0} suffix="条" />
          </Card>
        </Col>
        <Col span={12}>
          <Card title={`我的待办（共${data?.tasks.total ?? 0}项，按到期先后）`} size="small" loading={loading} extra={<Link to="/tasks">全部待办</Link>}>
            <List
              dataSource={data?.tasks.items ?? []}
              locale={{ emptyText: '暂无待办' }}
              renderItem={(t) => (
                <List.Item actions={[<DueTag key="due" due={t.due} />]}>
                  <List.Item.Meta title={<Link to={`/tasks/${t.id}`}>{t.name}</Link>} description={`${t.caseNumber} · ${t.agencyName}`} />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col span={12}>
          <Card title="案件预警" size="small" loading={loading} extra={<Link to="/ledger?due=week">在台账中查看</Link>}>
            <List
              dataSource={data?.warnings.items.slice(0, 8) ?? []}
              locale={{ emptyText: '暂无预警' }}
              renderItem={(w) => (
                <List.Item actions={[<Tag key="w" color={WARNINGS[w.warning]!.color}>{WARNINGS[w.warning]!.label}</Tag>]}>
                  <List.Item.Meta
                    title={<Link to={`/cases/${w.caseId}`}>{w.caseNumber}</Link>}
                    description={
                      <>
                        {w.deadlineName}：{dateZh(w.dueOn)}届满
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col span={12}>
          <Card title="督办事项" size="small" loading={loading}>
            <List
              dataSource={data?.supervision ?? []}
              locale={{ emptyText: '暂无督办事项' }}
              renderItem={(s) => (
                <List.Item>
                  <List.Item.Meta title={<Link to={`/cases/${s.caseId}`}>{s.subject}</Link>} description={`督办时间：${dateTimeZh(s.sentAt)}`} />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col span={12}>
          <Card title={<>未读通知 <Badge count={data?.notifications.unreadCount ?? 0} /></>} size="small" loading={loading} extra={<Link to="/notifications">全部通知</Link>}>
            <List
              dataSource={data?.notifications.items ?? []}
              locale={{ emptyText: '没有未读通知' }}
              renderItem={(n) => (
                <List.Item>
                  <List.Item.Meta
                    title={
                      <Typography.Text strong={n.urgent}>
                        {n.urgent && <Tag color="red">紧急</Tag>}
                        {n.caseId ? <Link to={`/cases/${n.caseId}`}>{n.subject}</Link> : n.subject}
                      </Typography.Text>
                    }
                    description={dateTimeZh(n.createdAt)}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
