import { createHash } from 'node:crypto';
import type { Database } from '@carhub/db';
import { sql } from 'kysely';
import { AppError } from '../../errors';

/**
 * Attempt counting shared by every server instance (the count lives in the database). Each
 * call counts before any expensive work (password hashing), atomically, so 50 calls arriving
 * together in one batch count as 50. A fixed window per key.
 */
export interface ThrottleRule {
  limit: number;
  windowSeconds: number;
}

/**
 * Failed logins. Per account (identifier) from one IP, so a stranger guessing at a known
 * account from elsewhere can't lock its owner out; per IP, so one address can't walk through
 * many accounts. A success resets the account's count and is refunded to the IP's, so an
 * office behind one address is never locked out by its own successful sign-ins.
 */
export const loginThrottle = {
  perIdentifierAndIp: { limit: 10, windowSeconds: 15 * 60 },
  perIp: { limit: 60, windowSeconds: 15 * 60 },
} as const satisfies Record<string, ThrottleRule>;

/** Sign-ups per IP: accounts are cheap to make and expensive to clean up. */
export const signupThrottle = {
  perIp: { limit: 20, windowSeconds: 60 * 60 },
} as const satisfies Record<string, ThrottleRule>;

/** Keys are hashed: the table holds no e-mail addresses or usernames. */
export function throttleKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

/**
 * Counts `cost` attempts (a tRPC batch of N calls costs N); returns the seconds to wait when
 * the limit is passed, else null.
 */
export async function countAttempt(db: Database, key: string, rule: ThrottleRule, cost = 1): Promise<number | null> {
  const row = (await addAttempts(db, new Map([[key, cost]]), rule.windowSeconds)).get(key);
  if (!row || row.attempts <= rule.limit) return null;
  return Math.max(1, row.retryAfter);
}

export interface Counted {
  /** The key's count once the statement's attempts were added. */
  attempts: number;
  /** Seconds until the key's window ends. */
  retryAfter: number;
}

/**
 * Adds each key's attempts to its window (a new one when it has passed), all keys in one
 * statement: each key's count after, and the seconds left. Rows are locked in key order, so
 * two such statements (another instance's) wait for each other instead of deadlocking.
 * `asyncCommit` (the request limiter, a statement of its own every few milliseconds) commits
 * without waiting for the WAL flush: other instances see the count at once, as with any
 * commit, and only a crash of PostgreSQL itself could lose the last fraction of a second of
 * counts. Never inside a transaction: the setting would cover the whole transaction.
 */
export async function addAttempts(
  db: Database,
  costs: ReadonlyMap<string, number>,
  windowSeconds: number,
  options: { asyncCommit?: boolean } = {},
): Promise<Map<string, Counted>> {
  const window = `${windowSeconds} seconds`;
  // set_config(..., true) lasts until the statement's own (implicit) transaction commits.
  const commit = options.asyncCommit ? sql`, set_config('synchronous_commit', 'off', true) as "asyncCommit"` : sql``;
  const { rows } = await sql<Counted & { key: string }>`
    insert into login_throttle as t (key, window_start, attempts)
    select c.key, now(), c.cost from unnest(${[...costs.keys()]}::text[], ${[...costs.values()]}::int[]) as c (key, cost)
    order by c.key
    on conflict (key) do update set
      attempts = case when t.window_start <= now() - ${window}::interval then excluded.attempts else t.attempts + excluded.attempts end,
      window_start = case when t.window_start <= now() - ${window}::interval then now() else t.window_start end
    returning key, attempts,
      ceil(extract(epoch from (window_start + ${window}::interval - now())))::int as "retryAfter"${commit}`.execute(db);
  return new Map(rows.map((row) => [row.key, { attempts: row.attempts, retryAfter: row.retryAfter }]));
}

export async function resetAttempts(db: Database, key: string): Promise<void> {
  await db.deleteFrom('loginThrottle').where('key', '=', key).execute();
}

/** Takes back one attempt counted before the outcome was known (a login that succeeded). */
export async function refundAttempt(db: Database, key: string): Promise<void> {
  await sql`update login_throttle set attempts = greatest(attempts - 1, 0) where key = ${key}`.execute(db);
}

/** Counts against every rule; throws 429 with Retry-After when any is exhausted. */
export async function enforceThrottle(db: Database, checks: Array<{ key: string; rule: ThrottleRule }>): Promise<void> {
  let wait = 0;
  for (const { key, rule } of checks) {
    wait = Math.max(wait, (await countAttempt(db, key, rule)) ?? 0);
  }
  if (wait > 0) {
    throw new AppError('TOO_MANY_REQUESTS', `Too many attempts. Try again in ${wait} seconds.`, { retryAfter: wait });
  }
}
