// The Operaton adapter of the engine port: the only code that knows the engine's REST shapes.
import { ConflictError, NotFoundError } from '../../errors.ts';
import {
  ExternalTaskLockLostError,
  type Correlation,
  type DeployedDefinition,
  type ExternalTasks,
  type LockedExternalTask,
  type MigrationPlan,
  type ProcessDefinitionVersion,
  type ProcessEngine,
  type ProcessInstanceSummary,
  type UserTask,
  type Variables,
} from '../process-engine.ts';
import { createOperatonRest, EngineRequestError, type OperatonRest, type OperatonRestOptions } from './operaton-rest.ts';
import { syncDirectory, syncUser } from './directory-sync.ts';
import { fromTypedVariables, toTypedVariables, type TypedValue } from './variables.ts';

/** The process variable that marks a delivery (CorrelateOptions.deliveryId). */
function deliveryVariable(deliveryId: string): string {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(deliveryId)) throw new TypeError(`delivery id ${JSON.stringify(deliveryId)} is not a variable name`);
  return deliveryId;
}

interface TaskDto {
  id: string;
  name: string | null;
  assignee: string | null;
  created: string;
  due: string | null;
  followUp: string | null;
  taskDefinitionKey: string;
  processInstanceId: string;
  processDefinitionId: string;
  operatonFormRef?: { key: string } | null;
  camundaFormRef?: { key: string } | null;
}

interface IdentityLinkDto {
  type: string;
  groupId: string | null;
  userId: string | null;
}

interface LockedTaskDto {
  id: string;
  topicName: string;
  workerId: string;
  processInstanceId: string;
  processDefinitionKey: string;
  activityId: string;
  activityInstanceId: string;
  businessKey: string | null;
  retries: number | null;
  lockExpirationTime: string;
  variables: Record<string, TypedValue>;
  extensionProperties?: Record<string, string>;
}

interface HistoricInstanceDto {
  id: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionName: string | null;
  superProcessInstanceId: string | null;
  startTime: string;
  endTime: string | null;
}

interface DeploymentDto {
  id: string;
  deployedProcessDefinitions?: Record<string, { key: string; version: number; resource: string }> | null;
  deployedDecisionDefinitions?: Record<string, { key: string; version: number; resource: string }> | null;
}

interface ProcessDefinitionDto {
  id: string;
  key: string;
  name: string | null;
  version: number;
  deploymentId: string;
  resource: string;
}

/** The plan as the engine's REST API writes it (and reads it back). */
interface MigrationPlanDto {
  sourceProcessDefinitionId: string;
  targetProcessDefinitionId: string;
  instructions: { sourceActivityIds: string[]; targetActivityIds: string[]; updateEventTrigger?: boolean }[];
  variables?: unknown;
}

const toPlan = (dto: MigrationPlanDto): MigrationPlan => ({
  sourceProcessDefinitionId: dto.sourceProcessDefinitionId,
  targetProcessDefinitionId: dto.targetProcessDefinitionId,
  instructions: dto.instructions.map((i) => ({ sourceActivityIds: i.sourceActivityIds, targetActivityIds: i.targetActivityIds, updateEventTrigger: Boolean(i.updateEventTrigger) })),
});

/** Engine dates come as 2026-03-02T09:00:00.000+0800; JavaScript wants +08:00. */
export function parseEngineDate(value: string): Date {
  return new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

const processKeyOf = (processDefinitionId: string) => processDefinitionId.split(':')[0]!;

/** Outcomes on a task whose lock is gone (expired, taken by another worker, or the task finished). */
function lockLost(error: unknown, taskId: string): never {
  const gone = error instanceof EngineRequestError && (error.status === 404 || ((error.status === 400 || error.status === 500) && /lock|not exist/i.test(error.message)));
  if (gone) {
    throw new ExternalTaskLockLostError(taskId, error.message);
  }
  throw error;
}

/**
 * A POST that changes an instance. When another transaction touched the same instance at the same
 * moment (a worker's completion, a message, a parallel branch), the engine rolled back and answers
 * OptimisticLockingException: the same call succeeds when repeated.
 */
async function postRetryingConflicts(rest: OperatonRest, path: string, body: unknown): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await rest.json<void>('POST', path, body);
    } catch (error) {
      if (attempt < 5 && error instanceof EngineRequestError && error.type === 'OptimisticLockingException') {
        await new Promise((r) => setTimeout(r, 50 * attempt));
        continue;
      }
      throw error;
    }
  }
}

function externalTasks(rest: OperatonRest): ExternalTasks {
  const call = (path: string, body: unknown, taskId: string): Promise<void> => postRetryingConflicts(rest, path, body).catch((error: unknown) => lockLost(error, taskId));
  return {
    async fetchAndLock(request) {
      const tasks = await rest.json<LockedTaskDto[]>(
        'POST',
        '/external-task/fetchAndLock',
        {
          workerId: request.workerId,
          maxTasks: request.maxTasks,
          usePriority: true,
          asyncResponseTimeout: request.longPollMs,
          topics: request.topics.map((t) => ({
            topicName: t.topic,
            lockDuration: t.lockMs,
            ...(t.variables ? { variables: t.variables } : {}),
            includeExtensionProperties: true,
          })),
        },
        { timeoutMs: request.longPollMs + 15_000 },
      );
      return tasks.map(
        (t): LockedExternalTask => ({
          id: t.id,
          topic: t.topicName,
          workerId: t.workerId,
          processInstanceId: t.processInstanceId,
          processDefinitionKey: t.processDefinitionKey,
          activityId: t.activityId,
          activityInstanceId: t.activityInstanceId,
          businessKey: t.businessKey ?? undefined,
          retries: t.retries,
          lockExpiresAt: parseEngineDate(t.lockExpirationTime),
          variables: fromTypedVariables(t.variables),
          properties: t.extensionProperties ?? {},
        }),
      );
    },
    complete: (task, variables) => call(`/external-task/${task.id}/complete`, { workerId: task.workerId, variables: toTypedVariables(variables) }, task.id),
    bpmnError: (task, errorCode, message, variables) =>
      call(`/external-task/${task.id}/bpmnError`, { workerId: task.workerId, errorCode, errorMessage: message, variables: toTypedVariables(variables) }, task.id),
    fail: (task, failure) =>
      call(
        `/external-task/${task.id}/failure`,
        { workerId: task.workerId, errorMessage: failure.message.slice(0, 3900), errorDetails: failure.details, retries: failure.retries, retryTimeout: failure.retryMs },
        task.id,
      ),
    unlock: (task) => call(`/external-task/${task.id}/unlock`, {}, task.id),
    extendLock: (task, lockMs) => call(`/external-task/${task.id}/extendLock`, { workerId: task.workerId, newDuration: lockMs }, task.id),
  };
}

export function createOperatonProcessEngine(options: OperatonRestOptions): ProcessEngine {
  const rest = createOperatonRest(options);

  async function toUserTask(dto: TaskDto, businessKey?: string): Promise<UserTask> {
    const links = await rest.json<IdentityLinkDto[]>('GET', `/task/${dto.id}/identity-links?type=candidate`);
    const formRef = dto.operatonFormRef ?? dto.camundaFormRef;
    return {
      id: dto.id,
      name: dto.name ?? dto.taskDefinitionKey,
      taskDefinitionKey: dto.taskDefinitionKey,
      processInstanceId: dto.processInstanceId,
      processDefinitionKey: processKeyOf(dto.processDefinitionId),
      businessKey,
      assignee: dto.assignee ?? undefined,
      candidateGroups: links.flatMap((l) => (l.groupId ? [l.groupId] : [])).sort(),
      created: parseEngineDate(dto.created).toISOString(),
      due: dto.due ? parseEngineDate(dto.due).toISOString() : undefined,
      followUp: dto.followUp ? parseEngineDate(dto.followUp).toISOString() : undefined,
      formId: formRef?.key,
    };
  }

  return {
    async health() {
      try {
        const { version } = await rest.json<{ version: string }>('GET', '/version', undefined, { timeoutMs: 5000 });
        return { up: true, version };
      } catch (error) {
        return { up: false, reason: (error as Error).message };
      }
    },

    async deploy(name, resources, options) {
      const form = new FormData();
      form.set('deployment-name', name);
      form.set('enable-duplicate-filtering', 'true');
      form.set('deploy-changed-only', String(options?.changedOnly ?? true));
      form.set('deployment-source', 'yingsu');
      for (const r of resources) form.set(r.name, new Blob([typeof r.content === 'string' ? r.content : Buffer.from(r.content)]), r.name);
      let dto: DeploymentDto;
      try {
        dto = await rest.multipart<DeploymentDto>('/deployment/create', form);
      } catch (error) {
        // a diagram the engine does not accept (parse errors, a message start event another process already has)
        if (error instanceof EngineRequestError && (error.status === 400 || error.status === 500)) throw new ConflictError('DEPLOYMENT_REJECTED', `流程引擎拒绝了部署：${error.message}`);
        throw error;
      }
      const created: DeployedDefinition[] = [
        ...Object.values(dto.deployedProcessDefinitions ?? {}).map((d) => ({ kind: 'process' as const, key: d.key, version: d.version, resource: d.resource })),
        ...Object.values(dto.deployedDecisionDefinitions ?? {}).map((d) => ({ kind: 'decision' as const, key: d.key, version: d.version, resource: d.resource })),
      ];
      return { deploymentId: dto.id, created };
    },

    async findForm(formId, options) {
      // the REST API has no query of form definitions: the deployments' resources, newest first
      const resourceName = `${formId}.form`;
      const deployments = options?.deploymentId
        ? [{ id: options.deploymentId, deploymentTime: null }]
        : await rest.json<{ id: string; deploymentTime: string | null }[]>('GET', '/deployment?sortBy=deploymentTime&sortOrder=desc');
      for (const d of deployments) {
        let resources: { id: string; name: string }[];
        try {
          resources = await rest.json<{ id: string; name: string }[]>('GET', `/deployment/${encodeURIComponent(d.id)}/resources`);
        } catch (error) {
          if (error instanceof EngineRequestError && error.status === 404) return undefined;
          throw error;
        }
        const resource = resources.find((r) => r.name === resourceName);
        if (!resource) continue;
        const { body } = await rest.text(`/deployment/${encodeURIComponent(d.id)}/resources/${encodeURIComponent(resource.id)}/data`);
        const schema = JSON.parse(body) as Record<string, unknown>;
        if (schema.id !== formId) continue;
        const at = d.deploymentTime ?? (await rest.json<{ deploymentTime: string | null }>('GET', `/deployment/${encodeURIComponent(d.id)}`)).deploymentTime;
        return { id: formId, deploymentId: d.id, resource: resource.name, deployedAt: at ? parseEngineDate(at).toISOString() : undefined, schema };
      }
      return undefined;
    },

    async startInstance(processKey, businessKey, variables, options) {
      // history includes finished instances: a retried start of a case that already ended starts nothing
      const key = encodeURIComponent(processKey);
      const bk = encodeURIComponent(businessKey);
      const existing = await rest.json<{ id: string }[]>('GET', `/history/process-instance?processDefinitionKey=${key}&processInstanceBusinessKey=${bk}&sortBy=startTime&sortOrder=asc&maxResults=1`);
      if (existing[0]) return { instanceId: existing[0].id, created: false };
      const startInstructions = options?.startBeforeActivityIds?.map((activityId) => ({ type: 'startBeforeActivity', activityId }));
      const started = await rest.json<{ id: string }>('POST', `/process-definition/key/${key}/start`, { businessKey, variables: toTypedVariables(variables), ...(startInstructions?.length ? { startInstructions } : {}) });
      return { instanceId: started.id, created: true };
    },

    async correlate(messageName, businessKey, variables, options): Promise<Correlation> {
      // the delivery's marker travels with the message: set on each instance reached in the engine's
      // own transaction, it is in the history exactly when the correlation happened (findDelivery)
      const marker = options?.deliveryId ? { [deliveryVariable(options.deliveryId)]: businessKey } : {};
      try {
        const results = await rest.json<{ processInstance?: { id: string } | null; execution?: { processInstanceId: string } | null }[]>('POST', '/message', {
          messageName,
          businessKey,
          processVariables: toTypedVariables({ ...variables, ...marker }),
          all: true,
          resultEnabled: true,
        });
        const ids = results.map((r) => r.processInstance?.id ?? r.execution?.processInstanceId).filter((id): id is string => Boolean(id));
        // correlating to "all" answers an empty list when nothing waits
        if (!ids.length) return { status: 'not-waiting', reason: `no instance of ${businessKey} waits for ${messageName}` };
        return { status: 'correlated', instanceIds: [...new Set(ids)] };
      } catch (error) {
        if (error instanceof EngineRequestError && error.status === 400 && /correlate/i.test(error.message)) {
          return { status: 'not-waiting', reason: error.message };
        }
        throw error;
      }
    },

    async findDelivery(deliveryId, businessKey) {
      // one indexed look-up by the marker's name (ACT_HI_VARINST NAME_); its value, the business key,
      // keeps a marker of another ledger's command with the same id (a fresh or restored database) apart
      const name = encodeURIComponent(deliveryVariable(deliveryId));
      const found = await rest.json<{ processInstanceId: string | null; value: unknown }[]>('GET', `/history/variable-instance?variableName=${name}&deserializeValues=false`);
      const instanceIds = [...new Set(found.filter((v) => v.value === businessKey && v.processInstanceId).map((v) => v.processInstanceId!))];
      return instanceIds.length ? { instanceIds } : undefined;
    },

    async listTasks(filter) {
      const query: Record<string, unknown> = { sorting: [{ sortBy: 'created', sortOrder: 'asc' }] };
      if (filter.candidateGroups?.length) {
        query.candidateGroups = filter.candidateGroups;
        query.includeAssignedTasks = true;
      }
      if (filter.assignee) query.assignee = filter.assignee;
      if (filter.businessKey) query.processInstanceBusinessKey = filter.businessKey;
      if (filter.processInstanceId) query.processInstanceId = filter.processInstanceId;
      if (filter.taskDefinitionKey) query.taskDefinitionKey = filter.taskDefinitionKey;
      const dtos = await rest.json<TaskDto[]>('POST', '/task', query);
      // the task DTO has no business key: one query for the instances' keys when it was not the filter
      const keys = new Map<string, string>();
      const instanceIds = [...new Set(dtos.map((d) => d.processInstanceId))];
      if (!filter.businessKey && instanceIds.length) {
        const instances = await rest.json<{ id: string; businessKey: string | null }[]>('POST', '/process-instance', { processInstanceIds: instanceIds });
        for (const i of instances) if (i.businessKey) keys.set(i.id, i.businessKey);
      }
      return Promise.all(dtos.map((dto) => toUserTask(dto, filter.businessKey ?? keys.get(dto.processInstanceId))));
    },

    async getTask(taskId) {
      try {
        const dto = await rest.json<TaskDto>('GET', `/task/${encodeURIComponent(taskId)}`);
        // the task resource has no business key; the case a task belongs to is its instance's
        const instance = await rest.json<{ businessKey: string | null }>('GET', `/process-instance/${encodeURIComponent(dto.processInstanceId)}`);
        return await toUserTask(dto, instance.businessKey ?? undefined);
      } catch (error) {
        if (error instanceof EngineRequestError && error.status === 404) return undefined;
        throw error;
      }
    },

    async getTaskForm(taskId) {
      try {
        const { contentType, body } = await rest.text(`/task/${encodeURIComponent(taskId)}/deployed-form`);
        return contentType.includes('json') ? JSON.parse(body) : undefined;
      } catch (error) {
        // a task without a deployed form
        if (error instanceof EngineRequestError && (error.status === 400 || error.status === 404)) return undefined;
        throw error;
      }
    },

    async getTaskVariables(taskId) {
      return fromTypedVariables(await rest.json<Record<string, TypedValue>>('GET', `/task/${encodeURIComponent(taskId)}/variables?deserializeValues=false`));
    },

    async claimTask(taskId, userId) {
      await rest.json('POST', `/task/${encodeURIComponent(taskId)}/claim`, { userId });
    },

    async unclaimTask(taskId) {
      try {
        await rest.json('POST', `/task/${encodeURIComponent(taskId)}/unclaim`);
      } catch (error) {
        if (error instanceof EngineRequestError && error.status === 404) throw new NotFoundError('任务 / task', taskId);
        throw error;
      }
    },

    async listInstances(businessKey) {
      const dtos = await rest.json<HistoricInstanceDto[]>('GET', `/history/process-instance?processInstanceBusinessKey=${encodeURIComponent(businessKey)}&sortBy=startTime&sortOrder=asc`);
      return dtos.map(
        (d): ProcessInstanceSummary => ({
          id: d.id,
          processDefinitionId: d.processDefinitionId,
          processDefinitionKey: d.processDefinitionKey,
          processDefinitionName: d.processDefinitionName ?? undefined,
          superProcessInstanceId: d.superProcessInstanceId ?? undefined,
          startTime: parseEngineDate(d.startTime).toISOString(),
          endTime: d.endTime ? parseEngineDate(d.endTime).toISOString() : undefined,
          state: d.endTime ? 'finished' : 'running',
        }),
      );
    },

    async getDefinitionXml(processDefinitionId) {
      try {
        const { bpmn20Xml } = await rest.json<{ bpmn20Xml: string }>('GET', `/process-definition/${encodeURIComponent(processDefinitionId)}/xml`);
        return bpmn20Xml;
      } catch (error) {
        if (error instanceof EngineRequestError && error.status === 404) throw new NotFoundError('流程定义 / process definition', processDefinitionId);
        throw error;
      }
    },

    async activeActivityIds(processInstanceId) {
      const open = await rest.json<{ activityId: string; activityType: string }[]>(
        'GET',
        `/history/activity-instance?processInstanceId=${encodeURIComponent(processInstanceId)}&unfinished=true`,
      );
      // scopes (subprocesses, multi-instance bodies) are containers, not steps
      return [...new Set(open.filter((a) => !/^(multiInstanceBody|subProcess)$/.test(a.activityType)).map((a) => a.activityId))];
    },

    async listProcessDefinitions(key) {
      const query = `sortBy=version&sortOrder=desc${key ? `&key=${encodeURIComponent(key)}` : ''}`;
      const [dtos, deployments] = await Promise.all([
        rest.json<ProcessDefinitionDto[]>('GET', `/process-definition?${query}`),
        rest.json<{ id: string; deploymentTime: string | null }[]>('GET', '/deployment?sortBy=deploymentTime&sortOrder=desc'),
      ]);
      const deployedAt = new Map(deployments.map((d) => [d.id, d.deploymentTime]));
      const counts = await Promise.all(dtos.map((d) => rest.json<{ count: number }>('GET', `/process-instance/count?processDefinitionId=${encodeURIComponent(d.id)}`)));
      return dtos
        .map((d, i): ProcessDefinitionVersion => {
          const at = deployedAt.get(d.deploymentId);
          return {
            id: d.id,
            key: d.key,
            name: d.name ?? undefined,
            version: d.version,
            deploymentId: d.deploymentId,
            resource: d.resource,
            deployedAt: at ? parseEngineDate(at).toISOString() : undefined,
            runningInstances: counts[i]!.count,
          };
        })
        .sort((a, b) => a.key.localeCompare(b.key) || b.version - a.version);
    },

    async listRunningInstances(processDefinitionId) {
      const dtos = await rest.json<{ id: string; businessKey: string | null }[]>('GET', `/process-instance?processDefinitionId=${encodeURIComponent(processDefinitionId)}`);
      return dtos.map((d) => ({ id: d.id, businessKey: d.businessKey ?? undefined }));
    },

    async generateMigrationPlan(sourceProcessDefinitionId, targetProcessDefinitionId) {
      try {
        return toPlan(await rest.json<MigrationPlanDto>('POST', '/migration/generate', { sourceProcessDefinitionId, targetProcessDefinitionId, updateEventTriggers: true }));
      } catch (error) {
        if (error instanceof EngineRequestError && (error.status === 400 || error.status === 404)) throw new NotFoundError('流程定义 / process definition', `${sourceProcessDefinitionId} → ${targetProcessDefinitionId}`);
        throw error;
      }
    },

    async validateMigrationPlan(plan) {
      const report = await rest.json<{ instructionReports?: { instruction: MigrationPlanDto['instructions'][number]; failures: string[] }[] }>('POST', '/migration/validate', plan);
      return {
        instructionReports: (report.instructionReports ?? []).map((r) => ({
          instruction: { sourceActivityIds: r.instruction.sourceActivityIds, targetActivityIds: r.instruction.targetActivityIds, updateEventTrigger: Boolean(r.instruction.updateEventTrigger) },
          failures: r.failures,
        })),
      };
    },

    async executeMigration(plan, processInstanceIds) {
      try {
        await rest.json('POST', '/migration/execute', { migrationPlan: plan, processInstanceIds, skipCustomListeners: false, skipIoMappings: false });
      } catch (error) {
        // a plan or an instance the engine cannot migrate: nothing was migrated
        if (error instanceof EngineRequestError && error.status === 400) throw new ConflictError('MIGRATION_REJECTED', `流程引擎拒绝了迁移：${error.message}`);
        throw error;
      }
    },

    async completeTask(taskId, variables) {
      try {
        await postRetryingConflicts(rest, `/task/${encodeURIComponent(taskId)}/complete`, { variables: toTypedVariables(variables) });
      } catch (error) {
        if (error instanceof EngineRequestError && (error.status === 404 || (error.status === 500 && /cannot find task/i.test(error.message)))) throw new NotFoundError('任务 / task', taskId);
        throw error;
      }
    },

    externalTasks: externalTasks(rest),
    syncDirectory: (directory, syncOptions) => syncDirectory(rest, directory, syncOptions),
    syncUser: (userId, user, userOptions) => syncUser(rest, userId, user, { ...userOptions, serviceUser: options.user, servicePassword: options.password }),
  };
}
