// Property-based fuzzing of every API route and every form payload (issue 15 §2) — db tier: the app on
// the engine port's fake, real PostgreSQL, a database of its own (the fuzz registers cases, changes the
// calendar and accounts).
//
// The routes come from the Express app itself (test/helpers/app-routes.ts): a new route is fuzzed
// without an entry here. Each route gets generated path parameters (the fixture's real ids, other
// UUIDs, traversal strings, NUL bytes, broken percent-encoding, huge strings), query strings (the
// filter names the API uses, with SQL metacharacters, date edges, repeated keys) and JSON bodies
// (any JSON, and a valid sample with one field removed or replaced by a wrong type, a huge string, a
// deep object, a date edge). The forms under forms/ are fuzzed through POST /api/tasks/:key/complete.
//
// Properties: no 5xx; every 4xx is JSON {error: {code, message}}; every 400 names its fields (or says
// the body is not JSON); afterwards no stored row breaks the rules the API checks.
//
// Runs: FUZZ_RUNS requests over the routes (default 1,200 in `npm test`), FUZZ_FORM_RUNS over the
// forms (default 300). The full run: FUZZ_RUNS=10000 FUZZ_FORM_RUNS=2000 npx vitest run test/db/hostile/fuzz-routes.test.ts
import fc from 'fast-check';
import pino from 'pino';
import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { createDb, type Db } from '../../../src/db/database.ts';
import { createApp } from '../../../src/http/app.ts';
import { CaseEventBody } from '../../../src/cases/case-input.ts';
import { formFields, loadForms, validateAgainstForm, type FormComponent } from '../../../src/cases/form-validation.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { ROLES } from '../../../src/auth/principal.ts';
import { seedDemoRegion } from '../../../src/seed/demo-region.ts';
import { createApiToken } from '../../../src/auth/api-tokens.ts';
import { registeredRoutes, pathParams } from '../../helpers/app-routes.ts';
import { createTestUser, type TestUser } from '../../helpers/auth.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';
import { hostileStrings, dateEdges } from './hostile-values.ts';

const ROUTE_RUNS = Number(process.env.FUZZ_RUNS ?? 1200);
const FORM_RUNS = Number(process.env.FUZZ_FORM_RUNS ?? 300);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

let database: { url: string; drop: () => Promise<void> };
let db: Db;
let app: Express;
const engine = createFakeProcessEngine();
let admin: TestUser;
let formUser: TestUser;
const fixture: Record<string, string> = {};

beforeAll(async () => {
  database = await freshLedgerDatabase('yingsu_test_fuzz');
  db = createDb(database.url, { min: 0, max: 6 });
  app = createApp({ config: { ...loadConfig(), LOGIN_MAX_FAILURES_PER_IP: 1_000_000 }, db, engine, engineCommands: { kick() {} }, caseImports: { kick() {} }, logger: pino({ level: 'silent' }) });
  await seedDemoRegion(db);
  const agency = async (code: string) => (await db('agencies').where({ code }).first('id')).id as string;
  const liaocheng = await agency('liaocheng-dept');
  admin = await createTestUser(db, { roles: ['admin'], agencyId: await agency('demo-gov') });
  // every role but admin (admin is no task candidate): completes the fuzzed forms
  formUser = await createTestUser(db, { roles: ROLES.filter((r) => r !== 'admin'), agencyId: liaocheng });
  const victim = await createTestUser(db, { roles: ['clerk'], agencyId: liaocheng });
  const [theCase] = await db('cases')
    .insert({ agency_id: liaocheng, case_number: '（2026）鲁1502行初90001号', court: '聊城市东昌府区人民法院', level: 'first', cause: '行政处罚', act_description: '罚款', plaintiff_count: 1, complaint_received_on: '2026-03-02' })
    .returning('id');
  const [document] = await db('documents')
    .insert({ case_id: theCase.id, agency_id: liaocheng, kind: 'answer-brief', title: '行政答辩状', series_key: `fuzz:${theCase.id}`, version: 1, format: 'pdf', template_version: 'test', sha256: 'x'.repeat(64), size: 4, content_type: 'application/pdf', file_name: '行政答辩状.pdf', case_file_section: 'answer', content: Buffer.from('%PDF'), created_by: 'test' })
    .returning('id');
  const [importJob] = await db('import_jobs').insert({ file_name: 'x.xlsx', file_sha256: 'x', status: 'done', created_by: admin.login }).returning('id');
  Object.assign(fixture, {
    id: theCase.id,
    caseId: theCase.id,
    agencyId: liaocheng,
    personId: victim.personId,
    documentId: document.id,
    importId: importJob.id,
    tokenId: (await createApiToken(db, victim.personId, { name: 'fuzz-victim' })).id,
    channel: 'email',
  });
}, 120_000);

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

// ── generators ─────────────────────────────────────────────────────────────────────────────────
const hostile = fc.constantFrom(...hostileStrings);
const dateEdge = fc.constantFrom(...dateEdges);
const hugeString = fc.integer({ min: 10_000, max: 300_000 }).map((n) => '案'.repeat(n));
const deep = (depth: number): unknown => (depth === 0 ? { leaf: 1 } : { a: deep(depth - 1) });
const deepValue = fc.integer({ min: 50, max: 2_000 }).map((d) => (d % 2 ? deep(d) : JSON.parse('['.repeat(d) + ']'.repeat(d))));
/** a value of the wrong kind for any field */
const wrongValue = fc.oneof(
  { weight: 3, arbitrary: hostile },
  { weight: 2, arbitrary: dateEdge },
  fc.constant(null),
  fc.boolean(),
  fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-1, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2)),
  fc.string(),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deepValue },
);

/** encodeURIComponent, with lone surrogates (which it refuses) replaced as a browser would */
const encode = (s: string) => encodeURIComponent(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));

/** Path parameter values: mostly the fixture's real id (so the request gets past the guard), else hostile. */
const paramValue = (name: string) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(fixture[name] ?? fixture.id!) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.constantFrom('-'.repeat(36), '..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e', '..', '%00', 'a%00b', '%E0%A4%A', '%', '%ZZ', '/etc/passwd', 'C:%5Cwindows', '0', '-1', '99999999999999999999999', "1'%20OR%20'1'='1", encodeURIComponent(`${fixture.id}\u0000`)) },
    { weight: 2, arbitrary: hostile.map(encode) },
    { weight: 1, arbitrary: fc.string({ minLength: 1 }).map(encode) },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 8_000 }).map((n) => 'a'.repeat(n)) },
  );

/** The query parameters the API reads (any route may get any of them). */
const QUERY_KEYS = ['q', 'limit', 'offset', 'page', 'pageSize', 'sort', 'order', 'agencyId', 'year', 'status', 'stage', 'level', 'outcome', 'warning', 'from', 'to', 'dueFrom', 'dueTo', 'personId', 'login', 'action', 'caseId', 'scope', 'period', 'inline', 'history', 'enterpriseRelated', 'unread', 'channel', 'kind'];
const queryString = fc
  .array(fc.tuple(fc.constantFrom(...QUERY_KEYS), fc.oneof(hostile, dateEdge, fc.string(), fc.integer().map(String), fc.constantFrom('', '-1', '1e999', 'NaN', '2026', 'agency:x', 'region:'))), { maxLength: 5 })
  .map((pairs) => pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&'));

/** Valid bodies of the routes that take one: the fuzz removes or replaces one field in them. */
const samples = (): Record<string, unknown[]> => ({
  'POST /api/session': [{ login: 'nobody-here', password: 'wrong-password' }],
  'POST /api/session/password': [{ currentPassword: 'wrong-password', newPassword: 'another-long-password' }],
  'POST /api/tokens': [{ name: '模糊测试', expiresInDays: 30 }],
  'POST /api/admin/accounts': [{ name: '模糊', post: '科员', agencyId: fixture.agencyId, login: 'fuzz-login', roles: [{ role: 'clerk' }] }],
  'PUT /api/admin/accounts/:personId/roles': [{ roles: [{ role: 'handler', agencyId: fixture.agencyId }] }],
  'POST /api/admin/accounts/:personId/password': [{ password: 'a-new-password-1' }],
  'POST /api/deadlines/compute': [{ profile: 'national', rule: 'answer-and-evidence', trigger: '2026-09-22' }],
  'POST /api/deadlines/compute-batch': [[{ profile: 'national', rule: 'answer-and-evidence', trigger: '2026-09-22' }]],
  'POST /api/cases': [
    { agencyId: fixture.agencyId, caseNumber: '（2026）鲁1502行初1号', court: '聊城市东昌府区人民法院', level: 'first', cause: '行政处罚', actUnderSuit: { description: '罚款', madeByAgencyId: fixture.agencyId }, reconsideration: { status: 'none' }, plaintiffs: [{ name: '某公司', type: 'enterprise' }], plaintiffCount: 1, complaintReceivedOn: '2026-05-06' },
  ],
  'POST /api/cases/:id/events': [
    { type: 'hearing-scheduled', hearingAt: '2026-03-12T23:30:00-05:00' },
    { type: 'judgment-served', kind: 'judgment', outcome: 'lost', servedOn: '2028-02-29', parties: [{ name: '张某', role: 'plaintiff', servedOn: '2028-03-01' }] },
    { type: 'withdrawn', on: '2026-03-12' },
    { type: 'judicial-recommendation', receivedOn: '2026-03-12', replyWithinDays: 60 },
    { type: 'site-investigation', organizedBy: 'court', at: '2026-03-12T09:00:00+08:00', place: '现场', departments: ['某局'] },
    { type: 'public-opinion-incident', on: '2026-03-12', summary: '舆情', reportDueOn: '2026-03-20' },
  ],
  'POST /api/cases/:id/deadlines/recalculate': [{ triggers: { 'answer-and-evidence': '2026-03-12' }, idempotencyKey: 'fuzz' }],
  'POST /api/cases/:caseId/documents': [{ kind: 'no-such-kind', data: {}, formats: ['docx'] }],
  'POST /api/tasks/:key/complete': [{ variables: {} }],
  'POST /api/admin/calendar/years': [{ year: 2031, notice: '国办发明电〔2030〕1号', days: [{ date: '2031-01-01', isOffDay: true, name: '元旦' }] }],
  'POST /api/admin/calendar/corrections': [{ reason: '更正', days: [{ date: '2026-02-28', isOffDay: false, name: '调休上班', reason: '通知' }] }],
  'PUT /api/admin/notification-channels/agencies/:agencyId/:channel': [{ enabled: true, webhookUrl: 'http://127.0.0.1:9/hook', webhookSecret: 'SECfuzz', events: null }],
  'PUT /api/admin/notification-channels/people/:personId/:channel': [{ enabled: false }],
});

/** Every path to a value inside a JSON value: [] is the value itself. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}
function mutate(sample: unknown, path: (string | number)[], op: 'delete' | 'replace', replacement: unknown): unknown {
  if (path.length === 0) return op === 'delete' ? undefined : replacement;
  const copy = structuredClone(sample) as any;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  const last = path[path.length - 1]!;
  if (op === 'delete') Array.isArray(node) ? node.splice(Number(last), 1) : delete node[last];
  else node[last] = replacement;
  return copy;
}
const mutatedSample = (list: unknown[]) =>
  fc.constantFrom(...list).chain((sample) => {
    const paths = pathsOf(sample);
    return fc.tuple(fc.constantFrom(...paths), fc.constantFrom('delete' as const, 'replace' as const, 'replace' as const), wrongValue).map(([p, op, v]) => mutate(sample, p, op, v));
  });

const bodyFor = (key: string) => {
  const list = samples()[key];
  const options = [
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<unknown> },
    { weight: 1, arbitrary: wrongValue as fc.Arbitrary<unknown> },
    { weight: 1, arbitrary: fc.constant(undefined) as fc.Arbitrary<unknown> },
  ];
  if (list) options.push({ weight: 8, arbitrary: mutatedSample(list) });
  return fc.oneof(...options);
};

// ── checks ─────────────────────────────────────────────────────────────────────────────────────
interface Tally {
  requests: number;
  byStatus: Map<number, number>;
  failures: string[];
}
const tally: Tally = { requests: 0, byStatus: new Map(), failures: [] };

/** What every answer must satisfy; returns the reason it does not, or null. */
function judge(res: request.Response): string | null {
  if (res.status >= 500) return `${res.status} ${JSON.stringify(res.body)}`;
  if (res.status < 400) return null;
  if (!/json/.test(res.headers['content-type'] ?? '')) return `${res.status} not JSON: ${res.headers['content-type']} ${res.text?.slice(0, 200)}`;
  const error = res.body?.error;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string') return `${res.status} without {error: {code, message}}: ${res.text.slice(0, 200)}`;
  if (res.status === 400 && error.code === 'INVALID_INPUT') {
    if (!Array.isArray(error.fields) || error.fields.length === 0 || error.fields.some((f: { field?: unknown; message?: unknown }) => typeof f.field !== 'string' || !f.field || typeof f.message !== 'string')) return `400 without field names: ${JSON.stringify(error)}`;
  } else if (res.status === 400 && !['INVALID_JSON', 'BAD_REQUEST'].includes(error.code)) {
    // other 400s are domain rules of a valid body (e.g. an unknown document kind) and say what is wrong
    if (!error.message) return `400 without a message: ${JSON.stringify(error)}`;
  }
  return null;
}

function record(what: string, res: request.Response) {
  tally.requests++;
  tally.byStatus.set(res.status, (tally.byStatus.get(res.status) ?? 0) + 1);
  const problem = judge(res);
  if (problem && tally.failures.length < 50) tally.failures.push(`${what.slice(0, 400)} → ${problem.slice(0, 400)}`);
  return problem;
}

const SKIP = new Set([
  // takes no input (no parameter, query or body) and ends every session of the fuzzing admin; test/db/auth/session-api.test.ts covers it
  'DELETE /api/sessions',
]);

describe('fuzzing every route', () => {
  it(`answers ${ROUTE_RUNS} generated requests over every API route without a 5xx, and every 4xx as JSON naming the field`, { timeout: 1_800_000 }, async () => {
    const routes = registeredRoutes(app).filter((r) => !SKIP.has(r.key) && r.path !== '/healthz');
    expect(routes.length).toBeGreaterThan(50);
    const perRoute = Math.max(5, Math.ceil(ROUTE_RUNS / routes.length));
    for (const route of routes) {
      const params = pathParams(route.path);
      const arbitrary = fc.record({
        params: fc.tuple(...params.map(paramValue)) as fc.Arbitrary<string[]>,
        query: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 2, arbitrary: queryString }),
        body: route.method === 'GET' ? fc.constant(undefined) : bodyFor(route.key),
      });
      await fc.assert(
        fc.asyncProperty(arbitrary, async ({ params: values, query, body }) => {
          let path = route.path;
          params.forEach((name, i) => (path = path.replace(`:${name}`, values[i]!)));
          if (query) path += `?${query}`;
          let req = request(app)[route.method.toLowerCase() as 'get'](path).set('Authorization', `Bearer ${admin.token}`);
          if (body !== undefined) req = req.set('Content-Type', 'application/json').send(JSON.stringify(body));
          const res = await req;
          const problem = record(`${route.method} ${path.slice(0, 300)} ${JSON.stringify(body)?.slice(0, 300)}`, res);
          return problem === null;
        }),
        { numRuns: perRoute, seed: SEED, endOnFailure: true, verbose: 0 },
      ).catch((error: Error) => tally.failures.push(`${route.key}: ${error.message.split('\n').slice(0, 3).join(' ').slice(0, 600)}`));
    }
    console.info(`fuzz: ${tally.requests} requests over ${routes.length} routes, by status ${JSON.stringify(Object.fromEntries([...tally.byStatus].sort(([a], [b]) => a - b)))}`);
    expect(tally.failures).toEqual([]);
    expect(tally.requests).toBeGreaterThanOrEqual(ROUTE_RUNS * 0.95);
  });

  it(`completes ${FORM_RUNS} generated payloads over every form: a 400 naming variables.<field>, or completion with values the form accepts`, { timeout: 900_000 }, async () => {
    const forms = [...(await loadForms()).values()];
    expect(forms.length).toBeGreaterThan(30);
    const perForm = Math.max(5, Math.ceil(FORM_RUNS / forms.length));
    const formOfTask = new Map<string, string>();
    const failures: string[] = [];
    let count = 0;
    let completed = 0;
    for (const form of forms) {
      const fields = formFields(form.components);
      const payload = fc.record(Object.fromEntries(fields.map((f) => [f.key ?? f.path!, fc.option(fieldValue(f), { nil: undefined, freq: 4 })])), { requiredKeys: [] });
      const extra = fc.option(fc.dictionary(fc.constantFrom('caseId', 'agencyId', '__proto__x', 'constructor', 'x'), wrongValue, { maxKeys: 2 }), { nil: undefined, freq: 3 });
      await fc.assert(
        fc.asyncProperty(payload, extra, async (values, more) => {
          const variables = { ...values, ...(more ?? {}) };
          const task = engine.addUserTask({ taskDefinitionKey: form.id, processInstanceId: 'pi-fuzz', businessKey: fixture.caseId, candidateGroups: ['clerk'], formId: form.id });
          formOfTask.set(task.id, form.id);
          const res = await request(app).post(`/api/tasks/${task.id}/complete`).set('Authorization', `Bearer ${formUser.token}`).send({ variables });
          count++;
          const problem = record(`form ${form.id} ${JSON.stringify(variables).slice(0, 300)}`, res);
          if (problem) return false;
          if (res.status === 200) return void completed++;
          if (res.status !== 400) return false;
          return res.body.error.fields.every((f: { field: string }) => f.field.startsWith('variables'));
        }),
        { numRuns: perForm, seed: SEED, endOnFailure: true },
      ).catch((error: Error) => failures.push(`${form.id}: ${error.message.split('\n').slice(0, 3).join(' ').slice(0, 600)}`));
    }
    console.info(`fuzz: ${count} form payloads over ${forms.length} forms, ${completed} completed`);
    expect(failures).toEqual([]);
    // nothing the engine received breaks its form: every completed task's variables pass the form's checks
    const formById = new Map(forms.map((f) => [f.id, f]));
    const broken = engine.completedTasks
      .filter((t) => formOfTask.has(t.taskId))
      .map((t) => ({ task: t.taskId, issues: validateAgainstForm(formById.get(formOfTask.get(t.taskId)!)!, t.variables as Record<string, unknown>) }))
      .filter((t) => t.issues.length > 0);
    expect(broken).toEqual([]);
    expect(completed).toBeGreaterThan(0);
  });
});

/** A value for one form field: valid for its type, or wrong in one of the usual ways. */
function fieldValue(c: FormComponent): fc.Arbitrary<unknown> {
  const allowed = c.values?.map((v) => v.value);
  const valid: fc.Arbitrary<unknown> = (() => {
    switch (c.type) {
      case 'textfield':
      case 'textarea':
        return fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), hostile);
      case 'number':
        return fc.integer({ min: c.validate?.min ?? 0, max: c.validate?.max ?? 1_000_000 });
      case 'checkbox':
        return fc.boolean();
      case 'datetime':
        return c.subtype === 'datetime' ? fc.constantFrom('2026-03-12T23:30:00-05:00', '2026-03-12T09:30:00+08:00', '2028-02-29T00:00:00Z') : fc.constantFrom('2026-03-12', '2028-02-29', ...dateEdges);
      case 'select':
      case 'radio':
        return allowed?.length ? fc.constantFrom(...allowed) : fc.string();
      case 'checklist':
      case 'taglist':
        return fc.array(allowed?.length ? fc.constantFrom(...allowed) : fc.string(), { maxLength: 3 });
      case 'dynamiclist':
      case 'group': {
        const inner = formFields(c.components ?? []);
        const row = fc.record(Object.fromEntries(inner.map((f) => [f.key ?? f.path!, fieldValue(f)])), { requiredKeys: [] });
        return c.type === 'group' ? row : fc.array(row, { maxLength: 3 });
      }
      default:
        return fc.jsonValue({ maxDepth: 1 });
    }
  })();
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: wrongValue });
}

describe('stored rows after the fuzz', () => {
  it('holds no row that breaks the rules the API checks', async () => {
    const count = async (sql: string) => Number((await db.raw(`select count(*)::int as n from ${sql}`)).rows[0].n);
    const invalid: Record<string, number> = {
      'cases: empty or overlong text': await count(`cases where btrim(case_number) = '' or length(case_number) > 100 or btrim(court) = '' or length(court) > 200 or btrim(cause) = '' or length(cause) > 200 or length(act_description) > 2000`),
      'cases: level, plaintiff count, dates': await count(`cases where level not in ('first','second','retrial') or plaintiff_count < 1 or complaint_received_on < '2000-01-01' or complaint_received_on > '2100-01-01'`),
      'case_parties: empty or overlong names, bad types': await count(`case_parties where btrim(name) = '' or length(name) > 200 or type not in ('person','enterprise','organization')`),
      'people: logins the API refuses': await count(`people where login is not null and login !~ '^[a-z0-9][a-z0-9._-]*$' and created_at > now() - interval '1 day' and login not like 't-%'`),
      'api_tokens: empty names': await count(`api_tokens where btrim(name) = ''`),
      'calendar days outside 2004–2099 or without a name': await count(`calendar_days where extract(year from date) < 2004 or extract(year from date) > 2099 or btrim(name) = '' or length(name) > 40`),
      'notification channels: bad URLs': await count(`agency_notification_channels where webhook_url is not null and webhook_url !~ '^https?://'`),
    };
    expect(Object.entries(invalid).filter(([, n]) => n > 0)).toEqual([]);
    // every court event stored is one the API accepts
    const events = await db('case_events').where('type', 'like', 'court-event:%').select('type', 'payload');
    const refused = events
      .map((e) => {
        const { level: _level, ...fields } = e.payload ?? {};
        return { type: e.type, result: CaseEventBody.safeParse({ type: e.type.slice('court-event:'.length), ...fields }) };
      })
      .filter((e) => !e.result.success);
    expect(refused.map((e) => `${e.type}: ${e.result.error?.message}`)).toEqual([]);
  });
});
