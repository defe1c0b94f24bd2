import { normalizePrice } from '../cars/price';

export const COMMISSION_RATE_PROBLEM =
  'Commission rate must be a percentage from 0 to 100 with at most 2 decimals, like "5" or "7.25".';

/**
 * A commission rate as stored and answered: a decimal string with exactly two places
 * ("5" -> "5.00"), or null when the input is not a percentage from 0 to 100 with at most two
 * decimals. A string, like money (the same decimal rule), so no float ever rounds a rate.
 */
export function normalizeCommissionRate(input: string): string | null {
  const rate = normalizePrice(input);
  return rate !== null && Number(rate) <= 100 ? rate : null;
}
