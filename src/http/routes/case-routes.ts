// The case API (issue 6): agencies, case registration (the case and the start of its process in
// one transaction, the start carried out by the engine outbox), court events (recorded, then
// correlated by business key = case id from the outbox), the case view and list, open user tasks
// and their completion validated against the task's form (engine port), and the OpenAPI document.
import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { principalOf } from '../../auth/principal.ts';
import { CaseEventBody, CreateCaseBody, LedgerFilterQuery, ListCasesQuery } from '../../cases/case-input.ts';
import { listCases } from '../../cases/case-list.ts';
import { writeLedgerXlsx } from '../../cases/ledger-export.ts';
import { shanghaiDateOf } from '../../deadlines/dates.ts';
import { getCaseRow, listAgencies } from '../../cases/case-read-model.ts';
import { caseView } from '../../cases/case-view.ts';
import { postCaseEvent, registerCase } from '../../cases/case-service.ts';
import { completeTask, listOpenTasks } from '../../cases/case-tasks.ts';
import { openApiDocument } from '../openapi.ts';
import { bodyOrEmpty, validate } from '../validate.ts';

// completeTask checks the key and the variables against the task's form itself
const TaskParams = z.object({ key: z.string() });
const TaskCompletionBody = z.unknown().transform((body) => ({ variables: (body as { variables?: unknown } | undefined)?.variables ?? {} }));

export function caseRoutes(deps: AppDeps): Router {
  const router = Router();
  const { db, engine, engineCommands } = deps;

  // 404 before 400: an unknown case is named before its body is checked
  const knownCase: RequestHandler<{ id: string }> = async (req, _res, next) => {
    await getCaseRow(db, req.params.id);
    next();
  };

  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });

  router.get('/agencies', async (_req, res) => {
    const agencies = await listAgencies(db);
    res.json(agencies.map((a) => ({ id: a.id, code: a.code, name: a.name, kind: a.kind, level: a.level, profile: a.profile, parentId: a.parentId })));
  });

  router.post('/cases', validate({ body: bodyOrEmpty(CreateCaseBody) }), async (req, res) => {
    const created = await registerCase(db, engineCommands, req.body);
    res.status(201).location(`/api/cases/${created.id}`).json(created);
  });

  // the ledger (台账): the principal's cases, filtered, sorted, one page
  router.get('/cases', validate({ query: ListCasesQuery }), async (req, res) => {
    res.json(await listCases(db, principalOf(req as unknown as Request), req.query));
  });

  // the same ledger as an .xlsx file, streamed from a database cursor
  router.get('/cases/export.xlsx', validate({ query: LedgerFilterQuery }), async (req, res) => {
    const principal = principalOf(req as unknown as Request);
    const fileName = `行政应诉台账_${shanghaiDateOf(new Date())}.xlsx`;
    res.status(200);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await writeLedgerXlsx(db, principal, req.query, res);
    } catch (error) {
      // the headers are gone: cut the download short so the client sees a broken file, not a complete-looking one
      deps.logger.error({ err: error }, 'ledger export failed');
      res.destroy(error as Error);
    }
  });

  router.get('/cases/:id', async (req, res) => {
    res.json(await caseView(db, req.params.id));
  });

  router.post('/cases/:id/events', knownCase, validate({ body: bodyOrEmpty(CaseEventBody) }), async (req, res) => {
    const requestKey = req.get('idempotency-key') ?? undefined;
    res.status(202).json(await postCaseEvent(db, engineCommands, req.params.id, req.body, requestKey));
  });

  router.get('/cases/:id/tasks', knownCase, async (req, res) => {
    res.json(await listOpenTasks(engine, req.params.id));
  });

  router.post('/tasks/:key/complete', validate({ params: TaskParams, body: TaskCompletionBody }), async (req, res) => {
    res.json(await completeTask(engine, req.params.key, req.body.variables));
  });

  return router;
}
