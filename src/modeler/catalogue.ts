// What a deployed diagram contains, for the process catalogue (流程目录, issue 16 §2) and the
// modeler's diff against the deployed version: tasks, worker topics, forms, messages, timers and the
// rules the diagram's documentation cites, read with bpmn-moddle + camunda-bpmn-moddle.
import { parseDiagram, type ModdleElement } from './model-lint.ts';

export interface CatalogueTask {
  id: string;
  name: string;
  kind: 'user' | 'service' | 'call' | 'other';
  /** user task: the Camunda Form id (camunda:formRef) */
  formId?: string;
  candidateGroups?: string[];
  /** service task: the worker topic */
  topic?: string;
  /** call activity: the process it calls */
  calledProcess?: string;
}

export interface DiagramDescription {
  processKey: string;
  processName: string;
  tasks: CatalogueTask[];
  topics: string[];
  forms: string[];
  messages: { name: string; elements: string[] }[];
  timers: { elementId: string; elementName: string; expression: string }[];
  /** citations in the documentation: rule-catalogue ids (D03, C06, …) and legal sources (《…》第…条, 法释〔…〕…号) */
  rules: string[];
}

/** The facts of one element that a change can touch, for the diff. */
interface ElementFacts {
  id: string;
  type: string;
  name: string;
  facts: Record<string, string>;
}

const LOCAL_TYPE: Record<string, CatalogueTask['kind']> = { 'bpmn:UserTask': 'user', 'bpmn:ServiceTask': 'service', 'bpmn:SendTask': 'service', 'bpmn:CallActivity': 'call' };
const RULE_ID = /(?<![A-Za-z0-9])[A-H]\d{2}(?![0-9])/g;
const LAW = /《[^》]{2,40}》第[一二三四五六七八九十百零]+条/g;
const JUDICIAL = /法释〔\d{4}〕\d+号/g;

function flowElements(process: ModdleElement): ModdleElement[] {
  const out: ModdleElement[] = [];
  const visit = (el: ModdleElement) => {
    for (const child of el.flowElements ?? []) {
      out.push(child);
      visit(child);
    }
  };
  visit(process);
  return out;
}

function timerExpression(el: ModdleElement): string | undefined {
  const timer = (el.eventDefinitions ?? []).find((d: ModdleElement) => d.$type === 'bpmn:TimerEventDefinition');
  if (!timer) return undefined;
  return String(timer.timeDate?.body ?? timer.timeDuration?.body ?? timer.timeCycle?.body ?? '').trim();
}

function documentation(el: ModdleElement): string {
  return (el.documentation ?? []).map((d: ModdleElement) => String(d.text ?? '')).join('\n');
}

export async function describeDiagram(xml: string): Promise<DiagramDescription> {
  const { definitions } = await parseDiagram(xml);
  const process = (definitions.rootElements as ModdleElement[]).find((r) => r.$type === 'bpmn:Process')!;
  const elements = flowElements(process);
  const messageNames = new Map<string, string>();
  for (const r of definitions.rootElements as ModdleElement[]) if (r.$type === 'bpmn:Message') messageNames.set(r.id!, r.name ?? r.id!);
  const tasks: CatalogueTask[] = [];
  const messages = new Map<string, string[]>();
  const timers: DiagramDescription['timers'] = [];
  const texts = [documentation(process)];
  for (const el of elements) {
    texts.push(documentation(el));
    const kind = LOCAL_TYPE[el.$type] ?? (/Task$/.test(el.$type) ? 'other' : undefined);
    if (kind) {
      tasks.push({
        id: el.id!,
        name: el.name ?? el.id!,
        kind,
        ...(el.formRef ? { formId: el.formRef } : {}),
        ...(el.$type === 'bpmn:UserTask' ? { candidateGroups: String(el.candidateGroups ?? '').split(',').map((g) => g.trim()).filter(Boolean) } : {}),
        ...(el.type === 'external' && el.topic ? { topic: el.topic } : {}),
        ...(el.calledElement ? { calledProcess: el.calledElement } : {}),
      });
    }
    const refs = [el.messageRef, ...(el.eventDefinitions ?? []).map((d: ModdleElement) => d.messageRef)].filter(Boolean) as ModdleElement[];
    for (const ref of refs) {
      const name = messageNames.get(ref.id!) ?? ref.name ?? ref.id!;
      messages.set(name, [...(messages.get(name) ?? []), el.name ?? el.id!]);
    }
    const timer = timerExpression(el);
    if (timer !== undefined) timers.push({ elementId: el.id!, elementName: el.name ?? el.id!, expression: timer });
  }
  const allText = texts.join('\n');
  const rules = [...new Set([...allText.matchAll(RULE_ID), ...allText.matchAll(LAW), ...allText.matchAll(JUDICIAL)].map((m) => m[0]))].sort();
  return {
    processKey: process.id!,
    processName: process.name ?? process.id!,
    tasks,
    topics: [...new Set(tasks.flatMap((t) => (t.topic ? [t.topic] : [])))].sort(),
    forms: [...new Set(tasks.flatMap((t) => (t.formId ? [t.formId] : [])))].sort(),
    messages: [...messages.entries()].map(([name, els]) => ({ name, elements: els })),
    timers,
    rules,
  };
}

/** The id of the (one) process a diagram holds. */
export async function processKeyOf(xml: string): Promise<string> {
  const { definitions } = await parseDiagram(xml);
  return (definitions.rootElements as ModdleElement[]).find((r) => r.$type === 'bpmn:Process')!.id!;
}

const TYPE_LABELS: Record<string, string> = {
  'bpmn:UserTask': '用户任务',
  'bpmn:ServiceTask': '服务任务',
  'bpmn:SendTask': '发送任务',
  'bpmn:Task': '任务',
  'bpmn:CallActivity': '调用活动',
  'bpmn:SubProcess': '子流程',
  'bpmn:StartEvent': '开始事件',
  'bpmn:EndEvent': '结束事件',
  'bpmn:IntermediateCatchEvent': '中间捕获事件',
  'bpmn:IntermediateThrowEvent': '中间抛出事件',
  'bpmn:BoundaryEvent': '边界事件',
  'bpmn:ExclusiveGateway': '排他网关',
  'bpmn:ParallelGateway': '并行网关',
  'bpmn:InclusiveGateway': '包容网关',
  'bpmn:EventBasedGateway': '事件网关',
  'bpmn:SequenceFlow': '顺序流',
};
export const typeLabel = (type: string) => TYPE_LABELS[type] ?? '元素';

/** Chinese labels of the facts compared. */
const FACT_LABELS: Record<string, string> = {
  type: '类型',
  name: '名称',
  topic: '工作者主题',
  formRef: '表单',
  candidateGroups: '候选角色组',
  timer: '定时器',
  condition: '条件',
  calledElement: '调用的流程',
  source: '起点',
  target: '终点',
  properties: '任务参数',
  inputs: '输入变量',
};

function factsOf(el: ModdleElement): ElementFacts {
  const facts: Record<string, string> = { type: el.$type };
  if (el.name) facts.name = el.name;
  if (el.topic) facts.topic = el.topic;
  if (el.formRef) facts.formRef = el.formRef;
  if (el.candidateGroups) facts.candidateGroups = el.candidateGroups;
  if (el.calledElement) facts.calledElement = el.calledElement;
  const timer = timerExpression(el);
  if (timer !== undefined) facts.timer = timer;
  if (el.conditionExpression) facts.condition = String(el.conditionExpression.body ?? '');
  // flows by the names of their ends (the ids of new elements are generated)
  if (el.sourceRef) facts.source = el.sourceRef.name || el.sourceRef.id;
  if (el.targetRef) facts.target = el.targetRef.name || el.targetRef.id;
  for (const ext of el.extensionElements?.values ?? []) {
    if (ext.$type === 'camunda:Properties') facts.properties = (ext.values ?? []).map((p: ModdleElement) => `${p.name}=${p.value ?? ''}`).join(',');
    if (ext.$type === 'camunda:InputOutput') facts.inputs = (ext.inputParameters ?? []).map((p: ModdleElement) => `${p.name}=${p.value ?? ''}`).join(',');
  }
  // an unnamed flow is known by its ends
  const name = el.name ?? (el.$type === 'bpmn:SequenceFlow' ? `${facts.source ?? ''} → ${facts.target ?? ''}` : '');
  return { id: el.id!, type: el.$type, name, facts };
}

export interface DiagramDiff {
  added: { id: string; name: string; type: string }[];
  removed: { id: string; name: string; type: string }[];
  changed: { id: string; name: string; type: string; changes: { what: string; before: string; after: string }[] }[];
}

/** What changed from one version of a diagram to another, element by element (ids are the identity). */
export async function diffDiagrams(beforeXml: string, afterXml: string): Promise<DiagramDiff> {
  const read = async (xml: string) => {
    const { definitions } = await parseDiagram(xml);
    const process = (definitions.rootElements as ModdleElement[]).find((r) => r.$type === 'bpmn:Process')!;
    return new Map(flowElements(process).map((el) => [el.id!, factsOf(el)]));
  };
  const before = await read(beforeXml);
  const after = await read(afterXml);
  const label = (f: ElementFacts) => ({ id: f.id, name: f.name, type: typeLabel(f.type) });
  const diff: DiagramDiff = { added: [], removed: [], changed: [] };
  for (const [id, f] of after) if (!before.has(id)) diff.added.push(label(f));
  for (const [id, f] of before) if (!after.has(id)) diff.removed.push(label(f));
  for (const [id, a] of after) {
    const b = before.get(id);
    if (!b) continue;
    const keys = new Set([...Object.keys(a.facts), ...Object.keys(b.facts)]);
    const changes = [...keys]
      .filter((k) => (a.facts[k] ?? '') !== (b.facts[k] ?? ''))
      .map((k) => ({ what: FACT_LABELS[k] ?? k, before: k === 'type' ? typeLabel(b.facts[k] ?? '') : (b.facts[k] ?? ''), after: k === 'type' ? typeLabel(a.facts[k] ?? '') : (a.facts[k] ?? '') }));
    if (changes.length) diff.changed.push({ ...label(a), changes });
  }
  return diff;
}
