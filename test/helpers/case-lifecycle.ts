// Shared setup of the case life-cycle scenarios (test/integration/case-lifecycle-*.test.ts): the
// real engine app and ledger, every worker, the engine outbox dispatcher, a mail catcher for the
// e-mail channel, and the case API (supertest on createApp) to create cases, send court events and
// drive user tasks.
import { afterAll, beforeAll, expect } from 'vitest';
import pino from 'pino';
import { createApp } from '../../src/http/app.ts';
import { startMailCatcher, type MailCatcher } from '../../src/notifications/mail-catcher.ts';
import { seedDemoRegion } from '../../src/seed/demo-region.ts';
import { startEngineCommandDispatcher, type EngineCommandDispatcher } from '../../src/engine-commands/engine-command-dispatcher.ts';
import { startWorkers, type WorkerHost } from '../../src/workers/worker-host.ts';
import { caseInstanceIds, elementInstances, engineClock, useEngine, waitUntil } from './engine.ts';
import { useTestDb } from './test-db.ts';
import { as, createTestUser, useAdminClient, type AuthedClient } from './auth.ts';
import { candidateGroupRoles } from '../../src/process-engine/engine-directory.ts';

export function useCaseLifecycle() {
  const { engine, rest, config: baseConfig } = useEngine();
  const db = useTestDb();
  const ctx = {
    engine,
    rest,
    db,
    config: baseConfig,
    app: undefined as unknown as ReturnType<typeof createApp>,
    /** the case API as an admin (Bearer token) */
    api: undefined as unknown as AuthedClient,
    agencies: new Map<string, string>(),
  };
  ctx.api = useAdminClient(db, () => ctx.app);
  let workers: WorkerHost | undefined;
  let commands: EngineCommandDispatcher | undefined;
  let mail: MailCatcher | undefined;
  beforeAll(async () => {
    await seedDemoRegion(db);
    for (const a of await db('agencies').select('id', 'code')) ctx.agencies.set(a.code, a.id);
    mail = await startMailCatcher({ smtpPort: 0, httpPort: null });
    const config = { ...baseConfig, SMTP_PORT: mail.smtpPort, NOTIFY_JOB_WAIT_MS: 5_000 };
    ctx.config = config;
    const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
    // part-2 diagrams may use job types not written yet: this file checks its own diagrams statically
    workers = await startWorkers(engine.externalTasks, { config, db, logger }, { checkDiagrams: false, workerId: 'case-lifecycle-scenario', longPollMs: 1000 });
    commands = startEngineCommandDispatcher({ db, engine, logger }, { pollMs: 300, maxRetryMs: 2_000 });
    ctx.app = createApp({ config, db, engine, engineCommands: commands, logger });
  });
  afterAll(async () => {
    await workers?.stop();
    await commands?.stop();
    await mail?.stop();
  });
  return ctx;
}

export type Ctx = ReturnType<typeof useCaseLifecycle>;

/** The engine's current date in Asia/Shanghai: cases served "today" have every timer ahead. */
export async function engineToday(ctx: Ctx): Promise<string> {
  return shanghaiDate(await engineClock.now(ctx.config));
}
export const shanghaiDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);

let serial = 0;
export function caseBody(ctx: Ctx, agencyCode: string, receivedOn: string, extra: Record<string, unknown> = {}) {
  const agencyId = ctx.agencies.get(agencyCode)!;
  return {
    agencyId,
    caseNumber: `（2026）测行初${Date.now() % 100000}${++serial}号`,
    court: '某某区人民法院',
    level: 'first',
    cause: '行政处罚',
    actUnderSuit: { description: '行政处罚决定（罚款二万元）', madeByAgencyId: agencyId },
    reconsideration: { status: 'none' },
    plaintiffs: [{ name: '张三', type: 'person' }],
    plaintiffCount: 1,
    thirdParties: [],
    claimAmount: 20000,
    flags: { majorPublicInterest: false, highAttention: false, massIncidentRisk: false, procuratorate: false, majorComplex: false },
    complaintReceivedOn: receivedOn,
    ...extra,
  };
}

export async function createCase(ctx: Ctx, body: Record<string, unknown>): Promise<{ id: string; processInstanceKey: string | null }> {
  const res = await ctx.api.post('/api/cases').send(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export interface ApiTask {
  key: string;
  name: string;
  formId: string;
  elementId: string;
  candidateGroups: string[];
  due: string | null;
  processInstanceKey: string;
  bpmnProcessId: string;
}

/** Polls GET /api/cases/:id/tasks until the task of that element is open (the search lags the engine). */
export async function waitTask(ctx: Ctx, caseId: string, elementId: string, opts: { withDue?: boolean } = {}, timeoutMs = 45_000): Promise<ApiTask> {
  try {
    return await waitUntil(`task ${elementId}`, async () => {
      const res = await ctx.api.get(`/api/cases/${caseId}/tasks`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      // the due date comes from Tasklist, whose import may trail the task search by a moment
      return (res.body as ApiTask[]).find((t) => t.elementId === elementId && (!opts.withDue || t.due));
    }, timeoutMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${await diagnose(ctx, caseId)}`);
  }
}

/** What the engine says about a case's instances: incidents, active elements, open tasks (for failure messages). */
export async function diagnose(ctx: Ctx, caseId: string): Promise<string> {
  const instances = await caseInstanceIds(ctx.rest, caseId).catch(() => []);
  const lines: string[] = [`instances: ${instances.map((i) => `${i.processDefinitionKey} ${i.id} ${i.state}`).join(', ')}`];
  for (const i of instances) {
    const incidents = await ctx.rest.json<{ activityId: string; incidentMessage: string }[]>('GET', `/incident?processInstanceId=${i.id}`).catch((e: Error) => [{ activityId: '?', incidentMessage: e.message }]);
    for (const x of incidents) lines.push(`incident ${i.processDefinitionKey} ${x.activityId}: ${x.incidentMessage}`);
    const active = await elementInstances(ctx.rest, i.id, '', 'ACTIVE').catch(() => []);
    if (active.length) lines.push(`active in ${i.processDefinitionKey}: ${active.map((a) => a.activityId).join(', ')}`);
  }
  lines.push(`engine clock: ${(await engineClock.now(ctx.config)).toISOString()}`);
  const tasks = await ctx.api.get(`/api/cases/${caseId}/tasks`);
  lines.push(`tasks: ${JSON.stringify(tasks.body)}`);
  lines.push(`engine commands: ${JSON.stringify(await ctx.db('engine_commands').where({ business_key: caseId }).select('kind', 'message_name', 'status', 'attempts', 'last_error'))}`);
  return lines.join('\n');
}

const performers = new Map<string, Promise<AuthedClient>>();
/**
 * A user of the case's agency in every candidate group: a task is completed only by a user in its
 * candidate groups and scope (an admin may not), so the scenarios act as such a user.
 */
export function performer(ctx: Ctx, caseId: string): Promise<AuthedClient> {
  if (!performers.has(caseId)) {
    performers.set(
      caseId,
      (async () => {
        const { agency_id: agencyId } = await ctx.db('cases').where({ id: caseId }).first('agency_id');
        return as(ctx.app, await createTestUser(ctx.db, { roles: [...candidateGroupRoles], agencyId }));
      })(),
    );
  }
  return performers.get(caseId)!;
}

export async function complete(ctx: Ctx, caseId: string, elementId: string, variables: Record<string, unknown>): Promise<ApiTask> {
  const task = await waitTask(ctx, caseId, elementId);
  const res = await (await performer(ctx, caseId)).post(`/api/tasks/${task.key}/complete`).send({ variables });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return task;
}

export async function caseView(ctx: Ctx, caseId: string) {
  const res = await ctx.api.get(`/api/cases/${caseId}`);
  expect(res.status).toBe(200);
  return res.body;
}

export async function waitCase(ctx: Ctx, caseId: string, what: string, ok: (c: any) => boolean) {
  try {
    return await waitUntil(what, async () => {
      const c = await caseView(ctx, caseId);
      return ok(c) ? c : undefined;
    });
  } catch (error) {
    const c = await caseView(ctx, caseId);
    throw new Error(`${(error as Error).message} (case: stage ${c.stage}, status ${c.status}, level ${c.level})\n${await diagnose(ctx, caseId)}`);
  }
}

export async function sendEvent(ctx: Ctx, caseId: string, body: Record<string, unknown>) {
  return ctx.api.post(`/api/cases/${caseId}/events`).send(body);
}

/** Element instances of an element in any of the case's instances (main, called, started by court events). */
export async function passed(ctx: Ctx, caseId: string, elementId: string, state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' = 'COMPLETED'): Promise<number> {
  let n = 0;
  for (const i of await caseInstanceIds(ctx.rest, caseId)) n += (await elementInstances(ctx.rest, i.id, elementId, state)).length;
  return n;
}

export async function waitPassed(ctx: Ctx, caseId: string, elementId: string, state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' = 'COMPLETED') {
  try {
    return await waitUntil(`${elementId} ${state}`, async () => (await passed(ctx, caseId, elementId, state)) > 0, 45_000);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${await diagnose(ctx, caseId)}`);
  }
}

export async function outbox(ctx: Ctx, caseId: string) {
  return ctx.db('notification_outbox').where({ case_id: caseId }).orderBy('id').select('event', 'urgent', 'recipient_role', 'recipient_person_id', 'channel', 'subject', 'source_job_key');
}

export async function documents(ctx: Ctx, caseId: string) {
  return ctx.db('documents').where({ case_id: caseId }).orderBy('created_at').select('kind', 'version', 'format');
}

export async function advanceTo(ctx: Ctx, at: string) {
  const now = await engineClock.now(ctx.config);
  const target = new Date(at).getTime() + 60_000;
  if (target > now.getTime()) await engineClock.advance(ctx.config, target - now.getTime());
}

// form values the scenarios reuse (also the chaos run's, which runs outside vitest)
export { APPROVE_HEAD, APPROVE_REVIEW, DRAFT, FILING, NO_RISK, REGISTRATION, SUBMISSION } from '../fixtures/answer-stage-values.ts';

/** The person ids of demo people by login (e.g. liaocheng-dept-legal). */
export async function personIds(ctx: Ctx, ...logins: string[]): Promise<string[]> {
  return (await ctx.db('people').whereIn('login', logins).pluck('id')) as string[];
}
