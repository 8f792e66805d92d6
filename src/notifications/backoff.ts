// Exponential back-off between delivery attempts of one outbox row.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/** Delay before the next attempt after `attemptsMade` failed attempts (1 → base, 2 → 2×base, …, capped). */
export function retryDelayMs(attemptsMade: number, policy: BackoffPolicy): number {
  const exponent = Math.max(0, attemptsMade - 1);
  // 2 ** 60 would overflow the useful range long before the cap matters
  const delay = policy.baseMs * 2 ** Math.min(exponent, 40);
  return Math.min(delay, policy.maxMs);
}

/** The whole retry span (sum of the delays) for a row that fails every attempt. */
export function totalRetrySpanMs(maxAttempts: number, policy: BackoffPolicy): number {
  let total = 0;
  for (let attempt = 1; attempt < maxAttempts; attempt++) total += retryDelayMs(attempt, policy);
  return total;
}
