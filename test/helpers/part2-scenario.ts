// Shared set-up for the part-2 engine scenarios (test/integration/part2-*.test.ts): the demo region,
// a mail catcher for the e-mail channel, every worker, ledger cases inserted directly, and small
// probes over the engine (user tasks through the case task API, element instances and variables
// through Operate). Dates are based on the engine's controlled clock.
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { loadForms, validateAgainstForm } from '../../src/cases/form-validation.ts';
import type { Db } from '../../src/db/database.ts';
import { loadCalendar } from '../../src/deadlines/ledger.ts';
import { computeDeadline } from '../../src/deadlines/engine.ts';
import { shanghaiDateOf } from '../../src/deadlines/dates.ts';
import { startMailCatcher, type MailCatcher } from '../../src/notifications/mail-catcher.ts';
import { seedDemoRegion } from '../../src/seed/demo-region.ts';
import { startWorkers, type WorkerHost } from '../../src/workers/worker-host.ts';
import { elementInstances, engineClock, useCamunda, waitUntil } from './engine.ts';
import { insertLedgerCase, useTestDb } from './test-db.ts';

export const DAY = 86_400_000;

export function usePart2() {
  const { camunda, config } = useCamunda();
  const db = useTestDb();
  let workers: WorkerHost | undefined;
  let catcher: MailCatcher | undefined;

  beforeAll(async () => {
    await seedDemoRegion(db);
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: null });
    const workerConfig = { ...config, SMTP_HOST: '127.0.0.1', SMTP_PORT: catcher.smtpPort, NOTIFY_RETRY_BASE_MS: 200 };
    workers = await startWorkers({ config: workerConfig, db, camunda, logger: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await workers?.stop();
    await catcher?.stop();
  });

  /** A case of a seeded agency (by code), inserted straight into the ledger. */
  async function createCase(agencyCode: string, over: { plaintiffCount?: number; claimAmount?: number; plaintiffs?: { name: string; type: string }[]; stage?: string; cause?: string } = {}) {
    const agency = await db('agencies').where({ code: agencyCode }).first();
    if (!agency) throw new Error(`agency ${agencyCode} not seeded`);
    const row = await insertLedgerCase(
      db,
      { agency_id: agency.id, plaintiff_count: over.plaintiffCount ?? 1, claim_amount: over.claimAmount ?? null, stage: over.stage ?? 'awaiting-hearing', ...(over.cause ? { cause: over.cause } : {}) },
      over.plaintiffs,
    );
    return { caseId: row.id as string, caseNumber: row.case_number as string, agencyId: agency.id as string, profile: agency.profile as string };
  }

  async function start(processDefinitionId: string, variables: Record<string, unknown>): Promise<string> {
    const created = await camunda.rest.createProcessInstance({ processDefinitionId, variables } as never);
    return String((created as { processInstanceKey: string | number }).processInstanceKey);
  }

  async function searchTasks(filter: Record<string, unknown>): Promise<any[]> {
    const res = await camunda.restFetch('/v2/user-tasks/search', { method: 'POST', body: JSON.stringify({ filter, page: { limit: 100 } }) });
    if (!res.ok) throw new Error(`task search: HTTP ${res.status} ${await res.text()}`);
    return ((await res.json()) as { items?: any[] }).items ?? [];
  }

  /** The open user task of an element (the newest, when a loop created several). */
  /** Why an instance is stuck: its incidents, for the failure message. */
  async function incidents(pi: string): Promise<string> {
    const res = await camunda.operate.searchIncidents({ filter: { processInstanceKey: pi as never }, size: 20 } as never).catch(() => ({ items: [] as any[] }));
    const active = await camunda.operate.searchFlownodeInstances({ filter: { processInstanceKey: pi as never, state: 'ACTIVE' }, size: 50 } as never).catch(() => ({ items: [] as any[] }));
    return `${res.items.map((i: any) => `${i.flowNodeId ?? ''}: ${i.message}`).join(' | ')}; active: ${active.items.map((i: any) => i.flowNodeId).join(', ')}`;
  }
  const explained = <T,>(pi: string, p: Promise<T>) =>
    p.catch(async (e: Error) => {
      throw new Error(`${e.message}; incidents: ${await incidents(pi)}`);
    });

  /** The open task of an element; `exceptKeys`: tasks already seen (a cancelled one may still show as open for a moment). */
  async function task(processInstanceKey: string, elementId: string, exceptKeys: string[] = []): Promise<{ key: string; dueDate: string | null; elementInstanceKey: string; processId: string }> {
    return explained(processInstanceKey, waitUntil(`user task ${elementId}`, async () => {
      const items = (await searchTasks({ processInstanceKey: Number(processInstanceKey), elementId, state: 'CREATED' })).filter(
        (i) => String(i.processInstanceKey) === processInstanceKey && i.elementId === elementId && i.state === 'CREATED' && !exceptKeys.includes(String(i.key ?? i.userTaskKey)),
      );
      const item = items.at(-1);
      if (!item) return undefined;
      const key = String(item.key ?? item.userTaskKey);
      // the 8.6 REST search leaves out the due date; Tasklist has it
      const dueDate = item.dueDate ?? ((await camunda.tasklist.getTask(key)) as { dueDate?: string | null }).dueDate ?? null;
      return { key, dueDate, elementInstanceKey: String(item.elementInstanceKey), processId: String(item.processDefinitionId ?? item.bpmnProcessId) };
    }));
  }

  /** Completes the element's open task with variables checked against its Camunda Form first (as the task API does). */
  async function complete(processInstanceKey: string, elementId: string, variables: Record<string, unknown>) {
    const t = await task(processInstanceKey, elementId);
    const formId = await formOf(t.processId, elementId);
    const form = (await loadForms()).get(formId);
    if (!form) throw new Error(`form ${formId} missing`);
    const issues = validateAgainstForm(form, variables);
    if (issues.length) throw new Error(`form ${formId} refuses the variables: ${JSON.stringify(issues)}`);
    const res = await camunda.restFetch(`/v2/user-tasks/${t.key}/completion`, { method: 'POST', body: JSON.stringify({ variables }) });
    if (!res.ok) throw new Error(`completing ${elementId}: HTTP ${res.status} ${await res.text()}`);
    await waitUntil(`task ${elementId} completed`, async () => (await searchTasks({ key: Number(t.key) })).find((i) => String(i.key ?? i.userTaskKey) === t.key)?.state === 'COMPLETED');
    return t;
  }

  /** The form linked to a user task element of the part-2 diagrams. */
  async function formOf(processId: string, elementId: string): Promise<string> {
    const { userTaskIndex } = await import('../../src/cases/case-tasks.ts');
    const formId = (await userTaskIndex()).get(`${processId}/${elementId}`)?.formId;
    if (!formId) throw new Error(`no form for ${processId}/${elementId}`);
    return formId;
  }

  const passed = (pi: string, elementId: string, state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' = 'COMPLETED', count = 1) =>
    explained(pi, waitUntil(`${elementId} ${state} ×${count}`, async () => ((await elementInstances(camunda, pi, elementId, state)).length >= count ? true : undefined), 60_000));

  const finished = (pi: string) =>
    explained(pi, waitUntil(`instance ${pi} completed`, async () => {
      const p = await camunda.operate.getProcessInstance(pi as never);
      return p.state === 'COMPLETED' ? p : undefined;
    }, 60_000));

  /** A process variable at the instance's root scope, as Operate has it (JSON); undefined when absent. */
  async function variableNow(pi: string, name: string, scopeKey = pi): Promise<unknown> {
    const res = await camunda.operate.searchVariables({ filter: { processInstanceKey: pi as never, scopeKey: scopeKey as never, name }, size: 5 } as never);
    const item = res.items[0];
    if (!item) return undefined;
    return JSON.parse(item.value);
  }
  const variableEventually = (pi: string, name: string, ok: (v: any) => boolean = (v) => v !== undefined) =>
    explained(pi, waitUntil(`variable ${name}`, async () => {
      const v = await variableNow(pi, name);
      return ok(v) ? { v } : undefined;
    }, 30_000)).then((r) => r.v as any);

  /** A root-scope variable once Operate has imported it (search results lag the engine). */
  const variable = (pi: string, name: string) => variableEventually(pi, name);

  const today = async () => shanghaiDateOf(await engineClock.now(config));
  /** ISO date-time in Shanghai, `days` after the engine's today, at hh:mm. */
  const at = async (days: number, time = '09:30') => {
    const base = new Date(`${await today()}T00:00:00+08:00`).getTime() + days * DAY;
    return `${shanghaiDateOf(new Date(base))}T${time}:00+08:00`;
  };
  const dateAfter = (date: string, days: number) => shanghaiDateOf(new Date(new Date(`${date}T12:00:00+08:00`).getTime() + days * DAY));

  /** The deadline engine's answer, as the oracle for one rule (the engine is unit-tested on its own). */
  async function expectedDue(profile: string, rule: string, trigger: string, courtSetDays?: number) {
    return computeDeadline(await loadCalendar(db), { profile, rule, trigger, ...(courtSetDays ? { courtSetDays } : {}) }).due;
  }

  const deadlines = async (caseId: string) =>
    (await db('case_deadlines').where({ case_id: caseId }).whereNull('superseded_at').select('rule_id', 'trigger_key', 'due_on')).map((r: any) => ({ rule: r.rule_id, triggerKey: r.trigger_key, due: String(r.due_on) }));
  const events = async (caseId: string) => (await db('case_events').where({ case_id: caseId }).orderBy('id')).map((e: any) => ({ type: e.type as string, payload: e.payload as any }));
  const documents = async (caseId: string) => db('documents').where({ case_id: caseId }).orderBy('id').select('id', 'kind', 'version', 'format', 'sha256');
  const outbox = async (caseId: string) => db('notification_outbox').where({ case_id: caseId }).orderBy('id').select('event', 'recipient_role', 'urgent', 'subject', 'body_text');

  return { camunda, config, db: db as Db, createCase, start, task, complete, passed, finished, variable, variableEventually, today, at, dateAfter, expectedDue, deadlines, events, documents, outbox, searchTasks };
}
