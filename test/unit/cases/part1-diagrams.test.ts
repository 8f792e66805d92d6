// Static checks of the part-1 diagrams (Camunda 7 / Operaton dialect): workers for every topic, forms
// and candidate groups for every user task, every message a court event the case API correlates by
// business key (the case id) and every called process given that business key, diagram interchange
// for every element without overlaps, lint.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/config.ts';
import { readDiagram } from '../../../src/engine/bpmn-catalog.ts';
import { loadForms } from '../../../src/cases/form-validation.ts';
import { CASE_EVENT_TYPES, DERIVED_MESSAGES } from '../../../src/cases/case-input.ts';
import { STAGE_TABLE } from '../../../src/cases/stage-table.ts';
import { candidateGroupRoles } from '../../../src/process-engine/engine-directory.ts';
import { discoverWorkers } from '../../../src/workers/worker-host.ts';
import { procedureRules } from '../../../src/cases/procedure-rules.ts';
import { PROFILES } from '../../../src/deadlines/profiles.ts';

const PART1 = ['case-lifecycle', 'case-registration', 'pretrial-settlement', 'answer-and-evidence'];
const file = (id: string) => path.join(projectRoot, 'processes', `${id}.bpmn`);
const diagrams = await Promise.all(PART1.map((id) => readDiagram(file(id))));
const CANDIDATE_GROUPS = new Set<string>(candidateGroupRoles);
/** every registration group a profile can give (src/cases/procedure-rules.ts) */
const REGISTRATION_GROUPS = [...new Set(PROFILES.map((p) => procedureRules(p.id, '2026-03-02', {}).registrationGroup))];

interface Shape { id: string; type: string; x: number; y: number; w: number; h: number; parent: string | null }

/** Shapes with their element type and the sub-process they sit in (from the XML). */
async function shapesOf(id: string): Promise<Shape[]> {
  const xml = await readFile(file(id), 'utf8');
  const types = new Map<string, string>();
  const parents = new Map<string, string | null>();
  const attached = new Map<string, string>();
  const stack: string[] = [];
  for (const m of xml.matchAll(/<(\/?)bpmn:(\w+)([^>]*?)(\/?)>/g)) {
    const [, closing, tag, attrs, selfClosing] = m;
    const elId = /\sid="([^"]+)"/.exec(attrs!)?.[1];
    if (closing) {
      if (tag === 'subProcess') stack.pop();
      continue;
    }
    if (elId) {
      types.set(elId, tag!);
      parents.set(elId, stack.at(-1) ?? null);
      const host = /attachedToRef="([^"]+)"/.exec(attrs!)?.[1];
      if (host) attached.set(elId, host);
    }
    if (tag === 'subProcess' && !selfClosing) stack.push(elId!);
  }
  return [...xml.matchAll(/bpmnElement="([^"]+)"[^>]*>\s*<dc:Bounds x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"/g)].map((m) => ({
    id: m[1]!,
    type: types.get(m[1]!) ?? '?',
    x: +m[2]!,
    y: +m[3]!,
    w: +m[4]!,
    h: +m[5]!,
    parent: attached.has(m[1]!) ? `host:${attached.get(m[1]!)}` : (parents.get(m[1]!) ?? null),
  }));
}

const overlaps = (a: Shape, b: Shape) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (inner: Shape, outer: Shape) => inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;

describe('part-1 diagrams', () => {
  it('define the four processes and call the three sub-processes', () => {
    expect(diagrams.flatMap((d) => d.processIds)).toEqual(PART1);
    // the main process also calls the part-2 processes (issue 7 wiring); answer-and-evidence twice (first and second instance)
    expect([...new Set(diagrams[0]!.calledProcessIds)].sort()).toEqual(['answer-and-evidence', 'case-archive', 'case-registration', 'hearing', 'judgment-and-appeal', 'loss-analysis', 'performance', 'pretrial-settlement']);
  });

  it('every job type has a worker under workers/', async () => {
    const implemented = new Set((await discoverWorkers()).map((w) => w.jobType));
    const used = diagrams.flatMap((d) => d.jobTypes.map((j) => j.type));
    expect(used.length).toBeGreaterThan(20);
    expect([...new Set(used)].filter((t) => !implemented.has(t))).toEqual([]);
  });

  it('every user task links a form in forms/ (latest version), with candidate groups from the roles and a computed due date', async () => {
    const forms = await loadForms();
    const xml = (await Promise.all(PART1.map((id) => readFile(file(id), 'utf8')))).join('\n');
    let count = 0;
    for (const d of diagrams) {
      for (const t of d.userTasks) {
        count++;
        expect(forms.has(t.formId!), `${t.elementId} → ${t.formId}`).toBe(true);
        expect(t.candidateGroups.length, `${t.elementId}: candidate groups`).toBeGreaterThan(0);
        // a group chosen by the case's profile is named by the variable the procedure rules return
        // A08 / A09: the justice bureau proposes the responding unit, a town or street office decides itself
        const groups = t.candidateGroups.flatMap((g) => (g === '${registrationGroup}' ? REGISTRATION_GROUPS : g === '${assignmentDecisionGroup}' ? ['justice-bureau', 'legal-affairs'] : [g]));
        expect(groups.filter((g) => !CANDIDATE_GROUPS.has(g)), t.elementId).toEqual([]);
        expect(t.dueDate, `${t.elementId}: due date`).toMatch(/^\$\{.+\}$/);
      }
    }
    const userTasks = [...xml.matchAll(/<bpmn:userTask [^>]*>/g)].map((m) => m[0]);
    expect(userTasks.length).toBe(count);
    for (const tag of userTasks) expect(tag, 'formRef binding').toContain('camunda:formRefBinding="latest"');
  });

  it('every message is a court event the case API correlates by business key (the case id), waited for in a stage that takes it', () => {
    const messages = diagrams.flatMap((d) => d.messages);
    // appeal-filed: a party's appeal within its own period after the case went on at an estimated effect;
    // effective-date-moved (derived by the case API from a later service or the certificate): the wait before archiving
    expect(messages.map((m) => m.name).sort()).toEqual(['appeal-copy-served', 'appeal-filed', 'effective-date-moved', 'hearing-scheduled', 'judgment-served', 'settlement-outcome', 'withdrawn']);
    const taken = new Set<string>(Object.values(STAGE_TABLE).flatMap((row) => ('processTakes' in row ? [...row.processTakes] : [])));
    for (const m of messages) {
      if ((DERIVED_MESSAGES as readonly string[]).includes(m.name)) continue;
      expect(CASE_EVENT_TYPES, m.name).toContain(m.name);
      expect(taken.has(m.name), `${m.name}: a stage takes it`).toBe(true);
      expect(m.elementIds.length, `${m.name}: caught`).toBeGreaterThan(0);
    }
  });

  it('every call activity hands the case id on as the business key (so court events reach the called instances)', async () => {
    for (const id of PART1) {
      const xml = await readFile(file(id), 'utf8');
      for (const m of xml.matchAll(/<bpmn:callActivity id="([^"]+)"[\s\S]*?<\/bpmn:callActivity>/g)) {
        expect(m[0], `${id}: ${m[1]}`).toContain('<camunda:in businessKey="#{execution.processBusinessKey}" />');
      }
    }
  });

  it('timers use computed dates only (timeDate from a variable), never a literal period', async () => {
    for (const id of PART1) {
      const xml = await readFile(file(id), 'utf8');
      expect(xml).not.toMatch(/timeDuration|timeCycle/);
      for (const m of xml.matchAll(/<bpmn:timeDate[^>]*>([^<]+)</g)) expect(m[1]).toMatch(/^\$\{[a-zA-Z]+(DueAt|EscalateAt)\}$|^\$\{answerRemindT[520]At\}$/);
    }
  });

  it('every flow element has a shape or an edge, and shapes do not overlap', async () => {
    for (const [i, id] of PART1.entries()) {
      expect(diagrams[i]!.elementsWithoutDi, id).toEqual([]);
      const shapes = await shapesOf(id);
      for (const s of shapes.filter((x) => x.parent?.startsWith('host:'))) {
        const host = shapes.find((h) => h.id === s.parent!.slice(5))!;
        expect(overlaps(s, host), `${s.id} on its host`).toBe(true);
      }
      const placed = shapes.filter((s) => !s.parent?.startsWith('host:'));
      for (const s of placed.filter((x) => x.parent)) expect(inside(s, shapes.find((p) => p.id === s.parent)!), `${s.id} inside ${s.parent}`).toBe(true);
      const clashes: string[] = [];
      for (let a = 0; a < placed.length; a++) {
        for (let b = a + 1; b < placed.length; b++) {
          const [p, q] = [placed[a]!, placed[b]!];
          if (p.parent !== q.parent) continue; // a sub-process contains its children
          if (overlaps(p, q)) clashes.push(`${p.id} × ${q.id}`);
        }
      }
      // boundary events must not touch anything but their host
      for (const s of shapes.filter((x) => x.parent?.startsWith('host:'))) {
        for (const o of placed) if (o.id !== s.parent!.slice(5) && o.type !== 'subProcess' && overlaps(s, o)) clashes.push(`${s.id} × ${o.id}`);
      }
      expect(clashes, id).toEqual([]);
    }
  });

  it('document the rules they implement (seed file + article, or the law)', async () => {
    for (const id of PART1) {
      const xml = await readFile(file(id), 'utf8');
      const docs = [...xml.matchAll(/<bpmn:documentation>([^<]+)</g)].map((m) => m[1]!);
      expect(docs.length, id).toBeGreaterThan(2);
    }
    const all = (await Promise.all(PART1.map((id) => readFile(file(id), 'utf8')))).join('');
    for (const cite of ['002_963c834d180c3dcb.txt', '004_b8935aaaa4c0ff62.txt', '003_0e14abe5e5e19f52.txt', '第六十七条', '第十五条', '第三十二条']) expect(all).toContain(cite);
  });

  it('lint clean with bpmnlint:recommended and camunda-compat camunda-platform-7-23 (.bpmnlintrc)', async () => {
    const run = promisify(execFile);
    const bin = path.join(projectRoot, 'node_modules', '.bin', 'bpmnlint');
    const { stdout } = await run(bin, PART1.map(file), { cwd: projectRoot }).catch((e: { stdout: string }) => ({ stdout: e.stdout || 'lint failed' }));
    expect(stdout.trim()).toBe('');
  });
});
