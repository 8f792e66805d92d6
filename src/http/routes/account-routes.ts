// Account management (用户管理, docs/security.md): an admin manages every account, a justice bureau
// reads its region's; outside the scope an account is a 404. Each change says what it did in the
// audit log (req.auditDetails; never a password) and kicks the engine outbox (the engine user follows).
//   GET  /api/admin/accounts?agencyId=&q=&status=&limit=&offset= → {total, items}
//   GET  /api/admin/accounts/:personId                            → the account
//   POST /api/admin/accounts {personId? | name, post, agencyId, email?; login, password?, roles} → 201 {account, password?}
//   PUT  /api/admin/accounts/:personId/roles {roles: [{role, agencyId?}]} → the account
//   POST /api/admin/accounts/:personId/disable | /enable              → the account
//   POST /api/admin/accounts/:personId/password {password?}           → {account, password?} (a generated one, shown once)
import { Router, type Request } from 'express';
import { z } from 'zod';
import { createAccount, disableAccount, enableAccount, getAccount, listAccounts, resetPassword, setRoles } from '../../auth/account-admin.ts';
import { principalOf, ROLES } from '../../auth/principal.ts';
import type { AppDeps } from '../app.ts';
import { accessGuards, roleLabel } from '../access.ts';
import { bodyOrEmpty, validate } from '../validate.ts';

const ListQuery = z.object({
  agencyId: z.uuid('agencyId 应为机关编号（UUID）').optional(),
  q: z.string().trim().max(100, '搜索词至多 100 个字符').optional(),
  status: z.enum(['active', 'disabled', 'no-account'], { message: 'status 应为 active、disabled 或 no-account' }).optional(),
  limit: z.coerce.number({ message: 'limit 应为数字' }).int().min(1, 'limit 至少为 1').max(200, 'limit 至多为 200').default(50),
  offset: z.coerce.number({ message: 'offset 应为数字' }).int().min(0, 'offset 不能为负').default(0),
});
const PersonParams = z.object({ personId: z.uuid('人员编号应为 UUID') });

const RoleGrant = z.object(
  {
    role: z.enum(ROLES, { message: `角色应为以下之一：${ROLES.map((r) => `${roleLabel(r)}（${r}）`).join('、')}` }),
    agencyId: z.uuid('agencyId 应为机关编号（UUID）').optional(),
  },
  { message: '每个角色应为 {role, agencyId?}' },
);
const Roles = z.array(RoleGrant, { message: '请选择角色（数组）' }).max(50, '角色至多 50 个');
// the length here too, so it is named with the other fields' errors (the rest of the policy: passwords.ts)
const Password = z.string({ message: '密码应为文字' }).min(10, '密码至少 10 个字符').max(200, '密码不能超过 200 个字符');

const CreateBody = z.object(
  {
    personId: z.uuid('personId 应为 UUID').optional(),
    name: z.string().trim().min(1, '请填写姓名').max(100, '姓名至多 100 个字符').optional(),
    post: z.string().trim().min(1, '请填写职务').max(100, '职务至多 100 个字符').optional(),
    agencyId: z.uuid('agencyId 应为机关编号（UUID）').optional(),
    email: z.email('电子邮箱格式不正确').optional(),
    login: z
      .string({ message: '请填写登录名' })
      .trim()
      .min(2, '登录名至少 2 个字符')
      .max(64, '登录名至多 64 个字符')
      .regex(/^[a-z0-9][a-z0-9._-]*$/, '登录名只能使用小写字母、数字和 . _ -，以字母或数字开头'),
    password: Password.optional(),
    roles: Roles.default([]),
  },
  { message: '请求体应为 JSON 对象' },
);
const RolesBody = z.object({ roles: Roles }, { message: '请求体应为 JSON 对象' });
const PasswordBody = z.object({ password: Password.optional() }, { message: '请求体应为 JSON 对象' });

export function accountRoutes({ db, engineCommands }: AppDeps): Router {
  const router = Router();
  const allow = accessGuards(db);
  const changed = (req: Request, details: Record<string, unknown>) => {
    req.auditDetails = details;
    engineCommands.kick();
  };

  router.get('/admin/accounts', allow.roles('admin', 'justice-bureau'), validate({ query: ListQuery }), async (req, res) => {
    res.json(await listAccounts(db, principalOf(req), req.query));
  });

  router.get('/admin/accounts/:personId', allow.roles('admin', 'justice-bureau'), validate({ params: PersonParams }), async (req, res) => {
    res.json(await getAccount(db, principalOf(req), req.params.personId));
  });

  router.post('/admin/accounts', allow.roles('admin'), validate({ body: bodyOrEmpty(CreateBody) }), async (req, res) => {
    const principal = principalOf(req);
    const created = await createAccount(db, principal, req.body);
    changed(req, created.changes);
    res.status(201).json({ account: await getAccount(db, principal, created.personId), ...(created.generatedPassword ? { password: created.generatedPassword } : {}) });
  });

  router.put('/admin/accounts/:personId/roles', allow.roles('admin'), validate({ params: PersonParams, body: bodyOrEmpty(RolesBody) }), async (req, res) => {
    const principal = principalOf(req);
    changed(req, await setRoles(db, principal, req.params.personId, req.body.roles));
    res.json(await getAccount(db, principal, req.params.personId));
  });

  router.post('/admin/accounts/:personId/disable', allow.roles('admin'), validate({ params: PersonParams }), async (req, res) => {
    const principal = principalOf(req);
    changed(req, await disableAccount(db, principal, req.params.personId));
    res.json(await getAccount(db, principal, req.params.personId));
  });

  router.post('/admin/accounts/:personId/enable', allow.roles('admin'), validate({ params: PersonParams }), async (req, res) => {
    const principal = principalOf(req);
    changed(req, await enableAccount(db, principal, req.params.personId));
    res.json(await getAccount(db, principal, req.params.personId));
  });

  router.post('/admin/accounts/:personId/password', allow.roles('admin'), validate({ params: PersonParams, body: bodyOrEmpty(PasswordBody) }), async (req, res) => {
    const principal = principalOf(req);
    const reset = await resetPassword(db, principal, req.params.personId, req.body.password);
    changed(req, reset.changes);
    res.json({ account: await getAccount(db, principal, req.params.personId), ...(reset.generatedPassword ? { password: reset.generatedPassword } : {}) });
  });

  return router;
}
