// Reads the diagrams with bpmn-moddle (+ the zeebe extension) to list what they need at run time:
// job types, linked forms, messages and their correlation keys, called processes.
import { BpmnModdle } from 'bpmn-moddle';
import { createRequire } from 'node:module';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

const require = createRequire(import.meta.url);
const zeebeSchema = require('zeebe-bpmn-moddle/resources/zeebe.json');

export interface DiagramFacts {
  file: string;
  processIds: string[];
  jobTypes: { type: string; elementId: string }[];
  userTasks: { elementId: string; formId?: string; isCamundaUserTask: boolean }[];
  messages: { name: string; correlationKey?: string; elementIds: string[] }[];
  calledProcessIds: string[];
  /** flow elements without a DI shape or edge */
  elementsWithoutDi: string[];
  warnings: string[];
}

type ModdleElement = { $type: string; id?: string; name?: string; [key: string]: any };

export async function listResourceFiles(root: string, extensions = ['.bpmn', '.dmn', '.form']): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string) {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (extensions.includes(path.extname(e.name))) out.push(p);
    }
  }
  await walk(root);
  return out.sort();
}

function extensionValues(el: ModdleElement): ModdleElement[] {
  return (el.extensionElements?.values ?? []) as ModdleElement[];
}

export async function readDiagram(file: string): Promise<DiagramFacts> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  const xml = await readFile(file, 'utf8');
  const { rootElement, warnings } = await moddle.fromXML(xml);
  const facts: DiagramFacts = {
    file,
    processIds: [],
    jobTypes: [],
    userTasks: [],
    messages: [],
    calledProcessIds: [],
    elementsWithoutDi: [],
    warnings: warnings.map((w: { message: string }) => w.message),
  };
  const definitions = rootElement as ModdleElement;
  const messagesById = new Map<string, { name: string; correlationKey?: string; elementIds: string[] }>();
  for (const root of definitions.rootElements ?? []) {
    if (root.$type === 'bpmn:Message') {
      const sub = extensionValues(root).find((v) => v.$type === 'zeebe:Subscription');
      messagesById.set(root.id, { name: root.name, correlationKey: sub?.correlationKey, elementIds: [] });
    }
  }
  const diIds = new Set<string>();
  for (const diagram of definitions.diagrams ?? []) {
    for (const di of diagram.plane?.planeElement ?? []) if (di.bpmnElement?.id) diIds.add(di.bpmnElement.id);
  }
  const visit = (el: ModdleElement) => {
    const ext = extensionValues(el);
    const taskDef = ext.find((v) => v.$type === 'zeebe:TaskDefinition');
    if (taskDef?.type) facts.jobTypes.push({ type: taskDef.type, elementId: el.id! });
    for (const listeners of ext.filter((v) => v.$type === 'zeebe:ExecutionListeners')) {
      for (const l of listeners.listeners ?? []) if (l.type) facts.jobTypes.push({ type: l.type, elementId: el.id! });
    }
    if (el.$type === 'bpmn:UserTask') {
      const form = ext.find((v) => v.$type === 'zeebe:FormDefinition');
      facts.userTasks.push({
        elementId: el.id!,
        formId: form?.formId,
        isCamundaUserTask: ext.some((v) => v.$type === 'zeebe:UserTask'),
      });
    }
    if (el.$type === 'bpmn:CallActivity') {
      const called = ext.find((v) => v.$type === 'zeebe:CalledElement');
      if (called?.processId) facts.calledProcessIds.push(called.processId);
    }
    for (const ed of el.eventDefinitions ?? []) {
      if (ed.$type === 'bpmn:MessageEventDefinition' && ed.messageRef) messagesById.get(ed.messageRef.id)?.elementIds.push(el.id!);
    }
    if (el.messageRef) messagesById.get(el.messageRef.id)?.elementIds.push(el.id!);
    const isFlowish = el.$type !== 'bpmn:Process' && el.$type !== 'bpmn:LaneSet' && el.$type !== 'bpmn:Lane';
    if (isFlowish && el.id && !diIds.has(el.id)) facts.elementsWithoutDi.push(el.id);
    for (const child of el.flowElements ?? []) visit(child);
  };
  for (const root of definitions.rootElements ?? []) {
    if (root.$type === 'bpmn:Process') {
      facts.processIds.push(root.id);
      for (const child of root.flowElements ?? []) visit(child);
    }
  }
  facts.messages = [...messagesById.values()];
  return facts;
}

export async function readAllDiagrams(processesDir: string): Promise<DiagramFacts[]> {
  const files = await listResourceFiles(processesDir, ['.bpmn']);
  return Promise.all(files.map(readDiagram));
}
