// Requests as a signed-in user of a seeded agency, for tests that drive the app through supertest as
// `request(app)`: a real user (test/helpers/auth.ts: roles, password, API token) and the app behind
// a thin front that adds the user's `Authorization: Bearer` header, so the app's own authentication
// sets the principal and its scope.
import express from 'express';
import type { Role } from '../../src/auth/principal.ts';
import type { Db } from '../../src/db/database.ts';
import { createTestUser, type TestUser } from './auth.ts';

/** A new user with these roles in the seeded agency with this code. */
export async function userOf(db: Db, agencyCode: string, roles: Role[] = ['clerk']): Promise<TestUser> {
  const agency = await db('agencies').where({ code: agencyCode }).first('id');
  if (!agency) throw new Error(`no agency ${agencyCode} (seed the demo region first)`);
  return createTestUser(db, { roles, agencyId: agency.id });
}

/** The app as this user sees it: every request carries the user's API token. */
export function withToken(app: express.Express, user: { token: string }): express.Express {
  const front = express();
  front.use((req, _res, next) => {
    req.headers.authorization = `Bearer ${user.token}`;
    next();
  });
  front.use(app);
  return front;
}
