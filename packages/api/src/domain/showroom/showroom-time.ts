/**
 * Wall-clock maths in the showroom's time zone, with nothing but Intl: whole-day rentals
 * start at local midnight, test drives on the local hour. A day is not always 24 hours and
 * a local time may not exist (spring forward) or exist twice (fall back); these functions
 * say which instant is meant.
 */

export type IsoDate = `${number}-${number}-${number}`;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTime(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
export function offsetAt(instant: Date, timeZone: string): number {
  const w = wallTime(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

export function parseIsoDate(date: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [Number.NaN, 0, 0];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (!match || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return { year, month, day };
}

/** The calendar date an instant falls on in the zone. */
export function localDate(instant: Date, timeZone: string): IsoDate {
  const w = wallTime(instant, timeZone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}` as IsoDate;
}

/** `HH:MM` of an instant in the zone. */
export function localClock(instant: Date, timeZone: string): string {
  const w = wallTime(instant, timeZone);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

/**
 * The instant a local wall time names, or null when the clocks skip it. When the time
 * happens twice (clocks go back) the earlier instant is meant.
 */
export function zonedInstant(date: string, hour: number, minute: number, timeZone: string): Date | null {
  const { year, month, day } = parseIsoDate(date);
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  // The answer is naive minus the offset in force then; trying the offsets either side of
  // the naive guess covers every transition (none moves the offset twice within a day).
  const candidates = new Set<number>();
  for (const probe of [naive - 36e5 * 24, naive, naive + 36e5 * 24]) {
    candidates.add(naive - offsetAt(new Date(probe), timeZone));
  }
  const matches = [...candidates]
    .filter((t) => {
      const w = wallTime(new Date(t), timeZone);
      return w.year === year && w.month === month && w.day === day && w.hour === hour && w.minute === minute;
    })
    .sort((a, b) => a - b);
  return matches[0] === undefined ? null : new Date(matches[0]);
}

/** The first instant of a local calendar day (midnight, or later where midnight is skipped). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
    const instant = zonedInstant(date, Math.floor(minutes / 60), minutes % 60, timeZone);
    if (instant) return instant;
  }
  throw new RangeError(`no instant of ${date} exists in ${timeZone}`);
}

export function addDays(date: string, days: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const next = new Date(Date.UTC(year, month - 1, day + days));
  return next.toISOString().slice(0, 10) as IsoDate;
}
