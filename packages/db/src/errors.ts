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
