import { createHash } from 'node:crypto';
import type { Database, DB } from '@carhub/db';
import { sql, type Transaction } from 'kysely';
import superjson from 'superjson';
import { z } from 'zod';
import type { Auth } from '../../context';
import { AppError } from '../../errors';
import type { OpenApiMeta } from '../../openapi-meta';

/**
 * Idempotency-Key on creates: the same key from the same caller with the same input within
 * 24 hours answers the first result again and creates nothing. The record is written in the
 * transaction of the create itself (see trpc.ts), so a crash can't leave one without the other.
 */

export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
/** How long a key's record replays (and is kept: the worker's pruner deletes it after). */
export const IDEMPOTENCY_RETENTION = sql`interval '24 hours'`;

/** The header as the OpenAPI document declares it on every create. */
export const idempotencyKeyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(IDEMPOTENCY_KEY_MAX_LENGTH)
    .optional()
    .meta({
      description:
        'Makes the create safe to retry: the same key with the same input within 24 hours answers the first ' +
        'result again and creates nothing; with another input it is 409, and 409 with Retry-After while the ' +
        'first call is still running. Any string of 1 to 255 characters, e.g. a UUID.',
    }),
});

export function isIdempotent(meta: OpenApiMeta | undefined): boolean {
  return meta?.idempotent === true;
}

/** 400 for a key of more than 255 characters or an empty one. */
export function checkIdempotencyKey(key: string): string {
  if (key.length === 0 || key.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
    throw new AppError(
      'BAD_REQUEST',
      `The Idempotency-Key header must be 1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} characters.`,
    );
  }
  return key;
}

/** Whose keys these are: a person (any of their sessions), or one API key. */
export function principalOf(auth: Auth): string {
  return auth.apiKey ? `key:${auth.apiKey.id}` : `user:${auth.user.id}`;
}

async function canonical(value: unknown): Promise<unknown> {
  if (value instanceof FormData) {
    const entries: Array<[string, unknown]> = [];
    for (const [name, entry] of value.entries()) entries.push([name, await canonical(entry)]);
    return { formData: entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
  }
  if (value instanceof Blob) {
    const digest = createHash('sha256')
      .update(new Uint8Array(await value.arrayBuffer()))
      .digest('hex');
    return { blob: digest, type: value.type, name: value instanceof File ? value.name : null };
  }
  if (value instanceof Date) return { date: value.toISOString() };
  if (Array.isArray(value)) return Promise.all(value.map(canonical));
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const entry = (value as Record<string, unknown>)[key];
      if (entry !== undefined) out[key] = await canonical(entry);
    }
    return out;
  }
  return value;
}

/** A hash of the call (procedure and input, keys in any order, files by their bytes). */
export async function inputFingerprint(path: string, rawInput: unknown): Promise<string> {
  const body = JSON.stringify({ path, input: await canonical(rawInput) });
  return createHash('sha256').update(body).digest('hex');
}

/**
 * The transaction handed to a create that runs under a key: its own `db.transaction()` calls
 * join this one instead of opening another, so what it writes and the key's record commit
 * together or not at all.
 */
export function sharedTransaction(trx: Transaction<DB>): Database {
  const nested = {
    execute: <T>(fn: (t: Database) => Promise<T>): Promise<T> => fn(shared),
    setIsolationLevel: () => nested,
    setAccessMode: () => nested,
  };
  const shared = new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => nested;
      const value = Reflect.get(target, property, target);
      // Kysely keeps its state in private fields: methods must run on the real object.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as unknown as Database;
  return shared;
}

export interface IdempotencyClaim {
  principal: string;
  key: string;
  path: string;
  inputHash: string;
}

/**
 * Takes the key for this transaction. The first response when the key was used with this same
 * input (replay it); null when the call is new (run it, then `recordResponse`). 409 when the key
 * went with another input, and 409 to retry while another call holds it (a try-lock, so a
 * retry storm never queues behind the first call).
 */
export async function claimIdempotencyKey(trx: Database, claim: IdempotencyClaim): Promise<{ body: unknown } | null> {
  const { rows } = await sql<{ locked: boolean }>`
    select pg_try_advisory_xact_lock(hashtextextended(${`${claim.principal}\n${claim.key}`}, 0)) as locked`.execute(
    trx,
  );
  if (!rows[0]?.locked) {
    throw new AppError('CONFLICT', 'A request with this Idempotency-Key is still running: retry in a moment.', {
      retryAfter: 1,
    });
  }
  const prior = await trx
    .selectFrom('idempotencyKeys')
    .select(['inputHash', 'response'])
    .where('principal', '=', claim.principal)
    .where('key', '=', claim.key)
    .where('createdAt', '>', sql<Date>`now() - ${IDEMPOTENCY_RETENTION}`)
    .executeTakeFirst();
  if (!prior) return null;
  if (prior.inputHash !== claim.inputHash) {
    throw new AppError(
      'CONFLICT',
      'This Idempotency-Key was already used with a different input: use a new key for a new request.',
    );
  }
  return { body: superjson.parse(prior.response) };
}

/** Records the first response; an expired record of the same key (not yet pruned) is replaced. */
export async function recordResponse(
  trx: Database,
  claim: IdempotencyClaim & { userId: string },
  body: unknown,
): Promise<void> {
  const values = {
    principal: claim.principal,
    key: claim.key,
    userId: claim.userId,
    path: claim.path,
    inputHash: claim.inputHash,
    status: 200,
    response: superjson.stringify(body),
  };
  const result = await trx
    .insertInto('idempotencyKeys')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['principal', 'key'])
        .doUpdateSet({ ...values, createdAt: sql<Date>`now()` })
        .where('idempotencyKeys.createdAt', '<=', sql<Date>`now() - ${IDEMPOTENCY_RETENTION}`),
    )
    .executeTakeFirst();
  // A live record appeared after all (the claim's lock should make that impossible): this
  // call's create must not commit beside it.
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) {
    throw new AppError(
      'CONFLICT',
      'A request with this Idempotency-Key was answered meanwhile: retry to get its answer.',
      {
        retryAfter: 1,
      },
    );
  }
}
