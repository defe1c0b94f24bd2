import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { defaultShowroomRules } from '../showroom/rules';
import { resolveBookingTime } from './booking-time';

const now = new Date('2027-03-27T12:00:00Z'); // 13:00 in Berlin, the day before spring forward
const tz = defaultShowroomRules('Europe/Berlin');

function problem(call: () => unknown): Record<string, string[]> | undefined {
  try {
    call();
  } catch (error) {
    if (error instanceof AppError) return error.fieldErrors;
    throw error;
  }
  return undefined;
}

describe('resolveBookingTime', () => {
  it('a test drive is the hour from its start', () => {
    const time = resolveBookingTime('test_drive', { startAt: new Date('2027-03-28T07:00:00Z') }, tz, now);
    expect(time).toEqual({
      startAt: new Date('2027-03-28T07:00:00Z'),
      endAt: new Date('2027-03-28T08:00:00Z'),
      startDate: null,
      endDate: null,
    });
  });

  it('refuses test drives given by dates, off the hour, or with another length', () => {
    expect(problem(() => resolveBookingTime('test_drive', { startDate: '2027-03-28' }, tz, now))).toHaveProperty(
      'startDate',
    );
    expect(
      problem(() => resolveBookingTime('test_drive', { startAt: new Date('2027-03-28T07:30:00Z') }, tz, now)),
    ).toHaveProperty('startAt');
    const twoHours = { startAt: new Date('2027-03-28T07:00:00Z'), endAt: new Date('2027-03-28T09:00:00Z') };
    expect(problem(() => resolveBookingTime('test_drive', twoHours, tz, now))).toHaveProperty('endAt');
  });

  it('whole days run from local midnight to the midnight after the last day (23 hours across spring forward)', () => {
    const time = resolveBookingTime('rental', { startDate: '2027-03-28', endDate: '2027-03-28' }, tz, now);
    expect(time.startAt.toISOString()).toBe('2027-03-27T23:00:00.000Z');
    expect(time.endAt.toISOString()).toBe('2027-03-28T22:00:00.000Z');
    expect([time.startDate, time.endDate]).toEqual(['2027-03-28', '2027-03-28']);
  });

  it('a rental starts today or later, ends after it starts, and is given one way only', () => {
    expect(resolveBookingTime('rental', { startDate: '2027-03-27', endDate: '2027-03-27' }, tz, now).startDate).toBe(
      '2027-03-27',
    );
    expect(
      problem(() => resolveBookingTime('rental', { startDate: '2027-03-26', endDate: '2027-03-28' }, tz, now)),
    ).toHaveProperty('startDate');
    expect(
      problem(() => resolveBookingTime('rental', { startDate: '2027-03-29', endDate: '2027-03-28' }, tz, now)),
    ).toHaveProperty('endDate');
    const backwards = { startAt: new Date('2027-04-01T10:00:00Z'), endAt: new Date('2027-04-01T10:00:00Z') };
    expect(problem(() => resolveBookingTime('rental', backwards, tz, now))).toHaveProperty('endAt');
    // 23:30 UTC on the 26th is 00:30 on the 27th in Berlin: today, so allowed.
    const justToday = { startAt: new Date('2027-03-26T23:30:00Z'), endAt: new Date('2027-03-27T10:00:00Z') };
    expect(resolveBookingTime('rental', justToday, tz, now).startAt).toEqual(justToday.startAt);
    const yesterday = { startAt: new Date('2027-03-26T22:30:00Z'), endAt: new Date('2027-03-27T10:00:00Z') };
    expect(problem(() => resolveBookingTime('rental', yesterday, tz, now))).toHaveProperty('startAt');
    const both = { startDate: '2027-04-01', endDate: '2027-04-01', startAt: new Date('2027-04-01T10:00:00Z') };
    expect(problem(() => resolveBookingTime('rental', both, tz, now))).toHaveProperty('startDate');
  });
});
