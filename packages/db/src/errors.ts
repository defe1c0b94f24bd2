/** SQLSTATE codes the application turns into answers. Checked by code: PGlite's error class name is minified. */
export const PgErrorCode = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  exclusionViolation: '23P01',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
} as const;

export type PgErrorCode = (typeof PgErrorCode)[keyof typeof PgErrorCode];

export interface PgError {
  code: string;
  constraint?: string;
  detail?: string;
}

export function isPgError(error: unknown, code?: PgErrorCode): error is PgError {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const actual = (error as { code: unknown }).code;
  return typeof actual === 'string' && /^[0-9A-Z]{5}$/.test(actual) && (code === undefined || actual === code);
}

/**
 * SQLSTATEs that mean "the database can't serve this now", not "this request is wrong":
 * connection exceptions (class 08), shutdown and start-up (57P01-57P03), too many connections,
 * a statement or lock timeout (57014, 55P03), and a session killed for idling in a transaction.
 */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300', '57014', '55P03', '25P03']);

// What node-postgres and the OS say when there is no server to talk to (no SQLSTATE then).
const UNAVAILABLE_SYSTEM_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^Query read timeout$/,
  /^timeout exceeded when trying to connect$/,
  /not queryable/,
  /^Client was closed and is not queryable$/,
];

/**
 * True when an error (or one in its cause chain, or an AggregateError's list) says the
 * database is unreachable, restarting, overloaded or timed out: worth a 503 and a retry.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const stack = [error];
  while (stack.length > 0) {
    const e = stack.pop();
    if (typeof e !== 'object' || e === null || seen.has(e)) continue;
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (/^08[0-9A-Z]{3}$/.test(code) || UNAVAILABLE_CODES.has(code) || UNAVAILABLE_SYSTEM_CODES.has(code))
        return true;
    }
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return true;
    if (e instanceof AggregateError) stack.push(...e.errors);
    stack.push((e as { cause?: unknown }).cause);
  }
  return false;
}
