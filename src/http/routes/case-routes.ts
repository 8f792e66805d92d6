// The case API (issue 6): agencies, case registration (the case and the start of its process in
// one transaction, the start carried out by the engine outbox), court events (recorded, then
// correlated by business key = case id from the outbox), the case view and list, open user tasks
// and their completion validated against the task's form (engine port), and the OpenAPI document.
import { Router } from 'express';
import { ForbiddenError, principalOf } from '../../auth/principal.ts';
import { agencyVisible } from '../../auth/scope.ts';
import { accessGuards } from '../access.ts';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { CaseEventBody, CreateCaseBody, ListCasesQuery } from '../../cases/case-input.ts';
import { listCases } from '../../cases/case-list.ts';
import { listAgencies } from '../../cases/case-read-model.ts';
import { caseView } from '../../cases/case-view.ts';
import { postCaseEvent, registerCase } from '../../cases/case-service.ts';
import { assertMayComplete, completeTask, listOpenTasks } from '../../cases/case-tasks.ts';
import type { UserTask } from '../../process-engine/process-engine.ts';
import { openApiDocument } from '../openapi.ts';
import { bodyOrEmpty, validate } from '../validate.ts';

// completeTask checks the key and the variables against the task's form itself
const TaskParams = z.object({ key: z.string() });
const TaskCompletionBody = z.unknown().transform((body) => ({ variables: (body as { variables?: unknown } | undefined)?.variables ?? {} }));

/** Who registers a served suit (收件登记) and records court events. */
export const CASE_WRITER_ROLES = ['clerk', 'legal-affairs', 'handler', 'admin'] as const;

export function caseRoutes(deps: AppDeps): Router {
  const router = Router();
  const { db, engine, engineCommands } = deps;
  const allow = accessGuards(db);

  router.get('/openapi.json', allow.signedIn(), (_req, res) => {
    res.json(openApiDocument());
  });

  router.get('/agencies', allow.signedIn(), async (_req, res) => {
    const agencies = await listAgencies(db);
    res.json(agencies.map((a) => ({ id: a.id, code: a.code, name: a.name, kind: a.kind, level: a.level, profile: a.profile, parentId: a.parentId })));
  });

  // only for an agency in the user's scope
  router.post('/cases', allow.roles(...CASE_WRITER_ROLES), validate({ body: bodyOrEmpty(CreateCaseBody) }), async (req, res) => {
    if (!agencyVisible(principalOf(req), req.body.agencyId)) throw new ForbiddenError('只能为本单位（或本人可见的单位）登记案件', 'AGENCY_OUT_OF_SCOPE');
    const created = await registerCase(db, engineCommands, req.body);
    req.auditCase = { id: created.id, agencyId: req.body.agencyId };
    res.status(201).location(`/api/cases/${created.id}`).json(created);
  });

  // the cases in the user's scope
  router.get('/cases', allow.signedIn(), validate({ query: ListCasesQuery }), async (req, res) => {
    res.json(await listCases(db, req.query, principalOf(req)));
  });

  router.get('/cases/:id', allow.case('id'), async (req, res) => {
    req.auditRead = 'case.read';
    res.json(await caseView(db, req.params.id));
  });

  // 404 before 400: an unknown (or invisible) case is named before its body is checked
  router.post('/cases/:id/events', allow.case('id', ...CASE_WRITER_ROLES), validate({ body: bodyOrEmpty(CaseEventBody) }), async (req, res) => {
    const requestKey = req.get('idempotency-key') ?? undefined;
    res.status(202).json(await postCaseEvent(db, engineCommands, String(req.params.id), req.body, requestKey));
  });

  router.get('/cases/:id/tasks', allow.case('id'), async (req, res) => {
    res.json(await listOpenTasks(engine, req.params.id));
  });

  router.post('/tasks/:key/complete', allow.byHandler('a user in one of the task’s candidate groups, the task’s case in scope'), validate({ params: TaskParams, body: TaskCompletionBody }), async (req, res) => {
    const principal = principalOf(req);
    const mayComplete = async (task: UserTask) => (req.auditCase = await assertMayComplete(db, principal, task));
    res.json(await completeTask(engine, req.params.key, req.body.variables, mayComplete));
  });

  return router;
}
