// Authenticated requests in tests (issue 13): a person with roles in an agency and an API token,
// and supertest clients that send the token (Bearer) or a session cookie with its CSRF header.
import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { beforeAll } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import { createApiToken } from '../../src/auth/api-tokens.ts';
import { setPassword } from '../../src/auth/accounts.ts';
import type { Role } from '../../src/auth/principal.ts';

export interface TestUser {
  personId: string;
  login: string;
  agencyId: string;
  roles: Role[];
  /** the API token (Bearer) */
  token: string;
  password: string;
}

export const TEST_PASSWORD = 'test-password-2026';

/** Hex as Chinese characters: test names stay Chinese on screen (pages check that no Latin text shows). */
const chineseTag = (hex: string) => [...hex].map((c) => '零一二三四五六七八九甲乙丙丁戊己'[parseInt(c, 16)] ?? '〇').join('');

/** An agency of its own (for users who need one that no test data uses). */
export async function createTestAgency(db: Db, fields: { name?: string; kind?: string; level?: string; parentId?: string | null } = {}): Promise<string> {
  const code = `test-agency-${randomUUID().slice(0, 8)}`;
  const [row] = await db('agencies')
    .insert({ code, name: fields.name ?? `测试机关${chineseTag(code.slice(-8))}`, kind: fields.kind ?? 'department', level: fields.level ?? 'city', parent_id: fields.parentId ?? null })
    .returning('id');
  return row.id;
}

/** A person with the roles (in the agency), a password and an API token. Without agencyId, an agency of its own. */
export async function createTestUser(
  db: Db,
  options: { roles: Role[]; agencyId?: string; login?: string; password?: string; mustChangePassword?: boolean },
): Promise<TestUser> {
  const agencyId = options.agencyId ?? (await createTestAgency(db));
  const login = options.login ?? `t-${options.roles.join('-') || 'none'}-${randomUUID().slice(0, 8)}`;
  const [person] = await db('people').insert({ agency_id: agencyId, name: `测试用户${chineseTag(login.slice(-4).toLowerCase())}`, post: '测试', kind: 'staff', login }).returning('id');
  for (const role of options.roles) await db('person_roles').insert({ person_id: person.id, role, agency_id: agencyId });
  const password = options.password ?? TEST_PASSWORD;
  await setPassword(db, person.id, password, { mustChange: options.mustChangePassword ?? false });
  const { token } = await createApiToken(db, person.id, { name: 'test' });
  return { personId: person.id, login, agencyId, roles: options.roles, token, password };
}

/** An API token for an existing person (e.g. a seeded one). */
export async function tokenFor(db: Db, personId: string): Promise<string> {
  return (await createApiToken(db, personId, { name: 'test' })).token;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type AuthedClient = Record<Method, (url: string) => request.Test>;

/** supertest with `Authorization: Bearer <token>` on every request: `as(app, user).get('/api/cases')`. */
export function as(app: Express, user: { token: string } | string): AuthedClient {
  const token = typeof user === 'string' ? user : user.token;
  const client = request(app);
  const method = (m: Method) => (url: string) => client[m](url).set('Authorization', `Bearer ${token}`);
  return { get: method('get'), post: method('post'), put: method('put'), patch: method('patch'), delete: method('delete') };
}

/** A browser-like client: logs in with the password, keeps the cookie, sends the CSRF header on every request. */
export async function loginAs(app: Express, user: { login: string; password: string }): Promise<AuthedClient & { agent: request.Agent; csrfToken: string }> {
  const agent = request.agent(app);
  const res = await agent.post('/api/session').send({ login: user.login, password: user.password });
  if (res.status !== 200) throw new Error(`login of ${user.login} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const csrfToken: string = res.body.csrfToken;
  const method = (m: Method) => (url: string) => agent[m](url).set('X-CSRF-Token', csrfToken);
  return { agent, csrfToken, get: method('get'), post: method('post'), put: method('put'), patch: method('patch'), delete: method('delete') };
}

/**
 * An admin client for a test file, its user created in a beforeAll: `const api = useAdminClient(db, app)`,
 * then `api.get('/api/cases')`. `app` may be a function when the app is made in a beforeAll.
 */
export function useAdminClient(db: Db, app: Express | (() => Express)): AuthedClient {
  let token: string | undefined;
  beforeAll(async () => {
    token = (await createTestUser(db, { roles: ['admin'] })).token;
  });
  const method = (m: Method) => (url: string) => {
    if (!token) throw new Error('useAdminClient: used before its beforeAll ran');
    // an Express app is a function too: tell it from a getter by its use()
    const target = 'use' in app ? app : (app as () => Express)();
    return request(target)[m](url).set('Authorization', `Bearer ${token}`);
  };
  return { get: method('get'), post: method('post'), put: method('put'), patch: method('patch'), delete: method('delete') };
}
