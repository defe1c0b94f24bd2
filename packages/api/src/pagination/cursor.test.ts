import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { decodeCursor, encodeCursor } from './cursor';

const position = { sort: '-price', key: '12500.00', id: '0b7c3a52-41f2-4d55-9a8e-6c1f2b3a4d5e' };

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the cursor to be refused');
}

describe('cursors', () => {
  it('round-trip, opaque (base64url)', () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('price');
    expect(decodeCursor(cursor, '-price')).toEqual(position);
  });

  it('keep text keys exactly, whatever they hold', () => {
    const odd = { ...position, sort: 'make', key: 'Citroën "DS" / ünïcode ✓' };
    expect(decodeCursor(encodeCursor(odd), 'make')).toEqual(odd);
  });

  it('are refused with another sort', () => {
    const error = refusal(() => decodeCursor(encodeCursor(position), 'price'));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('another sort order');
    expect(error.fieldErrors).toEqual({ cursor: [error.message] });
  });

  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  it.each([
    ['not base64url', 'abc$def'],
    ['padding', `${encodeCursor(position)}=`],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['a JSON array', b64([1, 2])],
    ['a missing id', b64({ s: '-price', k: '1.00' })],
    ['an id that is no uuid', b64({ s: '-price', k: '1.00', i: 'x' })],
    ['an extra field', b64({ s: '-price', k: '1.00', i: position.id, admin: true })],
    ['a key of the wrong type', b64({ s: '-price', k: 1, i: position.id })],
    ['a flipped character', `${encodeCursor(position).slice(0, -3)}A${encodeCursor(position).slice(-2)}`],
  ])('are refused when tampered with: %s', (_name, cursor) => {
    expect(refusal(() => decodeCursor(cursor, '-price')).code).toBe('BAD_REQUEST');
  });
});
