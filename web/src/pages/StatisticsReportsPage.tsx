// 统计报告: the periodic reports (年度行政应诉工作报告, 季度通报) of the governments the user sees —
// period, scope, status (草稿 / 已审核 / 已报送), due date with its source, the filed PDF and DOCX —
// and the selected report's figures (the draft's snapshot from the ledger: numbers, a year earlier,
// the ranking of the agencies). GET /api/statistics/reports, /:id, /:id/pdf|docx.
import { Alert, Button, Descriptions, Empty, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { download, get, query } from '../api.ts';
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

export function StatisticsReportsPage() {
  const [kind, setKind] = useState<string>('all');
  const [selected, setSelected] = useState<string | null>(null);
  const list = useLoad(() => get<{ items: ReportItem[] }>(`/api/statistics/reports${query({ kind: kind === 'all' ? undefined : kind })}`), [kind]);
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
      </Space>
      <Typography.Paragraph type="secondary">
        年度行政应诉工作报告和季度通报由定时流程按期起草，数据全部取自行政应诉案件台账；司法局审核并撰写文字部分，政府负责人审批后生成PDF和DOCX并报送归档。
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
