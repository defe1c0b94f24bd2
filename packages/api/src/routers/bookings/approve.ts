import { runTransition } from '../../domain/bookings/run-transition';
import { bookingIdInput, bookingOutput } from '../../domain/bookings/schemas';
import { errorResponses } from '../../openapi-meta';
import { authedProcedure } from '../../trpc';

/** Staff or admin; a pending booking only. */
export const approve = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/bookings/{id}/approve',
      tags: ['bookings'],
      summary: 'Approve a pending test drive (staff)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404, 409),
    },
  })
  .input(bookingIdInput)
  .output(bookingOutput)
  .mutation(({ ctx, input }) => runTransition(ctx, input.id, 'approve'));
