// The authorisation matrix (issue 13 §3): every route of the app × every role × a user of the case's
// own agency (own region for a justice bureau) and of another one → the expected status. The routes
// come from the Express app itself, so a route added without an entry in ROUTES fails this test, and
// so does a route whose handlers declare no access (src/http/access.ts).
//
// Adding a route: add one line to ROUTES — its request (path and body, from the fixture) and the
// expectation, usually one of everyone / adminOnly / roles / caseRead / caseWrite below.
//
// Tier: db (real PostgreSQL, the engine port's fake).
import pino from 'pino';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../src/auth/principal.ts';
import { createApiToken } from '../../../src/auth/api-tokens.ts';
import { loadConfig } from '../../../src/config.ts';
import { createApp } from '../../../src/http/app.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { registeredRoutes } from '../../helpers/app-routes.ts';
import { createTestUser, type TestUser } from '../../helpers/auth.ts';
import { insertLedgerCase, useTestDb } from '../../helpers/test-db.ts';

const db = useTestDb();
const engine = createFakeProcessEngine();
const app = createApp({ config: { ...loadConfig(), LOGIN_MAX_FAILURES_PER_IP: 100_000 }, db, engine, engineCommands: { kick() {} }, logger: pino({ level: 'silent' }) });
/**
 * The ledger database is shared by the files running in parallel, and their dispatchers take every
 * due command: the start commands of the cases registered here are settled at once (no dispatcher
 * here), so none is left for another file's dispatcher, and none of theirs is taken.
 */
const settleStartCommands = (caseId: string) => db('engine_commands').where({ case_id: caseId, status: 'pending' }).update({ status: 'done', done_at: db.fn.now() });

/** a draft id that names no version */
const MATRIX_NO_VERSION = '00000000-0000-4000-8000-000000000616';

type Side = 'own' | 'other';
interface Caller {
  role: Role;
  side: Side;
  user: TestUser;
}
/** What a route's requests may use: the case of the own agency and its records. */
interface Fixture {
  caseId: string;
  agencyId: string;
  documentId: string;
  caller: Caller;
  /** someone else's person (for the admin routes about people and tokens) */
  otherPersonId: string;
}
interface RouteCase {
  /** the request: the path (with the fixture's ids) and the JSON body; may prepare data first */
  request: (f: Fixture) => Promise<{ path: string; body?: unknown }> | { path: string; body?: unknown };
  expect: (c: Caller) => number;
}

// ── expectations ───────────────────────────────────────────────────────────────────────────────
/** the case is visible: own agency (own region for a justice bureau), or admin */
const sees = (c: Caller) => c.side === 'own' || c.role === 'admin';
const everyone = (status = 200) => () => status;
const adminOnly = (status = 200) => (c: Caller) => (c.role === 'admin' ? status : 403);
const roles = (allowed: Role[], status = 200) => (c: Caller) => (allowed.includes(c.role) ? status : 403);
/** a case route: 404 outside the scope (never 403: nobody learns the case exists), then the roles */
const caseRead = (status = 200) => (c: Caller) => (sees(c) ? status : 404);
const caseWrite = (allowed: Role[], status: number) => (c: Caller) => (!sees(c) ? 404 : allowed.includes(c.role) ? status : 403);

const WRITERS: Role[] = ['clerk', 'legal-affairs', 'handler', 'admin'];
/** a fresh open task of the case for the clerks */
const clerkTask = (f: Fixture) => engine.addUserTask({ taskDefinitionKey: 'reg_check', processInstanceId: 'pi-matrix', businessKey: f.caseId, candidateGroups: ['clerk'] }).id;
let serial = 0;
/** A draft report of the agency (statistics_reports), made once per run. */
let matrixReportId: Promise<string> | undefined;
const matrixReport = (agencyId: string) =>
  (matrixReportId ??= (async () => {
    const figures = { scope: { agencyId, agencyName: '示例', label: '示例', agencyIds: [agencyId] }, lines: [], ranking: [], asOf: '2026-12-31', appearanceFigure: { id: 'head-appearance-rate-instance', basis: '审级' }, period: { label: '2026', name: '2026年', from: '2026-01-01', to: '2026-12-31' } };
    const [row] = await db('statistics_reports')
      .insert({ kind: 'annual-report', period: '2026', agency_id: agencyId, profile: 'national', figures: JSON.stringify(figures) })
      .onConflict(['kind', 'period', 'agency_id'])
      .merge(['figures'])
      .returning('id');
    return row.id as string;
  })());

// ── the routes ─────────────────────────────────────────────────────────────────────────────────
// Keys are "METHOD path" as the app registers them (mounted under /api unless the path says otherwise).
const ROUTES: Record<string, RouteCase> = {
  'GET /healthz': { request: () => ({ path: '/healthz' }), expect: everyone() },
  // single sign-on: public, and 404 here where no provider is configured (test/db/auth/oidc.test.ts has one)
  'GET /auth/oidc/login': { request: () => ({ path: '/auth/oidc/login' }), expect: everyone(404) },
  'GET /auth/oidc/callback': { request: () => ({ path: '/auth/oidc/callback?code=x&state=y' }), expect: everyone(404) },

  // session and tokens
  'POST /api/session': { request: (f) => ({ path: '/api/session', body: { login: f.caller.user.login, password: f.caller.user.password } }), expect: everyone() },
  'GET /api/session': { request: () => ({ path: '/api/session' }), expect: everyone() },
  'DELETE /api/session': { request: () => ({ path: '/api/session' }), expect: everyone(204) },
  'DELETE /api/sessions': { request: () => ({ path: '/api/sessions' }), expect: everyone() },
  'POST /api/session/password': { request: (f) => ({ path: '/api/session/password', body: { currentPassword: f.caller.user.password, newPassword: `changed-${f.caller.user.password}` } }), expect: everyone() },
  'GET /api/tokens': { request: () => ({ path: '/api/tokens' }), expect: everyone() },
  'POST /api/tokens': { request: () => ({ path: '/api/tokens', body: { name: '矩阵测试' } }), expect: everyone(201) },
  // someone else's token: only an admin may revoke it, for anyone else it does not exist
  'DELETE /api/tokens/:id': { request: async (f) => ({ path: `/api/tokens/${(await createApiToken(db, f.otherPersonId, { name: 'x' })).id}` }), expect: (c) => (c.role === 'admin' ? 200 : 404) },
  'GET /api/admin/audit': { request: () => ({ path: '/api/admin/audit' }), expect: roles(['admin', 'justice-bureau']) },

  // accounts (用户管理): an admin manages everyone's; a justice bureau reads its region's (another region's person: 404)
  'GET /api/admin/accounts': { request: () => ({ path: '/api/admin/accounts' }), expect: roles(['admin', 'justice-bureau']) },
  'GET /api/admin/accounts/:personId': {
    request: async (f) => ({ path: `/api/admin/accounts/${(await createTestUser(db, { roles: ['clerk'], agencyId: f.agencyId })).personId}` }),
    expect: (c) => (c.role === 'admin' ? 200 : c.role === 'justice-bureau' ? (sees(c) ? 200 : 404) : 403),
  },
  // an incomplete body is a 400 past the guard; the changes act on a person of the case's agency made for the request
  'POST /api/admin/accounts': { request: () => ({ path: '/api/admin/accounts', body: {} }), expect: adminOnly(400) },
  'PUT /api/admin/accounts/:personId/roles': { request: async (f) => ({ path: `/api/admin/accounts/${(await createTestUser(db, { roles: ['clerk'], agencyId: f.agencyId })).personId}/roles`, body: { roles: [{ role: 'handler' }] } }), expect: adminOnly() },
  'POST /api/admin/accounts/:personId/disable': { request: async (f) => ({ path: `/api/admin/accounts/${(await createTestUser(db, { roles: ['clerk'], agencyId: f.agencyId })).personId}/disable` }), expect: adminOnly() },
  'POST /api/admin/accounts/:personId/enable': { request: async (f) => ({ path: `/api/admin/accounts/${(await createTestUser(db, { roles: ['clerk'], agencyId: f.agencyId })).personId}/enable` }), expect: adminOnly() },
  'POST /api/admin/accounts/:personId/password': { request: async (f) => ({ path: `/api/admin/accounts/${(await createTestUser(db, { roles: ['clerk'], agencyId: f.agencyId })).personId}/password`, body: {} }), expect: adminOnly() },

  // reference data and computations: any signed-in user
  'GET /api/openapi.json': { request: () => ({ path: '/api/openapi.json' }), expect: everyone() },
  'GET /api/agencies': { request: () => ({ path: '/api/agencies' }), expect: everyone() },
  'GET /api/profiles': { request: () => ({ path: '/api/profiles' }), expect: everyone() },
  'GET /api/profiles/:id/rules': { request: () => ({ path: '/api/profiles/liaocheng/rules' }), expect: everyone() },
  'GET /api/calendar/years': { request: () => ({ path: '/api/calendar/years' }), expect: everyone() },
  'POST /api/deadlines/compute': { request: () => ({ path: '/api/deadlines/compute', body: { profile: 'national', rule: 'answer-and-evidence', trigger: '2026-09-22' } }), expect: everyone() },
  'POST /api/deadlines/compute-batch': { request: () => ({ path: '/api/deadlines/compute-batch', body: [{ profile: 'national', rule: 'answer-and-evidence', trigger: '2026-09-22' }] }), expect: everyone() },

  // cases
  'GET /api/cases': { request: () => ({ path: '/api/cases' }), expect: everyone() },
  // registering: for the own agency, by the writer roles (a user of another agency may not register for it)
  'POST /api/cases': {
    request: (f) => ({
      path: '/api/cases',
      body: { agencyId: f.agencyId, caseNumber: `（2026）鲁1502行初${70000 + ++serial}号`, court: '聊城市东昌府区人民法院', level: 'first', cause: '行政处罚', actUnderSuit: { description: '罚款', madeByAgencyId: f.agencyId }, reconsideration: { status: 'none' }, plaintiffs: [{ name: '某公司', type: 'enterprise' }], plaintiffCount: 1, complaintReceivedOn: '2026-05-06' },
    }),
    expect: (c) => (WRITERS.includes(c.role) && sees(c) ? 201 : 403),
  },
  'GET /api/cases/:id': { request: (f) => ({ path: `/api/cases/${f.caseId}` }), expect: caseRead() },
  // the ledger's export: the user's own scope, like the ledger
  'GET /api/cases/export.xlsx': { request: () => ({ path: '/api/cases/export.xlsx?q=matrix-none' }), expect: everyone() },
  // intake: who registers cases reads the court's papers and imports cases in progress; no file is a 400 past the guard
  'POST /api/court-papers/extract': { request: () => ({ path: '/api/court-papers/extract', body: {} }), expect: roles(WRITERS, 400) },
  'GET /api/imports/template.xlsx': { request: () => ({ path: '/api/imports/template.xlsx' }), expect: everyone() },
  'POST /api/imports': { request: () => ({ path: '/api/imports', body: {} }), expect: roles(WRITERS, 400) },
  // someone else's import: only a user who sees every agency (admin) may read it, for anyone else it does not exist
  'GET /api/imports/:id': {
    request: async () => ({ path: `/api/imports/${(await db('import_jobs').insert({ file_name: 'x.xlsx', file_sha256: 'x', status: 'done', created_by: 'matrix-someone-else' }).returning('id'))[0].id}` }),
    expect: (c) => (c.role === 'admin' ? 200 : 404),
  },
  // an empty event: past the guard it is a 400 naming the field
  'POST /api/cases/:id/events': { request: (f) => ({ path: `/api/cases/${f.caseId}/events`, body: {} }), expect: caseWrite(WRITERS, 400) },
  'GET /api/cases/:id/tasks': { request: (f) => ({ path: `/api/cases/${f.caseId}/tasks` }), expect: caseRead() },
  'GET /api/cases/:id/deadlines': { request: (f) => ({ path: `/api/cases/${f.caseId}/deadlines` }), expect: caseRead() },
  'POST /api/cases/:id/deadlines/recalculate': { request: (f) => ({ path: `/api/cases/${f.caseId}/deadlines/recalculate`, body: {} }), expect: caseWrite(['legal-affairs', 'handler', 'admin'], 200) },
  // a clerk's task of the case: only a clerk who sees the case completes it (an admin is no candidate)
  'POST /api/tasks/:key/complete': {
    request: (f) => ({ path: `/api/tasks/${engine.addUserTask({ taskDefinitionKey: 'reg_check', processInstanceId: 'pi-matrix', businessKey: f.caseId, candidateGroups: ['clerk'] }).id}/complete`, body: { variables: {} } }),
    expect: caseWrite(['clerk'], 200),
  },

  // the workspace (src/http/routes/workspace-routes.ts): the own home and inbox; a clerk's task of the
  // case is claimed, given back and opened only by a clerk who sees the case (an admin is no candidate)
  'GET /api/home': { request: () => ({ path: '/api/home' }), expect: everyone() },
  'GET /api/tasks': { request: () => ({ path: '/api/tasks' }), expect: everyone() },
  'POST /api/tasks/:id/claim': { request: (f) => ({ path: `/api/tasks/${clerkTask(f)}/claim` }), expect: caseWrite(['clerk'], 200) },
  'POST /api/tasks/:id/unclaim': { request: (f) => ({ path: `/api/tasks/${clerkTask(f)}/unclaim` }), expect: caseWrite(['clerk'], 200) },
  'GET /api/tasks/:id/form': { request: (f) => ({ path: `/api/tasks/${clerkTask(f)}/form` }), expect: caseWrite(['clerk'], 200) },
  'GET /api/cases/:id/diagram': { request: (f) => ({ path: `/api/cases/${f.caseId}/diagram` }), expect: caseRead() },

  // documents: an unknown kind is a 400 past the guard (rendering is tested elsewhere)
  'POST /api/cases/:caseId/documents': { request: (f) => ({ path: `/api/cases/${f.caseId}/documents`, body: { kind: 'no-such-kind' } }), expect: caseWrite(['handler', 'legal-affairs', 'legal-counsel', 'admin'], 400) },
  'GET /api/cases/:caseId/documents': { request: (f) => ({ path: `/api/cases/${f.caseId}/documents` }), expect: caseRead() },
  'GET /api/documents/:id': { request: (f) => ({ path: `/api/documents/${f.documentId}` }), expect: caseRead() },

  // notifications: the own inbox
  'GET /api/notifications': { request: () => ({ path: '/api/notifications' }), expect: everyone() },
  'POST /api/notifications/read-all': { request: () => ({ path: '/api/notifications/read-all' }), expect: everyone() },
  'POST /api/notifications/:id/read': { request: () => ({ path: '/api/notifications/999999999/read' }), expect: everyone(404) },

  // statistics: the catalogue for everyone; the figures of an agency only for those who see it
  'GET /api/statistics/figures': { request: () => ({ path: '/api/statistics/figures' }), expect: everyone() },
  'GET /api/statistics': { request: (f) => ({ path: `/api/statistics?scope=agency:${f.agencyId}&period=2026` }), expect: (c) => (sees(c) ? 200 : 403) },
  'GET /api/statistics/scopes': { request: () => ({ path: '/api/statistics/scopes' }), expect: everyone() },
  'GET /api/statistics/export.xlsx': { request: (f) => ({ path: `/api/statistics/export.xlsx?scope=agency:${f.agencyId}&period=2026` }), expect: (c) => (sees(c) ? 200 : 403) },
  'GET /api/statistics/trend': { request: (f) => ({ path: `/api/statistics/trend?scope=agency:${f.agencyId}&from=2026Q1&to=2026Q2` }), expect: (c) => (sees(c) ? 200 : 403) },
  'GET /api/statistics/trend.xlsx': { request: (f) => ({ path: `/api/statistics/trend.xlsx?scope=agency:${f.agencyId}&from=2026Q1&to=2026Q2` }), expect: (c) => (sees(c) ? 200 : 403) },
  'GET /api/statistics/ranking': { request: (f) => ({ path: `/api/statistics/ranking?scope=agency:${f.agencyId}&period=2026&figure=cases-new` }), expect: (c) => (sees(c) ? 200 : 403) },
  'GET /api/statistics/ranking.xlsx': { request: (f) => ({ path: `/api/statistics/ranking.xlsx?scope=agency:${f.agencyId}&period=2026&figure=cases-new` }), expect: (c) => (sees(c) ? 200 : 403) },
  'GET /api/statistics/cases': { request: (f) => ({ path: `/api/statistics/cases?scope=agency:${f.agencyId}&period=2026&figure=cases-new` }), expect: (c) => (sees(c) ? 200 : 403) },
  'GET /api/statistics/cases.xlsx': { request: (f) => ({ path: `/api/statistics/cases.xlsx?scope=agency:${f.agencyId}&period=2026&figure=cases-new` }), expect: (c) => (sees(c) ? 200 : 403) },

  // rule-profile versions: analysts and admins; the shared database's profiles must not change here (an empty body is a 400
  // past the guard, an unknown draft a 404)
  'GET /api/profiles/versions': { request: () => ({ path: '/api/profiles/versions' }), expect: roles(['analyst', 'admin']) },
  'GET /api/profiles/:id/versions/:versionId': { request: () => ({ path: '/api/profiles/liaocheng/versions/base-2022-02-01' }), expect: roles(['analyst', 'admin']) },
  'POST /api/profiles/:id/versions': { request: () => ({ path: '/api/profiles/liaocheng/versions', body: {} }), expect: roles(['analyst', 'admin'], 400) },
  'GET /api/profiles/:id/versions/:versionId/impact': { request: () => ({ path: `/api/profiles/liaocheng/versions/${MATRIX_NO_VERSION}/impact` }), expect: roles(['analyst', 'admin'], 404) },
  'GET /api/profiles/:id/versions/:versionId/preview': { request: () => ({ path: `/api/profiles/liaocheng/versions/${MATRIX_NO_VERSION}/preview` }), expect: roles(['analyst', 'admin'], 404) },
  'POST /api/profiles/:id/versions/:versionId/activate': { request: () => ({ path: `/api/profiles/liaocheng/versions/${MATRIX_NO_VERSION}/activate`, body: {} }), expect: roles(['analyst', 'admin'], 400) },
  'POST /api/profiles/:id/versions/:versionId/discard': { request: () => ({ path: `/api/profiles/liaocheng/versions/${MATRIX_NO_VERSION}/discard`, body: {} }), expect: roles(['analyst', 'admin'], 400) },

  // assessment (考核): the catalogue for everyone; score sheets of an agency or region only for those who see it;
  // adjustments by a justice bureau or an admin (an empty body is a 400 past the guard)
  'GET /api/assessment/items': { request: () => ({ path: '/api/assessment/items' }), expect: everyone() },
  'GET /api/assessment/score-sheets': { request: (f) => ({ path: `/api/assessment/score-sheets?region=${f.agencyId}&year=2025` }), expect: (c) => (sees(c) ? 200 : 403) },
  'GET /api/assessment/score-sheets/:agencyId/:year': { request: (f) => ({ path: `/api/assessment/score-sheets/${f.agencyId}/2025` }), expect: (c) => (sees(c) ? 200 : 403) },
  'POST /api/assessment/score-sheets/:agencyId/:year/adjustments': { request: (f) => ({ path: `/api/assessment/score-sheets/${f.agencyId}/2025/adjustments`, body: {} }), expect: roles(['justice-bureau', 'admin'], 400) },
  // the browser modeler and the process catalogue: analysts and admins (no process deployed in the fake: 404; empty bodies: 400 past the guard)
  'GET /api/modeler/templates': { request: () => ({ path: '/api/modeler/templates' }), expect: roles(['analyst', 'admin']) },
  'GET /api/modeler/processes': { request: () => ({ path: '/api/modeler/processes' }), expect: roles(['analyst', 'admin']) },
  'GET /api/modeler/processes/:key/xml': { request: () => ({ path: '/api/modeler/processes/matrix-none/xml' }), expect: roles(['analyst', 'admin'], 404) },
  'GET /api/modeler/forms/:formId': { request: () => ({ path: '/api/modeler/forms/matrix-none' }), expect: roles(['analyst', 'admin'], 404) },
  'POST /api/modeler/check': { request: () => ({ path: '/api/modeler/check', body: {} }), expect: roles(['analyst', 'admin'], 400) },
  'POST /api/modeler/deployments': { request: () => ({ path: '/api/modeler/deployments', body: {} }), expect: roles(['analyst', 'admin'], 400) },
  'POST /api/modeler/migrations/plan': { request: () => ({ path: '/api/modeler/migrations/plan', body: {} }), expect: roles(['analyst', 'admin'], 400) },
  'POST /api/modeler/migrations/dry-run': { request: () => ({ path: '/api/modeler/migrations/dry-run', body: {} }), expect: roles(['analyst', 'admin'], 400) },
  'POST /api/modeler/migrations': { request: () => ({ path: '/api/modeler/migrations', body: {} }), expect: roles(['analyst', 'admin'], 400) },
  // periodic reports: a report of the own agency (a department here) is seen by whoever sees the agency, 404 otherwise; not filed yet → 409
  'GET /api/statistics/reports': { request: () => ({ path: '/api/statistics/reports' }), expect: everyone() },
  'POST /api/statistics/reports': { request: () => ({ path: '/api/statistics/reports', body: {} }), expect: roles(['justice-bureau', 'admin'], 400) },
  'GET /api/statistics/reports/:id': { request: async (f) => ({ path: `/api/statistics/reports/${await matrixReport(f.agencyId)}` }), expect: caseRead() },
  'GET /api/statistics/reports/:id/:format': { request: async (f) => ({ path: `/api/statistics/reports/${await matrixReport(f.agencyId)}/pdf` }), expect: caseRead(409) },
  'GET /api/statistics/export': { request: (f) => ({ path: `/api/statistics/export?scope=agency:${f.agencyId}&period=2026` }), expect: (c) => (sees(c) ? 200 : 403) },

  // admin
  'GET /api/admin/calendar': { request: () => ({ path: '/api/admin/calendar' }), expect: adminOnly() },
  // the shared calendar must not change here: an incomplete body is a 400 past the guard
  'POST /api/admin/calendar/years': { request: () => ({ path: '/api/admin/calendar/years', body: {} }), expect: adminOnly(400) },
  'POST /api/admin/calendar/corrections': { request: () => ({ path: '/api/admin/calendar/corrections', body: {} }), expect: adminOnly(400) },
  'GET /api/admin/engine-commands': { request: () => ({ path: '/api/admin/engine-commands' }), expect: adminOnly() },
  'GET /api/admin/notifications': { request: () => ({ path: '/api/admin/notifications' }), expect: adminOnly() },
  'POST /api/admin/notifications/:id/retry': { request: () => ({ path: '/api/admin/notifications/999999999/retry' }), expect: adminOnly(404) },
  'GET /api/admin/notification-channels': { request: () => ({ path: '/api/admin/notification-channels' }), expect: adminOnly() },
  'PUT /api/admin/notification-channels/agencies/:agencyId/:channel': { request: (f) => ({ path: `/api/admin/notification-channels/agencies/${f.agencyId}/email`, body: { enabled: true } }), expect: adminOnly() },
  'PUT /api/admin/notification-channels/people/:personId/:channel': { request: (f) => ({ path: `/api/admin/notification-channels/people/${f.otherPersonId}/email`, body: { enabled: true } }), expect: adminOnly() },
};

/** Routes anyone may call without a login. A public route is a deliberate choice: add it here too. */
const PUBLIC_ROUTES = ['GET /auth/oidc/callback', 'GET /auth/oidc/login', 'POST /api/session'];

// ── the run ────────────────────────────────────────────────────────────────────────────────────
const callers: Caller[] = [];
let fixtureBase: Omit<Fixture, 'caller'>;

beforeAll(async () => {
  await seedDemoRegion(db);
  const agency = async (code: string) => (await db('agencies').where({ code }).first('id')).id as string;
  const [own, other, ownBureau, otherBureau, government] = (await Promise.all(['liaocheng-dept', 'yantai-dept', 'liaocheng-justice', 'yantai-justice', 'demo-gov'].map(agency))) as [string, string, string, string, string];
  for (const role of ROLES) {
    for (const side of ['own', 'other'] as const) {
      const agencyId = role === 'justice-bureau' ? (side === 'own' ? ownBureau : otherBureau) : role === 'admin' ? government : side === 'own' ? own : other;
      callers.push({ role, side, user: await createTestUser(db, { roles: [role], agencyId }) });
    }
  }
  const theCase = await insertLedgerCase(db, { agency_id: own });
  const [document] = await db('documents')
    .insert({ case_id: theCase.id, agency_id: own, kind: 'answer-brief', title: '行政答辩状', series_key: `matrix:${theCase.id}`, version: 1, format: 'pdf', template_version: 'test', sha256: 'x'.repeat(64), size: 4, content_type: 'application/pdf', file_name: '行政答辩状.pdf', case_file_section: 'answer', content: Buffer.from('%PDF'), created_by: 'test' })
    .returning('id');
  const otherPerson = await createTestUser(db, { roles: ['clerk'], agencyId: own });
  fixtureBase = { caseId: theCase.id, agencyId: own, documentId: document.id, otherPersonId: otherPerson.personId };
});

describe('authorisation matrix', () => {
  it('has an entry for every route of the app, and every route declares its access', () => {
    const routes = registeredRoutes(app);
    expect(routes.length).toBeGreaterThan(30);
    const keys = routes.map((r) => r.key);
    expect(keys.filter((k) => !(k in ROUTES)), 'routes without an entry in ROUTES').toEqual([]);
    expect(Object.keys(ROUTES).filter((k) => !keys.includes(k)), 'entries of routes that no longer exist').toEqual([]);
    // /healthz is outside /api and answers everyone (it says only whether the app is up)
    expect(routes.filter((r) => r.key !== 'GET /healthz' && r.policies.length !== 1).map((r) => r.key), 'routes without exactly one access guard').toEqual([]);
    expect(routes.filter((r) => r.policies[0]?.kind === 'public').map((r) => r.key).sort(), 'public routes').toEqual([...PUBLIC_ROUTES].sort());
  });

  it('answers every route × role × own/other agency as expected', { timeout: 180_000 }, async () => {
    const mismatches: string[] = [];
    const registered: string[] = [];
    for (const [key, route] of Object.entries(ROUTES)) {
      const [method, pattern] = key.split(' ') as [string, string];
      // the callers of one route in parallel: each request uses its own data
      await Promise.all(
        callers.map(async (caller) => {
          const { path, body } = await route.request({ ...fixtureBase, caller });
          let req = request(app)[method.toLowerCase() as 'get'](path);
          if (!PUBLIC_ROUTES.includes(key) && pattern.startsWith('/api/')) req = req.set('Authorization', `Bearer ${caller.user.token}`);
          const res = body === undefined ? await req : await req.send(body as object);
          const expected = route.expect(caller);
          if (key === 'POST /api/cases' && res.status === 201) {
            registered.push(res.body.id);
            await settleStartCommands(res.body.id);
          }
          if (res.status !== expected) mismatches.push(`${key} as ${caller.role} (${caller.side}): ${res.status} ≠ ${expected} ${JSON.stringify(res.body?.error ?? '')}`);
        }),
      );
    }
    expect(mismatches).toEqual([]);
    expect(registered).toHaveLength(5);
  });

  it('answers 401 to every API route but the login without a principal', async () => {
    const open: string[] = [];
    for (const [key, route] of Object.entries(ROUTES)) {
      if (PUBLIC_ROUTES.includes(key) || !key.split(' ')[1]!.startsWith('/api/')) continue;
      const [method] = key.split(' ') as [string];
      const { path, body } = await route.request({ ...fixtureBase, caller: callers[0]! });
      const res = await request(app)[method.toLowerCase() as 'get'](path).send(body as object);
      if (res.status !== 401) open.push(`${key}: ${res.status}`);
    }
    expect(open).toEqual([]);
  });
});
