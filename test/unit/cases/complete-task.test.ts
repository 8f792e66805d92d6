// completeTask must complete THE task named by its key: the 8.6 task search ignores filter fields it
// does not know (userTaskKey) and answers with the first tasks of all, so the key is checked here.
import { describe, expect, it } from 'vitest';
import { completeTask } from '../../../src/cases/case-tasks.ts';

const task = (key: string) => ({ key, userTaskKey: key, elementId: 'reg_register', processDefinitionId: 'case-registration', processInstanceKey: '1', state: 'CREATED', dueDate: '2026-06-01T23:59:59+08:00', candidateGroups: ['clerk'] });

describe('completeTask', () => {
  it('completes the task with that key even when the search ignores the filter', async () => {
    const completed: string[] = [];
    const camunda = {
      restFetch: async (path: string) => {
        if (path === '/v2/user-tasks/search') return new Response(JSON.stringify({ items: [task('101'), task('202'), task('303')] }), { status: 200 });
        completed.push(path);
        return new Response(null, { status: 204 });
      },
    } as any;
    const result = await completeTask(camunda, '202', { registeredOn: '2026-05-20', handlerName: '田海涛', forwardedOn: '2026-05-20' });
    expect(result.key).toBe('202');
    expect(completed).toEqual(['/v2/user-tasks/202/completion']);
  });
  it('answers 404 when no task has that key', async () => {
    const camunda = { restFetch: async () => new Response(JSON.stringify({ items: [task('101')] }), { status: 200 }) } as any;
    await expect(completeTask(camunda, '999', {})).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});
