import { z } from 'zod';
import { AppError } from './errors';

/** `limit` for every list: 1..100, default 20 (coerced: on REST it arrives as a query string). */
export const limitInput = z.coerce.number().int().min(1).max(100).default(20);

/**
 * An opaque keyset cursor: the sort it belongs to and the id of the last row shown. The query
 * re-reads that row's sort key, so the cursor never carries a timestamp rounded to
 * milliseconds (PostgreSQL keeps microseconds). Another sort's cursor or a mangled one is a 400.
 */
export function encodeCursor(sort: string, id: string): string {
  return Buffer.from(JSON.stringify({ s: sort, id })).toString('base64url');
}

const cursorShape = z.object({ s: z.string(), id: z.uuid() });

export function decodeCursor(cursor: string, sort: string): string {
  let parsed: z.infer<typeof cursorShape> | undefined;
  try {
    parsed = cursorShape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.s !== sort) {
    throw new AppError('BAD_REQUEST', 'Invalid cursor.', { fieldErrors: { cursor: ['Invalid cursor.'] } });
  }
  return parsed.id;
}

export function page<T extends { id: string }>(rows: T[], limit: number, sort: string) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(sort, last.id) : null };
}
