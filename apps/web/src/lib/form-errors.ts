import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { errorMessage, fieldErrors } from './api-error';

/**
 * Puts the API's per-field messages on the form's fields; returns the message for a toast
 * when the error is not about a field the form has.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): string | null {
  let placed = false;
  for (const [field, messages] of Object.entries(fieldErrors(error))) {
    if ((fields as readonly string[]).includes(field) && messages[0]) {
      setError(field as Path<T>, { type: 'server', message: messages[0] });
      placed = true;
    }
  }
  return placed ? null : errorMessage(error);
}
