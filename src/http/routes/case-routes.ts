// The case API (issue 6): agencies, case registration (starts the process), court events
// (published as messages correlated by the case id), the case view and list, open user tasks and
// their completion validated against the task's form, and the OpenAPI document.
import { Router } from 'express';
import type { AppDeps } from '../app.ts';
import { inputErrorFromZod } from '../../errors.ts';
import { CaseEventBody, CreateCaseBody, ListCasesQuery } from '../../cases/case-input.ts';
import { caseView, getCaseRow, listAgencies, listCases } from '../../cases/case-ledger.ts';
import { postCaseEvent, registerCase } from '../../cases/case-service.ts';
import { completeTask, listOpenTasks } from '../../cases/case-tasks.ts';
import { openApiDocument } from '../openapi.ts';

export function caseRoutes(deps: AppDeps): Router {
  const router = Router();
  const { db, camunda } = deps;

  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });

  router.get('/agencies', async (_req, res) => {
    const agencies = await listAgencies(db);
    res.json(agencies.map((a) => ({ id: a.id, code: a.code, name: a.name, kind: a.kind, level: a.level, profile: a.profile, parentId: a.parentId })));
  });

  router.post('/cases', async (req, res) => {
    const parsed = CreateCaseBody.safeParse(req.body ?? {});
    if (!parsed.success) throw inputErrorFromZod(parsed.error);
    const created = await registerCase(db, camunda, parsed.data);
    res.status(201).location(`/api/cases/${created.id}`).json(created);
  });

  router.get('/cases', async (req, res) => {
    const parsed = ListCasesQuery.safeParse(req.query);
    if (!parsed.success) throw inputErrorFromZod(parsed.error);
    res.json(await listCases(db, parsed.data));
  });

  router.get('/cases/:id', async (req, res) => {
    res.json(await caseView(db, req.params.id));
  });

  router.post('/cases/:id/events', async (req, res) => {
    await getCaseRow(db, req.params.id); // 404 before 400 for an unknown case
    const parsed = CaseEventBody.safeParse(req.body ?? {});
    if (!parsed.success) throw inputErrorFromZod(parsed.error);
    const requestKey = req.get('idempotency-key') ?? undefined;
    res.status(202).json(await postCaseEvent(db, camunda, req.params.id, parsed.data, requestKey));
  });

  router.get('/cases/:id/tasks', async (req, res) => {
    await getCaseRow(db, req.params.id);
    res.json(await listOpenTasks(db, camunda, req.params.id));
  });

  router.post('/tasks/:key/complete', async (req, res) => {
    const body = req.body ?? {};
    res.json(await completeTask(camunda, req.params.key, body.variables ?? {}));
  });

  return router;
}
