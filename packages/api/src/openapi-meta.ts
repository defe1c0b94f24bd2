import type { OpenApiMeta } from 'trpc-to-openapi';

/**
 * The adapter's own meta type: `generateOpenApiDocument` and the REST plugin only accept a
 * router whose meta matches it, so a hand-written copy would drift from what they read.
 */
export type { OpenApiMeta };

/**
 * What each error status means on REST, said once so every operation describes it alike.
 * The adapter keys its error schemas by status, so two wordings for one status would clash.
 */
export const errorStatusDescriptions = {
  400: 'Invalid input (messages per field in data.fieldErrors)',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests (wait the seconds in Retry-After)',
  500: 'Internal server error',
} as const;

export type ErrorStatus = keyof typeof errorStatusDescriptions;

/**
 * `meta.openapi.errorResponses` for a procedure: the statuses it can answer besides 200.
 * Without it the adapter guesses (401/403 on every route, never 409 or 429). 400 and 500
 * are always possible: any input can be malformed and anything can fail unexpectedly.
 */
export function errorResponses(...statuses: ErrorStatus[]): Record<number, string> {
  const all = [...new Set<ErrorStatus>([400, ...statuses, 500])].sort((a, b) => a - b);
  return Object.fromEntries(all.map((status) => [status, errorStatusDescriptions[status]]));
}
