// 统计报告: the periodic reports (年度行政应诉工作报告, 季度通报) of the governments the user sees —
// period, scope, status (草稿 / 已审核 / 已报送), due date with its source, the filed PDF and DOCX —
// and the selected report's figures (the draft's snapshot from the ledger: numbers, a year earlier,
// the ranking of the agencies). GET /api/statistics/reports, /:id, /:id/pdf|docx.
import { Alert, App, Button, Descriptions, Empty, Form, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, download, get, post, query } from '../api.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../useLoad.ts';

interface ReportItem {
  id: string;
  kind: string;
  kindName: string;
  period: string;
  periodName: string;
  agencyName: string;
  scopeLabel: string;
  title: string;
  status: 'draft' | 'approved' | 'filed';
  statusName: string;
  dueOn: string | null;
  dueOnText: string | null;
  dueSource: string | null;
  filedAt: string | null;
  documents: { id: string; format: string; version: number; fileName: string }[];
}

interface Numbers {
  value: number | null;
  numerator: number;
  denominator: number | null;
}
interface Line extends Numbers {
  id: string;
  name: string;
  kind: 'count' | 'rate' | 'breakdown';
  previous: Numbers;
  top?: { key: string; count: number }[];
}
interface RankingRow {
  rank: number;
  agencyId: string;
  agencyName: string;
  casesNew: number;
  casesClosed: number;
  casesPending: number;
  appearance: Numbers;
  principalHeadAppearances: number;
  loss: Numbers;
}
interface ReportDetail extends ReportItem {
  figures: { asOf: string; appearanceFigure: { basis: string }; lines: Line[]; ranking: RankingRow[]; period: { name: string } };
  sections: { heading: string; text: string }[];
  reviewComments: string | null;
  approvalOpinion: string | null;
}

const STATUS_COLORS: Record<string, string> = { draft: 'default', approved: 'blue', filed: 'green' };
const pct = (n: Numbers) => (n.value === null || !n.denominator ? '—' : `${(n.value * 100).toFixed(1)}%（${n.numerator}/${n.denominator}）`);
const valueText = (line: Line, n: Numbers) => (line.kind === 'rate' ? pct(n) : `${n.numerator}`);
const isoToZh = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/** The finished periods a report can be drafted for: the last three years, the last eight quarters. */
function finishedPeriods(kind: string, today = new Date()): { value: string; label: string }[] {
  const year = today.getFullYear();
  if (kind === 'annual-report') return [1, 2, 3].map((n) => ({ value: String(year - n), label: `${year - n}年` }));
  const current = Math.floor(today.getMonth() / 3) + 1;
  return Array.from({ length: 8 }, (_, i) => {
    const index = year * 4 + (current - 1) - (i + 1);
    const y = Math.floor(index / 4);
    const q = (index % 4) + 1;
    return { value: `${y}Q${q}`, label: `${y}年第${'一二三四'[q - 1]}季度` };
  });
}

/** 起草报告: a justice bureau (its government's region) or an admin asks for a report now (POST /api/statistics/reports). */
function DraftReportButton({ onQueued }: { onQueued: () => void }) {
  const session = useSession();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ kind: string; period: string }>();
  const kind = Form.useWatch('kind', form) ?? 'annual-report';
  if (!session.hasRole('justice-bureau', 'admin') || !session.user) return null;
  async function submit(values: { kind: string; period: string }) {
    setBusy(true);
    setError(null);
    try {
      const out = await post<{ enqueued: boolean }>('/api/statistics/reports', { ...values, agencyId: session.user!.agencyId });
      message.success(out.enqueued ? '已开始起草，草稿生成后出现在列表中并进入审核待办' : '该报告已经起草过，不再重复起草');
      setOpen(false);
      onQueued();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '无法连接服务器，请稍后重试');
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        起草报告
      </Button>
      <Modal title="起草统计报告" open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText="开始起草" cancelText="取消" confirmLoading={busy} destroyOnHidden>
        <Typography.Paragraph type="secondary">按本单位所在人民政府的区域起草，数据取自台账；与定时流程起草的报告相同，同一期间只起草一次。</Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ kind: 'annual-report' }} onFinish={submit}>
          <Form.Item name="kind" label="报告种类" rules={[{ required: true, message: '请选择报告种类' }]}>
            <Select
              options={[
                { value: 'annual-report', label: '年度行政应诉工作报告' },
                { value: 'quarterly-circular', label: '行政应诉工作季度通报' },
              ]}
              onChange={() => form.setFieldValue('period', undefined)}
            />
          </Form.Item>
          <Form.Item name="period" label="统计期间" rules={[{ required: true, message: '请选择统计期间' }]}>
            <Select options={finishedPeriods(kind)} placeholder="请选择" />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon message={error} role="alert" />}
      </Modal>
    </>
  );
}

export function StatisticsReportsPage() {
  const [kind, setKind] = useState<string>('all');
  const [selected, setSelected] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const list = useLoad(() => get<{ items: ReportItem[] }>(`/api/statistics/reports${query({ kind: kind === 'all' ? undefined : kind })}`), [kind, reloads]);
  const detail = useLoad(() => (selected ? get<ReportDetail>(`/api/statistics/reports/${selected}`) : Promise.resolve(undefined)), [selected]);
  const fetchFile = (r: ReportItem, format: 'pdf' | 'docx') => void download(`/api/statistics/reports/${r.id}/${format}`, `${r.kindName}_${r.periodName}.${format}`);

  return (
    <>
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 12 }} wrap>
        <h1 className="page-title" style={{ margin: 0 }}>
          统计报告
        </h1>
        <Segmented
          options={[
            { label: '全部', value: 'all' },
            { label: '年度报告', value: 'annual-report' },
            { label: '季度通报', value: 'quarterly-circular' },
          ]}
          value={kind}
          onChange={(v) => setKind(String(v))}
        />
        <DraftReportButton onQueued={() => setTimeout(() => setReloads((n) => n + 1), 3000)} />
      </Space>
      <Typography.Paragraph type="secondary">
        年度行政应诉工作报告和季度通报由定时流程按期起草（司法局也可随时起草），数据全部取自行政应诉案件台账；司法局审核并撰写文字部分，政府负责人审批后生成PDF和DOCX并报送归档。
      </Typography.Paragraph>
      {list.error && <Alert type="error" showIcon message={list.error} role="alert" />}
      <Table<ReportItem>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '暂无统计报告' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer' } })}
        rowClassName={(r) => (r.id === selected ? 'ant-table-row-selected' : '')}
        columns={[
          { title: '报告', dataIndex: 'kindName' },
          { title: '统计期间', dataIndex: 'periodName' },
          { title: '统计范围', dataIndex: 'scopeLabel' },
          { title: '状态', dataIndex: 'status', render: (_v, r) => <Tag color={STATUS_COLORS[r.status]}>{r.statusName}</Tag> },
          { title: '报送期限', dataIndex: 'dueOnText', render: (_v, r) => (r.dueOnText ? <span title={r.dueSource ?? undefined}>{r.dueOnText}前</span> : '—') },
          { title: '报送日期', dataIndex: 'filedAt', render: (v: string | null) => v ?? '—' },
          {
            title: '文件',
            key: 'files',
            render: (_v, r) =>
              r.status === 'filed' ? (
                <Space>
                  <Button size="small" onClick={(e) => (e.stopPropagation(), fetchFile(r, 'pdf'))}>
                    下载PDF
                  </Button>
                  <Button size="small" onClick={(e) => (e.stopPropagation(), fetchFile(r, 'docx'))}>
                    下载DOCX
                  </Button>
                </Space>
              ) : (
                <span className="muted">审批后生成</span>
              ),
          },
        ]}
      />
      {selected && detail.data && <ReportFigures report={detail.data} />}
      {selected && detail.error && <Alert type="error" showIcon message={detail.error} role="alert" />}
      {!selected && (list.data?.items.length ?? 0) > 0 && <Empty description="点击一行查看该报告的数据" />}
    </>
  );
}

function ReportFigures({ report }: { report: ReportDetail }) {
  const f = report.figures;
  return (
    <section aria-label="报告数据" style={{ marginTop: 20 }}>
      <h2 style={{ fontSize: 18 }}>
        {report.title}（{report.statusName}）
      </h2>
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label="统计范围">{report.scopeLabel}</Descriptions.Item>
        <Descriptions.Item label="数据截至">{isoToZh(f.asOf)}</Descriptions.Item>
        <Descriptions.Item label="报送期限">{report.dueOnText ? `${report.dueOnText}前` : '—'}</Descriptions.Item>
        <Descriptions.Item label="期限依据">{report.dueSource ?? '—'}</Descriptions.Item>
        {report.reviewComments && <Descriptions.Item label="审核意见">{report.reviewComments}</Descriptions.Item>}
        {report.approvalOpinion && <Descriptions.Item label="审批意见">{report.approvalOpinion}</Descriptions.Item>}
      </Descriptions>
      <Table<Line>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={f.lines.filter((l) => l.kind !== 'breakdown')}
        columns={[
          { title: '指标', dataIndex: 'name' },
          { title: '本期', key: 'now', render: (_v, l) => valueText(l, l) },
          { title: '上年同期', key: 'before', render: (_v, l) => valueText(l, l.previous) },
        ]}
      />
      <h3 style={{ fontSize: 16, marginTop: 16 }}>各单位排名（出庭应诉率按{f.appearanceFigure.basis}计）</h3>
      <Table<RankingRow>
        rowKey="agencyId"
        size="small"
        pagination={false}
        dataSource={f.ranking}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 60 },
          { title: '单位', dataIndex: 'agencyName' },
          { title: '新收', dataIndex: 'casesNew' },
          { title: '审结', dataIndex: 'casesClosed' },
          { title: '未结', dataIndex: 'casesPending' },
          { title: '负责人出庭应诉率', key: 'a', render: (_v, r) => pct(r.appearance) },
          { title: '主要负责人出庭', dataIndex: 'principalHeadAppearances' },
          { title: '败诉率', key: 'l', render: (_v, r) => pct(r.loss) },
        ]}
      />
      {report.sections.length > 0 && (
        <>
          <h3 style={{ fontSize: 16, marginTop: 16 }}>文字部分</h3>
          {report.sections.map((s) => (
            <div key={s.heading}>
              <Typography.Text strong>{s.heading}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{s.text}</Typography.Paragraph>
            </div>
          ))}
        </>
      )}
    </section>
  );
}
