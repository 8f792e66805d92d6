// Reads the diagrams with bpmn-moddle (+ the camunda extension, the Operaton dialect) to list what
// they need at run time: external-task topics, linked forms, messages, called processes.
import { BpmnModdle } from 'bpmn-moddle';
import { createRequire } from 'node:module';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

const require = createRequire(import.meta.url);
const camundaSchema = require('camunda-bpmn-moddle/resources/camunda.json');

export interface DiagramFacts {
  file: string;
  processIds: string[];
  jobTypes: { type: string; elementId: string }[];
  userTasks: { elementId: string; formId?: string; candidateGroups: string[]; dueDate?: string }[];
  /** messages are correlated by business key (the case id), so a message needs no key of its own */
  messages: { name: string; elementIds: string[] }[];
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

export async function readDiagram(file: string): Promise<DiagramFacts> {
  const moddle = new BpmnModdle({ camunda: camundaSchema });
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
  const messagesById = new Map<string, { name: string; elementIds: string[] }>();
  for (const root of definitions.rootElements ?? []) {
    if (root.$type === 'bpmn:Message') messagesById.set(root.id, { name: root.name, elementIds: [] });
  }
  const diIds = new Set<string>();
  for (const diagram of definitions.diagrams ?? []) {
    for (const di of diagram.plane?.planeElement ?? []) if (di.bpmnElement?.id) diIds.add(di.bpmnElement.id);
  }
  const visit = (el: ModdleElement) => {
    if (el.type === 'external' && el.topic) facts.jobTypes.push({ type: el.topic, elementId: el.id! });
    if (el.$type === 'bpmn:UserTask') {
      facts.userTasks.push({
        elementId: el.id!,
        formId: el.formRef,
        candidateGroups: (el.candidateGroups ?? '').split(',').map((g: string) => g.trim()).filter(Boolean),
        dueDate: el.dueDate,
      });
    }
    if (el.$type === 'bpmn:CallActivity' && el.calledElement) facts.calledProcessIds.push(el.calledElement);
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
