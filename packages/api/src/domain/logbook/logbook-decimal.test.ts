import { describe, expect, it } from 'vitest';
import { divideHalfUp, fromUnits, ratio, toUnits } from './logbook-decimal';

describe('logbook decimals', () => {
  it('reads and writes fixed places exactly', () => {
    expect(toUnits('45.5', 3)).toBe(45_500n);
    expect(toUnits('0.001', 3)).toBe(1n);
    expect(toUnits('12', 2)).toBe(1200n);
    expect(fromUnits(1n, 3)).toBe('0.001');
    expect(fromUnits(123_456n, 2)).toBe('1234.56');
    expect(fromUnits(7n, 0)).toBe('7');
    expect(() => toUnits('1.2345', 3)).toThrow(TypeError);
    expect(() => toUnits('-1', 2)).toThrow(TypeError);
  });

  it('sums money to the cent where floats would drift', () => {
    const cents = ['0.10', '0.20', '0.30'].map((v) => toUnits(v, 2)).reduce((a, b) => a + b, 0n);
    expect(fromUnits(cents, 2)).toBe('0.60');
    expect(0.1 + 0.2 + 0.3).not.toBe(0.6);
  });

  it('rounds half up', () => {
    expect(divideHalfUp(5n, 2n)).toBe(3n);
    expect(divideHalfUp(4n, 3n)).toBe(1n);
    expect(divideHalfUp(5n, 3n)).toBe(2n);
    // 45.5 L over 600 km = 7.583... L/100 km
    expect(ratio(toUnits('45.5', 3) * 100n, 3, 600n, 0, 2)).toBe('7.58');
    expect(ratio(1n, 0, 8n, 0, 2)).toBe('0.13');
    expect(ratio(1n, 0, 0n, 0, 2)).toBeNull();
  });
});
