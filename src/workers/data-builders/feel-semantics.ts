// The FEEL semantics the builders reproduce, so a builder answers exactly what the expression it
// replaced did. Lists and objects arrive as values (Camunda 8) or as JSON strings (Operaton).
import { variableAt, type Variables } from '../declared-data.ts';

/** `name = true`: false for false or a missing variable, null when the value is not a boolean (not comparable). */
export function equalsTrue(variables: Variables, name: string): boolean | null {
  const value = variableAt(variables, name);
  if (value === null) return false;
  return typeof value === 'boolean' ? value : null;
}
