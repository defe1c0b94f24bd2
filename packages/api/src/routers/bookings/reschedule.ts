import { auditUnlessOwn } from '../../domain/audit/audit';
import { enqueueBookingEvent } from '../../domain/bookings/booking-events';
import { resolveBookingTime } from '../../domain/bookings/booking-time';
import { assertBufferClear, bufferMinutesFor } from '../../domain/bookings/buffer';
import {
  assertBookingVisible,
  assertCarTakesBookings,
  assertMayActOnBooking,
  assertMayBookCar,
} from '../../domain/bookings/policy';
import { findBooking, lockCarCalendar, toBookingOutput, updateBooking } from '../../domain/bookings/queries';
import { bookingOutput, rescheduleBookingInput } from '../../domain/bookings/schemas';
import { transition } from '../../domain/bookings/status-rules';
import { carNotFound } from '../../domain/cars/policy';
import { loadShowroom } from '../../domain/showroom/queries';
import { AppError } from '../../errors';
import { errorResponses } from '../../openapi-meta';
import { authedProcedure } from '../../trpc';

/**
 * A new time (and for a rental possibly another car) under the rules of creation; the
 * exclusion constraint refuses a collision as it does for a new booking. A rescheduled test
 * drive waits for approval again; a rental keeps its status.
 */
export const reschedule = authedProcedure
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/bookings/{id}',
      tags: ['bookings'],
      summary: 'Move a pending or approved booking to another time (rentals: or car)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404, 409),
    },
  })
  .input(rescheduleBookingInput)
  .output(bookingOutput)
  .mutation(({ ctx, input: { id, carId, ...time } }) =>
    ctx.db.transaction().execute(async (trx) => {
      const viewer = ctx.auth.user;
      const now = ctx.settings.now();
      // The car the booking will be on is locked first (lockCarCalendar: queued with the creates
      // for that car, read as it is once our turn comes), then the booking: the order a sale
      // takes them in, so a sale and a reschedule queue instead of deadlocking.
      const seen = await findBooking(trx, id);
      assertBookingVisible(viewer, seen);
      const moves = carId !== undefined && carId !== seen.carId;
      if (moves && seen.kind !== 'rental') {
        throw new AppError('BAD_REQUEST', 'A test drive stays with its car; book the other car instead.', {
          fieldErrors: { carId: ['Only a rental can move to another car.'] },
        });
      }
      const target = await lockCarCalendar(trx, moves ? carId : seen.carId);
      const booking = await findBooking(trx, id, { forUpdate: true });
      assertBookingVisible(viewer, booking);
      if (booking.carId !== seen.carId) {
        throw new AppError('CONFLICT', 'This booking moved to another car meanwhile; try again.');
      }
      assertMayActOnBooking(viewer, booking, 'reschedule');
      const next = transition(booking, 'reschedule', now);
      if (!next.ok) throw new AppError('CONFLICT', next.message);
      // The new car under the rules of a new booking (yours, or staff for stock; bookable); the
      // same car must still take bookings (a sale since the booking was made ends that).
      if (moves) assertMayBookCar(viewer, target, 'rental');
      else if (!target) throw carNotFound();
      else assertCarTakesBookings(target);
      const car = target;

      const given = Object.values(time).some((value) => value !== undefined);
      // Moving only the car keeps the time as it was given (whole days stay whole days).
      const requested = given
        ? time
        : booking.startDate && booking.endDate
          ? { startDate: booking.startDate, endDate: booking.endDate }
          : { startAt: booking.startAt, endAt: booking.endAt };
      const showroom = await loadShowroom(trx, ctx.settings.showroomTimeZone);
      const newTime = resolveBookingTime(booking.kind, requested, showroom, now);
      // The new time is held with today's buffer (the settings in force when it was set).
      const bufferMinutes = bufferMinutesFor(car, showroom);
      await assertBufferClear(trx, car.id, newTime, bufferMinutes, id);
      const updated = await updateBooking(trx, id, {
        carId: car.id,
        ...newTime,
        bufferMinutes,
        status: next.status,
        // Back to pending: nobody has approved the new time yet.
        ...(next.status === 'pending' ? { handledBy: null } : {}),
      });
      await auditUnlessOwn(
        trx,
        ctx.auth,
        { action: 'update', entity: 'booking', entityId: id, before: toBookingOutput(booking), after: updated },
        [booking.customerId, booking.carOwnerId],
      );
      await enqueueBookingEvent(trx, updated, car, {
        type: 'booking.rescheduled',
        previous: { startAt: booking.startAt, endAt: booking.endAt },
      });
      return updated;
    }),
  );
