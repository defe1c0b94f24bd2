import { runTransition } from '../../domain/bookings/run-transition';
import { bookingOutput, reasonInput } from '../../domain/bookings/schemas';
import { errorResponses } from '../../openapi-meta';
import { authedProcedure } from '../../trpc';

/** The customer (their own), the owner (their car's rentals), staff (stock). The slot is free again at once. */
export const cancel = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/bookings/{id}/cancel',
      tags: ['bookings'],
      summary: 'Cancel a pending or approved booking',
      protect: true,
      errorResponses: errorResponses(401, 403, 404, 409),
    },
  })
  .input(reasonInput)
  .output(bookingOutput)
  .mutation(({ ctx, input }) => runTransition(ctx, input.id, 'cancel', input.reason ?? null));
