// 考核评分: the score sheets of a region (justice bureau, admin) with total and rank, the quota status
// (指标完成情况), and one agency's sheet — each item with its deduction, the reason and the cases
// behind it — with the justice bureau's adjustment form. An agency's own staff see their own sheet,
// read-only. API: /api/assessment/… (docs/assessment.md).
import { Alert, Button, Card, Descriptions, Empty, Form, Input, InputNumber, Select, Space, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, get, post, query } from '../api.ts';
import { showFieldErrors } from '../components/fieldErrors.ts';
import { citation, dateTimeZh, dateZh, PROFILES, todayIso } from '../format.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../useLoad.ts';

interface QuotaRow {
  quotaId: string;
  name: string;
  status: 'met' | 'on-track' | 'at-risk' | 'missed' | 'not-applicable';
  statusLabel: string;
  kind: 'min-count' | 'min-rate';
  actual: number | null;
  target: number;
  explanation: string;
  requirement?: string;
  /** when the quota monitor warned the principal head and the legal-affairs body */
  warnedAt: string | null;
}

interface SheetSummary {
  agencyId: string;
  agencyName: string;
  profile: string;
  rank: number;
  total: number;
  computedTotal: number;
  maxTotal: number;
  deductions: { itemId: string; name: string; deduction: number }[];
  adjusted: number;
  quotas: QuotaRow[];
}

interface RegionSheets {
  region: { agencyId: string; label: string };
  year: number;
  canAdjust: boolean;
  sheets: SheetSummary[];
}

interface SheetItem {
  itemId: string;
  name: string;
  basis: 'per-unit' | 'quota' | 'manual' | 'review';
  maxPoints: number;
  deduction: number;
  computedScore: number;
  score: number;
  units: number;
  explanation: string;
  rule: string;
  sourceTexts: string[];
  adjustment: Adjustment | null;
  cases?: { total: number; items: { id: string; caseNumber: string; court: string; cause: string }[] };
}

interface Adjustment {
  id: string;
  itemId: string;
  score: number;
  computedScore: number;
  reason: string;
  adjustedBy: string;
  adjustedAt: string;
}

interface Sheet {
  agency: { id: string; name: string; profile: string };
  year: number;
  asOf: string;
  total: number;
  computedTotal: number;
  maxTotal: number;
  items: SheetItem[];
  quotas: QuotaRow[];
  canAdjust: boolean;
  adjustments: Adjustment[];
}

const STATUS_COLORS: Record<QuotaRow['status'], string> = { met: 'green', 'on-track': 'blue', 'at-risk': 'orange', missed: 'red', 'not-applicable': 'default' };
const points = (n: number) => `${Math.round(n * 100) / 100}分`;
const currentYear = Number(todayIso().slice(0, 4));
const YEARS = Array.from({ length: 5 }, (_, i) => currentYear - i);
/** the year choices, with the one shown when older */
const yearOptions = (shown: number) => [...new Set([...YEARS, shown])].sort((a, b) => b - a).map((y) => ({ value: y, label: `${y}年` }));
const quotaValue = (q: QuotaRow) => (q.actual === null ? '—' : q.kind === 'min-rate' ? `${Math.round(q.actual * 1000) / 10}%` : `${q.actual}次`);
const quotaTarget = (q: QuotaRow) => (q.kind === 'min-rate' ? `不低于${Math.round(q.target * 1000) / 10}%` : `至少${q.target}次`);

function QuotaTag({ q }: { q: QuotaRow }) {
  return (
    <>
      <Tag color={STATUS_COLORS[q.status]}>{q.statusLabel}</Tag>
      {q.warnedAt && <div style={{ fontSize: 12, color: '#888' }}>已于{dateZh(q.warnedAt)}预警</div>}
    </>
  );
}

/** The region's list (justice bureau, admin); an agency's staff go to their own sheet. */
export function AssessmentPage() {
  const session = useSession();
  const user = session.user!;
  const oversees = session.hasRole('justice-bureau', 'admin');
  const [search] = useSearchParams();
  const [year, setYear] = useState(/^\d{4}$/.test(search.get('year') ?? '') ? Number(search.get('year')) : currentYear);
  const [region, setRegion] = useState<string>(user.agencyId);
  const governments = useLoad(() => (session.hasRole('admin') ? get<{ id: string; name: string; kind: string }[]>('/api/agencies') : Promise.resolve([])), []);
  const sheets = useLoad(() => (oversees ? get<RegionSheets>(`/api/assessment/score-sheets${query({ region, year })}`) : Promise.resolve(null)), [region, year, oversees]);
  const navigate = useNavigate();
  if (!oversees) return <Navigate to={`/assessment/${user.agencyId}/${currentYear}`} replace />;

  const withQuotas = (sheets.data?.sheets ?? []).filter((s) => s.quotas.length > 0);
  return (
    <>
      <h1 className="page-title">考核评分</h1>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>考核年度</span>
        <Select aria-label="考核年度" value={year} onChange={setYear} style={{ width: 120 }} options={yearOptions(year)} />
        {session.hasRole('admin') && (
          <>
            <span>区域</span>
            <Select
              aria-label="区域"
              value={region}
              onChange={setRegion}
              style={{ width: 260 }}
              showSearch
              optionFilterProp="label"
              options={(governments.data ?? []).filter((a) => a.kind === 'government').map((a) => ({ value: a.id, label: `${a.name}及所属单位` }))}
            />
          </>
        )}
      </Space>
      {sheets.error && <Alert type="error" showIcon message={sheets.error} style={{ marginBottom: 12 }} />}
      <Card title={sheets.data ? `${sheets.data.region.label} ${year}年度考核评分` : '考核评分'} size="small" style={{ marginBottom: 16 }}>
        <Table<SheetSummary>
          rowKey="agencyId"
          size="small"
          loading={sheets.loading}
          dataSource={sheets.data?.sheets ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description="该区域暂无考核单位" /> }}
          onRow={(s) => ({ onDoubleClick: () => navigate(`/assessment/${s.agencyId}/${year}`) })}
          columns={[
            { title: '排名', dataIndex: 'rank', width: 64 },
            { title: '单位', dataIndex: 'agencyName', render: (name: string, s) => <Link to={`/assessment/${s.agencyId}/${year}`}>{name}</Link> },
            { title: '适用规定', dataIndex: 'profile', width: 100, render: (p: string) => PROFILES[p] ?? '其他' },
            {
              title: '得分',
              dataIndex: 'total',
              width: 120,
              render: (total: number, s) => (
                <span>
                  <strong>{points(total)}</strong> / {s.maxTotal}
                  {s.adjusted > 0 && <Tag style={{ marginLeft: 6 }}>已调整{s.adjusted}项</Tag>}
                </span>
              ),
            },
            {
              title: '扣分项目',
              dataIndex: 'deductions',
              render: (ds: SheetSummary['deductions']) => (ds.length ? ds.map((d) => <Tag key={d.itemId} color="volcano">{`${d.name} −${points(d.deduction)}`}</Tag>) : <span style={{ color: '#888' }}>无</span>),
            },
          ]}
        />
      </Card>
      <Card title="指标完成情况" size="small">
        {withQuotas.length === 0 ? (
          <Empty description="该区域各单位适用的规定未设出庭指标（如烟台市规定不得硬性设置出庭应诉率）" />
        ) : (
          <Table<QuotaRow & { agencyId: string; agencyName: string }>
            rowKey={(r) => `${r.agencyId}:${r.quotaId}`}
            size="small"
            pagination={false}
            dataSource={withQuotas.flatMap((s) => s.quotas.filter((q) => q.status !== 'not-applicable').map((q) => ({ ...q, agencyId: s.agencyId, agencyName: s.agencyName })))}
            locale={{ emptyText: '本年度各单位均无适用的指标' }}
            columns={[
              { title: '单位', dataIndex: 'agencyName', width: 220 },
              { title: '指标', dataIndex: 'name', width: 220 },
              { title: '要求', render: (_: unknown, q: QuotaRow) => quotaTarget(q), width: 110 },
              { title: '完成', render: (_: unknown, q: QuotaRow) => quotaValue(q), width: 80 },
              { title: '状态', render: (_: unknown, q: QuotaRow) => <QuotaTag q={q} />, width: 130 },
              { title: '说明', dataIndex: 'explanation' },
            ]}
          />
        )}
      </Card>
    </>
  );
}

/** One agency's sheet for a year, with the adjustment form for the justice bureau. */
export function AssessmentSheetPage() {
  const { agencyId = '', year = String(currentYear) } = useParams();
  const sheet = useLoad(() => get<Sheet>(`/api/assessment/score-sheets/${agencyId}/${year}`), [agencyId, year]);
  const navigate = useNavigate();
  const session = useSession();
  const [form] = Form.useForm<{ itemId: string; score: number; reason: string }>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const chosenId = Form.useWatch('itemId', form);
  const s = sheet.data;

  const submit = async (values: { itemId: string; score: number; reason: string }) => {
    setSaving(true);
    setFormError(null);
    try {
      await post(`/api/assessment/score-sheets/${agencyId}/${year}/adjustments`, values);
      message.success('已记录评分调整');
      form.resetFields();
      sheet.reload();
    } catch (error) {
      if (error instanceof ApiError) {
        const rest = showFieldErrors(form, error.fields, (path) => ['itemId', 'score', 'reason'].includes(String(path[0])));
        setFormError(rest.length || !error.fields.length ? error.message : null);
      } else setFormError('无法连接服务器，请稍后重试');
    } finally {
      setSaving(false);
    }
  };

  const chosen = s?.items.find((i) => i.itemId === chosenId);
  return (
    <>
      <h1 className="page-title">考核评分表</h1>
      <Space wrap style={{ marginBottom: 12 }}>
        {session.hasRole('justice-bureau', 'admin') && <Link to={`/assessment?year=${year}`}>返回区域考核评分</Link>}
        <span>考核年度</span>
        <Select aria-label="考核年度" value={Number(year)} onChange={(y) => navigate(`/assessment/${agencyId}/${y}`)} style={{ width: 120 }} options={yearOptions(Number(year))} />
      </Space>
      {sheet.error && <Alert type="error" showIcon message={sheet.error} />}
      {s && (
        <>
          <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="单位">{s.agency.name}</Descriptions.Item>
            <Descriptions.Item label="考核年度">{s.year}年</Descriptions.Item>
            <Descriptions.Item label="适用规定">{PROFILES[s.agency.profile] ?? '其他'}</Descriptions.Item>
            <Descriptions.Item label="得分">
              <strong style={{ fontSize: 18 }}>{points(s.total)}</strong> / {s.maxTotal}
            </Descriptions.Item>
            <Descriptions.Item label="系统计算得分">{points(s.computedTotal)}</Descriptions.Item>
            <Descriptions.Item label="数据截至">{citation(s.asOf)}</Descriptions.Item>
          </Descriptions>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message="各项分值为系统默认分值（各规定只列明考核内容、未规定分值），由司法局审核，可逐项调整并说明理由。" />
          <Card title="考核项目" size="small" style={{ marginBottom: 16 }}>
            <Table<SheetItem>
              rowKey="itemId"
              size="small"
              pagination={false}
              dataSource={s.items}
              expandable={{
                rowExpandable: (i) => Boolean(i.cases?.total),
                expandedRowRender: (i) => (
                  <div>
                    <div style={{ marginBottom: 6 }}>扣分所涉案件（共{i.cases!.total}件{i.cases!.total > i.cases!.items.length ? `，列出前${i.cases!.items.length}件` : ''}）：</div>
                    <ul style={{ margin: 0 }}>
                      {i.cases!.items.map((c) => (
                        <li key={c.id}>
                          <Link to={`/cases/${c.id}`}>{c.caseNumber}</Link> {c.court} {c.cause}
                        </li>
                      ))}
                    </ul>
                  </div>
                ),
              }}
              columns={[
                { title: '考核项目', dataIndex: 'name', width: 180 },
                { title: '满分', dataIndex: 'maxPoints', width: 64 },
                { title: '扣分', dataIndex: 'deduction', width: 64, render: (d: number) => (d ? <span style={{ color: '#cf1322' }}>−{d}</span> : '0') },
                {
                  title: '得分',
                  dataIndex: 'score',
                  width: 110,
                  render: (score: number, i) => (
                    <span>
                      <strong>{score}</strong>
                      {i.adjustment && <Tag color="purple" style={{ marginLeft: 6 }}>已调整</Tag>}
                    </span>
                  ),
                },
                {
                  title: '扣分说明',
                  render: (_: unknown, i) => (
                    <div>
                      <div>{i.explanation}</div>
                      {i.cases && i.cases.total > 0 && <div style={{ color: '#888' }}>涉及案件{i.cases.total}件，展开查看</div>}
                      {i.adjustment && (
                        <div style={{ color: '#722ed1' }}>
                          调整为{i.adjustment.score}分（{i.adjustment.adjustedBy}，{dateTimeZh(i.adjustment.adjustedAt)}）：{i.adjustment.reason}
                        </div>
                      )}
                    </div>
                  ),
                },
                { title: '评分标准及依据', width: 280, render: (_: unknown, i) => <span style={{ fontSize: 12 }}>{i.rule}（{i.sourceTexts.map(citation).join('；')}）</span> },
              ]}
            />
          </Card>
          <Card title="指标完成情况" size="small" style={{ marginBottom: 16 }}>
            {s.quotas.length === 0 ? (
              <Empty description="该单位适用的规定未设出庭指标" />
            ) : (
              <Table
                rowKey="quotaId"
                size="small"
                pagination={false}
                dataSource={s.quotas}
                columns={[
                  { title: '指标', dataIndex: 'name', width: 220 },
                  { title: '要求', dataIndex: 'requirement', width: 300 },
                  { title: '完成', render: (_: unknown, q: QuotaRow) => quotaValue(q), width: 80 },
                  { title: '状态', render: (_: unknown, q: QuotaRow) => <QuotaTag q={q} />, width: 130 },
                  { title: '说明', dataIndex: 'explanation' },
                ]}
              />
            )}
          </Card>
          {s.canAdjust && (
            <Card title="调整评分" size="small" style={{ marginBottom: 16 }}>
              {formError && <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} />}
              <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} style={{ maxWidth: 640 }} aria-label="调整评分">
                <Form.Item label="考核项目" name="itemId" rules={[{ required: true, message: '请选择考核项目' }]}>
                  <Select options={s.items.map((i) => ({ value: i.itemId, label: `${i.name}（满分${i.maxPoints}分，现${i.score}分）` }))} />
                </Form.Item>
                <Form.Item label={`调整后得分${chosen ? `（0—${chosen.maxPoints}分）` : ''}`} name="score" rules={[{ required: true, message: '请填写调整后得分' }]}>
                  <InputNumber min={0} max={chosen?.maxPoints} step={0.5} style={{ width: 160 }} />
                </Form.Item>
                <Form.Item label="调整理由" name="reason" rules={[{ required: true, message: '请填写调整理由' }, { min: 4, message: '调整理由至少4个字' }]}>
                  <Input.TextArea rows={3} maxLength={1000} showCount />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={saving}>
                  保存调整
                </Button>
              </Form>
            </Card>
          )}
          {s.adjustments.length > 0 && (
            <Card title="调整记录" size="small">
              <Table<Adjustment>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={s.adjustments}
                columns={[
                  { title: '时间', dataIndex: 'adjustedAt', width: 170, render: (t: string) => dateTimeZh(t) },
                  { title: '考核项目', dataIndex: 'itemId', width: 180, render: (id: string) => s.items.find((i) => i.itemId === id)?.name ?? '—' },
                  { title: '系统计算', dataIndex: 'computedScore', width: 90 },
                  { title: '调整为', dataIndex: 'score', width: 80 },
                  { title: '调整人', dataIndex: 'adjustedBy', width: 100 },
                  { title: '理由', dataIndex: 'reason' },
                ]}
              />
            </Card>
          )}
        </>
      )}
    </>
  );
}
