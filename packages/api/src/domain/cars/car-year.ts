/** The Benz Patent-Motorwagen: no car is older. */
export const FIRST_CAR_YEAR = 1886;

/** Next year's models go on sale this year, so next year is the latest a car may be from. */
export function latestCarYear(now: Date = new Date()): number {
  return now.getUTCFullYear() + 1;
}

export function yearProblem(year: number, now: Date = new Date()): string | null {
  const latest = latestCarYear(now);
  if (!Number.isInteger(year) || year < FIRST_CAR_YEAR || year > latest) {
    return `Year must be a whole number from ${FIRST_CAR_YEAR} to ${latest}.`;
  }
  return null;
}
