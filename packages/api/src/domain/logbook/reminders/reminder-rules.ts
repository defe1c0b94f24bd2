import { addDays, parseIsoDate } from '../../showroom/showroom-time';

export type ReminderStatus = 'upcoming' | 'due' | 'overdue' | 'done';

export interface ReminderDue {
  dueDate: string | null;
  dueKm: number | null;
  notifyDaysBefore: number;
  notifyKm: number;
  done: boolean;
}

/**
 * Where a reminder stands on `today` with the car at `mileage`, whichever of date and distance
 * comes first: `overdue` once past the due date or distance, `due` from `notifyDaysBefore`
 * days or `notifyKm` km before it, `upcoming` before that; `done` once completed for good.
 * The worker's SQL (notify-due.ts) reads "due or overdue" the same way.
 */
export function reminderStatus(reminder: ReminderDue, today: string, mileage: number): ReminderStatus {
  if (reminder.done) return 'done';
  const { dueDate, dueKm } = reminder;
  if ((dueDate !== null && today > dueDate) || (dueKm !== null && mileage > dueKm)) return 'overdue';
  const byDate = dueDate !== null && today >= addDays(dueDate, -reminder.notifyDaysBefore);
  const byKm = dueKm !== null && mileage >= dueKm - reminder.notifyKm;
  return byDate || byKm ? 'due' : 'upcoming';
}

/** `date` plus whole months, the day clamped to the month's end (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(targetYear, 4)}-${pad(targetMonth)}-${pad(Math.min(day, lastDay))}`;
}

export interface Repeat {
  repeatMonths: number | null;
  repeatKm: number | null;
}

/**
 * The next occurrence of a repeating reminder, counted from when it was done (date and
 * odometer), not from when it was due: an oil change done early moves the next one earlier.
 * Null when it does not repeat (it is then done for good).
 */
export function rollForward(
  repeat: Repeat,
  completion: { at: string; km: number },
): { dueDate: string | null; dueKm: number | null } | null {
  if (repeat.repeatMonths === null && repeat.repeatKm === null) return null;
  return {
    dueDate: repeat.repeatMonths === null ? null : addMonths(completion.at, repeat.repeatMonths),
    dueKm: repeat.repeatKm === null ? null : completion.km + repeat.repeatKm,
  };
}
