// Data a diagram declares on a task instead of computing it in an expression language, so the same
// diagram means the same thing on any engine and an analyst fills it in a form (element templates):
//   data.<path> = "=name"   the process variable `name` (a dot path reads into an object variable;
//                           an object or list that arrived as a JSON string is read as one)
//   data.<path> = "text"    a literal ("==text" for a literal that starts with "=")
//   dataBuilder = "<name>"  a named TypeScript builder (data-builders/) for data that needs logic:
//                           lists to reshape, conditions, formatting
// Paths nest (data.judgment.kind); numeric segments make lists (data.documents.0). Headers are
// Camunda 8 task headers today and extension properties (camunda:property) on Operaton.
import { InputError } from '../errors.ts';
import { dataBuilders } from './data-builders/index.ts';

export type Variables = Record<string, unknown>;
export type DataBuilder = (variables: Variables) => Record<string, unknown>;

const DATA_PREFIX = 'data.';
export const DATA_BUILDER_HEADER = 'dataBuilder';

/** An object or list that an engine without a JSON type delivered as a string. */
export function parsedValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return value;
  try {
    return JSON.parse(trimmed);
  } catch {
    return value;
  }
}

/** The value of `name` or `name.sub.path` among the variables; missing is null (as in FEEL). */
export function variableAt(variables: Variables, path: string): unknown {
  let value: unknown = variables;
  for (const segment of path.split('.')) {
    value = parsedValue(value);
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[segment];
    if (value === undefined) return null;
  }
  return parsedValue(value);
}

function resolve(raw: string, variables: Variables): unknown {
  if (raw.startsWith('==')) return raw.slice(1);
  if (raw.startsWith('=')) return variableAt(variables, raw.slice(1).trim());
  return raw;
}

function setPath(target: Record<string, unknown> | unknown[], segments: string[], value: unknown): void {
  const [head, ...rest] = segments as [string, ...string[]];
  const key: string | number = /^\d+$/.test(head) ? Number(head) : head;
  if (!rest.length) {
    (target as Record<string | number, unknown>)[key] = value;
    return;
  }
  const container = target as Record<string | number, unknown>;
  if (container[key] === undefined || container[key] === null) container[key] = /^\d+$/.test(rest[0]!) ? [] : {};
  setPath(container[key] as Record<string, unknown>, rest, value);
}

export function hasDeclaredData(headers: Record<string, string>): boolean {
  return Object.keys(headers).some((k) => k.startsWith(DATA_PREFIX) || k === DATA_BUILDER_HEADER);
}

/** The data the headers declare, from the job's variables (the builder first, declared fields over it). */
export function declaredData(headers: Record<string, string>, variables: Variables, builders: Record<string, DataBuilder> = dataBuilders): Record<string, unknown> {
  const builderName = headers[DATA_BUILDER_HEADER];
  let data: Record<string, unknown> = {};
  if (builderName) {
    const builder = builders[builderName];
    if (!builder) throw new InputError([{ field: `headers.${DATA_BUILDER_HEADER}`, message: `没有名为「${builderName}」的数据构造器 / no data builder "${builderName}"` }]);
    data = builder(variables);
  }
  for (const [key, raw] of Object.entries(headers).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) {
    if (!key.startsWith(DATA_PREFIX) || key.length === DATA_PREFIX.length) continue;
    setPath(data, key.slice(DATA_PREFIX.length).split('.'), resolve(raw, variables));
  }
  return data;
}
