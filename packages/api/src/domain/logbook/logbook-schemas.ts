import { z } from 'zod';
import { bodyNumber } from '../../query-params';
import { normalizePrice } from '../cars/price';
import { parseIsoDate } from '../showroom/showroom-time';

/**
 * Fields the logbook areas share (odometer, fuel, services, reminders, costs): calendar dates
 * as `YYYY-MM-DD` strings (what the database's date type answers on both engines), money as
 * two-place decimal strings, distances as whole kilometres.
 */

function isCalendarDate(value: string): boolean {
  try {
    const { year } = parseIsoDate(value);
    return year >= 1886 && year <= 9999;
  } catch {
    return false;
  }
}

/** A calendar date, `YYYY-MM-DD`, from 1886 (the first car) on. */
export const logDate = (label: string) =>
  z
    .string(`${label} must be a date like "2026-03-31".`)
    .refine(isCalendarDate, `${label} must be a date like "2026-03-31" (from the year 1886).`);

/** A period of dates: `from` inclusive, `to` exclusive, each optional (query strings on REST). */
export const datePeriodFields = {
  from: logDate('from').optional(),
  to: logDate('to').optional(),
};

export function datePeriodInOrder(input: { from?: string | undefined; to?: string | undefined }): boolean {
  return !input.from || !input.to || input.from < input.to;
}

export const datePeriodProblem = { path: ['to'], message: 'to must be after from.' };

/** Whole kilometres on the odometer. */
export const odometerKm = (label: string) =>
  bodyNumber(
    z
      .number(`${label} must be a number.`)
      .int(`${label} must be a whole number of kilometres.`)
      .min(0, `${label} can not be negative.`)
      .max(10_000_000, `${label} must be at most 10,000,000 km.`),
  );

/** An amount of money: a decimal string with at most two places, answered with exactly two. */
export const moneySchema = (label: string) => {
  const problem = `${label} must be an amount like "49.90": digits, at most 2 decimals.`;
  return z
    .string(problem)
    .refine((value) => normalizePrice(value) !== null, problem)
    .transform((value) => normalizePrice(value) ?? value);
};
