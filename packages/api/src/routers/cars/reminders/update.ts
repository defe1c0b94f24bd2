import { logbookCar, logbookToday } from '../../../domain/logbook/logbook-access';
import { toReminderOutput, updateReminder } from '../../../domain/logbook/reminders/queries';
import { reminderOutput, updateReminderInput } from '../../../domain/logbook/reminders/schemas';
import { errorResponses } from '../../../openapi-meta';
import { authedProcedure } from '../../../trpc';

export const update = authedProcedure
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/cars/{id}/reminders/{reminderId}',
      tags: ['cars'],
      summary: 'Change a reminder (a new due date or distance may be told about again)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(updateReminderInput)
  .output(reminderOutput)
  .mutation(({ ctx, input: { id, reminderId, ...changes } }) =>
    ctx.db.transaction().execute(async (trx) => {
      const car = await logbookCar(trx, ctx.auth.user, id, { lock: true });
      const row = await updateReminder(trx, car.id, reminderId, changes);
      return toReminderOutput(row, logbookToday(ctx.settings), car.mileage);
    }),
  );
