/**
 * Exact decimal sums for the logbook: money in cents and litres in millilitres as BigInt, so
 * no float ever touches an amount. Divisions round half up (as PostgreSQL's round(numeric)
 * does on non-negative values).
 */

/** A non-negative decimal string (at most `places` decimals) as an integer of 10^-places units. */
export function toUnits(value: string, places: number): bigint {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match || (match[2] ?? '').length > places) {
    throw new TypeError(`toUnits: ${JSON.stringify(value)} is not a decimal with at most ${places} places`);
  }
  return BigInt(`${match[1]}${(match[2] ?? '').padEnd(places, '0')}`);
}

/** An integer of 10^-places units as a decimal string with exactly `places` decimals. */
export function fromUnits(units: bigint, places: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(places + 1, '0');
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return negative ? `-${text}` : text;
}

/** numerator / denominator rounded half up (both non-negative, denominator > 0). */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('divideHalfUp: denominator must be positive');
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/**
 * `a / b` of two unit counts, as a decimal string with `places` decimals: `ratio(aUnits,
 * aPlaces, bUnits, bPlaces, places)`. Null when b is zero (no ratio to give).
 */
export function ratio(a: bigint, aPlaces: number, b: bigint, bPlaces: number, places: number): string | null {
  if (b === 0n) return null;
  // a·10^-aPlaces / (b·10^-bPlaces) in units of 10^-places.
  const numerator = a * 10n ** BigInt(bPlaces + places);
  const denominator = b * 10n ** BigInt(aPlaces);
  return fromUnits(divideHalfUp(numerator, denominator), places);
}
