// The few declarations scripts/bench-external-tasks.ts needs: camunda-external-task-client-js 3.1.0
// ships no TypeScript types (and @types/camunda-external-task-client-js describes 1.3).
declare module 'camunda-external-task-client-js' {
  export interface Task {
    id: string;
    topicName: string;
    processInstanceId: string;
    businessKey: string | null;
    extensionProperties?: Record<string, string>;
    variables: Variables;
  }
  export class Variables {
    set(name: string, value: unknown): this;
    setAll(values: Record<string, unknown>): this;
    getAll(): Record<string, unknown>;
  }
  export interface TaskService {
    complete(task: Task, variables?: Variables, localVariables?: Variables): Promise<void>;
    handleFailure(task: Task, options: { errorMessage?: string; errorDetails?: string; retries?: number; retryTimeout?: number }): Promise<void>;
    handleBpmnError(task: Task, errorCode: string, errorMessage?: string, variables?: Variables): Promise<void>;
    extendLock(task: Task, newDuration: number): Promise<void>;
    unlock(task: Task): Promise<void>;
  }
  export type Interceptor = (config: Record<string, unknown>) => Record<string, unknown>;
  export interface ClientOptions {
    baseUrl: string;
    workerId?: string;
    maxTasks?: number;
    maxParallelExecutions?: number;
    interval?: number;
    lockDuration?: number;
    asyncResponseTimeout?: number;
    autoPoll?: boolean;
    usePriority?: boolean;
    interceptors?: Interceptor | Interceptor[];
  }
  export class Client {
    constructor(options: ClientOptions);
    subscribe(
      topic: string,
      options: { lockDuration?: number; variables?: string[]; includeExtensionProperties?: boolean },
      handler: (args: { task: Task; taskService: TaskService }) => Promise<void>,
    ): { unsubscribe(): void };
    on(event: string, listener: (...args: unknown[]) => void): this;
    start(): void;
    stop(): void;
  }
  /** `new` returns the interceptor function itself */
  export const BasicAuthInterceptor: new (options: { username: string; password: string }) => Interceptor;
}
