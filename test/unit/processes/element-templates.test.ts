// The Camunda 7 element templates in .camunda/element-templates/ (docs/element-templates.md): valid
// against the official Camunda 7 ("platform") schema, one per worker topic, bound to external tasks
// of that topic, a property for every header the diagrams set, value lists in step with the code,
// and Chinese labels for the analyst.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getSchemaPackage, validate } from '@bpmn-io/element-templates-validator';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/config.ts';
import { CASE_STAGES, STAGE_LABELS } from '../../../src/cases/case-stages.ts';
import { REPORT_KINDS, REPORT_TIMINGS } from '../../../src/cases/case-reports.ts';
import { STAGES as DEADLINE_STAGES } from '../../../src/deadlines/rules.ts';
import { DOCUMENT_KINDS, documentKinds } from '../../../src/documents/document-kinds.ts';
import { notificationEvents, recipientRoles, roleLabels, ruleFor } from '../../../src/notifications/rules.ts';
import { dataBuilders } from '../../../src/workers/data-builders/index.ts';

const TEMPLATE_DIR = path.join(projectRoot, '.camunda', 'element-templates');
const SCHEMA_URL = 'https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json';
const CJK = /[\u3400-\u9fff]/;

interface Choice { name: string; value: string }
interface Property {
  label?: string;
  description?: string;
  type?: string;
  value?: string;
  group?: string;
  choices?: Choice[];
  constraints?: { notEmpty?: boolean; pattern?: string | { value: string; message?: string } };
  binding: { type: string; name?: string; source?: string };
}
interface Template {
  $schema: string;
  id: string;
  name: string;
  version: number;
  description?: string;
  appliesTo: string[];
  groups?: { id: string; label: string }[];
  properties: Property[];
}

async function loadTemplates(): Promise<{ file: string; text: string; template: Template }[]> {
  const files = (await readdir(TEMPLATE_DIR)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(path.join(TEMPLATE_DIR, file), 'utf8');
      return { file, text, template: JSON.parse(text) as Template };
    }),
  );
}

/** The job type of every worker module: the `jobType` export of workers/**\/*.ts (flat or by area). */
async function workerTopics(): Promise<Map<string, string>> {
  const root = path.join(projectRoot, 'workers');
  const topics = new Map<string, string>();
  const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort();
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(root, file)).href)) as { jobType?: unknown };
    if (typeof mod.jobType !== 'string') continue;
    expect(topics.has(mod.jobType), `${file}: job type ${mod.jobType} also in ${topics.get(mod.jobType)}`).toBe(false);
    topics.set(mod.jobType, file);
  }
  return topics;
}

type XmlNode = ReturnType<typeof parseDocument>['children'][number];
interface XmlElement { name: string; attribs: Record<string, string>; children: XmlNode[] }
const isElement = (n: XmlNode): n is XmlNode & XmlElement => 'name' in n && 'attribs' in n;
const localName = (name: string) => name.slice(name.indexOf(':') + 1);
function* descendants(node: { children: XmlNode[] }): Generator<XmlElement> {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    yield child;
    yield* descendants(child);
  }
}
const textOf = (node: { children: XmlNode[] }): string => node.children.map((c) => ('data' in c && typeof c.data === 'string' ? c.data : isElement(c) ? textOf(c) : '')).join('');

interface TaskUse {
  process: string;
  elementId: string;
  topic: string;
  /** camunda:type, camunda:modelerTemplate, camunda:modelerTemplateVersion */
  attributes: Record<string, string | undefined>;
  headers: Map<string, string>;
  literalInputs: Map<string, string>;
  /** every camunda:inputParameter the task has, whatever its value */
  inputs: Set<string>;
  /** camunda:outputParameter text (the source expression) → the variable it is stored in */
  outputs: Map<string, string>;
}

/**
 * The worker tasks of one diagram: service tasks with a camunda:topic, their camunda:properties and
 * camunda:inputOutput. Literal inputs: constants the diagram hands the task (an inputParameter whose
 * text has no expression).
 */
function workerTasks(process: string, xml: string): TaskUse[] {
  const uses: TaskUse[] = [];
  for (const el of descendants(parseDocument(xml, { xmlMode: true }))) {
    if (localName(el.name) !== 'serviceTask') continue;
    const ext = el.children.filter(isElement).find((c) => localName(c.name) === 'extensionElements');
    const inner = ext ? [...descendants(ext)] : [];
    const topic = el.attribs['camunda:topic'];
    if (!topic) continue;
    const headers = new Map<string, string>();
    const literalInputs = new Map<string, string>();
    const inputs = new Set<string>();
    const outputs = new Map<string, string>();
    for (const c of inner) {
      if (c.name === 'camunda:outputParameter' && c.attribs.name && !c.children.some(isElement)) outputs.set(textOf(c).trim(), c.attribs.name);
      if (c.name === 'camunda:inputParameter' && c.attribs.name) inputs.add(c.attribs.name);
      if (c.name === 'camunda:property' && c.attribs.name) headers.set(c.attribs.name, c.attribs.value ?? '');
      if (c.name === 'camunda:inputParameter' && c.attribs.name && !c.children.some(isElement)) {
        const text = textOf(c).trim();
        if (text && !/[$#]\{/.test(text)) literalInputs.set(c.attribs.name, text);
      }
    }
    const attributes = { type: el.attribs['camunda:type'], template: el.attribs['camunda:modelerTemplate'], templateVersion: el.attribs['camunda:modelerTemplateVersion'] };
    uses.push({ process, elementId: el.attribs.id ?? '?', topic, attributes, headers, literalInputs, inputs, outputs });
  }
  return uses;
}

async function diagrams(): Promise<{ file: string; xml: string }[]> {
  const dir = path.join(projectRoot, 'processes');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.bpmn')).sort();
  return Promise.all(files.map(async (file) => ({ file, xml: await readFile(path.join(dir, file), 'utf8') })));
}

async function diagramTasks(): Promise<TaskUse[]> {
  return (await diagrams()).flatMap(({ file, xml }) => workerTasks(file, xml));
}

/** Service tasks the worker-task reader skips: no camunda:topic. */
async function serviceTasksWithoutTopic(): Promise<string[]> {
  const found: string[] = [];
  for (const { file, xml } of await diagrams()) {
    for (const el of descendants(parseDocument(xml, { xmlMode: true }))) {
      if (localName(el.name) === 'serviceTask' && !el.attribs['camunda:topic']) found.push(`${file} ${el.attribs.id ?? '?'}`);
    }
  }
  return found;
}

const topicOf = (t: Template) => t.properties.find((p) => p.binding.type === 'property' && p.binding.name === 'camunda:topic')?.value;
const headerProperty = (t: Template, name: string) => t.properties.find((p) => p.binding.type === 'camunda:property' && p.binding.name === name);
const inputProperty = (t: Template, name: string) => t.properties.find((p) => p.binding.type === 'camunda:inputParameter' && p.binding.name === name);
const patternOf = (p: Property) => (typeof p.constraints?.pattern === 'string' ? p.constraints.pattern : p.constraints?.pattern?.value);

/** A value the diagram sets must be one the Modeler field offers or accepts. */
function expectAccepted(p: Property, value: string, where: string) {
  if (p.type === 'Dropdown') expect(p.choices?.map((c) => c.value), `${where}: ${value} is not a choice`).toContain(value);
  const pattern = patternOf(p);
  if (pattern) expect(value, `${where}: does not match ${pattern}`).toMatch(new RegExp(pattern));
}

describe('Camunda 7 element templates (.camunda/element-templates)', () => {
  it('validate against the Camunda 7 (platform) element template schema, which $schema names', async () => {
    expect(getSchemaPackage()).toBe('@camunda/element-templates-json-schema');
    const templates = await loadTemplates();
    expect(templates.length).toBeGreaterThan(0);
    for (const { file, text, template } of templates) {
      const result = validate(text);
      expect(result.errors ?? [], file).toEqual([]);
      expect(result.valid, file).toBe(true);
      expect(Array.isArray(template), `${file}: one template per file`).toBe(false);
      expect(template.$schema, file).toBe(SCHEMA_URL);
    }
  });

  it('are one per worker topic: id yingsu.<topic>, an integer version, file <topic>.json', async () => {
    const topics = await workerTopics();
    expect(topics.size).toBeGreaterThan(0);
    const templates = await loadTemplates();
    const byTopic = new Map<string, string>();
    for (const { file, template } of templates) {
      const topic = topicOf(template);
      expect(topic, `${file}: no camunda:topic`).toBeTypeOf('string');
      expect(byTopic.has(topic!), `${file}: a second template for ${topic} (first: ${byTopic.get(topic!)})`).toBe(false);
      byTopic.set(topic!, file);
      expect(file).toBe(`${topic}.json`);
      expect(template.id).toBe(`yingsu.${topic}`);
      expect(Number.isInteger(template.version) && template.version >= 1, `${file}: version ${template.version}`).toBe(true);
    }
    expect([...byTopic.keys()].sort()).toEqual([...topics.keys()].sort());
    expect(new Set(templates.map((t) => t.template.id)).size).toBe(templates.length);
  });

  it('make a service task an external task of its topic, with the topic hidden from editing', async () => {
    for (const { file, template } of await loadTemplates()) {
      expect(template.appliesTo, file).toEqual(['bpmn:ServiceTask']);
      const type = template.properties.find((p) => p.binding.type === 'property' && p.binding.name === 'camunda:type');
      const topic = template.properties.find((p) => p.binding.type === 'property' && p.binding.name === 'camunda:topic');
      expect(type, file).toMatchObject({ type: 'Hidden', value: 'external' });
      expect(topic?.type, file).toBe('Hidden');
      // no second binding of the same target (the Modeler would write both)
      const targets = template.properties.map((p) => `${p.binding.type}:${p.binding.name ?? p.binding.source}`);
      expect(new Set(targets).size, file).toBe(targets.length);
    }
  });

  it('reads a worker task: topic, template stamp, properties, inputs (literal or not) and outputs', () => {
    const xml = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn">
      <bpmn:process id="p"><bpmn:serviceTask id="t" camunda:type="external" camunda:topic="documents.render" camunda:modelerTemplate="yingsu.documents.render" camunda:modelerTemplateVersion="3"><bpmn:extensionElements>
        <camunda:properties><camunda:property name="documentKind" value="answer-brief" /></camunda:properties>
        <camunda:inputOutput><camunda:inputParameter name="stage">answer</camunda:inputParameter><camunda:inputParameter name="x">\${caseId}</camunda:inputParameter>
          <camunda:outputParameter name="briefId">\${documentId}</camunda:outputParameter></camunda:inputOutput>
      </bpmn:extensionElements></bpmn:serviceTask>
      <bpmn:serviceTask id="no_topic" camunda:type="external" /><bpmn:userTask id="u" camunda:topic="documents.render" /></bpmn:process></bpmn:definitions>`;
    const [task, ...rest] = workerTasks('p.bpmn', xml);
    expect(rest).toEqual([]);
    expect(task).toMatchObject({ process: 'p.bpmn', elementId: 't', topic: 'documents.render' });
    expect(task!.attributes).toEqual({ type: 'external', template: 'yingsu.documents.render', templateVersion: '3' });
    expect([...task!.headers]).toEqual([['documentKind', 'answer-brief']]);
    expect([...task!.literalInputs]).toEqual([['stage', 'answer']]);
    expect([...task!.inputs]).toEqual(['stage', 'x']);
    expect([...task!.outputs]).toEqual([['${documentId}', 'briefId']]);
  });

  it('offer a property for every header a diagram sets for the topic, accepting the values used today', async () => {
    const templates = new Map((await loadTemplates()).map(({ template }) => [topicOf(template)!, template]));
    const uses = await diagramTasks();
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) {
      const where = `${use.process} ${use.elementId} (${use.topic})`;
      const template = templates.get(use.topic);
      expect(template, `${where}: no element template for the topic`).toBeDefined();
      for (const [name, value] of use.headers) {
        // declared data (data, data.*) is free-form extension properties (src/workers/declared-data.ts)
        if (name === 'data' || name.startsWith('data.')) continue;
        if (name === 'dataBuilder') expect(Object.keys(dataBuilders), `${where}: data builder ${value}`).toContain(value);
        const p = headerProperty(template!, name);
        expect(p, `${where}: header ${name} has no template property`).toBeDefined();
        expectAccepted(p!, value, `${where} header ${name}`);
      }
      // constants handed to a template input (e.g. deadlines.compute stage) are among its choices
      for (const [name, value] of use.literalInputs) {
        const p = inputProperty(template!, name);
        if (p) expectAccepted(p, value, `${where} input ${name}`);
      }
    }
  });

  it('are what the converted diagrams use: every external task names the template of its topic', async () => {
    const templates = new Map((await loadTemplates()).map(({ template }) => [topicOf(template)!, template]));
    // every service task is a worker task (none is skipped for want of a camunda:topic), and every one
    // is an external task stamped with the template of its topic
    expect(await serviceTasksWithoutTopic()).toEqual([]);
    const uses = await diagramTasks();
    expect(uses.length).toBeGreaterThan(50);
    for (const use of uses) {
      const where = `${use.process} ${use.elementId} (${use.topic})`;
      const template = templates.get(use.topic);
      expect(template, `${where}: no element template for the topic`).toBeDefined();
      expect(use.attributes.type, where).toBe('external');
      expect(use.attributes.template, `${where}: camunda:modelerTemplate`).toBe(template?.id);
      expect(use.attributes.templateVersion, `${where}: camunda:modelerTemplateVersion`).toBe(String(template?.version));
      for (const p of template?.properties ?? []) {
        if (p.binding.type === 'camunda:property' && p.constraints?.notEmpty) expect(use.headers.get(p.binding.name!), `${where}: ${p.label}`).toBeTruthy();
        if (p.binding.type === 'camunda:inputParameter' && p.constraints?.notEmpty) expect(use.inputs.has(p.binding.name!), `${where}: input ${p.label}`).toBe(true);
        // the Modeler finds a template output by its source expression: the diagram must use the same one
        if (p.binding.type === 'camunda:outputParameter' && p.constraints?.notEmpty) expect(use.outputs.has(p.binding.source!), `${where}: output ${p.label} (${p.binding.source})`).toBe(true);
      }
      // the kind may come from the process (a recommendation's reply letter): a header or an input parameter
      if (use.topic === 'documents.render') expect(use.headers.get('documentKind') || use.inputs.has('documentKind'), `${where}: documentKind`).toBeTruthy();
    }
  });

  it('keep closed value lists in step with the code', async () => {
    const templates = new Map((await loadTemplates()).map(({ template }) => [topicOf(template)!, template]));
    const choices = (topic: string, p: Property | undefined) => {
      expect(p?.type, `${topic}: expected a Dropdown`).toBe('Dropdown');
      return p!.choices!.filter((c) => c.value !== '');
    };
    const get = (topic: string) => templates.get(topic)!;

    const kinds = choices('documents.render', headerProperty(get('documents.render'), 'documentKind'));
    expect(kinds.map((c) => c.value)).toEqual(documentKinds);
    for (const c of kinds) expect(c.name).toBe(DOCUMENT_KINDS[c.value as keyof typeof DOCUMENT_KINDS].title);

    const events = choices('notifications.send', headerProperty(get('notifications.send'), 'event'));
    expect(events.map((c) => c.value)).toEqual([...notificationEvents]);
    for (const c of events) expect(c.name).toBe(ruleFor(c.value as (typeof notificationEvents)[number], 'national').title);

    const recipients = headerProperty(get('notifications.send'), 'recipients')!;
    const rolePattern = new RegExp(patternOf(recipients)!);
    for (const role of recipientRoles) {
      expect(role).toMatch(rolePattern);
      expect(recipients.description).toContain(`${role} ${roleLabels[role]}`);
    }
    expect(recipientRoles.join(',')).toMatch(rolePattern);
    expect('').toMatch(rolePattern);
    expect('handler,nobody').not.toMatch(rolePattern);

    const stages = choices('cases.update-stage', headerProperty(get('cases.update-stage'), 'stage'));
    expect(stages.map((c) => c.value)).toEqual([...CASE_STAGES]);
    for (const c of stages) expect(c.name).toBe(STAGE_LABELS[c.value]);

    const deadlineStages = choices('deadlines.compute', inputProperty(get('deadlines.compute'), 'stage'));
    expect(deadlineStages.map((c) => c.value)).toEqual([...DEADLINE_STAGES, 'all']);

    expect(choices('cases.file-report', headerProperty(get('cases.file-report'), 'reportKind')).map((c) => c.value)).toEqual([...REPORT_KINDS]);
    expect(choices('cases.file-report', headerProperty(get('cases.file-report'), 'timing')).map((c) => c.value)).toEqual([...REPORT_TIMINGS]);
  });

  it('make a required choice explicit: an empty first choice and notEmpty, never a silent default', async () => {
    for (const { file, template } of await loadTemplates()) {
      for (const p of template.properties.filter((q) => q.type === 'Dropdown')) {
        const where = `${file} ${p.binding.name}`;
        expect(p.choices?.[0]?.value, `${where}: the first choice is the empty one`).toBe('');
        expect(p.value ?? '', `${where}: no default`).toBe('');
        expect(new Set(p.choices!.map((c) => c.value)).size, where).toBe(p.choices!.length);
      }
    }
  });

  it('speak Chinese to the analyst: name, description, groups, labels, hints and choices', async () => {
    for (const { file, template } of await loadTemplates()) {
      expect(template.name, file).toMatch(CJK);
      expect(template.description, file).toMatch(CJK);
      for (const g of template.groups ?? []) expect(g.label, `${file} group ${g.id}`).toMatch(CJK);
      const groupIds = new Set((template.groups ?? []).map((g) => g.id));
      for (const p of template.properties) {
        if (p.type === 'Hidden') continue;
        const where = `${file} ${p.binding.type} ${p.binding.name ?? p.binding.source}`;
        expect(p.label, where).toMatch(CJK);
        if (p.description) expect(p.description, where).toMatch(CJK);
        expect(groupIds.has(p.group ?? ''), `${where}: group ${p.group} is not declared`).toBe(true);
        for (const c of p.choices ?? []) expect(c.name, `${where} choice ${c.value}`).toMatch(CJK);
        const pattern = p.constraints?.pattern;
        if (pattern && typeof pattern !== 'string') expect(pattern.message, where).toMatch(CJK);
      }
    }
  });
});
