import { describe, expect, it } from 'vitest';
import { addDays, localClock, localDate, offsetAt, parseIsoDate, startOfLocalDay, zonedInstant } from './showroom-time';

describe('showroom time', () => {
  it('reads offsets in summer and winter', () => {
    expect(offsetAt(new Date('2026-07-01T12:00:00Z'), 'Europe/Berlin')).toBe(2 * 36e5);
    expect(offsetAt(new Date('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(36e5);
    expect(offsetAt(new Date('2026-07-01T12:00:00Z'), 'Asia/Karachi')).toBe(5 * 36e5);
    expect(offsetAt(new Date('2026-07-01T12:00:00Z'), 'America/St_Johns')).toBe(-2.5 * 36e5);
  });

  it('turns a local wall time into the instant it names', () => {
    expect(zonedInstant('2026-07-01', 9, 0, 'Europe/Berlin')?.toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(zonedInstant('2026-01-15', 9, 0, 'Europe/Berlin')?.toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(zonedInstant('2026-07-01', 9, 0, 'Asia/Karachi')?.toISOString()).toBe('2026-07-01T04:00:00.000Z');
    expect(zonedInstant('2026-07-01', 0, 0, 'UTC')?.toISOString()).toBe('2026-07-01T00:00:00.000Z');
  });

  it('knows a skipped time does not exist and picks the earlier of a repeated one', () => {
    // Berlin springs forward on 2026-03-29 at 02:00 -> 03:00 and falls back on 2026-10-25 at 03:00 -> 02:00.
    expect(zonedInstant('2026-03-29', 2, 30, 'Europe/Berlin')).toBeNull();
    expect(zonedInstant('2026-03-29', 3, 0, 'Europe/Berlin')?.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(zonedInstant('2026-03-29', 1, 0, 'Europe/Berlin')?.toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(zonedInstant('2026-10-25', 2, 30, 'Europe/Berlin')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedInstant('2026-10-25', 9, 0, 'Europe/Berlin')?.toISOString()).toBe('2026-10-25T08:00:00.000Z');
  });

  it('finds the start of a day, even where midnight is skipped', () => {
    expect(startOfLocalDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    // Santiago skips from 00:00 to 01:00 on the first Sunday of September.
    expect(startOfLocalDay('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('reads the local date and clock of an instant', () => {
    expect(localDate(new Date('2026-07-01T22:30:00Z'), 'Europe/Berlin')).toBe('2026-07-02');
    expect(localClock(new Date('2026-07-01T22:30:00Z'), 'Europe/Berlin')).toBe('00:30');
    expect(localDate(new Date('2026-07-01T22:30:00Z'), 'America/New_York')).toBe('2026-07-01');
  });

  it('does calendar arithmetic and refuses dates that do not exist', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(() => parseIsoDate('2026-02-30')).toThrow(RangeError);
    expect(() => parseIsoDate('2026-2-3')).toThrow(RangeError);
  });
});
