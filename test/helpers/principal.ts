// Requests as a signed-in user, until the security branch's authentication middleware and its test
// helper are merged: the app is mounted behind a middleware that sets the Principal, the way the
// authentication middleware will.
import express from 'express';
import type { Principal, Role } from '../../src/auth/principal.ts';
import type { Db } from '../../src/db/database.ts';

/** A principal of the agency with this code who sees the given agencies (codes), or every agency (null). */
export async function principalOf(db: Db, agencyCode: string, visibleCodes: string[] | null, roles: Role[] = ['clerk']): Promise<Principal> {
  const agency = await db('agencies').where({ code: agencyCode }).first('id', 'name');
  const visible = visibleCodes === null ? null : ((await db('agencies').whereIn('code', visibleCodes).pluck('id')) as string[]);
  return { personId: agency.id, login: `${agencyCode}-test-${roles.join('-')}`, name: '测试用户', agencyId: agency.id, agencyName: agency.name, roles, visibleAgencyIds: visible, via: 'session' };
}

/** The app as this principal sees it. */
export function asPrincipal(app: express.Express, principal: Principal): express.Express {
  const outer = express();
  outer.use((req, _res, next) => {
    req.principal = principal;
    next();
  });
  outer.use(app);
  return outer;
}
