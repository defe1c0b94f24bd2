import type { Context } from '../../context';
import { AppError } from '../../errors';
import type { Viewer } from '../cars/policy';
import { enqueueBookingEvent } from './booking-events';
import { assertBookingVisible, assertMayActOnBooking } from './policy';
import { findBooking, updateBooking } from './queries';
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
 * One status change, in one transaction: the booking row locked (two actions on it queue),
 * then visibility (404), permission (403), the workflow (409 naming the current status), the
 * update and its outbox event.
 */
export function runTransition(
  ctx: Context & { auth: { user: Viewer } },
  id: string,
  action: StatusAction,
  reason: string | null = null,
): Promise<BookingOutput> {
  return ctx.db.transaction().execute(async (trx) => {
    const booking = await findBooking(trx, id, { forUpdate: true });
    assertBookingVisible(ctx.auth.user, booking);
    assertMayActOnBooking(ctx.auth.user, booking, action);
    const next = transition(booking, action, ctx.settings.now());
    if (!next.ok) throw new AppError('CONFLICT', next.message);
    const updated = await updateBooking(trx, id, {
      status: next.status,
      ...(handling.has(action) ? { handledBy: ctx.auth.user.id } : {}),
    });
    const car = { year: booking.carYear, make: booking.carMake, model: booking.carModel };
    const type = events[action];
    await enqueueBookingEvent(
      trx,
      updated,
      car,
      type === 'booking.declined' || type === 'booking.cancelled' ? { type, reason } : { type },
    );
    return updated;
  });
}
