// Reads the rule profile files (profiles/*.yaml), validates each with profile-schema.ts and checks them
// against each other. A problem is reported as "profiles/liaocheng.yaml:42 versions[0].rules[3].period.amount:
// expected a positive integer" — every problem of every file at once, so one run shows them all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { fieldPath, issuesOf, profileSchema } from './profile-schema.ts';
import type { Profile } from './rules.ts';

/** The file naming the profiles in the order the product lists them (national first). */
export const INDEX_FILE = 'index.yaml';

export class ProfileFileError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`rule profiles are invalid (规则配置文件有误):\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.problems = problems;
    this.name = 'ProfileFileError';
  }
}

/** A parsed YAML file: its data and where each field is. */
interface SourceFile {
  name: string;
  doc: Document;
  lines: LineCounter;
}

const lineAt = (file: SourceFile, node: unknown): number | undefined =>
  isNode(node) && node.range ? file.lines.linePos(node.range[0]).line : undefined;

/**
 * The line of a field: the line of its key (or list item); for a field that is missing, the line
 * of the nearest enclosing one that exists.
 */
export function lineOf(file: SourceFile, path: readonly PropertyKey[]): number {
  let node: unknown = file.doc.contents;
  let line = lineAt(file, node) ?? 1;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      if (!pair) break;
      line = lineAt(file, pair.key) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number' && node.items[key] !== undefined) {
      node = node.items[key];
      line = lineAt(file, node) ?? line;
    } else break;
  }
  return line;
}

function where(file: SourceFile, path: readonly PropertyKey[]): string {
  const field = fieldPath(path);
  return `${file.name}:${lineOf(file, path)}${field ? ` ${field}` : ''}`;
}

/** Parses one YAML text; syntax errors (and duplicate keys) are problems with their line. */
export function parseYaml(name: string, text: string, problems: string[]): SourceFile | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  if (doc.errors.length) {
    for (const e of doc.errors) problems.push(`${name}:${lines.linePos(e.pos[0]).line} ${e.message.split('\n')[0]}`);
    return undefined;
  }
  return { name, doc, lines };
}

/** Validates one profile file's data; the problems name the file, the line and the field. */
export function validateProfileFile(file: SourceFile, problems: string[]): Profile | undefined {
  const parsed = profileSchema.safeParse(file.doc.toJS());
  if (!parsed.success) {
    for (const issue of issuesOf(parsed.error)) problems.push(`${where(file, issue.path)}: ${issue.message}`);
    return undefined;
  }
  return parsed.data;
}

const indexSchema = z.strictObject({ profiles: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/)).min(1) });

/**
 * Every profile of a folder, in the order of its index.yaml, each validated; then the checks across
 * files: the index and the files agree, a file is named by its profile's id, the parent exists and
 * comes first. Throws ProfileFileError listing every problem.
 */
export function loadProfiles(dir: string): Profile[] {
  const display = (f: string) => {
    const rel = relative(process.cwd(), join(dir, f));
    return rel.startsWith('..') ? join(dir, f) : rel;
  };
  const problems: string[] = [];
  const indexName = display(INDEX_FILE);
  if (!existsSync(join(dir, INDEX_FILE))) throw new ProfileFileError([`${indexName}: missing (it lists the profile files in order)`]);
  const index = parseYaml(indexName, readFileSync(join(dir, INDEX_FILE), 'utf8'), problems);
  if (!index) throw new ProfileFileError(problems);
  const parsedIndex = indexSchema.safeParse(index.doc.toJS());
  if (!parsedIndex.success) throw new ProfileFileError(issuesOf(parsedIndex.error).map((i) => `${where(index, i.path)}: ${i.message}`));
  const ids = parsedIndex.data.profiles;

  const onDisk = readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== INDEX_FILE);
  for (const f of onDisk) {
    if (!ids.includes(basename(f, '.yaml'))) problems.push(`${display(f)}: not listed in ${indexName} (add its id where it belongs in the list)`);
  }

  const profiles: Profile[] = [];
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    if (seen.has(id)) problems.push(`${where(index, ['profiles', i])}: ${id} is listed twice`);
    seen.set(id, i);
    const name = `${id}.yaml`;
    if (!onDisk.includes(name)) {
      problems.push(`${where(index, ['profiles', i])}: no file ${display(name)}`);
      return;
    }
    const file = parseYaml(display(name), readFileSync(join(dir, name), 'utf8'), problems);
    const profile = file && validateProfileFile(file, problems);
    if (!file || !profile) return;
    if (profile.id !== id) problems.push(`${where(file, ['id'])}: the file ${name} must hold the profile ${id}, not ${profile.id}`);
    // a parent is listed before its overlays, so the chain a lookup walks always ends at the baseline
    if (profile.parent !== null && !ids.slice(0, i).includes(profile.parent)) {
      problems.push(`${where(file, ['parent'])}: unknown profile ${profile.parent}${ids.includes(profile.parent) ? ` (it must come before ${id} in ${indexName})` : ''}`);
    }
    profiles.push(profile);
  });
  if (problems.length) throw new ProfileFileError(problems);
  return profiles;
}
