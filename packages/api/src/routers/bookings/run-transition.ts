import type { Database } from '@carhub/db';
import type { Context } from '../../context';
import { AppError } from '../../errors';
import type { ApiSettings } from '../../settings';
import type { Viewer } from '../cars/policy';
import { type BookingEvent, type CarLabelFacts, enqueueBookingEvent } from './booking-events';
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

export interface AppliedTransition {
  booking: BookingOutput;
  car: CarLabelFacts;
  /** What the change tells the customer: runTransition writes it to the outbox. */
  event: BookingEvent;
}

/**
 * The status change itself, in the caller's transaction: the booking row locked (two actions
 * on it queue), then visibility (404), permission (403), the workflow (409 naming the current
 * status) and the update. Its event is returned, not written: runTransition writes it in the
 * same transaction (kept apart so the outbox benchmark can time the change without it).
 */
export async function applyTransition(
  trx: Database,
  actor: { auth: { user: Viewer }; settings: Pick<ApiSettings, 'now'> },
  id: string,
  action: StatusAction,
  reason: string | null = null,
): Promise<AppliedTransition> {
  const booking = await findBooking(trx, id, { forUpdate: true });
  assertBookingVisible(actor.auth.user, booking);
  assertMayActOnBooking(actor.auth.user, booking, action);
  const next = transition(booking, action, actor.settings.now());
  if (!next.ok) throw new AppError('CONFLICT', next.message);
  const updated = await updateBooking(trx, id, {
    status: next.status,
    ...(handling.has(action) ? { handledBy: actor.auth.user.id } : {}),
  });
  const type = events[action];
  return {
    booking: updated,
    car: { year: booking.carYear, make: booking.carMake, model: booking.carModel },
    event: type === 'booking.declined' || type === 'booking.cancelled' ? { type, reason } : { type },
  };
}

/** One status change and its outbox event, in one transaction. */
export function runTransition(
  ctx: Context & { auth: { user: Viewer } },
  id: string,
  action: StatusAction,
  reason: string | null = null,
): Promise<BookingOutput> {
  return ctx.db.transaction().execute(async (trx) => {
    const { booking, car, event } = await applyTransition(trx, ctx, id, action, reason);
    await enqueueBookingEvent(trx, booking, car, event);
    return booking;
  });
}
