// Evaluates a FEEL expression ("=…", as the diagrams had them before the move) with a FEEL interpreter, so a test can prove that
// data a diagram now declares (declared-data.ts) equals what the expression it replaced produced.
import { evaluate } from 'feelin';

export function feelValue(expression: string, variables: Record<string, unknown>): unknown {
  const source = expression.startsWith('=') ? expression.slice(1) : expression;
  // feelin answers { value, warnings } in newer versions, the bare value in older ones
  const result = evaluate(source, variables) as unknown;
  return result !== null && typeof result === 'object' && 'value' in (result as object) && 'warnings' in (result as object) ? (result as { value: unknown }).value : result;
}
