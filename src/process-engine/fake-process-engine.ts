// An in-memory stand-in for the engine port, for tests of the app ALONE (routes, services, the
// outbox, worker outcome mapping). It runs no BPMN: a test says what waits (messages, user tasks,
// external tasks) and reads what the app did. Tests that claim integration use the real engine app.
import { NotFoundError } from '../errors.ts';
import {
  ExternalTaskLockLostError,
  type Correlation,
  type EngineDirectory,
  type LockedExternalTask,
  type MigrationPlan,
  type ProcessDefinitionVersion,
  type ProcessEngine,
  type ProcessInstanceSummary,
  type UserTask,
  type Variables,
} from './process-engine.ts';

interface FakeInstance {
  id: string;
  processKey: string;
  businessKey: string;
  variables: Variables;
  startTime: string;
  endTime?: string;
  /** the elements the instance is in now (a test sets them) */
  activeActivityIds: string[];
  /** where the instance started (StartOptions.startBeforeActivityIds); empty: at the start event */
  startBeforeActivityIds: string[];
  /** the version it runs on (set by startInstance from the deployed versions, or by a test) */
  processDefinitionId?: string;
}

export interface FakeProcessEngine extends ProcessEngine {
  instances: FakeInstance[];
  /** messages delivered, in order */
  correlated: { messageName: string; businessKey: string; variables: Variables; instanceIds: string[] }[];
  /** the deliveries correlate() recorded (CorrelateOptions.deliveryId), by id */
  deliveries: Map<string, { businessKey: string; instanceIds: string[] }>;
  /** the deliveryIds findDelivery() was asked for, in order */
  deliveryLookups: string[];
  /** outcomes reported for external tasks, in order */
  outcomes: { taskId: string; kind: 'complete' | 'bpmnError' | 'fail'; variables?: Variables; errorCode?: string; message?: string; retries?: number }[];
  completedTasks: { taskId: string; variables: Variables }[];
  /** an instance of the business key now waits for this message */
  waitForMessage(messageName: string, businessKey: string): void;
  addUserTask(task: Partial<UserTask> & Pick<UserTask, 'taskDefinitionKey' | 'processInstanceId'>, form?: unknown, variables?: Variables): UserTask;
  addExternalTask(task: Partial<LockedExternalTask> & Pick<LockedExternalTask, 'topic'>): void;
  /** the BPMN XML getDefinitionXml answers for a process key (a test sets it) */
  definitions: Map<string, string>;
  /** the last directory synchronised */
  directory?: EngineDirectory;
  /** the users synchronised one by one (syncUser), by id: the user and the last password given */
  users: Map<string, { user: EngineDirectory['users'][number]; password?: string }>;
  /** the engine stops answering (EngineUnavailableError-like failures) until set back */
  down: boolean;
  /** the process versions deployed through deploy(), with their XML (a diagram changed since the last version gets a new one) */
  deployedVersions: (Omit<ProcessDefinitionVersion, 'runningInstances'> & { xml: string })[];
  /** the Camunda Forms deployed through deploy(), oldest first (an unchanged form gets no new version unless `changedOnly: false` redeploys it) */
  deployedForms: { id: string; version: number; deploymentId: string; resource: string; deployedAt: string; schema: Record<string, unknown> }[];
  /** migrations executed, in order */
  migrations: { plan: MigrationPlan; processInstanceIds: string[] }[];
}

export function createFakeProcessEngine(): FakeProcessEngine {
  let sequence = 0;
  const nextId = (prefix: string) => `${prefix}-${++sequence}`;
  const waiting = new Map<string, Set<string>>(); // messageName -> business keys
  const tasks = new Map<string, { task: UserTask; form?: unknown; variables: Variables }>();
  const queue: LockedExternalTask[] = [];
  const locked = new Map<string, LockedExternalTask>();

  const fake: FakeProcessEngine = {
    instances: [],
    correlated: [],
    deliveries: new Map(),
    deliveryLookups: [],
    outcomes: [],
    completedTasks: [],
    users: new Map(),
    definitions: new Map(),
    down: false,
    deployedVersions: [],
    deployedForms: [],
    migrations: [],

    waitForMessage(messageName, businessKey) {
      waiting.set(messageName, (waiting.get(messageName) ?? new Set()).add(businessKey));
    },
    addUserTask(partial, form, variables = {}) {
      const task: UserTask = {
        id: partial.id ?? nextId('task'),
        name: partial.name ?? partial.taskDefinitionKey,
        processDefinitionKey: partial.processDefinitionKey ?? 'process',
        candidateGroups: partial.candidateGroups ?? [],
        created: partial.created ?? new Date().toISOString(),
        ...partial,
      };
      tasks.set(task.id, { task, form, variables });
      return task;
    },
    addExternalTask(partial) {
      queue.push({
        id: partial.id ?? nextId('ext'),
        workerId: '',
        processInstanceId: partial.processInstanceId ?? nextId('pi'),
        processDefinitionKey: partial.processDefinitionKey ?? 'process',
        activityId: partial.activityId ?? partial.topic,
        activityInstanceId: partial.activityInstanceId ?? nextId('ai'),
        retries: null,
        lockExpiresAt: new Date(),
        variables: {},
        properties: {},
        ...partial,
      });
    },

    async health() {
      return fake.down ? { up: false, reason: 'fake engine is down' } : { up: true, version: 'fake' };
    },
    async deploy(_name, resources, options = {}) {
      assertUp();
      const deploymentId = nextId('deployment');
      const deployedAt = new Date().toISOString();
      const text = (r: (typeof resources)[number]) => (typeof r.content === 'string' ? r.content : Buffer.from(r.content).toString('utf8'));
      const processes = resources.filter((x) => x.name.endsWith('.bpmn')).map((r) => {
        const xml = text(r);
        // the process id of the diagram (the fake parses nothing else); the file name when it has none
        const key = /<(?:bpmn2?:)?process\b[^>]*\bid="([^"]+)"/.exec(xml)?.[1] ?? r.name.replace(/\.bpmn$/, '');
        const latest = fake.deployedVersions.filter((v) => v.key === key).reduce<(typeof fake.deployedVersions)[number] | undefined>((a, v) => (!a || v.version > a.version ? v : a), undefined);
        return { r, xml, key, latest, changed: latest?.xml !== xml };
      });
      const forms = resources.filter((x) => x.name.endsWith('.form')).map((r) => {
        const schema = JSON.parse(text(r)) as Record<string, unknown>;
        const latest = fake.deployedForms.filter((f) => f.id === schema.id).at(-1);
        return { r, schema, latest, changed: JSON.stringify(latest?.schema) !== JSON.stringify(schema) };
      });
      // deploy-changed-only: the changed resources; otherwise every resource when one changed
      const anyChanged = [...processes, ...forms].some((x) => x.changed);
      const deploys = (x: { changed: boolean }) => (options.changedOnly ?? true ? x.changed : anyChanged);
      const created = [];
      for (const p of processes.filter(deploys)) {
        const version = (p.latest?.version ?? 0) + 1;
        const name = /<(?:bpmn2?:)?process\b[^>]*\bname="([^"]+)"/.exec(p.xml)?.[1];
        fake.deployedVersions.push({ id: `${p.key}:${version}:${deploymentId}`, key: p.key, name, version, deploymentId, resource: p.r.name, deployedAt, xml: p.xml });
        created.push({ kind: 'process' as const, key: p.key, version, resource: p.r.name });
      }
      for (const f of forms.filter(deploys)) {
        const version = (f.latest?.version ?? 0) + 1;
        // like the engine's answer, `created` names process and decision definitions only
        fake.deployedForms.push({ id: String(f.schema.id), version, deploymentId, resource: f.r.name, deployedAt, schema: f.schema });
      }
      return { deploymentId, created };
    },
    async findForm(formId, options = {}) {
      assertUp();
      const form = fake.deployedForms.filter((f) => f.id === formId && `${f.id}.form` === f.resource && (!options.deploymentId || f.deploymentId === options.deploymentId)).at(-1);
      return form && { id: form.id, deploymentId: form.deploymentId, resource: form.resource, deployedAt: form.deployedAt, schema: structuredClone(form.schema) };
    },
    async startInstance(processKey, businessKey, variables = {}, options = {}) {
      assertUp();
      const existing = fake.instances.find((i) => i.processKey === processKey && i.businessKey === businessKey);
      if (existing) return { instanceId: existing.id, created: false };
      const latest = fake.deployedVersions.filter((v) => v.key === processKey).sort((a, b) => b.version - a.version)[0];
      const instance: FakeInstance = {
        id: nextId('instance'),
        processKey,
        businessKey,
        variables,
        startTime: new Date().toISOString(),
        activeActivityIds: [],
        startBeforeActivityIds: options.startBeforeActivityIds ?? [],
        processDefinitionId: latest?.id,
      };
      fake.instances.push(instance);
      return { instanceId: instance.id, created: true };
    },
    async correlate(messageName, businessKey, variables = {}, options = {}): Promise<Correlation> {
      assertUp();
      if (!waiting.get(messageName)?.delete(businessKey)) return { status: 'not-waiting', reason: `nothing waits for ${messageName} of ${businessKey}` };
      const instanceIds = fake.instances.filter((i) => i.businessKey === businessKey).map((i) => i.id);
      fake.correlated.push({ messageName, businessKey, variables, instanceIds });
      if (options.deliveryId) fake.deliveries.set(options.deliveryId, { businessKey, instanceIds });
      return { status: 'correlated', instanceIds };
    },
    async findDelivery(deliveryId, businessKey) {
      assertUp();
      fake.deliveryLookups.push(deliveryId);
      const delivery = fake.deliveries.get(deliveryId);
      return delivery?.businessKey === businessKey ? { instanceIds: delivery.instanceIds } : undefined;
    },
    async listTasks(filter) {
      assertUp();
      return [...tasks.values()]
        .map((t) => t.task)
        .filter((t) => !filter.candidateGroups?.length || t.candidateGroups.some((g) => filter.candidateGroups!.includes(g)))
        .filter((t) => !filter.assignee || t.assignee === filter.assignee)
        .filter((t) => !filter.businessKey || t.businessKey === filter.businessKey)
        .filter((t) => !filter.processInstanceId || t.processInstanceId === filter.processInstanceId)
        .filter((t) => !filter.taskDefinitionKey || t.taskDefinitionKey === filter.taskDefinitionKey);
    },
    async getTask(taskId) {
      return tasks.get(taskId)?.task;
    },
    async getTaskForm(taskId) {
      return tasks.get(taskId)?.form;
    },
    async getTaskVariables(taskId) {
      return tasks.get(taskId)?.variables ?? {};
    },
    async claimTask(taskId, userId) {
      const entry = tasks.get(taskId);
      if (!entry) throw new NotFoundError('任务 / task', taskId);
      entry.task.assignee = userId;
    },
    async unclaimTask(taskId) {
      const entry = tasks.get(taskId);
      if (!entry) throw new NotFoundError('任务 / task', taskId);
      delete entry.task.assignee;
    },
    async listInstances(businessKey) {
      assertUp();
      return fake.instances
        .filter((i) => i.businessKey === businessKey)
        .map(
          (i): ProcessInstanceSummary => ({
            id: i.id,
            processDefinitionId: i.processDefinitionId ?? `${i.processKey}:1:fake`,
            processDefinitionKey: i.processKey,
            startTime: i.startTime,
            endTime: i.endTime,
            state: i.endTime ? 'finished' : 'running',
          }),
        );
    },
    async getDefinitionXml(processDefinitionId) {
      const deployed = fake.deployedVersions.find((v) => v.id === processDefinitionId);
      if (deployed) return deployed.xml;
      const xml = fake.definitions.get(processDefinitionId.split(':')[0]!);
      if (!xml) throw new NotFoundError('流程定义 / process definition', processDefinitionId);
      return xml;
    },
    async activeActivityIds(processInstanceId) {
      return fake.instances.find((i) => i.id === processInstanceId)?.activeActivityIds ?? [];
    },
    async listProcessDefinitions(key) {
      assertUp();
      const running = (id: string) => fake.instances.filter((i) => i.processDefinitionId === id && !i.endTime).length;
      return fake.deployedVersions
        .filter((v) => !key || v.key === key)
        .map(({ xml: _xml, ...v }): ProcessDefinitionVersion => ({ ...v, runningInstances: running(v.id) }))
        .sort((a, b) => a.key.localeCompare(b.key) || b.version - a.version);
    },
    async listRunningInstances(processDefinitionId) {
      assertUp();
      return fake.instances.filter((i) => i.processDefinitionId === processDefinitionId && !i.endTime).map((i) => ({ id: i.id, businessKey: i.businessKey }));
    },
    async generateMigrationPlan(source, target) {
      assertUp();
      const ids = (definitionId: string) => {
        const v = fake.deployedVersions.find((x) => x.id === definitionId);
        if (!v) throw new NotFoundError('流程定义 / process definition', definitionId);
        // activities of the fake: the ids of the flow nodes written as elements with an id
        return new Set([...v.xml.matchAll(/<(?:bpmn2?:)?(\w*(?:[Tt]ask|Event|Gateway|Activity|SubProcess))\b[^>]*\bid="([^"]+)"/g)].map((m) => m[2]!));
      };
      const from = ids(source);
      const to = ids(target);
      return { sourceProcessDefinitionId: source, targetProcessDefinitionId: target, instructions: [...from].filter((id) => to.has(id)).map((id) => ({ sourceActivityIds: [id], targetActivityIds: [id], updateEventTrigger: false })) };
    },
    async validateMigrationPlan() {
      assertUp();
      return { instructionReports: [] };
    },
    async executeMigration(plan, processInstanceIds) {
      assertUp();
      for (const id of processInstanceIds) {
        const instance = fake.instances.find((i) => i.id === id);
        if (!instance || instance.processDefinitionId !== plan.sourceProcessDefinitionId) throw new NotFoundError('流程实例 / process instance', id);
      }
      for (const id of processInstanceIds) fake.instances.find((i) => i.id === id)!.processDefinitionId = plan.targetProcessDefinitionId;
      fake.migrations.push({ plan, processInstanceIds });
    },
    async completeTask(taskId, variables = {}) {
      assertUp();
      if (!tasks.delete(taskId)) throw new NotFoundError('任务 / task', taskId);
      fake.completedTasks.push({ taskId, variables });
    },

    async syncDirectory(directory) {
      assertUp();
      const before = new Set(fake.directory?.users.map((u) => u.id));
      fake.directory = directory;
      return { usersCreated: directory.users.filter((u) => !before.has(u.id)).length, usersUpdated: 0, usersRemoved: 0, membershipsAdded: 0, membershipsRemoved: 0, authorizationsChanged: 0 };
    },

    async syncUser(userId, user, options) {
      assertUp();
      const existing = fake.users.get(userId);
      if (!user) {
        fake.users.delete(userId);
        return existing ? 'removed' : 'absent';
      }
      fake.users.set(userId, { user, password: options.password ?? existing?.password });
      return existing ? 'updated' : 'created';
    },

    externalTasks: {
      async fetchAndLock(request) {
        assertUp();
        const topics = new Set(request.topics.map((t) => t.topic));
        const picked = queue.filter((t) => topics.has(t.topic)).slice(0, request.maxTasks);
        for (const t of picked) {
          queue.splice(queue.indexOf(t), 1);
          const lockMs = request.topics.find((x) => x.topic === t.topic)!.lockMs;
          const lockedTask = { ...t, workerId: request.workerId, lockExpiresAt: new Date(Date.now() + lockMs) };
          locked.set(t.id, lockedTask);
        }
        if (!picked.length && request.longPollMs > 0) await new Promise((r) => setTimeout(r, Math.min(request.longPollMs, 50)));
        return picked.map((t) => locked.get(t.id)!);
      },
      async complete(task, variables) {
        release(task);
        fake.outcomes.push({ taskId: task.id, kind: 'complete', variables });
      },
      async bpmnError(task, errorCode, message, variables) {
        release(task);
        fake.outcomes.push({ taskId: task.id, kind: 'bpmnError', errorCode, message, variables });
      },
      async fail(task, failure) {
        const held = release(task);
        fake.outcomes.push({ taskId: task.id, kind: 'fail', message: failure.message, retries: failure.retries });
        if (failure.retries > 0) queue.push({ ...held, retries: failure.retries });
      },
      async unlock(task) {
        queue.unshift(release(task));
      },
      async extendLock(task, lockMs) {
        const held = locked.get(task.id);
        if (!held || held.workerId !== task.workerId) throw new ExternalTaskLockLostError(task.id, 'not locked by this worker');
        held.lockExpiresAt = new Date(Date.now() + lockMs);
      },
    },
  };

  function assertUp() {
    if (fake.down) throw new Error('fake engine is down');
  }
  function release(task: Pick<LockedExternalTask, 'id' | 'workerId'>): LockedExternalTask {
    const held = locked.get(task.id);
    if (!held || held.workerId !== task.workerId) throw new ExternalTaskLockLostError(task.id, 'not locked by this worker');
    locked.delete(task.id);
    return held;
  }
  return fake;
}
