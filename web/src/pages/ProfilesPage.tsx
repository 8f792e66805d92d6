// 规则配置: the rule profiles (规则配置) of each jurisdiction and their versions (规则版本). An analyst or an
// admin starts a new version from the current one (「新建版本」: the rules as an editable table, the
// thresholds' parameters, the start date and the document), saves it as a draft (the server checks it and
// names the field), previews the deadlines of sample cases (「预览」), reviews the deadlines it would add,
// remove or change on the open cases (「影响评估」), and activates it with a reason (「启用」) or
// discards it (「放弃」). API: /api/profiles/… (docs/profiles.md).
import { Alert, App, Button, Card, Collapse, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError, get, post, type FieldError } from '../api.ts';
import { dateTimeZh, dateZh, PROFILES } from '../format.ts';
import { useLoad } from '../useLoad.ts';

interface Citation {
  document: string;
  article: string;
  file?: string;
  note?: string;
}
interface Period {
  unit: string;
  amount: number;
  rollOffRestDay?: boolean;
  monthDay?: string;
}
interface Rule {
  id: string;
  kind: 'deadline' | 'threshold';
  name: string;
  description: string;
  source: Citation;
  catalog?: string;
  period?: Period;
  triggers?: string[];
  stages?: string[];
  parameters?: Record<string, number | string | boolean | null>;
  [other: string]: unknown;
}
interface Version {
  validFrom: string;
  validTo: string | null;
  document: string;
  file?: string;
  rules: Rule[];
}
type Status = 'base' | 'draft' | 'activated' | 'discarded';
interface VersionSummary {
  id: string;
  profileId: string;
  status: Status;
  validFrom: string;
  validTo: string | null;
  document: string;
  ruleCount: number;
  author: string | null;
  authorName: string | null;
  note: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
  createdAt: string | null;
  activatedAt: string | null;
}
interface VersionDetail extends VersionSummary {
  version: Version;
}
interface ProfileEntry {
  id: string;
  name: string;
  parent: string | null;
  versions: VersionSummary[];
}
interface ImpactRow {
  caseId: string;
  caseNumber: string;
  agencyName: string;
  rule: string;
  ruleName: string;
  triggerKey: string;
  change: 'added' | 'changed' | 'removed';
  oldDue: string | null;
  newDue: string | null;
  causedByVersion: boolean;
}
interface Impact {
  casesExamined: number;
  added: number;
  changed: number;
  removed: number;
  changes: ImpactRow[];
}
interface PreviewSample {
  complaintReceivedOn: string;
  deadlines: { step: string; rule: string; name: string; due: string | null; currentDue: string | null }[];
}

const STATUS: Record<Status, { label: string; color?: string }> = {
  base: { label: '基础版本' },
  activated: { label: '已启用', color: 'green' },
  draft: { label: '草稿', color: 'blue' },
  discarded: { label: '已放弃', color: 'default' },
};
const UNITS: Record<string, string> = {
  'calendar-days': '日',
  'working-days': '个工作日',
  months: '个月',
  'working-days-before': '个工作日前',
  'calendar-days-before': '日前',
  'fixed-date-next-year': '次年固定日期',
};
const TRIGGERS: Record<string, string> = {
  complaintReceivedOn: '收到起诉状副本',
  filedOn: '法院立案',
  answerDueOn: '答辩期限届满',
  plannedSubmissionOn: '计划提交答辩材料',
  answerSubmittedOn: '提交答辩状',
  evidenceObstacleEndedOn: '举证障碍消除',
  obstacleEndedOn: '耽误期限的障碍消除',
  hearingAt: '开庭',
  judgmentServedOn: '收到裁判文书',
  effectiveOn: '裁判文书生效',
  appealCopyReceivedOn: '收到上诉状副本',
  appealFiledOn: '二审立案',
  retrialPetitionReceivedOn: '收到再审申请书副本',
  retrialFiledOn: '再审申请立案',
  recommendationReceivedOn: '收到司法建议书',
  decisionOn: '作出问责决定',
  reportYearEnd: '报告年度',
  reportPeriodEnd: '报告期末',
};
const PARAMETERS: Record<string, string> = {
  minAgentsWithHead: '负责人出庭时最少委托代理人数',
  minAgentsWithoutHead: '负责人不出庭时最少委托代理人数',
  maxAgents: '最多委托代理人数',
  minStaffAgents: '最少工作人员代理人数',
  lawyersOnlyAllowed: '可以仅委托律师',
  targetRate: '目标比例',
  hardSetRateAllowed: '可以硬性规定比例',
  minPerYear: '每年至少次数',
  maxPerYear: '每年至多次数',
  handlingUnitStaff: '承办单位人员数',
  legalBodyStaffOrLawyer: '法制机构人员或律师数',
  plaintiffsMoreThan: '原告人数超过',
  claimAmountMoreThan: '诉讼标的额超过（元）',
  minAppearances: '每年至少出庭次数',
  busyAgencyCases: '案件较多的标准（件）',
  busyAgencyMinAppearances: '案件较多时至少出庭次数',
  busyAgencyMinRate: '案件较多时最低出庭比例',
  casesMoreThan: '案件数超过',
  lossRateMoreThan: '败诉率超过',
};
const CHANGE: Record<ImpactRow['change'], { label: string; color: string }> = {
  added: { label: '新增', color: 'green' },
  changed: { label: '变更', color: 'orange' },
  removed: { label: '取消', color: 'red' },
};
const profileName = (p: { id: string; name: string }) => PROFILES[p.id] ?? p.name;

/** The field errors of one path prefix ("version.rules.2.") keyed by the rest of the path. */
type Errors = Record<string, string>;
const fieldProps = (errors: Errors, path: string) => (errors[path] ? { validateStatus: 'error' as const, help: errors[path] } : {});

export function ProfilesPage() {
  const { message } = App.useApp();
  const list = useLoad(() => get<ProfileEntry[]>('/api/profiles/versions'), []);
  const [editing, setEditing] = useState<{ profile: ProfileEntry; version: Version; note: string } | null>(null);
  const [templates, setTemplates] = useState<{ profile: string; rule: Rule }[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const [open, setOpen] = useState<{ profile: ProfileEntry; detail: VersionDetail } | null>(null);

  const current = (p: ProfileEntry) => [...p.versions].filter((v) => v.status === 'base' || v.status === 'activated').sort((a, b) => a.validFrom.localeCompare(b.validFrom)).at(-1);

  async function startNew(profile: ProfileEntry) {
    const latest = current(profile);
    const detail = latest ? await get<VersionDetail>(`/api/profiles/${profile.id}/versions/${latest.id}`) : null;
    // the rules of every profile's current version: templates for 「添加规则」
    const others = await Promise.all((list.data ?? []).map(async (p) => {
      const v = current(p);
      return v ? (await get<VersionDetail>(`/api/profiles/${p.id}/versions/${v.id}`)).version.rules.map((rule) => ({ profile: p.id, rule })) : [];
    }));
    setTemplates(others.flat());
    const base = detail?.version ?? { validFrom: '', validTo: null, document: '', rules: [] };
    setEditing({ profile, version: { ...structuredClone(base), validFrom: '', validTo: null }, note: '' });
    setErrors({});
    setOpen(null);
  }

  async function openVersion(profile: ProfileEntry, v: VersionSummary) {
    setOpen({ profile, detail: await get<VersionDetail>(`/api/profiles/${profile.id}/versions/${v.id}`) });
    setEditing(null);
  }

  async function save() {
    if (!editing) return;
    setSaving(true);
    try {
      const draft = await post<VersionDetail>(`/api/profiles/${editing.profile.id}/versions`, { version: editing.version, ...(editing.note ? { note: editing.note } : {}) });
      message.success('草稿已保存，请预览并评估影响');
      setEditing(null);
      list.reload();
      setOpen({ profile: editing.profile, detail: draft });
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        setErrors(Object.fromEntries(e.fields.map((f: FieldError) => [f.field, f.message])));
        message.error('草稿未保存：请按标红处修改');
      } else message.error(e instanceof ApiError ? e.message : '保存失败');
    } finally {
      setSaving(false);
    }
  }

  return (
    <div>
      <Typography.Title level={3}>规则配置</Typography.Title>
      <Typography.Paragraph type="secondary">
        各地的期限、标准和指标规则，按生效日期分版本。新规定施行时，新建版本、预览样例期限、评估对在办案件的影响，再启用；启用后在办案件的期限随之重算并记入案件事件。
      </Typography.Paragraph>
      {list.error && <Alert type="error" showIcon message={list.error} />}
      <Collapse
        defaultActiveKey={['liaocheng']}
        items={(list.data ?? []).map((p) => ({
          key: p.id,
          label: <strong>{profileName(p)}</strong>,
          extra: (
            <Button size="small" onClick={(e) => { e.stopPropagation(); void startNew(p); }} aria-label={`${profileName(p)}新建版本`}>
              新建版本
            </Button>
          ),
          children: (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={p.versions}
              aria-label={`${profileName(p)}的版本`}
              columns={[
                { title: '状态', dataIndex: 'status', render: (s: Status) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag> },
                { title: '生效日期', dataIndex: 'validFrom', render: dateZh },
                { title: '失效日期', dataIndex: 'validTo', render: (d: string | null) => (d ? dateZh(d) : '长期有效') },
                { title: '依据文件', dataIndex: 'document' },
                { title: '规则数', dataIndex: 'ruleCount' },
                { title: '起草人', dataIndex: 'authorName', render: (a: string | null) => a ?? '随系统发布' },
                { title: '决定理由', dataIndex: 'decisionReason', render: (r: string | null) => r ?? '—' },
                { title: '', key: 'open', render: (_: unknown, v: VersionSummary) => <Button size="small" onClick={() => void openVersion(p, v)}>{v.status === 'draft' ? '打开草稿' : '查看'}</Button> },
              ]}
            />
          ),
        }))}
      />
      {editing && (
        <VersionEditor
          editing={editing}
          templates={templates}
          errors={errors}
          saving={saving}
          onChange={(version, note) => setEditing({ ...editing, version, note })}
          onSave={() => void save()}
          onCancel={() => setEditing(null)}
        />
      )}
      {open && (
        <VersionView
          key={`${open.detail.id}-${open.detail.status}`}
          profile={open.profile}
          detail={open.detail}
          onDecided={(detail) => {
            list.reload();
            setOpen(detail ? { profile: open.profile, detail } : null);
          }}
        />
      )}
    </div>
  );
}

/** The rules of a version as a table; editable when `onRules` is given. */
function RulesTable({ rules, onRules, errors = {} }: { rules: Rule[]; onRules?: (rules: Rule[]) => void; errors?: Errors }) {
  const edit = (i: number, change: (r: Rule) => Rule) => onRules?.(rules.map((r, k) => (k === i ? change(structuredClone(r)) : r)));
  const at = (i: number, rest: string) => fieldProps(errors, `version.rules.${i}.${rest}`);
  const readOnly = !onRules;
  return (
    <Table
      size="small"
      rowKey={(r) => r.id}
      pagination={false}
      dataSource={rules}
      aria-label="规则"
      scroll={{ x: 1100 }}
      // what the rule requires (the explanation of every deadline starts with it): under the row
      expandable={{
        expandedRowRender: (r: Rule) => {
          const i = rules.indexOf(r);
          return (
            <Form.Item style={{ margin: 0 }} label="规则说明" {...at(i, 'description')}>
              <Input.TextArea autoSize aria-label={`规则说明：${r.name}`} value={r.description} disabled={readOnly} onChange={(e) => edit(i, (x) => ({ ...x, description: e.target.value }))} />
            </Form.Item>
          );
        },
      }}
      columns={[
        {
          title: '规则名称',
          width: 200,
          render: (_: unknown, r: Rule, i: number) => (
            <Form.Item style={{ margin: 0 }} {...at(i, 'name')}>
              <Input aria-label={`规则名称：${r.name}`} value={r.name} disabled={readOnly} onChange={(e) => edit(i, (x) => ({ ...x, name: e.target.value }))} />
            </Form.Item>
          ),
        },
        {
          title: '期限或参数',
          width: 330,
          render: (_: unknown, r: Rule, i: number) =>
            r.kind === 'deadline' && r.period ? (
              r.period.unit === 'fixed-date-next-year' ? (
                <span>{`次年${Number(r.period.monthDay?.slice(0, 2))}月${Number(r.period.monthDay?.slice(3))}日前`}</span>
              ) : (
                <Space.Compact>
                  <Form.Item style={{ margin: 0 }} {...at(i, 'period.amount')}>
                    <InputNumber aria-label={`期限：${r.name}`} min={0} max={3650} value={r.period.amount} disabled={readOnly} onChange={(v) => edit(i, (x) => ({ ...x, period: { ...x.period!, amount: typeof v === 'number' ? v : 0 } }))} />
                  </Form.Item>
                  <Select
                    aria-label={`期限单位：${r.name}`}
                    style={{ width: 130 }}
                    value={r.period.unit}
                    disabled={readOnly}
                    options={Object.entries(UNITS).filter(([u]) => u !== 'fixed-date-next-year').map(([value, label]) => ({ value, label }))}
                    onChange={(unit) => edit(i, (x) => ({ ...x, period: { ...x.period!, unit } }))}
                  />
                </Space.Compact>
              )
            ) : (
              <Space direction="vertical" size={2}>
                {Object.entries(r.parameters ?? {}).map(([key, value]) => (
                  <Form.Item key={key} style={{ margin: 0 }} label={PARAMETERS[key] ?? '参数'} {...at(i, `parameters.${key}`)}>
                    {typeof value === 'boolean' ? (
                      <Switch checked={value} disabled={readOnly} checkedChildren="是" unCheckedChildren="否" onChange={(v) => edit(i, (x) => ({ ...x, parameters: { ...x.parameters, [key]: v } }))} />
                    ) : (
                      <InputNumber
                        aria-label={`${PARAMETERS[key] ?? '参数'}：${r.name}`}
                        value={typeof value === 'number' ? value : null}
                        disabled={readOnly}
                        onChange={(v) => edit(i, (x) => ({ ...x, parameters: { ...x.parameters, [key]: typeof v === 'number' ? v : null } }))}
                      />
                    )}
                  </Form.Item>
                ))}
              </Space>
            ),
        },
        {
          title: '起算事件',
          width: 260,
          render: (_: unknown, r: Rule, i: number) =>
            r.kind === 'deadline' ? (
              <Form.Item style={{ margin: 0 }} {...at(i, 'triggers')} {...at(i, 'triggers.0')}>
                <Select
                  mode="multiple"
                  aria-label={`起算事件：${r.name}`}
                  style={{ width: '100%' }}
                  value={r.triggers}
                  disabled={readOnly}
                  options={Object.entries(TRIGGERS).map(([value, label]) => ({ value, label }))}
                  onChange={(triggers) => edit(i, (x) => ({ ...x, triggers }))}
                />
              </Form.Item>
            ) : (
              '—'
            ),
        },
        {
          title: '依据条款',
          width: 160,
          render: (_: unknown, r: Rule, i: number) => (
            <Form.Item style={{ margin: 0 }} {...at(i, 'source.article')}>
              <Input aria-label={`依据条款：${r.name}`} value={r.source.article} disabled={readOnly} onChange={(e) => edit(i, (x) => ({ ...x, source: { ...x.source, article: e.target.value } }))} />
            </Form.Item>
          ),
        },
        {
          title: '依据文件',
          width: 240,
          render: (_: unknown, r: Rule, i: number) => (
            <Form.Item style={{ margin: 0 }} {...at(i, 'source.document')}>
              <Input.TextArea autoSize aria-label={`依据文件：${r.name}`} value={r.source.document} disabled={readOnly} onChange={(e) => edit(i, (x) => ({ ...x, source: { ...x.source, document: e.target.value } }))} />
            </Form.Item>
          ),
        },
        ...(readOnly ? [] : [{ title: '', key: 'remove', width: 70, render: (_: unknown, r: Rule, i: number) => <Button size="small" danger aria-label={`删除规则：${r.name}`} onClick={() => onRules!(rules.filter((_x, k) => k !== i))}>删除</Button> }]),
      ]}
    />
  );
}

function VersionEditor(props: {
  editing: { profile: ProfileEntry; version: Version; note: string };
  templates: { profile: string; rule: Rule }[];
  errors: Errors;
  saving: boolean;
  onChange: (version: Version, note: string) => void;
  onSave: () => void;
  onCancel: () => void;
}) {
  const { editing, errors } = props;
  const v = editing.version;
  const set = (change: Partial<Version>) => props.onChange({ ...v, ...change }, editing.note);
  const known = new Set(v.rules.map((r) => r.id));
  const addable = props.templates.filter((t) => !known.has(t.rule.id) && t.rule.kind === 'deadline');
  // errors of fields the table shows in place stay there; the others (a collapsed description, a stage) are listed above it
  const shown = /^version\.(validFrom|validTo|document|rules\.\d+\.(name|period\.amount|triggers(\.\d+)?|source\.(article|document)|parameters\..+))$/;
  const general = Object.entries(errors)
    .filter(([f]) => !shown.test(f))
    .map(([f, m]): [string, string] => {
      const rule = /^version\.rules\.(\d+)/.exec(f);
      return [f, rule ? `第${Number(rule[1]) + 1}条规则（${v.rules[Number(rule[1])]?.name ?? ''}）：${m}` : m];
    });
  return (
    <Card title={`新建版本：${profileName(editing.profile)}`} style={{ marginTop: 16 }} aria-label="新建版本">
      <Form layout="vertical">
        <Space wrap align="start" size="large">
          <Form.Item label="生效日期" required {...fieldProps(errors, 'version.validFrom')}>
            <DatePicker aria-label="生效日期" format="YYYY年M月D日" value={v.validFrom ? dayjs(v.validFrom) : null} onChange={(d) => set({ validFrom: d ? d.format('YYYY-MM-DD') : '' })} />
          </Form.Item>
          <Form.Item label="失效日期（可不填）" {...fieldProps(errors, 'version.validTo')}>
            <DatePicker aria-label="失效日期" format="YYYY年M月D日" value={v.validTo ? dayjs(v.validTo) : null} onChange={(d) => set({ validTo: d ? d.format('YYYY-MM-DD') : null })} />
          </Form.Item>
          <Form.Item label="依据文件名称" required style={{ minWidth: 420 }} {...fieldProps(errors, 'version.document')}>
            <Input aria-label="依据文件名称" value={v.document} onChange={(e) => set({ document: e.target.value })} />
          </Form.Item>
          <Form.Item label="说明" style={{ minWidth: 300 }}>
            <Input aria-label="说明" value={editing.note} onChange={(e) => props.onChange(v, e.target.value)} />
          </Form.Item>
        </Space>
      </Form>
      {general.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={general.map(([, m]) => m).join('；')} />}
      <RulesTable rules={v.rules} errors={errors} onRules={(rules) => set({ rules })} />
      <Space style={{ marginTop: 12 }} wrap>
        <Select
          aria-label="添加规则"
          showSearch
          optionFilterProp="label"
          placeholder="添加规则（从其他地区的规则复制）"
          style={{ width: 360 }}
          value={null}
          options={addable.map((t, k) => ({ value: k, label: `${t.rule.name}（${PROFILES[t.profile] ?? '其他地区'}）` }))}
          onChange={(k: number) => {
            const t = addable[k]!;
            set({ rules: [...v.rules, { ...structuredClone(t.rule), source: { document: v.document || t.rule.source.document, article: '' } }] });
          }}
        />
        <Button type="primary" loading={props.saving} onClick={props.onSave}>保存草稿</Button>
        <Button onClick={props.onCancel}>取消</Button>
      </Space>
    </Card>
  );
}

/** A version: its rules; for a draft the preview, the impact review and the decision. */
function VersionView({ profile, detail, onDecided }: { profile: ProfileEntry; detail: VersionDetail; onDecided: (detail: VersionDetail | null) => void }) {
  const { message } = App.useApp();
  const [preview, setPreview] = useState<PreviewSample[] | null>(null);
  const [impact, setImpact] = useState<Impact | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<'activate' | 'discard' | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const base = `/api/profiles/${profile.id}/versions/${detail.id}`;
  const isDraft = detail.status === 'draft';

  async function run<T>(what: string, load: () => Promise<T>, done: (t: T) => void) {
    setBusy(what);
    try {
      done(await load());
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '请求失败');
    } finally {
      setBusy(null);
    }
  }

  async function decide() {
    if (!deciding) return;
    if (reason.trim().length < 4) {
      setReasonError('请填写理由（至少4个字）');
      return;
    }
    setBusy(deciding);
    try {
      if (deciding === 'activate') {
        const out = await post<{ result: { casesExamined: number; added: number; changed: number; removed: number } }>(`${base}/activate`, { reason });
        message.success(`已启用：核对在办案件${out.result.casesExamined}件，新增期限${out.result.added}项、变更${out.result.changed}项、取消${out.result.removed}项`);
      } else {
        await post(`${base}/discard`, { reason });
        message.success('草稿已放弃');
      }
      setDeciding(null);
      onDecided(await get<VersionDetail>(base));
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) setReasonError(e.fields[0]!.message);
      else message.error(e instanceof ApiError ? e.message : '请求失败');
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card title={`${profileName(profile)}：${dateZh(detail.validFrom)}起施行的版本`} style={{ marginTop: 16 }} aria-label="规则版本" extra={<Tag color={STATUS[detail.status].color}>{STATUS[detail.status].label}</Tag>}>
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label="依据文件">{detail.document}</Descriptions.Item>
        <Descriptions.Item label="有效期">{detail.validTo ? `${dateZh(detail.validFrom)}至${dateZh(detail.validTo)}` : `${dateZh(detail.validFrom)}起，长期有效`}</Descriptions.Item>
        <Descriptions.Item label="起草人">{detail.authorName ?? '随系统发布'}</Descriptions.Item>
        <Descriptions.Item label="起草时间">{detail.createdAt ? dateTimeZh(detail.createdAt) : '—'}</Descriptions.Item>
        {detail.decisionReason && <Descriptions.Item label="决定理由">{detail.decisionReason}</Descriptions.Item>}
        {detail.activatedAt && <Descriptions.Item label="启用时间">{dateTimeZh(detail.activatedAt)}</Descriptions.Item>}
      </Descriptions>
      <RulesTable rules={detail.version.rules} />
      {isDraft && (
        <Space style={{ marginTop: 12 }} wrap>
          <Button loading={busy === 'preview'} onClick={() => void run('preview', () => get<{ samples: PreviewSample[] }>(`${base}/preview`), (r) => setPreview(r.samples))}>预览</Button>
          <Button loading={busy === 'impact'} onClick={() => void run('impact', () => get<Impact>(`${base}/impact`), setImpact)}>影响评估</Button>
          <Button type="primary" onClick={() => { setReason(''); setReasonError(null); setDeciding('activate'); }}>启用</Button>
          <Button danger onClick={() => { setReason(''); setReasonError(null); setDeciding('discard'); }}>放弃</Button>
        </Space>
      )}
      {preview && (
        <div aria-label="样例期限" style={{ marginTop: 16 }}>
          <Typography.Title level={5}>预览：样例案件的期限（一审，不写入任何数据）</Typography.Title>
          {preview.map((s) => (
            <Table
              key={s.complaintReceivedOn}
              size="small"
              style={{ marginBottom: 12 }}
              rowKey={(r) => `${r.step}|${r.rule}`}
              pagination={false}
              title={() => `收到起诉状副本：${dateZh(s.complaintReceivedOn)}`}
              dataSource={s.deadlines}
              columns={[
                { title: '阶段', dataIndex: 'step' },
                { title: '期限', dataIndex: 'name' },
                { title: '现行规则', dataIndex: 'currentDue', render: (d: string | null) => (d ? dateZh(d) : '无') },
                { title: '本版本', dataIndex: 'due', render: (d: string | null, r) => <span style={d !== r.currentDue ? { color: '#b71c1c', fontWeight: 600 } : undefined}>{d ? dateZh(d) : '无'}</span> },
              ]}
            />
          ))}
        </div>
      )}
      {impact && (
        <div aria-label="影响评估" style={{ marginTop: 16 }}>
          <Typography.Title level={5}>影响评估：启用后在办案件的期限变化</Typography.Title>
          <Typography.Paragraph>{`核对在办案件${impact.casesExamined}件：新增期限${impact.added}项，变更${impact.changed}项，取消${impact.removed}项。`}</Typography.Paragraph>
          {impact.changes.length ? (
            <Table
              size="small"
              rowKey={(r) => `${r.caseId}|${r.rule}|${r.triggerKey}`}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={impact.changes}
              columns={[
                { title: '案号', dataIndex: 'caseNumber' },
                { title: '应诉机关', dataIndex: 'agencyName' },
                { title: '期限', dataIndex: 'ruleName' },
                { title: '变化', dataIndex: 'change', render: (c: ImpactRow['change']) => <Tag color={CHANGE[c].color}>{CHANGE[c].label}</Tag> },
                { title: '原期限', dataIndex: 'oldDue', render: (d: string | null) => (d ? dateZh(d) : '无') },
                { title: '新期限', dataIndex: 'newDue', render: (d: string | null) => (d ? dateZh(d) : '无') },
                { title: '说明', dataIndex: 'causedByVersion', render: (own: boolean) => (own ? '因本版本' : '现行规则下也会更新') },
              ]}
            />
          ) : (
            <Empty description="在办案件的期限没有变化" />
          )}
        </div>
      )}
      <Modal
        open={deciding !== null}
        title={deciding === 'activate' ? '启用本版本' : '放弃本草稿'}
        okText={deciding === 'activate' ? '确认启用' : '确认放弃'}
        cancelText="取消"
        okButtonProps={{ danger: deciding === 'discard' }}
        confirmLoading={busy === deciding}
        onOk={() => void decide()}
        onCancel={() => setDeciding(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {deciding === 'activate' ? '启用后，在办案件的期限按本版本重算，每项变化记入案件事件；此操作记入审计日志，不能撤回（新规定请另立版本）。' : '放弃后本草稿不能再启用。'}
        </Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label="理由" required {...(reasonError ? { validateStatus: 'error' as const, help: reasonError } : {})}>
            <Input.TextArea aria-label="理由" rows={3} value={reason} onChange={(e) => { setReason(e.target.value); setReasonError(null); }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
