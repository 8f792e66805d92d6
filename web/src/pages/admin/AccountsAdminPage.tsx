// 用户管理: people and their accounts — login, roles, agency, status, last login. An admin creates
// accounts, changes roles, resets passwords (a generated one is shown once) and disables or enables
// accounts; a justice bureau reads its region's accounts. The API's field errors go next to the fields.
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api, get, post, query } from '../../api.ts';
import { showFieldErrors } from '../../components/fieldErrors.ts';
import { dateTimeZh, ROLES } from '../../format.ts';
import { useSession } from '../../session.tsx';
import type { Agency } from '../../types.ts';
import { useLoad } from '../../useLoad.ts';

interface AccountRole {
  role: string;
  agencyId: string;
  agencyName: string;
}
interface Account {
  personId: string;
  name: string;
  post: string;
  agencyId: string;
  agencyName: string;
  login: string | null;
  roles: AccountRole[];
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
}

const STATUS: Record<string, string> = { active: '正常', disabled: '已停用', 'no-account': '未开通账号' };
const PAGE = 20;
const roleOptions = Object.entries(ROLES).map(([value, label]) => ({ value, label }));

function StatusTag({ a }: { a: Account }) {
  if (!a.login) return <Tag>未开通账号</Tag>;
  if (a.disabled) return <Tag color="red">已停用</Tag>;
  if (a.mustChangePassword) return <Tag color="orange">待修改密码</Tag>;
  return <Tag color="green">正常</Tag>;
}

/** The field errors the form shows; the rest as one message. */
function placeErrors(form: ReturnType<typeof Form.useForm>[0], e: unknown, fields: string[]): string | null {
  if (!(e instanceof ApiError)) return '无法连接服务器，请稍后重试';
  // a role's error ("roles.0.role") belongs to the roles field
  const rest = showFieldErrors(form, e.fields.map((f) => ({ ...f, field: f.field.replace(/^roles\..*$/, 'roles') })), (p) => fields.includes(String(p[0])));
  return rest.length || !e.fields.length ? (rest[0]?.message ?? e.message) : null;
}

export function AccountsAdminPage() {
  const session = useSession();
  const isAdmin = session.hasRole('admin');
  const { message } = App.useApp();
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const [page, setPage] = useState(1);
  const accounts = useLoad(() => get<{ items: Account[]; total: number }>(`/api/admin/accounts${query({ ...filters, limit: PAGE, offset: (page - 1) * PAGE })}`), [JSON.stringify(filters), page]);
  const agencies = useLoad(() => get<Agency[]>('/api/agencies'), []);
  const [creating, setCreating] = useState<Account | 'new' | null>(null);
  const [editingRoles, setEditingRoles] = useState<Account | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [shownPassword, setShownPassword] = useState<{ login: string; password: string } | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);

  const search = (v: { agencyId?: string; q?: string; status?: string }) => {
    setPage(1);
    setFilters({ agencyId: v.agencyId || undefined, q: v.q?.trim() || undefined, status: v.status || undefined });
  };
  const toggle = async (a: Account) => {
    setRowError(null);
    try {
      await post(`/api/admin/accounts/${a.personId}/${a.disabled ? 'enable' : 'disable'}`);
      message.success(a.disabled ? `已启用 ${a.name} 的账号，下次登录须修改密码` : `已停用 ${a.name} 的账号`);
      accounts.reload();
    } catch (e) {
      setRowError(e instanceof ApiError ? e.message : '无法连接服务器，请稍后重试');
    }
  };
  const agencyOptions = (agencies.data ?? []).map((g) => ({ value: g.id, label: g.name }));

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
        <h1 className="page-title">用户管理</h1>
        {isAdmin && (
          <Button type="primary" onClick={() => setCreating('new')}>
            新建账号
          </Button>
        )}
      </Space>
      {!isAdmin && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="司法局可查看本辖区各单位的账号，账号的开通和变更由管理员办理。" />}
      <Form layout="inline" onFinish={search} style={{ marginBottom: 12, rowGap: 8 }} aria-label="用户筛选">
        <Form.Item label="单位" name="agencyId">
          <Select allowClear showSearch optionFilterProp="label" style={{ width: 240 }} placeholder="全部" options={agencyOptions} aria-label="单位" />
        </Form.Item>
        <Form.Item label="姓名或登录名" name="q">
          <Input allowClear style={{ width: 180 }} />
        </Form.Item>
        <Form.Item label="状态" name="status">
          <Select allowClear style={{ width: 130 }} placeholder="全部" options={Object.entries(STATUS).map(([value, label]) => ({ value, label }))} aria-label="状态" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form>
      {(accounts.error || rowError) && <Alert type="error" showIcon message={accounts.error ?? rowError} role="alert" style={{ marginBottom: 12 }} />}
      <Table<Account>
        rowKey="personId"
        size="small"
        loading={accounts.loading}
        dataSource={accounts.data?.items ?? []}
        onChange={(p) => setPage(p.current ?? 1)}
        pagination={{ current: page, pageSize: PAGE, total: accounts.data?.total ?? 0, showSizeChanger: false, showTotal: (t) => `共${t}人` }}
        locale={{ emptyText: '没有符合条件的人员' }}
        columns={[
          { title: '姓名', key: 'name', render: (_: unknown, a) => `${a.name}（${a.post}）` },
          { title: '单位', dataIndex: 'agencyName', ellipsis: true },
          { title: '登录名', dataIndex: 'login', render: (l: string | null) => l ?? '—' },
          {
            title: '角色',
            key: 'roles',
            render: (_: unknown, a) =>
              a.roles.length
                ? a.roles.map((r) => (
                    <Tag key={`${r.role}:${r.agencyId}`} title={r.agencyName}>
                      {ROLES[r.role] ?? '其他角色'}
                      {r.agencyId !== a.agencyId ? `（${r.agencyName}）` : ''}
                    </Tag>
                  ))
                : '—',
          },
          { title: '状态', key: 'status', width: 110, render: (_: unknown, a) => <StatusTag a={a} /> },
          { title: '最近登录', dataIndex: 'lastLoginAt', width: 170, render: (v: string | null) => (v ? dateTimeZh(v) : '从未登录') },
          ...(isAdmin
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 210,
                  render: (_: unknown, a: Account) =>
                    !a.login ? (
                      <Button size="small" onClick={() => setCreating(a)}>
                        开通账号
                      </Button>
                    ) : (
                      <Space size={4}>
                        <Button size="small" onClick={() => setEditingRoles(a)} aria-label={`设置 ${a.name} 的角色`}>
                          角色
                        </Button>
                        <Button size="small" onClick={() => setResetting(a)} aria-label={`重置 ${a.name} 的密码`}>
                          重置密码
                        </Button>
                        <Popconfirm
                          title={a.disabled ? `启用 ${a.name} 的账号？` : `停用 ${a.name} 的账号？`}
                          description={a.disabled ? '启用后须在下次登录时修改密码。' : '其登录会话和接口令牌立即失效。'}
                          okText={a.disabled ? '启用' : '停用'}
                          cancelText="取消"
                          onConfirm={() => toggle(a)}
                        >
                          <Button size="small" danger={!a.disabled} aria-label={`${a.disabled ? '启用' : '停用'} ${a.name} 的账号`}>
                            {a.disabled ? '启用' : '停用'}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
      {creating && (
        <CreateAccountModal
          person={creating === 'new' ? null : creating}
          agencyOptions={agencyOptions}
          onClose={() => setCreating(null)}
          onCreated={(login, password) => {
            setCreating(null);
            accounts.reload();
            if (password) setShownPassword({ login, password });
            else message.success('账号已开通，首次登录须修改密码');
          }}
        />
      )}
      {editingRoles && (
        <RolesModal
          account={editingRoles}
          onClose={() => setEditingRoles(null)}
          onSaved={() => {
            setEditingRoles(null);
            accounts.reload();
            message.success('角色已保存');
          }}
        />
      )}
      {resetting && (
        <ResetPasswordModal
          account={resetting}
          onClose={() => setResetting(null)}
          onReset={(password) => {
            const login = resetting.login!;
            setResetting(null);
            accounts.reload();
            if (password) setShownPassword({ login, password });
            else message.success('密码已重置，下次登录须修改');
          }}
        />
      )}
      <Modal open={Boolean(shownPassword)} title="初始密码" onOk={() => setShownPassword(null)} onCancel={() => setShownPassword(null)} okText="我已记下" cancelButtonProps={{ style: { display: 'none' } }}>
        <p>
          登录名 <Typography.Text strong>{shownPassword?.login}</Typography.Text> 的密码如下，只显示这一次，请当面或通过安全渠道交给本人；本人首次登录时须修改。
        </p>
        <Typography.Paragraph copyable={{ text: shownPassword?.password ?? '' }} code style={{ fontSize: 18 }} aria-label="生成的密码">
          {shownPassword?.password}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}

function CreateAccountModal(props: { person: Account | null; agencyOptions: { value: string; label: string }[]; onClose: () => void; onCreated: (login: string, password?: string) => void }) {
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (v: { name?: string; post?: string; agencyId?: string; email?: string; login: string; password?: string; roles?: string[] }) => {
    setError(null);
    setSaving(true);
    try {
      const body = {
        ...(props.person ? { personId: props.person.personId } : { name: v.name, post: v.post, agencyId: v.agencyId, ...(v.email ? { email: v.email } : {}) }),
        login: v.login?.trim(),
        ...(v.password ? { password: v.password } : {}),
        roles: (v.roles ?? []).map((role) => ({ role })),
      };
      const created = await api<{ account: Account; password?: string }>('POST', '/api/admin/accounts', body);
      props.onCreated(created.account.login!, created.password);
    } catch (e) {
      setError(placeErrors(form, e, ['name', 'post', 'agencyId', 'email', 'login', 'password', 'roles', 'personId']));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={props.person ? `为 ${props.person.name} 开通账号` : '新建账号'} okText="创建" cancelText="取消" confirmLoading={saving} onOk={() => form.submit()} onCancel={props.onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} aria-label="账号信息">
        {!props.person && (
          <>
            <Form.Item label="姓名" name="name">
              <Input />
            </Form.Item>
            <Form.Item label="职务" name="post">
              <Input />
            </Form.Item>
            <Form.Item label="所属单位" name="agencyId">
              <Select showSearch optionFilterProp="label" options={props.agencyOptions} aria-label="所属单位" />
            </Form.Item>
            <Form.Item label="电子邮箱" name="email">
              <Input />
            </Form.Item>
          </>
        )}
        <Form.Item label="登录名" name="login" extra="小写字母、数字和 . _ -">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="初始密码" name="password" extra="留空则自动生成；至少 10 个字符，首次登录须修改">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label="角色" name="roles" extra="角色在本人所属单位">
          <Select mode="multiple" optionFilterProp="label" options={roleOptions} aria-label="角色" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
    </Modal>
  );
}

function RolesModal(props: { account: Account; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const own = props.account.roles.filter((r) => r.agencyId === props.account.agencyId).map((r) => r.role);
  const elsewhere = props.account.roles.filter((r) => r.agencyId !== props.account.agencyId);
  const submit = async (v: { roles?: string[] }) => {
    setError(null);
    try {
      // roles held in other agencies stay as they are
      await api('PUT', `/api/admin/accounts/${props.account.personId}/roles`, { roles: [...(v.roles ?? []).map((role) => ({ role })), ...elsewhere.map((r) => ({ role: r.role, agencyId: r.agencyId }))] });
      props.onSaved();
    } catch (e) {
      setError(placeErrors(form, e, ['roles']));
    }
  };
  return (
    <Modal open title={`设置 ${props.account.name} 的角色`} okText="保存" cancelText="取消" onOk={() => form.submit()} onCancel={props.onClose} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ roles: own }} aria-label="角色">
        <Form.Item label={`在${props.account.agencyName}的角色`} name="roles">
          <Select mode="multiple" optionFilterProp="label" options={roleOptions} aria-label="角色" />
        </Form.Item>
        {elsewhere.length > 0 && <p>在其他单位的角色不变：{elsewhere.map((r) => `${ROLES[r.role] ?? '其他角色'}（${r.agencyName}）`).join('、')}</p>}
      </Form>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
    </Modal>
  );
}

function ResetPasswordModal(props: { account: Account; onClose: () => void; onReset: (password?: string) => void }) {
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { password?: string }) => {
    setError(null);
    try {
      const reset = await api<{ password?: string }>('POST', `/api/admin/accounts/${props.account.personId}/password`, v.password ? { password: v.password } : {});
      props.onReset(reset.password);
    } catch (e) {
      setError(placeErrors(form, e, ['password']));
    }
  };
  return (
    <Modal open title={`重置 ${props.account.name} 的密码`} okText="重置" cancelText="取消" onOk={() => form.submit()} onCancel={props.onClose} destroyOnHidden>
      <p>重置后其登录会话立即结束，下次登录须修改密码；流程引擎（任务列表）的密码随之更新。</p>
      <Form form={form} layout="vertical" onFinish={submit} aria-label="新密码">
        <Form.Item label="新密码" name="password" extra="留空则自动生成；至少 10 个字符">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} role="alert" />}
    </Modal>
  );
}
