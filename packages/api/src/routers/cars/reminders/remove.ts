import { logbookCar } from '../../../domain/logbook/logbook-access';
import { deleteReminder } from '../../../domain/logbook/reminders/queries';
import { reminderRefInput, removedReminderOutput } from '../../../domain/logbook/reminders/schemas';
import { errorResponses } from '../../../openapi-meta';
import { authedProcedure } from '../../../trpc';

export const remove = authedProcedure
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/cars/{id}/reminders/{reminderId}',
      tags: ['cars'],
      summary: 'Delete a reminder',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(reminderRefInput)
  .output(removedReminderOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.transaction().execute(async (trx) => {
      const car = await logbookCar(trx, ctx.auth.user, input.id, { lock: true });
      await deleteReminder(trx, car.id, input.reminderId);
      return { id: input.reminderId };
    }),
  );
