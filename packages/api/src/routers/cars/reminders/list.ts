import { logbookCar, logbookToday } from '../../../domain/logbook/logbook-access';
import { listReminders, toReminderOutput } from '../../../domain/logbook/reminders/queries';
import { listRemindersInput, reminderPageOutput } from '../../../domain/logbook/reminders/schemas';
import { errorResponses } from '../../../openapi-meta';
import { authedProcedure } from '../../../trpc';

export const list = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/cars/{id}/reminders',
      tags: ['cars'],
      summary: "A car's reminders, each with its status (upcoming, due, overdue, done)",
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(listRemindersInput)
  .output(reminderPageOutput)
  .query(async ({ ctx, input }) => {
    const car = await logbookCar(ctx.db, ctx.auth.user, input.id);
    const page = await listReminders(ctx.db, car.id, input);
    const today = logbookToday(ctx.settings);
    return { items: page.items.map((r) => toReminderOutput(r, today, car.mileage)), nextCursor: page.nextCursor };
  });
