import { describe, expect, it } from 'vitest';
import { consumptionSegments, type FillUp, fuelStats } from './consumption';

const fill = (
  at: string,
  odometerKm: number,
  liters: string,
  totalCost: string,
  fullTank = true,
  missedPrevious = false,
): FillUp => ({
  at,
  odometerKm,
  liters,
  totalCost,
  fullTank,
  missedPrevious,
});

// Worked by hand:
// 10,000 full (baseline) -> 10,300 partial 20 L -> 10,600 full 25.5 L: 600 km on 45.5 L
//   = 7.583 L/100 km, 13.187 km/L, 31.10 + 39.99 = 71.09;
// 11,500 full after a missed fill: not measured, new baseline;
// 12,000 full 35.123 L: 500 km = 7.0246 L/100 km, 14.2357 km/L.
// Measured: 1,100 km on 80.623 L = 7.329 L/100 km, 13.644 km/L; 123.78 / 1,100 = 0.1125 per km.
const sequence = [
  fill('2026-01-01', 10_000, '40', '60.00'),
  fill('2026-01-08', 10_300, '20.000', '31.10', false),
  fill('2026-01-15', 10_600, '25.5', '39.99'),
  fill('2026-01-29', 11_500, '30.000', '45.00', true, true),
  fill('2026-02-05', 12_000, '35.123', '52.69'),
];

describe('fuel consumption', () => {
  it('measures between full fills, carrying partial fills into the next full one', () => {
    expect(consumptionSegments(sequence).map((s) => s.segment)).toEqual([
      {
        fromAt: '2026-01-01',
        toAt: '2026-01-15',
        fromKm: 10_000,
        toKm: 10_600,
        distanceKm: 600,
        liters: '45.500',
        cost: '71.09',
        litersPer100Km: '7.58',
        kmPerLiter: '13.19',
      },
      {
        fromAt: '2026-01-29',
        toAt: '2026-02-05',
        fromKm: 11_500,
        toKm: 12_000,
        distanceKm: 500,
        liters: '35.123',
        cost: '52.69',
        litersPer100Km: '7.02',
        kmPerLiter: '14.24',
      },
    ]);
  });

  it('totals a period exactly and averages over the measured stretches', () => {
    expect(fuelStats(sequence, {})).toMatchObject({
      fillUps: 5,
      totalLiters: '150.623',
      totalCost: '228.78',
      measuredDistanceKm: 1_100,
      measuredLiters: '80.623',
      litersPer100Km: '7.33',
      kmPerLiter: '13.64',
      costPerKm: '0.113',
    });
    // From Jan 20: two fill-ups counted, one stretch ending in it.
    expect(fuelStats(sequence, { from: '2026-01-20' })).toMatchObject({
      fillUps: 2,
      totalLiters: '65.123',
      totalCost: '97.69',
      measuredDistanceKm: 500,
      litersPer100Km: '7.02',
    });
    // A stretch that started before `from` still counts where it ends.
    expect(fuelStats(sequence, { from: '2026-01-10', to: '2026-01-20' })).toMatchObject({
      fillUps: 1,
      measuredDistanceKm: 600,
      litersPer100Km: '7.58',
    });
  });

  it('has no consumption without two full fills, and sums money to the cent', () => {
    const stats = fuelStats(
      [
        fill('2026-01-01', 100, '10.1', '0.10', false),
        fill('2026-01-02', 200, '10.2', '0.20'),
        fill('2026-01-03', 300, '10.3', '0.30', false),
      ],
      {},
    );
    expect(stats).toMatchObject({
      fillUps: 3,
      totalLiters: '30.600',
      totalCost: '0.60',
      measuredDistanceKm: 0,
      litersPer100Km: null,
      kmPerLiter: null,
      costPerKm: null,
      segments: [],
    });
  });

  it('takes fill-ups in odometer order whatever order they come in', () => {
    const shuffled = [sequence[4], sequence[1], sequence[3], sequence[0], sequence[2]] as FillUp[];
    expect(fuelStats(shuffled, {}).litersPer100Km).toBe('7.33');
  });
});
