import type { Database } from '@carhub/db';
import { staffRoles } from '../auth/principal';
import { enqueue } from '../notifications/enqueue';
import type { BookingPayload } from '../notifications/events';
import type { BookingOutput } from './schemas';

export interface CarLabelFacts {
  year: number;
  make: string;
  model: string;
}

type SimpleEvent = 'booking.created' | 'booking.approved' | 'booking.completed' | 'booking.no_show';

function payloadOf(booking: BookingOutput, car: CarLabelFacts): BookingPayload {
  return {
    bookingId: booking.id,
    carId: booking.carId,
    kind: booking.kind,
    carLabel: `${car.year} ${car.make} ${car.model}`,
    startAt: booking.startAt.toISOString(),
    endAt: booking.endAt.toISOString(),
  };
}

/** The customer hears of every change to their booking (nobody, once their account is gone). */
function recipientsOf(booking: BookingOutput): string[] {
  return booking.customerId ? [booking.customerId] : [];
}

export type BookingEvent =
  | { type: SimpleEvent }
  | { type: 'booking.declined' | 'booking.cancelled'; reason: string | null }
  | { type: 'booking.rescheduled'; previous: { startAt: Date; endAt: Date } };

/** Every active staff member and admin: who approves test drives. */
async function showroomStaff(trx: Database): Promise<string[]> {
  const rows = await trx
    .selectFrom('users')
    .select('users.id')
    .where('users.role', 'in', staffRoles)
    .where('users.isActive', '=', true)
    .orderBy('users.id')
    .execute();
  return rows.map((row) => row.id);
}

/** A guest renter (no account, or not the customer's) hears of their rental's booking, move and cancellation by e-mail. */
function guestEmailsOf(booking: BookingOutput, event: BookingEvent): string[] {
  const told =
    event.type === 'booking.created' || event.type === 'booking.rescheduled' || event.type === 'booking.cancelled';
  return told && booking.kind === 'rental' && booking.renterEmail ? [booking.renterEmail] : [];
}

/**
 * Writes the event to the outbox in the caller's transaction (pass `trx`): to the customer,
 * the guest renter where there is one, and, for a test drive that now waits for approval (new
 * or moved), `booking.requested` to the staff.
 */
export async function enqueueBookingEvent(
  trx: Database,
  booking: BookingOutput,
  car: CarLabelFacts,
  event: BookingEvent,
): Promise<void> {
  const payload = payloadOf(booking, car);
  const recipients = recipientsOf(booking);
  const guestEmails = guestEmailsOf(booking, event);
  switch (event.type) {
    case 'booking.declined':
    case 'booking.cancelled':
      await enqueue(trx, { type: event.type, recipients, guestEmails, payload: { ...payload, reason: event.reason } });
      break;
    case 'booking.rescheduled':
      await enqueue(trx, {
        type: event.type,
        recipients,
        guestEmails,
        payload: {
          ...payload,
          previousStartAt: event.previous.startAt.toISOString(),
          previousEndAt: event.previous.endAt.toISOString(),
        },
      });
      break;
    default:
      await enqueue(trx, { type: event.type, recipients, guestEmails, payload });
  }
  const asksStaff = event.type === 'booking.created' || event.type === 'booking.rescheduled';
  if (asksStaff && booking.kind === 'test_drive' && booking.status === 'pending') {
    const previous = event.type === 'booking.rescheduled' ? event.previous : null;
    await enqueue(trx, {
      type: 'booking.requested',
      recipients: await showroomStaff(trx),
      payload: {
        ...payload,
        customerName: booking.customerName,
        previousStartAt: previous?.startAt.toISOString() ?? null,
        previousEndAt: previous?.endAt.toISOString() ?? null,
      },
    });
  }
}
