// 审计日志: who did what, when and from where (logins, changes, case-file reads, downloads); admin sees
// everything, a justice bureau its region.
import { Alert, Button, DatePicker, Form, Input, Select, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { get, query } from '../../api.ts';
import { dateTimeZh } from '../../format.ts';
import { useLoad } from '../../useLoad.ts';

interface AuditEntry {
  id: string;
  at: string;
  personName: string | null;
  login: string | null;
  action: string;
  method: string | null;
  path: string | null;
  status: number | null;
  caseId: string | null;
  ip: string | null;
  details: { route?: string } | null;
}

const ACTIONS: Record<string, string> = {
  'login.success': '登录',
  'login.failure': '登录失败',
  logout: '退出登录',
  'logout.everywhere': '退出全部登录',
  'password.change': '修改密码',
  'token.create': '创建接口令牌',
  'token.revoke': '吊销接口令牌',
  'case.read': '查阅案卷',
  'document.download': '下载文书',
  change: '修改',
};

/** what a change did, by the route it went to (the API's routes in Chinese) */
const CHANGES: [RegExp, string][] = [
  [/^POST \/api\/cases$/, '登记案件'],
  [/^POST \/api\/cases\/:[^/]+\/events$/, '录入法院事件'],
  [/^POST \/api\/tasks\/:[^/]+\/complete$/, '办结任务'],
  [/^POST \/api\/tasks\/:[^/]+\/claim$/, '认领任务'],
  [/^POST \/api\/tasks\/:[^/]+\/unclaim$/, '退回任务'],
  [/^POST \/api\/cases\/:[^/]+\/documents$/, '起草文书'],
  [/^POST \/api\/cases\/:[^/]+\/deadlines\/recalculate$/, '重新计算期限'],
  [/^POST \/api\/imports$/, '导入存量案件'],
  [/^POST \/api\/court-papers\/extract$/, '识别法院文书'],
  [/^POST \/api\/modeler\/deployments$/, '部署流程新版本'],
  [/^POST \/api\/modeler\/migrations$/, '迁移流程实例'],
  [/^POST \/api\/modeler\//, '检查流程图或迁移计划'],
  [/^POST \/api\/profiles\/:[^/]+\/versions$/, '起草规则版本'],
  [/^POST \/api\/profiles\/:[^/]+\/versions\/:[^/]+\/activate$/, '启用规则版本'],
  [/^POST \/api\/profiles\/:[^/]+\/versions\/:[^/]+\/discard$/, '放弃规则版本'],
  [/notifications/, '通知设置或已读'],
  [/calendar/, '修改节假日日历'],
  [/tokens/, '接口令牌'],
  [/^POST \/api\/admin\/accounts$/, '创建账号'],
  [/^PUT \/api\/admin\/accounts\/:[^/]+\/roles$/, '设置角色'],
  [/^POST \/api\/admin\/accounts\/:[^/]+\/disable$/, '停用账号'],
  [/^POST \/api\/admin\/accounts\/:[^/]+\/enable$/, '启用账号'],
  [/^POST \/api\/admin\/accounts\/:[^/]+\/password$/, '重置密码'],
];

function whatChanged(e: AuditEntry): string {
  if (e.action !== 'change') return ACTIONS[e.action] ?? '其他操作';
  const route = e.details?.route ?? '';
  return CHANGES.find(([pattern]) => pattern.test(route))?.[1] ?? '其他修改';
}

const PAGE = 50;

export function AuditPage() {
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const [page, setPage] = useState(1);
  const audit = useLoad(() => get<{ items: AuditEntry[]; total: number }>(`/api/admin/audit${query({ ...filters, limit: PAGE, offset: (page - 1) * PAGE })}`), [JSON.stringify(filters), page]);
  const search = (v: { login?: string; action?: string; range?: [Dayjs, Dayjs] | null }) => {
    setPage(1);
    setFilters({ login: v.login?.trim() || undefined, action: v.action || undefined, from: v.range?.[0]?.format('YYYY-MM-DD'), to: v.range?.[1]?.format('YYYY-MM-DD') });
  };
  return (
    <>
      <h1 className="page-title">审计日志</h1>
      <Form layout="inline" onFinish={search} style={{ marginBottom: 12, rowGap: 8 }} aria-label="审计日志筛选">
        <Form.Item label="登录名" name="login">
          <Input allowClear style={{ width: 180 }} />
        </Form.Item>
        <Form.Item label="操作" name="action">
          <Select allowClear style={{ width: 150 }} placeholder="全部" options={Object.entries(ACTIONS).map(([value, label]) => ({ value, label }))} aria-label="操作" />
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
        pagination={{ current: page, pageSize: PAGE, total: audit.data?.total ?? 0, showSizeChanger: false, showTotal: (t) => `共${t}条` }}
        locale={{ emptyText: '没有符合条件的记录' }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 190, render: (v: string) => dateTimeZh(v) },
          { title: '人员', key: 'person', render: (_: unknown, r) => (r.personName ? `${r.personName}（${r.login}）` : (r.login ?? '—')) },
          { title: '操作', key: 'action', width: 150, render: (_: unknown, r) => whatChanged(r) },
          { title: '结果', dataIndex: 'status', width: 80, render: (s: number | null, r) => (r.action === 'login.failure' || (s !== null && s >= 400) ? <Tag color="red">未成功</Tag> : <Tag color="green">成功</Tag>) },
          { title: '案件', dataIndex: 'caseId', width: 100, render: (id: string | null) => (id ? <Link to={`/cases/${id}`}>查看案件</Link> : '—') },
          { title: 'IP 地址', dataIndex: 'ip', width: 150, render: (v: string | null) => v?.replace(/^::ffff:/, '') ?? '—' },
        ]}
      />
    </>
  );
}
