/**
 * A sale's commission: price x rate / 100, rounded half up to whole cents. Both inputs are
 * decimal strings with exactly two places (as prices and rates are stored), so the sum is done
 * in integer hundredths with BigInt: no float ever touches money. Half up on a non-negative
 * amount is what PostgreSQL's round(numeric) does too.
 */
export function commissionOf(price: string, rate: string): string {
  const priceCents = hundredths(price, 'price');
  const rateHundredths = hundredths(rate, 'rate');
  // cents x (percent x 100) / (100 x 100) = cents of commission, before rounding.
  const scaled = priceCents * rateHundredths;
  const cents = (scaled + 5_000n) / 10_000n;
  return `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
}

function hundredths(value: string, what: string): bigint {
  const match = /^(\d+)\.(\d{2})$/.exec(value);
  if (!match) throw new TypeError(`commissionOf: ${what} ${JSON.stringify(value)} is not a decimal with two places`);
  return BigInt(`${match[1]}${match[2]}`);
}
