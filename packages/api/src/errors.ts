import { isPgError, PgErrorCode } from '@carhub/db';
import { TRPCError } from '@trpc/server';
import type { ZodError, z } from 'zod';

/**
 * The one application error. Domain code throws it with a code from this union; the base
 * procedure (trpc.ts) turns it into the matching tRPC error, and so into the HTTP status
 * DESIGN.md promises. Anything else that escapes a resolver is a 500 whose message is hidden.
 */
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_REQUESTS';

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

/** Parses input outside tRPC (plain routes) with tRPC's answer to bad input: 400 with per-field messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
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
  if (isPgError(error, PgErrorCode.deadlockDetected) || isPgError(error, PgErrorCode.serializationFailure)) {
    return new AppError('CONFLICT', 'Another request changed the same data at the same moment; try again.', {
      cause: error,
    });
  }
  return undefined;
}
