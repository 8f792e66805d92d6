// 统计分析: the figures of the statistics catalogue for an agency, a justice bureau's region or (admin)
// every agency — cards with value, 同比 and the written definition (口径), trend lines, the ranking of
// agencies, the breakdowns by cause and by court — every number opening the cases behind it, every
// table exportable as .xlsx. Scope and period live in the address (?scope=…&period=2026Q3).
// Loaded lazily (App.tsx), so ECharts is not part of the main bundle.
import { Alert, Button, Card, Col, Drawer, Empty, Row, Segmented, Select, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { download, get, query } from '../api.ts';
import { EChart, type ChartOption } from '../components/EChart.tsx';
import { dateZh, label, STAGES, STATUS } from '../format.ts';
import type { LedgerRow } from '../types.ts';
import { useLoad } from '../useLoad.ts';
import './statistics.css';

// ── the API's answers ─────────────────────────────────────────────────────────────────────────────
type Kind = 'count' | 'rate' | 'breakdown';
interface ScopeOption {
  scope: string;
  kind: 'agency' | 'region' | 'all';
  label: string;
}
interface Scopes {
  default: { scope: string; period: string };
  options: ScopeOption[];
}
interface CatalogueEntry {
  id: string;
  name: string;
  definition: string;
  kind: Kind;
  unit: string;
}
interface PeriodView {
  label: string;
  name: string;
  from: string;
  to: string;
}
interface ScopeView {
  kind: 'agency' | 'region' | 'all';
  agencyId: string;
  label: string;
  agencyIds: string[];
}
interface FigureReport {
  id: string;
  name: string;
  kind: Kind;
  value: number | null;
  numerator: number;
  denominator: number | null;
  breakdown?: { key: string; count: number }[];
  previousYear: { value: number | null; numerator: number; denominator: number | null };
  change: { difference: number | null; ratio: number | null };
}
interface Report {
  scope: ScopeView;
  period: PeriodView;
  previousPeriod: PeriodView;
  figures: FigureReport[];
}
interface Trend {
  unit: 'quarter' | 'year';
  periods: PeriodView[];
  figures: { id: string; name: string; kind: Kind; values: { period: string; value: number | null; numerator: number; denominator: number | null }[] }[];
}
interface RankingRow {
  rank: number | null;
  agencyId: string;
  agencyName: string;
  value: number | null;
  numerator: number;
  denominator: number | null;
}
interface Ranking {
  order: 'asc' | 'desc';
  figure: { id: string; name: string; kind: Kind };
  rows: RankingRow[];
}
interface CasesPage {
  total: number;
  figure: { id: string; name: string; kind: Kind; unit: string };
  items: LedgerRow[];
}

// ── formatting ────────────────────────────────────────────────────────────────────────────────────
/** 85.7% */
export const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
const valueText = (kind: Kind, v: number | null) => (v === null ? '—' : kind === 'rate' ? percent(v) : String(v));
const signed = (n: number, text: string) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${text}`;

/** What one unit of a figure is called (the API's units). */
const UNITS: Record<string, string> = { case: '件', instance: '个审级', hearing: '庭次', performance: '项', recommendation: '件', answer: '件' };
/** Figures where a rise is bad (red) or good (green); the rest are neutral (grey). */
const RISE_IS_BAD = new Set(['loss-rate', 'enterprise-loss-rate', 'answers-late', 'cases-pending']);
const RISE_IS_GOOD = new Set(['head-appearance-rate-instance', 'head-appearance-rate-case', 'head-appearance-rate-hearing', 'principal-head-appearances', 'principal-head-appearance-rate', 'performance-on-time', 'recommendations-replied-on-time', 'settlement-rate']);

function changeOf(f: FigureReport): { text: string; color: string } {
  const d = f.change.difference;
  if (d === null) return { text: '同比：无可比数据', color: 'rgba(0,0,0,.45)' };
  const rise = d > 0 ? 1 : d < 0 ? -1 : 0;
  const color = rise === 0 ? 'rgba(0,0,0,.55)' : RISE_IS_BAD.has(f.id) ? (rise > 0 ? '#cf1322' : '#389e0d') : RISE_IS_GOOD.has(f.id) ? (rise > 0 ? '#389e0d' : '#cf1322') : 'rgba(0,0,0,.55)';
  // signed after rounding: a change that rounds to nothing reads ±0.0, not −0.0
  const tenths = (x: number) => Math.round(x * 1000) / 10;
  if (f.kind === 'rate') return { text: `同比 ${signed(tenths(d), `${Math.abs(tenths(d)).toFixed(1)}个百分点`)}`, color };
  if (f.change.ratio !== null) return { text: `同比 ${signed(tenths(f.change.ratio), `${Math.abs(tenths(f.change.ratio)).toFixed(1)}%`)}`, color };
  return { text: `同比 ${signed(d, String(Math.abs(d)))}（上年同期为0）`, color };
}

const QUARTERS = ['第一季度', '第二季度', '第三季度', '第四季度'];
const periodNameOf = (p: string) => {
  const m = /^(\d{4})(?:Q([1-4]))?$/.exec(p);
  return m ? `${m[1]}年${m[2] ? QUARTERS[Number(m[2]) - 1] : ''}` : p;
};
const thisYear = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const thisQuarter = () => Math.floor(new Date(Date.now() + 8 * 3600_000).getUTCMonth() / 3) + 1;

// the figures of the two trend charts
const COUNT_TREND = ['cases-new', 'cases-closed', 'cases-pending'];
const RATE_TREND = ['head-appearance-rate-case', 'loss-rate', 'withdrawal-rate', 'settlement-rate'];
const COLORS = ['#b71c1c', '#1677ff', '#52c41a', '#fa8c16', '#722ed1', '#13c2c2'];

/** What the drill-down drawer shows: one number of one scope and period. */
interface Drill {
  scope: string;
  scopeLabel: string;
  period: string;
  figureId: string;
  figureName: string;
  key?: string;
}

// ── the page ──────────────────────────────────────────────────────────────────────────────────────
export function StatisticsPage() {
  const [params, setParams] = useSearchParams();
  const scopes = useLoad(() => get<Scopes>('/api/statistics/scopes'), []);
  const catalogue = useLoad(() => get<CatalogueEntry[]>('/api/statistics/figures'), []);
  const scope = params.get('scope') ?? scopes.data?.default.scope;
  const period = params.get('period') ?? scopes.data?.default.period;
  const [drill, setDrill] = useState<Drill | null>(null);

  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    if (scope && !next.has('scope')) next.set('scope', scope);
    if (period && !next.has('period')) next.set('period', period);
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    setParams(next);
  };

  const report = useLoad(async () => (scope && period ? get<Report>(`/api/statistics${query({ scope, period })}`) : undefined), [scope, period]);
  const definitions = useMemo(() => new Map((catalogue.data ?? []).map((f) => [f.id, f])), [catalogue.data]);

  if (scopes.error) return <Alert type="error" showIcon message={scopes.error} />;
  if (!scopes.data || !scope || !period) return <Spin tip="正在加载…"><div style={{ height: 200 }} /></Spin>;

  const year = Number(period.slice(0, 4));
  const quarter = period.length > 4 ? Number(period.slice(5)) : 0;
  const years = Array.from({ length: thisYear() - 2015 + 1 }, (_, i) => thisYear() - i);
  const scopeLabel = report.data?.scope.label ?? scopes.data.options.find((o) => o.scope === scope)?.label ?? '';
  const open = (figureId: string, extra: Partial<Drill> = {}) =>
    setDrill({ scope, scopeLabel, period, figureId, figureName: definitions.get(figureId)?.name ?? '', ...extra });

  return (
    <div className="statistics">
      <h1 className="page-title">统计分析</h1>
      <Space wrap size="middle" style={{ marginBottom: 16 }}>
        <span>
          <label htmlFor="stat-scope">统计范围</label>
          <Select
            id="stat-scope"
            aria-label="统计范围"
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 320, marginLeft: 8 }}
            value={scope}
            // a scope from the address that the user may not pick is named, not shown as its raw value
            options={[...scopes.data.options.map((o) => ({ value: o.scope, label: o.label })), ...(scopes.data.options.some((o) => o.scope === scope) ? [] : [{ value: scope, label: '无权查看或不存在的范围' }])]}
            onChange={(v: string) => set({ scope: v })}
          />
        </span>
        <span>
          <label htmlFor="stat-year">统计期间</label>
          <Select id="stat-year" aria-label="年度" style={{ width: 110, marginLeft: 8 }} value={year} options={years.map((y) => ({ value: y, label: `${y}年` }))} onChange={(y: number) => set({ period: quarter ? `${y}Q${quarter}` : String(y) })} />
          <Select
            aria-label="季度"
            style={{ width: 120, marginLeft: 8 }}
            value={quarter}
            options={[{ value: 0, label: '全年' }, ...QUARTERS.map((q, i) => ({ value: i + 1, label: q }))]}
            onChange={(q: number) => set({ period: q ? `${year}Q${q}` : String(year) })}
          />
        </span>
        <Button onClick={() => void download(`/api/statistics/export.xlsx${query({ scope, period })}`, '统计指标.xlsx')}>导出指标表</Button>
      </Space>
      {report.error && <Alert type="error" showIcon message={report.error} style={{ marginBottom: 16 }} />}
      {report.loading && !report.data ? (
        <Spin tip="正在统计…">
          <div style={{ height: 240 }} />
        </Spin>
      ) : report.data ? (
        // the previous scope's or period's numbers stay, dimmed, until the new ones are in
        <Spin spinning={report.loading} tip="正在统计…">
          <Typography.Paragraph className="muted">
            {report.data.scope.label} · {report.data.period.name}（{dateZh(report.data.period.from)}至{dateZh(report.data.period.to)}），同比对照{report.data.previousPeriod.name}。点击任一数字可查看其背后的案件。
          </Typography.Paragraph>
          <FigureCards report={report.data} definitions={definitions} onOpen={open} />
          <TrendSection scope={scope} period={period} onOpen={(figureId, p) => open(figureId, { period: p })} />
          {report.data.scope.agencyIds.length > 1 && <RankingSection scope={scope} period={period} periodName={report.data.period.name} onOpen={(figureId, agencyId, agencyName) => open(figureId, { scope: `agency:${agencyId}`, scopeLabel: agencyName })} />}
          <Row gutter={16}>
            {['cases-by-cause', 'cases-by-court'].map((id) => (
              <Col xs={24} xl={12} key={id}>
                <BreakdownTable figure={report.data!.figures.find((f) => f.id === id)!} scope={scope} period={period} onOpen={(key) => open(id, { key })} />
              </Col>
            ))}
          </Row>
        </Spin>
      ) : null}
      <DrillDrawer drill={drill} onClose={() => setDrill(null)} />
    </div>
  );
}

// ── figure cards ──────────────────────────────────────────────────────────────────────────────────
function FigureCards(props: { report: Report; definitions: Map<string, CatalogueEntry>; onOpen: (figureId: string) => void }) {
  const figures = props.report.figures.filter((f) => f.kind !== 'breakdown');
  return (
    <section aria-label="统计指标" style={{ marginBottom: 24 }}>
      <Row gutter={[12, 12]}>
        {figures.map((f) => {
          const def = props.definitions.get(f.id);
          const unit = UNITS[def?.unit ?? 'case'] ?? '件';
          const change = changeOf(f);
          const shown = valueText(f.kind, f.value);
          return (
            <Col xs={24} sm={12} lg={8} xl={6} key={f.id}>
              <Card size="small" className="stat-card" data-figure={f.id}>
                <div className="stat-card-head">
                  <span className="stat-card-name">{f.name}</span>
                  <Tooltip title={def?.definition ?? ''} placement="topLeft">
                    <Button type="link" size="small" className="stat-definition" aria-label={`${f.name}的口径`}>
                      口径
                    </Button>
                  </Tooltip>
                </div>
                <Button type="link" className="stat-value" aria-label={`${f.name}：${shown}，查看案件`} onClick={() => props.onOpen(f.id)}>
                  {shown}
                  {f.kind === 'count' && <span className="stat-unit">{unit}</span>}
                </Button>
                <div className="stat-sub">
                  {f.kind === 'rate' ? (
                    <span>
                      {f.numerator} / {f.denominator ?? 0} {unit}
                    </span>
                  ) : (
                    <span>上年同期 {valueText(f.kind, f.previousYear.value)}</span>
                  )}
                  <span style={{ color: change.color }}>{change.text}</span>
                </div>
              </Card>
            </Col>
          );
        })}
      </Row>
    </section>
  );
}

// ── trend ─────────────────────────────────────────────────────────────────────────────────────────
function trendRange(period: string, unit: 'quarter' | 'year') {
  const year = Number(period.slice(0, 4));
  if (unit === 'year') return { to: String(year), last: 5 };
  // a year chosen: up to its last quarter, never past the current one
  const quarter = period.length > 4 ? Number(period.slice(5)) : year < thisYear() ? 4 : thisQuarter();
  return { to: `${year}Q${quarter}`, last: 8 };
}

function TrendSection(props: { scope: string; period: string; onOpen: (figureId: string, period: string) => void }) {
  const [unit, setUnit] = useState<'quarter' | 'year'>('quarter');
  const range = trendRange(props.period, unit);
  const trend = useLoad(() => get<Trend>(`/api/statistics/trend${query({ scope: props.scope, ...range, unit })}`), [props.scope, range.to, range.last, unit]);
  const t = trend.data;
  const chart = (ids: string[], rate: boolean): ChartOption | null => {
    if (!t) return null;
    const series = ids.map((id) => t.figures.find((f) => f.id === id)!).filter(Boolean);
    return {
      color: COLORS,
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? (rate ? percent(v) : `${v}`) : '—') },
      legend: { top: 0 },
      grid: { left: 56, right: 24, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: t.periods.map((p) => p.name), axisLabel: { interval: 0, fontSize: 11, formatter: (s: string) => s.replace('年第', '年\n第') } },
      yAxis: { type: 'value', minInterval: rate ? undefined : 1, axisLabel: { formatter: (v: number) => (rate ? `${Math.round(v * 100)}%` : `${v}`) }, ...(rate ? { max: 1 } : {}) },
      series: series.map((f) => ({ name: f.name, type: 'line', smooth: false, symbolSize: 8, connectNulls: false, data: f.values.map((v) => v.value) })),
    };
  };
  const counts = useMemo(() => chart(COUNT_TREND, false), [t]);
  const rates = useMemo(() => chart(RATE_TREND, true), [t]);
  const click = (ids: string[]) => (e: { seriesIndex: number; dataIndex: number }) => {
    const id = ids[e.seriesIndex];
    const p = t?.periods[e.dataIndex];
    if (id && p) props.onOpen(id, p.label);
  };
  return (
    <Card
      title="趋势"
      size="small"
      style={{ marginBottom: 24 }}
      extra={
        <Space>
          <Segmented aria-label="趋势单位" options={[{ label: '按季度', value: 'quarter' }, { label: '按年度', value: 'year' }]} value={unit} onChange={(v) => setUnit(v as 'quarter' | 'year')} />
          <Button size="small" onClick={() => void download(`/api/statistics/trend.xlsx${query({ scope: props.scope, ...range, unit })}`, '统计指标趋势.xlsx')}>
            导出趋势表
          </Button>
        </Space>
      }
    >
      {trend.error && <Alert type="error" showIcon message={trend.error} />}
      {!t ? (
        <Spin tip="正在统计…">
          <div style={{ height: 280 }} />
        </Spin>
      ) : (
        <Spin spinning={trend.loading}>
        <Row gutter={16}>
          <Col xs={24} xl={12}>
            <Typography.Text strong>案件数量（件）</Typography.Text>
            <EChart option={counts!} height={280} ariaLabel="案件数量趋势图：新收、审结、未结案件数" onClick={click(COUNT_TREND)} />
          </Col>
          <Col xs={24} xl={12}>
            <Typography.Text strong>出庭应诉与结案方式（比率）</Typography.Text>
            <EChart option={rates!} height={280} ariaLabel="比率趋势图：负责人出庭应诉率、败诉率、撤诉率、和解调解结案率" onClick={click(RATE_TREND)} />
          </Col>
        </Row>
        </Spin>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        点击图中的点可查看该期间的案件。
      </Typography.Text>
    </Card>
  );
}

// ── ranking ───────────────────────────────────────────────────────────────────────────────────────
const RANKABLE = ['cases-new', 'cases-closed', 'cases-pending', 'head-appearance-rate-case', 'head-appearance-rate-instance', 'head-appearance-rate-hearing', 'principal-head-appearances', 'principal-head-appearance-rate', 'loss-rate', 'withdrawal-rate', 'settlement-rate', 'enterprise-cases', 'enterprise-loss-rate', 'performance-on-time', 'recommendations-replied-on-time', 'answers-late'];

function RankingSection(props: { scope: string; period: string; periodName: string; onOpen: (figureId: string, agencyId: string, agencyName: string) => void }) {
  const [figure, setFigure] = useState('cases-new');
  const catalogue = useLoad(() => get<CatalogueEntry[]>('/api/statistics/figures'), []);
  const ranking = useLoad(() => get<Ranking>(`/api/statistics/ranking${query({ scope: props.scope, period: props.period, figure })}`), [props.scope, props.period, figure]);
  const r = ranking.data;
  const rate = r?.figure.kind === 'rate';
  const top = useMemo(() => (r ? r.rows.filter((x) => x.value !== null).slice(0, 12) : []), [r]);
  const option = useMemo<ChartOption | null>(
    () =>
      r
        ? {
            color: ['#b71c1c'],
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? (rate ? percent(v) : `${v}`) : '—') },
            grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
            xAxis: { type: 'value', minInterval: rate ? undefined : 1, axisLabel: { formatter: (v: number) => (rate ? `${Math.round(v * 100)}%` : `${v}`) } },
            yAxis: { type: 'category', inverse: true, data: top.map((x) => x.agencyName), axisLabel: { width: 190, overflow: 'truncate' } },
            series: [{ name: r.figure.name, type: 'bar', barMaxWidth: 18, data: top.map((x) => x.value), label: { show: true, position: 'right', formatter: (p: { value: number }) => (rate ? percent(p.value) : `${p.value}`) } }],
          }
        : null,
    [r, top, rate],
  );
  const columns: TableProps<RankingRow>['columns'] = [
    { title: '排名', dataIndex: 'rank', width: 64, render: (v: number | null) => v ?? '—' },
    { title: '单位', dataIndex: 'agencyName', ellipsis: true },
    {
      title: r?.figure.name ?? '数值',
      dataIndex: 'value',
      width: 130,
      render: (v: number | null, row) =>
        v === null ? (
          <Tooltip title="本期没有可计算的分母">—</Tooltip>
        ) : (
          <Button type="link" size="small" className="stat-link" aria-label={`${row.agencyName}${r!.figure.name}：${valueText(r!.figure.kind, v)}，查看案件`} onClick={() => props.onOpen(r!.figure.id, row.agencyId, row.agencyName)}>
            {valueText(r!.figure.kind, v)}
          </Button>
        ),
    },
    ...(rate ? [{ title: '分子 / 分母', key: 'fraction', width: 110, render: (_: unknown, row: RankingRow) => `${row.numerator} / ${row.denominator ?? 0}` }] : []),
  ];
  const names = new Map((catalogue.data ?? []).map((f) => [f.id, f.name]));
  return (
    <Card
      title={`单位排名（${props.periodName}）`}
      size="small"
      style={{ marginBottom: 24 }}
      extra={
        <Space>
          <Select aria-label="排名指标" style={{ width: 240 }} value={figure} options={RANKABLE.map((id) => ({ value: id, label: names.get(id) ?? id }))} onChange={setFigure} />
          <Button size="small" onClick={() => void download(`/api/statistics/ranking.xlsx${query({ scope: props.scope, period: props.period, figure })}`, '单位排名.xlsx')}>
            导出排名表
          </Button>
        </Space>
      }
    >
      {ranking.error && <Alert type="error" showIcon message={ranking.error} />}
      {!r ? (
        <Spin tip="正在统计…">
          <div style={{ height: 240 }} />
        </Spin>
      ) : (
        <Spin spinning={ranking.loading}>
        <Row gutter={16}>
          <Col xs={24} xl={12}>
            {top.length ? <EChart option={option!} height={Math.max(160, top.length * 30 + 20)} ariaLabel={`${r.figure.name}单位排名柱状图`} onClick={(e) => { const row = top[e.dataIndex]; if (row) props.onOpen(r.figure.id, row.agencyId, row.agencyName); }} /> : <Empty description="本期没有可排名的数据" />}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.order === 'asc' ? '数值越低排名越靠前。' : '数值越高排名越靠前。'}
              {top.length < r.rows.filter((x) => x.value !== null).length ? '图中仅显示前12个单位。' : ''}
            </Typography.Text>
          </Col>
          <Col xs={24} xl={12}>
            <Table<RankingRow> rowKey="agencyId" size="small" columns={columns} dataSource={r.rows} pagination={{ pageSize: 8, showSizeChanger: false, showTotal: (n) => `共 ${n} 个单位` }} />
          </Col>
        </Row>
        </Spin>
      )}
    </Card>
  );
}

// ── breakdowns ────────────────────────────────────────────────────────────────────────────────────
function BreakdownTable(props: { figure: FigureReport; scope: string; period: string; onOpen: (key: string) => void }) {
  const f = props.figure;
  const total = f.value ?? 0;
  const what = f.id === 'cases-by-court' ? '受案法院' : '案由';
  const rows = f.breakdown ?? [];
  return (
    <Card
      title={`${f.name}（新收案件）`}
      size="small"
      style={{ marginBottom: 24 }}
      extra={
        <Button size="small" onClick={() => void download(`/api/statistics/export.xlsx${query({ scope: props.scope, period: props.period })}`, '统计指标.xlsx')}>
          导出
        </Button>
      }
    >
      <Table<{ key: string; count: number }>
        rowKey="key"
        size="small"
        dataSource={rows}
        pagination={rows.length > 8 ? { pageSize: 8, showSizeChanger: false } : false}
        locale={{ emptyText: '本期没有新收案件' }}
        columns={[
          { title: what, dataIndex: 'key', ellipsis: true, render: (k: string) => k || '（未填写）' },
          {
            title: '案件数',
            dataIndex: 'count',
            width: 90,
            render: (n: number, row) => (
              <Button type="link" size="small" className="stat-link" aria-label={`${row.key || '未填写'}：${n}件，查看案件`} onClick={() => props.onOpen(row.key)}>
                {n}
              </Button>
            ),
          },
          { title: '占比', key: 'share', width: 80, render: (_: unknown, row) => (total ? percent(row.count / total) : '—') },
        ]}
      />
    </Card>
  );
}

// ── drill-down ────────────────────────────────────────────────────────────────────────────────────
const PAGE = 15;

function DrillDrawer(props: { drill: Drill | null; onClose: () => void }) {
  const d = props.drill;
  const [page, setPage] = useState(1);
  const [shown, setShown] = useState<Drill | null>(null);
  if (d !== shown) {
    setShown(d);
    setPage(1);
  }
  const params = d ? { scope: d.scope, period: d.period, figure: d.figureId, key: d.key } : null;
  const cases = useLoad(async () => (params ? get<CasesPage>(`/api/statistics/cases${query({ ...params, limit: PAGE, offset: (page - 1) * PAGE })}`) : undefined), [JSON.stringify(params), page]);
  const c = cases.data;
  const unit = c ? (UNITS[c.figure.unit] ?? '件') : '件';
  const columns: TableProps<LedgerRow>['columns'] = [
    { title: '案号', dataIndex: 'caseNumber', width: 250, render: (v: string, r) => <Link to={`/cases/${r.id}`}>{v}</Link> },
    { title: '应诉单位', dataIndex: 'agencyName', ellipsis: { showTitle: true } },
    { title: '案由', dataIndex: 'cause', width: 110, ellipsis: true },
    { title: '法院', dataIndex: 'court', ellipsis: { showTitle: true } },
    { title: '收到起诉状', dataIndex: 'complaintReceivedOn', width: 124, render: (v: string) => dateZh(v) },
    { title: '阶段', dataIndex: 'stage', width: 96, ellipsis: true, render: (v: string, r) => r.stageLabel ?? label(STAGES, v) },
    { title: '状态', dataIndex: 'status', width: 84, render: (v: string) => label(STATUS, v) },
  ];
  return (
    <Drawer
      className="drill-drawer"
      open={d !== null}
      onClose={props.onClose}
      size={1080}
      title={d ? `${d.figureName}${d.key !== undefined ? `：${d.key || '（未填写）'}` : ''}` : ''}
      extra={
        d && (
          <Button onClick={() => void download(`/api/statistics/cases.xlsx${query({ scope: d.scope, period: d.period, figure: d.figureId, key: d.key })}`, '案件清单.xlsx')}>
            导出案件清单
          </Button>
        )
      }
    >
      {d && (
        <Typography.Paragraph>
          <Tag>{d.scopeLabel}</Tag>
          <Tag>{periodNameOf(d.period)}</Tag>
          {c && (
            <span className="drill-total">
              共 {c.total} 件案件
              {c.figure.unit !== 'case' && c.figure.kind !== 'breakdown' ? `（该指标按${unit.replace(/^个/, '')}计，同一案件只列一次）` : ''}
            </span>
          )}
        </Typography.Paragraph>
      )}
      {cases.error && <Alert type="error" showIcon message={cases.error} />}
      <Table<LedgerRow>
        rowKey="id"
        size="small"
        loading={cases.loading}
        columns={columns}
        dataSource={c?.items ?? []}
        locale={{ emptyText: '没有案件' }}
        pagination={{ current: page, pageSize: PAGE, total: c?.total ?? 0, showSizeChanger: false, showTotal: (n) => `共 ${n} 件`, onChange: setPage }}
      />
    </Drawer>
  );
}
