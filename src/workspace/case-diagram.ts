// The case's BPMN diagrams for the case page: every instance of the case (main process, called
// subprocesses, instances a court event started), its definition XML, the elements it is in now,
// and the link to the instance in Cockpit.
import type { ProcessEngine } from '../process-engine/process-engine.ts';
import { engineCall } from '../cases/case-tasks.ts';

export interface CaseDiagram {
  instanceId: string;
  processDefinitionKey: string;
  processName: string;
  state: 'running' | 'finished';
  startTime: string;
  endTime: string | null;
  /** the calling instance, for a called subprocess */
  parentInstanceId: string | null;
  xml: string;
  activeActivityIds: string[];
  cockpitUrl: string;
}

/** GET /api/cases/:id/diagram (the route's guard checks the case's scope) — running instances first, then finished ones; each definition read once. */
export async function caseDiagrams(engine: ProcessEngine, engineWebUrl: string, caseId: string): Promise<{ caseId: string; instances: CaseDiagram[] }> {
  const instances = await engineCall('流程实例查询', () => engine.listInstances(caseId));
  const xmlOf = new Map<string, Promise<string>>();
  const diagrams = await Promise.all(
    instances.map(async (i): Promise<CaseDiagram> => {
      if (!xmlOf.has(i.processDefinitionId)) xmlOf.set(i.processDefinitionId, engineCall('流程定义读取', () => engine.getDefinitionXml(i.processDefinitionId)));
      const [xml, active] = await Promise.all([xmlOf.get(i.processDefinitionId)!, i.state === 'running' ? engineCall('流程状态查询', () => engine.activeActivityIds(i.id)) : Promise.resolve([])]);
      return {
        instanceId: i.id,
        processDefinitionKey: i.processDefinitionKey,
        processName: i.processDefinitionName ?? i.processDefinitionKey,
        state: i.state,
        startTime: i.startTime,
        endTime: i.endTime ?? null,
        parentInstanceId: i.superProcessInstanceId ?? null,
        xml,
        activeActivityIds: active,
        cockpitUrl: `${engineWebUrl}/app/cockpit/default/#/process-instance/${encodeURIComponent(i.id)}/runtime`,
      };
    }),
  );
  const order = (d: CaseDiagram) => (d.state === 'running' ? 0 : 1);
  return { caseId, instances: diagrams.sort((a, b) => order(a) - order(b) || a.startTime.localeCompare(b.startTime)) };
}
