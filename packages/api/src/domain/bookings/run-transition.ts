import type { Database } from '@carhub/db';
import type { Auth, Context } from '../../context';
import { AppError } from '../../errors';
import { audit, auditUnlessOwn } from '../audit/audit';
import { isOnOffer } from '../cars/statuses';
import { type BookingEvent, type CarLabelFacts, enqueueBookingEvent } from './booking-events';
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

export interface AppliedTransition {
  booking: BookingOutput;
  car: CarLabelFacts;
  /** What the change tells the customer: applyTransition writes it to the outbox. */
  event: BookingEvent;
}

export interface TransitionOptions {
  now: Date;
  /** Told to the customer of a decline or cancel. */
  reason?: string | null;
}

/**
 * The status change itself, of a booking the caller has locked (findBooking with forUpdate),
 * in the caller's transaction: visibility (404), permission (403), the workflow (409 naming the
 * current status), the update and (staff acting for a customer) its audit row. Its event is
 * returned, not written: applyTransition writes it (kept apart so the outbox benchmark can time
 * the change without it).
 */
export async function changeStatus(
  trx: Database,
  auth: Pick<Auth, 'user'>,
  booking: BookingWithCar | undefined,
  action: StatusAction,
  options: TransitionOptions,
): Promise<AppliedTransition> {
  const viewer = auth.user;
  assertBookingVisible(viewer, booking);
  assertMayActOnBooking(viewer, booking, action);
  const next = transition(booking, action, options.now);
  if (!next.ok) throw new AppError('CONFLICT', next.message);
  if (action === 'approve' || action === 'complete') assertCarOnOffer(booking, action);
  const updated = await updateBooking(trx, booking.id, {
    status: next.status,
    ...(handling.has(action) ? { handledBy: viewer.id } : {}),
  });
  const entry = {
    action: 'update',
    entity: 'booking',
    entityId: booking.id,
    before: toBookingOutput(booking),
    after: updated,
  } as const;
  // Approving, declining, completing or marking a no-show is the showroom's act even on one's
  // own test drive (it counts in the actor's metrics); cancelling one's own booking is not.
  if (handling.has(action)) await audit(trx, auth, entry);
  else await auditUnlessOwn(trx, auth, entry, [booking.customerId, booking.carOwnerId]);
  const type = events[action];
  const reason = options.reason ?? null;
  return {
    booking: updated,
    car: { year: booking.carYear, make: booking.carMake, model: booking.carModel },
    event: type === 'booking.declined' || type === 'booking.cancelled' ? { type, reason } : { type },
  };
}

/**
 * A booking of stock that is sold or removed is not approved or completed (409 naming the
 * car's status); it can still be declined, cancelled or marked a no-show.
 */
function assertCarOnOffer(booking: BookingWithCar, action: 'approve' | 'complete'): void {
  if (booking.carOwnerId !== null || (booking.carStatus && isOnOffer(booking.carStatus))) return;
  throw new AppError(
    'CONFLICT',
    `This car is ${booking.carStatus}; a booking of a car no longer on offer can't be ${action === 'approve' ? 'approved' : 'completed'}.`,
  );
}

/** The status change and its outbox event, in the caller's transaction (a sale cancels bookings here). */
export async function applyTransition(
  trx: Database,
  auth: Pick<Auth, 'user'>,
  booking: BookingWithCar | undefined,
  action: StatusAction,
  options: TransitionOptions,
): Promise<BookingOutput> {
  const applied = await changeStatus(trx, auth, booking, action, options);
  await enqueueBookingEvent(trx, applied.booking, applied.car, applied.event);
  return applied.booking;
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
