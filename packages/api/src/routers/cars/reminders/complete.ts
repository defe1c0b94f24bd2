import { findCarOrThrow } from '../../../domain/cars/queries';
import { assertNotInFuture, logbookCar, logbookToday } from '../../../domain/logbook/logbook-access';
import { addReading } from '../../../domain/logbook/odometer/queries';
import {
  completeReminder,
  findReminder,
  reminderNotFound,
  toReminderOutput,
} from '../../../domain/logbook/reminders/queries';
import { rollForward } from '../../../domain/logbook/reminders/reminder-rules';
import { completeReminderInput, reminderOutput } from '../../../domain/logbook/reminders/schemas';
import { errorResponses } from '../../../openapi-meta';
import { authedProcedure } from '../../../trpc';

/**
 * Records that the reminder's job was done, on a date (default today) at an odometer value
 * (default the car's mileage; given, it is also a reading). A repeating reminder rolls
 * forward from then; one that does not repeat is done. The occurrence completed is never told
 * about afterwards.
 */
export const complete = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/cars/{id}/reminders/{reminderId}/complete',
      tags: ['cars'],
      summary: 'Mark a reminder done (a repeating one rolls forward from the date and odometer given)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(completeReminderInput)
  .output(reminderOutput)
  .mutation(({ ctx, input }) => {
    const today = logbookToday(ctx.settings);
    const at = input.at ?? today;
    assertNotInFuture(at, today);
    return ctx.db.transaction().execute(async (trx) => {
      let car = await logbookCar(trx, ctx.auth.user, input.id, { lock: true });
      const reminder = await findReminder(trx, car.id, input.reminderId, { forUpdate: true });
      if (!reminder) throw reminderNotFound();
      if (input.odometerKm !== undefined) {
        const note = `Done: ${reminder.title}`.slice(0, 500);
        await addReading(trx, { carId: car.id, at, km: input.odometerKm, note, source: 'manual' }, 'odometerKm');
        car = await findCarOrThrow(trx, car.id);
      }
      const completion = { at, km: input.odometerKm ?? car.mileage };
      const row = await completeReminder(trx, reminder.id, completion, rollForward(reminder, completion));
      return toReminderOutput(row, today, car.mileage);
    });
  });
