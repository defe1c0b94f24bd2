import type { Database } from '@carhub/db';
import { auditUnlessOwn } from '../../audit/audit';
import type { Auth, Context } from '../../context';
import { AppError } from '../../errors';
import { enqueueBookingEvent } from './booking-events';
import { assertBookingVisible, assertMayActOnBooking } from './policy';
import { type BookingWithCar, findBooking, toBookingOutput, updateBooking } from './queries';
import type { BookingOutput } from './schemas';
import { type BookingAction, transition } from './status-rules';

type StatusAction = Exclude<BookingAction, 'reschedule'>;

const events = {
  approve: 'booking.approved',
  decline: 'booking.declined',
  complete: 'booking.completed',
  noShow: 'booking.no_show',
  cancel: 'booking.cancelled',
} as const satisfies Record<StatusAction, string>;

/** The actions that record who handled the booking (a customer's cancel does not). */
const handling: ReadonlySet<StatusAction> = new Set(['approve', 'decline', 'complete', 'noShow']);

/**
 * One status change of a booking the caller has locked (findBooking with forUpdate): visibility
 * (404), permission (403), the workflow (409 naming the current status), the update, its
 * outbox event and (staff acting for a customer) its audit row, in the caller's transaction. A sale cancels the car's future bookings here too.
 */
export async function applyTransition(
  trx: Database,
  auth: Pick<Auth, 'user'>,
  booking: BookingWithCar | undefined,
  action: StatusAction,
  options: { now: Date; reason?: string | null },
): Promise<BookingOutput> {
  const viewer = auth.user;
  assertBookingVisible(viewer, booking);
  assertMayActOnBooking(viewer, booking, action);
  const next = transition(booking, action, options.now);
  if (!next.ok) throw new AppError('CONFLICT', next.message);
  const updated = await updateBooking(trx, booking.id, {
    status: next.status,
    ...(handling.has(action) ? { handledBy: viewer.id } : {}),
  });
  await auditUnlessOwn(
    trx,
    auth,
    { action: 'update', entity: 'booking', entityId: booking.id, before: toBookingOutput(booking), after: updated },
    [booking.customerId, booking.carOwnerId],
  );
  const car = { year: booking.carYear, make: booking.carMake, model: booking.carModel };
  const type = events[action];
  const reason = options.reason ?? null;
  await enqueueBookingEvent(
    trx,
    updated,
    car,
    type === 'booking.declined' || type === 'booking.cancelled' ? { type, reason } : { type },
  );
  return updated;
}

/** One status change in a transaction of its own, the booking row locked so two actions on it queue. */
export function runTransition(
  ctx: Context & { auth: Auth },
  id: string,
  action: StatusAction,
  reason: string | null = null,
): Promise<BookingOutput> {
  return ctx.db.transaction().execute(async (trx) => {
    const booking = await findBooking(trx, id, { forUpdate: true });
    return applyTransition(trx, ctx.auth, booking, action, { now: ctx.settings.now(), reason });
  });
}
