import { isDatabaseUnavailable, isPgError, PgErrorCode } from '@carhub/db';
import { TRPCError } from '@trpc/server';
import type { ZodError, z } from 'zod';

/**
 * The one application error. Domain code throws it with a code from this union; the base
 * procedure (trpc.ts) turns it into the matching tRPC error, and so into the HTTP status
 * the REST contract promises. Anything else that escapes a resolver is a 500 whose message is hidden.
 */
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE';

export interface AppErrorOptions {
  /** Per-field messages for a 400 that is about particular inputs. */
  fieldErrors?: Record<string, string[]>;
  /** Seconds before a retry may succeed (429); becomes the Retry-After header. */
  retryAfter?: number;
  cause?: unknown;
}

export class AppError extends Error {
  override name = 'AppError';
  readonly code: AppErrorCode;
  readonly fieldErrors: Record<string, string[]> | undefined;
  readonly retryAfter: number | undefined;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.fieldErrors = options.fieldErrors;
    this.retryAfter = options.retryAfter;
  }
}

export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: error.code, message: error.message, cause: error });
}

/** The AppError behind a tRPC error, if any (the formatter reads its extra fields). */
export function appErrorOf(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof TRPCError && error.cause instanceof AppError) return error.cause;
  return undefined;
}

/** Per-field messages from zod, keyed by the dotted path of the field (`''` for the whole input). */
export function zodFieldErrors(error: ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.');
    fields[key] = [...(fields[key] ?? []), issue.message];
  }
  return fields;
}

const NUL_MESSAGE = 'Text must not contain NUL characters.';

/** Values whose insides are not the caller's text: instants, file bytes. */
function isOpaque(value: object): boolean {
  return value instanceof Date || value instanceof Blob || ArrayBuffer.isView(value) || value instanceof ArrayBuffer;
}

/**
 * PostgreSQL's text can't hold the NUL character: a query given one fails (a 500 were it let
 * through), whether it stores the value or only compares with it. So no input may carry one in
 * any string, at any depth: a 400 naming the field, checked once for every procedure (trpc.ts)
 * and every plain route (parseInput). Files in a FormData are bytes, not text, and pass.
 */
export function assertNoNulCharacters(input: unknown): void {
  const fields: Record<string, string[]> = {};
  const walk = (value: unknown, path: string[]) => {
    if (typeof value === 'string') {
      if (value.includes('\u0000')) fields[path.join('.')] = [NUL_MESSAGE];
    } else if (value instanceof FormData) {
      for (const [key, entry] of value.entries()) walk(entry, [...path, key]);
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, [...path, String(i)]);
    } else if (value !== null && typeof value === 'object' && !isOpaque(value)) {
      for (const [key, entry] of Object.entries(value)) walk(entry, [...path, key]);
    }
  };
  walk(input, []);
  if (Object.keys(fields).length > 0) throw new AppError('BAD_REQUEST', NUL_MESSAGE, { fieldErrors: fields });
}

/** Parses input outside tRPC (plain routes) with tRPC's answer to bad input: 400 with per-field messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  assertNoNulCharacters(input);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors = zodFieldErrors(result.error);
  const message = Object.values(fieldErrors).flat().join(' ') || 'Invalid input.';
  throw new AppError('BAD_REQUEST', message, { fieldErrors });
}

/**
 * A database error that says "try again", not "this is broken": a deadlock the server broke
 * (40P01) or a serialization failure (40001) under concurrent requests. The caller gets a 409
 * with a message to retry, not a 500; nothing was changed, the transaction rolled back.
 */
export function retryableConflict(error: unknown): AppError | undefined {
  if (isRetryableDatabaseError(error)) {
    return new AppError('CONFLICT', 'Another request changed the same data at the same moment; try again.', {
      cause: error,
    });
  }
  return undefined;
}

function isRetryableDatabaseError(error: unknown): boolean {
  return isPgError(error, PgErrorCode.deadlockDetected) || isPgError(error, PgErrorCode.serializationFailure);
}

/**
 * The deadlock or serialization failure behind an error the API answered with a 409 to retry,
 * if that is what it was: the server logs these (at warn), since a lock-order bug shows only so.
 */
export function retryableCauseOf(error: unknown): unknown {
  const cause = appErrorOf(error)?.cause;
  return isRetryableDatabaseError(cause) ? cause : undefined;
}

/** Seconds a client is told to wait (Retry-After) when the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/**
 * The database is unreachable, restarting, or a statement or lock timed out: a 503 with
 * Retry-After, not a 500, since the same request may well succeed in a moment.
 */
export function databaseUnavailable(error: unknown): AppError | undefined {
  if (!isDatabaseUnavailable(error)) return undefined;
  return new AppError('SERVICE_UNAVAILABLE', 'The database is unavailable right now; try again shortly.', {
    retryAfter: DATABASE_RETRY_AFTER_SECONDS,
    cause: error,
  });
}

/** The domain error an unexpected failure stands for (a 409 to retry, a 503), if any. */
export function knownFailure(error: unknown): AppError | undefined {
  return retryableConflict(error) ?? databaseUnavailable(error);
}
