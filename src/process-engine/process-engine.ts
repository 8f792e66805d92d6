// The port between the product and its BPMN engine. Routes, services and workers talk to this
// interface only; the Operaton adapter (operaton/) is the one place that knows the engine's REST
// shapes, and fake-process-engine.ts stands in for it in tests of the app alone.
//
// Values: strings, numbers, booleans, null and dates travel as themselves; objects and lists travel
// as JSON strings (the engine app has no JSON variable type), so a reader parses them itself.

export type Variables = Record<string, unknown>;

export interface EngineHealth {
  up: boolean;
  version?: string;
  /** why the engine is not usable, in one sentence */
  reason?: string;
}

export interface DeploymentResource {
  /** file name, e.g. case-lifecycle.bpmn */
  name: string;
  content: string | Uint8Array;
}

export interface DeployedDefinition {
  kind: 'process' | 'decision' | 'form';
  key: string;
  version: number;
  resource: string;
}

export interface DeployOptions {
  /**
   * true (default): only the resources that changed since the last deployment of this name are
   * deployed. false: when any resource changed, every resource is deployed (a diagram whose user
   * tasks bind the forms of their own deployment must travel with those forms); nothing when none did.
   */
  changedOnly?: boolean;
}

/** A Camunda Form (form-js JSON) as deployed. */
export interface DeployedForm {
  /** the form's id (the `id` of its JSON, what camunda:formRef names) */
  id: string;
  deploymentId: string;
  /** the file name it was deployed as, e.g. performance-plan.form */
  resource: string;
  /** when its deployment was made (ISO instant), when the engine says */
  deployedAt?: string;
  schema: Record<string, unknown>;
}

export interface DeploymentSummary {
  deploymentId: string;
  /** definitions this deployment created (unchanged resources keep their earlier version) */
  created: DeployedDefinition[];
}

export interface StartOptions {
  /**
   * Start the new instance before these activities (BPMN element ids) instead of at the start event:
   * a case imported in progress resumes at the stage it has reached.
   */
  startBeforeActivityIds?: string[];
}

export interface StartedInstance {
  instanceId: string;
  /** false when an instance of the process with this business key already existed (a retried start) */
  created: boolean;
}

export interface CorrelateOptions {
  /**
   * Names this delivery, unique per delivery (the engine outbox: `engineCommand_<id>`); letters,
   * digits, `_` and `-` only, as it becomes a process variable's name.
   */
  deliveryId?: string;
}

export type Correlation =
  | { status: 'correlated'; instanceIds: string[] }
  /** nothing waits for this message now (the engine does not buffer messages): retry later */
  | { status: 'not-waiting'; reason: string };

export interface UserTask {
  id: string;
  name: string;
  /** the BPMN element id */
  taskDefinitionKey: string;
  processInstanceId: string;
  processDefinitionKey: string;
  businessKey?: string;
  assignee?: string;
  candidateGroups: string[];
  created: string;
  due?: string;
  followUp?: string;
  /** the Camunda Form id the task links (camunda:formRef) */
  formId?: string;
}

export interface TaskFilter {
  candidateGroups?: string[];
  assignee?: string;
  businessKey?: string;
  processInstanceId?: string;
  taskDefinitionKey?: string;
}

/** One process instance of a business key (a case), running or finished. */
export interface ProcessInstanceSummary {
  id: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionName?: string;
  /** the calling instance, for a called subprocess */
  superProcessInstanceId?: string;
  startTime: string;
  endTime?: string;
  state: 'running' | 'finished';
}

export interface LockedExternalTask {
  id: string;
  topic: string;
  workerId: string;
  processInstanceId: string;
  processDefinitionKey: string;
  activityId: string;
  activityInstanceId: string;
  businessKey?: string;
  /** null on the first delivery; the number left after a failure */
  retries: number | null;
  /** when the lock ends, on the ENGINE's clock */
  lockExpiresAt: Date;
  variables: Variables;
  /** the task's extension properties (camunda:property): the headers a diagram gives a worker */
  properties: Record<string, string>;
}

export interface FetchRequest {
  workerId: string;
  maxTasks: number;
  /** long polling: how long the engine may hold the request open when nothing is there */
  longPollMs: number;
  topics: { topic: string; lockMs: number; variables?: string[] }[];
}

export interface ExternalTaskFailure {
  message: string;
  details?: string;
  /** retries left after this failure: 0 raises an incident */
  retries: number;
  retryMs: number;
}

export interface ExternalTasks {
  fetchAndLock(request: FetchRequest): Promise<LockedExternalTask[]>;
  complete(task: Pick<LockedExternalTask, 'id' | 'workerId'>, variables?: Variables): Promise<void>;
  /** a business outcome the diagram catches with an error boundary event */
  bpmnError(task: Pick<LockedExternalTask, 'id' | 'workerId'>, errorCode: string, message: string, variables?: Variables): Promise<void>;
  fail(task: Pick<LockedExternalTask, 'id' | 'workerId'>, failure: ExternalTaskFailure): Promise<void>;
  extendLock(task: Pick<LockedExternalTask, 'id' | 'workerId'>, lockMs: number): Promise<void>;
  /** gives the task back unhandled (a stopping worker), so another worker gets it at once */
  unlock(task: Pick<LockedExternalTask, 'id' | 'workerId'>): Promise<void>;
}

/** The product's people, roles and agencies as the engine's users, groups and tenants. */
export interface EngineDirectory {
  /** role ids = user-task candidate groups */
  groups: { id: string; name: string }[];
  /** one tenant per agency (a case's instances belong to its agency) */
  tenants: { id: string; name: string }[];
  users: { id: string; firstName: string; lastName: string; email?: string; groups: string[]; tenants: string[] }[];
  /** groups that may open Cockpit (instances and incidents) besides the operators */
  cockpitGroups: string[];
}

export interface DirectorySyncReport {
  usersCreated: number;
  usersUpdated: number;
  usersRemoved: number;
  membershipsAdded: number;
  membershipsRemoved: number;
  authorizationsChanged: number;
}

/** One deployed version of a process (issue 16: the catalogue, the modeler's diff, migration). */
export interface ProcessDefinitionVersion {
  /** the engine's definition id, e.g. hearing:3:8d1f… */
  id: string;
  key: string;
  name?: string;
  version: number;
  deploymentId: string;
  /** the file name it was deployed as, e.g. hearing.bpmn */
  resource: string;
  /** when its deployment was made (ISO instant), when the engine says */
  deployedAt?: string;
  /** instances running on this version now */
  runningInstances: number;
}

/** One step of a migration plan: where an instance waits in the source version → where it waits in the target. */
export interface MigrationInstruction {
  sourceActivityIds: string[];
  targetActivityIds: string[];
  updateEventTrigger?: boolean;
}

/** A migration plan between two versions (generated by the engine from equal element ids). */
export interface MigrationPlan {
  sourceProcessDefinitionId: string;
  targetProcessDefinitionId: string;
  instructions: MigrationInstruction[];
}

/** What the engine says of a plan: the instructions it cannot apply, with its reasons. */
export interface MigrationPlanReport {
  instructionReports: { instruction: MigrationInstruction; failures: string[] }[];
}

export interface ProcessEngine {
  health(): Promise<EngineHealth>;
  deploy(name: string, resources: DeploymentResource[], options?: DeployOptions): Promise<DeploymentSummary>;
  /**
   * A deployed Camunda Form by its id: the one in the given deployment, or the latest deployed;
   * undefined when there is none. Forms are found by their resource name `<id>.form`.
   */
  findForm(formId: string, options?: { deploymentId?: string }): Promise<DeployedForm | undefined>;
  /** idempotent by business key: a second call for the same process and business key returns the first instance */
  startInstance(processKey: string, businessKey: string, variables?: Variables, options?: StartOptions): Promise<StartedInstance>;
  /**
   * Delivers a message to the instances of the business key that wait for it. With a `deliveryId`
   * the engine records the delivery in the same transaction (a marker variable on each instance
   * reached), so findDelivery can tell afterwards whether it happened.
   */
  correlate(messageName: string, businessKey: string, variables?: Variables, options?: CorrelateOptions): Promise<Correlation>;
  /**
   * Whether a correlation with this `deliveryId` to the business key happened, and the instances it
   * reached (running or finished), from the engine's history; undefined when it did not. For a caller
   * that cannot know whether its earlier correlation went through (it stopped before recording the answer).
   */
  findDelivery(deliveryId: string, businessKey: string): Promise<{ instanceIds: string[] } | undefined>;
  listTasks(filter: TaskFilter): Promise<UserTask[]>;
  getTask(taskId: string): Promise<UserTask | undefined>;
  /** the Camunda Form (form-js JSON) the task links, when it links one */
  getTaskForm(taskId: string): Promise<unknown | undefined>;
  getTaskVariables(taskId: string): Promise<Variables>;
  claimTask(taskId: string, userId: string): Promise<void>;
  /** gives a claimed task back to its candidate groups */
  unclaimTask(taskId: string): Promise<void>;
  completeTask(taskId: string, variables?: Variables): Promise<void>;
  /** every instance (running or finished) of a business key, oldest first */
  listInstances(businessKey: string): Promise<ProcessInstanceSummary[]>;
  /** the BPMN 2.0 XML of a deployed process definition */
  getDefinitionXml(processDefinitionId: string): Promise<string>;
  /** the ids of the BPMN elements an instance is in now (empty once it ended) */
  activeActivityIds(processInstanceId: string): Promise<string[]>;
  /** every deployed version of every process (or of one key), newest version first within a key */
  listProcessDefinitions(key?: string): Promise<ProcessDefinitionVersion[]>;
  /** the running instances of one process version */
  listRunningInstances(processDefinitionId: string): Promise<{ id: string; businessKey?: string }[]>;
  /** the engine's plan from one version to another: elements with equal ids map to each other */
  generateMigrationPlan(sourceProcessDefinitionId: string, targetProcessDefinitionId: string): Promise<MigrationPlan>;
  /** the engine's validation of a plan (instructions it cannot apply) */
  validateMigrationPlan(plan: MigrationPlan): Promise<MigrationPlanReport>;
  /**
   * Migrates the instances to the plan's target version, all or none (the engine validates every
   * instance first and rejects the whole call, with its reasons, when one cannot migrate).
   */
  executeMigration(plan: MigrationPlan, processInstanceIds: string[]): Promise<void>;
  externalTasks: ExternalTasks;
  /**
   * Makes the engine's users, groups, tenants and their authorizations match the directory: missing
   * ones are created (new users get `initialPassword`), memberships no longer in it are removed, and
   * users no longer in it are deleted (never `keepUsers`, e.g. the service user).
   */
  syncDirectory(directory: EngineDirectory, options: { initialPassword: string; keepUsers: string[] }): Promise<DirectorySyncReport>;
  /**
   * Makes one engine user match the product's person now: `user` null (disabled, no login, or no
   * task performer) deletes it; otherwise it is created or updated with its groups and tenants, and
   * given `password` when one is passed (a new user without one gets a random password nobody
   * knows). The engine's own service user is never changed.
   */
  syncUser(userId: string, user: EngineDirectory['users'][number] | null, options: { password?: string }): Promise<EngineUserSyncOutcome>;
}

export type EngineUserSyncOutcome = 'created' | 'updated' | 'removed' | 'absent' | 'service-user-kept';

/** The lock was lost (expired and taken by another worker, or the task is gone): the outcome is dropped. */
export class ExternalTaskLockLostError extends Error {
  constructor(taskId: string, detail: string) {
    super(`external task ${taskId}: ${detail}`);
    this.name = 'ExternalTaskLockLostError';
  }
}
