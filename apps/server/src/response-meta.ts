import { AppError } from '@carhub/api';
import type { TRPCError } from '@trpc/server';

/**
 * `responseMeta` for both adapters (/trpc and /api): an AppError that says when to retry
 * becomes a Retry-After header. Headers go out as a plain object because the REST adapter
 * copies them with Object.entries, which sees nothing in a `Headers` instance.
 */
export function responseMeta({ errors }: { errors: readonly TRPCError[] }): { headers?: Record<string, string> } {
  let retryAfter: number | undefined;
  for (const error of errors) {
    const seconds = error.cause instanceof AppError ? error.cause.retryAfter : undefined;
    // A batch that failed more than once waits for the slowest limit.
    if (seconds !== undefined && (retryAfter === undefined || seconds > retryAfter)) retryAfter = seconds;
  }
  return retryAfter === undefined ? {} : { headers: { 'retry-after': String(Math.ceil(retryAfter)) } };
}
