// Open user tasks of a case and their completion, through the engine port, so a client can drive
// the whole process without the engine's Tasklist. Every instance of a case (main, called, started
// by a court event) carries the case id as its business key, so one task query lists them all.
import { ForbiddenError, hasRole, type Principal, type Role } from '../auth/principal.ts';
import { assertCaseVisible } from '../auth/scope.ts';
import type { Db } from '../db/database.ts';
import { roleLabels } from '../notifications/rules.ts';
import { DomainError, EngineError, InputError, NotFoundError } from '../errors.ts';
import type { ProcessEngine, UserTask } from '../process-engine/process-engine.ts';
import { loadForms, validateAgainstForm, withFormDefaults, type FormSchema } from './form-validation.ts';

export interface OpenTask {
  /** the engine's task id (a string, e.g. a UUID) */
  key: string;
  name: string;
  formId: string | null;
  elementId: string;
  assignee: string | null;
  candidateGroups: string[];
  due: string | null;
  processInstanceKey: string;
  bpmnProcessId: string;
  createdAt: string | null;
}

/** An instant as ISO 8601 in Asia/Shanghai (+08:00), the time zone deadlines are kept in. */
export function shanghaiIso(value: string | null | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(t)) return value;
  return `${new Date(t + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

function toOpenTask(task: UserTask): OpenTask {
  return {
    key: task.id,
    name: task.name || task.taskDefinitionKey,
    formId: task.formId ?? null,
    elementId: task.taskDefinitionKey,
    assignee: task.assignee ?? null,
    candidateGroups: task.candidateGroups,
    due: shanghaiIso(task.due),
    processInstanceKey: task.processInstanceId,
    bpmnProcessId: task.processDefinitionKey,
    createdAt: task.created ?? null,
  };
}

/** An engine failure other than "unreachable" (503) or a domain outcome becomes a 502 naming the call. */
export async function engineCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new EngineError('ENGINE_ERROR', `${what}失败：${(error as Error).message}`);
  }
}

/** GET /api/cases/:id/tasks — the open user tasks of every instance of the case, oldest first. */
export async function listOpenTasks(engine: ProcessEngine, caseId: string): Promise<OpenTask[]> {
  const tasks = await engineCall('任务查询', () => engine.listTasks({ businessKey: caseId }));
  return tasks.map(toOpenTask).sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''));
}

/** A task id as the engine makes them (UUIDs, numbers): no spaces, slashes or other punctuation. */
const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

async function formOf(engine: ProcessEngine, task: UserTask): Promise<FormSchema | undefined> {
  if (!task.formId) return undefined;
  // the forms under forms/ are the ones deployed with the diagrams; the engine's copy is the fallback
  const form = (await loadForms()).get(task.formId) ?? ((await engineCall('表单读取', () => engine.getTaskForm(task.id))) as FormSchema | undefined);
  if (!form?.components) throw new DomainError('FORM_MISSING', `任务 ${task.name} 关联的表单 ${task.formId} 不在 forms/ 中`);
  return form;
}

const candidateGroupLabel = (group: string) => (roleLabels as Record<string, string>)[group] ?? group;

/**
 * Who may complete a task: its case (the instance's business key) in the user's scope — else the
 * task does not exist for the user (404) — and the user its assignee or in one of its candidate
 * groups (403); a task claimed by someone else stays theirs.
 */
export async function assertMayComplete(db: Db, principal: Principal, task: UserTask): Promise<{ id: string; agencyId: string }> {
  if (!task.businessKey) throw new NotFoundError('任务 / user task', task.id);
  const visibleCase = await assertCaseVisible(db, principal, task.businessKey).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError('任务 / user task', task.id) : error;
  });
  if (task.assignee && task.assignee !== principal.login) throw new ForbiddenError(`此任务已由 ${task.assignee} 认领`, 'TASK_CLAIMED_BY_OTHER');
  // the task's assignee, or a user in one of its candidate groups
  if (task.assignee !== principal.login && !hasRole(principal, ...(task.candidateGroups as Role[]))) {
    throw new ForbiddenError(`只有任务候选组（${task.candidateGroups.map((g) => candidateGroupLabel(g)).join('、') || '无'}）中的用户可以办理此任务`, 'NOT_A_CANDIDATE');
  }
  return visibleCase;
}

/**
 * POST /api/tasks/:key/complete — the caller's check of who may (assertMayComplete for the API),
 * then the variables against the task's form.
 */
export async function completeTask(
  engine: ProcessEngine,
  key: string,
  variables: unknown,
  mayComplete: (task: UserTask) => Promise<unknown>,
): Promise<{ key: string; formId: string | null; completed: true }> {
  if (!TASK_ID.test(key)) throw new InputError([{ field: 'key', message: '任务编号格式不正确' }]);
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) throw new InputError([{ field: 'variables', message: 'variables 应为对象' }]);
  const task = await engineCall('任务查询', () => engine.getTask(key));
  // the engine lists open tasks only: a completed or cancelled task is gone
  if (!task) throw new NotFoundError('任务 / user task', key);
  await mayComplete(task);
  let values = variables as Record<string, unknown>;
  const form = await formOf(engine, task);
  if (form) {
    values = withFormDefaults(form, values);
    const issues = validateAgainstForm(form, values);
    if (issues.length) throw new InputError(issues);
  }
  // objects and lists travel as JSON strings: the adapter encodes them
  await engineCall('任务完成', () => engine.completeTask(key, values));
  return { key, formId: task.formId ?? null, completed: true };
}
