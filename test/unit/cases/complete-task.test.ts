// completeTask through the engine port (its fake): THE task named by its id is completed, with the
// variables checked against the task's form first; a missing task is 404, a malformed id 400.
import { describe, expect, it } from 'vitest';
import { completeTask, listOpenTasks, shanghaiIso } from '../../../src/cases/case-tasks.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';

const registration = (engine: ReturnType<typeof createFakeProcessEngine>, id: string) =>
  engine.addUserTask({ id, taskDefinitionKey: 'reg_register', name: '登记并转交承办单位', processInstanceId: 'pi-1', processDefinitionKey: 'case-registration', businessKey: 'case-1', formId: 'case-registration', candidateGroups: ['clerk'], due: '2026-06-01T15:59:59.000+0000' });

// who may complete a task is the API's check (assertMayComplete, test/db/auth): here anyone may
const anyone = async () => {};

describe('completeTask', () => {
  it('completes the task with that id, and only it', async () => {
    const engine = createFakeProcessEngine();
    for (const id of ['101', '7f1c2a9e-3b1d-11f0-9c4e-0242ac120002', '303']) registration(engine, id);
    const result = await completeTask(engine, '7f1c2a9e-3b1d-11f0-9c4e-0242ac120002', { registeredOn: '2026-05-20', handlerName: '田海涛', forwardedOn: '2026-05-20' }, anyone);
    expect(result).toEqual({ key: '7f1c2a9e-3b1d-11f0-9c4e-0242ac120002', formId: 'case-registration', completed: true });
    expect(engine.completedTasks).toEqual([{ taskId: '7f1c2a9e-3b1d-11f0-9c4e-0242ac120002', variables: { registeredOn: '2026-05-20', handlerName: '田海涛', forwardedOn: '2026-05-20' } }]);
    expect((await listOpenTasks(engine, 'case-1')).map((t) => t.key)).toEqual(['101', '303']);
  });

  it('asks the caller’s check before completing, and completes nothing when it refuses', async () => {
    const engine = createFakeProcessEngine();
    registration(engine, 'task-2');
    const seen: string[] = [];
    const refuse = async (task: { id: string; businessKey?: string }) => {
      seen.push(`${task.id} ${task.businessKey}`);
      throw new Error('not yours');
    };
    await expect(completeTask(engine, 'task-2', { registeredOn: '2026-05-20', handlerName: '田海涛', forwardedOn: '2026-05-20' }, refuse)).rejects.toThrow('not yours');
    expect(seen).toEqual(['task-2 case-1']);
    expect(engine.completedTasks).toEqual([]);
  });

  it('answers 404 when no task has that id (a completed task is gone from the engine)', async () => {
    const engine = createFakeProcessEngine();
    registration(engine, '101');
    await expect(completeTask(engine, '999', {}, anyone)).rejects.toMatchObject({ name: 'NotFoundError' });
    await completeTask(engine, '101', { registeredOn: '2026-05-20', handlerName: '田海涛', forwardedOn: '2026-05-20' }, anyone);
    await expect(completeTask(engine, '101', { registeredOn: '2026-05-20', handlerName: '田海涛', forwardedOn: '2026-05-20' }, anyone)).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('refuses a malformed id and variables that are not an object before asking the engine', async () => {
    const engine = createFakeProcessEngine();
    engine.getTask = async () => {
      throw new Error('must not be asked');
    };
    await expect(completeTask(engine, 'a b', {}, anyone)).rejects.toMatchObject({ name: 'InputError', issues: [{ field: 'key' }] });
    await expect(completeTask(engine, '../x', {}, anyone)).rejects.toMatchObject({ name: 'InputError', issues: [{ field: 'key' }] });
    await expect(completeTask(engine, 'task-1', [], anyone)).rejects.toMatchObject({ name: 'InputError', issues: [{ field: 'variables' }] });
  });

  it('checks the variables against the form, naming each field, and completes nothing then', async () => {
    const engine = createFakeProcessEngine();
    registration(engine, 'task-1');
    const refused = await completeTask(engine, 'task-1', { registeredOn: '20.5.2026', caseId: 'x' }, anyone).catch((e) => e);
    expect(refused.name).toBe('InputError');
    expect(refused.issues.map((i: { field: string }) => i.field).sort()).toEqual(['variables.caseId', 'variables.forwardedOn', 'variables.handlerName', 'variables.registeredOn']);
    expect(engine.completedTasks).toEqual([]);
  });

  it('hands lists and objects to the port as they are (the adapter sends them as JSON strings)', async () => {
    const engine = createFakeProcessEngine();
    engine.addUserTask({ id: 'plan-1', taskDefinitionKey: 'h_plan', processInstanceId: 'pi-2', processDefinitionKey: 'hearing', businessKey: 'case-2', formId: 'hearing-appearance-plan' });
    const agents = [{ name: '王五', kind: 'staff', post: '科长', employer: '聊城市市场监督管理局' }];
    await completeTask(engine, 'plan-1', { headName: '张三', headPost: '局长', headAvailability: 'available', agents }, anyone);
    expect(engine.completedTasks[0]!.variables.agents).toEqual(agents);
  });

  it('maps the engine task to the open-task shape: string id, form, element, due in +08:00', async () => {
    const engine = createFakeProcessEngine();
    registration(engine, 'task-9');
    const [task] = await listOpenTasks(engine, 'case-1');
    expect(task).toEqual({
      key: 'task-9',
      name: '登记并转交承办单位',
      formId: 'case-registration',
      elementId: 'reg_register',
      assignee: null,
      candidateGroups: ['clerk'],
      due: '2026-06-01T23:59:59+08:00',
      processInstanceKey: 'pi-1',
      bpmnProcessId: 'case-registration',
      createdAt: expect.any(String),
    });
    expect(shanghaiIso('2026-06-01T15:59:59.000+0000')).toBe('2026-06-01T23:59:59+08:00');
  });
});
