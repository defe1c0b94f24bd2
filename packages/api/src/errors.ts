import { TRPCError } from '@trpc/server';

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
