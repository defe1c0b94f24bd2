/**
 * One set of value parsers for both engines, so a row reads the same whether it came
 * from `pg` or from embedded PGlite: int8 as a number (counts, sums of integers), numeric
 * as a decimal string (money keeps its cents exactly), DATE as the plain 'YYYY-MM-DD'
 * it is (pg would make it local midnight, PGlite UTC midnight), timestamptz as a Date.
 */
export const OID = {
  INT8: 20,
  NUMERIC: 1700,
  DATE: 1082,
} as const;

function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`int8 value ${value} does not fit a JavaScript number`);
  }
  return n;
}

export const typeParsers: Record<number, (value: string) => unknown> = {
  [OID.INT8]: parseInt8,
  [OID.NUMERIC]: (value) => value,
  [OID.DATE]: (value) => value,
};
