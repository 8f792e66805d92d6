// The FEEL semantics the builders reproduce, so a builder answers exactly what the expression it
// replaced did. Lists and objects arrive as values (Camunda 8) or as JSON strings (Operaton).
import { variableAt, type Variables } from '../declared-data.ts';

/** `name = true`: false for false or a missing variable, null when the value is not a boolean (not comparable). */
export function equalsTrue(variables: Variables, name: string): boolean | null {
  const value = variableAt(variables, name);
  if (value === null) return false;
  return typeof value === 'boolean' ? value : null;
}

/** `item.field`: a context's entry (null if absent), mapped over a list, null for anything else. */
function pathOf(item: unknown, field: string): unknown {
  if (Array.isArray(item)) return item.map((i) => pathOf(i, field));
  if (item === null || typeof item !== 'object') return null;
  return (item as Record<string, unknown>)[field] ?? null;
}

/** `for item in name return item.field`: null unless the variable is a list. */
export function fieldOfEach(variables: Variables, name: string, field: string): unknown[] | null {
  const list = variableAt(variables, name);
  return Array.isArray(list) ? list.map((item) => pathOf(item, field)) : null;
}
