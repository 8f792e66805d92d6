// Open user tasks of a case and their completion, through the REST v2 API, so a client can drive
// the whole process without Tasklist. The case's instances (main and called) come from the ledger
// (case_process_instances, written by the first step of every process); the task search reads
// secondary storage and lags the engine by a second or two, so a task just created may appear on
// the next call.
import { BpmnModdle } from 'bpmn-moddle';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/database.ts';
import type { CamundaClients } from '../engine/camunda-client.ts';
import { listResourceFiles } from '../engine/bpmn-catalog.ts';
import { projectRoot } from '../config.ts';
import { DomainError, EngineError, InputError, NotFoundError } from '../errors.ts';
import { caseProcessInstanceKeys } from './case-read-model.ts';
import { loadForms, validateAgainstForm, withFormDefaults } from './form-validation.ts';

const require = createRequire(import.meta.url);
const zeebeSchema = require('zeebe-bpmn-moddle/resources/zeebe.json');

export interface UserTaskInfo {
  processId: string;
  elementId: string;
  name: string;
  formId: string | null;
}

let taskIndex: Promise<Map<string, UserTaskInfo>> | undefined;

/** processId/elementId → the user task's name and form, from the diagrams under processes/. */
export function userTaskIndex(dir = path.join(projectRoot, 'processes')): Promise<Map<string, UserTaskInfo>> {
  taskIndex ??= (async () => {
    const index = new Map<string, UserTaskInfo>();
    for (const file of await listResourceFiles(dir, ['.bpmn'])) {
      const { rootElement } = await new BpmnModdle({ zeebe: zeebeSchema }).fromXML(await readFile(file, 'utf8'));
      for (const root of (rootElement as any).rootElements ?? []) {
        if (root.$type !== 'bpmn:Process') continue;
        const visit = (el: any) => {
          if (el.$type === 'bpmn:UserTask') {
            const form = (el.extensionElements?.values ?? []).find((v: any) => v.$type === 'zeebe:FormDefinition');
            index.set(`${root.id}/${el.id}`, { processId: root.id, elementId: el.id, name: el.name ?? el.id, formId: form?.formId ?? null });
          }
          for (const child of el.flowElements ?? []) visit(child);
        };
        visit(root);
      }
    }
    return index;
  })();
  return taskIndex;
}

export interface OpenTask {
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

async function searchTasks(camunda: CamundaClients, filter: Record<string, unknown>): Promise<any[]> {
  const res = await camunda.restFetch('/v2/user-tasks/search', { method: 'POST', body: JSON.stringify({ filter, page: { limit: 100 } }) });
  if (!res.ok) throw new EngineError('ENGINE_ERROR', `任务查询失败：HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { items?: any[] }).items ?? [];
}

/** An instant as ISO 8601 in Asia/Shanghai (+08:00), the time zone deadlines are kept in. */
export function shanghaiIso(value: string | null | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(t)) return value;
  return `${new Date(t + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

async function toOpenTask(camunda: CamundaClients, item: any, processIdHint?: string): Promise<OpenTask> {
  const bpmnProcessId = item.processDefinitionId ?? item.bpmnProcessId ?? processIdHint ?? '';
  const info = (await userTaskIndex()).get(`${bpmnProcessId}/${item.elementId}`);
  const key = String(item.userTaskKey ?? item.key);
  // 8.6's REST v2 search does not return the due date: Tasklist's v1 API has it
  let dueDate: string | null = item.dueDate ?? null;
  if (!dueDate) dueDate = ((await camunda.tasklist.getTask(key).catch(() => null)) as { dueDate?: string | null } | null)?.dueDate ?? null;
  return {
    key,
    name: item.name ?? info?.name ?? item.elementId,
    formId: info?.formId ?? null,
    elementId: item.elementId,
    assignee: item.assignee ?? null,
    candidateGroups: item.candidateGroups ?? item.candidateGroup ?? [],
    due: shanghaiIso(dueDate),
    processInstanceKey: String(item.processInstanceKey),
    bpmnProcessId,
    createdAt: item.creationDate ?? null,
  };
}

/** GET /api/cases/:id/tasks */
export async function listOpenTasks(db: Db, camunda: CamundaClients, caseId: string): Promise<OpenTask[]> {
  const known = await caseProcessInstanceKeys(db, caseId);
  // a called process that has not written to the ledger yet (e.g. 结案归档 starts with a user task) is
  // found as an active child of a known instance
  const children = await Promise.all(
    known.map(async (i) => {
      const res = await Promise.resolve()
        .then(() => camunda.operate.searchProcessInstances({ filter: { parentKey: Number(i.key), state: 'ACTIVE' }, size: 50 } as never))
        .catch(() => ({ items: [] as any[] }));
      return ((res as { items?: any[] }).items ?? []).map((p: any) => ({ key: String(p.key), bpmnProcessId: String(p.bpmnProcessId) }));
    }),
  );
  const seen = new Set(known.map((i) => i.key));
  const instances = [...known, ...children.flat().filter((c) => !seen.has(c.key) && seen.add(c.key))];
  const lists = await Promise.all(instances.map(async (i) => (await searchTasks(camunda, { processInstanceKey: i.key, state: 'CREATED' })).map((item) => toOpenTask(camunda, item, i.bpmnProcessId))));
  const tasks = await Promise.all(lists.flat());
  return tasks.sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''));
}

/** POST /api/tasks/:key/complete — the variables are checked against the task's form first. */
export async function completeTask(camunda: CamundaClients, key: string, variables: unknown): Promise<{ key: string; formId: string | null; completed: true }> {
  if (!/^\d{1,20}$/.test(key)) throw new InputError([{ field: 'key', message: '任务编号应为数字' }]);
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) throw new InputError([{ field: 'variables', message: 'variables 应为对象' }]);
  // 8.6 names the filter "key", later versions "userTaskKey"; an unknown filter field is ignored, so check the key
  let item: any;
  for (const filter of [{ key }, { userTaskKey: key }]) {
    item = (await searchTasks(camunda, filter).catch(() => [])).find((t) => String(t.userTaskKey ?? t.key) === key);
    if (item) break;
  }
  if (!item) throw new NotFoundError('任务 / user task', key);
  if (item.state && item.state !== 'CREATED') throw new InputError([{ field: 'key', message: `任务已${item.state === 'COMPLETED' ? '完成' : '取消'}` }]);
  const task = await toOpenTask(camunda, item);
  let values = variables as Record<string, unknown>;
  if (task.formId) {
    const form = (await loadForms()).get(task.formId);
    if (!form) throw new DomainError('FORM_MISSING', `任务 ${task.name} 关联的表单 ${task.formId} 不在 forms/ 中`);
    values = withFormDefaults(form, values);
    const issues = validateAgainstForm(form, values);
    if (issues.length) throw new InputError(issues);
  }
  const res = await camunda.restFetch(`/v2/user-tasks/${key}/completion`, { method: 'POST', body: JSON.stringify({ variables: values }) });
  if (res.status === 404) throw new NotFoundError('任务 / user task', key);
  if (!res.ok) throw new EngineError('ENGINE_ERROR', `任务完成失败：HTTP ${res.status} ${await res.text()}`);
  return { key, formId: task.formId, completed: true };
}
