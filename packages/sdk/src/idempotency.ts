import type { Operation } from '@trpc/client';

/** Printable ASCII, as HTTP header values may carry, and short enough for any server. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The call's idempotency key, if it has one; a malformed key is the caller's bug, so it throws. */
export function idempotencyKeyOf(op: Pick<Operation, 'context' | 'path'>): string | undefined {
  const key = op.context.idempotencyKey;
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    throw new TypeError(
      `${op.path}: context.idempotencyKey must be 1-255 visible ASCII characters (such as a UUID), not ${JSON.stringify(key)}.`,
    );
  }
  return key;
}
