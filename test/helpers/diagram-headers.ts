// The headers a diagram sets on one element, read from the diagram file: Zeebe task headers
// (zeebe:header key/value) and, after the conversion to the Camunda 7 dialect, extension properties
// (camunda:property name/value). For tests that check what a task declares (e.g. declared data).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { projectRoot } from '../../src/config.ts';

/** `file`: a path (absolute or from the project root) or a file name in processes/. */
export async function taskHeaders(file: string, elementId: string): Promise<Record<string, string>> {
  const where = path.isAbsolute(file) || file.includes('/') ? path.resolve(projectRoot, file) : path.join(projectRoot, 'processes', file);
  const document = parseDocument(await readFile(where, 'utf8'), { xmlMode: true });
  const element = DomUtils.getElementById(elementId, document.children);
  if (!element) throw new Error(`${file}: no element ${elementId}`);
  // the element's own extension elements only (a sub-process's tasks have their own)
  const extensions = DomUtils.getElementsByTagName((name) => name.endsWith(':extensionElements'), element.children, false, 1)[0];
  const headers: Record<string, string> = {};
  if (!extensions) return headers;
  for (const c of DomUtils.getElementsByTagName((name) => name === 'zeebe:header' || name === 'camunda:property', [extensions])) {
    const key = c.name === 'zeebe:header' ? c.attribs.key : c.attribs.name;
    if (key) headers[key] = c.attribs.value ?? '';
  }
  return headers;
}
