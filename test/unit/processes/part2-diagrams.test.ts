// Static checks of the part-2 diagrams (issue 7), Camunda 7 / Operaton dialect: executable facts
// (topics have workers, user tasks link Camunda Forms that exist with candidate groups from the
// roles, every message is a court event the case API correlates by business key — the case id — and
// every call activity passes that business key on, BPMN errors match the workers' codes), computed
// timers only, and a readable layout (every element drawn, no two shapes overlapping, left to right).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/config.ts';
import { readDiagram } from '../../../src/engine/bpmn-catalog.ts';
import { discoverWorkers } from '../../../src/workers/worker-host.ts';
import { CASE_EVENT_TYPES, DERIVED_MESSAGES } from '../../../src/cases/case-input.ts';
import { STAGE_TABLE } from '../../../src/cases/stage-table.ts';
import { candidateGroupRoles } from '../../../src/process-engine/engine-directory.ts';
import { readAllDiagrams } from '../../../src/engine/bpmn-catalog.ts';
import { UNIT_ANSWER_MESSAGE } from '../../../workers/cases/request-unit-answers.ts';
import { UNIT_ANSWER_ENDED_MESSAGE } from '../../../src/cases/unit-answers.ts';

const PART2 = ['hearing', 'judgment-and-appeal', 'performance', 'loss-analysis', 'judicial-recommendation', 'case-archive', 'retrial'];
const ROLES: readonly string[] = candidateGroupRoles;
const TAKEN = new Set<string>(Object.values(STAGE_TABLE).flatMap((row) => ('processTakes' in row ? [...row.processTakes] : [])));
const file = (id: string) => path.join(projectRoot, 'processes', `${id}.bpmn`);

async function workerJobTypes(): Promise<Set<string>> {
  return new Set((await discoverWorkers()).map((w) => w.jobType));
}

interface Box { id: string; x: number; y: number; w: number; h: number }
function shapes(xml: string): Box[] {
  const out: Box[] = [];
  const re = /<bpmndi:BPMNShape id="[^"]+" bpmnElement="([^"]+)"[^>]*>\s*<dc:Bounds x="(-?[\d.]+)" y="(-?[\d.]+)" width="([\d.]+)" height="([\d.]+)"/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push({ id: m[1]!, x: +m[2]!, y: +m[3]!, w: +m[4]!, h: +m[5]! });
  return out;
}
const inside = (a: Box, b: Box) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe.each(PART2)('diagram %s', (id) => {
  it('is executable as designed: workers, forms, groups, messages by business key, errors', async () => {
    const facts = await readDiagram(file(id));
    expect(facts.processIds).toEqual([id]);
    expect(facts.warnings).toEqual([]);
    const workers = await workerJobTypes();
    for (const j of facts.jobTypes) expect(workers.has(j.type), `${j.elementId}: no worker for ${j.type}`).toBe(true);
    const xml = await readFile(file(id), 'utf8');
    for (const t of facts.userTasks) {
      const form = JSON.parse(await readFile(path.join(projectRoot, 'forms', `${t.formId}.form`), 'utf8'));
      expect(form.id).toBe(t.formId);
      expect(t.candidateGroups.length, `${t.elementId}: candidate groups`).toBeGreaterThan(0);
      for (const g of t.candidateGroups) expect(ROLES, t.elementId).toContain(g);
    }
    for (const tag of xml.match(/<bpmn:userTask [^>]*>/g) ?? []) expect(tag, 'formRef binding').toContain('camunda:formRefBinding="latest"');
    for (const m of [...xml.matchAll(/candidateGroups="([^"]+)"/g)]) for (const g of m[1]!.split(',')) expect(ROLES).toContain(g);
    // every message is a court event of the case API, correlated by business key (the case id); a
    // message start event (a process of its own per court event) takes the business key from the correlation
    const startOnly = ({ 'judicial-recommendation': ['judicial-recommendation', 'procuratorial-recommendation'], retrial: ['retrial-petition-served'] } as Record<string, string[]>)[id] ?? [];
    const starts = new Set([...xml.matchAll(/<bpmn:startEvent id="([^"]+)"/g)].map((m) => m[1]!));
    for (const m of facts.messages) {
      const derived = (DERIVED_MESSAGES as readonly string[]).includes(m.name);
      if (!derived) expect(CASE_EVENT_TYPES, m.name).toContain(m.name);
      if (!derived) expect(TAKEN.has(m.name), `${m.name}: a stage takes it`).toBe(true);
      expect(m.elementIds.length, `${m.name}: caught`).toBeGreaterThan(0);
      for (const el of m.elementIds) expect(starts.has(el), `${m.name} at ${el}: a start event only for ${startOnly}`).toBe(startOnly.includes(m.name));
    }
    for (const m of xml.matchAll(/<bpmn:callActivity id="([^"]+)"[\s\S]*?<\/bpmn:callActivity>/g)) {
      expect(m[0], `${m[1]}: business key`).toContain('<camunda:in businessKey="#{execution.processBusinessKey}" />');
    }
    const errorCodes = [...xml.matchAll(/errorCode="([^"]+)"/g)].map((m) => m[1]);
    for (const code of errorCodes) expect(['AGENTS_INVALID', 'REMADE_ACT_BARRED']).toContain(code);
    expect(facts.elementsWithoutDi).toEqual([]);
  });

  it('uses computed timers only: every timeDate is an expression over process variables', async () => {
    const xml = await readFile(file(id), 'utf8');
    const timers = [...xml.matchAll(/<bpmn:timeDate[^>]*>([^<]+)<\/bpmn:timeDate>/g)].map((m) => m[1]!);
    for (const t of timers) {
      expect(t, 'a JUEL expression').toMatch(/^\$\{.+\}$/);
      expect(t, 'no literal date or ISO duration of a legal period').not.toMatch(/\d{4}-\d{2}-\d{2}|"P\d+[DMW]"(?!\))/);
    }
    expect(xml).not.toMatch(/<bpmn:timeDuration|<bpmn:timeCycle/);
  });

  it('is laid out left to right without overlapping shapes', async () => {
    const xml = await readFile(file(id), 'utf8');
    const all = shapes(xml);
    const boundary = new Map([...xml.matchAll(/<bpmn:boundaryEvent id="([^"]+)"[^>]*attachedToRef="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
    for (let i = 0; i < all.length; i++) {
      for (let k = i + 1; k < all.length; k++) {
        const a = all[i]!;
        const b = all[k]!;
        if (boundary.get(a.id) === b.id || boundary.get(b.id) === a.id) continue;
        if (inside(a, b) || inside(b, a)) continue; // elements of an expanded sub-process
        expect(overlap(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
      }
    }
    const start = all.find((s) => /_start"/.test(`${s.id}"`))!;
    const ends = all.filter((s) => /_end"/.test(`${s.id}"`));
    for (const e of ends) expect(e.x).toBeGreaterThan(start.x);
  });
});

describe('court events across all diagrams', () => {
  it('every court event type of the case API is waited for by some diagram, and nothing else is (besides the messages the API derives)', async () => {
    const names = new Set((await readAllDiagrams(path.join(projectRoot, 'processes'))).flatMap((d) => d.messages.map((m) => m.name)));
    // the messages no court sends: the ledger's outbox commands start and end a co-defendant unit's own answer
    expect(names.delete(UNIT_ANSWER_MESSAGE)).toBe(true);
    expect(names.delete(UNIT_ANSWER_ENDED_MESSAGE)).toBe(true);
    expect([...names].sort()).toEqual([...CASE_EVENT_TYPES, ...DERIVED_MESSAGES].sort());
  });
});
