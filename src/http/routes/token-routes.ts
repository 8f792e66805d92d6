// API tokens (issue 13 §1): a user manages their own, an admin anyone's. The secret is in the
// answer of the creation only.
//   GET    /api/tokens[?personId=]         → the live tokens (prefix, name, last used), own unless admin
//   POST   /api/tokens {name, expiresInDays?, personId?} → 201 {…, token}
//   DELETE /api/tokens/:id                  → the token, revoked (someone else's: 404 unless admin)
import { Router } from 'express';
import { z } from 'zod';
import { createApiToken, getApiToken, listApiTokens, revokeApiToken } from '../../auth/api-tokens.ts';
import { hasRole, principalOf, type Principal } from '../../auth/principal.ts';
import { NotFoundError } from '../../errors.ts';
import type { AppDeps } from '../app.ts';
import { accessGuards, requireRoles } from '../access.ts';
import { bodyOrEmpty, validate } from '../validate.ts';

const ListQuery = z.object({ personId: z.uuid('personId 应为 UUID').optional() });
const CreateBody = z.object(
  {
    name: z.string({ message: '请填写令牌名称（用途）' }).trim().min(1, '请填写令牌名称（用途）').max(100, '名称至多 100 个字符'),
    expiresInDays: z.number({ message: 'expiresInDays 应为天数' }).int().min(1, '有效期至少 1 天').max(3650, '有效期至多 3650 天').optional(),
    personId: z.uuid('personId 应为 UUID').optional(),
  },
  { message: '请求体应为 JSON 对象' },
);
const IdParams = z.object({ id: z.uuid('令牌编号应为 UUID') });

/** The person whose tokens are meant: oneself, or (admin only) another. */
function ownerOf(principal: Principal, personId: string | undefined): string {
  if (!personId || personId === principal.personId) return principal.personId;
  requireRoles(principal, ['admin']);
  return personId;
}

export function tokenRoutes({ db }: AppDeps): Router {
  const router = Router();
  const allow = accessGuards(db);

  router.get('/tokens', allow.byHandler('own tokens; an admin anyone’s'), validate({ query: ListQuery }), async (req, res) => {
    res.json(await listApiTokens(db, { personId: ownerOf(principalOf(req), req.query.personId) }));
  });

  router.post('/tokens', allow.byHandler('own tokens; an admin anyone’s'), validate({ body: bodyOrEmpty(CreateBody) }), async (req, res) => {
    const principal = principalOf(req);
    const personId = ownerOf(principal, req.body.personId);
    if (personId !== principal.personId && !(await db('people').where({ id: personId }).first('id'))) throw new NotFoundError('用户', personId);
    const expiresAt = req.body.expiresInDays ? new Date(Date.now() + req.body.expiresInDays * 86_400_000) : null;
    const created = await createApiToken(db, personId, { name: req.body.name, createdBy: principal.personId, expiresAt });
    res.status(201).json(created);
  });

  router.delete('/tokens/:id', allow.byHandler('own tokens; an admin anyone’s'), validate({ params: IdParams }), async (req, res) => {
    const principal = principalOf(req);
    const token = await getApiToken(db, req.params.id);
    // someone else's token does not exist for a non-admin
    if (token.personId !== principal.personId && !hasRole(principal, 'admin')) throw new NotFoundError('令牌 / API token', req.params.id);
    res.json(await revokeApiToken(db, token.id));
  });

  return router;
}
