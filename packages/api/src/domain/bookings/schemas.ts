import type { BookingKindValue } from '@carhub/db';
import { z } from 'zod';
import { defineKeyset, type KeysetSort, pageInputShape, pageOutput } from '../../pagination';
import { instant, periodFields, periodInOrder, periodProblem } from '../../period';
import { optionalText } from '../../text-fields';
import { carIdSchema } from '../cars/schemas';
import { userIdSchema } from '../users/schemas';
import { bookingStatuses } from './status-rules';

export const bookingKinds = ['rental', 'test_drive'] as const satisfies readonly BookingKindValue[];
export type BookingKind = (typeof bookingKinds)[number];
export const bookingKindSchema = z.enum(bookingKinds, { error: 'kind must be rental or test_drive.' });
export const bookingStatusSchema = z.enum(bookingStatuses, {
  error: `status must be one of: ${bookingStatuses.join(', ')}.`,
});

export const bookingIdSchema = z.uuid('Not a booking id.');
/** A calendar date in the showroom zone. */
const isoDate = (label: string) => z.iso.date(`${label} must be a date such as 2027-03-28.`);

/** When a booking is: whole days, or exact instants (a test drive gives only its start). */
const whenFields = {
  startDate: isoDate('startDate').optional(),
  endDate: isoDate('endDate').optional(),
  startAt: instant('startAt').optional(),
  endAt: instant('endAt').optional(),
};

/**
 * One object, not a union: the REST adapter only takes z.object inputs. Which time fields a
 * kind takes is checked by resolveBookingTime (booking-time.ts), once for create and reschedule.
 */
export const createBookingInput = z.object({
  carId: carIdSchema,
  kind: bookingKindSchema,
  ...whenFields,
  /** Staff: the customer booked for. A client books for themselves. */
  customerId: userIdSchema.optional(),
  /** Rentals only: the renter, who may have no account. */
  renterName: optionalText('renterName', 200).nullish(),
  renterPhone: optionalText('renterPhone', 50).nullish(),
  renterEmail: z.email('renterEmail must be an e-mail address.').max(254).nullish(),
  notes: optionalText('notes', 2000).nullish(),
});

export type CreateBookingInput = z.infer<typeof createBookingInput>;

export const bookingIdInput = z.object({ id: bookingIdSchema });

export const reasonInput = z.object({
  id: bookingIdSchema,
  /** Told to the customer in the notification. */
  reason: optionalText('reason', 500).nullish(),
});

/** The new time (same shape as at creation) and, for rentals, possibly another car. */
export const rescheduleBookingInput = z.object({ id: bookingIdSchema, carId: carIdSchema.optional(), ...whenFields });

export const bookingOutput = z.object({
  id: z.uuid(),
  carId: z.uuid(),
  /** null once the customer's account is deleted (customerName keeps the name). */
  customerId: z.uuid().nullable(),
  customerName: z.string().nullable(),
  kind: bookingKindSchema,
  status: bookingStatusSchema,
  startAt: z.date(),
  endAt: z.date(),
  /** Whole-day rentals only: the showroom-zone dates as given. */
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  renterName: z.string().nullable(),
  renterPhone: z.string().nullable(),
  renterEmail: z.string().nullable(),
  createdBy: z.uuid().nullable(),
  /** Who approved, declined, completed or marked it a no-show. */
  handledBy: z.uuid().nullable(),
  notes: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export type BookingOutput = z.infer<typeof bookingOutput>;

export const bookingsKeyset = defineKeyset({
  id: 'bookings.id',
  keys: {
    startAt: { column: 'bookings.startAt', type: 'timestamptz' },
    createdAt: { column: 'bookings.createdAt', type: 'timestamptz' },
  },
  defaultSort: '-startAt',
});

export type BookingSort = KeysetSort<typeof bookingsKeyset>;

/** The filters of bookings.list and of the bookings CSV export. */
export const bookingFilterFields = {
  /** Bookings that overlap [from, to): ending after `from`, starting before `to`. */
  ...periodFields,
  status: bookingStatusSchema.optional(),
  kind: bookingKindSchema.optional(),
  carId: carIdSchema.optional(),
  customerId: userIdSchema.optional(),
};

export const listBookingsInput = z
  .object({ ...bookingFilterFields, ...pageInputShape(bookingsKeyset) })
  .refine(periodInOrder, periodProblem);

export const bookingPageOutput = pageOutput(bookingOutput);
