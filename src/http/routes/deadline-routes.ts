// Deadline engine API: compute a deadline, list profiles and rules, the case's deadlines and their
// recalculation, and the admin calendar (add a year / correct days → recompute provisional deadlines).
import { Router } from 'express';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { InputError, NotFoundError, inputErrorFromZod } from '../../errors.ts';
import { renderCalendarAdminPage } from '../../deadlines/admin-page.ts';
import { normaliseTriggers, parseCaseOptions } from '../../deadlines/case-deadlines.ts';
import { requireIsoDate } from '../../deadlines/dates.ts';
import { computeBatch, computeDeadline, describeProfileRules, getProfile, listProfiles } from '../../deadlines/engine.ts';
import {
  addCalendarCorrections,
  addCalendarYear,
  caseDeadlineHistory,
  listCaseDeadlines,
  listCoveredYears,
  loadCalendar,
  recalculateCaseDeadlines,
} from '../../deadlines/ledger.ts';
import type { AppDeps } from '../app.ts';

const CalendarDaySchema = z.object({
  date: z.string(),
  isOffDay: z.boolean({ message: 'isOffDay 应为 true（休息日）或 false（上班日）' }),
  name: z.string().min(1, '缺少名称').max(40),
});

const YearSchema = z.object({
  year: z.number().int().min(2004).max(2099),
  notice: z.string().min(4, '请填写放假通知的文号或标题').max(200),
  days: z.array(CalendarDaySchema).min(1, '至少录入一天').max(200),
});

const CorrectionSchema = z.object({
  reason: z.string().min(2, '请填写更正原因').max(500),
  days: z.array(CalendarDaySchema.extend({ reason: z.string().max(500).optional() })).min(1).max(100),
});

const RecalculateSchema = z.object({
  triggers: z.record(z.string(), z.union([z.string(), z.null()])).optional(),
  options: z.unknown().optional(),
  idempotencyKey: z.string().min(1).max(200).optional(),
});

function requireObject(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new InputError([{ field: '(body)', message: '请求体应为 JSON 对象' }]);
  return body as Record<string, unknown>;
}

// no login yet in the skeleton: the actor is the header the gateway sets, else "admin"
const actorOf = (req: { get(name: string): string | undefined }) => req.get('x-user') ?? 'admin';

export function deadlineRoutes({ db }: AppDeps): Router {
  const router = Router();

  router.post('/deadlines/compute', async (req, res) => {
    const body = requireObject(req.body);
    res.json(computeDeadline(await loadCalendar(db), body));
  });

  router.post('/deadlines/compute-batch', async (req, res) => {
    if (!Array.isArray(req.body)) throw new InputError([{ field: '(body)', message: '请求体应为 {profile, rule, trigger} 数组' }]);
    res.json(computeBatch(await loadCalendar(db), req.body));
  });

  router.get('/profiles', (_req, res) => {
    res.json(
      listProfiles().map((p) => ({
        id: p.id,
        name: p.name,
        parent: p.parent,
        versions: p.versions.map((v) => ({ validFrom: v.validFrom, validTo: v.validTo, document: v.document, file: v.file ?? null, rules: v.rules.map((r) => r.id) })),
      })),
    );
  });

  router.get('/profiles/:id/rules', (req, res) => {
    const profile = getProfile(req.params.id);
    if (!profile) throw new NotFoundError('规则配置', req.params.id);
    const on = typeof req.query.on === 'string' ? req.query.on : undefined;
    if (on !== undefined) requireIsoDate(on, 'on');
    res.json({ profile: profile.id, on: on ?? null, rules: describeProfileRules(profile, on) });
  });

  router.get('/calendar/years', async (_req, res) => {
    res.json(await listCoveredYears(db));
  });

  router.get('/cases/:id/deadlines', async (req, res) => {
    if (!z.uuid().safeParse(req.params.id).success) throw new InputError([{ field: 'id', message: '案件编号应为 UUID' }]);
    const history = req.query.history === '1' || req.query.history === 'true';
    res.json({ caseId: req.params.id, deadlines: history ? await caseDeadlineHistory(db, req.params.id) : await listCaseDeadlines(db, req.params.id) });
  });

  router.post('/cases/:id/deadlines/recalculate', async (req, res) => {
    if (!z.uuid().safeParse(req.params.id).success) throw new InputError([{ field: 'id', message: '案件编号应为 UUID' }]);
    const parsed = RecalculateSchema.safeParse(requireObject(req.body));
    if (!parsed.success) throw inputErrorFromZod(parsed.error);
    const triggers = parsed.data.triggers ? normaliseTriggers(parsed.data.triggers) : undefined;
    const options = parsed.data.options !== undefined ? parseCaseOptions(parsed.data.options) : undefined;
    const changes = await recalculateCaseDeadlines(
      db,
      req.params.id,
      { ...(triggers ? { triggers } : {}), ...(options ? { options } : {}) },
      { actor: actorOf(req), idempotencyKey: parsed.data.idempotencyKey ?? randomUUID() },
    );
    res.json({ caseId: req.params.id, changes, deadlines: await listCaseDeadlines(db, req.params.id) });
  });

  // admin: the holiday calendar
  router.get('/admin/calendar', async (req, res) => {
    res.type('html').send(renderCalendarAdminPage(await listCoveredYears(db), req.baseUrl));
  });

  router.post('/admin/calendar/years', async (req, res) => {
    const parsed = YearSchema.safeParse(requireObject(req.body));
    if (!parsed.success) throw inputErrorFromZod(parsed.error);
    res.json(await addCalendarYear(db, parsed.data, actorOf(req)));
  });

  router.post('/admin/calendar/corrections', async (req, res) => {
    const parsed = CorrectionSchema.safeParse(requireObject(req.body));
    if (!parsed.success) throw inputErrorFromZod(parsed.error);
    res.json(await addCalendarCorrections(db, parsed.data, actorOf(req)));
  });

  return router;
}
