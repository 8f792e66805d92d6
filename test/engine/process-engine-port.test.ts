// Engine tier: the engine port's Operaton adapter against the project's real engine app (no mock):
// deployment, idempotent starts, external tasks and their outcomes, user tasks with Camunda Forms,
// message correlation before and after the wait, timers on the engine clock, lock expiry.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { startExternalTaskLoop } from '../../src/process-engine/external-task-loop.ts';
import { ExternalTaskLockLostError, type LockedExternalTask } from '../../src/process-engine/process-engine.ts';
import { FIXTURE_DEPLOYMENT, fixtureResources, useTestEngine } from '../helpers/operaton.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const { engine, rest, clock } = useTestEngine();
const logger = createLogger({ LOG_LEVEL: 'silent' });
// a Monday morning in Shanghai; the engine's "now" for this file
const NOW = new Date('2026-03-02T09:00:00+08:00');

interface HistoricInstance {
  id: string;
  state: string;
}
const historic = (instanceId: string) => rest.json<HistoricInstance>('GET', `/history/process-instance/${instanceId}`);
const activeActivities = async (instanceId: string) => (await rest.json<{ activityId: string }[]>('GET', `/history/activity-instance?processInstanceId=${instanceId}&unfinished=true`)).map((a) => a.activityId);

beforeAll(async () => {
  await clock.set(NOW);
  const summary = await engine.deploy(FIXTURE_DEPLOYMENT, fixtureResources('port-check.bpmn', 'port-check-outcomes.bpmn', 'port-check.form'));
  expect(summary.deploymentId).toBeTruthy();
});

describe('engine app', () => {
  it('answers only authenticated REST calls', async () => {
    const { restUrl } = useTestEngine();
    expect((await fetch(`${restUrl}/version`)).status).toBe(401);
    // a wrong password locks the user for a while (the engine's login throttling): use a user of its own
    await rest.json('POST', '/user/create', { profile: { id: 'password-probe', firstName: '测试', lastName: '用户' }, credentials: { password: 'right-password' } });
    const as = (password: string) => fetch(`${restUrl}/version`, { headers: { authorization: `Basic ${Buffer.from(`password-probe:${password}`).toString('base64')}` } });
    expect((await as('wrong-password')).status).toBe(401);
    expect((await as('right-password')).status).toBe(401); // still locked out right after the failure
    expect(await engine.health()).toEqual({ up: true, version: '1.0.3' });
  });

  it('redeploying unchanged resources creates no new versions', async () => {
    const again = await engine.deploy(FIXTURE_DEPLOYMENT, fixtureResources('port-check.bpmn', 'port-check-outcomes.bpmn', 'port-check.form'));
    expect(again.created).toEqual([]);
    const definitions = await rest.json<{ version: number }[]>('GET', '/process-definition?key=port-check');
    expect(definitions.map((d) => d.version)).toEqual([1]);
  });
});

describe('engine port on Operaton', () => {
  it('starts an instance once per business key, however often the start is retried', async () => {
    const caseId = randomUUID();
    const variables = { agencyId: null, reviewDueAt: '2026-03-05T23:59:59+08:00', remindAt: '2026-03-09T09:00:00+08:00' };
    const [first, second] = [await engine.startInstance('port-check', caseId, variables), await engine.startInstance('port-check', caseId, variables)];
    expect(first.created).toBe(true);
    expect(second).toEqual({ instanceId: first.instanceId, created: false });
    const instances = await rest.json<unknown[]>('GET', `/history/process-instance?processInstanceBusinessKey=${caseId}`);
    expect(instances).toHaveLength(1);
  });

  it('runs an instance through a worker, a user task with its form, a message and a timer', async () => {
    const caseId = randomUUID();
    const { instanceId } = await engine.startInstance('port-check', caseId, {
      reviewDueAt: '2026-03-05T23:59:59+08:00',
      remindAt: '2026-03-09T09:00:00+08:00',
      caseFlags: { major: true },
    });

    // a court event before anything waits for it is not delivered (the engine does not buffer)
    expect(await engine.correlate('port-check-court-event', caseId, { eventNote: 'early' })).toMatchObject({ status: 'not-waiting' });

    const seen: LockedExternalTask[] = [];
    const loop = startExternalTaskLoop(
      engine.externalTasks,
      [
        {
          topic: 'port-check.echo',
          lockMs: 30_000,
          handle: async (task) => {
            seen.push(task);
            await engine.externalTasks.complete(task, { echoed: `${task.properties.greeting}:${task.businessKey}`, facts: ['a', 'b'] });
          },
        },
      ],
      { workerId: `test-${caseId}`, longPollMs: 1000, logger },
    );
    try {
      const [task] = await waitUntil('the user task', async () => {
        const tasks = await engine.listTasks({ businessKey: caseId });
        return tasks.length ? tasks : undefined;
      });
      const echo = seen.find((t) => t.businessKey === caseId)!;
      expect(echo.properties).toEqual({ greeting: '你好' });
      // objects travel as JSON strings (no JSON variable type in the engine app)
      expect(JSON.parse(echo.variables.caseFlags as string)).toEqual({ major: true });
      // the lock's end on the engine's clock, which this file put on NOW (it ticks on from there)
      expect(echo.lockExpiresAt.getTime() - (NOW.getTime() + 30_000)).toBeGreaterThanOrEqual(0);
      expect(echo.lockExpiresAt.getTime() - (NOW.getTime() + 30_000)).toBeLessThan(60_000);

      expect(task).toMatchObject({ taskDefinitionKey: 'review', name: '审核', candidateGroups: ['handler'], formId: 'port-check-form', processDefinitionKey: 'port-check' });
      expect(task!.due).toBe(new Date('2026-03-05T23:59:59+08:00').toISOString());
      expect((await engine.listTasks({ candidateGroups: ['handler'] })).map((t) => t.id)).toContain(task!.id);
      expect((await engine.listTasks({ candidateGroups: ['clerk'] })).map((t) => t.id)).not.toContain(task!.id);
      const form = (await engine.getTaskForm(task!.id)) as { id: string; components: { key: string }[] };
      expect(form.id).toBe('port-check-form');
      expect(form.components.map((c) => c.key)).toEqual(['opinion']);
      expect(await engine.getTaskVariables(task!.id)).toMatchObject({ echoed: `你好:${caseId}`, facts: '["a","b"]' });

      // the inbox lists tasks by group: the adapter finds each task's business key (the case id)
      expect((await engine.listTasks({ candidateGroups: ['handler'] })).find((t) => t.id === task!.id)?.businessKey).toBe(caseId);
      // the case page: the instance, its diagram and the step it is in now
      const [instance] = await engine.listInstances(caseId);
      expect(instance).toMatchObject({ id: instanceId, processDefinitionKey: 'port-check', state: 'running' });
      expect(await engine.getDefinitionXml(instance!.processDefinitionId)).toContain('id="review"');
      expect(await engine.activeActivityIds(instanceId)).toEqual(['review']);

      await engine.claimTask(task!.id, 'admin');
      expect(await engine.getTask(task!.id)).toMatchObject({ assignee: 'admin', businessKey: caseId });
      await engine.unclaimTask(task!.id);
      expect((await engine.getTask(task!.id))?.assignee).toBeUndefined();
      await engine.claimTask(task!.id, 'admin');
      await engine.completeTask(task!.id, { opinion: '同意' });
      expect(await engine.getTask(task!.id)).toBeUndefined();

      const correlation = await waitUntil('the message wait', async () => {
        const c = await engine.correlate('port-check-court-event', caseId, { eventNote: 'on time' });
        return c.status === 'correlated' ? c : undefined;
      });
      expect(correlation).toEqual({ status: 'correlated', instanceIds: [instanceId] });

      // the timer waits until the engine's clock passes remindAt, then the job executor fires it
      expect(await activeActivities(instanceId)).toEqual(['wait-timer']);
      await clock.set(new Date('2026-03-09T09:00:01+08:00'));
      await waitUntil('the timer to fire', async () => (await historic(instanceId)).state === 'COMPLETED', 30_000);
      expect(await engine.listInstances(caseId)).toMatchObject([{ id: instanceId, state: 'finished', endTime: expect.any(String) }]);
      expect(await engine.activeActivityIds(instanceId)).toEqual([]);
    } finally {
      await loop.stop();
      await clock.set(NOW);
    }
  });

  it('maps a BPMN error to the boundary event and a failure without retries to an incident', async () => {
    const rejectedCase = randomUUID();
    const failingCase = randomUUID();
    const rejected = await engine.startInstance('port-check-outcomes', rejectedCase, { mode: 'reject' });
    const failing = await engine.startInstance('port-check-outcomes', failingCase, { mode: 'fail' });
    const loop = startExternalTaskLoop(
      engine.externalTasks,
      [
        {
          topic: 'port-check.rule',
          lockMs: 30_000,
          handle: async (task) => {
            if (task.variables.mode === 'reject') await engine.externalTasks.bpmnError(task, 'RULE_REJECTED', '不满足条件', { reason: '测试' });
            else await engine.externalTasks.fail(task, { message: '作业参数错误: caseId 缺失', retries: 0, retryMs: 0 });
          },
        },
      ],
      { workerId: `test-${rejectedCase}`, longPollMs: 1000, logger },
    );
    try {
      await waitUntil('the rejected instance to end', async () => (await historic(rejected.instanceId)).state === 'COMPLETED');
      const ended = await rest.json<{ activityId: string }[]>('GET', `/history/activity-instance?processInstanceId=${rejected.instanceId}&activityType=noneEndEvent`);
      expect(ended.map((a) => a.activityId)).toEqual(['end-rejected']);
      const reason = await rest.json<{ value: string }[]>('GET', `/history/variable-instance?processInstanceId=${rejected.instanceId}&variableName=reason`);
      expect(reason.map((v) => v.value)).toEqual(['测试']);
      const incidents = await waitUntil('an incident', async () => {
        const found = await rest.json<{ incidentType: string; incidentMessage: string; activityId: string }[]>('GET', `/incident?processInstanceId=${failing.instanceId}`);
        return found.length ? found : undefined;
      });
      expect(incidents[0]).toMatchObject({ incidentType: 'failedExternalTask', activityId: 'rule', incidentMessage: '作业参数错误: caseId 缺失' });
    } finally {
      await loop.stop();
    }
  });

  it('hands a task whose worker died to another worker after its lock, and refuses the late outcome', async () => {
    const caseId = randomUUID();
    await engine.startInstance('port-check-outcomes', caseId, { mode: 'ok' });
    const fetch = (workerId: string) =>
      waitUntil(`a task for ${workerId}`, async () => {
        const tasks = await engine.externalTasks.fetchAndLock({ workerId, maxTasks: 10, longPollMs: 500, topics: [{ topic: 'port-check.rule', lockMs: 60_000 }] });
        return tasks.find((t) => t.businessKey === caseId);
      });
    const first = await fetch('worker-that-dies');
    // nobody else gets it while the lock holds
    const meanwhile = await engine.externalTasks.fetchAndLock({ workerId: 'worker-b', maxTasks: 10, longPollMs: 0, topics: [{ topic: 'port-check.rule', lockMs: 60_000 }] });
    expect(meanwhile.map((t) => t.id)).not.toContain(first.id);
    // the lock runs out on the engine's clock
    await clock.set(new Date(NOW.getTime() + 61_000));
    try {
      const second = await fetch('worker-b');
      expect(second.id).toBe(first.id);
      await expect(engine.externalTasks.complete(first, { late: true })).rejects.toBeInstanceOf(ExternalTaskLockLostError);
      await engine.externalTasks.complete(second, {});
    } finally {
      await clock.set(NOW);
    }
  });
});
