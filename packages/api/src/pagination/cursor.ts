import { z } from 'zod';
import { AppError } from '../errors';

/** What a cursor carries: the sort it was made for, and the last row's sort key and id. */
export interface CursorPosition {
  sort: string;
  /** The sort key as the database printed it (`::text`), so no precision is lost on the way. */
  key: string;
  id: string;
}

const payloadSchema = z.strictObject({
  s: z.string().max(100),
  k: z.string().max(500),
  i: z.uuid(),
});

const base64url = /^[A-Za-z0-9_-]+$/;

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify({ s: position.sort, k: position.key, i: position.id })).toString('base64url');
}

export function invalidCursor(message = 'This cursor is not valid: start again from the first page.'): AppError {
  return new AppError('BAD_REQUEST', message, { fieldErrors: { cursor: [message] } });
}

/**
 * Reads a cursor back, refusing anything this module did not write: it must decode to exactly
 * the payload encodeCursor makes, for the sort it is used with. A cursor is only a position:
 * a hand-made one that passes these checks still only moves through rows the caller may see.
 */
export function decodeCursor(cursor: string, sort: string): CursorPosition {
  if (!base64url.test(cursor)) throw invalidCursor();
  const bytes = Buffer.from(cursor, 'base64url');
  // Node skips characters it can't decode; a cursor that does not re-encode to itself was altered.
  if (bytes.toString('base64url') !== cursor) throw invalidCursor();
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) throw invalidCursor();
  if (parsed.data.s !== sort) {
    throw invalidCursor('This cursor belongs to another sort order: start again from the first page.');
  }
  return { sort: parsed.data.s, key: parsed.data.k, id: parsed.data.i };
}
