// 审计日志: who did what, when and from where (logins, changes, case-file reads, downloads); admin sees
// everything, a justice bureau its region.
import { Alert, Button, DatePicker, Form, Input, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { get, query } from '../../api.ts';
import { dateTimeZh } from '../../format.ts';
import { useLoad } from '../../useLoad.ts';

interface AuditEntry {
  id: string;
  at: string;
  personName?: string | null;
  login?: string | null;
  action: string;
  actionLabel?: string;
  caseId?: string | null;
  caseNumber?: string | null;
  summary?: string | null;
  detail?: string | null;
  ip?: string | null;
}

const PAGE = 50;

export function AuditPage() {
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const [page, setPage] = useState(1);
  const audit = useLoad(
    () => get<{ items: AuditEntry[]; total?: number }>(`/api/admin/audit${query({ ...filters, limit: PAGE, offset: (page - 1) * PAGE })}`),
    [JSON.stringify(filters), page],
  );
  const search = (v: { person?: string; action?: string; caseId?: string; range?: [Dayjs, Dayjs] | null }) => {
    setPage(1);
    setFilters({ person: v.person || undefined, action: v.action || undefined, caseId: v.caseId || undefined, from: v.range?.[0]?.format('YYYY-MM-DD'), to: v.range?.[1]?.format('YYYY-MM-DD') });
  };
  return (
    <>
      <h1 className="page-title">审计日志</h1>
      <Form layout="inline" onFinish={search} style={{ marginBottom: 12, rowGap: 8 }} aria-label="审计日志筛选">
        <Form.Item label="人员" name="person">
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item label="操作" name="action">
          <Input allowClear style={{ width: 140 }} />
        </Form.Item>
        <Form.Item label="案件编号" name="caseId">
          <Input allowClear style={{ width: 180 }} />
        </Form.Item>
        <Form.Item label="时间" name="range">
          <DatePicker.RangePicker format="YYYY年M月D日" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form>
      {audit.error && <Alert type="error" showIcon message={audit.error} role="alert" />}
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={audit.loading}
        dataSource={audit.data?.items ?? []}
        onChange={(p) => setPage(p.current ?? 1)}
        pagination={{ current: page, pageSize: PAGE, total: audit.data?.total ?? audit.data?.items.length ?? 0, showSizeChanger: false, showTotal: (t) => `共${t}条` }}
        locale={{ emptyText: '没有符合条件的记录' }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 180, render: (v: string) => dateTimeZh(v) },
          { title: '人员', key: 'person', width: 140, render: (_: unknown, r) => r.personName ?? r.login ?? '—' },
          { title: '操作', key: 'action', width: 160, render: (_: unknown, r) => r.actionLabel ?? r.action },
          { title: '案件', dataIndex: 'caseNumber', width: 190, render: (v?: string | null) => v ?? '—' },
          { title: '内容', key: 'summary', ellipsis: true, render: (_: unknown, r) => r.summary ?? r.detail ?? '—' },
          { title: 'IP 地址', dataIndex: 'ip', width: 130, render: (v?: string | null) => v ?? '—' },
        ]}
      />
    </>
  );
}
