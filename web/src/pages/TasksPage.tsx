// 待办: the user's tasks, earliest due first; a task opens with its Camunda Form (form-js), prefilled
// from the case; claim / unclaim; completion with the form's and the API's validation errors.
import { Alert, App, Button, Card, Descriptions, Result, Space, Spin, Table, Tag } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, get, post } from '../api.ts';
import { dateTimeZh, STAGES, label } from '../format.ts';
import type { InboxTask } from '../types.ts';
import { useLoad } from '../useLoad.ts';
import type { CamundaFormHandle } from '../components/CamundaForm.tsx';
import { DueTag } from '../components/DueTag.tsx';

// form-js is large: loaded when a task opens
const CamundaForm = lazy(() => import('../components/CamundaForm.tsx').then((m) => ({ default: m.CamundaForm })));

export function TasksPage() {
  const { taskId } = useParams();
  return taskId ? <TaskView taskId={taskId} /> : <TaskList />;
}

function TaskList() {
  const inbox = useLoad(() => get<{ items: InboxTask[] }>('/api/tasks'), []);
  const navigate = useNavigate();
  return (
    <>
      <h1 className="page-title">我的待办</h1>
      {inbox.error && <Alert type="error" showIcon message={inbox.error} role="alert" />}
      <Table<InboxTask>
        rowKey="id"
        size="middle"
        loading={inbox.loading}
        dataSource={inbox.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无待办任务' }}
        onRow={(t) => ({ onDoubleClick: () => navigate(`/tasks/${t.id}`) })}
        columns={[
          { title: '任务', dataIndex: 'name', render: (n: string, t) => <Link to={`/tasks/${t.id}`}>{n}</Link> },
          { title: '案号', dataIndex: 'caseNumber', width: 200, render: (n: string, t) => <Link to={`/cases/${t.caseId}`}>{n}</Link> },
          { title: '单位', dataIndex: 'agencyName', ellipsis: true },
          { title: '阶段', dataIndex: 'stage', width: 120, render: (s: string) => label(STAGES, s) },
          { title: '办理角色', dataIndex: 'candidateGroups', width: 130, render: (g: InboxTask['candidateGroups']) => g.map((x) => x.label).join('、') },
          { title: '认领', dataIndex: 'assignee', width: 110, render: (a: string | null, t) => (t.mine ? <Tag color="green">我已认领</Tag> : a ? <Tag>他人已认领</Tag> : <span className="muted">未认领</span>) },
          { title: '期限', dataIndex: 'due', width: 210, render: (d: string | null) => <DueTag due={d} /> },
        ]}
      />
    </>
  );
}

interface TaskFormAnswer {
  task: InboxTask;
  form: { components?: unknown[] } | null;
  variables: Record<string, unknown>;
}

/** Rule errors a worker hands back with the task (e.g. AGENTS_INVALID → agentsError). */
const ruleErrorsOf = (variables: Record<string, unknown>) => Object.entries(variables).filter(([k, v]) => /Error$/.test(k) && typeof v === 'string' && v.trim()).map(([, v]) => v as string);

function TaskView({ taskId }: { taskId: string }) {
  const answer = useLoad(() => get<TaskFormAnswer>(`/api/tasks/${taskId}/form`), [taskId]);
  const formRef = useRef<CamundaFormHandle>(null);
  const errorsRef = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  // the refusal appears under a long form: bring it into view, or the clerk sees nothing happen
  useEffect(() => {
    if (errors.length) errorsRef.current?.scrollIntoView({ block: 'nearest' });
  }, [errors]);
  const data = answer.data;
  const prefill = useMemo(() => data?.variables ?? {}, [data]);

  if (answer.loading && !data) return <Spin />;
  if (answer.error || !data) return <Result status="404" title="任务不存在或已办结" subTitle={answer.error} extra={<Link to="/tasks">返回待办</Link>} />;
  const t = data.task;
  const claimedByOther = Boolean(t.assignee && !t.mine);

  async function act(path: 'claim' | 'unclaim') {
    setBusy(true);
    try {
      await post(`/api/tasks/${taskId}/${path}`);
      message.success(path === 'claim' ? '已认领' : '已退回，其他同事可以认领');
      answer.reload();
    } catch (e) {
      setErrors([(e as Error).message]);
    } finally {
      setBusy(false);
    }
  }

  async function complete() {
    setErrors([]);
    const values = data!.form ? formRef.current?.submit() : {};
    if (values === null || values === undefined) {
      setErrors(['表单中有未填或填写有误的项目，请按提示修改']);
      return;
    }
    setBusy(true);
    try {
      if (!t.mine) await post(`/api/tasks/${taskId}/claim`);
      await post(`/api/tasks/${taskId}/complete`, { variables: values });
      message.success(`“${t.name}”已办结`);
      navigate('/tasks');
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fields.length ? e.fields.map((f) => f.message) : [e.message]);
      else setErrors(['无法连接服务器，请稍后重试']);
    } finally {
      setBusy(false);
    }
  }

  const ruleErrors = ruleErrorsOf(data.variables);
  return (
    <>
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <h1 className="page-title">{t.name}</h1>
        <Link to="/tasks">返回待办</Link>
      </Space>
      <Descriptions size="small" bordered column={3} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="案号">
          <Link to={`/cases/${t.caseId}`}>{t.caseNumber}</Link>
        </Descriptions.Item>
        <Descriptions.Item label="单位">{t.agencyName}</Descriptions.Item>
        <Descriptions.Item label="期限">
          <DueTag due={t.due} />
        </Descriptions.Item>
        <Descriptions.Item label="办理角色">{t.candidateGroups.map((g) => g.label).join('、')}</Descriptions.Item>
        <Descriptions.Item label="认领">{t.mine ? '我已认领' : t.assignee ? '他人已认领' : '未认领'}</Descriptions.Item>
        <Descriptions.Item label="创建时间">{dateTimeZh(t.created)}</Descriptions.Item>
      </Descriptions>
      {ruleErrors.map((e) => (
        <Alert key={e} type="warning" showIcon message="上次提交未通过规则校验" description={e} style={{ marginBottom: 12 }} role="alert" />
      ))}
      <Card size="small">
        {data.form ? (
          <Suspense fallback={<Spin />}>
            <CamundaForm ref={formRef} schema={data.form} data={prefill} />
          </Suspense>
        ) : (
          <div className="muted">此任务没有表单，确认后即可办结。</div>
        )}
      </Card>
      {errors.length > 0 && (
        <div ref={errorsRef}>
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginTop: 12 }}
          message="未能办结"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          }
        />
        </div>
      )}
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" loading={busy} disabled={claimedByOther} onClick={() => void complete()}>
          提交办结
        </Button>
        {t.mine ? (
          <Button loading={busy} onClick={() => void act('unclaim')}>
            退回（取消认领）
          </Button>
        ) : (
          <Button loading={busy} disabled={claimedByOther} onClick={() => void act('claim')}>
            认领
          </Button>
        )}
      </Space>
    </>
  );
}
