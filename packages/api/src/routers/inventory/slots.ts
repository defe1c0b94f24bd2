import { z } from 'zod';
import { AppError } from '../../errors';
import { errorResponses } from '../../openapi-meta';
import { publicProcedure } from '../../trpc';
import { takenIntervals } from '../bookings/queries';
import { freeSlots, testDriveSlots } from '../bookings/slot-rules';
import { assertStockCarVisible } from '../cars/policy';
import { findCar } from '../cars/queries';
import { carIdSchema } from '../cars/schemas';

export const slotsInput = z.object({
  carId: carIdSchema,
  date: z.iso.date('date must be a date such as 2027-03-28.'),
});

export const slotsOutput = z.object({
  date: z.string(),
  timeZone: z.string(),
  slots: z.array(z.object({ startAt: z.date(), endAt: z.date(), localTime: z.string() })),
});

/**
 * The free test-drive starts of one showroom-zone day: the day's hours (whatever the clocks
 * do that day) less the past ones and those a pending or approved booking holds.
 */
export const slots = publicProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/inventory/{carId}/slots',
      tags: ['inventory'],
      summary: 'Free one-hour test-drive starts of a day',
      protect: false,
      errorResponses: errorResponses(404),
    },
  })
  .input(slotsInput)
  .output(slotsOutput)
  .query(async ({ ctx, input }) => {
    const timeZone = ctx.settings.showroomTimeZone;
    const car = await findCar(ctx.db, input.carId);
    assertStockCarVisible(ctx.auth?.user ?? null, car);
    let day: ReturnType<typeof testDriveSlots>;
    try {
      day = testDriveSlots(input.date, timeZone);
    } catch {
      throw new AppError('BAD_REQUEST', `${input.date} is not a calendar date.`, {
        fieldErrors: { date: ['Not a calendar date.'] },
      });
    }
    const first = day[0];
    const last = day.at(-1);
    if (!first || !last) return { date: input.date, timeZone, slots: [] };
    const taken = await takenIntervals(ctx.db, car.id, first.startAt, last.endAt);
    return { date: input.date, timeZone, slots: freeSlots(day, taken, ctx.settings.now()) };
  });
