import { describe, expect, it } from 'vitest';
import { definedFields } from './defined-fields';

describe('definedFields', () => {
  it('drops the keys left undefined and keeps null, false, zero and empty text', () => {
    expect(definedFields({ a: undefined, b: null, c: false, d: 0, e: '', f: 'x' })).toEqual({
      b: null,
      c: false,
      d: 0,
      e: '',
      f: 'x',
    });
  });

  it('answers an empty object when nothing was given', () => {
    expect(Object.keys(definedFields({ a: undefined }))).toEqual([]);
  });
});
