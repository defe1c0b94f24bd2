import { auditUnlessOwn } from '../../domain/audit/audit';
import { enqueueBookingEvent } from '../../domain/bookings/booking-events';
import { resolveBookingTime } from '../../domain/bookings/booking-time';
import { assertBufferClear, bufferMinutesFor } from '../../domain/bookings/buffer';
import { assertMayBookCar, bookingCustomer } from '../../domain/bookings/policy';
import { countActiveTestDrives, insertBooking, lockCarCalendar, lockCustomer } from '../../domain/bookings/queries';
import { bookingOutput, createBookingInput } from '../../domain/bookings/schemas';
import { findCar } from '../../domain/cars/queries';
import { idempotencyKeyHeaders } from '../../domain/idempotency/idempotency';
import { loadShowroom } from '../../domain/showroom/queries';
import { AppError } from '../../errors';
import { errorResponses } from '../../openapi-meta';
import { authedProcedure } from '../../trpc';

/** A client holds at most this many pending/approved test drives at once. */
export const MAX_ACTIVE_TEST_DRIVES = 3;

export const create = authedProcedure
  .meta({
    idempotent: true,
    openapi: {
      method: 'POST',
      path: '/bookings',
      tags: ['bookings'],
      summary: 'Book a rental or a test drive',
      protect: true,
      requestHeaders: idempotencyKeyHeaders,
      errorResponses: errorResponses(401, 403, 404, 409),
    },
  })
  .input(createBookingInput)
  .output(bookingOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.transaction().execute(async (trx) => {
      const viewer = ctx.auth.user;
      const now = ctx.settings.now();
      const car = await findCar(trx, input.carId);
      assertMayBookCar(viewer, car, input.kind);
      const customerId = bookingCustomer(viewer, car, input.customerId);
      const showroom = await loadShowroom(trx, ctx.settings.showroomTimeZone);
      const time = resolveBookingTime(input.kind, input, showroom, now);
      if (input.kind === 'test_drive' && (input.renterName || input.renterPhone || input.renterEmail)) {
        throw new AppError('BAD_REQUEST', 'Renter details belong to rentals.', {
          fieldErrors: { renterName: ['Renter details belong to rentals.'] },
        });
      }
      const customer = await lockCustomer(trx, customerId);
      if (!customer) {
        throw new AppError('NOT_FOUND', 'No such customer.', { fieldErrors: { customerId: ['No such user.'] } });
      }
      if (
        input.kind === 'test_drive' &&
        (await countActiveTestDrives(trx, customerId, now)) >= MAX_ACTIVE_TEST_DRIVES
      ) {
        throw new AppError(
          'CONFLICT',
          `At most ${MAX_ACTIVE_TEST_DRIVES} test drives can be pending or approved at once; cancel one first.`,
        );
      }
      // Creates for one car queue here, so the insert below never waits on another one's
      // uncommitted booking (see lockCarCalendar: that wait deadlocks under contention). The
      // car is judged again as it is now: sold or removed while this waited is a 409.
      assertMayBookCar(viewer, await lockCarCalendar(trx, car.id), input.kind);
      const bufferMinutes = bufferMinutesFor(car, showroom);
      await assertBufferClear(trx, car.id, time, bufferMinutes);
      // Rentals are recorded by whoever manages the car (the owner, or staff for stock), so they
      // need no approval; a test drive waits for staff.
      const approved = input.kind === 'rental';
      const booking = await insertBooking(trx, {
        carId: car.id,
        kind: input.kind,
        status: approved ? 'approved' : 'pending',
        ...time,
        bufferMinutes,
        customerId,
        customerName: customer.name,
        renterName: input.renterName ?? null,
        renterPhone: input.renterPhone ?? null,
        renterEmail: input.renterEmail ?? null,
        notes: input.notes ?? null,
        createdBy: viewer.id,
        handledBy: approved && car.ownerId === null ? viewer.id : null,
      });
      await enqueueBookingEvent(trx, booking, car, { type: 'booking.created' });
      await auditUnlessOwn(
        trx,
        ctx.auth,
        { action: 'create', entity: 'booking', entityId: booking.id, after: booking },
        [customerId, car.ownerId],
      );
      return booking;
    }),
  );
