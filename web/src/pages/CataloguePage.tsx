// 流程目录: every deployed process with its versions (and the instances running on each), its
// tasks, worker topics, forms, messages, timers and the rules its documentation cites — read from
// the deployed models (GET /api/modeler/processes). Technical keys (form ids, timer expressions)
// are shown as code: they are what an analyst types in the modeler.
import { Alert, Button, Collapse, Descriptions, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { get } from '../api.ts';
import { dateTimeZh } from '../format.ts';
import { useLoad } from '../useLoad.ts';

interface Entry {
  processKey: string;
  processName: string;
  versions: { id: string; version: number; deployedAt?: string; runningInstances: number }[];
  tasks: { id: string; name: string; kind: 'user' | 'service' | 'call' | 'other'; formId?: string; candidateGroups?: string[]; topic?: string; calledProcess?: string }[];
  topics: string[];
  forms: string[];
  messages: { name: string; elements: string[] }[];
  timers: { elementId: string; elementName: string; expression: string }[];
  rules: string[];
}

const KIND: Record<string, string> = { user: '用户任务', service: '服务任务', call: '调用子流程', other: '任务' };
const GROUPS: Record<string, string> = { clerk: '办公室收发', handler: '承办单位', 'legal-affairs': '法制机构', 'legal-counsel': '法律顾问', 'deputy-head': '分管负责人', 'principal-head': '主要负责人', 'justice-bureau': '司法局' };

export function CataloguePage() {
  const catalogue = useLoad(() => get<Entry[]>('/api/modeler/processes'), []);
  const templates = useLoad(() => get<{ name: string; keywords?: string[] }[]>('/api/modeler/templates'), []);
  const topicName = (topic: string) => templates.data?.find((t) => t.keywords?.includes(topic))?.name ?? '未知工作者';
  const processName = (key?: string) => catalogue.data?.find((c) => c.processKey === key)?.processName ?? '其他流程';
  return (
    <div>
      <Typography.Title level={3}>流程目录</Typography.Title>
      <Typography.Paragraph type="secondary">由已部署的流程模型生成：每个流程的版本、运行中的实例、任务、工作者、表单、消息、定时器及引用的规则。</Typography.Paragraph>
      {(catalogue.error || templates.error) && <Alert type="error" showIcon message={catalogue.error ?? templates.error} />}
      <Collapse
        items={(catalogue.data ?? []).map((p) => ({
          key: p.processKey,
          label: (
            <span aria-label={p.processName}>
              <strong>{p.processName}</strong>
              {`　第${p.versions[0]?.version ?? 1}版，共 ${p.versions.length} 个版本，运行中 ${p.versions.reduce((n, v) => n + v.runningInstances, 0)} 个实例`}
            </span>
          ),
          extra: (
            <Link to={`/modeler?process=${encodeURIComponent(p.processKey)}`} onClick={(e) => e.stopPropagation()}>
              <Button size="small">在流程建模中打开</Button>
            </Link>
          ),
          children: (
            <div className="catalogue-entry">
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label="版本">
                {p.versions.map((v) => (
                  <Tag key={v.id} color={v === p.versions[0] ? 'blue' : undefined}>{`第${v.version}版${v.deployedAt ? `（${dateTimeZh(v.deployedAt)}）` : ''}：运行中 ${v.runningInstances} 个`}</Tag>
                ))}
              </Descriptions.Item>
              <Descriptions.Item label="工作者">{p.topics.map((t) => <Tag key={t}>{topicName(t)}</Tag>)}</Descriptions.Item>
              <Descriptions.Item label="表单">{p.forms.length ? p.forms.map((f) => <Typography.Text code key={f}>{f}</Typography.Text>) : '无'}</Descriptions.Item>
              <Descriptions.Item label="消息">{p.messages.length ? p.messages.map((m) => <div key={m.name}><Typography.Text code>{m.name}</Typography.Text>{`：${m.elements.join('、')}`}</div>) : '无'}</Descriptions.Item>
              <Descriptions.Item label="定时器">{p.timers.length ? p.timers.map((t) => <div key={t.elementId}>{`${t.elementName}：`}<Typography.Text code>{t.expression}</Typography.Text></div>) : '无'}</Descriptions.Item>
              <Descriptions.Item label="引用的规则">{p.rules.length ? p.rules.map((r) => <Tag key={r}>{r}</Tag>) : '无'}</Descriptions.Item>
            </Descriptions>
            <Table
              size="small"
              rowKey="id"
              style={{ marginTop: 12 }}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={p.tasks}
              columns={[
                { title: '任务', dataIndex: 'name' },
                { title: '类型', dataIndex: 'kind', render: (k: string) => KIND[k] },
                {
                  title: '由谁办理',
                  render: (_: unknown, t: Entry['tasks'][number]) =>
                    t.kind === 'user' ? (t.candidateGroups ?? []).map((g) => GROUPS[g] ?? '其他角色').join('、') : t.topic ? topicName(t.topic) : t.calledProcess ? processName(t.calledProcess) : '—',
                },
                { title: '表单', dataIndex: 'formId', render: (f?: string) => (f ? <Typography.Text code>{f}</Typography.Text> : '—') },
              ]}
            />
            </div>
          ),
        }))}
      />
    </div>
  );
}
