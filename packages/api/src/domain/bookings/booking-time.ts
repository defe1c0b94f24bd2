import { AppError } from '../../errors';
import { type ShowroomRules, TEST_DRIVE_MS, testDriveStartProblem } from '../showroom/rules';
import { localDate, startOfLocalDay } from '../showroom/showroom-time';
import { rentalDaysToInterval } from './slot-rules';
import type { BookingKind } from './status-rules';

export interface RequestedTime {
  startDate?: string | undefined;
  endDate?: string | undefined;
  startAt?: Date | undefined;
  endAt?: Date | undefined;
}

export interface BookingTime {
  startAt: Date;
  endAt: Date;
  /** Set for whole-day rentals only. */
  startDate: string | null;
  endDate: string | null;
}

function refuse(field: keyof RequestedTime, message: string): never {
  throw new AppError('BAD_REQUEST', message, { fieldErrors: { [field]: [message] } });
}

const LAST_RENTAL_DATE = '9999-12-30';

/**
 * The interval a booking holds, from what the caller gave, by the rules of its kind: a test
 * drive is the hour from its start, on the hour inside the showroom's opening hours, not on a
 * closed date and at least the notice ahead (the buffer needs the car's calendar: checked under
 * its lock); a rental is whole showroom-zone days or exact times, starting today or later.
 * Shared by create and reschedule, so both obey the same rules.
 */
export function resolveBookingTime(
  kind: BookingKind,
  time: RequestedTime,
  showroom: ShowroomRules,
  now: Date,
): BookingTime {
  const { timeZone } = showroom;
  const hasDates = time.startDate !== undefined || time.endDate !== undefined;
  const hasTimes = time.startAt !== undefined || time.endAt !== undefined;
  if (kind === 'test_drive') {
    if (hasDates) refuse('startDate', 'A test drive is booked by its start (startAt), not by dates.');
    if (!time.startAt) refuse('startAt', 'A test drive needs startAt.');
    const problem = testDriveStartProblem(time.startAt, showroom, now);
    if (problem) refuse('startAt', problem);
    const endAt = new Date(time.startAt.getTime() + TEST_DRIVE_MS);
    if (time.endAt && time.endAt.getTime() !== endAt.getTime()) refuse('endAt', 'A test drive lasts exactly one hour.');
    return { startAt: time.startAt, endAt, startDate: null, endDate: null };
  }
  const today = localDate(now, timeZone);
  if (hasDates && hasTimes) refuse('startDate', 'Give either startDate and endDate, or startAt and endAt, not both.');
  if (hasDates) {
    if (!time.startDate) refuse('startDate', 'startDate is required with endDate.');
    if (!time.endDate) refuse('endDate', 'endDate is required with startDate.');
    if (time.endDate < time.startDate) refuse('endDate', 'endDate must be on or after startDate.');
    // The day after the last one ends the interval; a timestamp can't be in year 10000.
    if (time.endDate > LAST_RENTAL_DATE) refuse('endDate', `endDate must be ${LAST_RENTAL_DATE} or earlier.`);
    if (time.startDate < today) refuse('startDate', `A rental starts today (${today}) or later.`);
    const interval = rentalDaysToInterval(time.startDate, time.endDate, timeZone);
    return { ...interval, startDate: time.startDate, endDate: time.endDate };
  }
  if (!time.startAt) refuse('startAt', 'A rental needs startDate and endDate, or startAt and endAt.');
  if (!time.endAt) refuse('endAt', 'A rental needs startDate and endDate, or startAt and endAt.');
  if (time.endAt.getTime() <= time.startAt.getTime()) refuse('endAt', 'endAt must be after startAt.');
  if (time.startAt.getTime() < startOfLocalDay(today, timeZone).getTime()) {
    refuse('startAt', `A rental starts today (${today}) or later.`);
  }
  return { startAt: time.startAt, endAt: time.endAt, startDate: null, endDate: null };
}
