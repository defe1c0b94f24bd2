import { type Expression, type SqlBool, sql } from 'kysely';
import { z } from 'zod';

// What both engines store in a timestamptz; outside it PostgreSQL answers "out of range".
const EARLIEST = new Date('0001-01-01T00:00:00Z');
const LATEST = new Date('9999-12-31T23:59:59.999Z');

/** An instant: ISO 8601 on REST (query strings too), a Date over tRPC; years 1 to 9999. */
export const instant = (label: string) =>
  z.coerce
    .date<Date | string>(`${label} must be an ISO 8601 instant.`)
    .min(EARLIEST, `${label} must be in the years 1 to 9999.`)
    .max(LATEST, `${label} must be in the years 1 to 9999.`);

/** A period [from, to) of a list or report: from inclusive, to exclusive, each optional. */
export const periodFields = {
  from: instant('from').optional(),
  to: instant('to').optional(),
};

export function periodInOrder(input: { from?: Date | undefined; to?: Date | undefined }): boolean {
  return !input.from || !input.to || input.from.getTime() < input.to.getTime();
}

/** The refinement's issue when `to` is not after `from`: `.refine(periodInOrder, periodProblem)`. */
export const periodProblem = { path: ['to'], message: 'to must be after from.' };

export interface Period {
  /** Inclusive; none means since the beginning. */
  from?: Date | undefined;
  /** Exclusive; none means no end. */
  to?: Date | undefined;
}

/** SQL conditions for `column` in [from, to), e.g. `periodConditions('sales.soldAt', period)`. */
export function periodConditions(column: string, period: Period): Expression<SqlBool>[] {
  const ref = sql.ref(column);
  return [
    ...(period.from ? [sql<SqlBool>`${ref} >= ${period.from}`] : []),
    ...(period.to ? [sql<SqlBool>`${ref} < ${period.to}`] : []),
  ];
}
