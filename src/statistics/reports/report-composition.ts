// Composing a periodic report from the ledger's figures (pure, no IO): the snapshot stored with the
// draft (every figure of the region this period and a year earlier, and one row per agency for the
// ranking), the text the reviewer reads on the form, and the data of the annual-report /
// quarterly-circular document. Every number comes from figureTotals / figureTotalsByAgency; the
// reviewer adds text sections, never numbers.
import { chineseDate } from '../../documents/formatting.ts';
import { FIGURES } from '../figure-catalogue.ts';
import type { FigureTotal, FigureTotals } from '../figure-queries.ts';
import { periodLabelZh, type Period } from '../periods.ts';
import { REPORT_KIND_INFO, type ReportKind } from './report-kinds.ts';

/** The head-appearance figure each profile reports (figure catalogue: which one each profile reports). */
export function appearanceFigureOf(profile: string): { id: string; basis: '案件' | '审级' | '庭次' } {
  if (profile === 'liaocheng' || profile === 'yantai') return { id: 'head-appearance-rate-case', basis: '案件' };
  if (profile === 'tengzhou') return { id: 'head-appearance-rate-hearing', basis: '庭次' };
  return { id: 'head-appearance-rate-instance', basis: '审级' };
}

export interface FigureNumbers {
  value: number | null;
  numerator: number;
  denominator: number | null;
}

export interface ReportFigureLine extends FigureNumbers {
  id: string;
  name: string;
  kind: 'count' | 'rate' | 'breakdown';
  previous: FigureNumbers;
  /** breakdown figures: the five largest rows */
  top?: { key: string; count: number }[];
}

export interface ReportRankingRow {
  rank: number;
  agencyId: string;
  agencyName: string;
  casesNew: number;
  casesClosed: number;
  casesPending: number;
  /** the profile's head-appearance rate */
  appearance: FigureNumbers;
  principalHeadAppearances: number;
  loss: FigureNumbers;
}

/** What a draft is made from, stored as the report's `figures` (a snapshot: the ledger may change later). */
export interface ReportFigures {
  kind: ReportKind;
  period: { label: string; name: string; from: string; to: string };
  previousPeriod: { label: string; name: string; from: string; to: string };
  scope: { agencyId: string; agencyName: string; label: string; agencyIds: string[] };
  profile: string;
  appearanceFigure: { id: string; basis: '案件' | '审级' | '庭次' };
  /** the day the figures were computed (Asia/Shanghai) */
  asOf: string;
  lines: ReportFigureLine[];
  ranking: ReportRankingRow[];
}

export interface ComposeInput {
  kind: ReportKind;
  period: Period;
  previous: Period;
  scope: { agencyId: string; agencyName: string; label: string; agencyIds: string[] };
  profile: string;
  asOf: string;
  totals: FigureTotals;
  previousTotals: FigureTotals;
  byAgency: Map<string, FigureTotals>;
  agencies: { id: string; name: string; kind: string }[];
}

const numbers = (t: FigureTotal | undefined): FigureNumbers => ({ value: t?.value ?? null, numerator: t?.numerator ?? 0, denominator: t?.denominator ?? null });
const periodView = (p: Period) => ({ label: p.label, name: periodLabelZh(p), from: p.from, to: p.to });

/**
 * The ranking (排名) of the agencies of the region: the best head-appearance rate first (no hearing
 * = last), then the lower loss rate, then the name. The issuing justice bureau is listed only when
 * it has cases of its own.
 */
function rankingOf(input: ComposeInput, appearanceId: string): ReportRankingRow[] {
  const rows = input.agencies
    .filter((a) => input.byAgency.has(a.id))
    .map((a) => {
      const t = input.byAgency.get(a.id)!;
      return {
        rank: 0,
        agencyId: a.id,
        agencyName: a.name,
        kind: a.kind,
        casesNew: t['cases-new']?.numerator ?? 0,
        casesClosed: t['cases-closed']?.numerator ?? 0,
        casesPending: t['cases-pending']?.numerator ?? 0,
        appearance: numbers(t[appearanceId]),
        principalHeadAppearances: t['principal-head-appearances']?.numerator ?? 0,
        loss: numbers(t['loss-rate']),
      };
    })
    .filter((r) => r.kind !== 'justice-bureau' || r.casesNew + r.casesClosed + r.casesPending + (r.appearance.denominator ?? 0) > 0);
  const rate = (n: FigureNumbers) => (n.value === null ? -1 : n.value);
  rows.sort((a, b) => rate(b.appearance) - rate(a.appearance) || (a.loss.value ?? 0) - (b.loss.value ?? 0) || a.agencyName.localeCompare(b.agencyName, 'zh-CN'));
  return rows.map(({ kind: _kind, ...r }, i) => ({ ...r, rank: i + 1 }));
}

export function composeReportFigures(input: ComposeInput): ReportFigures {
  const appearanceFigure = appearanceFigureOf(input.profile);
  const lines: ReportFigureLine[] = FIGURES.map((def) => {
    const now = input.totals[def.id];
    const before = input.previousTotals[def.id];
    return {
      id: def.id,
      name: def.name,
      kind: def.kind,
      ...numbers(now),
      previous: numbers(before),
      ...(def.kind === 'breakdown' ? { top: (now?.breakdown ?? []).slice(0, 5) } : {}),
    };
  });
  return {
    kind: input.kind,
    period: periodView(input.period),
    previousPeriod: periodView(input.previous),
    scope: input.scope,
    profile: input.profile,
    appearanceFigure,
    asOf: input.asOf,
    lines,
    ranking: rankingOf(input, appearanceFigure.id),
  };
}

// ── formatting ─────────────────────────────────────────────────────────────────────────────────

/** A rate as 87.5%, '—' when there is nothing to divide by. */
export const percentText = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

const UNITS: Record<string, string> = {
  'head-appearance-rate-hearing': '次',
  'principal-head-appearances': '次',
};

export function lineValueText(line: Pick<ReportFigureLine, 'id' | 'kind'>, n: FigureNumbers): string {
  if (line.kind === 'rate') return n.denominator ? `${percentText(n.value)}（${n.numerator}/${n.denominator}）` : '—（无）';
  return `${n.numerator}${UNITS[line.id] ?? '件'}`;
}

/** 同比: a rate's change in percentage points, a count's growth in per cent. */
export function lineChangeText(line: ReportFigureLine): string {
  if (line.kind === 'rate') {
    if (line.value === null || line.previous.value === null) return '—';
    const pp = (line.value - line.previous.value) * 100;
    return `${pp > 0 ? '上升' : pp < 0 ? '下降' : '持平'}${pp === 0 ? '' : `${Math.abs(pp).toFixed(1)}个百分点`}`;
  }
  const before = line.previous.numerator;
  const now = line.numerator;
  if (!before) return now ? '新增' : '持平';
  const growth = ((now - before) / before) * 100;
  return growth === 0 ? '持平' : `${growth > 0 ? '增长' : '下降'}${Math.abs(growth).toFixed(1)}%`;
}

const lineOf = (f: ReportFigures, id: string): ReportFigureLine => {
  const line = f.lines.find((l) => l.id === id);
  if (!line) throw new Error(`figure ${id} missing from the report`);
  return line;
};

/** The 基本情况 paragraph, every number from the snapshot. */
export function overviewText(f: ReportFigures): string {
  const n = (id: string) => lineOf(f, id).numerator;
  const appearance = lineOf(f, f.appearanceFigure.id);
  const loss = lineOf(f, 'loss-rate');
  const newCases = lineOf(f, 'cases-new');
  const basis = f.appearanceFigure.basis;
  return [
    `${f.period.name}，${f.scope.label}新收行政应诉案件${n('cases-new')}件（上年同期${newCases.previous.numerator}件，${lineChangeText(newCases)}），审结${n('cases-closed')}件，期末未结${n('cases-pending')}件。`,
    `开庭审理的${appearance.denominator ?? 0}${basis === '庭次' ? '个庭次' : basis === '审级' ? '个审级' : '件案件'}中，行政机关负责人出庭应诉${appearance.numerator}${basis === '庭次' ? '次' : basis === '审级' ? '个审级' : '件'}，出庭应诉率${percentText(appearance.value)}（按${basis}计）；主要负责人出庭${n('principal-head-appearances')}次。`,
    `审结案件中败诉${loss.numerator}件，败诉率${percentText(loss.value)}（上年同期${percentText(loss.previous.value)}）；撤诉率${percentText(lineOf(f, 'withdrawal-rate').value)}，和解调解结案率${percentText(lineOf(f, 'settlement-rate').value)}。`,
  ].join('');
}

/** The figures as the reviewer reads them on the form (plain text, one figure a line). */
export function figuresText(f: ReportFigures): string {
  const lines = [`统计期间：${f.period.name}（${chineseDate(f.period.from)}至${chineseDate(f.period.to)}），统计范围：${f.scope.label}，数据截至${chineseDate(f.asOf)}。`, ''];
  lines.push('一、主要指标（本期 / 上年同期 / 同比）');
  for (const line of f.lines) {
    if (line.kind === 'breakdown') {
      lines.push(`${line.name}：${(line.top ?? []).map((t) => `${t.key} ${t.count}件`).join('，') || '无'}`);
      continue;
    }
    lines.push(`${line.name}：${lineValueText(line, line)} / ${lineValueText(line, line.previous)} / ${lineChangeText(line)}`);
  }
  lines.push('', `二、各单位排名（出庭应诉率按${f.appearanceFigure.basis}计，由高到低；同率时败诉率低者在前）`);
  for (const r of f.ranking) {
    lines.push(`${r.rank}. ${r.agencyName}：新收${r.casesNew}件，审结${r.casesClosed}件，未结${r.casesPending}件，出庭应诉率${percentText(r.appearance.value)}，主要负责人出庭${r.principalHeadAppearances}次，败诉率${percentText(r.loss.value)}`);
  }
  return lines.join('\n');
}

export interface ReportSection {
  heading: string;
  text: string;
}

/** The reviewer's text sections; the annual report needs at least one, so a placeholder stands in until written. */
const DEFAULT_SECTIONS: Record<ReportKind, ReportSection[]> = {
  'annual-report': [{ heading: '主要做法', text: '（待审核人填写）' }],
  'quarterly-circular': [{ heading: '工作要求', text: '（待审核人填写）' }],
};

/** The document data of the annual report / quarterly circular from the snapshot and the reviewer's sections. */
export function reportDocumentData(f: ReportFigures, input: { sections: ReportSection[]; date: string; issuerName: string; summary?: string | null }): Record<string, unknown> {
  const sections = input.sections.length ? input.sections : DEFAULT_SECTIONS[f.kind];
  const info = REPORT_KIND_INFO[f.kind];
  const addressee = info.profiles.find((p) => p.profile === f.profile)?.addressee ?? '上一级人民政府';
  const rows = f.ranking.map((r) => ({
    unit: r.agencyName,
    cases: r.casesClosed,
    hearings: r.appearance.denominator ?? 0,
    headAppearances: r.appearance.numerator,
    principalHeadAppearances: r.principalHeadAppearances,
    losses: r.loss.numerator,
    casesNew: r.casesNew,
    casesPending: r.casesPending,
  }));
  const figures = f.lines
    .filter((l) => l.kind !== 'breakdown')
    .map((l) => ({ name: l.name, value: lineValueText(l, l), previous: lineValueText(l, l.previous), change: lineChangeText(l) }));
  const year = Number(f.period.label.slice(0, 4));
  const summary =
    input.summary?.trim() ||
    (f.kind === 'annual-report'
      ? `现将${f.scope.label}${f.period.name}行政应诉工作情况报告如下。`
      : `现将${f.period.name}${f.scope.label}行政应诉工作情况通报如下。`);
  const common = { summary, overview: overviewText(f), rows: rows.length ? rows : [{ unit: f.scope.agencyName, cases: 0, hearings: 0, headAppearances: 0, principalHeadAppearances: 0, losses: 0, casesNew: 0, casesPending: 0 }], sections, date: input.date, appearanceBasis: f.appearanceFigure.basis, figures };
  if (f.kind === 'annual-report') return { ...common, agency: { name: input.issuerName }, addressee, year };
  return { ...common, issuer: input.issuerName, addressees: addressee, year, quarter: Number(f.period.label.slice(5)) };
}
