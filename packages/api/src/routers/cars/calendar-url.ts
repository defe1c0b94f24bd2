import { z } from 'zod';
import { auditUnlessOwn } from '../../domain/audit/audit';
import { isStaff } from '../../domain/auth/principal';
import { issueFeedSecret } from '../../domain/calendar/feed-queries';
import { feedUrl } from '../../domain/calendar/feed-secret';
import { canSeeStockCar, canUseGarageCar, carNotFound } from '../../domain/cars/policy';
import { findCar } from '../../domain/cars/queries';
import { carIdSchema } from '../../domain/cars/schemas';
import { AppError } from '../../errors';
import { errorResponses } from '../../openapi-meta';
import { queryFlag } from '../../query-params';
import { authedProcedure } from '../../trpc';

export const calendarUrlInput = z.object({
  id: carIdSchema,
  /** Issue a new URL; the old one stops working at once. */
  rotate: queryFlag.optional(),
});

export const calendarUrlOutput = z.object({ url: z.string() });

/** The car's secret iCalendar feed URL: for the owner of a garage car, staff for stock. */
export const calendarUrl = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/cars/{id}/calendar-url',
      tags: ['cars'],
      summary: 'The secret calendar-feed URL of a car (rotate: replace it)',
      protect: true,
      errorResponses: errorResponses(401, 403, 404),
    },
  })
  .input(calendarUrlInput)
  .output(calendarUrlOutput)
  .mutation(({ ctx, input }) =>
    ctx.db.transaction().execute(async (trx) => {
      const viewer = ctx.auth.user;
      const car = await findCar(trx, input.id);
      if (!car) throw carNotFound();
      if (car.ownerId !== null) {
        if (!canUseGarageCar(viewer, car)) throw carNotFound();
      } else if (!isStaff(viewer)) {
        if (!canSeeStockCar(viewer, car)) throw carNotFound();
        throw new AppError('FORBIDDEN', "Only staff can subscribe to a stock car's calendar.");
      }
      const secret = await issueFeedSecret(trx, {
        carId: car.id,
        key: ctx.settings.calendarFeedKey,
        rotate: input.rotate ?? false,
        userId: viewer.id,
      });
      // Rotating cuts off every calendar subscribed to the old URL: staff doing it to stock is on record.
      if (input.rotate) {
        const entry = {
          action: 'update',
          entity: 'car',
          entityId: car.id,
          after: { calendarFeedRotated: true },
        } as const;
        await auditUnlessOwn(trx, ctx.auth, entry, [car.ownerId]);
      }
      return { url: feedUrl(ctx.settings.publicUrl, secret) };
    }),
  );
