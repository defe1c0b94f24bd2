import { describe, expect, it } from 'vitest';
import { normalizePrice } from './price';

describe('normalizePrice', () => {
  it.each([
    ['500', '500.00'],
    ['500.5', '500.50'],
    ['500.05', '500.05'],
    ['0', '0.00'],
    ['0.99', '0.99'],
    ['007.10', '7.10'],
    [' 12500 ', '12500.00'],
    ['9999999999.99', '9999999999.99'],
  ])('%j -> %j', (input, expected) => {
    expect(normalizePrice(input)).toBe(expected);
  });

  it.each(['-1', '1.234', '1,50', '1e3', '', '.5', '5.', 'abc', '12 500', '10000000000', '+5', 'NaN'])(
    'refuses %j',
    (input) => {
      expect(normalizePrice(input)).toBeNull();
    },
  );
});
