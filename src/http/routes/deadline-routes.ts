// Deadline engine API: compute a deadline, list profiles and rules, the case's deadlines and their
// recalculation, and the admin calendar (add a year / correct days → recompute provisional deadlines).
import { Router, type Request, type RequestHandler } from 'express';
import { principalOf } from '../../auth/principal.ts';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { InputError, NotFoundError } from '../../errors.ts';
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
import { accessGuards } from '../access.ts';
import { validate } from '../validate.ts';

const CalendarDaySchema = z.object({
  date: z.string(),
  isOffDay: z.boolean({ message: 'isOffDay 应为 true（休息日）或 false（上班日）' }),
  name: z.string().min(1, '缺少名称').max(40),
});

const notAnObject = { message: '请求体应为 JSON 对象' };

const YearSchema = z.object(
  {
    year: z.number().int().min(2004).max(2099),
    notice: z.string().min(4, '请填写放假通知的文号或标题').max(200),
    days: z.array(CalendarDaySchema).min(1, '至少录入一天').max(200),
  },
  notAnObject,
);

const CorrectionSchema = z.object(
  {
    reason: z.string().min(2, '请填写更正原因').max(500),
    days: z.array(CalendarDaySchema.extend({ reason: z.string().max(500).optional() })).min(1).max(100),
  },
  notAnObject,
);

const RecalculateSchema = z.object(
  {
    triggers: z.record(z.string(), z.union([z.string(), z.null()])).optional(),
    options: z.unknown().optional(),
    idempotencyKey: z.string().min(1).max(200).optional(),
  },
  notAnObject,
);

// the engine checks the fields of a computation itself; here only the shape of the body
const ComputeBody = z.record(z.string(), z.unknown(), notAnObject);
const ComputeBatchBody = z.array(z.unknown(), { message: '请求体应为 {profile, rule, trigger} 数组' });

const CaseIdParams = z.object({ id: z.uuid({ message: '案件编号应为 UUID' }) });

const ProfileParams = z.object({ id: z.string() });
const RulesQuery = z.object({
  // a date checked by the deadline engine's own rule (and its messages); a repeated ?on is ignored
  on: z
    .unknown()
    .transform((on) => (typeof on === 'string' ? on : undefined))
    .superRefine((on, ctx) => {
      if (on === undefined) return;
      try {
        requireIsoDate(on, 'on');
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        for (const issue of error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
      }
    })
    .optional(),
});

const HistoryQuery = z.object({ history: z.unknown().transform((h) => h === '1' || h === 'true').optional() });

// the actor recorded with a calendar change or a recalculation: the signed-in person's login
const actorOf = (req: Request) => principalOf(req).login;

/** Who recalculates a case's deadlines. */
const RECALCULATE_ROLES = ['legal-affairs', 'handler', 'admin'] as const;

export function deadlineRoutes({ db }: AppDeps): Router {
  const router = Router();
  const allow = accessGuards(db);

  router.post('/deadlines/compute', allow.signedIn(), validate({ body: ComputeBody }), async (req, res) => {
    res.json(computeDeadline(await loadCalendar(db), req.body));
  });

  router.post('/deadlines/compute-batch', allow.signedIn(), validate({ body: ComputeBatchBody }), async (req, res) => {
    res.json(computeBatch(await loadCalendar(db), req.body));
  });

  router.get('/profiles', allow.signedIn(), (_req, res) => {
    res.json(
      listProfiles().map((p) => ({
        id: p.id,
        name: p.name,
        parent: p.parent,
        versions: p.versions.map((v) => ({ validFrom: v.validFrom, validTo: v.validTo, document: v.document, file: v.file ?? null, rules: v.rules.map((r) => r.id) })),
      })),
    );
  });

  // 404 before 400: an unknown profile is named before the date is checked
  const knownProfile: RequestHandler<{ id: string }> = (req, _res, next) => {
    if (!getProfile(req.params.id)) throw new NotFoundError('规则配置', req.params.id);
    next();
  };

  router.get('/profiles/:id/rules', allow.signedIn(), knownProfile, validate({ params: ProfileParams, query: RulesQuery }), (req, res) => {
    const profile = getProfile(req.params.id)!;
    const { on } = req.query;
    res.json({ profile: profile.id, on: on ?? null, rules: describeProfileRules(profile, on) });
  });

  router.get('/calendar/years', allow.signedIn(), async (_req, res) => {
    res.json(await listCoveredYears(db));
  });

  router.get('/cases/:id/deadlines', validate({ params: CaseIdParams, query: HistoryQuery }), allow.case('id'), async (req, res) => {
    const { id } = req.params;
    res.json({ caseId: id, deadlines: req.query.history ? await caseDeadlineHistory(db, id) : await listCaseDeadlines(db, id) });
  });

  router.post('/cases/:id/deadlines/recalculate', validate({ params: CaseIdParams }), allow.case('id', ...RECALCULATE_ROLES), validate({ body: RecalculateSchema }), async (req, res) => {
    const body = req.body;
    const triggers = body.triggers ? normaliseTriggers(body.triggers) : undefined;
    const options = body.options !== undefined ? parseCaseOptions(body.options) : undefined;
    const changes = await recalculateCaseDeadlines(
      db,
      req.params.id,
      { ...(triggers ? { triggers } : {}), ...(options ? { options } : {}) },
      { actor: actorOf(req), idempotencyKey: body.idempotencyKey ?? randomUUID() },
    );
    res.json({ caseId: req.params.id, changes, deadlines: await listCaseDeadlines(db, req.params.id) });
  });

  // admin: the holiday calendar
  router.get('/admin/calendar', allow.roles('admin'), async (req, res) => {
    res.type('html').send(renderCalendarAdminPage(await listCoveredYears(db), req.baseUrl));
  });

  router.post('/admin/calendar/years', allow.roles('admin'), validate({ body: YearSchema }), async (req, res) => {
    res.json(await addCalendarYear(db, req.body, actorOf(req)));
  });

  router.post('/admin/calendar/corrections', allow.roles('admin'), validate({ body: CorrectionSchema }), async (req, res) => {
    res.json(await addCalendarCorrections(db, req.body, actorOf(req)));
  });

  return router;
}
