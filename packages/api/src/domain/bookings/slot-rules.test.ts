import { describe, expect, it } from 'vitest';
import { rentalDaysToInterval } from './slot-rules';

const iso = (d: Date) => d.toISOString();

describe('whole-day rentals', () => {
  it('run from the first local midnight to the midnight after the last day', () => {
    const { startAt, endAt } = rentalDaysToInterval('2026-07-01', '2026-07-03', 'Europe/Berlin');
    expect(iso(startAt)).toBe('2026-06-30T22:00:00.000Z');
    expect(iso(endAt)).toBe('2026-07-03T22:00:00.000Z');
  });
  it('are 23 hours long over a spring-forward day', () => {
    const { startAt, endAt } = rentalDaysToInterval('2026-03-29', '2026-03-29', 'Europe/Berlin');
    expect(endAt.getTime() - startAt.getTime()).toBe(23 * 3_600_000);
  });
});
