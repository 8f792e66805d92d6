// 台账: every case in scope, with filters, search, sort, paging, warning colours, .xlsx export and a
// printable view (print.css). Filters live in the address (?stage=answer&due=3d) so a view can be shared.
import { Alert, Button, Checkbox, Form, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import type { TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { download, get, query } from '../api.ts';
import { dateTimeZh, dateZh, label, LEVELS, OUTCOMES, PROFILES, STAGES, WARNINGS } from '../format.ts';
import type { Agency, LedgerRow } from '../types.ts';
import { useLoad } from '../useLoad.ts';

interface LedgerPageAnswer {
  items: LedgerRow[];
  total: number;
  limit: number;
  offset: number;
}

const FILTER_KEYS = ['agency', 'stage', 'level', 'profile', 'year', 'due', 'enterpriseRelated', 'outcome', 'q', 'sort', 'order'] as const;
const PAGE_SIZE = 20;

export function LedgerPage() {
  const [params, setParams] = useSearchParams();
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const filters = useMemo(() => Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined])) as Record<(typeof FILTER_KEYS)[number], string | undefined>, [params]);
  const page = Number(params.get('page') ?? '1');
  const agencies = useLoad(() => get<Agency[]>('/api/agencies'), []);
  const ledger = useLoad(async (): Promise<LedgerPageAnswer> => {
    const answer = await get<LedgerPageAnswer | LedgerRow[]>(`/api/cases${query({ ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })}`);
    // the ledger API before the data branch answered a bare list
    return Array.isArray(answer) ? { items: answer, total: answer.length, limit: PAGE_SIZE, offset: 0 } : answer;
  }, [params.toString()]);

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };

  const onTableChange: TableProps<LedgerRow>['onChange'] = (pagination, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.order ? String(s.columnKey ?? s.field) : undefined;
    const changes: Record<string, string | undefined> = { sort: field, order: s?.order === 'descend' ? 'desc' : s?.order === 'ascend' ? 'asc' : undefined };
    if (pagination.current && pagination.current !== page) changes.page = String(pagination.current);
    set(changes);
  };

  const sortOrder = (key: string) => (filters.sort === key ? (filters.order === 'desc' ? 'descend' : 'ascend') : null);
  const columns: TableProps<LedgerRow>['columns'] = [
    { title: '案号', dataIndex: 'caseNumber', key: 'caseNumber', sorter: true, sortOrder: sortOrder('caseNumber'), render: (v: string, r) => <Link to={`/cases/${r.id}`}>{v}</Link>, width: 230 },
    { title: '应诉单位', dataIndex: 'agencyName', key: 'agencyName', sorter: true, sortOrder: sortOrder('agencyName'), ellipsis: true },
    { title: '原告', dataIndex: 'plaintiffNames', key: 'plaintiffNames', ellipsis: true, render: (v: LedgerRow['plaintiffNames']) => (Array.isArray(v) ? v.join('、') : (v ?? '—')) },
    { title: '案由', dataIndex: 'cause', key: 'cause', ellipsis: true },
    { title: '审级', dataIndex: 'level', key: 'level', width: 64, render: (v: string) => label(LEVELS, v) },
    { title: '阶段', dataIndex: 'stage', key: 'stage', sorter: true, sortOrder: sortOrder('stage'), width: 120, render: (v: string, r) => r.stageLabel ?? label(STAGES, v) },
    { title: '收到起诉状', dataIndex: 'complaintReceivedOn', key: 'complaintReceivedOn', sorter: true, sortOrder: sortOrder('complaintReceivedOn'), width: 130, render: (v: string) => dateZh(v) },
    {
      title: '最近期限',
      key: 'nextDeadline',
      sorter: true,
      sortOrder: sortOrder('nextDeadline'),
      width: 210,
      render: (_: unknown, r) =>
        r.nextDeadline ? (
          <Space size={4} wrap>
            {r.warning && <Tag color={WARNINGS[r.warning]!.color}>{WARNINGS[r.warning]!.label}</Tag>}
            <Tooltip title={r.nextDeadline.label}>
              <span>{dateZh(r.nextDeadline.dueOn)}</span>
            </Tooltip>
          </Space>
        ) : (
          '—'
        ),
    },
  ];

  const exportXlsx = async () => {
    setExporting(true);
    setExportError(null);
    try {
      await download(`/api/cases/export.xlsx${query(filters)}`, '行政应诉案件台账.xlsx');
    } catch (e) {
      setExportError((e as Error).message);
    } finally {
      setExporting(false);
    }
  };

  const years = Array.from({ length: 8 }, (_, i) => new Date().getFullYear() - i);
  return (
    <>
      <h1 className="page-title">案件台账</h1>
      <div className="print-only">打印时间：{dateTimeZh(new Date())}</div>
      <Form layout="inline" className="no-print" style={{ rowGap: 8, marginBottom: 12 }} aria-label="台账筛选">
        <Form.Item label="搜索">
          <Input.Search placeholder="案号或当事人" allowClear defaultValue={filters.q} onSearch={(q) => set({ q })} style={{ width: 200 }} aria-label="按案号或当事人搜索" />
        </Form.Item>
        <Form.Item label="单位">
          <Select allowClear showSearch optionFilterProp="label" style={{ width: 180 }} value={filters.agency} onChange={(agency?: string) => set({ agency })} options={(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))} placeholder="全部单位" aria-label="单位" />
        </Form.Item>
        <Form.Item label="阶段">
          <Select allowClear style={{ width: 150 }} value={filters.stage} onChange={(stage?: string) => set({ stage })} options={Object.entries(STAGES).map(([value, l]) => ({ value, label: l }))} placeholder="全部阶段" aria-label="阶段" />
        </Form.Item>
        <Form.Item label="审级">
          <Select allowClear style={{ width: 90 }} value={filters.level} onChange={(level?: string) => set({ level })} options={Object.entries(LEVELS).map(([value, l]) => ({ value, label: l }))} placeholder="全部" aria-label="审级" />
        </Form.Item>
        <Form.Item label="期限">
          <Select
            allowClear
            style={{ width: 130 }}
            value={filters.due}
            onChange={(due?: string) => set({ due })}
            options={[
              { value: 'overdue', label: '已逾期' },
              { value: '3d', label: '3日内到期' },
              { value: 'week', label: '本周到期' },
              { value: '30d', label: '30日内到期' },
            ]}
            placeholder="全部"
            aria-label="期限"
          />
        </Form.Item>
        <Form.Item label="年度">
          <Select allowClear style={{ width: 100 }} value={filters.year} onChange={(year?: string) => set({ year })} options={years.map((y) => ({ value: String(y), label: `${y}年` }))} placeholder="全部" aria-label="年度" />
        </Form.Item>
        <Form.Item label="规则">
          <Select allowClear style={{ width: 110 }} value={filters.profile} onChange={(profile?: string) => set({ profile })} options={Object.entries(PROFILES).map(([value, l]) => ({ value, label: l }))} placeholder="全部" aria-label="适用规则" />
        </Form.Item>
        <Form.Item label="结果">
          <Select allowClear style={{ width: 110 }} value={filters.outcome} onChange={(outcome?: string) => set({ outcome })} options={Object.entries(OUTCOMES).map(([value, l]) => ({ value, label: l }))} placeholder="全部" aria-label="裁判结果" />
        </Form.Item>
        <Form.Item>
          <Checkbox checked={filters.enterpriseRelated === 'true'} onChange={(e) => set({ enterpriseRelated: e.target.checked ? 'true' : undefined })}>
            涉企案件
          </Checkbox>
        </Form.Item>
        <Form.Item>
          <Space>
            <Button onClick={() => setParams(new URLSearchParams())}>清除筛选</Button>
            <Button type="primary" loading={exporting} onClick={() => void exportXlsx()}>
              导出 Excel
            </Button>
            <Button onClick={() => window.print()}>打印</Button>
          </Space>
        </Form.Item>
      </Form>
      {(ledger.error || exportError) && <Alert type="error" showIcon message={ledger.error ?? exportError} role="alert" style={{ marginBottom: 12 }} />}
      <Table<LedgerRow>
        rowKey="id"
        size="small"
        loading={ledger.loading}
        columns={columns}
        dataSource={ledger.data?.items ?? []}
        onChange={onTableChange}
        rowClassName={(r) => (r.warning ? `warn-${r.warning}` : '')}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: ledger.data?.total ?? 0, showSizeChanger: false, showTotal: (t) => `共${t}件` }}
        locale={{ emptyText: '没有符合条件的案件' }}
        scroll={{ x: 1000 }}
      />
    </>
  );
}
