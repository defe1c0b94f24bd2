/** numeric(12,2): ten digits before the point. */
const priceFormat = /^(\d{1,10})(?:\.(\d{1,2}))?$/;

export const PRICE_PROBLEM = 'Price must be an amount like "12500" or "12500.50": digits, at most 2 decimals.';

/**
 * A price as the API stores and answers it: a decimal string with exactly two places
 * ("500" -> "500.00"), never a float, so cents survive every round trip. Null when the input
 * is not a non-negative amount with at most two decimals.
 */
export function normalizePrice(input: string): string | null {
  const match = priceFormat.exec(input.trim());
  if (!match) return null;
  const whole = (match[1] ?? '0').replace(/^0+(?=\d)/, '');
  const cents = (match[2] ?? '').padEnd(2, '0');
  return `${whole}.${cents}`;
}
