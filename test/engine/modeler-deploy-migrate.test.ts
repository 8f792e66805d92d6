// Engine tier: the browser modeler's deployment and migration (issue 16 §2) against the project's
// real engine app. A diagram (the public-opinion report under a process key of its own) is
// deployed through the modeler service as version 1; a running instance waits at its user task; an
// edited diagram is deployed as version 2 and the instance stays on version 1; the engine's plan
// maps the user task, the dry run allows the instance, and the migration moves it to version 2,
// where its task is still open (under the name it was created with: the engine migrates tasks as they are).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.ts';
import { deployDiagram, executeMigration, migrationDryRun, migrationPlan, processCatalogue } from '../../src/modeler/modeler-service.ts';
import { useTestDb } from '../helpers/test-db.ts';
import { useTestEngine } from '../helpers/operaton.ts';

const { engine, rest } = useTestEngine();
const db = useTestDb();
const key = `modeler-check-${randomUUID().slice(0, 8)}`;
const original = readFileSync(path.join(projectRoot, 'processes', 'public-opinion-report.bpmn'), 'utf8');
// a process key of its own, so the project's public-opinion-report is left alone
// (and a start message of its own: a message start event's name is unique across the engine's latest versions)
const v1 = original
  .replace('id="public-opinion-report"', `id="${key}"`)
  .replace('bpmnElement="public-opinion-report"', `bpmnElement="${key}"`)
  .replace('name="public-opinion-incident"', `name="${key}-incident"`);
const v2 = v1.replace('name="舆情处置情况报告本级人民政府"', 'name="向本级人民政府报告舆情处置情况"');

describe('deploy from the modeler, then migrate a running instance', () => {
  it('a new version leaves the instance on its version until the migration moves it', async () => {
    expect(v1).not.toBe(original);
    const first = await deployDiagram(engine, v1);
    expect(first).toMatchObject({ processKey: key, version: 1, runningOnEarlierVersions: 0 });

    const businessKey = randomUUID();
    const started = await engine.startInstance(key, businessKey, { caseId: businessKey, reportDueAt: '2026-12-31T23:59:59+08:00' }, { startBeforeActivityIds: ['o_report'] });
    expect(await engine.activeActivityIds(started.instanceId)).toEqual(['o_report']);

    const second = await deployDiagram(engine, v2);
    expect(second).toMatchObject({ processKey: key, version: 2, runningOnEarlierVersions: 1 });
    const catalogue = (await processCatalogue(engine)).find((p) => p.processKey === key)!;
    expect(catalogue.versions.map((v) => [v.version, v.runningInstances])).toEqual([
      [2, 0],
      [1, 1],
    ]);
    expect(catalogue.tasks.find((t) => t.id === 'o_report')).toMatchObject({ name: '向本级人民政府报告舆情处置情况', kind: 'user', formId: 'public-opinion-report' });

    const plan = await migrationPlan(engine, first.definitionId, second.definitionId);
    expect(plan.planFailures).toEqual([]);
    expect(plan.steps).toContainEqual(expect.objectContaining({ sourceIds: ['o_report'], targetIds: ['o_report'], target: '向本级人民政府报告舆情处置情况' }));

    const dryRun = await migrationDryRun(db, engine, first.definitionId, second.definitionId);
    expect(dryRun.instances).toEqual([expect.objectContaining({ id: started.instanceId, canMigrate: true, at: ['舆情处置情况报告本级人民政府'] })]);
    // the dry run moved nothing
    expect((await rest.json<{ definitionId: string }>('GET', `/process-instance/${started.instanceId}`)).definitionId).toBe(first.definitionId);

    const outcome = await executeMigration(db, engine, first.definitionId, second.definitionId);
    expect(outcome.migrated).toEqual([started.instanceId]);
    expect((await rest.json<{ definitionId: string }>('GET', `/process-instance/${started.instanceId}`)).definitionId).toBe(second.definitionId);
    // the open task moved with it (a migrated task keeps the name it was created with)
    const tasks = await rest.json<{ taskDefinitionKey: string; processDefinitionId: string; name: string }[]>('GET', `/task?processInstanceId=${started.instanceId}`);
    expect(tasks).toEqual([expect.objectContaining({ taskDefinitionKey: 'o_report', processDefinitionId: second.definitionId, name: '舆情处置情况报告本级人民政府' })]);
    // the versions now: nothing left on version 1
    expect((await engine.listProcessDefinitions(key)).map((v) => [v.version, v.runningInstances])).toEqual([
      [2, 1],
      [1, 0],
    ]);
  });
});
