// The workspace's own API (issue 13 §2): the task inbox with claim/unclaim and the task's form, the
// case's diagrams, the home page summary. Every route acts for principalOf(req) and its case scope.
import { Router } from 'express';
import { z } from 'zod';
import { principalOf } from '../../auth/principal.ts';
import { caseDiagrams } from '../../workspace/case-diagram.ts';
import { homeSummary } from '../../workspace/home-summary.ts';
import { claimTask, listInbox, taskForm, unclaimTask } from '../../workspace/task-inbox.ts';
import type { AppDeps } from '../app.ts';
import { accessGuards } from '../access.ts';
import { validate } from '../validate.ts';

const TaskParams = z.object({ id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, '任务编号格式不正确') });
const CaseParams = z.object({ id: z.uuid({ message: '案件编号应为 UUID' }) });

/**
 * GET  /api/home                 the home page summary
 * GET  /api/tasks                the user's inbox, earliest due first
 * POST /api/tasks/:id/claim      claims the task for the user
 * POST /api/tasks/:id/unclaim    gives it back to its groups
 * GET  /api/tasks/:id/form       {task, form, variables}
 * GET  /api/cases/:id/diagram    {caseId, instances: [{xml, activeActivityIds, cockpitUrl, ...}]}
 */
export function workspaceRoutes({ db, engine, config }: AppDeps): Router {
  const router = Router();
  const allow = accessGuards(db);
  const CANDIDATE = "a user in one of the task's candidate groups (or who claimed it), the task's case in scope";

  router.get('/home', allow.signedIn(), async (req, res) => {
    res.json(await homeSummary(db, engine, principalOf(req)));
  });

  router.get('/tasks', allow.signedIn(), async (req, res) => {
    res.json({ items: await listInbox(db, engine, principalOf(req)) });
  });

  router.post('/tasks/:id/claim', allow.byHandler(CANDIDATE), validate({ params: TaskParams }), async (req, res) => {
    const { caseOf, ...task } = await claimTask(db, engine, principalOf(req), req.params.id);
    req.auditCase = caseOf;
    res.json(task);
  });

  router.post('/tasks/:id/unclaim', allow.byHandler(CANDIDATE), validate({ params: TaskParams }), async (req, res) => {
    const { caseOf, ...task } = await unclaimTask(db, engine, principalOf(req), req.params.id);
    req.auditCase = caseOf;
    res.json(task);
  });

  router.get('/tasks/:id/form', allow.byHandler(CANDIDATE), validate({ params: TaskParams }), async (req, res) => {
    const { caseOf, ...form } = await taskForm(db, engine, principalOf(req), req.params.id);
    req.auditCase = caseOf;
    res.json(form);
  });

  router.get('/cases/:id/diagram', allow.case('id'), validate({ params: CaseParams }), async (req, res) => {
    res.json(await caseDiagrams(engine, config.engine.webUrl, req.params.id));
  });

  return router;
}
