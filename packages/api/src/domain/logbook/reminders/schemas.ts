import { z } from 'zod';
import { defineKeyset, pageInputShape, pageOutput } from '../../../pagination/keyset';
import { bodyNumber } from '../../../query-params';
import { optionalText, requiredText } from '../../../text-fields';
import { carIdSchema } from '../../cars/schemas';
import { logDate, odometerKm } from '../logbook-schemas';

export const reminderIdSchema = z.uuid('Not a reminder id.');

const wholeNumber = (label: string, min: number, max: number) =>
  bodyNumber(
    z
      .number(`${label} must be a number.`)
      .int(`${label} must be a whole number.`)
      .min(min, `${label} must be from ${min} to ${max}.`)
      .max(max, `${label} must be from ${min} to ${max}.`),
  );

const reminderFields = {
  title: requiredText('Title', 200),
  dueDate: logDate('dueDate').nullish(),
  dueKm: odometerKm('dueKm').nullish(),
  /** Repeats every so many months after each completion. */
  repeatMonths: wholeNumber('repeatMonths', 1, 240).nullish(),
  /** Repeats every so many km after each completion. */
  repeatKm: wholeNumber('repeatKm', 1, 1_000_000).nullish(),
  notifyDaysBefore: wholeNumber('notifyDaysBefore', 0, 365).optional(),
  notifyKm: wholeNumber('notifyKm', 0, 100_000).optional(),
  notes: optionalText('Notes', 2000).nullish(),
};

const DUE_PROBLEM = 'Give dueDate, dueKm or both.';

export const createReminderInput = z
  .object({ id: carIdSchema, ...reminderFields })
  .refine((r) => (r.dueDate ?? null) !== null || (r.dueKm ?? null) !== null, {
    path: ['dueDate'],
    message: DUE_PROBLEM,
  });

export const updateReminderInput = z.object({
  id: carIdSchema,
  reminderId: reminderIdSchema,
  title: reminderFields.title.optional(),
  dueDate: reminderFields.dueDate,
  dueKm: reminderFields.dueKm,
  repeatMonths: reminderFields.repeatMonths,
  repeatKm: reminderFields.repeatKm,
  notifyDaysBefore: reminderFields.notifyDaysBefore,
  notifyKm: reminderFields.notifyKm,
  notes: reminderFields.notes,
});

export const reminderRefInput = z.object({ id: carIdSchema, reminderId: reminderIdSchema });

export const completeReminderInput = z.object({
  id: carIdSchema,
  reminderId: reminderIdSchema,
  /** When it was done (default today); a repeating reminder's next due date counts from it. */
  at: logDate('at').optional(),
  /** The odometer then (default the car's mileage); recorded as a reading when given. */
  odometerKm: odometerKm('odometerKm').optional(),
});

export const reminderStatusSchema = z.enum(['upcoming', 'due', 'overdue', 'done']);

export const reminderOutput = z.object({
  id: z.uuid(),
  carId: z.uuid(),
  title: z.string(),
  dueDate: z.string().nullable(),
  dueKm: z.number().int().nullable(),
  repeatMonths: z.number().int().nullable(),
  repeatKm: z.number().int().nullable(),
  notifyDaysBefore: z.number().int(),
  notifyKm: z.number().int(),
  notes: z.string().nullable(),
  /** Computed from today and the car's mileage. */
  status: reminderStatusSchema,
  /** The last completion. */
  completedAt: z.string().nullable(),
  completedKm: z.number().int().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export type ReminderOutput = z.infer<typeof reminderOutput>;

export const reminderKeyset = defineKeyset({
  id: 'reminders.id',
  keys: { createdAt: { column: 'reminders.createdAt', type: 'timestamptz' } },
  defaultSort: 'createdAt',
});

export const listRemindersInput = z.object({ id: carIdSchema, ...pageInputShape(reminderKeyset) });

export const reminderPageOutput = pageOutput(reminderOutput);

export const removedReminderOutput = z.object({ id: z.uuid() });
