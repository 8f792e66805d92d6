// The statistics API (issue 14 §1): the figure catalogue with its written definitions, and the
// figures of an agency or a region for a year or a quarter, scoped to what the caller may see.
import { Router } from 'express';
import { z } from 'zod';
import { principalOf } from '../../auth/principal.ts';
import { citationText } from '../../policy-sources/citations.ts';
import { FIGURES } from '../../statistics/figure-catalogue.ts';
import { statisticsFor } from '../../statistics/statistics-service.ts';
import type { AppDeps } from '../app.ts';
import { accessGuards } from '../access.ts';
import { validate } from '../validate.ts';

const StatisticsQuery = z.object({
  scope: z.string({ message: '缺少统计范围 scope（agency:<单位编号> 或 region:<单位编号>）' }),
  period: z.string({ message: '缺少统计期间 period（如 2026 或 2026Q3）' }),
});

export function statisticsRoutes(deps: Pick<AppDeps, 'db'>): Router {
  const router = Router();
  const allow = accessGuards(deps.db);

  router.get('/statistics/figures', allow.signedIn(), (_req, res) => {
    res.json(FIGURES.map((f) => ({ ...f, sources: f.sources.map((c) => ({ ...c, text: citationText(c) })) })));
  });

  router.get('/statistics', allow.byHandler('every agency of the scope in the user’s scope (resolveScope), 403 otherwise'), validate({ query: StatisticsQuery }), async (req, res) => {
    const principal = principalOf(req);
    res.json(await statisticsFor(deps.db, principal, { scope: req.query.scope, period: req.query.period }));
  });

  return router;
}
