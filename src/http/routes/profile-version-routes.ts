// Rule-profile versions (规则版本, issue 16 §1; docs/profiles.md): list each profile's versions, read one,
// draft one (validated, 400 naming the field path), review a draft's impact on the open cases and its
// deadlines on sample cases, activate it with a reason (audited; the changes become case events) or
// discard it. Analysts (流程分析员) and admins, as for the modeler: the low-code story is the analyst's.
import { Router, type Request } from 'express';
import { z } from 'zod';
import { principalOf } from '../../auth/principal.ts';
import { requireIsoDate } from '../../deadlines/dates.ts';
import { activateDraft, createDraft, discardDraft, draftImpact, draftPreview, getProfileVersion, listProfileVersions } from '../../deadlines/profile-versions.ts';
import { InputError } from '../../errors.ts';
import type { AppDeps } from '../app.ts';
import { accessGuards } from '../access.ts';
import { MODELER_ROLES } from './modeler-routes.ts';
import { bodyOrEmpty, validate } from '../validate.ts';

const ProfileParams = z.object({ id: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, { message: '规则配置编号格式不对' }) });
const VersionParams = ProfileParams.extend({
  versionId: z.string().regex(/^([0-9a-f-]{36}|base-\d{4}-\d{2}-\d{2})$/i, { message: '版本编号格式不对' }),
});
const DraftParams = ProfileParams.extend({ versionId: z.uuid({ message: '版本编号应为 UUID' }) });

const DraftBody = z.object({
  version: z.unknown().refine((v) => v !== undefined, { message: '缺少版本内容（version）' }),
  note: z.string().max(1000, '说明不超过1000字').optional(),
});
const DecisionBody = z.object({
  reason: z.string({ message: '请填写理由（reason）' }).trim().min(4, '理由至少4个字').max(2000, '理由不超过2000字'),
});

const PreviewQuery = z.object({
  // up to 6 comma-separated dates, each checked by the deadline engine's own rule
  dates: z
    .unknown()
    .transform((d) => (typeof d === 'string' && d ? d.split(',').map((s) => s.trim()) : undefined))
    .superRefine((dates, ctx) => {
      if (!dates) return;
      if (dates.length > 6) ctx.addIssue({ code: 'custom', message: '样例日期最多6个' });
      for (const d of dates) {
        try {
          requireIsoDate(d, 'dates');
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          ctx.addIssue({ code: 'custom', message: error.issues[0]!.message });
        }
      }
    })
    .optional(),
});

const actorOf = (req: Request) => principalOf(req).login;

export function profileVersionRoutes({ db }: Pick<AppDeps, 'db'>): Router {
  const router = Router();
  const allow = accessGuards(db);
  const analysts = () => allow.roles(...MODELER_ROLES);

  router.get('/profiles/versions', analysts(), async (_req, res) => {
    res.json(await listProfileVersions(db));
  });

  router.get('/profiles/:id/versions/:versionId', analysts(), validate({ params: VersionParams }), async (req, res) => {
    res.json(await getProfileVersion(db, req.params.id, req.params.versionId));
  });

  router.post('/profiles/:id/versions', analysts(), validate({ params: ProfileParams, body: bodyOrEmpty(DraftBody) }), async (req, res) => {
    const draft = await createDraft(db, req.params.id, req.body, actorOf(req));
    req.auditDetails = { change: 'profile-version.draft', profile: draft.profileId, versionId: draft.id, validFrom: draft.validFrom };
    res.status(201).json(draft);
  });

  router.get('/profiles/:id/versions/:versionId/impact', analysts(), validate({ params: DraftParams }), async (req, res) => {
    res.json(await draftImpact(db, req.params.id, req.params.versionId));
  });

  router.get('/profiles/:id/versions/:versionId/preview', analysts(), validate({ params: DraftParams, query: PreviewQuery }), async (req, res) => {
    res.json({ samples: await draftPreview(db, req.params.id, req.params.versionId, req.query.dates) });
  });

  router.post('/profiles/:id/versions/:versionId/activate', analysts(), validate({ params: DraftParams, body: bodyOrEmpty(DecisionBody) }), async (req, res) => {
    const outcome = await activateDraft(db, req.params.id, req.params.versionId, req.body.reason, actorOf(req));
    req.auditDetails = { change: 'profile-version.activate', profile: req.params.id, versionId: req.params.versionId, reason: req.body.reason, alreadyActivated: outcome.alreadyActivated, ...outcome.result };
    res.json(outcome);
  });

  router.post('/profiles/:id/versions/:versionId/discard', analysts(), validate({ params: DraftParams, body: bodyOrEmpty(DecisionBody) }), async (req, res) => {
    const version = await discardDraft(db, req.params.id, req.params.versionId, req.body.reason, actorOf(req));
    req.auditDetails = { change: 'profile-version.discard', profile: req.params.id, versionId: req.params.versionId, reason: req.body.reason };
    res.json(version);
  });

  return router;
}
