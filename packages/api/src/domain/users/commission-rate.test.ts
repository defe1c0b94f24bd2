import { describe, expect, it } from 'vitest';
import { normalizeCommissionRate } from './commission-rate';

describe('normalizeCommissionRate', () => {
  it.each([
    ['5', '5.00'],
    ['7.5', '7.50'],
    ['0', '0.00'],
    ['012.25', '12.25'],
    ['100', '100.00'],
    ['100.00', '100.00'],
    [' 3.1 ', '3.10'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normalizeCommissionRate(input)).toBe(expected);
  });

  it.each(['100.01', '101', '-1', '5.123', 'abc', '', '1e2', '5.'])('refuses %j', (input) => {
    expect(normalizeCommissionRate(input)).toBeNull();
  });
});
