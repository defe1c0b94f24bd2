import { runTransition } from '../../domain/bookings/run-transition';
import { bookingIdInput, bookingOutput } from '../../domain/bookings/schemas';
import { errorResponses } from '../../openapi-meta';
import { authedProcedure } from '../../trpc';

/** Staff or admin; approved and begun only. */
export const noShow = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/bookings/{id}/no-show',
      tags: ['bookings'],
      summary: 'Mark an approved booking a no-show (staff)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404, 409),
    },
  })
  .input(bookingIdInput)
  .output(bookingOutput)
  .mutation(({ ctx, input }) => runTransition(ctx, input.id, 'noShow'));
