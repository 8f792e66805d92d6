// Data a diagram declares on a task instead of computing it in an expression language, so the same
// diagram means the same thing on any engine and an analyst fills it in a form (element templates):
//   data = "=name"          the whole data is the variable `name` (an object; fields below lay over it)
//   data.<path> = "=name"   the process variable `name` (a dot path reads into an object variable;
//                           an object or list that arrived as a JSON string is read as one)
//   data.<path> = "text"    a literal ("==text" for a literal that starts with "=")
//   dataBuilder = "<name>"  a named TypeScript builder (data-builders/) for data that needs logic:
//                           lists to reshape, conditions, formatting
// Paths nest (data.judgment.kind); numeric segments make lists (data.documents.0). Headers are the
// task's extension properties (camunda:property).
import { InputError } from '../errors.ts';
import { dataBuilders } from './data-builders/index.ts';
import { variableAt, type DataBuilder, type Variables } from './variable-values.ts';

export type { DataBuilder, Variables };

const DATA_PREFIX = 'data.';
export const DATA_BUILDER_HEADER = 'dataBuilder';
const DATA_WHOLE = 'data';

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
  return Object.keys(headers).some((k) => k.startsWith(DATA_PREFIX) || k === DATA_BUILDER_HEADER || k === DATA_WHOLE);
}

/** The data the headers declare, from the job's variables (the builder first, declared fields over it). */
export function declaredData(headers: Record<string, string>, variables: Variables, builders: Record<string, DataBuilder> = dataBuilders): Record<string, unknown> | null {
  const builderName = headers[DATA_BUILDER_HEADER];
  let data: Record<string, unknown> = {};
  if (headers[DATA_WHOLE] !== undefined) {
    const whole = resolve(headers[DATA_WHOLE], variables);
    const onlyWhole = !builderName && !Object.keys(headers).some((k) => k.startsWith(DATA_PREFIX));
    // as the expression `=name` did: a missing variable is null
    if (whole === null && onlyWhole) return null;
    if (whole !== null && typeof whole === 'object' && !Array.isArray(whole)) data = { ...(whole as Record<string, unknown>) };
  }
  if (builderName) {
    const builder = builders[builderName];
    if (!builder) throw new InputError([{ field: `headers.${DATA_BUILDER_HEADER}`, message: `没有名为「${builderName}」的数据构造器 / no data builder "${builderName}"` }]);
    data = { ...data, ...builder(variables) };
  }
  for (const [key, raw] of Object.entries(headers).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) {
    if (!key.startsWith(DATA_PREFIX) || key.length === DATA_PREFIX.length) continue;
    setPath(data, key.slice(DATA_PREFIX.length).split('.'), resolve(raw, variables));
  }
  return data;
}
