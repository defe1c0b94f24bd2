import { fromUnits, ratio, toUnits } from '../logbook-decimal';

/** A fill-up as the maths needs it: litres (3 places) and cost (2 places) as decimal strings. */
export interface FillUp {
  at: string;
  odometerKm: number;
  liters: string;
  totalCost: string;
  fullTank: boolean;
  /** A fill-up before this one was not recorded: the stretch it ends can't be measured. */
  missedPrevious: boolean;
}

/** The stretch between two full fills, with what was put in after the first up to the second. */
export interface ConsumptionSegment {
  fromAt: string;
  toAt: string;
  fromKm: number;
  toKm: number;
  distanceKm: number;
  liters: string;
  cost: string;
  litersPer100Km: string;
  kmPerLiter: string;
}

interface SegmentUnits {
  segment: ConsumptionSegment;
  milliliters: bigint;
  cents: bigint;
}

/**
 * Consumption the way LubeLogger and Fuelly measure it: only between two full fills. Every
 * fill after a full one, partial fills included, goes into the next full one, whose litres
 * over the distance since the previous full fill give L/100 km. A stretch with a missed
 * fill-up in it (or ending at one) is not measured, and the full fill that closes it starts
 * the next stretch. Fill-ups are taken in odometer order.
 */
export function consumptionSegments(fills: readonly FillUp[]): SegmentUnits[] {
  const ordered = [...fills].sort((a, b) => a.odometerKm - b.odometerKm || a.at.localeCompare(b.at));
  const segments: SegmentUnits[] = [];
  let baseline: FillUp | null = null;
  let milliliters = 0n;
  let cents = 0n;
  let broken = false;
  for (const fill of ordered) {
    if (fill.missedPrevious) broken = true;
    milliliters += toUnits(fill.liters, 3);
    cents += toUnits(fill.totalCost, 2);
    if (!fill.fullTank) continue;
    const distanceKm = baseline ? fill.odometerKm - baseline.odometerKm : 0;
    if (baseline && !broken && distanceKm > 0) {
      segments.push({
        milliliters,
        cents,
        segment: {
          fromAt: baseline.at,
          toAt: fill.at,
          fromKm: baseline.odometerKm,
          toKm: fill.odometerKm,
          distanceKm,
          liters: fromUnits(milliliters, 3),
          cost: fromUnits(cents, 2),
          // L/100 km = litres x 100 / km; km/L = km / litres.
          litersPer100Km: ratio(milliliters * 100n, 3, BigInt(distanceKm), 0, 2) ?? '0.00',
          kmPerLiter: ratio(BigInt(distanceKm), 0, milliliters, 3, 2) ?? '0.00',
        },
      });
    }
    baseline = fill;
    milliliters = 0n;
    cents = 0n;
    broken = false;
  }
  return segments;
}

export interface FuelStats {
  fillUps: number;
  totalLiters: string;
  totalCost: string;
  /** Distance of the measured stretches (between full fills). */
  measuredDistanceKm: number;
  measuredLiters: string;
  /** Over the measured stretches; null when there is none. */
  litersPer100Km: string | null;
  kmPerLiter: string | null;
  /** Fuel cost of the measured stretches per km, 3 places. */
  costPerKm: string | null;
  segments: ConsumptionSegment[];
}

/**
 * Totals of the fill-ups dated in [from, to) and consumption over the stretches that end in
 * it (a stretch may start before `from`: pass every fill-up before `to`).
 */
export function fuelStats(
  fills: readonly FillUp[],
  period: { from?: string | undefined; to?: string | undefined },
): FuelStats {
  const inPeriod = (at: string) => (!period.from || at >= period.from) && (!period.to || at < period.to);
  const counted = fills.filter((fill) => inPeriod(fill.at));
  const measured = consumptionSegments(fills).filter(({ segment }) => inPeriod(segment.toAt));
  const sum = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);
  const milliliters = sum(measured.map((s) => s.milliliters));
  const cents = sum(measured.map((s) => s.cents));
  const distance = BigInt(measured.reduce((total, s) => total + s.segment.distanceKm, 0));
  return {
    fillUps: counted.length,
    totalLiters: fromUnits(sum(counted.map((fill) => toUnits(fill.liters, 3))), 3),
    totalCost: fromUnits(sum(counted.map((fill) => toUnits(fill.totalCost, 2))), 2),
    measuredDistanceKm: Number(distance),
    measuredLiters: fromUnits(milliliters, 3),
    litersPer100Km: ratio(milliliters * 100n, 3, distance, 0, 2),
    kmPerLiter: milliliters === 0n ? null : ratio(distance, 0, milliliters, 3, 2),
    costPerKm: ratio(cents, 2, distance, 0, 3),
    segments: measured.map((s) => s.segment),
  };
}
