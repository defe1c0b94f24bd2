import type { Interval } from '../showroom/rules';
import { addDays, startOfLocalDay } from '../showroom/showroom-time';

/** Test drives are one hour; their opening hours, notice and buffer are the showroom's (showroom/rules.ts). */
export { freeSlots, type Interval, overlaps, type Slot, TEST_DRIVE_MS, testDriveSlots } from '../showroom/rules';

/** [start, end) of a whole-day rental: from the first day's midnight to the midnight after the last day. */
export function rentalDaysToInterval(startDate: string, endDate: string, timeZone: string): Interval {
  return { startAt: startOfLocalDay(startDate, timeZone), endAt: startOfLocalDay(addDays(endDate, 1), timeZone) };
}
