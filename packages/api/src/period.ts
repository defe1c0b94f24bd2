import { z } from 'zod';

/** An instant: ISO 8601 on REST (query strings too), a Date over tRPC. */
export const instant = (label: string) => z.coerce.date<Date | string>(`${label} must be an ISO 8601 instant.`);

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
