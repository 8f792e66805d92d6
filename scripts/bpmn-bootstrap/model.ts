// One-time bootstrap tool (issue 6): a small builder for executable BPMN with Zeebe extensions, a
// left-to-right layered layout and the XML writer. The generated files in processes/ are the source
// of truth afterwards — analysts edit them in Camunda Modeler; do not regenerate over their edits.

export type Kind =
  | 'startEvent'
  | 'endEvent'
  | 'serviceTask'
  | 'userTask'
  | 'callActivity'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'eventBasedGateway'
  | 'intermediateCatchEvent'
  | 'boundaryEvent'
  | 'subProcess';

export interface IoMapping {
  inputs?: [source: string, target: string][];
  outputs?: [source: string, target: string][];
}

export interface NodeSpec extends IoMapping {
  doc?: string;
  /** zeebe:taskDefinition type (service tasks) */
  jobType?: string;
  headers?: Record<string, string>;
  /** user tasks */
  formId?: string;
  groups?: string;
  due?: string;
  /** call activities */
  calledProcess?: string;
  propagateAllChildVariables?: boolean;
  propagateAllParentVariables?: boolean;
  /** events */
  message?: string;
  timeDate?: string;
  terminate?: boolean;
  attachedTo?: string;
  interrupting?: boolean;
  /** sub-processes */
  triggeredByEvent?: boolean;
}

export interface Node extends NodeSpec {
  id: string;
  kind: Kind;
  name: string;
  children?: Container;
  defaultFlow?: string;
}

export interface Flow {
  id: string;
  from: string;
  to: string;
  name?: string;
  condition?: string;
  /** the flow that continues the main line (laid out straight) */
  main?: boolean;
}

export class Container {
  nodes: Node[] = [];
  flows: Flow[] = [];
  private flowCount = 0;
  constructor(readonly prefix: string) {}

  add(kind: Kind, id: string, name: string, spec: NodeSpec = {}): string {
    this.nodes.push({ id, kind, name, ...spec });
    return id;
  }
  start(id: string, name: string, spec: NodeSpec = {}) {
    return this.add('startEvent', id, name, spec);
  }
  end(id: string, name: string, spec: NodeSpec = {}) {
    return this.add('endEvent', id, name, spec);
  }
  service(id: string, name: string, jobType: string, spec: NodeSpec = {}) {
    return this.add('serviceTask', id, name, { jobType, ...spec });
  }
  user(id: string, name: string, formId: string, groups: string, spec: NodeSpec = {}) {
    return this.add('userTask', id, name, { formId, groups, ...spec });
  }
  xor(id: string, name: string, spec: NodeSpec = {}) {
    return this.add('exclusiveGateway', id, name, spec);
  }
  and(id: string, name: string) {
    return this.add('parallelGateway', id, name);
  }
  /** event-based gateway: the first of the following catch events to occur wins */
  events(id: string, name: string) {
    return this.add('eventBasedGateway', id, name);
  }
  timer(id: string, name: string, timeDate: string, spec: NodeSpec = {}) {
    return this.add('intermediateCatchEvent', id, name, { timeDate, ...spec });
  }
  catchMessage(id: string, name: string, message: string, spec: NodeSpec = {}) {
    return this.add('intermediateCatchEvent', id, name, { message, ...spec });
  }
  boundaryTimer(id: string, name: string, attachedTo: string, timeDate: string, interrupting = false, spec: NodeSpec = {}) {
    return this.add('boundaryEvent', id, name, { attachedTo, timeDate, interrupting, ...spec });
  }
  call(id: string, name: string, calledProcess: string, spec: NodeSpec = {}) {
    return this.add('callActivity', id, name, { calledProcess, ...spec });
  }
  sub(id: string, name: string, build: (c: Container) => void, spec: NodeSpec = {}) {
    const c = new Container(id);
    build(c);
    this.nodes.push({ id, kind: 'subProcess', name, children: c, ...spec });
    return id;
  }
  flow(from: string, to: string, opts: { name?: string; condition?: string; isDefault?: boolean; main?: boolean; id?: string } = {}) {
    const id = opts.id ?? `${this.prefix}_f${++this.flowCount}`;
    this.flows.push({ id, from, to, name: opts.name, condition: opts.condition, main: opts.main });
    if (opts.isDefault) {
      const source = this.nodes.find((n) => n.id === from);
      if (!source) throw new Error(`default flow from unknown ${from}`);
      source.defaultFlow = id;
    }
    return id;
  }
  chain(...ids: string[]) {
    for (let i = 1; i < ids.length; i++) this.flow(ids[i - 1]!, ids[i]!);
  }
}

export interface ProcessModel {
  id: string;
  name: string;
  doc: string;
  body: Container;
}

// ---------------------------------------------------------------- layout

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface Layout {
  shapes: Map<string, Box & { expanded?: boolean }>;
  edges: Map<string, { x: number; y: number }[]>;
}

const SIZE: Record<Kind, [number, number]> = {
  startEvent: [36, 36],
  endEvent: [36, 36],
  intermediateCatchEvent: [36, 36],
  boundaryEvent: [36, 36],
  serviceTask: [100, 80],
  userTask: [100, 80],
  callActivity: [100, 80],
  exclusiveGateway: [50, 50],
  parallelGateway: [50, 50],
  eventBasedGateway: [50, 50],
  subProcess: [100, 80],
};
const COL_GAP = 60;
const ROW_GAP = 70;
const PAD = 40;

interface LocalLayout {
  w: number;
  h: number;
  shapes: Map<string, Box & { expanded?: boolean }>;
  edges: Map<string, { x: number; y: number }[]>;
}

function layoutContainer(c: Container): LocalLayout {
  const shapes = new Map<string, Box & { expanded?: boolean }>();
  const edges = new Map<string, { x: number; y: number }[]>();
  const inner = new Map<string, LocalLayout>();
  for (const n of c.nodes) if (n.kind === 'subProcess') inner.set(n.id, layoutContainer(n.children!));
  const size = (n: Node): [number, number] => (n.kind === 'subProcess' ? [inner.get(n.id)!.w, inner.get(n.id)!.h] : SIZE[n.kind]);

  const byId = new Map(c.nodes.map((n) => [n.id, n]));
  const main = c.nodes.filter((n) => n.kind !== 'boundaryEvent' && !n.triggeredByEvent);
  const hostOf = (id: string) => byId.get(id)?.attachedTo ?? id;
  const out = new Map<string, Flow[]>();
  for (const f of c.flows) out.set(f.from, [...(out.get(f.from) ?? []), f]);

  // back edges by DFS from the start events (boundary flows count from their host)
  const back = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const succ = (id: string): Flow[] => [...(out.get(id) ?? []), ...c.nodes.filter((b) => b.attachedTo === id).flatMap((b) => out.get(b.id) ?? [])];
  const dfs = (id: string) => {
    state.set(id, 'open');
    for (const f of succ(id)) {
      const s = state.get(f.to);
      if (s === 'open') back.add(f.id);
      else if (!s) dfs(f.to);
    }
    state.set(id, 'done');
  };
  const starts = main.filter((n) => !c.flows.some((f) => f.to === n.id));
  for (const s of starts) if (!state.has(s.id)) dfs(s.id);
  for (const n of main) if (!state.has(n.id)) dfs(n.id);

  // ranks: longest path over forward edges
  const rank = new Map<string, number>();
  for (const n of main) rank.set(n.id, 0);
  for (let changed = true, guard = 0; changed && guard < 500; guard++) {
    changed = false;
    for (const f of c.flows) {
      if (back.has(f.id)) continue;
      const r = (rank.get(hostOf(f.from)) ?? 0) + 1;
      if ((rank.get(f.to) ?? 0) < r) {
        rank.set(f.to, r);
        changed = true;
      }
    }
  }

  // rows: depth-first; the main successor (flagged main, else the default flow) stays on the row,
  // the others take the nearest row below that is free over the branch's span
  const row = new Map<string, number>();
  const occupied = new Set<string>();
  const incomingCount = (id: string) => c.flows.filter((f) => f.to === id && !back.has(f.id)).length;
  const spanOf = (id: string): [number, number] => {
    let last = id;
    for (let guard = 0; guard < 50; guard++) {
      const next = (out.get(last) ?? []).filter((f) => !back.has(f.id))[0];
      if (!next || row.has(next.to) || incomingCount(next.to) > 1) break;
      last = next.to;
    }
    return [rank.get(id)!, rank.get(last)!];
  };
  const free = (r: number, [from, to]: [number, number]) => {
    for (let k = from; k <= to; k++) if (occupied.has(`${k}:${r}`)) return false;
    return true;
  };
  const place = (id: string, preferred: number, below: boolean, parentRank?: number) => {
    const span = spanOf(id);
    let r = preferred;
    // a branch row must be free over the branch, and the parent's column free down to it
    const fits = (rr: number) => free(rr, span) && (parentRank === undefined || Array.from({ length: rr - preferred }, (_, k) => preferred + 1 + k).every((q) => free(q, [parentRank, parentRank])));
    if (below || !free(r, [rank.get(id)!, rank.get(id)!])) {
      r = preferred + (below ? 1 : 0);
      while (!fits(r) && r < preferred + 12) r++;
      if (!fits(r)) for (r = preferred + (below ? 1 : 0); !free(r, span); r++);
    }
    row.set(id, r);
    occupied.add(`${rank.get(id)}:${r}`);
    // the vertical segment down the parent's column is taken too
    if (parentRank !== undefined) for (let q = preferred + 1; q <= r; q++) occupied.add(`${parentRank}:${q}`);
  };
  const ordered = (id: string) => {
    const fs = (out.get(id) ?? []).filter((f) => !back.has(f.id));
    const n = byId.get(id);
    const score = (f: Flow) => (f.main ? 0 : n?.defaultFlow === f.id && !fs.some((g) => g.main) ? 1 : 2);
    return [...fs].sort((a, b) => score(a) - score(b));
  };
  const visit = (id: string) => {
    ordered(id).forEach((f, i) => {
      if (row.has(f.to)) return;
      place(f.to, row.get(id)!, i > 0, i > 0 ? rank.get(id) : undefined);
      visit(f.to);
    });
    for (const b of c.nodes.filter((x) => x.attachedTo === id)) {
      for (const f of (out.get(b.id) ?? []).filter((g) => !back.has(g.id))) {
        if (row.has(f.to)) continue;
        place(f.to, row.get(id)!, true, rank.get(id));
        visit(f.to);
      }
    }
  };
  for (const s of starts) {
    place(s.id, row.size ? Math.max(...row.values()) + 1 : 0, false);
    visit(s.id);
  }
  for (const n of main) if (!row.has(n.id)) {
    place(n.id, Math.max(0, ...row.values()) + 1, false);
    visit(n.id);
  }

  const maxRank = Math.max(0, ...main.map((n) => rank.get(n.id)!));
  const maxRow = Math.max(0, ...main.map((n) => row.get(n.id)!));
  const colW = Array.from({ length: maxRank + 1 }, () => 36);
  const rowH = Array.from({ length: maxRow + 1 }, () => 36);
  for (const n of main) {
    const [w, h] = size(n);
    colW[rank.get(n.id)!] = Math.max(colW[rank.get(n.id)!]!, w);
    rowH[row.get(n.id)!] = Math.max(rowH[row.get(n.id)!]!, h);
  }
  const colX: number[] = [];
  let x = PAD;
  for (const w of colW) {
    colX.push(x);
    x += w + COL_GAP;
  }
  const rowY: number[] = [];
  let y = PAD;
  for (const h of rowH) {
    rowY.push(y);
    y += h + ROW_GAP;
  }
  for (const n of main) {
    const [w, h] = size(n);
    const r = rank.get(n.id)!;
    const ro = row.get(n.id)!;
    shapes.set(n.id, { x: colX[r]! + (colW[r]! - w) / 2, y: rowY[ro]! + (rowH[ro]! - h) / 2, w, h, expanded: n.kind === 'subProcess' });
  }
  // boundary events along the bottom edge of their host, from the right
  const perHost = new Map<string, number>();
  for (const b of c.nodes.filter((n) => n.kind === 'boundaryEvent')) {
    const host = shapes.get(b.attachedTo!)!;
    const i = perHost.get(b.attachedTo!) ?? 0;
    perHost.set(b.attachedTo!, i + 1);
    shapes.set(b.id, { x: host.x + host.w - 56 - i * 46, y: host.y + host.h - 18, w: 36, h: 36 });
  }
  let width = x - COL_GAP + PAD;
  let height = y - ROW_GAP + PAD;
  // event sub-processes below the flow
  for (const n of c.nodes.filter((m) => m.triggeredByEvent)) {
    const [w, h] = size(n);
    shapes.set(n.id, { x: PAD, y: height, w, h, expanded: true });
    height += h + PAD;
    width = Math.max(width, w + 2 * PAD);
  }

  // edges
  const centerY = (b: Box) => b.y + b.h / 2;
  const centerX = (b: Box) => b.x + b.w / 2;
  const colRight = (r: number) => colX[r]! + colW[r]!;
  for (const f of c.flows) {
    const s = shapes.get(f.from)!;
    const t = shapes.get(f.to)!;
    const src = byId.get(f.from)!;
    const tgt = byId.get(f.to)!;
    let pts: { x: number; y: number }[];
    if (back.has(f.id) && centerY(s) > centerY(t) + 1) {
      const under = s.y + s.h + 25;
      pts = [
        { x: centerX(s), y: s.y + s.h },
        { x: centerX(s), y: under },
        { x: centerX(t), y: under },
        { x: centerX(t), y: t.y + t.h },
      ];
    } else if (back.has(f.id)) {
      const top = Math.min(s.y, t.y) - 35;
      pts = [
        { x: centerX(s), y: s.y },
        { x: centerX(s), y: top },
        { x: centerX(t), y: top },
        { x: centerX(t), y: t.y },
      ];
    } else if (src.kind === 'boundaryEvent') {
      pts = [
        { x: centerX(s), y: s.y + s.h },
        { x: centerX(s), y: centerY(t) },
        { x: t.x, y: centerY(t) },
      ];
    } else if (Math.abs(centerY(s) - centerY(t)) < 1) {
      pts = [
        { x: s.x + s.w, y: centerY(s) },
        { x: t.x, y: centerY(t) },
      ];
    } else if (src.kind.endsWith('Gateway') && centerY(t) > centerY(s)) {
      pts = [
        { x: centerX(s), y: s.y + s.h },
        { x: centerX(s), y: centerY(t) },
        { x: t.x, y: centerY(t) },
      ];
    } else if (tgt.kind.endsWith('Gateway') && centerY(s) > centerY(t)) {
      pts = [
        { x: s.x + s.w, y: centerY(s) },
        { x: centerX(t), y: centerY(s) },
        { x: centerX(t), y: t.y + t.h },
      ];
    } else {
      const mx = colRight(rank.get(hostOf(f.from))!) + COL_GAP / 2;
      pts = [
        { x: s.x + s.w, y: centerY(s) },
        { x: mx, y: centerY(s) },
        { x: mx, y: centerY(t) },
        { x: t.x, y: centerY(t) },
      ];
    }
    edges.set(f.id, pts.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) })));
  }

  // nested sub-processes: shift their inner layout into place
  for (const [id, lay] of inner) {
    const at = shapes.get(id)!;
    for (const [k, b] of lay.shapes) shapes.set(k, { ...b, x: b.x + at.x, y: b.y + at.y });
    for (const [k, pts] of lay.edges) edges.set(k, pts.map((p) => ({ x: p.x + at.x, y: p.y + at.y })));
  }
  return { w: width, h: height, shapes, edges };
}

export function layout(model: ProcessModel): Layout {
  const l = layoutContainer(model.body);
  const OX = 160;
  const OY = 60;
  const shapes = new Map([...l.shapes].map(([k, b]) => [k, { ...b, x: Math.round(b.x + OX), y: Math.round(b.y + OY) }]));
  const edges = new Map([...l.edges].map(([k, pts]) => [k, pts.map((p) => ({ x: p.x + OX, y: p.y + OY }))]));
  return { shapes, edges };
}

// ---------------------------------------------------------------- XML

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function collectMessages(c: Container, into: Set<string>) {
  for (const n of c.nodes) {
    if (n.message) into.add(n.message);
    if (n.children) collectMessages(n.children, into);
  }
}

const messageId = (name: string) => `Message_${name.replace(/[^A-Za-z0-9]/g, '_')}`;

function extensionXml(n: Node, ind: string): string {
  const parts: string[] = [];
  if (n.kind === 'serviceTask') {
    parts.push(`<zeebe:taskDefinition type="${esc(n.jobType!)}" />`);
  }
  if (n.kind === 'userTask') {
    parts.push('<zeebe:userTask />');
    parts.push(`<zeebe:formDefinition formId="${esc(n.formId!)}" />`);
    parts.push(`<zeebe:assignmentDefinition candidateGroups="${esc(n.groups!)}" />`);
    if (n.due) parts.push(`<zeebe:taskSchedule dueDate="${esc(n.due)}" />`);
  }
  if (n.kind === 'callActivity') {
    const attrs = [`processId="${esc(n.calledProcess!)}"`];
    if (n.propagateAllChildVariables === false) attrs.push('propagateAllChildVariables="false"');
    if (n.propagateAllParentVariables === false) attrs.push('propagateAllParentVariables="false"');
    parts.push(`<zeebe:calledElement ${attrs.join(' ')} />`);
  }
  if (n.inputs?.length || n.outputs?.length) {
    const io = [
      ...(n.inputs ?? []).map(([s, t]) => `  <zeebe:input source="${esc(s)}" target="${esc(t)}" />`),
      ...(n.outputs ?? []).map(([s, t]) => `  <zeebe:output source="${esc(s)}" target="${esc(t)}" />`),
    ];
    parts.push(['<zeebe:ioMapping>', ...io, '</zeebe:ioMapping>'].join(`\n${ind}  `));
  }
  if (n.headers && Object.keys(n.headers).length) {
    const hs = Object.entries(n.headers).map(([k, v]) => `  <zeebe:header key="${esc(k)}" value="${esc(v)}" />`);
    parts.push(['<zeebe:taskHeaders>', ...hs, '</zeebe:taskHeaders>'].join(`\n${ind}  `));
  }
  if (!parts.length) return '';
  return `${ind}  <bpmn:extensionElements>\n${parts.map((p) => `${ind}    ${p}`).join('\n')}\n${ind}  </bpmn:extensionElements>\n`;
}

function nodeXml(n: Node, c: Container, ind: string): string {
  const attrs = [`id="${n.id}"`, `name="${esc(n.name)}"`];
  if (n.kind === 'boundaryEvent') {
    attrs.push(`attachedToRef="${n.attachedTo}"`);
    if (n.interrupting === false) attrs.push('cancelActivity="false"');
  }
  if (n.kind === 'subProcess' && n.triggeredByEvent) attrs.push('triggeredByEvent="true"');
  if (n.defaultFlow) attrs.push(`default="${n.defaultFlow}"`);
  if (n.kind === 'startEvent' && n.interrupting === false) attrs.push('isInterrupting="false"');
  let body = '';
  if (n.doc) body += `${ind}  <bpmn:documentation>${esc(n.doc)}</bpmn:documentation>\n`;
  body += extensionXml(n, ind);
  for (const f of c.flows.filter((f) => f.to === n.id)) body += `${ind}  <bpmn:incoming>${f.id}</bpmn:incoming>\n`;
  for (const f of c.flows.filter((f) => f.from === n.id)) body += `${ind}  <bpmn:outgoing>${f.id}</bpmn:outgoing>\n`;
  if (n.message) body += `${ind}  <bpmn:messageEventDefinition id="${n.id}_def" messageRef="${messageId(n.message)}" />\n`;
  if (n.timeDate) body += `${ind}  <bpmn:timerEventDefinition id="${n.id}_def">\n${ind}    <bpmn:timeDate xsi:type="bpmn:tFormalExpression">${esc(n.timeDate)}</bpmn:timeDate>\n${ind}  </bpmn:timerEventDefinition>\n`;
  if (n.terminate) body += `${ind}  <bpmn:terminateEventDefinition id="${n.id}_def" />\n`;
  if (n.children) body += containerXml(n.children, `${ind}  `);
  return `${ind}<bpmn:${n.kind} ${attrs.join(' ')}>\n${body}${ind}</bpmn:${n.kind}>\n`;
}

function containerXml(c: Container, ind: string): string {
  let xml = '';
  for (const n of c.nodes) xml += nodeXml(n, c, ind);
  for (const f of c.flows) {
    const attrs = [`id="${f.id}"`, ...(f.name ? [`name="${esc(f.name)}"`] : []), `sourceRef="${f.from}"`, `targetRef="${f.to}"`];
    if (f.condition) xml += `${ind}<bpmn:sequenceFlow ${attrs.join(' ')}>\n${ind}  <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${esc(f.condition)}</bpmn:conditionExpression>\n${ind}</bpmn:sequenceFlow>\n`;
    else xml += `${ind}<bpmn:sequenceFlow ${attrs.join(' ')} />\n`;
  }
  return xml;
}

export function toXml(model: ProcessModel): string {
  const messages = new Set<string>();
  collectMessages(model.body, messages);
  const lay = layout(model);
  const allNodes: Node[] = [];
  const allFlows: Flow[] = [];
  const walk = (c: Container) => {
    for (const n of c.nodes) {
      allNodes.push(n);
      if (n.children) walk(n.children);
    }
    allFlows.push(...c.flows);
  };
  walk(model.body);
  let di = '';
  for (const n of allNodes) {
    const b = lay.shapes.get(n.id)!;
    const extra = n.kind === 'subProcess' ? ' isExpanded="true"' : n.kind === 'exclusiveGateway' ? ' isMarkerVisible="true"' : '';
    di += `      <bpmndi:BPMNShape id="${n.id}_di" bpmnElement="${n.id}"${extra}>\n        <dc:Bounds x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" />\n      </bpmndi:BPMNShape>\n`;
  }
  for (const f of allFlows) {
    const pts = lay.edges.get(f.id)!;
    di += `      <bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}">\n${pts.map((p) => `        <di:waypoint x="${p.x}" y="${p.y}" />`).join('\n')}\n      </bpmndi:BPMNEdge>\n`;
  }
  const messageXml = [...messages]
    .sort()
    .map((m) => `  <bpmn:message id="${messageId(m)}" name="${esc(m)}">\n    <bpmn:extensionElements>\n      <zeebe:subscription correlationKey="=caseId" />\n    </bpmn:extensionElements>\n  </bpmn:message>\n`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_${model.id.replace(/-/g, '_')}" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.28.0" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
  <bpmn:process id="${model.id}" name="${esc(model.name)}" isExecutable="true">
    <bpmn:documentation>${esc(model.doc)}</bpmn:documentation>
${containerXml(model.body, '    ')}  </bpmn:process>
${messageXml}  <bpmndi:BPMNDiagram id="BPMNDiagram_${model.id.replace(/-/g, '_')}">
    <bpmndi:BPMNPlane id="BPMNPlane_${model.id.replace(/-/g, '_')}" bpmnElement="${model.id}">
${di}    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}
