import { type ApiErrorCode, isApiError } from '@carhub/sdk';

/** The server's own words for a failure, for a toast or a form. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Please try again.';
}

/** Per-field messages the API attached to a 400 (or a 409 about one field). */
export function fieldErrors(error: unknown): Record<string, string[]> {
  return isApiError(error) ? (error.fieldErrors ?? {}) : {};
}

export function isCode(error: unknown, code: ApiErrorCode): boolean {
  return isApiError(error, code);
}
