import { addDays, localClock, localDate, parseIsoDate, startOfLocalDay, zonedInstant } from './showroom-time';

/**
 * The showroom's rules for test drives, as pure functions of the settings row: which one-hour
 * starts a day offers and why a given start is refused. All in the showroom's zone, with
 * instants compared, so a day of 23 or 25 hours comes out right.
 */

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** `from` and `to` are local `HH:MM`; `to` may be `24:00` (midnight at the end of the day). */
export interface OpeningRange {
  from: string;
  to: string;
}

export interface ShowroomRules {
  timeZone: string;
  openingHours: Record<Weekday, OpeningRange[]>;
  /** `YYYY-MM-DD` dates the showroom is shut, whatever the weekday. */
  closedDates: string[];
  /** A test drive starts at least this long after the request. */
  minNoticeMinutes: number;
  /** Kept clear between two bookings of one stock car. */
  bufferMinutes: number;
}

export const TEST_DRIVE_MS = 60 * 60 * 1000;
const MINUTE_MS = 60_000;

/** Today's behaviour: 09:00-17:00 every day, no closed dates, no notice, no buffer. */
export function defaultShowroomRules(timeZone: string): ShowroomRules {
  const day = [{ from: '09:00', to: '17:00' }];
  return {
    timeZone,
    openingHours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
    closedDates: [],
    minNoticeMinutes: 0,
    bufferMinutes: 0,
  };
}

export interface Slot {
  startAt: Date;
  endAt: Date;
  localTime: string;
}

export interface Interval {
  startAt: Date;
  endAt: Date;
}

const dayNames: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** The weekday of a calendar date (the date itself, not an instant: no zone involved). */
export function weekdayOf(date: string): Weekday {
  const { year, month, day } = parseIsoDate(date);
  const sundayFirst = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekdays[(sundayFirst + 6) % 7] as Weekday;
}

export function clockMinutes(clock: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(clock);
  if (!match) throw new RangeError(`not a clock time: ${clock}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The instant of a local wall time; a time the clocks skip means the first one that exists after it. */
function localInstant(date: string, minutes: number, timeZone: string): Date {
  if (minutes >= 24 * 60) return startOfLocalDay(addDays(date, 1), timeZone);
  for (let m = minutes; m < 24 * 60; m++) {
    const instant = zonedInstant(date, Math.floor(m / 60), m % 60, timeZone);
    if (instant) return instant;
  }
  return startOfLocalDay(addDays(date, 1), timeZone);
}

function isClosedOn(date: string, rules: ShowroomRules): boolean {
  return rules.closedDates.includes(date) || rules.openingHours[weekdayOf(date)].length === 0;
}

/** The day's opening ranges as instants, in order (none on a closed day). */
export function openIntervals(date: string, rules: ShowroomRules): Interval[] {
  if (isClosedOn(date, rules)) return [];
  return rules.openingHours[weekdayOf(date)]
    .map((range) => ({
      startAt: localInstant(date, clockMinutes(range.from), rules.timeZone),
      endAt: localInstant(date, clockMinutes(range.to), rules.timeZone),
    }))
    .sort((a, b) => a.startAt.getTime() - b.startAt.getTime());
}

/** Every test-drive start of a local day by the opening hours alone: on the hour, the whole hour inside one range. */
export function testDriveSlots(date: string, rules: ShowroomRules): Slot[] {
  const open = openIntervals(date, rules);
  const slots: Slot[] = [];
  for (let hour = 0; hour < 24; hour++) {
    const startAt = zonedInstant(date, hour, 0, rules.timeZone);
    if (!startAt) continue;
    const endAt = new Date(startAt.getTime() + TEST_DRIVE_MS);
    if (open.some((r) => r.startAt <= startAt && endAt <= r.endAt)) {
      slots.push({ startAt, endAt, localTime: `${String(hour).padStart(2, '0')}:00` });
    }
  }
  return slots;
}

/** The earliest instant a test drive may start when asked at `now`. */
export function earliestStart(rules: ShowroomRules, now: Date): Date {
  return new Date(now.getTime() + rules.minNoticeMinutes * MINUTE_MS);
}

function hoursText(date: string, rules: ShowroomRules): string {
  const ranges = rules.openingHours[weekdayOf(date)];
  return `${ranges.map((r) => `${r.from}-${r.to}`).join(', ')} on ${dayNames[weekdayOf(date)]}s (${rules.timeZone})`;
}

/**
 * Why a test-drive start is refused by the showroom's calendar (closed that day, before
 * opening, after closing, in a break, too soon), or null when it is allowed. The buffer
 * against other bookings needs the car's calendar: see `bufferProblem`.
 */
export function testDriveStartProblem(startAt: Date, rules: ShowroomRules, now: Date): string | null {
  if (startAt.getTime() <= now.getTime()) return 'A test drive must start in the future.';
  const { timeZone } = rules;
  const date = localDate(startAt, timeZone);
  if (rules.closedDates.includes(date)) return `The showroom is closed on ${date}.`;
  const weekday = weekdayOf(date);
  if (rules.openingHours[weekday].length === 0) return `The showroom is closed on ${dayNames[weekday]}s.`;
  const clock = localClock(startAt, timeZone);
  const endClock = localClock(new Date(startAt.getTime() + TEST_DRIVE_MS), timeZone);
  if (!testDriveSlots(date, rules).some((s) => s.startAt.getTime() === startAt.getTime())) {
    if (!clock.endsWith(':00') || startAt.getTime() % MINUTE_MS !== 0) {
      return `A test drive starts on the hour (showroom time, ${timeZone}); ${clock} is not one.`;
    }
    const open = openIntervals(date, rules);
    const first = open[0];
    const last = open.at(-1);
    if (first && startAt < first.startAt) {
      return `Before opening: the showroom is open ${hoursText(date, rules)}; ${clock} is too early.`;
    }
    if (last && startAt.getTime() + TEST_DRIVE_MS > last.endAt.getTime()) {
      return `After closing: the showroom is open ${hoursText(date, rules)}; a test drive from ${clock} would end at ${endClock}.`;
    }
    return `During a break: the showroom is open ${hoursText(date, rules)}; a test drive from ${clock} to ${endClock} doesn't fit.`;
  }
  const earliest = earliestStart(rules, now);
  if (startAt < earliest) {
    return `Too soon: test drives are booked at least ${rules.minNoticeMinutes} minutes ahead (now: from ${earliest.toISOString()}).`;
  }
  return null;
}

/** The car's pending/approved bookings around a new one: their time and the end they hold (with their own buffer). */
export interface HeldInterval extends Interval {
  heldUntil: Date;
}

/**
 * Why [startAt, endAt) is too close to one of the car's other bookings under the buffer, or
 * null. Overlaps are left to the exclusion constraint (a 409 naming the clash); this is about
 * the gap: at least `bufferMinutes` on both sides, and past any buffer an existing booking
 * was made with.
 */
export function bufferProblem(
  interval: Interval,
  others: readonly HeldInterval[],
  bufferMinutes: number,
): string | null {
  const buffer = bufferMinutes * MINUTE_MS;
  for (const other of others) {
    const overlaps = other.startAt < interval.endAt && interval.startAt < other.endAt;
    if (overlaps) continue;
    const clearAfter = Math.max(other.endAt.getTime() + buffer, other.heldUntil.getTime());
    const tooSoonAfter = other.endAt <= interval.startAt && interval.startAt.getTime() < clearAfter;
    const tooCloseBefore =
      interval.endAt <= other.startAt && other.startAt.getTime() < interval.endAt.getTime() + buffer;
    if (tooSoonAfter || tooCloseBefore) {
      return `Too close to another booking of this car (${other.startAt.toISOString()} to ${other.endAt.toISOString()}): the showroom keeps ${bufferMinutes} minutes between bookings.`;
    }
  }
  return null;
}

/**
 * The starts of the day still open: past the notice and, with the buffer, clear of the car's
 * other bookings; exactly the starts creation accepts (testDriveStartProblem and bufferProblem).
 */
export function freeSlots(
  slots: readonly Slot[],
  taken: readonly HeldInterval[],
  rules: ShowroomRules,
  now: Date,
): Slot[] {
  const earliest = earliestStart(rules, now);
  return slots.filter(
    (slot) =>
      slot.startAt.getTime() > now.getTime() &&
      slot.startAt >= earliest &&
      !taken.some((t) => t.startAt < slot.endAt && slot.startAt < t.endAt) &&
      bufferProblem(slot, taken, rules.bufferMinutes) === null,
  );
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.startAt.getTime() < b.endAt.getTime() && b.startAt.getTime() < a.endAt.getTime();
}
