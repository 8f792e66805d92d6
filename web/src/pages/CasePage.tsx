// 案件: the case file — facts and parties, responding units and the rule that decided, deadlines with
// their explanations (provisional ones marked) and the projected ones ahead, timeline, hearings,
// judgment, documents, notifications sent, and the BPMN diagram with the current steps.
import { Alert, Button, Card, Descriptions, Drawer, Empty, List, Result, Space, Spin, Table, Tabs, Tag, Timeline, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { download, get } from '../api.ts';
import { CHANNELS, citation, dateTimeZh, dateZh, JUDGMENT_KINDS, label, LEVELS, OUTCOMES, PARTY_TYPES, RECONSIDERATION, SEND_STATUS, STAGES, STATUS } from '../format.ts';
import type { CaseDiagram, CaseView } from '../types.ts';
import { useLoad } from '../useLoad.ts';
import { CaseEventForm } from '../components/CaseEventForm.tsx';
import { DueTag } from '../components/DueTag.tsx';
import { useSession } from '../session.tsx';

// bpmn-js is large: loaded when the diagram tab opens
const BpmnDiagram = lazy(() => import('../components/BpmnDiagram.tsx').then((m) => ({ default: m.BpmnDiagram })));

const FLAG_LABELS: Record<string, string> = {
  majorPublicInterest: '重大公共利益',
  highAttention: '社会高度关注',
  massIncidentRisk: '可能引发群体性事件',
  procuratorate: '检察机关提起',
  majorComplex: '重大复杂',
  enterpriseRelated: '涉企',
};

const HEAD_REQUIRED: Record<string, string> = { 'principal-head': '主要负责人出庭', head: '负责人出庭', none: '无须负责人出庭', deputy: '分管负责人出庭' };

export function CasePage() {
  const { id = '' } = useParams();
  const session = useSession();
  const view = useLoad(() => get<CaseView>(`/api/cases/${id}`), [id]);
  const [eventOpen, setEventOpen] = useState(false);
  if (view.loading && !view.data) return <Spin />;
  if (view.error || !view.data) return <Result status="404" title="案件不存在或无权查看" subTitle={view.error} extra={<Link to="/ledger">返回台账</Link>} />;
  const c = view.data;
  const canRecord = session.hasRole('clerk', 'legal-affairs', 'handler', 'admin');

  return (
    <>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }} wrap>
        <h1 className="page-title" style={{ margin: 0 }}>
          {c.caseNumber} <Tag color="blue">{c.stageLabel}</Tag>
          <Tag>{label(STATUS, c.status)}</Tag>
        </h1>
        {canRecord && c.status === 'open' && (
          <Button type="primary" onClick={() => setEventOpen(true)}>
            录入法院事件
          </Button>
        )}
      </Space>
      <Tabs
        items={[
          { key: 'facts', label: '案件概况', children: <Facts c={c} /> },
          { key: 'deadlines', label: `期限（${c.deadlines.length}）`, children: <Deadlines c={c} /> },
          { key: 'timeline', label: '时间轴', children: <CaseTimeline c={c} /> },
          { key: 'hearings', label: '庭审与裁判', children: <HearingsAndJudgment c={c} /> },
          { key: 'documents', label: `文书（${c.documents.length}）`, children: <Documents c={c} /> },
          { key: 'notifications', label: '通知记录', children: <Notifications c={c} /> },
          { key: 'diagram', label: '流程图', children: <Diagrams caseId={c.id} /> },
        ]}
      />
      <Drawer title="录入法院事件" open={eventOpen} onClose={() => setEventOpen(false)} width={560} destroyOnHidden>
        <CaseEventForm
          caseId={c.id}
          onDone={() => {
            setEventOpen(false);
            view.reload();
          }}
        />
      </Drawer>
    </>
  );
}

function Facts({ c }: { c: CaseView }) {
  const flags = Object.entries(c.flags ?? {}).filter(([, v]) => v);
  const reasons = (c.headAppearance?.reasons ?? []) as { text?: string; source?: string }[];
  return (
    <>
      <Descriptions bordered size="small" column={2} styles={{ label: { width: 130 } }}>
        <Descriptions.Item label="应诉单位">{c.agencyName}</Descriptions.Item>
        <Descriptions.Item label="受理法院">{c.court}</Descriptions.Item>
        <Descriptions.Item label="审级">{label(LEVELS, c.level)}</Descriptions.Item>
        <Descriptions.Item label="案由">{c.cause}</Descriptions.Item>
        <Descriptions.Item label="收到起诉状副本">{dateZh(c.complaintReceivedOn)}</Descriptions.Item>
        <Descriptions.Item label="答辩提交">{c.answerSubmittedOn ? dateZh(c.answerSubmittedOn) : '尚未提交'}</Descriptions.Item>
        <Descriptions.Item label="被诉行政行为" span={2}>
          {c.actUnderSuit.description}
        </Descriptions.Item>
        <Descriptions.Item label="复议情况">{label(RECONSIDERATION, c.reconsideration.status)}</Descriptions.Item>
        <Descriptions.Item label="诉讼标的额">{c.claimAmount === null ? '—' : `${c.claimAmount.toLocaleString('zh-CN')}元`}</Descriptions.Item>
        <Descriptions.Item label={`原告（${c.plaintiffCount}人）`} span={2}>
          {c.plaintiffs.map((p) => `${p.name}（${label(PARTY_TYPES, p.type)}）`).join('、')}
        </Descriptions.Item>
        <Descriptions.Item label="第三人" span={2}>
          {c.thirdParties.length ? c.thirdParties.map((p) => `${p.name}（${label(PARTY_TYPES, p.type)}）`).join('、') : '无'}
        </Descriptions.Item>
        <Descriptions.Item label="案件标记" span={2}>
          {flags.length ? flags.map(([k]) => <Tag key={k}>{FLAG_LABELS[k] ?? '其他'}</Tag>) : '无'}
        </Descriptions.Item>
        <Descriptions.Item label="出庭负责人" span={2}>
          <Typography.Text strong>{HEAD_REQUIRED[c.headAppearance?.required] ?? '待定'}</Typography.Text>
          {reasons.map((r, i) => (
            <div key={i} className="explanation">
              {citation(r.text)}
              {r.source && <span className="muted">（{citation(r.source)}）</span>}
            </div>
          ))}
        </Descriptions.Item>
      </Descriptions>
      <Card title="应诉单位及确定依据" size="small" style={{ marginTop: 16 }}>
        <List
          dataSource={c.respondingUnits}
          locale={{ emptyText: '尚未确定应诉单位' }}
          renderItem={(u) => (
            <List.Item>
              <List.Item.Meta title={<>{u.agencyName} {u.role === 'lead' ? <Tag color="red">牵头</Tag> : null}</>} description={<span className="explanation">{citation(u.explanation)}</span>} />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}

function Deadlines({ c }: { c: CaseView }) {
  return (
    <>
      <Table
        rowKey={(d) => `${d.rule}:${d.triggerKey}`}
        size="small"
        pagination={false}
        dataSource={c.deadlines}
        locale={{ emptyText: '暂无期限' }}
        columns={[
          {
            title: '期限',
            dataIndex: 'name',
            width: 220,
            render: (name: string, d) => (
              <>
                {name}
                {d.status === 'PROVISIONAL' && (
                  <Tooltip title="该年度节假日安排尚未录入，期限按不顺延计算，录入后自动重算">
                    <Tag color="purple" style={{ marginLeft: 6 }}>
                      暂定
                    </Tag>
                  </Tooltip>
                )}
              </>
            ),
          },
          { title: '届满日', dataIndex: 'due', width: 220, render: (due: string, d) => (d.fulfilled ? <Tag color="green">{dateZh(due)}（已完成）</Tag> : d.overdue ? <Tag color="red">{dateZh(due)}（已逾期）</Tag> : <DueTag due={due} />) },
          {
            title: '计算说明及依据',
            dataIndex: 'explanation',
            render: (explanation: string, d) => (
              <>
                <div className="explanation">{citation(explanation)}</div>
                <div className="muted" style={{ fontSize: 12 }}>
                  依据：{citation(d.source)}
                </div>
              </>
            ),
          },
        ]}
      />
      <h3 style={{ marginTop: 20 }}>按通常进程推算的后续期限</h3>
      {c.projectedDeadlines?.length ? (
        <Table
          rowKey={(d) => d.rule + d.step}
          size="small"
          pagination={false}
          dataSource={c.projectedDeadlines}
          columns={[
            { title: '环节', dataIndex: 'step', width: 120 },
            { title: '期限', dataIndex: 'name', width: 200, render: (n: string, d) => <>{n}{d.status === 'PROVISIONAL' && <Tag color="purple" style={{ marginLeft: 6 }}>暂定</Tag>}</> },
            { title: '推算届满日', dataIndex: 'due', width: 150, render: (v: string) => dateZh(v) },
            {
              title: '推算前提及依据',
              dataIndex: 'assumption',
              render: (a: string, d) => (
                <>
                  <div className="explanation">{a}</div>
                  <div className="explanation">{citation(d.explanation)}</div>
                  <div className="muted" style={{ fontSize: 12 }}>依据：{citation(d.source)}</div>
                </>
              ),
            },
          ]}
        />
      ) : (
        <Empty description="没有可推算的后续期限" />
      )}
    </>
  );
}

function describePayload(e: CaseView['events'][number], c: CaseView): string {
  const p = e.payload ?? {};
  const parts: string[] = [];
  const date = (v: unknown) => (typeof v === 'string' ? (/^\d{4}-\d{2}-\d{2}$/.test(v) ? dateZh(v) : dateTimeZh(v)) : '');
  if (e.type.startsWith('deadline.')) {
    const rule = c.deadlines.find((d) => d.rule === p.rule)?.name;
    if (rule) parts.push(rule);
    if (typeof p.newDue === 'string') parts.push(`${typeof p.oldDue === 'string' ? `由${dateZh(p.oldDue)}改为` : ''}${dateZh(p.newDue)}届满`);
  }
  const to = p.to as { stage?: string } | undefined;
  if (e.type === 'stage-changed' && to?.stage) parts.push(`进入“${STAGES[to.stage] ?? '下一阶段'}”`);
  if (p.hearingAt) parts.push(`开庭时间：${date(p.hearingAt)}`);
  if (typeof p.servedOn === 'string') parts.push(`送达日期：${dateZh(p.servedOn)}`);
  if (typeof p.on === 'string') parts.push(`日期：${dateZh(p.on)}`);
  if (typeof p.outcome === 'string') parts.push(`结果：${OUTCOMES[p.outcome] ?? '其他'}`);
  if (typeof p.title === 'string') parts.push(p.title);
  if (typeof p.toLabel === 'string') parts.push(`进入：${p.toLabel}`);
  return parts.join('；');
}

function CaseTimeline({ c }: { c: CaseView }) {
  const events = [...c.events].reverse();
  return events.length ? (
    <Timeline
      items={events.map((e) => ({
        key: e.id,
        color: e.type.startsWith('court-event') ? 'red' : e.type.startsWith('deadline') ? 'gray' : 'blue',
        children: (
          <>
            <Typography.Text strong>{e.label}</Typography.Text> <span className="muted">{dateTimeZh(e.occurredAt)}</span>
            <div className="explanation">{describePayload(e, c)}</div>
          </>
        ),
      }))}
    />
  ) : (
    <Empty description="暂无记录" />
  );
}

function HearingsAndJudgment({ c }: { c: CaseView }) {
  const j = c.judgment;
  return (
    <>
      <Card title="庭审" size="small">
        <List
          dataSource={c.hearings}
          locale={{ emptyText: '尚未收到开庭通知' }}
          renderItem={(h, i) => {
            const held = c.hearingsHeld.find((x) => x.hearingAt === h.hearingAt);
            const attendees = Array.isArray(held?.attendees) ? (held!.attendees as { name?: string; post?: string }[]) : [];
            return (
              <List.Item>
                <List.Item.Meta
                  title={`第${i + 1}次开庭：${dateTimeZh(h.hearingAt)}`}
                  description={
                    held ? (
                      <>
                        <div>负责人出庭：{held.headAppeared ? `是（${held.appearedHeadName ?? ''}）` : '否'}</div>
                        <div>出庭人员：{attendees.length ? attendees.map((a) => `${a.name ?? ''}${a.post ? `（${a.post}）` : ''}`).join('、') : '—'}</div>
                        <div>庭审笔录已核对：{held.transcriptChecked ? '是' : '否'}</div>
                      </>
                    ) : (
                      '尚未记录庭审情况'
                    )
                  }
                />
              </List.Item>
            );
          }}
        />
      </Card>
      <Card title="裁判与生效" size="small" style={{ marginTop: 16 }}>
        {j ? (
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="裁判文书">{label(JUDGMENT_KINDS, j.kind)}（{label(LEVELS, j.level)}）</Descriptions.Item>
            <Descriptions.Item label="结果">{label(OUTCOMES, j.outcome)}</Descriptions.Item>
            <Descriptions.Item label="送达本机关">{dateZh(j.servedOn)}</Descriptions.Item>
            <Descriptions.Item label="上诉">{j.appealed ? '已上诉' : j.appealable ? '可上诉' : '不可上诉'}</Descriptions.Item>
            <Descriptions.Item label="生效日期" span={2}>
              {j.effectiveOn ? dateZh(j.effectiveOn) : '尚未确定'}
              {j.effectiveStatus === 'estimated' && <Tag style={{ marginLeft: 6 }}>预计</Tag>}
              <div className="explanation">{citation(j.effectiveReason)}</div>
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <Empty description="尚未收到裁判文书" />
        )}
      </Card>
    </>
  );
}

function Documents({ c }: { c: CaseView }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={c.documents}
        locale={{ emptyText: '暂无文书' }}
        columns={[
          { title: '文书', dataIndex: 'title', render: (t: string, d) => <>{t}{d.latest ? null : <Tag style={{ marginLeft: 6 }}>旧版本</Tag>}</> },
          { title: '版本', dataIndex: 'version', width: 70, render: (v: number) => `第${v}版` },
          { title: '格式', dataIndex: 'format', width: 70, render: (f: string) => f.toUpperCase() },
          { title: '生成时间', dataIndex: 'createdAt', width: 190, render: (v: string) => dateTimeZh(v) },
          {
            title: 'SHA-256 校验值',
            dataIndex: 'sha256',
            width: 190,
            render: (h: string) => (
              <Typography.Text copyable={{ text: h, tooltips: ['复制', '已复制'] }} code>
                {h.slice(0, 12)}…
              </Typography.Text>
            ),
          },
          {
            title: '下载',
            key: 'download',
            width: 80,
            render: (_: unknown, d) => (
              <Button size="small" aria-label={`下载${d.title}（${d.format.toUpperCase()}）`} onClick={() => download(d.url, d.fileName).catch((e: Error) => setError(e.message))}>
                下载
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}

function Notifications({ c }: { c: CaseView }) {
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      dataSource={c.notifications}
      locale={{ emptyText: '暂无通知记录' }}
      columns={[
        { title: '主题', dataIndex: 'subject', ellipsis: true },
        { title: '接收人', dataIndex: 'recipientName', width: 140, render: (v: string | null) => v ?? '—' },
        { title: '渠道', dataIndex: 'channel', width: 90, render: (v: string) => label(CHANNELS, v) },
        { title: '状态', dataIndex: 'status', width: 90, render: (v: string) => label(SEND_STATUS, v) },
        { title: '时间', dataIndex: 'createdAt', width: 190, render: (v: string) => dateTimeZh(v) },
      ]}
    />
  );
}

function Diagrams({ caseId }: { caseId: string }) {
  const diagrams = useLoad(() => get<{ instances: CaseDiagram[] }>(`/api/cases/${caseId}/diagram`), [caseId]);
  if (diagrams.loading) return <Spin />;
  if (diagrams.error) return <Alert type="error" showIcon message={diagrams.error} />;
  const instances = diagrams.data?.instances ?? [];
  if (!instances.length) return <Empty description="流程尚未启动" />;
  return (
    <Tabs
      tabPosition="top"
      items={instances.map((i) => ({
        key: i.instanceId,
        label: (
          <>
            {i.processName}
            <Tag style={{ marginLeft: 6 }} color={i.state === 'running' ? 'green' : undefined}>
              {i.state === 'running' ? '进行中' : '已结束'}
            </Tag>
          </>
        ),
        children: (
          <>
            <Space style={{ marginBottom: 8 }} wrap>
              <span className="muted">开始：{dateTimeZh(i.startTime)}</span>
              {i.endTime && <span className="muted">结束：{dateTimeZh(i.endTime)}</span>}
              <a href={i.cockpitUrl} target="_blank" rel="noreferrer">
                在流程监控（Cockpit）中查看
              </a>
            </Space>
            <Suspense fallback={<Spin />}>
              <BpmnDiagram xml={i.xml} active={i.activeActivityIds} title={i.processName} />
            </Suspense>
          </>
        ),
      }))}
    />
  );
}
