/** A reading as the ordering rule sees it. */
export interface DatedKm {
  at: string;
  km: number;
}

export interface ReadingNeighbours {
  /** The highest reading on a date before the candidate's. */
  earlier: DatedKm | null;
  /** The lowest reading on a date after the candidate's. */
  later: DatedKm | null;
}

const km = (value: number) => `${value.toLocaleString('en-US')} km`;

/**
 * Odometers only go up: a reading may not be lower than one on an earlier date nor higher than
 * one on a later date. Readings of the same date are not ordered among themselves (a fill-up
 * and a service on one day). Returns the message naming the neighbour, or null when in order.
 */
export function readingOrderProblem(candidate: DatedKm, neighbours: ReadingNeighbours): string | null {
  const { earlier, later } = neighbours;
  if (earlier && candidate.km < earlier.km) {
    return `The odometer read ${km(earlier.km)} on ${earlier.at}: a reading of ${km(candidate.km)} on ${candidate.at} can't be lower.`;
  }
  if (later && candidate.km > later.km) {
    return `The odometer read ${km(later.km)} on ${later.at}: a reading of ${km(candidate.km)} on ${candidate.at} can't be higher.`;
  }
  return null;
}
