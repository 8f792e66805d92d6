// Engine tier: the product's people and roles as engine users and groups, agencies as tenants,
// on the real engine app with authorization on — each user sees only what their groups and
// agencies allow, and a second sync changes nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { startExternalTaskLoop, type ExternalTaskLoop } from '../../src/process-engine/external-task-loop.ts';
import type { EngineDirectory } from '../../src/process-engine/process-engine.ts';
import { FIXTURE_DEPLOYMENT, fixtureResources, useTestEngine } from '../helpers/operaton.ts';
import { waitUntil } from '../helpers/wait-until.ts';

const { engine, rest, restAs, clock } = useTestEngine();
const run = randomUUID().slice(0, 8);
const agencyA = `agency-a-${run}`;
const agencyB = `agency-b-${run}`;
const PASSWORD = 'demo-password';
const user = (name: string) => `${name}-${run}`;

function directory(overrides: Partial<EngineDirectory> = {}): EngineDirectory {
  return {
    groups: [
      { id: 'handler', name: '承办单位' },
      { id: 'clerk', name: '办公室收发' },
      { id: 'justice-bureau', name: '司法局' },
    ],
    tenants: [
      { id: agencyA, name: '甲局' },
      { id: agencyB, name: '乙局' },
    ],
    users: [
      { id: user('a-handler'), firstName: '张三', lastName: '科员', groups: ['handler'], tenants: [agencyA] },
      { id: user('a-clerk'), firstName: '李四', lastName: '收发', groups: ['clerk'], tenants: [agencyA] },
      { id: user('b-handler'), firstName: '王五', lastName: '科员', groups: ['handler'], tenants: [agencyB] },
      { id: user('bureau'), firstName: '赵六', lastName: '科长', groups: ['justice-bureau'], tenants: [agencyA, agencyB] },
    ],
    cockpitGroups: ['justice-bureau'],
    ...overrides,
  };
}
const keepUsers = ['admin', 'password-probe'];
/** The agencies (tenants) of this file's review tasks the user can see (other files' instances are not this test's). */
const ours: string[] = [];
const visibleTasks = async (login: string) =>
  (await restAs(login, PASSWORD).json<{ processInstanceId: string; tenantId: string | null }[]>('GET', '/task?taskDefinitionKey=review'))
    .filter((t) => ours.includes(t.processInstanceId))
    .map((t) => t.tenantId);

let loop: ExternalTaskLoop;
beforeAll(async () => {
  await clock.set(new Date('2026-04-01T09:00:00+08:00'));
  await engine.deploy(FIXTURE_DEPLOYMENT, fixtureResources('port-check.bpmn', 'port-check.form'));
  loop = startExternalTaskLoop(
    engine.externalTasks,
    [{ topic: 'port-check.echo', lockMs: 30_000, handle: (task) => engine.externalTasks.complete(task, {}) }],
    { workerId: `directory-${run}`, longPollMs: 1000, logger: createLogger({ LOG_LEVEL: 'silent' }) },
  );
});
afterAll(() => loop.stop());

describe('directory sync', () => {
  it('creates users, groups and tenants, and a second sync changes nothing', async () => {
    const first = await engine.syncDirectory(directory(), { initialPassword: PASSWORD, keepUsers });
    expect(first).toMatchObject({ usersCreated: 4, usersRemoved: 0 });
    expect(first.membershipsAdded).toBe(4 + 5);
    const again = await engine.syncDirectory(directory(), { initialPassword: PASSWORD, keepUsers });
    expect(again).toEqual({ usersCreated: 0, usersUpdated: 0, usersRemoved: 0, membershipsAdded: 0, membershipsRemoved: 0, authorizationsChanged: 0 });
    const groups = await rest.json<{ id: string; name: string }[]>(`GET`, `/group?member=${user('bureau')}`);
    expect(groups).toEqual([{ id: 'justice-bureau', name: '司法局', type: 'WORKFLOW' }]);
  });

  it('shows each user only the tasks of their groups and agencies', async () => {
    await engine.syncDirectory(directory(), { initialPassword: PASSWORD, keepUsers });
    const due = { reviewDueAt: '2026-04-03T23:59:59+08:00', remindAt: '2026-04-10T09:00:00+08:00' };
    const a = await engine.startInstance('port-check', randomUUID(), { agencyId: agencyA, ...due });
    const b = await engine.startInstance('port-check', randomUUID(), { agencyId: agencyB, ...due });
    ours.push(a.instanceId, b.instanceId);
    for (const instance of [a, b]) await waitUntil('the review task', async () => (await engine.listTasks({ processInstanceId: instance.instanceId })).length > 0);

    expect(await visibleTasks(user('a-handler'))).toEqual([agencyA]);
    expect(await visibleTasks(user('b-handler'))).toEqual([agencyB]);
    expect(await visibleTasks(user('a-clerk'))).toEqual([]);
    expect((await visibleTasks(user('bureau'))).sort()).toEqual([agencyA, agencyB].sort());
    // the handler of agency A cannot read B's instance either
    const forbidden = await restAs(user('a-handler'), PASSWORD).json<unknown[]>('GET', `/process-instance?processInstanceIds=${b.instanceId}`);
    expect(forbidden).toEqual([]);
  });

  it('removes memberships and users that left the directory', async () => {
    await engine.syncDirectory(directory(), { initialPassword: PASSWORD, keepUsers });
    const moved = directory();
    moved.users = moved.users.filter((u) => u.id !== user('a-clerk')).map((u) => (u.id === user('b-handler') ? { ...u, tenants: [agencyA] } : u));
    const report = await engine.syncDirectory(moved, { initialPassword: PASSWORD, keepUsers });
    expect(report).toMatchObject({ usersRemoved: 1, membershipsAdded: 1, membershipsRemoved: 1 });
    expect(await rest.json<unknown[]>('GET', `/user?id=${user('a-clerk')}`)).toEqual([]);
    expect((await rest.json<{ id: string }[]>('GET', `/tenant?userMember=${user('b-handler')}`)).map((t) => t.id)).toEqual([agencyA]);
    // the service user and the operators are never removed
    expect((await rest.json<{ id: string }[]>('GET', '/user?id=admin')).length).toBe(1);
  });
});
