// Which hearing of the case a 出庭应诉 instance is, and what the court has told about it. Every
// hearing keeps its own deadlines under its key (trigger key hearingAt:<hearingKey>): the level's
// first hearing is the level itself (first, second, retrial), a later hearing at the same level
// level_n (first_2). The case life cycle counts the hearings of a level (hearingNumber, 1 for the
// first); the hearing process names itself from the count and tells the life cycle the next number.
// These were FEEL expressions on case-lifecycle cl_hearing_call / cl_next_hearing and on hearing
// h_stage / h_decide; each function answers what the expression did, null for null.
import { parsedValue } from '../workers/variable-values.ts';

export interface HearingKeyInput {
  /** a key the caller gave (retrial: "retrial"); wins over the count */
  hearingKey?: unknown;
  /** the court level: first, second or retrial */
  level?: unknown;
  /** the case life cycle's count of hearings at this level (1 = the first) */
  hearingNumber?: unknown;
}

const isNull = (value: unknown) => value === null || value === undefined;

/**
 * The key of this hearing: the given key; else the level for the level's first hearing (no count or
 * a count ≤ 1) and level_n for the n-th; else "first". Was, composed:
 * `if hearingNumber = null or hearingNumber <= 1 then level else level + "_" + string(hearingNumber)`
 * (the caller) then `if hearingKey != null then hearingKey else if level != null then level else "first"`.
 */
export function hearingKeyOf({ hearingKey, level, hearingNumber }: HearingKeyInput): unknown {
  if (!isNull(hearingKey)) return hearingKey;
  const counted = isNull(hearingNumber) || (typeof hearingNumber === 'number' && hearingNumber <= 1) ? level : typeof level === 'string' ? `${level}_${String(hearingNumber)}` : null;
  if (!isNull(counted)) return counted;
  return isNull(level) ? 'first' : level;
}

/** The count of the level's next hearing. Was `if hearingNumber = null then 2 else hearingNumber + 1` (null for a count that is not a number). */
export function nextHearingNumberOf(hearingNumber: unknown): number | null {
  if (isNull(hearingNumber)) return 2;
  return typeof hearingNumber === 'number' ? hearingNumber + 1 : null;
}

/**
 * Whether the court's written notice requires the principal head (法释〔2020〕3号 Art. 4, 5): true only
 * for the value true, as FEEL `principalHeadRequiredByCourt = true` (a missing variable is false).
 * A `courtNotice` object ({principalHeadRequired}), which callers passed before, still counts.
 */
export function courtRequiresPrincipalHead(principalHeadRequiredByCourt: unknown, courtNotice?: unknown): boolean {
  if (principalHeadRequiredByCourt === true) return true;
  const notice = parsedValue(courtNotice);
  return notice !== null && typeof notice === 'object' && (notice as Record<string, unknown>).principalHeadRequired === true;
}
