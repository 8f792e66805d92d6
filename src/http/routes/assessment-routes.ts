// The assessment API (issue 14 §2, docs/assessment.md): the quotas and scoring items as data, the
// score sheets of a region (ranked) and of one agency (deductions with their cases), and a justice
// bureau's adjustment of an item with a reason (stored append-only, recorded in the audit log).
import { Router } from 'express';
import { z } from 'zod';
import { principalOf } from '../../auth/principal.ts';
import { shanghaiDateOf } from '../../deadlines/dates.ts';
import { citationText } from '../../policy-sources/citations.ts';
import { PROFILE_QUOTA_NOTES, quotasFor } from '../../assessment/quotas.ts';
import { SCORING_ITEMS } from '../../assessment/scoring-items.ts';
import { adjustScoreItem, parseYear, scoreSheetOf, scoreSheetsOfRegion } from '../../assessment/score-sheets.ts';
import type { AppDeps } from '../app.ts';
import { accessGuards } from '../access.ts';
import { bodyOrEmpty, validate } from '../validate.ts';

const uuid = (what: string) => z.string({ message: `缺少${what}` }).regex(/^[0-9a-f-]{36}$/i, `${what}应为单位编号`);
const year = z.string({ message: '缺少考核年度 year' }).regex(/^\d{4}$/, '考核年度应为四位年份，如 2026');

const RegionQuery = z.object({ region: uuid('区域 region（政府或司法局的单位编号）'), year });
const SheetParams = z.object({ agencyId: uuid('单位 agencyId'), year });
const AdjustmentBody = bodyOrEmpty(
  z.object({
    itemId: z.string({ message: '缺少考核项目 itemId' }).min(1, '缺少考核项目 itemId'),
    score: z.number({ message: '得分 score 应为数字' }).min(0, '得分不能小于0').multipleOf(0.5, '得分以0.5分为单位'),
    reason: z.string({ message: '缺少调整理由 reason' }).trim().min(4, '调整理由至少4个字').max(1000, '调整理由不超过1000字'),
  }),
);

export function assessmentRoutes(deps: Pick<AppDeps, 'db'>): Router {
  const router = Router();
  const allow = accessGuards(deps.db);

  // the catalogue: every scoring item and quota with its points and sources (reference data)
  router.get('/assessment/items', allow.signedIn(), (_req, res) => {
    const year = Number(shanghaiDateOf(new Date()).slice(0, 4));
    const sources = (list: { sources: Parameters<typeof citationText>[0][] }) => list.sources.map(citationText);
    res.json({
      items: SCORING_ITEMS.map((i) => ({ ...i, sourceTexts: sources(i) })),
      quotas: ['liaocheng', 'tengzhou'].flatMap((p) => quotasFor(p, year)).map((q) => ({ ...q, sourceTexts: sources(q) })),
      quotaNotes: PROFILE_QUOTA_NOTES.map((n) => ({ ...n, sourceTexts: sources(n) })),
    });
  });

  router.get('/assessment/score-sheets', allow.byHandler('every agency of the region in the user’s scope (resolveScope), 403 otherwise'), validate({ query: RegionQuery }), async (req, res) => {
    res.json(await scoreSheetsOfRegion(deps.db, principalOf(req), { region: req.query.region, year: parseYear(req.query.year) }));
  });

  router.get('/assessment/score-sheets/:agencyId/:year', allow.byHandler('the agency in the user’s scope (own agency read-only, a justice bureau’s region, admin), 403 otherwise'), validate({ params: SheetParams }), async (req, res) => {
    res.json(await scoreSheetOf(deps.db, principalOf(req), { agencyId: req.params.agencyId, year: parseYear(req.params.year) }));
  });

  router.post(
    '/assessment/score-sheets/:agencyId/:year/adjustments',
    allow.roles('justice-bureau', 'admin'),
    validate({ params: SheetParams, body: AdjustmentBody }),
    async (req, res) => {
      const principal = principalOf(req);
      const y = parseYear(req.params.year);
      const result = await adjustScoreItem(deps.db, principal, { agencyId: req.params.agencyId, year: y, ...req.body });
      req.auditDetails = { assessment: { agencyId: req.params.agencyId, year: y, itemId: result.item.itemId, computedScore: result.item.computedScore, score: result.adjustment.score, reason: result.adjustment.reason } };
      res.status(201).json({ ...result, sheet: await scoreSheetOf(deps.db, principal, { agencyId: req.params.agencyId, year: y }) });
    },
  );

  return router;
}
