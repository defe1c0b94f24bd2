import type { Database } from '@carhub/db';
import { enqueue } from '../../notifications/enqueue';
import type { BookingPayload } from '../../notifications/events';
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

/** Writes the event to the outbox in the caller's transaction (pass `trx`). */
export async function enqueueBookingEvent(
  trx: Database,
  booking: BookingOutput,
  car: CarLabelFacts,
  event: BookingEvent,
): Promise<void> {
  const payload = payloadOf(booking, car);
  const recipients = recipientsOf(booking);
  switch (event.type) {
    case 'booking.declined':
    case 'booking.cancelled':
      await enqueue(trx, { type: event.type, recipients, payload: { ...payload, reason: event.reason } });
      return;
    case 'booking.rescheduled':
      await enqueue(trx, {
        type: event.type,
        recipients,
        payload: {
          ...payload,
          previousStartAt: event.previous.startAt.toISOString(),
          previousEndAt: event.previous.endAt.toISOString(),
        },
      });
      return;
    default:
      await enqueue(trx, { type: event.type, recipients, payload });
  }
}
