// The headers a diagram sets on one element, read from the diagram file: Zeebe task headers
// (zeebe:header key/value) or, after the Camunda 7 conversion, extension properties
// (camunda:property name/value). Only the element's own extensionElements — a sub-process does not
// collect the headers of the tasks inside it. Also the element's Zeebe input and output mappings.
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
      if (c.name === 'zeebe:header' && c.attribs.key) headers[c.attribs.key] = c.attribs.value ?? '';
      if (c.name === 'camunda:property' && c.attribs.name) headers[c.attribs.name] = c.attribs.value ?? '';
    }
  }
  return headers;
}

/** The input and output mappings of element `elementId` (Zeebe zeebe:input / zeebe:output), by target: the FEEL source. */
export async function ioMappings(file: string, elementId: string): Promise<{ inputs: Record<string, string>; outputs: Record<string, string> }> {
  const element = [...elementsUnder(await diagram(file))].find((e) => e.attribs.id === elementId);
  if (!element) throw new Error(`${file}: no element with id "${elementId}"`);
  const inputs: Record<string, string> = {};
  const outputs: Record<string, string> = {};
  for (const ext of element.children.filter(isElement).filter((c) => localName(c.name) === 'extensionElements')) {
    for (const c of elementsUnder(ext)) {
      if (c.name === 'zeebe:input' && c.attribs.target) inputs[c.attribs.target] = c.attribs.source ?? '';
      if (c.name === 'zeebe:output' && c.attribs.target) outputs[c.attribs.target] = c.attribs.source ?? '';
    }
  }
  return { inputs, outputs };
}
