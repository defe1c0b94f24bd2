import type { DB } from '@carhub/db';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import { instant } from '../../period';

/** The longest window an availability search may span. */
export const MAX_AVAILABILITY_DAYS = 90;

/** `from` and `to` of "which cars are free from X to Y": both required, `from < to`, at most 90 days apart. */
export const availabilityWindowFields = {
  from: instant('from'),
  to: instant('to'),
};

export function availabilityWindowProblems(window: { from: Date; to: Date }, ctx: z.RefinementCtx): void {
  const span = window.to.getTime() - window.from.getTime();
  if (span <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be after from.' });
  else if (span > MAX_AVAILABILITY_DAYS * 24 * 60 * 60_000) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `The window from from to to may span at most ${MAX_AVAILABILITY_DAYS} days.`,
    });
  }
}

/**
 * The car has no pending or approved booking overlapping [from, to). Written as the exclusion
 * constraint's own index expression and predicate (literal statuses, tstzrange(start_at,
 * end_at) &&), so each car's check is one probe of its GiST index, whatever the table holds.
 */
export function freeDuring(eb: ExpressionBuilder<DB, 'cars'>, window: { from: Date; to: Date }): Expression<SqlBool> {
  return eb.not(
    eb.exists(
      eb
        .selectFrom('bookings')
        .select(sql`1`.as('one'))
        .whereRef('bookings.carId', '=', 'cars.id')
        .where(sql<SqlBool>`bookings.status in ('pending', 'approved')`)
        .where(
          sql<SqlBool>`tstzrange(bookings.start_at, bookings.end_at) && tstzrange(${window.from}::timestamptz, ${window.to}::timestamptz)`,
        ),
    ),
  );
}
