import { describe, expect, it } from 'vitest';
import { normalizeVin, vinCheckDigit, vinProblem } from './vin';

// Real VINs (and the all-ones VIN, whose check digit is 1).
const valid = ['1M8GDM9AXKP042788', '11111111111111111', '1HGCM82633A004352'];

describe('vinProblem', () => {
  it.each(valid)('accepts %s', (vin) => {
    expect(vinProblem(vin)).toBeNull();
  });

  it.each(valid)('refuses %s with any one character of its check digit changed', (vin) => {
    for (const digit of '0123456789X') {
      if (digit === vin.charAt(8)) continue;
      const wrong = `${vin.slice(0, 8)}${digit}${vin.slice(9)}`;
      expect(vinProblem(wrong)).toMatch(/check digit/);
    }
  });

  it('refuses one character off elsewhere in a North American VIN', () => {
    expect(vinProblem('1M8GDM9AXKP042789')).toMatch(/check digit/);
    expect(vinProblem('2HGCM82633A004352')).toMatch(/check digit/);
  });

  it('does not check position 9 outside North America', () => {
    expect(vinProblem('WVWZZZ1JZXW000001')).toBeNull();
    expect(vinProblem('JH4KA3140HC000000')).toBeNull();
  });

  it.each([
    ['1M8GDM9AXKP04278', 'exactly 17 characters'],
    ['1M8GDM9AXKP0427888', 'exactly 17 characters'],
    ['1M8GDM9AXKP04278O', 'except I, O and Q'],
    ['WVWZZZ1JZXW00000I', 'except I, O and Q'],
    ['WVWZZZ1JZXW00000Q', 'except I, O and Q'],
    ['WVWZZZ1JZXW0000-1', 'except I, O and Q'],
  ])('refuses %s', (vin, message) => {
    expect(vinProblem(vin)).toContain(message);
  });
});

describe('normalizeVin', () => {
  it('upper-cases and drops whitespace', () => {
    expect(normalizeVin(' 1m8gdm9a xkp042788 ')).toBe('1M8GDM9AXKP042788');
  });
});

describe('vinCheckDigit', () => {
  it('computes X for a remainder of ten', () => {
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
    expect(vinCheckDigit('1HGCM82633A004352')).toBe('3');
  });
});
