import { z } from 'zod';
import { clockMinutes, weekdays } from '../../../domain/showroom/rules';
import { parseIsoDate } from '../../../domain/showroom/showroom-time';
import { bodyNumber } from '../../../query-params';

const clockSchema = z
  .string('A time must be text such as "09:00".')
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'A time is HH:MM, 00:00 to 24:00, such as "09:00".');

const rangeSchema = z
  .object({ from: clockSchema, to: clockSchema })
  .refine((r) => clockMinutes(r.from) < clockMinutes(r.to), 'A range must end after it starts ("09:00" to "17:00").');

const dayHoursSchema = z
  .array(rangeSchema, 'Each day is a list of ranges ([] when closed).')
  .max(6, 'At most 6 opening ranges a day.')
  .superRefine((ranges, ctx) => {
    const sorted = [...ranges].sort((a, b) => clockMinutes(a.from) - clockMinutes(b.from));
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1];
      const current = sorted[i];
      if (previous && current && clockMinutes(current.from) < clockMinutes(previous.to)) {
        ctx.addIssue({
          code: 'custom',
          message: `Ranges overlap: ${previous.from}-${previous.to} and ${current.from}-${current.to}.`,
        });
      }
    }
  })
  .transform((ranges) => [...ranges].sort((a, b) => clockMinutes(a.from) - clockMinutes(b.from)));

const openingHoursSchema = z.object(
  Object.fromEntries(weekdays.map((day) => [day, dayHoursSchema])) as Record<
    (typeof weekdays)[number],
    typeof dayHoursSchema
  >,
  'openingHours needs every weekday, mon to sun.',
);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const isCalendarDate = (date: string) => {
  try {
    parseIsoDate(date);
    return true;
  } catch {
    return false;
  }
};

export const showroomFields = {
  timeZone: z
    .string('timeZone must be text.')
    .max(64)
    .refine(isTimeZone, 'timeZone must be an IANA time zone such as "Europe/Berlin".'),
  openingHours: openingHoursSchema,
  closedDates: z
    .array(
      z
        .string('A closed date is text such as "2027-12-25".')
        .refine(isCalendarDate, 'A closed date is a calendar date such as "2027-12-25".'),
    )
    .max(1000, 'At most 1000 closed dates.')
    .transform((dates) => [...new Set(dates)].sort()),
  minNoticeMinutes: bodyNumber(
    z
      .number('minNoticeMinutes must be a number.')
      .int('minNoticeMinutes must be whole minutes.')
      .min(0, 'minNoticeMinutes can not be negative.')
      .max(525_600, 'minNoticeMinutes must be at most 525600 (a year).'),
  ),
  bufferMinutes: bodyNumber(
    z
      .number('bufferMinutes must be a number.')
      .int('bufferMinutes must be whole minutes.')
      .min(0, 'bufferMinutes can not be negative.')
      .max(1440, 'bufferMinutes must be at most 1440 (a day).'),
  ),
};

export const updateShowroomInput = z.object(showroomFields);

const rangeOutput = z.object({ from: z.string(), to: z.string() });

export const showroomOutput = z.object({
  timeZone: z.string(),
  openingHours: z.object(
    Object.fromEntries(weekdays.map((day) => [day, z.array(rangeOutput)])) as Record<
      (typeof weekdays)[number],
      z.ZodArray<typeof rangeOutput>
    >,
  ),
  closedDates: z.array(z.string()),
  minNoticeMinutes: z.number().int(),
  bufferMinutes: z.number().int(),
  updatedAt: z.date(),
});
