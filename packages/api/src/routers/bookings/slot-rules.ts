import { addDays, localClock, localDate, startOfLocalDay, zonedInstant } from './showroom-time';

/** Test drives: one hour, on the hour, first start 09:00, last 16:00 showroom time. */
export const TEST_DRIVE_FIRST_HOUR = 9;
export const TEST_DRIVE_LAST_HOUR = 16;
export const TEST_DRIVE_MS = 60 * 60 * 1000;

export interface Slot {
  startAt: Date;
  endAt: Date;
  localTime: string;
}

export interface Interval {
  startAt: Date;
  endAt: Date;
}

/** Every test-drive start of a local day, whatever the clocks do that day. */
export function testDriveSlots(date: string, timeZone: string): Slot[] {
  const slots: Slot[] = [];
  for (let hour = TEST_DRIVE_FIRST_HOUR; hour <= TEST_DRIVE_LAST_HOUR; hour++) {
    const startAt = zonedInstant(date, hour, 0, timeZone);
    if (startAt)
      slots.push({
        startAt,
        endAt: new Date(startAt.getTime() + TEST_DRIVE_MS),
        localTime: `${String(hour).padStart(2, '0')}:00`,
      });
  }
  return slots;
}

/** Why a test-drive start is not allowed, or null when it is. */
export function testDriveStartProblem(startAt: Date, timeZone: string, now: Date): string | null {
  if (startAt.getTime() <= now.getTime()) return 'A test drive must start in the future.';
  const date = localDate(startAt, timeZone);
  const ok = testDriveSlots(date, timeZone).some((s) => s.startAt.getTime() === startAt.getTime());
  if (!ok) {
    return `A test drive starts on the hour between 09:00 and 16:00 showroom time (${timeZone}); ${localClock(startAt, timeZone)} is not one.`;
  }
  return null;
}

/** [start, end) of a whole-day rental: from the first day's midnight to the midnight after the last day. */
export function rentalDaysToInterval(startDate: string, endDate: string, timeZone: string): Interval {
  return { startAt: startOfLocalDay(startDate, timeZone), endAt: startOfLocalDay(addDays(endDate, 1), timeZone) };
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.startAt.getTime() < b.endAt.getTime() && b.startAt.getTime() < a.endAt.getTime();
}

/** The starts of the day still free: not past, not overlapping a taken interval. */
export function freeSlots(slots: Slot[], taken: Interval[], now: Date): Slot[] {
  return slots.filter((slot) => slot.startAt.getTime() > now.getTime() && !taken.some((t) => overlaps(slot, t)));
}
