import { logbookCar, logbookToday } from '../../../domain/logbook/logbook-access';
import { insertReminder, toReminderOutput } from '../../../domain/logbook/reminders/queries';
import { createReminderInput, reminderOutput } from '../../../domain/logbook/reminders/schemas';
import { errorResponses } from '../../../openapi-meta';
import { authedProcedure } from '../../../trpc';

/** A reminder by date, by km or both (whichever comes first), optionally repeating. */
export const create = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/cars/{id}/reminders',
      tags: ['cars'],
      summary: 'Add a reminder (dueDate and/or dueKm; repeatMonths/repeatKm to repeat)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(createReminderInput)
  .output(reminderOutput)
  .mutation(({ ctx, input: { id, ...values } }) =>
    ctx.db.transaction().execute(async (trx) => {
      const car = await logbookCar(trx, ctx.auth.user, id, { lock: true });
      const row = await insertReminder(trx, car.id, {
        title: values.title,
        dueDate: values.dueDate ?? null,
        dueKm: values.dueKm ?? null,
        repeatMonths: values.repeatMonths ?? null,
        repeatKm: values.repeatKm ?? null,
        notifyDaysBefore: values.notifyDaysBefore ?? 14,
        notifyKm: values.notifyKm ?? 500,
        notes: values.notes ?? null,
      });
      return toReminderOutput(row, logbookToday(ctx.settings), car.mileage);
    }),
  );
