// The FEEL semantics the builders reproduce, so a builder answers exactly what the expression it
// replaced did. Lists and objects arrive as values or as JSON strings (as the engine holds them).
import { variableAt, type Variables } from '../variable-values.ts';

/** FEEL `for x in list return f(x)`: null unless the value is a list. */
export function forEachOf<T>(list: unknown, f: (item: unknown) => T): T[] | null {
  return Array.isArray(list) ? list.map(f) : null;
}

/** FEEL `item.field`: a context's entry (null if absent), projected over a list, null for anything else. */
export function entryOf(item: unknown, field: string): unknown {
  if (Array.isArray(item)) return item.map((i) => entryOf(i, field));
  if (item === null || typeof item !== 'object') return null;
  return (item as Record<string, unknown>)[field] ?? null;
}

/** FEEL `for item in name return item.field`. */
export function fieldOfEach(variables: Variables, name: string, field: string): unknown[] | null {
  return forEachOf(variableAt(variables, name), (item) => entryOf(item, field));
}

/** FEEL `for item in list return {f1: item.f1, …}`: a field an item lacks is null. */
export function projectEach(list: unknown, fields: readonly string[]): Record<string, unknown>[] | null {
  return forEachOf(list, (item) => Object.fromEntries(fields.map((f) => [f, item !== null && typeof item === 'object' && !Array.isArray(item) ? ((item as Record<string, unknown>)[f] ?? null) : null])));
}

/** FEEL `value = true`: null is false, a boolean itself, anything else cannot be compared (null). */
export function isTrue(value: unknown): boolean | null {
  if (value === null || value === undefined) return false;
  return typeof value === 'boolean' ? value : null;
}

/** FEEL `name = true` on a variable. */
export function equalsTrue(variables: Variables, name: string): boolean | null {
  return isTrue(variableAt(variables, name));
}

/** FEEL substring(value, start, length) for a start ≥ 1: 1-based, by code point; null if not a string. */
export function substring(value: unknown, start: number, length: number): string | null {
  if (typeof value !== 'string') return null;
  return Array.from(value).slice(start - 1, start - 1 + length).join('');
}

/** FEEL `{field: variable, …}`: each field the variable's value, null when it is missing. */
export function fieldsFrom(variables: Variables, fields: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([field, name]) => [field, variableAt(variables, name)]));
}
