// The engine REST API's typed variables ({value, type}) to and from plain values. Objects and
// lists become JSON strings: the engine app ships no JSON variable type (no Spin).

export interface TypedValue {
  value: unknown;
  type: string;
  valueInfo?: Record<string, unknown>;
}

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/** The engine's REST date format: 2026-03-02T09:00:00.000+0800. */
export function engineDate(date: Date, offsetMinutes = 480): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
  return `${local.toISOString().slice(0, 23)}${offset}`;
}

/** The engine keeps a String variable in a 4,000-character column; longer text travels as Bytes (UTF-8). */
const STRING_LIMIT = 4000;

function text(value: string): TypedValue {
  return value.length <= STRING_LIMIT ? { value, type: 'String' } : { value: Buffer.from(value, 'utf8').toString('base64'), type: 'Bytes' };
}

export function toTypedValue(value: unknown): TypedValue {
  if (value === null || value === undefined) return { value: null, type: 'Null' };
  if (typeof value === 'string') return text(value);
  if (typeof value === 'boolean') return { value, type: 'Boolean' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`variable value ${value} is not a finite number`);
    if (Number.isInteger(value)) return { value, type: value >= INT_MIN && value <= INT_MAX ? 'Integer' : 'Long' };
    return { value, type: 'Double' };
  }
  if (typeof value === 'bigint') return { value: Number(value), type: 'Long' };
  if (value instanceof Date) return { value: engineDate(value), type: 'Date' };
  return text(JSON.stringify(value));
}

export function toTypedVariables(variables: Record<string, unknown> | undefined): Record<string, TypedValue> {
  const typed: Record<string, TypedValue> = {};
  for (const [name, value] of Object.entries(variables ?? {})) {
    if (value !== undefined) typed[name] = toTypedValue(value);
  }
  return typed;
}

export function fromTypedVariables(typed: Record<string, TypedValue> | undefined): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(typed ?? {})) {
    plain[name] = v.type === 'Null' ? null : v.type === 'Bytes' && typeof v.value === 'string' ? Buffer.from(v.value, 'base64').toString('utf8') : v.value;
  }
  return plain;
}
