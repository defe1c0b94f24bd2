import { addAttempts, throttleKey } from '@carhub/api';
import { type Database, isDatabaseUnavailable } from '@carhub/db';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { coalescedCounter } from './coalesced-count';
import { sendRefusal } from './error-reply';

/** The most calls one /trpc batch may carry (tRPC refuses more too; the SDK splits larger bursts). */
export const MAX_BATCH_SIZE = 10;

const WINDOW_SECONDS = 60;

/** What a request costs: a /trpc batch of N calls counts as N, anything else under /api or /trpc as 1. */
export function requestCost(request: FastifyRequest): number {
  const path = request.url.split('?', 1)[0] ?? '';
  if (path.startsWith('/trpc/')) return path.slice('/trpc/'.length).split(',').length;
  return path.startsWith('/api/') ? 1 : 0;
}

/**
 * While the server is busy, the limiter's statements start at most this often (ms): under load
 * one statement counts the calls of many requests, at the price of up to this much latency.
 */
export const STATEMENT_SPACING_MS = 5;

/**
 * Calls per client address per minute over /trpc and /api, counted in PostgreSQL like the
 * login throttle (so every instance shares one count), a batch by its number of calls, so a
 * flood of batches is refused after as many calls as single requests would be. A batch over
 * MAX_BATCH_SIZE is refused before anything else. Health checks (/healthz, /readyz) are
 * never counted. If the database can't count, the request goes on (and meets the database's
 * own 503); an uncountable request is never a 500. Requests arriving together share one
 * statement whatever their addresses (coalescedCounter), spaced while `busy()` says others
 * are being answered, so a burst neither queues on a row's lock nor costs a statement per
 * request; that statement commits without waiting for its WAL flush (addAttempts' asyncCommit).
 */
export function registerRequestLimiter(
  app: FastifyInstance,
  db: Database,
  perMinute: number,
  busy: () => boolean,
): void {
  const count = coalescedCounter((costs) => addAttempts(db, costs, WINDOW_SECONDS, { asyncCommit: true }), {
    spacingMs: STATEMENT_SPACING_MS,
    busy,
  });
  // Each address's hashed key, kept for the addresses seen lately: a sha256 a request was ~1 % of a small one's CPU.
  const keys = new Map<string, string>();
  const keyOf = (ip: string) => {
    let key = keys.get(ip);
    if (key === undefined) {
      if (keys.size >= 10_000) keys.clear();
      key = throttleKey('api', ip);
      keys.set(ip, key);
    }
    return key;
  };
  app.addHook('onRequest', async (request, reply) => {
    const cost = requestCost(request);
    if (cost === 0) return;
    if (cost > MAX_BATCH_SIZE) {
      return sendRefusal(request, reply, 'BAD_REQUEST', `A batch may carry at most ${MAX_BATCH_SIZE} calls.`);
    }
    if (perMinute <= 0) return;
    let wait: number | null;
    try {
      const counted = await count(keyOf(request.ip), cost);
      wait = counted && counted.attempts > perMinute ? Math.max(1, counted.retryAfter) : null;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) request.log.warn({ err: error }, 'request limiter could not count');
      return;
    }
    if (wait !== null) {
      return sendRefusal(request, reply, 'TOO_MANY_REQUESTS', `Too many requests. Try again in ${wait} seconds.`, wait);
    }
  });
}
