// The headers a diagram sets on one element, read from the diagram file: its extension properties
// (camunda:property name/value). Only the element's own extensionElements — a sub-process does not
// collect the headers of the tasks inside it. Also the element's input and output mappings and an
// evaluator of the Camunda 7 mapping forms.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Document, Element } from 'domhandler';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const documents = new Map<string, Promise<Document>>();

const isElement = (n: ChildNode): n is Element => n.type === 'tag';
const localName = (name: string) => name.slice(name.indexOf(':') + 1);

function* elementsUnder(node: Document | Element): Generator<Element> {
  for (const child of node.children.filter(isElement)) {
    yield child;
    yield* elementsUnder(child);
  }
}

function diagram(file: string): Promise<Document> {
  const full = path.resolve(ROOT, file);
  let doc = documents.get(full);
  if (!doc) {
    doc = readFile(full, 'utf8').then((xml) => parseDocument(xml, { xmlMode: true }));
    documents.set(full, doc);
  }
  return doc;
}

/** The headers of element `elementId` in `file` (absolute, or relative to the project root). */
export async function taskHeaders(file: string, elementId: string): Promise<Record<string, string>> {
  const element = [...elementsUnder(await diagram(file))].find((e) => e.attribs.id === elementId);
  if (!element) throw new Error(`${file}: no element with id "${elementId}"`);
  const headers: Record<string, string> = {};
  for (const ext of element.children.filter(isElement).filter((c) => localName(c.name) === 'extensionElements')) {
    for (const c of elementsUnder(ext)) {
      if (c.name === 'camunda:property' && c.attribs.name) headers[c.attribs.name] = c.attribs.value ?? '';
    }
  }
  return headers;
}

/**
 * The input and output mappings of element `elementId`, by target: the source as the diagram holds it.
 * camunda:inputParameter / outputParameter (text, a literal or a JUEL expression) and a call
 * activity's camunda:in / camunda:out, written as the expression they amount to (source="x" reads x
 * null-safe: `${execution.getVariable('x')}`).
 * `camunda:in variables="all"` and the business key are not mappings of one variable and are left out.
 */
export async function ioMappings(file: string, elementId: string): Promise<{ inputs: Record<string, string>; outputs: Record<string, string> }> {
  const element = [...elementsUnder(await diagram(file))].find((e) => e.attribs.id === elementId);
  if (!element) throw new Error(`${file}: no element with id "${elementId}"`);
  const inputs: Record<string, string> = {};
  const outputs: Record<string, string> = {};
  const callMapping = (c: Element) => (c.attribs.sourceExpression ?? (c.attribs.source !== undefined ? `\${execution.getVariable('${c.attribs.source}')}` : undefined));
  for (const ext of element.children.filter(isElement).filter((c) => localName(c.name) === 'extensionElements')) {
    for (const c of elementsUnder(ext)) {
      if (c.name === 'camunda:inputParameter' && c.attribs.name) inputs[c.attribs.name] = textOf(c);
      if (c.name === 'camunda:outputParameter' && c.attribs.name) outputs[c.attribs.name] = textOf(c);
      if (c.name === 'camunda:in' && c.attribs.target && callMapping(c) !== undefined) inputs[c.attribs.target] = callMapping(c)!;
      if (c.name === 'camunda:out' && c.attribs.target && callMapping(c) !== undefined) outputs[c.attribs.target] = callMapping(c)!;
    }
  }
  return { inputs, outputs };
}

function textOf(e: Element): string {
  if (e.children.some(isElement)) throw new Error(`${e.attribs.name}: a list, map or script mapping is not read here`);
  return e.children.map((c) => ('data' in c ? String(c.data) : '')).join('').trim().replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * The forms a Camunda 7 mapping of the converted diagrams takes (docs/engine-move.md), each with how
 * the engine evaluates it. Anything else is not a convertible form (camundaMappingValue throws).
 */
const NAME = '[A-Za-z_]\\w*';
const CAMUNDA_FORMS: [RegExp, (m: RegExpExecArray, scope: Record<string, unknown>) => unknown][] = [
  // a variable, null when missing
  [new RegExp(`^\\$\\{execution\\.getVariable\\('(${NAME})'\\)\\}$`), (m, scope) => scope[m[1]!] ?? null],
  // a variable named bare: JUEL fails on a missing one (FEEL gave null)
  [new RegExp(`^\\$\\{(?!true\\}|false\\}|null\\})(${NAME})\\}$`), (m, scope) => {
    if (scope[m[1]!] === undefined) throw new Error(`JUEL: unknown property ${m[1]}`);
    return scope[m[1]!];
  }],
  // literals
  [/^\$\{(true|false|null)\}$/, (m) => JSON.parse(m[1]!)],
  [/^\$\{(-?\d+(?:\.\d+)?)\}$/, (m) => Number(m[1])],
  // the text of a parameter (or a sourceExpression) without an expression: a string
  [/^([^$#{}]+)$/, (m) => m[1]],
  // =if x != null then x else y
  [new RegExp(`^\\$\\{execution\\.getVariable\\('(${NAME})'\\) != null \\? \\1 : execution\\.getVariable\\('(${NAME})'\\)\\}$`), (m, scope) => scope[m[1]!] ?? scope[m[2]!] ?? null],
];

/** Whether `source` is one of the Camunda 7 mapping forms the conversion allows. */
export const isCamundaConvertible = (source: string) => CAMUNDA_FORMS.some(([re]) => re.test(source));

/** A Camunda 7 mapping evaluated as the engine does over `scope` (a variable not in scope is missing). */
export function camundaMappingValue(source: string, scope: Record<string, unknown>): unknown {
  for (const [re, value] of CAMUNDA_FORMS) {
    const m = re.exec(source);
    if (m) return value(m, scope);
  }
  throw new Error(`not a convertible Camunda 7 mapping: ${source}`);
}
