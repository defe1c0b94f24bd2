import { runTransition } from '../../domain/bookings/run-transition';
import { bookingOutput, reasonInput } from '../../domain/bookings/schemas';
import { errorResponses } from '../../openapi-meta';
import { authedProcedure } from '../../trpc';

/** Staff or admin; a pending booking only. The slot is free again at once. */
export const decline = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/bookings/{id}/decline',
      tags: ['bookings'],
      summary: 'Decline a pending booking (staff)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404, 409),
    },
  })
  .input(reasonInput)
  .output(bookingOutput)
  .mutation(({ ctx, input }) => runTransition(ctx, input.id, 'decline', input.reason ?? null));
