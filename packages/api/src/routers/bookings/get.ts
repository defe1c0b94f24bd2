import { assertBookingVisible } from '../../domain/bookings/policy';
import { findBooking, toBookingOutput } from '../../domain/bookings/queries';
import { bookingIdInput, bookingOutput } from '../../domain/bookings/schemas';
import { errorResponses } from '../../openapi-meta';
import { authedProcedure } from '../../trpc';

export const get = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/bookings/{id}',
      tags: ['bookings'],
      summary: 'One booking you can see',
      protect: true,
      errorResponses: errorResponses(401, 404),
    },
  })
  .input(bookingIdInput)
  .output(bookingOutput)
  .query(async ({ ctx, input }) => {
    const booking = await findBooking(ctx.db, input.id);
    assertBookingVisible(ctx.auth.user, booking);
    return toBookingOutput(booking);
  });
