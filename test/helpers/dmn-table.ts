// Reads a DMN decision table (dmn-moddle) and evaluates it with a FEEL interpreter (feelin), so the
// unit tests can check a table against the TypeScript rules without the engine. The engine-level
// equivalence test belongs to the diagrams (test/integration).
import { readFile } from 'node:fs/promises';
import { DmnModdle } from 'dmn-moddle';
import { evaluate, unaryTest } from 'feelin';

export interface DmnRule {
  id: string;
  description: string;
  inputEntries: string[];
  outputEntries: string[];
}

export interface DmnDecisionTable {
  decisionId: string;
  decisionName: string;
  hitPolicy: string;
  inputs: { id: string; label: string; expression: string; typeRef: string }[];
  outputs: { id: string; label: string; name: string }[];
  rules: DmnRule[];
  /** element ids that have a DMNShape */
  shapes: string[];
  warnings: string[];
  attributes: Record<string, string>;
}

export async function readDecisionTable(file: string, decisionId: string): Promise<DmnDecisionTable> {
  const xml = await readFile(file, 'utf8');
  const { rootElement: defs, warnings } = await new DmnModdle().fromXML(xml, 'dmn:Definitions');
  const decision = (defs.drgElement ?? []).find((e: any) => e.id === decisionId);
  if (!decision) throw new Error(`${file}: no decision ${decisionId}`);
  const table = decision.decisionLogic;
  if (table?.$type !== 'dmn:DecisionTable') throw new Error(`${file}: decision ${decisionId} is not a decision table`);
  const shapes: string[] = [];
  for (const diagram of defs.dmnDI?.diagrams ?? []) for (const el of diagram.diagramElements ?? []) if (el.dmnElementRef?.id) shapes.push(el.dmnElementRef.id);
  return {
    decisionId,
    decisionName: decision.name,
    hitPolicy: table.hitPolicy ?? 'UNIQUE',
    inputs: (table.input ?? []).map((i: any) => ({ id: i.id, label: i.label, expression: i.inputExpression?.text ?? '', typeRef: i.inputExpression?.typeRef ?? '' })),
    outputs: (table.output ?? []).map((o: any) => ({ id: o.id, label: o.label, name: o.name })),
    rules: (table.rule ?? []).map((r: any) => ({
      id: r.id,
      description: r.description ?? '',
      inputEntries: (r.inputEntry ?? []).map((e: any) => e.text ?? '-'),
      outputEntries: (r.outputEntry ?? []).map((e: any) => e.text ?? ''),
    })),
    shapes,
    warnings: warnings.map((w) => w.message),
    attributes: { ...(defs.$attrs ?? {}) },
  };
}

/** COLLECT / RULE ORDER evaluation: the output contexts of every matching rule, in rule order. */
export function evaluateCollect(table: DmnDecisionTable, context: Record<string, unknown>): { ruleId: string; output: Record<string, unknown> }[] {
  const values = table.inputs.map((i) => evaluate(i.expression, context).value);
  const out: { ruleId: string; output: Record<string, unknown> }[] = [];
  for (const rule of table.rules) {
    const matches = rule.inputEntries.every((entry, idx) => entry.trim() === '-' || entry.trim() === '' || unaryTest(entry, { ...context, '?': values[idx] }).value === true);
    if (!matches) continue;
    const output: Record<string, unknown> = {};
    table.outputs.forEach((o, idx) => (output[o.name] = evaluate(rule.outputEntries[idx] ?? 'null', context).value));
    out.push({ ruleId: rule.id, output });
  }
  return out;
}
