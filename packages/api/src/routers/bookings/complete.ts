import { runTransition } from '../../domain/bookings/run-transition';
import { bookingIdInput, bookingOutput } from '../../domain/bookings/schemas';
import { errorResponses } from '../../openapi-meta';
import { authedProcedure } from '../../trpc';

/** Staff for stock, the owner for their car's rentals; approved and begun only. */
export const complete = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/bookings/{id}/complete',
      tags: ['bookings'],
      summary: 'Mark an approved booking completed',
      protect: true,
      errorResponses: errorResponses(401, 403, 404, 409),
    },
  })
  .input(bookingIdInput)
  .output(bookingOutput)
  .mutation(({ ctx, input }) => runTransition(ctx, input.id, 'complete'));
