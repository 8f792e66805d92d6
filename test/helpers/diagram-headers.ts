// The headers a diagram sets on one element, read from the BPMN file: Camunda 8 task headers
// (zeebe:header key/value) and Camunda 7 / Operaton extension properties (camunda:property
// name/value), so a test of declared data (src/workers/declared-data.ts) holds in either dialect.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'htmlparser2';
import { projectRoot } from '../../src/config.ts';

type XmlNode = ReturnType<typeof parseDocument>['children'][number];
interface XmlElement { name: string; attribs: Record<string, string>; children: XmlNode[] }
const isElement = (n: XmlNode): n is XmlNode & XmlElement => 'name' in n && 'attribs' in n;

function* descendants(node: { children: XmlNode[] }): Generator<XmlElement> {
  for (const child of node.children) {
    if (!isElement(child)) continue;
    yield child;
    yield* descendants(child);
  }
}

/**
 * The headers of the element `elementId` in `file` (absolute, or relative to the project root, e.g.
 * processes/hearing.bpmn): its own extension elements only, not those of elements it contains.
 */
export async function taskHeaders(file: string, elementId: string): Promise<Record<string, string>> {
  const xml = await readFile(path.isAbsolute(file) ? file : path.join(projectRoot, file), 'utf8');
  const element = [...descendants(parseDocument(xml, { xmlMode: true }))].find((el) => el.attribs.id === elementId && !el.name.startsWith('bpmndi:'));
  if (!element) throw new Error(`${file}: no element with id ${elementId}`);
  const headers: Record<string, string> = {};
  for (const extension of element.children.filter(isElement).filter((c) => c.name.endsWith('extensionElements'))) {
    for (const el of descendants(extension)) {
      if (el.name === 'zeebe:header' && el.attribs.key !== undefined) headers[el.attribs.key] = el.attribs.value ?? '';
      if (el.name === 'camunda:property' && el.attribs.name !== undefined) headers[el.attribs.name] = el.attribs.value ?? '';
    }
  }
  return headers;
}
