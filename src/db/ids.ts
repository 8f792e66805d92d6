// What the ledger's id columns accept, checked before a query so a malformed id is a 404/400 and
// never a PostgreSQL cast error (a 500): uuid columns and bigint ids.

/** A UUID as PostgreSQL's uuid type reads it (hex in 8-4-4-4-12 groups). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);

const BIGINT_MAX = 9223372036854775807n;
/** A positive decimal number that fits a bigint (bigIncrements ids). */
export const isBigintId = (value: string): boolean => /^\d{1,19}$/.test(value) && BigInt(value) <= BIGINT_MAX;
