// Reading process variables whatever their form: objects and lists arrive as values or as JSON
// strings (the engine has no JSON variable type). Imports nothing, so
// the data builders can use it without an import cycle through declared-data.ts.

export type Variables = Record<string, unknown>;
export type DataBuilder = (variables: Variables) => Record<string, unknown>;

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
