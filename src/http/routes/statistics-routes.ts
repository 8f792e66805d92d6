// The statistics API (issue 14 §1, §4): the figure catalogue with its written definitions; the
// scopes a user may pick; the figures of an agency, a region or (admin) every agency for a year or
// a quarter; the trend over periods; the ranking of agencies; the cases behind one number; and each
// of those tables as .xlsx. Every scope is checked against what the caller may see (resolveScope).
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { Logger } from 'pino';
import { principalOf } from '../../auth/principal.ts';
import { citationText } from '../../policy-sources/citations.ts';
import { FIGURES } from '../../statistics/figure-catalogue.ts';
import { figuresWorkbook, rankingWorkbook, trendWorkbook, writeFigureCasesXlsx, XLSX_TYPE } from '../../statistics/statistics-workbooks.ts';
import { scopeOptions, statisticsCases, statisticsFor, statisticsRanking, statisticsTrend } from '../../statistics/statistics-service.ts';
import type { AppDeps } from '../app.ts';
import { accessGuards } from '../access.ts';
import { validate } from '../validate.ts';

const scope = z.string({ message: '缺少统计范围 scope（agency:<单位编号>、region:<单位编号> 或 all）' }).min(1, '缺少统计范围 scope');
const period = z.string({ message: '缺少统计期间 period（如 2026 或 2026Q3）' }).min(1, '缺少统计期间 period（如 2026 或 2026Q3）');
const figure = z.string({ message: '缺少统计指标 figure（如 loss-rate，见指标目录）' }).min(1, '缺少统计指标 figure');

const StatisticsQuery = z.object({ scope, period });

const TrendQuery = z.object({
  scope,
  from: z.string().optional(),
  to: z.string().optional(),
  last: z.coerce.number({ message: 'last 应为 1–40 的整数' }).int('last 应为 1–40 的整数').min(1, 'last 应为 1–40 的整数').max(40, 'last 应为 1–40 的整数').optional(),
  unit: z.enum(['quarter', 'year'], { message: 'unit 应为 quarter（季度）或 year（年度）' }).optional(),
  /** comma-separated figure ids; all when missing */
  figures: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined)),
});

const RankingQuery = z.object({ scope, period, figure });

const CasesFilter = z.object({ scope, period, figure, key: z.string().max(200, 'key 不超过 200 字').optional() });
const CasesQuery = CasesFilter.extend({
  limit: z.coerce.number({ message: 'limit 应为 1–200 的整数' }).int('limit 应为 1–200 的整数').min(1, 'limit 应为 1–200 的整数').max(200, 'limit 应为 1–200 的整数').default(20),
  offset: z.coerce.number({ message: 'offset 应为非负整数' }).int('offset 应为非负整数').min(0, 'offset 应为非负整数').default(0),
});

const SCOPE_RULE = 'every agency of the scope in the user’s scope (resolveScope), 403 otherwise';

function sendXlsx(res: Response, asciiName: string, fileName: string, body: Buffer): void {
  res.status(200);
  res.setHeader('Content-Type', XLSX_TYPE);
  res.setHeader('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  res.setHeader('Cache-Control', 'no-store');
  res.end(body);
}

/** 示例市人民政府及所属单位_2026年 — the scope and period in a file name (no path characters). */
const namePart = (...parts: string[]) => parts.filter(Boolean).join('_').replace(/[\\/:*?"<>|\s]+/g, '');

export function statisticsRoutes(deps: Pick<AppDeps, 'db'> & { logger?: Logger }): Router {
  const router = Router();
  const { db } = deps;
  const allow = accessGuards(db);

  router.get('/statistics/figures', allow.signedIn(), (_req, res) => {
    res.json(FIGURES.map((f) => ({ ...f, sources: f.sources.map((c) => ({ ...c, text: citationText(c) })) })));
  });

  // the scopes the user may pick and the one the dashboard opens with (own agency, a bureau's region, an admin's all)
  router.get('/statistics/scopes', allow.signedIn(), async (req, res) => {
    res.json(await scopeOptions(db, principalOf(req)));
  });

  router.get('/statistics', allow.byHandler(SCOPE_RULE), validate({ query: StatisticsQuery }), async (req, res) => {
    res.json(await statisticsFor(db, principalOf(req), req.query));
  });

  router.get('/statistics/export.xlsx', allow.byHandler(SCOPE_RULE), validate({ query: StatisticsQuery }), async (req, res) => {
    const report = await statisticsFor(db, principalOf(req), req.query);
    sendXlsx(res, 'statistics.xlsx', `${namePart(report.scope.label, report.period.name, '统计指标')}.xlsx`, await figuresWorkbook(report));
  });

  router.get('/statistics/trend', allow.byHandler(SCOPE_RULE), validate({ query: TrendQuery }), async (req, res) => {
    res.json(await statisticsTrend(db, principalOf(req), req.query));
  });

  router.get('/statistics/trend.xlsx', allow.byHandler(SCOPE_RULE), validate({ query: TrendQuery }), async (req, res) => {
    const trend = await statisticsTrend(db, principalOf(req), req.query);
    sendXlsx(res, 'statistics-trend.xlsx', `${namePart(trend.scope.label, '统计指标趋势')}.xlsx`, await trendWorkbook(trend));
  });

  router.get('/statistics/ranking', allow.byHandler(SCOPE_RULE), validate({ query: RankingQuery }), async (req, res) => {
    res.json(await statisticsRanking(db, principalOf(req), req.query));
  });

  router.get('/statistics/ranking.xlsx', allow.byHandler(SCOPE_RULE), validate({ query: RankingQuery }), async (req, res) => {
    const ranking = await statisticsRanking(db, principalOf(req), req.query);
    sendXlsx(res, 'statistics-ranking.xlsx', `${namePart(ranking.scope.label, ranking.period.name, ranking.figure.name, '单位排名')}.xlsx`, await rankingWorkbook(ranking));
  });

  router.get('/statistics/cases', allow.byHandler(SCOPE_RULE), validate({ query: CasesQuery }), async (req, res) => {
    res.json(await statisticsCases(db, principalOf(req), req.query));
  });

  // every case behind the number, streamed (scope, figure and key checked before the first byte)
  router.get('/statistics/cases.xlsx', allow.byHandler(SCOPE_RULE), validate({ query: CasesFilter }), async (req, res) => {
    const principal = principalOf(req);
    const head = await statisticsCases(db, principal, { ...req.query, limit: 1, offset: 0 });
    const fileName = `${namePart(head.scope.label, head.period.name, head.figure.name, head.key ?? '', '案件清单')}.xlsx`;
    res.status(200);
    res.setHeader('Content-Type', XLSX_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename="statistics-cases.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await writeFigureCasesXlsx(db, principal, head, res);
    } catch (error) {
      // the headers are gone: cut the download short so the client sees a broken file
      deps.logger?.error({ err: error }, 'statistics cases export failed');
      res.destroy(error as Error);
    }
  });

  return router;
}
