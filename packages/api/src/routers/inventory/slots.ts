import { z } from 'zod';
import { heldIntervals } from '../../domain/bookings/queries';
import { assertStockCarVisible } from '../../domain/cars/policy';
import { findCar } from '../../domain/cars/queries';
import { carIdSchema } from '../../domain/cars/schemas';
import { loadShowroom } from '../../domain/showroom/queries';
import { freeSlots, testDriveSlots } from '../../domain/showroom/rules';
import { parseIsoDate } from '../../domain/showroom/showroom-time';
import { AppError } from '../../errors';
import { errorResponses } from '../../openapi-meta';
import { publicProcedure } from '../../trpc';

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
 * The free test-drive starts of one showroom-zone day, exactly those bookings.create accepts:
 * the day's opening hours (none on a closed day or date, whatever the clocks do that day),
 * less the past ones, those inside the notice, and those a pending or approved booking holds
 * or comes within the buffer of.
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
    const showroom = await loadShowroom(ctx.db, ctx.settings.showroomTimeZone);
    const { timeZone } = showroom;
    const car = await findCar(ctx.db, input.carId);
    assertStockCarVisible(ctx.auth?.user ?? null, car);
    try {
      parseIsoDate(input.date);
    } catch {
      throw new AppError('BAD_REQUEST', `${input.date} is not a calendar date.`, {
        fieldErrors: { date: ['Not a calendar date.'] },
      });
    }
    const day = testDriveSlots(input.date, showroom);
    const first = day[0];
    const last = day.at(-1);
    if (!first || !last) return { date: input.date, timeZone, slots: [] };
    const taken = await heldIntervals(ctx.db, car.id, {
      from: first.startAt,
      to: last.endAt,
      marginMinutes: showroom.bufferMinutes,
    });
    return { date: input.date, timeZone, slots: freeSlots(day, taken, showroom, ctx.settings.now()) };
  });
