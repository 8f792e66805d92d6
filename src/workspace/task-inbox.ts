// The task inbox (待办) of the workspace: the open user tasks a person may work on — in one of its
// roles' candidate groups (or claimed by it) and of a case in its scope — earliest due first, with
// the case number and agency; claim and unclaim; the task's form with the values to prefill it.
import type { Principal } from '../auth/principal.ts';
import { assertCaseVisible, whereCaseVisible } from '../auth/scope.ts';
import type { Db } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import type { ProcessEngine, UserTask } from '../process-engine/process-engine.ts';
import { loadForms, type FormSchema } from '../cases/form-validation.ts';
import { assertMayComplete, engineCall, shanghaiIso } from '../cases/case-tasks.ts';
import { roleLabels } from '../notifications/rules.ts';

export interface InboxTask {
  id: string;
  name: string;
  caseId: string;
  caseNumber: string;
  agencyId: string;
  agencyName: string;
  stage: string;
  /** the Asia/Shanghai instant the task is due, ISO 8601 with +08:00 */
  due: string | null;
  created: string;
  assignee: string | null;
  /** claimed by the asking user */
  mine: boolean;
  candidateGroups: { id: string; label: string }[];
  formId: string | null;
}

const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

const label = (group: string) => ({ id: group, label: (roleLabels as Record<string, string>)[group] ?? group });

async function describe(db: Db, tasks: UserTask[], principal: Principal): Promise<InboxTask[]> {
  // every instance of a case carries the case id as its business key
  const caseIds = [...new Set(tasks.flatMap((t) => (t.businessKey && /^[0-9a-f-]{36}$/i.test(t.businessKey) ? [t.businessKey] : [])))];
  const rows = caseIds.length
    ? await whereCaseVisible(db('cases as c').join('agencies as a', 'a.id', 'c.agency_id').whereIn('c.id', caseIds), principal, 'c').select('c.id', 'c.case_number', 'c.agency_id', 'c.stage', 'a.name as agency_name')
    : [];
  const cases = new Map(rows.map((r: any) => [r.id as string, r]));
  return tasks
    .filter((t) => t.businessKey && cases.has(t.businessKey))
    .map((t): InboxTask => {
      const c = cases.get(t.businessKey!)!;
      return {
        id: t.id,
        name: t.name,
        caseId: c.id,
        caseNumber: c.case_number,
        agencyId: c.agency_id,
        agencyName: c.agency_name,
        stage: c.stage,
        due: shanghaiIso(t.due),
        created: t.created,
        assignee: t.assignee ?? null,
        mine: t.assignee === principal.login,
        candidateGroups: t.candidateGroups.map(label),
        formId: t.formId ?? null,
      };
    });
}

/** Due first (no due date last), then the oldest. */
export function byDueDate(a: InboxTask, b: InboxTask): number {
  if (a.due !== b.due) return a.due === null ? 1 : b.due === null ? -1 : Date.parse(a.due) - Date.parse(b.due);
  return a.created.localeCompare(b.created);
}

/** GET /api/tasks */
export async function listInbox(db: Db, engine: ProcessEngine, principal: Principal): Promise<InboxTask[]> {
  const groups = principal.roles.filter((r) => r !== 'admin');
  const [byGroup, claimed] = await Promise.all([
    groups.length ? engineCall('任务查询', () => engine.listTasks({ candidateGroups: groups })) : Promise.resolve([]),
    engineCall('任务查询', () => engine.listTasks({ assignee: principal.login })),
  ]);
  const unique = new Map([...byGroup, ...claimed].map((t) => [t.id, t]));
  // a task someone else claimed stays visible (greyed) so the team sees who holds it
  return (await describe(db, [...unique.values()], principal)).sort(byDueDate);
}

/**
 * The task and its inbox entry, when the principal may see it: the task's case in scope (else 404, as
 * if the task did not exist) and one of its candidate groups among the principal's roles, or claimed
 * by the principal (else 403). `act`: the principal is about to act on it (claim, unclaim): the
 * completion rule of the case API, so a task someone else holds stays theirs.
 */
export async function taskFor(db: Db, engine: ProcessEngine, principal: Principal, taskId: string, act = false): Promise<{ task: UserTask; inbox: InboxTask; caseOf: { id: string; agencyId: string } }> {
  if (!TASK_ID.test(taskId)) throw new NotFoundError('任务', taskId);
  const task = await engineCall('任务查询', () => engine.getTask(taskId));
  if (!task?.businessKey) throw new NotFoundError('任务', taskId);
  let caseOf: { id: string; agencyId: string };
  if (act || task.assignee !== principal.login) {
    caseOf = await assertMayComplete(db, principal, act ? task : { ...task, assignee: undefined });
  } else {
    caseOf = await assertCaseVisible(db, principal, task.businessKey).catch((error: unknown) => {
      throw error instanceof NotFoundError ? new NotFoundError('任务', taskId) : error;
    });
  }
  const [inbox] = await describe(db, [task], principal);
  if (!inbox) throw new NotFoundError('任务', taskId);
  return { task, inbox, caseOf };
}

/** POST /api/tasks/:id/claim */
export async function claimTask(db: Db, engine: ProcessEngine, principal: Principal, taskId: string): Promise<InboxTask & { caseOf: { id: string; agencyId: string } }> {
  const { inbox, caseOf } = await taskFor(db, engine, principal, taskId, true);
  await engineCall('认领任务', () => engine.claimTask(taskId, principal.login));
  return { ...inbox, assignee: principal.login, mine: true, caseOf };
}

/** POST /api/tasks/:id/unclaim: only the one who holds it gives it back */
export async function unclaimTask(db: Db, engine: ProcessEngine, principal: Principal, taskId: string): Promise<InboxTask & { caseOf: { id: string; agencyId: string } }> {
  const { inbox, caseOf } = await taskFor(db, engine, principal, taskId, true);
  await engineCall('退回任务', () => engine.unclaimTask(taskId));
  return { ...inbox, assignee: null, mine: false, caseOf };
}

/** Objects and lists travel as JSON strings (see process-engine.ts): parsed back for the form. */
export function formValues(variables: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(variables)) {
    if (typeof v === 'string' && /^\s*[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // an ordinary text that starts with a bracket
      }
    }
    out[k] = v;
  }
  return out;
}

/** GET /api/tasks/:id/form: the task, its Camunda Form (form-js JSON) and the values that prefill it. */
export async function taskForm(db: Db, engine: ProcessEngine, principal: Principal, taskId: string): Promise<{ task: InboxTask; form: FormSchema | null; variables: Record<string, unknown>; caseOf: { id: string; agencyId: string } }> {
  const { task, inbox, caseOf } = await taskFor(db, engine, principal, taskId);
  let form: FormSchema | null = null;
  if (task.formId) {
    form = (await loadForms()).get(task.formId) ?? ((await engineCall('表单读取', () => engine.getTaskForm(taskId))) as FormSchema | undefined) ?? null;
  }
  const variables = formValues(await engineCall('变量读取', () => engine.getTaskVariables(taskId)));
  return { task: inbox, form, variables, caseOf };
}
