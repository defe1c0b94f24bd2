import { describe, expect, it } from 'vitest';
import { commissionOf } from './commission';

describe('commissionOf', () => {
  it.each([
    // 19,999.99 x 2.5 % = 499.99975: half up to 500.00.
    ['19999.99', '2.50', '500.00'],
    ['10000.00', '5.00', '500.00'],
    // 0.10 x 5 % = 0.005: exactly half a cent rounds up.
    ['0.10', '5.00', '0.01'],
    // 0.09 x 5 % = 0.0045: under half a cent rounds down.
    ['0.09', '5.00', '0.00'],
    ['12345.67', '7.25', '895.06'],
    ['12345.67', '0.00', '0.00'],
    ['12345.67', '100.00', '12345.67'],
    ['0.00', '5.00', '0.00'],
    // The largest price a numeric(12,2) holds, at the largest rate: no precision lost.
    ['9999999999.99', '100.00', '9999999999.99'],
    // 3,332,999,999.996667 rounds up to the next whole cent.
    ['9999999999.99', '33.33', '3333000000.00'],
    ['1.00', '0.01', '0.00'],
    ['50.00', '0.01', '0.01'],
  ])('%s at %s percent is %s', (price, rate, expected) => {
    expect(commissionOf(price, rate)).toBe(expected);
  });

  it('refuses inputs that are not two-place decimals (a programming error, not user input)', () => {
    expect(() => commissionOf('100', '5.00')).toThrow(TypeError);
    expect(() => commissionOf('100.00', '5.5')).toThrow(TypeError);
    expect(() => commissionOf('-1.00', '5.00')).toThrow(TypeError);
  });
});
