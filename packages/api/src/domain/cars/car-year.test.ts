import { describe, expect, it } from 'vitest';
import { FIRST_CAR_YEAR, latestCarYear, yearProblem } from './car-year';

describe('yearProblem', () => {
  const now = new Date('2026-06-15T12:00:00Z');

  it.each([1886, 1999, 2026, 2027])('accepts %i in 2026', (year) => {
    expect(yearProblem(year, now)).toBeNull();
  });

  it.each([1885, 2028, 0, -1, 2000.5, Number.NaN])('refuses %d in 2026', (year) => {
    expect(yearProblem(year, now)).toBe('Year must be a whole number from 1886 to 2027.');
  });

  it('moves the upper bound with the clock', () => {
    expect(latestCarYear(new Date('2030-01-01T00:00:00Z'))).toBe(2031);
    expect(yearProblem(2031, new Date('2030-01-01T00:00:00Z'))).toBeNull();
    expect(FIRST_CAR_YEAR).toBe(1886);
  });
});
