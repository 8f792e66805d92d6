// 流程建模: the analyst opens a deployed process, edits it in the browser (bpmn-js with the
// Operaton properties panel and the workers' element templates), sees the lint's findings and the
// difference to the deployed version while editing, deploys it as a new version, and migrates the
// running instances (plan, dry run, migration). docs/modeler.md.
import { Alert, Button, Empty, List, Modal, Popconfirm, Select, Space, Table, Tabs, Tag, Typography, message } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, get, post } from '../api.ts';
import { dateTimeZh } from '../format.ts';
import { useLoad } from '../useLoad.ts';
import type { ElementTemplate, ModelerHandle, SelectedElement } from '../modeler/BpmnModeler.tsx';
import type { FormEditorHandle } from '../modeler/FormEditor.tsx';

// the modeler (bpmn-js, the properties panel, the templates) is a chunk of its own: only analysts load it
const BpmnModeler = lazy(() => import('../modeler/BpmnModeler.tsx').then((m) => ({ default: m.BpmnModeler })));
// the form editor (form-js) too, loaded when the analyst first opens a form
const FormEditor = lazy(() => import('../modeler/FormEditor.tsx').then((m) => ({ default: m.FormEditor })));

type FormSchema = Record<string, unknown>;
/** A form edited in the page, not deployed yet: its schema and the task it was opened from. */
interface EditedForm {
  schema: FormSchema;
  taskName: string;
}

interface Version {
  id: string;
  version: number;
  deployedAt?: string;
  runningInstances: number;
}
interface CatalogueEntry {
  processKey: string;
  processName: string;
  latestDefinitionId: string;
  versions: Version[];
}
interface LintProblem {
  rule: string;
  severity: 'error' | 'warning';
  elementId?: string;
  elementName?: string;
  message: string;
}
interface DiagramDiff {
  added: { id: string; name: string; type: string }[];
  removed: { id: string; name: string; type: string }[];
  changed: { id: string; name: string; type: string; changes: { what: string; before: string; after: string }[] }[];
}
interface FormDiff {
  formId: string;
  taskName: string;
  changes: { what: string; before: string; after: string }[];
}
interface Check {
  processKey: string;
  lint: { errors: number; warnings: number; problems: LintProblem[] };
  diff: DiagramDiff | null;
  deployedVersion: number | null;
  formDiffs: FormDiff[];
}
interface PlanView {
  source: { id: string; version: number };
  target: { id: string; version: number };
  steps: { source: string; target: string; sourceIds: string[] }[];
  unmapped: { id: string; name: string; type: string }[];
  planFailures: string[];
}
interface DryRun extends PlanView {
  instances: { id: string; caseNumber?: string; at: string[]; canMigrate: boolean; reasons: string[] }[];
  migratable: number;
  blocked: number;
}

const errorText = (e: unknown) => (e instanceof ApiError ? [e.message, ...e.fields.map((f) => f.message)].filter((x, i, all) => all.indexOf(x) === i).join('\n') : '无法连接服务器，请稍后重试');

export function ModelerPage() {
  const [params, setParams] = useSearchParams();
  const processKey = params.get('process') ?? '';
  const catalogue = useLoad(() => get<CatalogueEntry[]>('/api/modeler/processes'), []);
  const templates = useLoad(() => get<ElementTemplate[]>('/api/modeler/templates'), []);
  const [opened, setOpened] = useState<{ key: string; xml: string; version: number; definitionId?: string } | null>(null);
  const [selected, setSelected] = useState<SelectedElement | null>(null);
  // the forms edited since the diagram was opened, by form id; sent with every check and the deployment
  const [forms, setForms] = useState<Record<string, EditedForm>>({});
  const formsRef = useRef(forms);
  formsRef.current = forms;
  const [formEditing, setFormEditing] = useState<{ formId: string; taskName: string; schema: FormSchema; binding?: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [formLoading, setFormLoading] = useState(false);
  const formEditor = useRef<FormEditorHandle>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [check, setCheck] = useState<Check | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [templateFor, setTemplateFor] = useState<string | null>(null);
  const [deploying, setDeploying] = useState(false);
  const [deployError, setDeployError] = useState<string | null>(null);
  const modeler = useRef<ModelerHandle>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const sequence = useRef(0);

  useEffect(() => {
    if (!processKey) return;
    let live = true;
    setLoadError(null);
    setCheck(null);
    setForms({});
    setSelected(null);
    get<{ xml: string; version: number; definitionId: string }>(`/api/modeler/processes/${encodeURIComponent(processKey)}/xml`).then(
      (d) => live && setOpened({ key: processKey, xml: d.xml, version: d.version, definitionId: d.definitionId }),
      (e: unknown) => live && setLoadError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [processKey]);

  // the live check: the lint and the diff, a moment after the last edit
  const runCheck = useCallback(async () => {
    if (!modeler.current) return;
    const mine = ++sequence.current;
    setChecking(true);
    try {
      const xml = await modeler.current.xml();
      const result = await post<Check>('/api/modeler/check', { xml, forms: Object.values(formsRef.current).map((f) => f.schema) });
      if (mine !== sequence.current) return;
      setCheck(result);
      setCheckError(null);
      modeler.current?.mark(result.lint.problems);
    } catch (e) {
      if (mine === sequence.current) setCheckError(errorText(e));
    } finally {
      if (mine === sequence.current) setChecking(false);
    }
  }, []);
  const onChange = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    setChecking(true);
    timer.current = setTimeout(() => void runCheck(), 500);
  }, [runCheck]);

  const entry = catalogue.data?.find((c) => c.processKey === processKey);
  const serviceTemplates = useMemo(() => (templates.data ?? []).filter((t) => t.appliesTo.includes('bpmn:ServiceTask')), [templates.data]);

  async function deploy() {
    if (!modeler.current) return;
    setDeploying(true);
    setDeployError(null);
    try {
      const xml = await modeler.current.xml();
      const edited = Object.values(forms);
      const outcome = await post<{ version: number; definitionId: string; runningOnEarlierVersions: number; formsChanged: string[] }>('/api/modeler/deployments', { xml, forms: edited.map((f) => f.schema) });
      const formText = outcome.formsChanged.length ? `，修改的 ${outcome.formsChanged.length} 个表单随同部署（${edited.map((f) => `「${f.taskName}」的表单`).join('、')}）` : '';
      void message.success(`已部署为第${outcome.version}版${formText}；${outcome.runningOnEarlierVersions} 个运行中的实例仍在原版本上、使用原版本的表单，可在「版本与迁移」中迁移`);
      catalogue.reload();
      // the page shows what the engine now has: the deployed version, with the tasks' new bindings
      const deployed = await get<{ xml: string; version: number; definitionId: string }>(`/api/modeler/processes/${encodeURIComponent(processKey)}/xml`);
      setForms({});
      setOpened({ key: processKey, xml: deployed.xml, version: deployed.version, definitionId: deployed.definitionId });
    } catch (e) {
      setDeployError(errorText(e));
    } finally {
      setDeploying(false);
    }
  }

  async function openForm() {
    if (!selected?.formId) return;
    const formId = selected.formId;
    const taskName = selected.name || '未命名任务';
    const binding = selected.formBinding;
    setFormError(null);
    const edited = forms[formId];
    if (edited) return setFormEditing({ formId, taskName, schema: edited.schema, binding });
    setFormLoading(true);
    try {
      const query = opened?.definitionId ? `?processDefinitionId=${encodeURIComponent(opened.definitionId)}` : '';
      const { schema } = await get<{ schema: FormSchema }>(`/api/modeler/forms/${encodeURIComponent(formId)}${query}`);
      setFormEditing({ formId, taskName, schema, binding });
    } catch (e) {
      setFormError(e instanceof ApiError && e.status === 404 ? `「${taskName}」关联的表单尚未部署，无法在此编辑` : errorText(e));
    } finally {
      setFormLoading(false);
    }
  }

  function keepForm() {
    if (!formEditing || !formEditor.current) return;
    const schema = formEditor.current.schema();
    setForms((all) => ({ ...all, [formEditing.formId]: { schema, taskName: formEditing.taskName } }));
    formsRef.current = { ...formsRef.current, [formEditing.formId]: { schema, taskName: formEditing.taskName } };
    setFormEditing(null);
    onChange();
  }

  /** saves a file the analyst commits to processes/ or forms/ to keep a change */
  function download(text: string, type: string, name: string) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    URL.revokeObjectURL(url);
  }

  async function downloadXml() {
    if (!modeler.current) return;
    download(await modeler.current.xml(), 'application/xml', `${processKey}.bpmn`);
  }

  function downloadForm() {
    if (!formEditing || !formEditor.current) return;
    download(`${JSON.stringify(formEditor.current.schema(), null, 2)}\n`, 'application/json', `${formEditing.formId}.form`);
  }

  const errors = check?.lint.errors ?? 0;
  const editedForms = Object.values(forms);
  // nothing to deploy when the diagram equals the deployed version and no form was edited
  const unchanged = !editedForms.length && Boolean(check?.diff && !check.diff.added.length && !check.diff.removed.length && !check.diff.changed.length);
  return (
    <div>
      <Typography.Title level={3}>流程建模</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>流程</span>
        <Select
          aria-label="选择流程"
          style={{ width: 280 }}
          placeholder="选择要编辑的流程"
          loading={catalogue.loading}
          value={processKey || undefined}
          onChange={(key: string) => setParams({ process: key })}
          options={(catalogue.data ?? []).map((c) => ({ value: c.processKey, label: c.processName }))}
          showSearch={{ optionFilterProp: 'label' }}
        />
        {opened && <Tag color="blue">基于已部署的第{opened.version}版</Tag>}
        {opened && (checking ? <Tag>正在检查…</Tag> : check && (errors ? <Tag color="red">{`${errors} 个错误`}</Tag> : <Tag color="green">检查通过</Tag>))}
        {opened && (
          <Popconfirm title="部署为新版本？" description="运行中的实例仍在原版本上，需要时再迁移。" okText="部署" cancelText="取消" onConfirm={() => void deploy()} disabled={!check || errors > 0 || checking || unchanged}>
            <Button type="primary" loading={deploying} disabled={!check || errors > 0 || checking || unchanged}>
              部署为新版本
            </Button>
          </Popconfirm>
        )}
        {opened && <Button onClick={() => void downloadXml()}>下载流程图文件</Button>}
        {opened && selected?.type === 'bpmn:UserTask' && (
          <Button onClick={() => void openForm()} loading={formLoading} disabled={!selected.formId} title={selected.formId ? undefined : '该用户任务尚未关联表单'}>
            编辑表单
          </Button>
        )}
        {editedForms.length > 0 && <Tag color="orange">{`已修改的表单：${editedForms.map((f) => `「${f.taskName}」`).join('、')}（随部署生效）`}</Tag>}
      </Space>
      {formError && <Alert type="error" showIcon message={formError} closable onClose={() => setFormError(null)} style={{ marginBottom: 12 }} />}
      {(catalogue.error || templates.error || loadError) && <Alert type="error" showIcon message={catalogue.error ?? templates.error ?? loadError} style={{ marginBottom: 12 }} />}
      {deployError && <Alert type="error" showIcon message="未部署" description={<span style={{ whiteSpace: 'pre-line' }}>{deployError}</span>} closable onClose={() => setDeployError(null)} style={{ marginBottom: 12 }} />}
      {!processKey && <Empty description="请选择一个已部署的流程开始编辑" />}
      {opened && templates.data && (
        <Suspense fallback={<div className="modeler">正在加载建模工具…</div>}>
        <BpmnModeler
          key={`${opened.key}:${opened.version}`}
          ref={modeler}
          xml={opened.xml}
          templates={templates.data}
          onChange={onChange}
          onSelectTemplate={(id) => setTemplateFor(id)}
          onSelect={setSelected}
          onError={(m) => setLoadError(m)}
        />
        </Suspense>
      )}
      {opened && (
        <Tabs
          style={{ marginTop: 12 }}
          items={[
            {
              key: 'lint',
              label: `检查结果${check ? `（${check.lint.errors} 个错误，${check.lint.warnings} 个警告）` : ''}`,
              children: (
                <div aria-label="检查结果">
                  {checkError && <Alert type="error" showIcon message={checkError} />}
                  {check && !check.lint.problems.length && <Alert type="success" showIcon message="没有发现问题，可以部署" />}
                  {check && check.lint.problems.length > 0 && (
                    <List
                      size="small"
                      dataSource={check.lint.problems}
                      renderItem={(p) => (
                        <List.Item className="lint-problem" actions={p.elementId ? [<a key="show" onClick={() => modeler.current?.select(p.elementId!)}>定位</a>] : []}>
                          <Space>
                            <Tag color={p.severity === 'error' ? 'red' : 'orange'}>{p.severity === 'error' ? '错误' : '警告'}</Tag>
                            {p.elementName && <strong>{p.elementName}</strong>}
                            <span>{p.message}</span>
                          </Space>
                        </List.Item>
                      )}
                    />
                  )}
                </div>
              ),
            },
            { key: 'diff', label: check?.deployedVersion ? `与第${check.deployedVersion}版的差异` : '与已部署版本的差异', children: <DiffView diff={check?.diff ?? null} formDiffs={check?.formDiffs ?? []} /> },
            { key: 'migrate', label: '版本与迁移', children: entry ? <MigrationPanel entry={entry} onDone={() => catalogue.reload()} /> : null },
          ]}
        />
      )}
      <Modal
        open={formEditing !== null}
        title={formEditing ? `编辑表单：「${formEditing.taskName}」` : ''}
        width="90vw"
        style={{ top: 24 }}
        destroyOnHidden
        onCancel={() => setFormEditing(null)}
        footer={[
          <Button key="download" onClick={downloadForm}>
            下载表单文件
          </Button>,
          <Button key="cancel" onClick={() => setFormEditing(null)}>
            取消
          </Button>,
          <Button key="keep" type="primary" onClick={keepForm}>
            保存修改
          </Button>,
        ]}
      >
        <Typography.Paragraph type="secondary">
          {'修改在「部署为新版本」时随流程图一起部署，新版本的该任务使用修改后的表单。'}
          {formEditing?.binding === 'deployment'
            ? '在原版本上运行的实例仍使用原版本的表单。'
            : '注意：当前版本的该任务使用“最新部署的表单”，在当前及更早版本上运行的实例也将看到修改后的表单。'}
          {'每个字段须有中文标签，字段键不能重复。'}
        </Typography.Paragraph>
        {formEditing && (
          <Suspense fallback={<div className="form-editor">正在加载表单编辑器…</div>}>
            <FormEditor ref={formEditor} schema={formEditing.schema} onChange={() => undefined} onError={setFormError} />
          </Suspense>
        )}
      </Modal>
      <Modal open={templateFor !== null} title="选择工作者模板" footer={null} onCancel={() => setTemplateFor(null)} width={640}>
        <List
          dataSource={serviceTemplates}
          renderItem={(t) => (
            <List.Item
              actions={[
                <Button
                  key="apply"
                  aria-label={`应用模板${t.name}`}
                  onClick={() => {
                    modeler.current?.applyTemplate(templateFor!, t);
                    setTemplateFor(null);
                  }}
                >
                  应用
                </Button>,
              ]}
            >
              <List.Item.Meta title={t.name} description={<Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>{t.description}</Typography.Paragraph>} />
            </List.Item>
          )}
        />
      </Modal>
    </div>
  );
}

/** one change in words: 「字段标签由「a」改为「b」」, 「新增字段「x」」 */
const changeText = (c: { what: string; before: string; after: string }) =>
  !c.before && c.after ? `${c.what}「${c.after}」` : c.before && !c.after ? `${c.what}「${c.before}」` : !c.before && !c.after ? c.what : `${c.what}由「${c.before}」改为「${c.after}」`;

function DiffView({ diff, formDiffs }: { diff: DiagramDiff | null; formDiffs: FormDiff[] }) {
  if (!diff) return <Empty description="该流程尚未部署，或正在检查" />;
  const forms = formDiffs.filter((f) => f.changes.length);
  if (!diff.added.length && !diff.removed.length && !diff.changed.length && !forms.length) return <Alert type="info" showIcon message="与已部署版本相同" />;
  return (
    <div aria-label="差异">
      {forms.length > 0 && (
        <>
          <Typography.Title level={5}>表单</Typography.Title>
          <ul>{forms.map((f) => <li key={f.formId}>{`「${f.taskName}」的表单：${f.changes.map(changeText).join('；')}`}</li>)}</ul>
        </>
      )}
      {diff.added.length > 0 && (
        <>
          <Typography.Title level={5}>新增</Typography.Title>
          <ul>{diff.added.map((e) => <li key={e.id}>{`${e.type}「${e.name || '未命名'}」`}</li>)}</ul>
        </>
      )}
      {diff.removed.length > 0 && (
        <>
          <Typography.Title level={5}>删除</Typography.Title>
          <ul>{diff.removed.map((e) => <li key={e.id}>{`${e.type}「${e.name || '未命名'}」`}</li>)}</ul>
        </>
      )}
      {diff.changed.length > 0 && (
        <>
          <Typography.Title level={5}>修改</Typography.Title>
          <ul>
            {diff.changed.map((e) => (
              <li key={e.id}>
                {`${e.type}「${e.name || '未命名'}」：`}
                {e.changes.map((c) => `${c.what}由「${c.before || '（空）'}」改为「${c.after || '（空）'}」`).join('；')}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function MigrationPanel({ entry, onDone }: { entry: CatalogueEntry; onDone: () => void }) {
  const latest = entry.versions[0]!;
  const withInstances = entry.versions.filter((v) => v.id !== latest.id && v.runningInstances > 0);
  const [source, setSource] = useState<string | undefined>(withInstances[0]?.id);
  const [target, setTarget] = useState<string>(latest.id);
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [dryRun, setDryRun] = useState<DryRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setSource((s) => s ?? withInstances[0]?.id);
    setTarget(latest.id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [latest.id]);
  const body = { sourceDefinitionId: source, targetDefinitionId: target };
  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await what();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const label = (v: Version) => `第${v.version}版${v.deployedAt ? `（${dateTimeZh(v.deployedAt)}部署）` : ''}，运行中 ${v.runningInstances} 个`;
  return (
    <div aria-label="版本与迁移">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={entry.versions}
        columns={[
          { title: '版本', dataIndex: 'version', render: (v: number) => `第${v}版` },
          { title: '部署时间', dataIndex: 'deployedAt', render: (d?: string) => (d ? dateTimeZh(d) : '—') },
          { title: '运行中的实例', dataIndex: 'runningInstances' },
        ]}
        style={{ marginBottom: 12 }}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <span>从</span>
        <Select aria-label="源版本" style={{ width: 300 }} value={source} placeholder="选择有运行中实例的版本" onChange={(v: string) => { setSource(v); setPlan(null); setDryRun(null); }} options={entry.versions.filter((v) => v.id !== target).map((v) => ({ value: v.id, label: label(v) }))} />
        <span>迁移到</span>
        <Select aria-label="目标版本" style={{ width: 300 }} value={target} onChange={(v: string) => { setTarget(v); setPlan(null); setDryRun(null); }} options={entry.versions.map((v) => ({ value: v.id, label: label(v) }))} />
        <Button disabled={!source} loading={busy} onClick={() => void run(async () => { setPlan(await post<PlanView>('/api/modeler/migrations/plan', body)); setDryRun(null); })}>
          生成迁移计划
        </Button>
        <Button disabled={!source} loading={busy} onClick={() => void run(async () => setDryRun(await post<DryRun>('/api/modeler/migrations/dry-run', body)))}>
          试运行（不迁移）
        </Button>
        <Popconfirm
          title="执行迁移？"
          description="试运行中可以迁移的实例将转到目标版本，此操作记入审计日志。"
          okText="迁移"
          cancelText="取消"
          disabled={!dryRun || dryRun.migratable === 0}
          onConfirm={() =>
            void run(async () => {
              const outcome = await post<{ migrated: string[]; left: unknown[]; target: { version: number } }>('/api/modeler/migrations', body);
              void message.success(`已迁移 ${outcome.migrated.length} 个实例到第${outcome.target.version}版${outcome.left.length ? `，${outcome.left.length} 个不能迁移，留在原版本` : ''}`);
              setDryRun(null);
              setPlan(null);
              onDone();
            })
          }
        >
          <Button type="primary" danger disabled={!dryRun || dryRun.migratable === 0} loading={busy}>
            执行迁移
          </Button>
        </Popconfirm>
      </Space>
      {!withInstances.length && <Alert type="info" showIcon message="较早的版本上没有运行中的实例，无需迁移" style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon message={<span style={{ whiteSpace: 'pre-line' }}>{error}</span>} style={{ marginBottom: 12 }} />}
      {(plan ?? dryRun) && <PlanTable plan={(dryRun ?? plan)!} />}
      {dryRun && (
        <>
          <Typography.Title level={5}>{`试运行：${dryRun.migratable} 个可以迁移，${dryRun.blocked} 个不能迁移`}</Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={dryRun.instances}
            columns={[
              { title: '案件', dataIndex: 'caseNumber', render: (n?: string) => n ?? '（非台账案件）' },
              { title: '当前步骤', dataIndex: 'at', render: (at: string[]) => at.join('、') || '—' },
              { title: '能否迁移', dataIndex: 'canMigrate', render: (ok: boolean) => (ok ? <Tag color="green">可以迁移</Tag> : <Tag color="red">不能迁移</Tag>) },
              { title: '原因', dataIndex: 'reasons', render: (r: string[]) => r.join('；') || '—' },
            ]}
          />
        </>
      )}
    </div>
  );
}

function PlanTable({ plan }: { plan: PlanView }) {
  return (
    <div style={{ marginBottom: 12 }}>
      <Typography.Title level={5}>{`迁移计划：第${plan.source.version}版 → 第${plan.target.version}版（流程引擎按元素编号对应）`}</Typography.Title>
      {plan.planFailures.length > 0 && <Alert type="error" showIcon message="流程引擎不接受该计划" description={plan.planFailures.join('；')} />}
      <Table
        size="small"
        rowKey={(s) => s.sourceIds.join(',')}
        pagination={{ pageSize: 8, hideOnSinglePage: true }}
        dataSource={plan.steps}
        columns={[
          { title: '原版本步骤', dataIndex: 'source' },
          { title: '新版本步骤', dataIndex: 'target' },
        ]}
      />
      {plan.unmapped.length > 0 && <Alert type="warning" showIcon message={`新版本中没有对应的步骤：${plan.unmapped.map((u) => `${u.type}「${u.name}」`).join('、')}；停在这些步骤的实例不能迁移`} />}
    </div>
  );
}
