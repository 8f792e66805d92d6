// Shared set-up for the part-2 engine scenarios (test/integration/part2-*.test.ts): the demo region,
// a mail catcher for the e-mail channel, every worker, ledger cases inserted directly, and small
// probes over the engine (user tasks through the port, element instances and variables from the
// engine's history). Dates are based on the engine clock the file set.
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import type { CaseEventInput } from '../../src/cases/case-input.ts';
import { postCaseEvent } from '../../src/cases/case-service.ts';
import { loadForms, validateAgainstForm } from '../../src/cases/form-validation.ts';
import { dispatchDueCommands } from '../../src/engine-commands/engine-command-dispatcher.ts';
import type { Db } from '../../src/db/database.ts';
import { loadCalendar } from '../../src/deadlines/ledger.ts';
import { computeDeadline } from '../../src/deadlines/engine.ts';
import { shanghaiDateOf } from '../../src/deadlines/dates.ts';
import { startMailCatcher, type MailCatcher } from '../../src/notifications/mail-catcher.ts';
import { seedDemoRegion } from '../../src/seed/demo-region.ts';
import { parsedValue } from '../../src/workers/variable-values.ts';
import { startWorkers, type WorkerHost } from '../../src/workers/worker-host.ts';
import { elementInstances, engineClock, useEngine, waitUntil } from './engine.ts';
import { insertLedgerCase, useTestDb } from './test-db.ts';

export const DAY = 86_400_000;

export function usePart2() {
  const { engine, rest, config } = useEngine();
  const db = useTestDb();
  let workers: WorkerHost | undefined;
  let catcher: MailCatcher | undefined;

  beforeAll(async () => {
    await seedDemoRegion(db);
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: null });
    const workerConfig = { ...config, SMTP_HOST: '127.0.0.1', SMTP_PORT: catcher.smtpPort, NOTIFY_RETRY_BASE_MS: 200 };
    workers = await startWorkers(engine.externalTasks, { config: workerConfig, db, logger: pino({ level: 'silent' }) }, { workerId: 'part2-scenario', longPollMs: 1000 });
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

  /** Starts a process on its own, with the case id as business key (as the main process passes it on). */
  async function start(processDefinitionId: string, variables: Record<string, unknown>): Promise<string> {
    const businessKey = String(variables.caseId ?? `no-case-${Date.now()}`);
    return (await engine.startInstance(processDefinitionId, businessKey, variables)).instanceId;
  }

  /** A court event: delivered as soon as the process waits for it (the engine buffers nothing). */
  async function publish(messageName: string, caseId: string, variables: Record<string, unknown>) {
    return waitUntil(`${messageName} delivered`, async () => {
      const c = await engine.correlate(messageName, caseId, variables);
      return c.status === 'correlated' ? c : undefined;
    }, 30_000);
  }

  /** Open user tasks as the old search gave them: key, elementId, state, processInstanceKey. */
  async function searchTasks(filter: { processInstanceKey?: string | number; elementId?: string; state?: string }): Promise<any[]> {
    const tasks = await engine.listTasks({ processInstanceId: filter.processInstanceKey === undefined ? undefined : String(filter.processInstanceKey), taskDefinitionKey: filter.elementId });
    return tasks.map((t) => ({ key: t.id, elementId: t.taskDefinitionKey, state: 'CREATED', processInstanceKey: t.processInstanceId, dueDate: t.due ?? null, formId: t.formId }));
  }

  /** Why an instance is stuck: its incidents and active elements, for the failure message. */
  async function incidents(pi: string): Promise<string> {
    const found = await rest.json<{ activityId: string; incidentMessage: string }[]>('GET', `/incident?processInstanceId=${pi}`).catch(() => []);
    const active = await elementInstances(rest, pi, '', 'ACTIVE').catch(() => []);
    return `${found.map((i) => `${i.activityId}: ${i.incidentMessage}`).join(' | ')}; active: ${active.map((i) => i.activityId).join(', ')}`;
  }
  const explained = <T,>(pi: string, p: Promise<T>) =>
    p.catch(async (e: Error) => {
      throw new Error(`${e.message}; incidents: ${await incidents(pi)}`);
    });

  /** The open task of an element; `exceptKeys`: tasks already seen. */
  async function task(processInstanceKey: string, elementId: string, exceptKeys: string[] = []): Promise<{ key: string; dueDate: string | null; processId: string; formId?: string }> {
    return explained(processInstanceKey, waitUntil(`user task ${elementId}`, async () => {
      const open = (await engine.listTasks({ processInstanceId: processInstanceKey, taskDefinitionKey: elementId })).filter((t) => !exceptKeys.includes(t.id));
      const t = open.at(-1);
      return t ? { key: t.id, dueDate: t.due ?? null, processId: t.processDefinitionKey, formId: t.formId } : undefined;
    }));
  }

  /** Completes the element's open task with variables checked against its Camunda Form first (as the task API does). */
  async function complete(processInstanceKey: string, elementId: string, variables: Record<string, unknown>) {
    const t = await task(processInstanceKey, elementId);
    if (!t.formId) throw new Error(`no form for ${t.processId}/${elementId}`);
    const form = (await loadForms()).get(t.formId);
    if (!form) throw new Error(`form ${t.formId} missing`);
    const issues = validateAgainstForm(form, variables);
    if (issues.length) throw new Error(`form ${t.formId} refuses the variables: ${JSON.stringify(issues)}`);
    await engine.completeTask(t.key, variables);
    return t;
  }

  const passed = (pi: string, elementId: string, state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED' = 'COMPLETED', count = 1) =>
    explained(pi, waitUntil(`${elementId} ${state} ×${count}`, async () => ((await elementInstances(rest, pi, elementId, state)).length >= count ? true : undefined), 60_000));

  const stateOf = async (pi: string) => (await rest.json<{ state: string }>('GET', `/history/process-instance/${pi}`)).state;
  const finished = (pi: string) => explained(pi, waitUntil(`instance ${pi} completed`, async () => ((await stateOf(pi)) === 'COMPLETED' ? true : undefined), 60_000));

  /** A process variable at the instance's root scope; undefined when absent. Lists and objects arrive as JSON strings. */
  async function variableNow(pi: string, name: string): Promise<unknown> {
    const found = await rest.json<{ value: unknown; activityInstanceId: string }[]>('GET', `/history/variable-instance?processInstanceId=${pi}&variableName=${encodeURIComponent(name)}&deserializeValues=false`);
    const root = found.find((v) => v.activityInstanceId === pi) ?? found[0];
    return root === undefined ? undefined : parsedValue(root.value);
  }
  const variableEventually = (pi: string, name: string, ok: (v: any) => boolean = (v) => v !== undefined) =>
    explained(pi, waitUntil(`variable ${name}`, async () => {
      const v = await variableNow(pi, name);
      return ok(v) ? { v } : undefined;
    }, 30_000)).then((r) => r.v as any);

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

  /** Records a court event as the case API does (ledger fact + engine outbox command) and carries the outbox out until the command is done. */
  const courtEvent = async (caseId: string, event: CaseEventInput) => {
    const posted = await postCaseEvent(db, { kick: () => {} }, caseId, event);
    const dispatch = { db, engine, logger: pino({ level: 'silent' }) };
    await waitUntil(`${event.type} carried out`, async () => {
      await dispatchDueCommands(dispatch);
      const command = await db('engine_commands').where({ case_event_id: posted.eventId }).first('status');
      return command?.status === 'done' ? true : undefined;
    }, 30_000);
    return posted;
  };

  return { engine, rest, config, db: db as Db, courtEvent, createCase, start, publish, stateOf, task, complete, passed, finished, variable, variableEventually, today, at, dateAfter, expectedDue, deadlines, events, documents, outbox, searchTasks };
}
