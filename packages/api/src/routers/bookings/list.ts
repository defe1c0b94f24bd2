import { listBookings } from '../../domain/bookings/queries';
import { bookingPageOutput, listBookingsInput } from '../../domain/bookings/schemas';
import { errorResponses } from '../../openapi-meta';
import { authedProcedure } from '../../trpc';

export const list = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/bookings',
      tags: ['bookings'],
      summary: 'Bookings you can see (client: yours and your cars’ rentals; staff: stock; admin: all)',
      protect: true,
      errorResponses: errorResponses(401),
    },
  })
  .input(listBookingsInput)
  .output(bookingPageOutput)
  .query(({ ctx, input: { limit, cursor, sort, ...filters } }) =>
    listBookings(ctx.db, ctx.auth.user, filters, { limit, cursor, sort }),
  );
