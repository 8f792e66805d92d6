// The task inbox (待办) of the workspace: the open user tasks a person may work on — in one of its
// roles' candidate groups (or claimed by it) and of a case in its scope — earliest due first, with
// the case number and agency; claim and unclaim; the task's form with the values to prefill it.
import { ForbiddenError, type Principal } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { ConflictError, DomainError, EngineError, NotFoundError } from '../errors.ts';
import type { ProcessEngine, UserTask } from '../process-engine/process-engine.ts';
import { loadForms, type FormSchema } from '../cases/form-validation.ts';
import { shanghaiIso } from '../cases/case-tasks.ts';
import { casesInScope } from './case-scope.ts';
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

async function engineCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new EngineError('ENGINE_ERROR', `${what}失败：${(error as Error).message}`);
  }
}

const label = (group: string) => ({ id: group, label: (roleLabels as Record<string, string>)[group] ?? group });

async function describe(db: Db, tasks: UserTask[], principal: Principal): Promise<InboxTask[]> {
  const caseIds = tasks.flatMap((t) => (t.businessKey ? [t.businessKey] : []));
  const visible = await casesInScope(db, principal, caseIds);
  const rows = visible.size
    ? await db('cases as c').join('agencies as a', 'a.id', 'c.agency_id').whereIn('c.id', [...visible]).select('c.id', 'c.case_number', 'c.agency_id', 'c.stage', 'a.name as agency_name')
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

/** The task, when the principal may work on it: in scope and in one of its candidate groups (or claimed by it); else 404/403. */
export async function taskFor(db: Db, engine: ProcessEngine, principal: Principal, taskId: string): Promise<{ task: UserTask; inbox: InboxTask }> {
  if (!TASK_ID.test(taskId)) throw new NotFoundError('任务', taskId);
  const task = await engineCall('任务查询', () => engine.getTask(taskId));
  if (!task) throw new NotFoundError('任务', taskId);
  // getTask does not know the business key: find it through the case's task list
  const withKey = task.businessKey ? task : await businessKeyOf(db, engine, task);
  const [inbox] = await describe(db, withKey ? [withKey] : [], principal);
  if (!inbox) throw new NotFoundError('任务', taskId);
  const inGroup = task.candidateGroups.some((g) => principal.roles.includes(g as never)) || task.assignee === principal.login;
  if (!inGroup) throw new ForbiddenError(`此任务由${task.candidateGroups.map((g) => label(g).label).join('、')}办理`);
  return { task: withKey!, inbox };
}

async function businessKeyOf(db: Db, engine: ProcessEngine, task: UserTask): Promise<UserTask | undefined> {
  const row = await db('case_process_instances').where({ process_instance_key: task.processInstanceId }).first('case_id');
  if (row) return { ...task, businessKey: row.case_id };
  const listed = await engineCall('任务查询', () => engine.listTasks({ processInstanceId: task.processInstanceId }));
  const found = listed.find((t) => t.id === task.id);
  return found?.businessKey ? found : undefined;
}

/** POST /api/tasks/:id/claim */
export async function claimTask(db: Db, engine: ProcessEngine, principal: Principal, taskId: string): Promise<InboxTask> {
  const { task, inbox } = await taskFor(db, engine, principal, taskId);
  if (task.assignee && task.assignee !== principal.login) throw new ConflictError('TASK_CLAIMED', `此任务已由${task.assignee}认领`);
  await engineCall('认领任务', () => engine.claimTask(taskId, principal.login));
  return { ...inbox, assignee: principal.login, mine: true };
}

/** POST /api/tasks/:id/unclaim: only the one who claimed it gives it back */
export async function unclaimTask(db: Db, engine: ProcessEngine, principal: Principal, taskId: string): Promise<InboxTask> {
  const { task, inbox } = await taskFor(db, engine, principal, taskId);
  if (task.assignee && task.assignee !== principal.login) throw new ConflictError('TASK_CLAIMED', `此任务已由${task.assignee}认领，只有认领人可以退回`);
  await engineCall('退回任务', () => engine.unclaimTask(taskId));
  return { ...inbox, assignee: null, mine: false };
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
export async function taskForm(db: Db, engine: ProcessEngine, principal: Principal, taskId: string): Promise<{ task: InboxTask; form: FormSchema | null; variables: Record<string, unknown> }> {
  const { task, inbox } = await taskFor(db, engine, principal, taskId);
  let form: FormSchema | null = null;
  if (task.formId) {
    form = (await loadForms()).get(task.formId) ?? ((await engineCall('表单读取', () => engine.getTaskForm(taskId))) as FormSchema | undefined) ?? null;
  }
  const variables = formValues(await engineCall('变量读取', () => engine.getTaskVariables(taskId)));
  return { task: inbox, form, variables };
}
