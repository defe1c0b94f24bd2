export interface BackoffPolicy {
  /** Delay before the second attempt; each later one doubles it. */
  baseMs: number;
  /** No wait grows past this. */
  capMs: number;
}

/** With the defaults, ten attempts span about an hour and a half. */
export const defaultBackoff: BackoffPolicy = { baseMs: 5_000, capMs: 60 * 60_000 };

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries
 * from many deliveries that failed together spread out instead of arriving in waves, while
 * each wait still grows. `attempt` is the number of attempts made so far (1 after the first).
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy = defaultBackoff, random = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const full = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.round(full / 2 + (full / 2) * random());
}
